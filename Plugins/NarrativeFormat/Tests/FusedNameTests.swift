import FiscalFormat
import FiscalModel
import NarrativeFormat
import Testing

/// Issue 12: a 项 written with its 款's name fused in front (`人大事务行政运行（项）`, Jiangsu 01 l.521,
/// for 人大事务（款）行政运行（项）) is placed by the catalog when exactly one 款 + 项 split names
/// it; a name no split places stays uncoded, with its warning.
@Suite("款 name fused into a 项")
struct FusedNameTests {
    static func budget(_ items: String) -> String { Seed.budget("五、财政拨款支出预算表情况说明", items) }

    @Test("without and with the 类 above: 人大事务 (20101) + 行政运行 is 2010101; 人大事务人大会议 is 2010104")
    func fused() throws {
        for items in ["1. 人大事务行政运行（项）支出100万元。\n2. 人大事务人大会议（项）支出5万元。",
                      "（一）一般公共服务（类）\n1. 人大事务行政运行（项）支出100万元。\n2. 人大事务人大会议（项）支出5万元。"] {
            let r = try Seed.read(Self.budget(items))
            let coded = r.facts.filter { !$0.derived }.map { "\($0.item)|\($0.code?.rawValue ?? "") = \($0.amount)" }
            #expect(coded == ["行政运行|2010101 = 100", "人大会议|2010104 = 5"], "\(items)")
            #expect(!r.warnings.contains { $0.code == "unclassified" }, "\(r.warnings.map(\.message))")
        }
    }

    @Test("a fused name whose rest is no 项 of the 款, or a 款 of another 类, stays uncoded and said")
    func unplaced() throws {
        let r = try Seed.read(Self.budget("（一）公共安全（类）\n1. 人大事务行政运行（项）支出100万元。\n2. 人大事务会议（项）支出5万元。"))
        #expect(r.facts.filter { !$0.derived && $0.unit.isMoney }.allSatisfy { $0.code == nil })
        #expect(r.warnings.filter { $0.code == "unclassified" }.count == 2, "\(r.warnings.map(\.message))")
    }
}
