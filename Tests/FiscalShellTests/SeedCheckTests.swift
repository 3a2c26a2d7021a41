import Foundation
import Testing

/// `fiscal check` on the real seed report: the contradictions a careful reader finds, and
/// nothing on the figures that are right.
@Suite("fiscal check on the seed", .serialized)
struct SeedCheckTests {
    func findings() throws -> (status: Int32, rows: [[String: Any]]) {
        let r = try runFiscal(["check", "-o", "json", "Examples/wusheng-2020-决算.txt"])
        let rows = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [[String: Any]] ?? []
        return (r.status, rows)
    }

    @Test("errors found: exit 1, each finding naming both lines")
    func errors() throws {
        let (status, rows) = try findings()
        #expect(status == 1)
        let errors = rows.filter { $0["severity"] as? String == "error" }
        let subjects = errors.map { "\($0["rule"]!) \($0["subject"]!)" }
        #expect(subjects.contains { $0.hasPrefix("sum 本年收入合计") })  // 927.15 + 305.68 ≠ 1320.41
        #expect(subjects.contains { $0.hasPrefix("share 政府性基金预算财政拨款收入") })  // 29.78% stated, 23.15% computed
        #expect(subjects.contains { $0.hasPrefix("repeated 基本支出") })  // 546.41 in 三, 546.42 in 六
        #expect(subjects.contains { $0.hasPrefix("change 公务接待费") })  // −2.99 / 10.53 is −28.40%, not −39.66%
        // The 附件 states the income line again (802 = 27): its figures are the same facts, so
        // the sum error is one finding; its share claim is a second place to correct, reported
        // on its own line (the `annex` rule finds the two places equal). 1 of the 5 names only
        // line 802.
        #expect(errors.count == 5, "unexpected errors: \(subjects)")
        let annex = errors.filter { ($0["lines"] as? String)?.hasSuffix(":802") == true }.map { "\($0["rule"]!) \($0["subject"]!)" }
        #expect(annex.sorted() == ["share 政府性基金预算财政拨款收入 share of 本年收入合计 (附件)"])
        #expect(!subjects.contains { $0.hasPrefix("annex") })
        let basic = try #require(errors.first { ($0["rule"] as? String) == "repeated" })
        #expect((basic["lines"] as? String)?.contains(":30") == true)
        #expect((basic["lines"] as? String)?.contains(":60") == true)
    }

    @Test("rounding differences are rounding, not errors")
    func rounding() throws {
        let (_, rows) = try findings()
        let rounding = rows.filter { $0["severity"] as? String == "rounding" }.map { "\($0["rule"]!) \($0["subject"]!)" }
        #expect(rounding.contains { $0.hasPrefix("classification 一般公共服务") })  // 865.22 vs 865.23
        #expect(rounding.contains { $0.hasPrefix("classification 卫生健康") })  // 32.92 vs 32.93
        #expect(!rounding.contains { $0.contains("采购") })
    }

    @Test("findings are a result table: filtered, counted and exported like any other")
    func asQuerySource() throws {
        let r = try runFiscal(["-e", "check | where severity = \"error\" | count", "-o", "csv", "Examples/wusheng-2020-决算.txt"])
        #expect(r.status == 0)
        #expect(r.out == "n\n5\n")  // 4 in the explanation, the share repeated on line 802 (附件)
    }
}
