import BuiltinFormats
import FiscalFormat
import FiscalModel
import FiscalQuery
import FiscalShell
import Foundation
import XCTest

@testable import FiscalStore

/// The same queries over the same corpus give the same tables on every engine: in memory, SQL
/// on the SQLite workspace and, when a server is given, SQL on PostgreSQL.
///
/// A translated query must run in SQL (the test fails if it quietly fell back to memory), and
/// its table must equal the in-memory one: columns, rows (amounts with their written decimals),
/// row order, the lines each row came from, and notes.
final class EngineDifferentialTests: XCTestCase {
    /// Queries the SQL engine translates, over every kind of example report.
    static let translated = [
        "facts | agg n = count()",
        "facts | where year = 2018 | group entity | agg n = count()",
        "facts | where code = \"201\" and measure = \"合计\" and statement = \"支出\" | group year | agg total = sum(amount), n = count()",
        "facts | where statement = \"一般公共预算财政拨款支出\" and code under 2013101 | group entity, year | agg s = sum(amount) | sort s desc",
        "facts | where unit = \"万元\" and amount > 1000 | sort amount desc | limit 10",
        "facts | where unit = \"元\" | top 5 by amount",
        "facts | where item ~ \"会议\" | sort entity, line | select entity, item, amount",
        "facts | where code under 2013101 or code in [\"2010101\", \"2010301\"] | sort code, amount desc",
        "facts | where derived = true | group entity | agg n = count()",
        "facts | where fund = null and statement != \"支出\" | group statement | agg n = count(), first = min(year), last = max(line) | sort n desc | limit 5",
        "facts | where phase = \"决算\" and not (year < 2020) | group entity, year | agg n = count() | sort year desc, n",
        "facts | where econ_code != null | group econ_code | agg n = count(), coded = count(code) | sort econ_code | limit 8",
        "facts | where disputed = true | sort entity",
        "facts | where entity = \"没有这个单位\" | group year | agg s = sum(amount)",
        "facts | where entity = \"没有这个单位\" | agg s = sum(amount), n = count()",
        "facts | where statement = \"支出\" and measure = \"合计\" and unit = \"万元\" | group 类 | sum amount",
        "facts | where year = 2018 and statement = \"一般公共预算财政拨款支出\" | group entity, 款 | agg n = count(), s = sum(amount) | sort s desc | limit 6",
        "facts | group 项 | agg n = count() | sort n desc, code",
        "事实 | where 计量单位 = \"万元\" and 年度 >= 2019 and 金额 <= 35.2 | sort 金额, item | limit 7",
        // drill: the scope chosen (statement, measure, latest year and phase, notes), stated
        // totals left out, shares, depths, a stated total that differs from its parts
        "drill",
        "drill 201",
        "drill 201 depth 3",
        "drill 一般公共服务支出 depth 2",
        "drill 208",
        "drill 999",
        "facts | where code under 201 | drill",
        "facts | where entity ~ \"武胜\" | drill depth 3",
        "facts | where year = 2019 and phase = \"决算\" | drill 201 depth 2",
        "facts | where statement = \"一般公共预算财政拨款支出\" and year = 2020 | drill 20131",
        "facts | where unit = \"万元\" and statement = \"支出\" | drill",
    ]

    /// Queries that run in memory under `--engine sql`, each with the stage the note names.
    static let inMemory: [(query: String, stage: String)] = [
        ("drill 201 | sort amount", "`sort`"),
        ("facts | where code under 201 | drill | limit 2", "`drill`"),
        ("facts | where code under 201 | group 类, 款 | agg n = count()", "`group`"),
        ("facts | top 5 by amount", "`sort amount`"),
        ("facts | where year = 2019 | group entity | agg s = sum(amount)", "`sum`"),
        ("facts | where amount / 2 > 10 | limit 3", "`where"),
        ("check | count", "the source"),
    ]

    /// The corpus imported once for every test of the class.
    nonisolated(unsafe) static var shared: Workspace?
    var workspace: Workspace!
    var session: Session!

    override func setUpWithError() throws {
        if Self.shared == nil {
            let workspace = try Workspace(path: Fixture.temporaryFolder() + "/corpus.fiscal", create: true)
            _ = try workspace.importSources(Fixture.asRead, registry: BuiltinFormats.registry)
            Self.shared = workspace
        }
        workspace = Self.shared
        session = Session()
        session.stores = [WorkspaceOpener()]
        try session.load([workspace.path])
    }

    /// The databases to compare: the workspace, and PostgreSQL when the environment names a server.
    func databases() throws -> [any SQLDatabase] {
        var out: [any SQLDatabase] = [SQLiteDatabase(workspace)]
        if let postgres = try PostgresTestServer.database(loading: workspace) { out.append(postgres) }
        return out
    }

    func testTranslatedQueriesGiveTheInMemoryTable() throws {
        var rowsCompared = 0
        for database in try databases() {
            // The corpus loading keeps as read: the documents' facts and the assembled ones agree.
            for executor in executors(database) {
            for text in Self.translated {
                let memory = try session.query(text)
                let query = try Parser.parse(Lexer.tokenize(text))
                guard case .table(let sql) = try executor.execute(query, in: session.context) else {
                    XCTFail("\(database.dialect): expected `\(text)` to run in SQL")
                    continue
                }
                XCTAssertEqual(sql.columns, memory.columns, "\(database.dialect): \(text)")
                XCTAssertEqual(written(sql), written(memory), "\(database.dialect): \(text)")
                XCTAssertEqual(sql.sources, memory.sources, "\(database.dialect): \(text)")
                XCTAssertEqual(sql.notes, memory.notes, "\(database.dialect): \(text)")
                XCTAssertEqual(sql, memory, "\(database.dialect): \(text)")
                rowsCompared += memory.rows.count
            }
            }
        }
        // The queries find rows (equal empty tables would prove nothing), and notes where the
        // corpus has disputed figures.
        XCTAssertGreaterThan(rowsCompared, 100)
        XCTAssertFalse(try session.query("facts | where disputed = true | sort entity").rows.isEmpty)
    }

    func testUntranslatedQueriesRunInMemoryAndSaySo() throws {
        for (text, stage) in Self.inMemory {
            session.engine = .memory
            let memory = Result { try session.query(text) }
            session.engine = .sql
            let sql = Result { try session.query(text) }
            switch (memory, sql) {
            case (.success(let m), .success(let s)):
                XCTAssertEqual(s.rows, m.rows, text)
                XCTAssertEqual(Array(s.notes.dropLast()), m.notes, text)
                let note = try XCTUnwrap(s.notes.last, text)
                XCTAssertTrue(note.hasPrefix("the sql engine cannot run \(stage)") && note.hasSuffix("this query ran in memory"), note)
            case (.failure(let m), .failure(let s)):
                XCTAssertEqual("\(s)", "\(m)", text)
            default:
                XCTFail("\(text): the engines disagree on success: \(memory) vs \(sql)")
            }
        }
        session.engine = .memory
    }

    /// A sum that the in-memory engine refuses is refused the same way under `--engine sql`.
    func testRefusalsAreTheInMemoryEnginesOwn() throws {
        assertBothEnginesRefuse("facts | where year = 2020 | group entity | agg total = sum(amount)",
                                saying: "cannot add a total to its own parts", in: session)
    }

    /// `text` fails on both engines of `session`, with the same error, which says `saying`.
    func assertBothEnginesRefuse(_ text: String, saying: String, in session: Session, line: UInt = #line) {
        session.engine = .memory
        let memory = Result { try session.query(text) }
        session.engine = .sql
        let sql = Result { try session.query(text) }
        session.engine = .memory
        guard case .failure(let m) = memory, case .failure(let s) = sql else {
            return XCTFail("expected both engines to refuse: \(memory) vs \(sql)", line: line)
        }
        XCTAssertEqual("\(s)", "\(m)", line: line)
        XCTAssertTrue("\(s)".contains(saying), "\(s)", line: line)
    }

    /// A sum of two breakdowns of one total is refused on every engine, never added in SQL. A
    /// 基本支出 table states its 100.00 by function (行政运行 60 + 机关服务 40) and again by economic
    /// class (工资福利支出 70 + 商品和服务支出 30), none of them a total line: the SQL engine's other
    /// guards let the sum through, and it added both, 200.00. The filter that keeps one breakdown
    /// runs in SQL and gives 100.00.
    func testTwoBreakdownsOfOneTotalAreRefusedOnEveryEngine() throws {
        let (session, databases) = try csvCorpus("""
            entity,year,phase,statement,item,code,econ_code,fund,measure,amount,unit
            测试局,2024,决算,基本支出,行政运行,2010101,,,,60.00,万元
            测试局,2024,决算,基本支出,机关服务,2010103,,,,40.00,万元
            测试局,2024,决算,基本支出,工资福利支出,,301,,,70.00,万元
            测试局,2024,决算,基本支出,商品和服务支出,,302,,,30.00,万元

            """, named: "two-breakdowns")
        let refused = "facts | sum amount", kept = "facts | where code != null | sum amount"
        assertBothEnginesRefuse(refused, saying: "cannot add two breakdowns of one total", in: session)
        let expected = try session.query(kept)
        XCTAssertEqual(written(expected), [["100.00"]])
        for database in databases {
            for executor in executors(database) {
                switch try executor.execute(try Parser.parse(Lexer.tokenize(refused)), in: session.context) {
                case .table(let t): XCTFail("\(database.dialect): summed in SQL: \(written(t))")
                case .notCompiled(_, let reason): XCTAssertEqual(reason, "the rows may hold two breakdowns of one total", "\(database.dialect)")
                }
                guard case .table(let t) = try executor.execute(try Parser.parse(Lexer.tokenize(kept)), in: session.context) else {
                    XCTFail("\(database.dialect): expected one breakdown to run in SQL")
                    continue
                }
                XCTAssertEqual(t, expected, "\(database.dialect)")
            }
        }
    }

    /// Past the provenance limit a SQL table keeps no lines per row, and its note says so in the
    /// reader's language (it was English in a Chinese session).
    func testRowsPastTheProvenanceLimitSaySoInTheReadersLanguage() throws {
        for database in try databases() {
            let executor = SQLExecutor(database: database, provenanceLimit: 1)
            for (language, words) in [(Language.english, "stated figures"), (.chinese, "出处行")] {
                session.options.language = language
                for text in ["facts | group year | agg n = count()", "drill"] {
                    guard case .table(let t) = try executor.execute(try Parser.parse(Lexer.tokenize(text)), in: session.context) else {
                        XCTFail("\(database.dialect): expected `\(text)` to run in SQL")
                        continue
                    }
                    XCTAssertFalse(t.rows.isEmpty, "\(database.dialect): \(text)")
                    XCTAssertTrue(t.sources.allSatisfy(\.isEmpty), "\(database.dialect): \(text)")
                    XCTAssertEqual(t.notes.filter { $0.contains(words) }.count, 1, "\(database.dialect) \(language): \(text): \(t.notes)")
                }
            }
        }
    }

    /// SQL with a wrong number of bound values is an error the query reports, never a crash of
    /// the process (GRDB's `arguments` setter traps on it; seen while writing drill's SQL).
    func testWrongArgumentCountIsAnError() throws {
        let database = SQLiteDatabase(workspace)
        XCTAssertThrowsError(try database.rows("SELECT ? + ?", [.integer(1)]))
        XCTAssertEqual(try database.rows("SELECT ? + ?", [.integer(1), .integer(2)]), [[.integer(3)]])
    }

    /// Without a workspace or database, `--engine sql` says what it needs.
    func testSQLEngineNeedsAStore() throws {
        let plain = Session()
        try plain.load([Fixture.wusheng])
        plain.engine = .sql
        XCTAssertThrowsError(try plain.query("facts | agg n = count()")) { error in
            XCTAssertTrue("\(error)".contains("the sql engine runs on a workspace or a database"), "\(error)")
        }
    }

    /// The table's cells as written (an amount's decimals included: `Value ==` compares by value).
    func written(_ table: ResultTable) -> [[String]] {
        table.rows.map { $0.map(\.description) }
    }
}

extension EngineDifferentialTests {
    /// Reports loaded besides the workspace's: SQL would answer for the workspace alone, so the
    /// query runs in memory over everything, and says why.
    func testOtherReportsLoadedRunInMemory() throws {
        let text = "facts | where year = 2018 | group entity | agg n = count()"
        try session.load([Fixture.wusheng])
        session.engine = .sql
        let result = try session.query(text)
        session.engine = .memory
        XCTAssertEqual(result.rows, try session.query(text).rows)
        XCTAssertEqual(result.notes.last, "the sql engine cannot run the source (reports other than the store's are loaded); this query ran in memory")
    }

    /// A workspace whose documents loading assembles (Jiangsu: a narrative and its tables merged,
    /// names made one) answers in SQL all the same: the import stored the assembled reports'
    /// facts, so SQL counts each figure once, as memory does.
    func testAssembledDocumentsRunInSQL() throws {
        let workspace = try Workspace(path: Fixture.temporaryFolder() + "/jiangsu.fiscal", create: true)
        _ = try workspace.importSources([Fixture.jiangsu], registry: BuiltinFormats.registry)
        let session = Session()
        session.stores = [WorkspaceOpener()]
        try session.load([workspace.path])
        XCTAssertNotEqual(session.assembly.reports, session.documents, "the folder's documents are assembled")
        let text = "facts | group entity | agg n = count()"
        session.engine = .sql
        let result = try session.query(text)
        session.engine = .memory
        let memory = try session.query(text)
        XCTAssertEqual(result, memory)
        XCTAssertEqual(memory.rows.count, 5, "five departments, each once: \(memory.rows)")
        XCTAssertEqual(result.notes, memory.notes, "ran in SQL, without a note that it fell back")
        // The documents as read hold more rows than the reports: SQL over them would have counted twice.
        let documents = try workspace.reading { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM facts") ?? 0 }
        let assembled = try workspace.reading { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM assembled_facts") ?? 0 }
        XCTAssertEqual(assembled, session.reports.reduce(0) { $0 + $1.facts.count })
        XCTAssertGreaterThan(documents, assembled)
    }

    /// Every example, narratives merged with their tables and repeats skipped included: each
    /// translated query that SQL answers (the guards send some to memory) gives the in-memory
    /// table on SQLite and PostgreSQL, over the assembled facts.
    func testAssembledCorpusGivesTheInMemoryTable() throws {
        let workspace = try Workspace(path: Fixture.temporaryFolder() + "/all.fiscal", create: true)
        _ = try workspace.importSources(Fixture.corpus, registry: BuiltinFormats.registry)
        let session = Session()
        session.stores = [WorkspaceOpener()]
        try session.load([workspace.path])
        XCTAssertNotEqual(session.assembly.reports, session.documents, "the corpus has documents that loading assembles")
        var databases: [any SQLDatabase] = [SQLiteDatabase(workspace)]
        if let postgres = try PostgresTestServer.database(loading: Fixture.corpus) { databases.append(postgres) }
        for database in databases {
            let executor = SQLExecutor.assembled(database)
            var ran = 0
            for text in Self.translated + ["facts | group entity | agg n = count()", "facts | group entity, year, phase | agg n = count() | sort n desc"] {
                let memory = try session.query(text)
                guard case .table(let sql) = try executor.execute(try Parser.parse(Lexer.tokenize(text)), in: session.context) else { continue }
                XCTAssertEqual(written(sql), written(memory), "\(database.dialect): \(text)")
                XCTAssertEqual(sql, memory, "\(database.dialect): \(text)")
                ran += 1
            }
            // Most run in SQL (an equal table from a query that fell back would prove nothing).
            XCTAssertGreaterThanOrEqual(ran, Self.translated.count / 2, "\(database.dialect)")
        }
    }

    /// User aliases assemble the entities otherwise than the import did: the query runs in memory
    /// and says why.
    func testAliasesRunInMemory() throws {
        session.aliases = EntityAliases([.init(alias: "武胜", entity: "中共武胜县委办公室")])
        session.engine = .sql
        let result = try session.query("facts | group entity | agg n = count()")
        session.engine = .memory
        XCTAssertEqual(result.notes.last, "the sql engine cannot run the source (entity aliases (`:alias`) make the entities other than those the store assembled); this query ran in memory")
    }

    /// Assembled facts that do not match the reports (a row gone, as another version's import
    /// could leave them): the query runs in memory and says why, never a wrong sum.
    func testStaleAssemblyRunsInMemory() throws {
        let workspace = try Workspace(path: Fixture.temporaryFolder() + "/stale.fiscal", create: true)
        _ = try workspace.importSources([Fixture.wusheng], registry: BuiltinFormats.registry)
        try workspace.database.write { db in
            try db.execute(sql: "DELETE FROM assembled_facts WHERE rowid = (SELECT MIN(rowid) FROM assembled_facts)")
        }
        let session = Session()
        session.stores = [WorkspaceOpener()]
        try session.load([workspace.path])
        session.engine = .sql
        let result = try session.query("facts | agg n = count()")
        session.engine = .memory
        XCTAssertEqual(result.rows, try session.query("facts | agg n = count()").rows)
        XCTAssertTrue(result.notes.last?.contains("assembled facts do not match its reports") == true, "\(result.notes)")
    }
}

/// The executors compared on `database`: over its documents' rows and over its assembled facts.
/// On PostgreSQL only the assembled facts: there `facts` leaves out the sources kept as columns
/// (`PostgresLayout`), and the shell never queries it.
func executors(_ database: any SQLDatabase) -> [SQLExecutor] {
    database.dialect == .postgres ? [SQLExecutor.assembled(database)] : [SQLExecutor(database: database), SQLExecutor.assembled(database)]
}
