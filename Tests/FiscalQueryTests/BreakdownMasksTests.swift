import FiscalModel
@testable import FiscalQuery
import Testing

/// The classification of rows into breakdowns of one total that both engines use
/// (``BreakdownMasks``): which breakdowns each name and code belongs to, and when rows together
/// belong to none.
@Suite struct BreakdownMasksTests {
    // Bits of Breakdown.standard, in its order.
    let source: UInt32 = 1 << 0, function: UInt32 = 1 << 1, use: UInt32 = 1 << 2, economic: UInt32 = 1 << 3
    let context = QueryContext(reports: [])

    @Test("each name and code belongs to its breakdowns; a statement's own total to none")
    func masks() {
        let items = ["一般公共预算财政拨款收入", "年末结转和结余", "基本支出", "行政运行", "本年支出合计"]
        let m = BreakdownMasks(items: items, statements: ["收支总计", "基本支出"], codes: ["201", "2013101", "30101"], context: context)
        #expect(m.mask(item: 0, statement: 0, code: -1, economic: false) == source)
        #expect(m.mask(item: 1, statement: 0, code: -1, economic: false) == function | use)
        #expect(m.mask(item: 2, statement: 0, code: -1, economic: false) == use)
        // 基本支出 is the 基本支出 table's own total there, in no breakdown.
        #expect(m.mask(item: 2, statement: 1, code: -1, economic: false) == 0)
        #expect(m.mask(item: 3, statement: 0, code: 1, economic: false) == function)
        #expect(m.mask(item: 3, statement: 0, code: 1, economic: true) == function | economic)
        #expect(m.mask(item: -1, statement: 0, code: 2, economic: false) == economic)
        #expect(m.mask(item: 4, statement: 0, code: -1, economic: false) == 0)
        #expect(!m.breaksDown)
        #expect(m.canConflict(economicCodes: false))
    }

    @Test("rows with no breakdown in common: two disjoint, or three that share only pairwise")
    func commonBreakdown() {
        #expect(!BreakdownMasks.noCommonBreakdown([function, function | use]))
        #expect(BreakdownMasks.noCommonBreakdown([function, use]))
        #expect(BreakdownMasks.noCommonBreakdown([function | use, function | economic, use | economic]))
        #expect(!BreakdownMasks.noCommonBreakdown([function | use, function | economic]))
        #expect(!BreakdownMasks.noCommonBreakdown([source]))
        #expect(!BreakdownMasks.noCommonBreakdown([UInt32]()))
    }

    @Test("coded rows alone, as in a synthetic corpus, can never conflict; a broken-down line is seen")
    func dictionariesDecide() {
        let coded = BreakdownMasks(items: ["行政运行", "机关服务"], statements: ["支出"], codes: ["201", "2010101"], context: context)
        #expect(!coded.canConflict(economicCodes: false))
        // With economic codes, a row could hold one and no functional code: by economic class
        // beside by function (a 基本支出 table's two sides).
        #expect(coded.canConflict(economicCodes: true))
        let broken = BreakdownMasks(items: ["货物", "货物：办公设备购置费"], statements: ["政府采购"], codes: [], context: context)
        #expect(broken.breaksDown)
        #expect(broken.ancestors[1] == [0])
    }
}
