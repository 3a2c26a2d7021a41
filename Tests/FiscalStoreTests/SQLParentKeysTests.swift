import BuiltinFormats
import FiscalModel
import FiscalQuery
import FiscalShell
import Foundation
import XCTest

@testable import FiscalStore

/// The stated totals the SQL engine finds — left out when grouping on 类/款/项, marked by
/// `drill`, refused by the guards when a group holds one with its parts — are found by a join
/// on equalities with the parent keys (``SQLPlan/parentKeys(of:within:)``), and are the ones
/// the in-memory engine finds: a total whose parts are in another fund (or none, NULL beside
/// a fund), entity, year, phase, statement or measure is no total there; codes of 3, 5 and 7
/// digits, a 7-digit code right under a 3-digit one, economic codes without a code.
final class SQLParentKeysTests: XCTestCase {
    static let csv = """
        entity,year,phase,statement,item,code,econ_code,fund,measure,amount,unit
        测试局,2024,决算,支出,一般公共服务支出,201,,,合计,100.00,万元
        测试局,2024,决算,支出,人大事务,20101,,,合计,60.00,万元
        测试局,2024,决算,支出,行政运行,2010101,,,合计,50.00,万元
        测试局,2024,决算,支出,一般行政管理事务,2010102,,,合计,10.00,万元
        测试局,2024,决算,支出,政府办公厅事务,20103,,,合计,40.00,万元
        测试局,2024,决算,支出,教育支出,205,,一般公共预算,合计,30.00,万元
        测试局,2024,决算,支出,普通教育,20502,,政府性基金预算,合计,30.00,万元
        测试局,2024,决算,支出,科学技术支出,206,,,合计,5.00,万元
        测试局,2024,决算,支出,基础研究,20602,,一般公共预算,合计,5.00,万元
        测试局,2024,决算,支出,文化旅游体育与传媒支出,207,,一般公共预算,合计,8.00,万元
        其他局,2024,决算,支出,文化和旅游,20701,,一般公共预算,合计,8.00,万元
        测试局,2024,决算,支出,社会保障和就业支出,208,,一般公共预算,合计,12.00,万元
        测试局,2023,决算,支出,人力资源和社会保障管理事务,20801,,一般公共预算,合计,12.00,万元
        测试局,2024,决算,支出,卫生健康支出,210,,一般公共预算,合计,9.00,万元
        测试局,2024,预算,支出,卫生健康管理事务,21001,,一般公共预算,合计,9.00,万元
        测试局,2024,决算,支出,节能环保支出,211,,一般公共预算,合计,7.00,万元
        测试局,2024,决算,基本支出,环境保护管理事务,21101,,一般公共预算,合计,7.00,万元
        测试局,2024,决算,支出,城乡社区支出,212,,一般公共预算,合计,6.00,万元
        测试局,2024,决算,支出,城乡社区管理事务,21201,,一般公共预算,基本支出,6.00,万元
        测试局,2024,决算,支出,农林水支出,213,,一般公共预算,合计,20.00,万元
        测试局,2024,决算,支出,农业农村,21301,,一般公共预算,合计,20.00,万元
        测试局,2024,决算,支出,农业行政运行,2130101,,一般公共预算,合计,20.00,万元
        测试局,2024,决算,支出,住房保障支出,221,,一般公共预算,合计,4.00,万元
        测试局,2024,决算,支出,住房公积金,2210201,,一般公共预算,合计,4.00,万元
        测试局,2024,决算,支出,工资福利支出,,301,,合计,70.00,万元
        测试局,2024,决算,支出,基本工资,,30101,,合计,70.00,万元
        测试局,2024,决算,支出,交通运输支出,214,30201,,合计,3.00,万元
        其他局,2024,决算,支出,一般公共服务支出,201,,,合计,9.00,万元
        命名局,2023,决算,支出,旧名项目,2018801,,一般公共预算,合计,1.00,万元
        命名局,2024,决算,支出,新名项目,2018801,,一般公共预算,合计,2.00,万元

        """

    /// Queries that must run in SQL and give the in-memory table.
    static let translated = [
        "facts | group 类 | agg n = count()",
        "facts | group 款 | agg n = count()",
        "facts | group 项 | agg n = count()",
        "facts | where measure = \"合计\" and statement = \"支出\" and year = 2024 and phase = \"决算\" | group entity, 类 | agg s = sum(amount), n = count()",
        "facts | where measure = \"合计\" and statement = \"支出\" and year = 2024 and phase = \"决算\" | group 款 | sum amount",
        "facts | where fund = null | group 类 | agg s = sum(amount)",
        "drill",
        "drill 201",
        "drill 213 depth 3",
        "facts | where entity = \"测试局\" | drill",
        "facts | where fund != null | drill",
        // Totals whose parts are in another fund (or NULL beside a fund), entity or year: none
        // is a total with its parts in one group.
        "facts | where code in [\"205\", \"20502\", \"206\", \"20602\"] | group entity | sum amount",
        "facts | where code in [\"207\", \"20701\"] | group year | sum amount",
        "facts | where code in [\"208\", \"20801\"] | group fund | sum amount",
    ]

    /// Sums the guards send to memory, because a group holds a stated total with its parts
    /// (NULL funds and economic codes agreeing, a 7-digit code under a 3-digit one).
    static let totalWithParts = [
        "facts | where code under 201 | group entity | sum amount",
        "facts | where code under 201 | group fund, econ_code | sum amount",
        "facts | where code in [\"221\", \"2210201\"] | group fund | sum amount",
    ]

    nonisolated(unsafe) static var corpus: (session: Session, databases: [any SQLDatabase])?

    /// The corpus in a workspace and, when a server is given, in PostgreSQL, with a session over it.
    func corpus() throws -> (session: Session, databases: [any SQLDatabase]) {
        if let corpus = Self.corpus { return corpus }
        let (session, databases) = try csvCorpus(Self.csv, named: "parent-keys")
        Self.corpus = (session, databases)
        return (session, databases)
    }

    func testTotalsInOtherContextsGiveTheInMemoryTable() throws {
        let (session, databases) = try corpus()
        var rows = 0
        for database in databases {
            for executor in executors(database) {
                for text in Self.translated {
                    let memory = try session.query(text)
                    guard case .table(let sql) = try executor.execute(try Parser.parse(Lexer.tokenize(text)), in: session.context) else {
                        XCTFail("\(database.dialect): expected `\(text)` to run in SQL")
                        continue
                    }
                    XCTAssertEqual(sql.rows.map { $0.map(\.description) }, memory.rows.map { $0.map(\.description) }, "\(database.dialect): \(text)")
                    XCTAssertEqual(sql, memory, "\(database.dialect): \(text)")
                    rows += memory.rows.count
                }
                for text in Self.totalWithParts {
                    switch try executor.execute(try Parser.parse(Lexer.tokenize(text)), in: session.context) {
                    case .table(let t): XCTFail("\(database.dialect): summed in SQL: \(text): \(t.rows)")
                    case .notCompiled(_, let reason):
                        XCTAssertEqual(reason, "a group holds a stated total with its parts", "\(database.dialect): \(text)")
                    }
                }
            }
        }
        XCTAssertGreaterThan(rows, 40)
        // The corpus has what the queries are about: five totals left out (201, 20101, 213,
        // 21301, and 221 over 2210201), and totals kept because their parts are in another
        // context (205, 206, 207, 208, 210, 211, 212: two rows each in their 类, with the part).
        let byClass = try session.query("facts | group 类 | agg n = count()")
        XCTAssertTrue(byClass.notes.contains { $0.contains(": 5 stated total lines were left out") }, "\(byClass.notes)")
        let counts = Dictionary(byClass.rows.map { ($0[0].description, $0[2].description) }, uniquingKeysWith: { a, _ in a })
        for code in ["205", "206", "207", "208", "210", "211", "212"] { XCTAssertEqual(counts[code], "2", "\(code): \(byClass.rows)") }
        // 201: 20103, 2010101, 2010102, 其他局's 201, and 命名局's 2018801 in two years.
        XCTAssertEqual(counts["201"], "6", "\(byClass.rows)")
    }

    /// A 项 the catalog does not name is named by the item its latest year writes, on every
    /// engine (the SQL engine looks such codes up together, not one query per code).
    func testUncataloguedCodesAreNamedByTheirLatestItem() throws {
        let (session, databases) = try corpus()
        let text = "facts | where code = \"2018801\" | group 项 | agg n = count()"
        let memory = try session.query(text)
        XCTAssertEqual(memory.rows.map { $0.map(\.description) }, [["2018801", "新名项目", "2"]])
        for database in databases {
            for executor in executors(database) {
                guard case .table(let sql) = try executor.execute(try Parser.parse(Lexer.tokenize(text)), in: session.context) else {
                    XCTFail("\(database.dialect): expected `\(text)` to run in SQL")
                    continue
                }
                XCTAssertEqual(sql.rows.map { $0.map(\.description) }, memory.rows.map { $0.map(\.description) }, "\(database.dialect)")
            }
        }
    }

    /// No statement the SQL engine runs for a level group, a drill or a sum's guards checks a
    /// row against the others one by one: none has an `EXISTS`, and on PostgreSQL, made to hash
    /// every join it can (nested loops and merge joins cost the most), none plans a nested loop
    /// (a join with no equality to hash on has no other plan), a subplan, or a join filter (a
    /// condition that is no hashed equality, tried on every pair the hash lets through). The
    /// checks they replace had them: a subplan per row in `drill` (over six minutes at a million
    /// facts), and `x = y OR both NULL` and `a.code IN (…)` tried on every pair of rows in one
    /// entity, year and statement.
    func testStatementsJoinOnEqualitiesOnly() throws {
        let (session, databases) = try corpus()
        let queries = Self.translated + Self.totalWithParts + ["facts | where code in [\"205\", \"20502\"] | group entity, fund, econ_code | sum amount"]
        for database in databases {
            let log = StatementLog()
            let recording = RecordingDatabase(inner: database, log: log)
            for executor in [SQLExecutor(database: recording), SQLExecutor.assembled(recording)] {
                for text in queries { _ = try executor.execute(try Parser.parse(Lexer.tokenize(text)), in: session.context) }
            }
            let statements = log.statements
            XCTAssertTrue(statements.contains { $0.sql.contains("parent_code") }, "\(database.dialect): the parent keys were used")
            for s in statements {
                XCTAssertFalse(s.sql.uppercased().contains("EXISTS"), "\(database.dialect): \(s.sql)")
            }
            guard database.dialect == .postgres else { continue }
            for setting in ["enable_nestloop", "enable_mergejoin"] { _ = try database.rows("SET \(setting) = off", []) }
            defer { for setting in ["enable_nestloop", "enable_mergejoin"] { _ = try? database.rows("RESET \(setting)", []) } }
            for s in statements {
                let plan = try database.rows("EXPLAIN \(s.sql)", s.arguments).compactMap { $0.first?.string }.joined(separator: "\n")
                for node in ["Nested Loop", "SubPlan", "Join Filter"] {
                    XCTAssertFalse(plan.contains(node), "postgres: \(node): \(s.sql)\n\(plan)")
                }
            }
        }
    }
}

/// The statements a ``RecordingDatabase`` ran, in order.
final class StatementLog: @unchecked Sendable {
    private let lock = NSLock()
    private var logged: [(sql: String, arguments: [SQLValue])] = []

    var statements: [(sql: String, arguments: [SQLValue])] {
        lock.lock()
        defer { lock.unlock() }
        return logged
    }

    func append(_ sql: String, _ arguments: [SQLValue]) {
        lock.lock()
        defer { lock.unlock() }
        logged.append((sql, arguments))
    }
}

/// A database that runs statements on another and notes each.
struct RecordingDatabase: SQLDatabase {
    let inner: any SQLDatabase
    let log: StatementLog
    var dialect: SQLDialect { inner.dialect }
    var location: String { inner.location }

    func rows(_ sql: String, _ arguments: [SQLValue]) throws -> [[SQLValue]] {
        log.append(sql, arguments)
        return try inner.rows(sql, arguments)
    }
}
