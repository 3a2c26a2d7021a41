import FiscalFormat
import FiscalModel
import Testing

@Suite struct SentenceReaderTests {
    @Test func figuresWithUnitsAndRanges() {
        let line: Substring = "其中：轿车1辆、国内公务接待95批次，约805人次，支出１，０１４．７３万元，占70.22%，2020年12月"
        let figures = NarrativeFigure.scan(line)
        #expect(figures.map(\.unit) == [.count("辆"), .count("批次"), .count("人次"), .money(.wanYuan), .percent, .date, .date])
        #expect(figures[3].amount == Amount("1014.73")!)
        #expect(line[figures[3].range] == "１，０１４．７３")
        #expect(NarrativeFigure.scan("单价50万元以上通用设备0台（套）").map(\.isThreshold) == [true, false])
    }

    @Test func shanghaiWordingOfAChange() {
        let mentions = SentenceReader.mentions(in: "2024年度收入总计1,234.56万元。与 2023 年度相比，收入总计增加 100.5 万元，增长 8.86%。")
        guard case .change(let change)? = mentions.last else { Issue.record("no change in \(mentions)"); return }
        #expect(change.priorYear == 2023)
        #expect(change.subject == "收入总计")
        #expect(change.delta == Amount("100.5")!)
        #expect(change.percent == Amount("8.86")!)
    }

    @Test func sharesCompletionAndUnchanged() {
        let m = SentenceReader.mentions(in: "2020年一般公共预算财政拨款支出1014.73万元，占本年支出合计的76.85%，完成预算100%。机关运行经费支出0万元，与2019年决算数持平。")
        #expect(m.count == 5)
        if case .share(let s) = m[1] { #expect(s.whole == "本年支出合计" && s.percent == Amount("76.85")!) } else { Issue.record("\(m[1])") }
        if case .completion(let c) = m[2] { #expect(c.percent == 100) } else { Issue.record("\(m[2])") }
        if case .unchanged(let u) = m[4] { #expect(u.priorYear == 2019) } else { Issue.record("\(m[4])") }
        if case .figure(let f) = m[0] { #expect(f.label == "一般公共预算财政拨款支出") } else { Issue.record("\(m[0])") }
    }

    @Test("`万` without `元` before a parenthesis or clause mark is 万元; before another unit it is not")
    func wanAlone() {
        let figures = NarrativeFigure.scan("国内公务接待支出0.39万（含外宾接待支出0.00万元），共1.2万人次")
        #expect(figures.map(\.unit) == [.money(.wanYuan), .money(.wanYuan), .none])
        #expect(figures[0].amount == Amount("0.39")!)
    }

    @Test("`与上一年度持平` is the year before the report's, when the caller gives it")
    func previousYearWords() {
        let text: Substring = "其中：公务用车购置及运行维护费支出与上一年度持平。公务接待费比上年减少0.15万元。"
        let m = SentenceReader.mentions(in: text, reportYear: 2024)
        let unchanged = m.compactMap { if case .unchanged(let u) = $0 { u } else { nil } }
        #expect(unchanged.map(\.priorYear) == [2023])
        #expect(unchanged.first.map { text[$0.range] } == "与上一年度持平")
        let changes = m.compactMap { if case .change(let c) = $0 { c } else { nil } }
        #expect(changes.map(\.priorYear) == [2023] && changes.first?.subject == "公务接待费")
        // Without the report's year the phrase names no year.
        #expect(!SentenceReader.mentions(in: text).contains { if case .unchanged = $0 { true } else { false } })
    }

    @Test func classificationPaths() {
        let path = ClassificationPath("3.一般公共服务（类）一般公共服务（类）党委办公厅（室）及相关机构事务（款）专项业务支出（项）")
        #expect(path?.parts.map(\.level) == [.lei, .kuan, .xiang])
        #expect(path?.code() == "2013105")
        #expect(ClassificationPath("没有标记的文字") == nil)
        #expect(NarrativeLabel.matches("收、支总计各", "财政拨款收、支总计"))
        #expect(!NarrativeLabel.matches("公务用车运行维护费支出决算", "公务用车购置及运行维护费支出"))
    }

    @Test func boundWithInclusiveMarkIsNoValue() {
        let figures = NarrativeFigure.scan("单价100万元（含）以上设备（不含车辆）2台（套）"[...])
        #expect(figures.map(\.isThreshold) == [true, false])
        #expect(figures.map(\.isValue) == [false, true])
    }
}
