import BuiltinFormats
import FiscalFormat
import FiscalModel
import FiscalPostgres
import FiscalShell
import Foundation
import XCTest

@testable import FiscalStore

/// A PostgreSQL database filled by `fiscal import … --into postgres://…` holds the same reports
/// as the sources, and re-importing replaces only what changed. Skipped (with a printed reason)
/// when `FISCAL_TEST_POSTGRES_URL` names no server.
final class PostgresTests: XCTestCase {
    func testReportsReadBackEqualTheSources() throws {
        guard let server = try PostgresTestServer.empty() else { throw XCTSkip("no PostgreSQL server (\(PostgresTestServer.variable))") }
        let outcomes = try server.importSources(Fixture.corpus, registry: BuiltinFormats.registry, format: nil, refresh: false) { _ in }
        // Every source is imported except the Jiangsu folder's README.md, which is no report.
        XCTAssertEqual(outcomes.filter { $0.kind != .imported }.map(\.path), [Fixture.jiangsu + "/README.md"])
        XCTAssertTrue(outcomes.filter { $0.kind != .imported }.allSatisfy { $0.kind == .skipped })
        let loaded = try BuiltinFormats.registry.load(paths: Fixture.corpus)
        let stored = try server.corpus()
        XCTAssertEqual(stored.reports, loaded.reports)
        XCTAssertEqual(canonical(stored.reports), canonical(loaded.reports))
        // Loading the folder names the README it skips; the database keeps its sources' warnings.
        XCTAssertEqual(stored.warnings, loaded.warnings.filter { $0.code != "skipped-file" })
        let span = loaded.reports[0].facts[0].span
        XCTAssertEqual(server.sourceText(span.file)?.line(span.line), SourceText(bytes: try FileSystem.read(span.file), path: span.file)?.line(span.line))
    }

    func testReimportReplacesOnlyTheChangedSource() throws {
        guard let server = try PostgresTestServer.empty() else { throw XCTSkip("no PostgreSQL server (\(PostgresTestServer.variable))") }
        let folder = Fixture.temporaryFolder()
        let a = folder + "/a.csv", b = folder + "/b.txt"
        let csv = try String(contentsOfFile: Fixture.csv, encoding: .utf8)
        try csv.write(toFile: a, atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(atPath: Fixture.wusheng, toPath: b)
        _ = try server.importSources([a, b], registry: BuiltinFormats.registry, format: nil, refresh: false) { _ in }
        let bIDs = try server.rows("SELECT r.id FROM reports r JOIN sources s ON s.id = r.source_id WHERE s.path = $1", [.text(b)])
        XCTAssertFalse(bIDs.isEmpty)
        var outcomes = try server.importSources([a, b], registry: BuiltinFormats.registry, format: nil, refresh: false) { _ in }
        XCTAssertEqual(outcomes.map(\.kind), [.unchanged, .unchanged])
        try csv.replacingOccurrences(of: "1080.50", with: "1080.70").write(toFile: a, atomically: true, encoding: .utf8)
        outcomes = try server.importSources([a, b], registry: BuiltinFormats.registry, format: nil, refresh: false) { _ in }
        XCTAssertEqual(outcomes.map(\.kind), [.replaced, .unchanged])
        XCTAssertEqual(try server.rows("SELECT r.id FROM reports r JOIN sources s ON s.id = r.source_id WHERE s.path = $1", [.text(b)]), bIDs)
        XCTAssertEqual(canonical(try server.corpus().reports), canonical(try BuiltinFormats.registry.load(paths: [a, b]).reports))
    }

    /// A failed import leaves the database as it was (one transaction).
    func testFailedImportLeavesTheDatabaseAsItWas() throws {
        guard let server = try PostgresTestServer.empty() else { throw XCTSkip("no PostgreSQL server (\(PostgresTestServer.variable))") }
        _ = try server.importSources([Fixture.wusheng], registry: BuiltinFormats.registry, format: nil, refresh: false) { _ in }
        let before = canonical(try server.corpus().reports)
        let bad = Fixture.temporaryFolder() + "/bad.json"
        try "{\"fiscal\": \"model\", \"version\": 1, \"reports\": [{\"entity\": 3}]}".write(toFile: bad, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try server.importSources([Fixture.csv, bad], registry: BuiltinFormats.registry, format: nil, refresh: false) { _ in })
        XCTAssertEqual(canonical(try server.corpus().reports), before)
        XCTAssertEqual(try server.totals().sources, 1)
    }

    /// `fiscal import … --into URL`, then `fiscal --db URL -e …` and `--engine sql` print what the sources give.
    func testCommandLineImportsIntoAndQueriesPostgreSQL() throws {
        guard let url = PostgresTestServer.url, try PostgresTestServer.empty() != nil else {
            throw XCTSkip("no PostgreSQL server (\(PostgresTestServer.variable))")
        }
        let sources = [Fixture.wusheng, Fixture.jiangsu]
        let imported = try Fixture.run(["import"] + sources + ["--into", url])
        XCTAssertEqual(imported.status, 0, imported.err)
        for q in ["drill 201", "facts | where code under 201 and measure = \"合计\" | sort amount desc | limit 3"] {
            let a = try Fixture.run(["-X", "-e", q] + sources)
            for engine in ["memory", "sql"] {
                let b = try Fixture.run(["-X", "--engine", engine, "--db", url, "-e", q])
                XCTAssertEqual(b.status, a.status, q)
                if engine == "memory" { XCTAssertEqual(b.out, a.out, q) }
                XCTAssertTrue(b.out.hasPrefix(a.out.components(separatedBy: "\nnote:")[0]), "\(engine): \(q)\n\(b.out)\n\(a.out)")
            }
        }
    }
}
