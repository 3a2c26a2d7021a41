import BuiltinFormats
import FiscalModel
import FiscalQuery
import FiscalShell
import Foundation
import XCTest

@testable import FiscalStore

/// Grouped on a level (类, 款, 项), the SQL engine finds whether a group would add several
/// units, measures or statements in the grouped statement itself, over every group — those a
/// `limit` leaves out too — and leaves such a sum to the in-memory engine.
final class SQLLevelGuardTests: XCTestCase {
    /// 类 201 (款 20101) is in 万元 alone; 类 205 (款 20501), whose first fact comes later, mixes 万元 and 元.
    static let csv = """
        entity,year,phase,statement,item,code,econ_code,fund,measure,amount,unit
        测试局,2024,决算,支出,行政运行,2010101,,,,60.00,万元
        测试局,2024,决算,支出,机关服务,2010103,,,,40.00,万元
        测试局,2024,决算,支出,行政运行,2050101,,,,7.00,万元
        测试局,2024,决算,支出,一般行政管理事务,2050102,,,,3000.00,元

        """

    func testASumOverSeveralUnitsOnALevelIsLeftToMemory() throws {
        let (session, databases) = try csvCorpus(Self.csv, named: "units")
        let refused = ["facts | group 类 | sum amount", "facts | group 类 | sum amount | limit 1", "facts | group 款 | agg s = sum(amount), n = count()"]
        let kept = ["facts | where unit = \"万元\" | group 类 | sum amount", "facts | group 类 | agg n = count()"]
        for database in databases {
            for executor in executors(database) {
                for text in refused {
                    switch try executor.execute(try Parser.parse(Lexer.tokenize(text)), in: session.context) {
                    case .table(let t): XCTFail("\(database.dialect): `\(text)` summed in SQL: \(t.rows)")
                    case .notCompiled(let stage, let reason):
                        XCTAssertEqual(stage, "`sum`", "\(database.dialect): \(text)")
                        XCTAssertEqual(reason, "a group adds several units", "\(database.dialect): \(text)")
                    }
                }
                for text in kept {
                    guard case .table(let t) = try executor.execute(try Parser.parse(Lexer.tokenize(text)), in: session.context) else {
                        XCTFail("\(database.dialect): expected `\(text)` to run in SQL")
                        continue
                    }
                    XCTAssertEqual(t, try session.query(text), "\(database.dialect): \(text)")
                    XCTAssertEqual(t.rows.count, 2, "\(database.dialect): \(text)")
                }
                // No 3- or 5-digit code here: no stated total, and the SQL joins none in.
                let drill = "facts | where unit = \"万元\" | drill depth 3"
                guard case .table(let t) = try executor.execute(try Parser.parse(Lexer.tokenize(drill)), in: session.context) else {
                    XCTFail("\(database.dialect): expected `\(drill)` to run in SQL")
                    continue
                }
                XCTAssertEqual(t, try session.query(drill), "\(database.dialect): \(drill)")
                XCTAssertEqual(t.rows.first.map { $0.map(\.description) }?.prefix(3), ["201", "一般公共服务支出", "100.00"], "\(database.dialect)")
            }
        }
        // Under `--engine sql` the user gets the in-memory engine's answer (or refusal).
        session.engine = .memory
        let memory = Result { try session.query(refused[0]) }
        session.engine = .sql
        let sql = Result { try session.query(refused[0]) }
        switch (memory, sql) {
        case (.success(let m), .success(let s)): XCTAssertEqual(s.rows, m.rows)
        case (.failure(let m), .failure(let s)): XCTAssertEqual("\(s)", "\(m)")
        default: XCTFail("the engines disagree on success: \(memory) vs \(sql)")
        }
    }
}
