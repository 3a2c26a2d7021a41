import FiscalFormat
import FiscalModel
import Foundation
import Testing
import TablesFormat

/// The Jiangsu 收入预算总表 (income by source, no code printed), read by name and level: 收入总计,
/// each group's 小计 (named `group：小计`, a total) and the sources under it (`group：source`). Figures read off the
/// files at the lines named; the sums worked by hand.
@Suite("Jiangsu 收入预算总表, by name and level")
struct IncomeSourceTests {
    struct Table: Sendable, CustomStringConvertible {
        var file: String
        var rows: [String]
        var description: String { file }
    }

    static func general(_ total: String) -> [String] {
        ["收入总计 = \(total)", "一般公共预算资金：小计 = \(total)", "一般公共预算资金：公共财政拨款（补助）资金 = \(total)"]
    }

    static let tables: [Table] = [
        // l.185–211, pdfplumber: every figure on a line of its own below its name; `一般公共预` /
        // `公共财政拨款(补助)` / `13,649.07` / `算资金 资金`.
        Table(file: "jiangsu/01_江苏省人大办公厅_2017_部门预算.txt", rows: general("13649.07")),
        Table(file: "jiangsu/02_江苏省人大办公厅_2018_部门预算.txt", rows: general("15897.44")),
        // l.226–244: 17981.68 + 15.00 = 17996.68; the fourth 小计 (其他资金's) 15.00 = 其他收入 15.00.
        Table(file: "jiangsu/03_江苏省人民检察院_2017_部门预算.txt", rows: [
            "收入总计 = 17996.68", "一般公共预算资金：小计 = 17981.68", "一般公共预算资金：公共财政拨款（补助）资金 = 17981.68",
            "其他资金：小计 = 15.00", "其他资金：其他收入 = 15.00",
        ]),
        // l.308–326: 21940.96 + 14.39 = 21955.35.
        Table(file: "jiangsu/04_江苏省人民检察院_2018_部门预算.txt", rows: [
            "收入总计 = 21955.35", "一般公共预算资金：小计 = 21940.96", "一般公共预算资金：公共财政拨款（补助）资金 = 21940.96",
            "其他资金：小计 = 14.39", "其他资金：其他收入 = 14.39",
        ]),
        // l.30–55: the third 小计 (l.40, after `政府性基金 小计`) is the 财政专户管理资金's, its name centred on
        // the line below: 20702.25 + 147.20 = 20849.45; 147.20 = 其他非税收入 147.20.
        Table(file: "jiangsu/06_江苏省委办公厅_2017_部门预算_表格.txt", rows: [
            "收入总计 = 20849.45", "一般公共预算资金：小计 = 20702.25", "一般公共预算资金：公共财政拨款（补助）资金 = 20702.25",
            "财政专户管理资金：小计 = 147.20", "财政专户管理资金：其他非税收入 = 147.20",
        ]),
        Table(file: "jiangsu/08_江苏省委办公厅_2018_部门预算_表格.txt", rows: general("24458.43")),
        // l.33–50, the group printed `财政转专户管理资金` (a typo): 9066.79 + 80.00 = 9146.79.
        Table(file: "jiangsu/10_江苏省政协办公厅_2017_部门预算_表格.txt", rows: [
            "收入总计 = 9146.79", "一般公共预算资金：小计 = 9066.79", "一般公共预算资金：公共财政拨款（补助）资金 = 9066.79",
            "其他资金：小计 = 80.00", "其他资金：其他收入 = 80.00",
        ]),
        Table(file: "jiangsu/11_江苏省高级人民法院_2017_部门预算.txt", rows: general("28849.38")),
        Table(file: "jiangsu/12_江苏省高级人民法院_2018_部门预算.txt", rows: general("33172.15")),
    ]

    @Test("every row with a figure, by name, certain because the table adds up", arguments: tables)
    func rows(_ t: Table) throws {
        let r = try Corpus.report(t.file)
        let facts = r.facts.filter { $0.reading.isTable && $0.statement == .income }
        #expect(facts.map { "\($0.item) = \($0.amount)" }.sorted() == t.rows.sorted())
        #expect(facts.allSatisfy { $0.reading == .tableName && $0.code == nil && $0.measure == .total })
        // The 政府采购 rows below a 大类 have sums of their own (ProcurementTableTests).
        #expect(!r.warnings.contains { ($0.code == "rows-misaligned" || $0.code == "unchecked-table") && !$0.message.contains("采购") })
    }

    @Test("a 小计 that its sources do not add up to makes the table's figures unsure")
    func unbalanced() throws {
        var text = try String(contentsOfFile: Corpus.path("jiangsu/03_江苏省人民检察院_2017_部门预算.txt"), encoding: .utf8)
        text = text.replacingOccurrences(of: "其他收入 15.00", with: "其他收入 16.00")
        let r = try TablesFormat().read(SourceText(text: text, path: "03.txt")).reports[0]
        let facts = r.facts.filter { $0.reading.isTable && $0.statement == .income }
        #expect(facts.count == 5 && facts.allSatisfy { $0.reading == .tableInferred })
        #expect(r.warnings.first { $0.code == "rows-misaligned" }?.message.contains("其他资金：小计") == true)
    }
}

/// The Jiangsu 政府采购(支出)预算表: its 合计 and the 采购品目大类 under it (`一、货物A`, `三、服务 C`),
/// read by name and level, and the 专项 and 物品 rows below a 大类, named after their parents.
/// Figures read off the files at the lines named; 合计 = Σ 大类 worked by hand.
@Suite("Jiangsu 政府采购预算表, by name and level")
struct ProcurementTableTests {
    static let tables: [(file: String, rows: [String])] = [
        // l.416–431: `合计` / `2,247.85`; 59.00 + 2188.85 = 2247.85.
        ("jiangsu/01_江苏省人大办公厅_2017_部门预算.txt", ["合计 = 2247.85", "货物 = 59.00", "服务 = 2188.85"]),
        // l.358–367: 59.00 + 2005.25 = 2064.25.
        ("jiangsu/02_江苏省人大办公厅_2018_部门预算.txt", ["合计 = 2064.25", "货物 = 59.00", "服务 = 2005.25"]),
        // l.406–452, `一、货物 A` with the letter apart: 334.00 + 2555.80 = 2889.80.
        ("jiangsu/03_江苏省人民检察院_2017_部门预算.txt", ["合计 = 2889.80", "货物 = 334.00", "服务 = 2555.80"]),
        // l.495–563: 268.00 + 2828.24 = 3096.24.
        ("jiangsu/04_江苏省人民检察院_2018_部门预算.txt", ["合计 = 3096.24", "货物 = 268.00", "服务 = 2828.24"]),
        // l.213–243: 496.20 + 1278.50 = 1774.70.
        ("jiangsu/06_江苏省委办公厅_2017_部门预算_表格.txt", ["合计 = 1774.70", "货物 = 496.20", "服务 = 1278.50"]),
        // l.224–250: 90.00 + 1359.50 = 1449.50.
        ("jiangsu/08_江苏省委办公厅_2018_部门预算_表格.txt", ["合计 = 1449.50", "货物 = 90.00", "服务 = 1359.50"]),
        // l.215–236 (the title and header printed again at l.241): 259.32 + 1011.90 = 1271.22.
        ("jiangsu/10_江苏省政协办公厅_2017_部门预算_表格.txt", ["合计 = 1271.22", "货物 = 259.32", "服务 = 1011.90"]),
        // l.452–474: 525.40 + 500.00 + 2717.00 = 3742.40.
        ("jiangsu/11_江苏省高级人民法院_2017_部门预算.txt", ["合计 = 3742.40", "货物 = 525.40", "工程 = 500.00", "服务 = 2717.00"]),
        // l.387–410: 962.86 + 539.00 + 3139.76 = 4641.62.
        ("jiangsu/12_江苏省高级人民法院_2018_部门预算.txt", ["合计 = 4641.62", "货物 = 962.86", "工程 = 539.00", "服务 = 3139.76"]),
    ]

    @Test("合计 and each 大类, certain because they add up", arguments: tables.indices)
    func rows(_ i: Int) throws {
        let (file, expected) = Self.tables[i]
        let r = try Corpus.report(file)
        let facts = r.facts.filter { $0.reading.isTable && $0.statement == .procurement && !$0.item.contains("：") }
        #expect(facts.map { "\($0.item) = \($0.amount)" } == expected, "\(file)")
        #expect(facts.allSatisfy { $0.reading == .tableName && $0.phase == .budget && $0.unit == .money(.wanYuan) })
    }

    /// 江苏省人大办公厅 2018, l.358–389, every row below the 大类 as printed. 货物: 8.00 + 8.00 + 12.00 + 6.00 +
    /// 25.00 = 59.00 (the one 专项 and the 大类). 服务: the 专项 456.00 + 229.00 + 126.25 + 950.00 + 120.00 + 94.00 +
    /// 30.00 = 2005.25; 综合管理费's 物品 300.00 + 156.00 = 456.00, each other 专项 one 物品 of its amount. The
    /// 专项 names wrap around their figure's line (`常委会会议经费及省人大工` / `会议费 229.00` / `作会议经费`).
    static let details = [
        "货物：办公设备购置费 办公设备购置 = 59.00",
        "货物：办公设备购置费 办公设备购置：台式计算机（20万以下） = 8.00",
        "货物：办公设备购置费 办公设备购置：便携式计算机（20万以下） = 8.00",
        "货物：办公设备购置费 办公设备购置：其他办公设备 = 12.00",
        "货物：办公设备购置费 办公设备购置：图书和档案 = 6.00",
        "货物：办公设备购置费 办公设备购置：家具用具 = 25.00",
        "服务：综合管理费 物业管理费 = 456.00",
        "服务：综合管理费 物业管理费：空调、电梯维修和保养服务 = 300.00",
        "服务：综合管理费 物业管理费：物业管理服务 = 156.00",
        "服务：常委会会议经费及省人大工作会议经费 会议费 = 229.00",
        "服务：常委会会议经费及省人大工作会议经费 会议费：会议服务 = 229.00",
        "服务：全国人代会江苏代表团工作经费 会议费 = 126.25",
        "服务：全国人代会江苏代表团工作经费 会议费：会议服务 = 126.25",
        "服务：江苏省第十三届 人代会一次会议经费 会议费 = 950.00",
        "服务：江苏省第十三届 人代会一次会议经费 会议费：会议服务 = 950.00",
        "服务：立法费及法制专刊费 印刷费 = 120.00",
        "服务：立法费及法制专刊费 印刷费：印刷服务 = 120.00",
        "服务：办公印刷费 印刷费 = 94.00",
        "服务：办公印刷费 印刷费：印刷服务 = 94.00",
        "服务：专职人员活动费 印刷费 = 30.00",
        "服务：专职人员活动费 印刷费：印刷服务 = 30.00",
    ]

    @Test("the 专项 and 物品 rows below each 大类, with their parents, certain because they add up")
    func detailRows() throws {
        let r = try Corpus.report("jiangsu/02_江苏省人大办公厅_2018_部门预算.txt")
        let facts = r.facts.filter { $0.reading.isTable && $0.statement == .procurement && $0.item.contains("：") }
        #expect(facts.map { "\($0.item) = \($0.amount)" } == Self.details)
        #expect(facts.allSatisfy { $0.reading == .tableName })
        #expect(!r.warnings.contains { $0.code == "rows-misaligned" && $0.message.contains("采购") })
    }

    // The rows below the 大类 of 03, 04, 06 and 10 (wrapped cells, wrapped 采购组织形式, a table continued after
    // its title printed again): ProcurementDetailTests.

    @Test("a 物品 its 专项 does not add up to makes that 专项's rows unsure, with a warning naming the 专项")
    func detailRowsFail() throws {
        // l.370 `物业管理服务 分散自行组织 156.00` → 166.00: 300.00 + 166.00 = 466.00 ≠ 456.00; the 服务 大类 still
        // adds up from its 专项 (the 物品 are not added to it).
        var text = try String(contentsOfFile: Corpus.path("jiangsu/02_江苏省人大办公厅_2018_部门预算.txt"), encoding: .utf8)
        #expect(text.contains("物业管理服务 分散自行组织 156.00"))
        text = text.replacingOccurrences(of: "物业管理服务 分散自行组织 156.00", with: "物业管理服务 分散自行组织 166.00")
        let r = try TablesFormat().read(SourceText(text: text, path: "02.txt")).reports[0]
        let facts = r.facts.filter { $0.reading.isTable && $0.statement == .procurement && $0.item.contains("：") }
        let unsure = facts.filter { $0.reading == .tableInferred }.map(\.item)
        #expect(unsure == ["服务：综合管理费 物业管理费", "服务：综合管理费 物业管理费：空调、电梯维修和保养服务", "服务：综合管理费 物业管理费：物业管理服务"])
        let warning = r.warnings.first { $0.code == "rows-misaligned" && $0.message.contains("综合管理费") }
        #expect(warning?.message.contains("is 456.00 but its parts add up to 466.00") == true, "\(r.warnings.map(\.message))")
        #expect(warning?.span?.line == 368)
    }
}
