import Foundation
import Testing

/// Issue 12: a 部门预算's 政府采购 section restates its 政府采购预算表 in words (Jiangsu 02 l.602–604
/// `2018年度政府采购支出预算总额 2064.25 万元，其中：拟采购货物支出59万元、拟采购工程支出 0 万元、拟购买服务支
/// 出 2005.25 万元`; the table l.358–367 `合计 2,064.25`, `一、货物A 59.00`, `三、服务 C 2,005.25`). Each
/// sentence figure is a mention of the table row it names, so a sum over the 大类 counts each once
/// and gives the table's 合计; the sentence's line is in the fact's source.
@Suite("政府采购: the narrative's figures are the table's rows", .serialized)
struct ProcurementJoinTests {
    static let file02 = "Examples/corpus/jiangsu/02_江苏省人大办公厅_2018_部门预算.txt"
    /// The 大类 of every document with the table, and the rows the narrative names as printed.
    static let sumOfClasses = #"facts | where statement = "政府采购" and item != "合计" and not item ~ "：" | sum amount"#

    @Test("02: the 大类 add up once to the table's 合计, 59.00 + 0 + 2005.25 = 2064.25")
    func sumOnce() throws {
        let r = try runFiscal(["-e", Self.sumOfClasses, "-o", "csv", Self.file02])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out == "amount\n2064.25\n")
        // The 大类 are three facts (工程 0 stated by the narrative only), each once.
        let rows = try runFiscal(["-e", #"facts | where statement = "政府采购" and not item ~ "：" | select item, amount | sort item"#, "-o", "csv", Self.file02])
        #expect(rows.out == "item,amount\n合计,2064.25\n工程,0\n服务,2005.25\n货物,59.00\n", "\(rows.out)")
    }

    @Test("02: the narrative line is in the source of the 货物 and 合计 facts, beside the table's")
    func source() throws {
        let r = try runFiscal([Self.file02], input: #"facts | where statement = "政府采购" and item = "货物" | select item, amount"# + "\nsource row 1\n")
        #expect(r.status == 0, "\(r.err)")
        // l.360 `一、货物A 59.00` (the table) and l.603 `拟采购货物支出59万元` (the narrative).
        #expect(r.out.contains("02_江苏省人大办公厅_2018_部门预算.txt:360:"), "\(r.out)")
        #expect(r.out.contains("02_江苏省人大办公厅_2018_部门预算.txt:603:"), "\(r.out)")
        let total = try runFiscal([Self.file02], input: #"facts | where statement = "政府采购" and item = "合计" | select item, amount"# + "\nsource row 1\n")
        #expect(total.out.contains(":358:") || total.out.contains(":359:"), "\(total.out)")
        #expect(total.out.contains(":602:"), "\(total.out)")
    }

    /// The other files with the table and the sentence, 合计 = Σ 大类 worked by hand from the table
    /// (ProcurementTableTests) and equal to the sentence's: 01 l.596–598 2247.85 = 59 + 0 + 2188.85;
    /// 03 l.618–620 2889.8 = 334 + 0 + 2555.8; 04 l.824–826 3096.24 = 268 + 2828.24;
    /// 11 l.687– 3742.4 = 525.40 + 500.00 + 2717.00; 12 4641.62 = 962.86 + 539.00 + 3139.76.
    @Test("each Jiangsu document with the table: the 大类 sum to its 合计, none counted twice", arguments: [
        ("01_江苏省人大办公厅_2017_部门预算.txt", "2247.85"), ("03_江苏省人民检察院_2017_部门预算.txt", "2889.80"),
        ("04_江苏省人民检察院_2018_部门预算.txt", "3096.24"), ("11_江苏省高级人民法院_2017_部门预算.txt", "3742.40"),
        ("12_江苏省高级人民法院_2018_部门预算.txt", "4641.62"),
    ])
    func sums(file: String, total: String) throws {
        let r = try runFiscal(["-e", Self.sumOfClasses, "-o", "csv", "Examples/corpus/jiangsu/" + file])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out == "amount\n\(total)\n", "\(file)")
    }
}
