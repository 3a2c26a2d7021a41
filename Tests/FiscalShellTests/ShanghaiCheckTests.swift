import Foundation
import Testing

/// `fiscal check` on the three Shanghai 2024 部门决算 (pdfplumber text in Examples/shanghai-putuo):
/// every finding below was read off the text by hand (docs/CHECKS.md, "The Shanghai 部门决算"),
/// and the exact sets say that nothing else is flagged, so the figures that are right stay quiet.
@Suite("fiscal check on the Shanghai 部门决算", .serialized)
struct ShanghaiCheckTests {
    /// A finding as the test expects it: rule, subject, stated and computed as JSON prints them,
    /// and the lines it must name (all of them, no others).
    struct Expected: CustomStringConvertible {
        var rule: String
        var subject: String
        var stated: String
        var computed: String
        var lines: Set<Int>
        var description: String { "\(rule) \(subject) \(stated)/\(computed) @\(lines.sorted())" }
    }

    /// A finding as `fiscal check -o json` gives it.
    struct Found: CustomStringConvertible {
        var severity: String
        var rule: String
        var subject: String
        var stated: String
        var computed: String
        var lines: Set<Int>
        var files: Set<String>
        var description: String { "\(rule) \(subject) \(stated)/\(computed) @\(lines.sorted())" }

        init(_ row: [String: Any]) {
            severity = row["severity"] as? String ?? ""
            rule = row["rule"] as? String ?? ""
            subject = row["subject"] as? String ?? ""
            stated = row["stated"].map { "\($0)" } ?? "-"
            computed = row["computed"].map { "\($0)" } ?? "-"
            let places = (row["lines"] as? String ?? "").components(separatedBy: ", ")
            lines = Set(places.compactMap { $0.split(separator: ":").last.flatMap { Int($0) } })
            files = Set(places.compactMap { $0.split(separator: ":").first.map(String.init) })
        }

        func matches(_ e: Expected) -> Bool {
            rule == e.rule && subject == e.subject && stated == e.stated && computed == e.computed && lines == e.lines
        }
    }

    static func path(_ document: String) -> String { "Examples/shanghai-putuo/\(document)_2024_部门决算.txt" }

    func findings(_ document: String) throws -> (status: Int32, rows: [Found]) {
        let r = try runFiscal(["check", "-o", "json", Self.path(document)])
        let rows = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [[String: Any]] ?? []
        return (r.status, rows.map(Found.init))
    }

    /// Exactly `expected` among the findings of `severity`, each naming its lines in `document`.
    func expectExactly(_ expected: [Expected], _ severity: String, in document: String,
                       sourceLocation: SourceLocation = #_sourceLocation) throws {
        let (status, rows) = try findings(document)
        #expect(status == (rows.contains { $0.severity == "error" } ? 1 : 0), "fiscal check exits 1 when it finds an error, else 0",
                sourceLocation: sourceLocation)
        let found = rows.filter { $0.severity == severity }
        for e in expected {
            #expect(found.contains { $0.matches(e) }, "expected \(severity) \(e), found \(found)", sourceLocation: sourceLocation)
        }
        let unexpected = found.filter { f in !expected.contains { f.matches($0) } }
        #expect(unexpected.isEmpty, "unexpected \(severity): \(unexpected)", sourceLocation: sourceLocation)
        #expect(found.count == expected.count, sourceLocation: sourceLocation)
        for f in found {
            #expect(f.files == [Self.path(document)], "\(f) names \(f.files)", sourceLocation: sourceLocation)
            #expect(f.lines.count >= 2, "\(f) names one line only", sourceLocation: sourceLocation)
        }
    }

    // MARK: 01 普陀区财政局

    static let doc01 = "01_普陀区财政局"

    @Test("01: the 类 row rounded two ways, 0.3 for 2961.68, a 71.73% share and the shares' 100.07%")
    func errors01() throws {
        try expectExactly([
            // 收支总表 line 120 `326.71`, 支出决算表 line 227 `208 326.72 326.72`.
            Expected(rule: "repeated", subject: "208 社会保障和就业支出 in 收支总计 and 支出", stated: "326.72", computed: "326.71", lines: [120, 227]),
            // 四: `财政拨款收入支出总计 0.3 万元` (both extractions say 0.3); the table's 总计 is 2,961.68.
            Expected(rule: "repeated", subject: "财政拨款收入支出总计 in 财政拨款收支 and 财政拨款收支", stated: "2961.68", computed: "0.3", lines: [543, 319]),
            // 五（二）: 2106.66 / 2940.05 = 71.65%, stated 71.73%.
            Expected(rule: "share", subject: "一般公共服务支出 share of 一般公共预算财政拨款支出", stated: "71.73", computed: "71.65", lines: [558, 556]),
            // 71.73 + 11.11 + 2.07 + 15.16 = 100.07 (the other three shares are right).
            Expected(rule: "share-sum", subject: "shares of 一般公共预算财政拨款支出 add up to 100%", stated: "100.07", computed: "100", lines: [556, 558, 560, 562]),
        ], "error", in: Self.doc01)
    }

    @Test("01: rounding of the 类 rows, the 基本支出 column and 政府采购; 住房保障 adds up once 购房补贴 258.50 is read")
    func rounding01() throws {
        try expectExactly([
            Expected(rule: "sum", subject: "合计 = 一般公共预算 by 类", stated: "2940.05", computed: "2940.06", lines: [371, 333, 345, 357, 363]),
            Expected(rule: "sum", subject: "合计 = 一般公共预算 by 类", stated: "2336.91", computed: "2336.92", lines: [371, 333, 345, 357, 363]),
            // 五（二）'s 类 are the table's 类 rows (one fact each, folded): the same sum, found once.
            Expected(rule: "sum", subject: "政府采购金额 = 政府采购 by kind", stated: "251.25", computed: "251.26", lines: [696, 698]),
        ], "rounding", in: Self.doc01)
        let (_, rows) = try findings(Self.doc01)
        #expect(!rows.contains { $0.rule == "classification" }, "住房保障 445.69 = 187.19 + 258.50")
        #expect(!rows.contains { $0.severity == "note" })
    }

    // MARK: 02 普陀区规划和自然资源局

    static let doc02 = "02_普陀区规划和自然资源局"

    @Test("02: 卫生健康 and 城乡社区 rounded two ways, 基本支出 and 人员经费 of another table")
    func errors02() throws {
        try expectExactly([
            // 收支总表 236.63 / 3845.25 (lines 129, 131) vs 支出决算表 236.64 / 3845.24 (lines 213, 219).
            Expected(rule: "repeated", subject: "210 卫生健康支出 in 收支总计 and 支出", stated: "236.64", computed: "236.63", lines: [129, 213]),
            Expected(rule: "repeated", subject: "212 城乡社区支出 in 收支总计 and 支出", stated: "3845.24", computed: "3845.25", lines: [131, 219]),
            // 五（二） 卫生健康 236.63 vs the 一般公共预算 table's 236.64 (its 项 40.35 + 196.29): one
            // fact stated two ways (the table's cell first).
            Expected(rule: "repeated", subject: "210 卫生健康支出 stated twice", stated: "236.63", computed: "236.64", lines: [473, 307]),
            // 六 says 5377.64, the 基本支出 of 支出决算表 (all funds); the 一般公共预算 table says 5364.75.
            Expected(rule: "repeated", subject: "一般公共预算财政拨款基本支出 in 基本支出 and 一般公共预算财政拨款支出", stated: "5364.75", computed: "5377.64", lines: [549, 345]),
            // So is its 人员经费 4896.98 (= 5377.64 − 公用经费 480.66); the 基本支出 table's 人员经费合计 is 4884.09.
            Expected(rule: "repeated", subject: "人员经费 in 基本支出 and 基本支出", stated: "4884.09", computed: "4896.98", lines: [550, 396]),
        ], "error", in: Self.doc02)
    }

    @Test("02: rounding only; 社会保障 and 自然资源 add up once their two 项 are placed by amount")
    func rounding02() throws {
        // 五（二）'s 类 (9746.49 as printed) and 卫生健康's 项 (236.63 vs 236.64) no longer add up
        // apart: the 类 are the table's facts, whose 236.64 equals its 项, and the narrative's
        // 236.63 is the `repeated` error above.
        try expectExactly([
            Expected(rule: "sum", subject: "政府采购金额 = 政府采购 by kind", stated: "2319.21", computed: "2319.22", lines: [626, 627]),
            // Two percentages cut to their digits, not rounded (a printing convention, not a
            // contradiction): 9746.50 / 9759.38 = 99.868%, printed 99.86%; 9746.50 / 10210.34 =
            // 95.457%, printed 95.45%.
            Expected(rule: "share", subject: "一般公共预算财政拨款支出 share of 本年支出合计", stated: "99.86", computed: "99.87", lines: [466, 465, 453]),
            Expected(rule: "completion", subject: "一般公共预算财政拨款支出 完成预算", stated: "95.45", computed: "95.46", lines: [478, 477]),
        ], "rounding", in: Self.doc02)
        let (_, rows) = try findings(Self.doc02)
        // 754.75 = 54.53 + 28.11 + 446.11 + 225.12 + 0.88; 4461.67 = 4416.67 + 45.00.
        #expect(!rows.contains { $0.rule == "classification" && $0.severity == "error" })
    }

    // MARK: 03 中共普陀区委社会工作部

    static let doc03 = "03_中共普陀区委社会工作部"

    @Test("03: no error")
    func errors03() throws {
        try expectExactly([], "error", in: Self.doc03)
    }

    @Test("03: 人员经费 + 公用经费 and a cut share rounding; notes for a unit founded in 2024 and a 年初预算 of 0")
    func roundingAndNotes03() throws {
        try expectExactly([
            Expected(rule: "sum", subject: "一般公共预算财政拨款基本支出 = 人员经费 + 公用经费", stated: "105.58", computed: "105.59", lines: [432, 433, 435]),
            // 29.42 / 307.82 = 9.5575%, printed 9.55%: cut, not rounded.
            Expected(rule: "share", subject: "住房保障支出 share of 一般公共预算财政拨款支出", stated: "9.55", computed: "9.56", lines: [385, 382]),
        ], "rounding", in: Self.doc03)
        let (_, rows) = try findings(Self.doc03)
        let notes = rows.filter { $0.severity == "note" }.map { "\($0.rule) \($0.subject)" }
        #expect(Set(notes) == [
            "change 收入支出总计 change rate from 2023", "change 财政拨款收入支出总计 change rate from 2023",
            "change 一般公共预算财政拨款支出 change rate from 2023", "change 机关运行经费 change rate from 2023",
            "completion 一般公共预算财政拨款支出 完成预算",
        ])
        #expect(notes.count == 5)
    }

    @Test("the error counts, as a query over all three documents")
    func counts() throws {
        let files = [Self.doc01, Self.doc02, Self.doc03].map(Self.path)
        let r = try runFiscal(["-e", "check | where severity = \"error\" | count", "-o", "csv"] + files)
        #expect(r.status == 0)
        #expect(r.out == "n\n9\n")  // 4 + 5 + 0
    }
}
