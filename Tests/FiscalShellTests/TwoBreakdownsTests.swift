import Foundation
import Testing

/// Issue 12/10: a 收支总表 states one total broken down twice or three times (收入 by source,
/// 支出 by 类, in a 部门预算 支出 again by 基本支出/项目支出). A sum over the statement with the
/// totals filtered out adds the breakdowns: the same money twice, which main printed without a
/// word (5990.78 for a 总计 of 2995.39). Each case through the real binary; the figures were read
/// off the report text by hand at the lines cited.
@Suite("two breakdowns of one total are never added")
struct TwoBreakdownsTests {
    let finance = "Examples/corpus/shanghai-putuo/01_普陀区财政局_2024_部门决算.txt"
    let jiangsu = "Examples/corpus/jiangsu/01_江苏省人大办公厅_2017_部门预算.txt"
    let shanghaiBudget = "Examples/corpus/shanghai-putuo/06_普陀区文化和旅游局_2026_部门预算.txt"

    /// The one figure of a `-o csv` sum.
    func sum(_ query: String, _ file: String) throws -> String {
        let r = try runFiscal(["-e", query, "-o", "csv", file])
        #expect(r.status == 0, "\(query): \(r.err)")
        return r.out.split(separator: "\n").dropFirst().first.map(String.init) ?? ""
    }

    /// The query the hint shows for keeping one breakdown, `n`-th (0 or 1).
    func hinted(_ err: String, _ n: Int) -> String? {
        let quoted = err.components(separatedBy: "`").enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
        let filters = quoted.filter { $0.hasPrefix("where ") }
        return n < filters.count ? filters[n] : nil
    }

    @Test("收入支出决算总表 without its totals: 收入 by source and 支出 by 类 are refused, not 5990.78",
          arguments: [
              #"facts | where statement = "收支总计" and not item ~ "合计" and not item ~ "总计" | sum amount"#,
              #"facts | where statement = "收支总计" and item != "总计" and item != "本年收入合计" and item != "本年支出合计" and item != "收入支出总计" | sum amount"#,
              #"facts | where statement = "收支总计" and not item ~ "计" | group statement | sum amount"#,
              #"facts | where statement = "收支总计" and not item ~ "计" | avg amount"#,
          ])
    func shanghaiFinalTotals(query: String) throws {
        // Lines 111–149: 收入 2940.05 (一般公共预算财政拨款收入) + 6.20 (其他收入) = 2946.25 本年收入合计, + 49.14
        // 年初结转和结余 = 2995.39 总计; 支出 2106.66 + 326.71 + 60.99 + 445.69 = 2940.05 本年支出合计, + 55.34
        // 年末结转和结余 = 2995.39 总计. Both sides together are 5990.78: each yuan twice.
        let r = try runFiscal(["-e", query, finance])
        #expect(r.status == 1, "\(query) gave \(r.out)")
        #expect(r.err.contains("cannot add two breakdowns of one total"), "\(r.err)")
        #expect(r.err.contains("收入 by source") && r.err.contains("by function (类/款/项)"), "\(r.err)")
        #expect(!r.out.contains("5990.78"))
    }

    @Test("the queries the refusal shows each pick one breakdown, and give the table's totals")
    func hintedQueriesGiveTheTotals() throws {
        let base = #"facts | where statement = "收支总计" and not item ~ "合计" and not item ~ "总计""#
        let r = try runFiscal(["-e", base + " | sum amount", finance])
        #expect(r.status == 1)
        let picks = [hinted(r.err, 0), hinted(r.err, 1)].compactMap { $0 }
        #expect(picks.count == 2, "\(r.err)")
        // 收入 side: 2940.05 + 6.20 + 49.14 = 2995.39 (总计, l.149); 支出 by 类: 2940.05 (本年支出合计, l.142), and
        // with 年末结转和结余 55.34 the 支出 side's 总计 2995.39.
        var figures: [String] = []
        for pick in picks { figures.append(try sum(base + " | " + pick + " | sum amount", finance)) }
        #expect(figures.sorted() == ["2940.05", "2995.39"], "\(picks) → \(figures)")
    }

    @Test("江苏 收支预算总表: 财政拨款, 支出 by 类 and 支出 by use are three statements of 13649.07")
    func jiangsuBudgetTotals() throws {
        // l.138–183: 财政拨款 13649.07 = 201 10528.33 + 208 1608.51 + 221 1512.23 = 基本支出 7666.68 + 项目支出
        // 5853.96 + 单位预留机动经费 128.43. Main added all seven: 40947.21.
        let query = #"facts | where statement = "收支总计" and not item ~ "合计" and not item ~ "小计" and not item ~ "总计" | sum amount"#
        let r = try runFiscal(["-e", query, jiangsu])
        #expect(r.status == 1, "\(r.out)")
        #expect(r.err.contains("cannot add two breakdowns of one total"), "\(r.err)")
        #expect(!r.out.contains("40947.21"))
        #expect(try sum(#"facts | where statement = "收支总计" and code != null | sum amount"#, jiangsu) == "13649.07")
        #expect(try sum(#"facts | where statement = "收支总计" and item in ["基本支出", "项目支出", "单位预留机动经费"] | sum amount"#, jiangsu) == "13649.07")
        // 支出 by 类 and by use, without the 收入 side: still twice.
        let r2 = try runFiscal(["-e", #"facts | where statement = "收支总计" and (code != null or item in ["基本支出", "项目支出"]) | sum amount"#, jiangsu])
        #expect(r2.status == 1)
        #expect(r2.err.contains("by use (基本支出/项目支出)") && r2.err.contains("by function"), "\(r2.err)")
    }

    @Test("财政拨款收入支出决算总表 without its totals is refused, not 5944.99")
    func shanghaiAppropriationTotals() throws {
        // Lines 266–319: 收入 一般公共预算财政拨款 2940.05 and 年初 21.63; 支出 by 类 2940.05 and 年末 21.63.
        let r = try runFiscal(["-e", #"facts | where statement = "财政拨款收支" and not item ~ "合计" and not item ~ "总计" | sum amount"#, finance])
        #expect(r.status == 1, "\(r.out)")
        #expect(!r.out.contains("5944.99"))
        #expect(r.err.contains("cannot add"), "\(r.err)")
    }

    @Test("a line the reader broke down (年初财政拨款结转和结余：一般公共预算财政拨款) is not added to the line it breaks down")
    func brokenDownLine() throws {
        // Lines 310–313: 年初财政拨款结转和结余 21.63, of it 一、一般公共预算财政拨款 21.63.
        let r = try runFiscal(["-e", #"facts | where statement = "财政拨款收支" and item ~ "年初" | sum amount"#, finance])
        #expect(r.status == 1, "\(r.out)")
        #expect(r.err.contains("cannot add a total to its own parts: `年初财政拨款结转和结余`"), "\(r.err)")
    }

    @Test("one breakdown alone, or grouped on item or 类, still adds up")
    func oneBreakdownStillAdds() throws {
        #expect(try sum(#"facts | where statement = "收支总计" and code != null | sum amount"#, finance) == "2940.05")
        // 收入 side with its balances: 2940.05 + 6.20 + 49.14 = 2995.39.
        #expect(try sum(#"facts | where statement = "收支总计" and item in ["一般公共预算财政拨款收入", "其他收入", "年初结转和结余"] | sum amount"#, finance) == "2995.39")
        let grouped = try runFiscal(["-e", #"facts | where statement = "收支总计" and not item ~ "计" | group item | sum amount"#, "-o", "csv", finance])
        #expect(grouped.status == 0, "\(grouped.err)")
        let byClass = try runFiscal(["-e", #"facts | where statement = "收支总计" | group 类 | sum amount"#, "-o", "csv", finance])
        #expect(byClass.status == 0, "\(byClass.err)")
        #expect(byClass.out.contains("201,一般公共服务支出,2106.66"))
    }

    @Test("基本支出决算表: 经济分类 and 人员经费/公用经费 are two breakdowns; 301 is not added to 30101")
    func basicExpenditure() throws {
        // Lines 382–480: 301 工资福利支出 2082.85 with its 款 (30101 基本工资 262.33, …); 人员经费合计 2152.26 and
        // 公用经费合计 184.65 break the same 2336.91 down again. Main added every 经济分类 line: 4673.85.
        let codes = try runFiscal(["-e", #"facts | where statement = "基本支出" and econ_code != null | sum amount"#, finance])
        #expect(codes.status == 1, "\(codes.out)")
        #expect(codes.err.contains("cannot add a total to its own parts: 30"), "\(codes.err)")
        #expect(!codes.out.contains("4673.85"))
        let both = try runFiscal(["-e", #"facts | where statement = "基本支出" and (econ_code in ["301", "302"] or item in ["人员经费", "公用经费"]) | sum amount"#, finance])
        #expect(both.status == 1, "\(both.out)")
        #expect(both.err.contains("cannot add two breakdowns of one total"), "\(both.err)")
    }
}
