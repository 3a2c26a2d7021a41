import FiscalFormat
import FiscalModel
import Testing

/// What is not money (issue 12): a number followed by the measure word of a count, or by
/// `个百分点`/`平方米`/`倍`, is never a money figure, and a change stated in a count never speaks
/// of a money figure. Sentences made up in the templates' shape.
@Suite("Measure words and lost numbers in the sentence layer")
struct MeasureWordTests {
    @Test("every count measure word makes a count, never money")
    func countWords() {
        let line: Substring = "共有车辆5辆，项目3项，下属单位2家，学校4所，在编7名，1批，信访件20件，增加2个百分点，办公用房300平方米，增长16倍"
        let units = NarrativeFigure.scan(line).map(\.unit)
        #expect(units == [.count("辆"), .count("项"), .count("家"), .count("所"), .count("名"), .count("批"), .count("件"), .none, .none, .none])
        #expect(!NarrativeFigure.scan(line).contains { if case .money = $0.unit { true } else { false } })
    }

    @Test("a change stated in a count: count delta, and it speaks of counts only")
    func countChange() throws {
        let m = SentenceReader.mentions(in: "公务用车购置费40万元，比2020年预算增加10万元，主要原因是预计更新车辆3辆，比2020年增加1辆；", reportYear: 2021)
        let changes = m.compactMap { if case .change(let c) = $0 { c } else { nil } }
        #expect(changes.count == 2)
        let count = try #require(changes.last)
        #expect(count.delta == 1 && count.deltaUnit == .count("辆") && count.priorYear == 2020)
        #expect(!count.speaks(of: .money(.wanYuan)) && count.speaks(of: .count("辆")) && !count.speaks(of: .count("人")))
        let money = try #require(changes.first)
        #expect(money.speaks(of: .money(.wanYuan)) && money.speaks(of: .money(.yuan)) && !money.speaks(of: .count("辆")))
        // A change stated as a percentage alone speaks of any figure.
        let pct = SentenceReader.mentions(in: "会议费10万元，比2020年下降5%。", reportYear: 2021).compactMap { if case .change(let c) = $0 { c } else { nil } }
        #expect(pct.count == 1 && pct[0].speaks(of: .money(.wanYuan)) && pct[0].speaks(of: .count("次")))
    }

    @Test("a unit with no number before it is a lost number; headings' units are not")
    func lostNumbers() {
        let text: Substring = "某局2024年度收入支出总计 万元。与2023年度相比，收入支出总计减少 56.95 万元，下降 1.87%。"
        let lost = SentenceReader.lostNumbers(in: text)
        #expect(lost.map { String(text[$0]) } == ["支出总计 万元"])
        for fine in ["单位：万元", "金额单位:万元", "预算执行情况(万元)", "人均（万元/人）", "数万元", "上千万元", "占比 12.5%", "增加 1,234.56 万元"] {
            #expect(SentenceReader.lostNumbers(in: Substring(fine)).isEmpty, "\(fine)")
        }
        #expect(SentenceReader.lostNumbers(in: "比上年增加万元，增长%。").count == 2)
        #expect(SentenceReader.lostNumbers(in: "社会保障和就业支出（类） 万元，占 11.11%").count == 1)
    }

    @Test("a change or 持平 in a sentence with a lost number, or right after one, says so")
    func lostNumberMarksChanges() {
        let m = SentenceReader.mentions(in: "收入支出总计 万元。与2023年度相比，收入支出总计减少56.95万元，下降1.87%。基本支出10万元，与2023年度持平。", reportYear: 2024)
        let changes = m.compactMap { if case .change(let c) = $0 { c } else { nil } }
        let unchanged = m.compactMap { if case .unchanged(let u) = $0 { u } else { nil } }
        #expect(changes.count == 1 && changes[0].lostNumber == "支出总计 万元")
        #expect(changes[0].underivableReason(figure: 100) != nil)
        // Two sentences on, the lost number no longer speaks for the figure.
        #expect(unchanged.count == 1 && unchanged[0].lostNumber == nil)
    }

    @Test("a rise larger than its figure derives nothing; a rise equal to it is a new item")
    func riseLargerThanFigure() throws {
        let m = SentenceReader.mentions(in: "财政拨款收入支出总计0.3万元。与2023年度相比，财政拨款收入支出总计增加56.95万元。", reportYear: 2024)
        let change = try #require(m.compactMap { if case .change(let c) = $0 { c } else { nil } }.first)
        #expect(change.lostNumber == nil)
        #expect(change.underivableReason(figure: Amount("0.3")!) == "增加56.95，大于0.3")
        #expect(change.underivableReason(figure: Amount("56.95")!) == nil)
        #expect(change.underivableReason(figure: Amount("100")!) == nil)
    }
}
