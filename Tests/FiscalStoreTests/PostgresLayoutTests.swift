import BuiltinFormats
import FiscalFormat
import FiscalModel
import FiscalPostgres
import FiscalShell
import Foundation
import TestSupport
import XCTest

@testable import FiscalStore

/// PostgreSQL's narrow layout (schema version 5, `PostgresLayout`): its views give exactly the
/// rows a workspace stores, a CSV source travels as its columns, a database of the earlier
/// layout is moved to it, and a database too large for memory answers every query itself.
/// Skipped (with a printed reason) when `FISCAL_TEST_POSTGRES_URL` names no server.
final class PostgresLayoutTests: XCTestCase {
    func server() throws -> PostgresServer {
        guard let server = try PostgresTestServer.empty() else { throw XCTSkip("no PostgreSQL server (\(PostgresTestServer.variable))") }
        return server
    }

    /// Amounts the fixed-point column cannot write (five decimals, beyond 64 bits at four), a
    /// negative one below one, and one in 元 in a file of 万元.
    func oddAmounts() throws -> String {
        let path = Fixture.temporaryFolder() + "/odd.csv"
        try """
            entity,year,phase,statement,item,code,econ_code,fund,measure,amount,unit
            示例县财政局,2021,决算,一般公共预算财政拨款支出,一般公共服务支出,201,,一般公共预算,,1.23456,万元
            示例县财政局,2021,决算,一般公共预算财政拨款支出,财政事务,20106,,一般公共预算,,-0.50,万元
            示例县财政局,2021,决算,一般公共预算财政拨款支出,行政运行,2010601,,一般公共预算,,98765432109876543.2,万元
            示例县财政局,2021,决算,一般公共预算财政拨款支出,机关服务,2010602,,,,12345,元

            """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// `assembled_facts` and `assembled_mentions`, views over the narrow tables, hold row for
    /// row what a workspace's tables of the same name hold for the same sources.
    func testViewsGiveTheRowsAWorkspaceStores() throws {
        let server = try server()
        let sources = Fixture.corpus + [try oddAmounts()]
        _ = try server.importSources(sources, registry: BuiltinFormats.registry, format: nil, refresh: false) { _ in }
        let workspace = try Workspace(path: Fixture.temporaryFolder() + "/w.fiscal", create: true)
        _ = try workspace.importSources(sources, registry: BuiltinFormats.registry) { _ in }
        let sqlite = SQLiteDatabase(workspace)
        let facts = """
            SELECT report_id, ordinal, seq, entity, year, phase, statement, item, code, econ_code, fund, measure, amount,
                   amount_e4, amount_scale, unit, derived, disputed, file, line, mention_count FROM assembled_facts ORDER BY seq
            """
        let mentions = """
            SELECT report_id, fact_ordinal, ordinal, file, line, start_col, end_col, amount, reading, unit, part
            FROM assembled_mentions ORDER BY report_id, fact_ordinal, ordinal
            """
        for sql in [facts, mentions] {
            let expected = try sqlite.rows(sql, [])
            let found = try server.rows(sql, [])
            XCTAssertGreaterThan(expected.count, 1000)
            XCTAssertEqual(found.count, expected.count)
            for (a, b) in zip(found, expected) where a != b {
                XCTFail("\(a)\nexpected \(b)")
                break
            }
        }
        // Not vacuous: facts with several mentions and amounts the fixed point cannot write went
        // through the narrow tables.
        XCTAssertGreaterThan(try server.rows("SELECT COUNT(*) FROM assembled_more_mentions", [])[0][0].int ?? 0, 0)
        XCTAssertEqual(try server.rows("SELECT COUNT(*) FROM assembled_rows WHERE amount_e4 IS NULL", [])[0][0].int, 2)
        // A first mention's amount is stored only where it differs from its fact's.
        XCTAssertEqual(try server.rows("SELECT COUNT(*) FROM assembled_rows WHERE m_amount IS NOT NULL", [])[0][0].int,
                       try sqlite.rows("""
                           SELECT COUNT(*) FROM assembled_mentions m JOIN assembled_facts f ON f.report_id = m.report_id AND f.ordinal = m.fact_ordinal
                           WHERE m.ordinal = 0 AND m.amount <> f.amount
                           """, [])[0][0].int)
        XCTAssertEqual(try server.rows("SELECT value FROM fiscal_meta WHERE key = 'assembled_facts'", [])[0][0].string,
                       String(try sqlite.rows("SELECT COUNT(*) FROM assembled_facts", [])[0][0].int ?? -1))
    }

    /// A query reading no label reads `assembled_rows` alone, and one reading a year joins the
    /// contexts only: at 10⁸ rows each join left out is a hash of every row saved.
    func testViewsJoinOnlyTheLabelsAQueryReads() throws {
        let server = try server()
        _ = try server.importSources([Fixture.csv], registry: BuiltinFormats.registry, format: nil, refresh: false) { _ in }
        func plan(_ sql: String) throws -> String {
            try server.rows("EXPLAIN " + sql, []).compactMap { $0.first?.string }.joined(separator: "\n")
        }
        let count = try plan("SELECT COUNT(*), SUM(amount_e4) FROM assembled_facts")
        XCTAssertFalse(count.contains("Join"), count)
        XCTAssertTrue(count.contains("assembled_rows"), count)
        let byYear = try plan("SELECT year, SUM(amount_e4) FROM assembled_facts GROUP BY year")
        XCTAssertTrue(byYear.contains("fact_contexts"), byYear)
        XCTAssertFalse(byYear.contains("fact_labels"), byYear)
    }

    /// A canonical CSV goes over as its columns: no row per fact in `facts`, and the reports
    /// read back from the columns are the ones loading the file gives.
    func testCSVTravelsAsColumns() throws {
        let server = try server()
        _ = try server.importSources([Fixture.csv, Fixture.wusheng], registry: BuiltinFormats.registry, format: nil, refresh: false) { _ in }
        let loaded = try BuiltinFormats.registry.load(paths: [Fixture.csv, Fixture.wusheng])
        let csvFacts = loaded.reports.filter { $0.source == Fixture.csv }.reduce(0) { $0 + $1.facts.count }
        let narrativeFacts = loaded.reports.filter { $0.source == Fixture.wusheng }.reduce(0) { $0 + $1.facts.count }
        XCTAssertGreaterThan(csvFacts, 0)
        XCTAssertEqual(try server.rows("SELECT CAST(SUM(facts) AS BIGINT), COUNT(*) FROM column_snapshots", [])[0], [.integer(Int64(csvFacts)), .integer(1)])
        XCTAssertEqual(try server.rows("SELECT COUNT(*) FROM facts", [])[0][0].int, Int64(narrativeFacts))
        XCTAssertEqual(try server.totals().facts, csvFacts + narrativeFacts)
        XCTAssertEqual(canonical(try server.corpus().reports), canonical(loaded.reports))
        XCTAssertEqual(try server.schemaVersion(), 5)
    }

    /// A database made by the earlier layout (assembled facts as wide tables, no `fiscal_meta`)
    /// is moved to the narrow one by the next import, and reads back whole.
    func testEarlierLayoutIsMovedByTheNextImport() throws {
        let server = try server()
        for statement in WorkspaceSchema.tables { _ = try server.rows(statement, []) }
        XCTAssertEqual(try server.schemaVersion(), 4)
        _ = try server.importSources([Fixture.wusheng], registry: BuiltinFormats.registry, format: nil, refresh: false) { _ in }
        XCTAssertEqual(try server.schemaVersion(), 5)
        _ = try server.importSources([Fixture.csv], registry: BuiltinFormats.registry, format: nil, refresh: false) { _ in }
        let loaded = try BuiltinFormats.registry.load(paths: [Fixture.wusheng, Fixture.csv])
        XCTAssertEqual(canonical(try server.corpus().reports), canonical(loaded.reports))
        let assembled = ReportAssembly(loaded.reports).reports.reduce(0) { $0 + $1.facts.count }
        XCTAssertEqual(try server.rows("SELECT COUNT(*) FROM assembled_facts", [])[0][0].int, Int64(assembled))
        XCTAssertEqual(try server.assembledFactCount(), assembled)
    }

    /// A database of a later layout is refused, and left as it was.
    func testLaterLayoutIsRefused() throws {
        let server = try server()
        _ = try server.importSources([Fixture.wusheng], registry: BuiltinFormats.registry, format: nil, refresh: false) { _ in }
        _ = try server.rows("UPDATE fiscal_meta SET value = '6' WHERE key = 'schema_version'", [])
        XCTAssertThrowsError(try server.importSources([Fixture.csv], registry: BuiltinFormats.registry, format: nil, refresh: false) { _ in }) { error in
            XCTAssertTrue("\(error)".contains("schema version 5 or earlier, found version 6"), "\(error)")
        }
        XCTAssertEqual(try server.totals().sources, 1)
    }

    /// Opened with more facts than `FISCAL_RESIDENT_FACTS`, the database answers every query
    /// itself, as the in-memory engine would; what it cannot run is an error (exit status 1),
    /// never an answer over no reports, and so is mixing it with files loaded beside it.
    func testDatabaseTooLargeForMemoryAnswersItself() throws {
        guard let url = PostgresTestServer.url, try PostgresTestServer.empty() != nil else {
            throw XCTSkip("no PostgreSQL server (\(PostgresTestServer.variable))")
        }
        let sources = [Fixture.wusheng, Fixture.csv]
        let imported = try Fixture.run(["import"] + sources + ["--into", url])
        XCTAssertEqual(imported.status, 0, imported.err)
        let lazy = ["FISCAL_RESIDENT_FACTS": "10"]
        for q in ["drill 201", "facts | group 类 | sum amount", "facts | where code under 201 and year = 2020 | sort amount desc | limit 3"] {
            let memory = try Fixture.run(["-X", "-e", q] + sources)
            XCTAssertEqual(memory.status, 0, memory.err)
            let database = try runFiscal(["-X", "--db", url, "-e", q], environment: lazy)
            XCTAssertEqual(database.status, 0, database.err)
            XCTAssertTrue(database.err.contains("more than 10 (FISCAL_RESIDENT_FACTS)"), database.err)
            XCTAssertEqual(database.out.components(separatedBy: "\nnote:")[0], memory.out.components(separatedBy: "\nnote:")[0], q)
            XCTAssertGreaterThan(database.out.split(separator: "\n").count, 3, q)
        }
        // Under the limit, the reports are read as before.
        let resident = try runFiscal(["-X", "--db", url, "-e", "warnings | agg n = count()"], environment: ["FISCAL_RESIDENT_FACTS": "100000"])
        XCTAssertEqual(resident.status, 0, resident.err)
        let untranslated = try runFiscal(["-X", "--db", url, "-e", "warnings | agg n = count()"], environment: lazy)
        XCTAssertEqual(untranslated.status, 1)
        XCTAssertTrue(untranslated.err.contains("cannot run in the database"), untranslated.err)
        XCTAssertEqual(untranslated.out, "")
        let mixed = try runFiscal(["-X", "--db", url, Fixture.wusheng, "-e", "facts | agg n = count()"], environment: lazy)
        XCTAssertEqual(mixed.status, 1)
        XCTAssertTrue(mixed.err.contains("cannot be queried together with the files loaded beside it"), mixed.err)
    }
}
