import FiscalFormat
import FiscalModel
import Testing

/// Numbers pdfplumber pushed to the next line, put back (doc 01 of the Shanghai corpus).
@Suite("rejoining pushed-out numbers")
struct RejoinedTextTests {
    func rejoin(_ text: String, from first: Int = 10) -> RejoinedText {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return RejoinedText.rejoin(lines.enumerated().map { (first + $0.offset, $0.element) })
    }

    @Test("numbers fill the gaps in order; a line break before 万元 is a gap")
    func fills() {
        let t = rejoin("本年收入合计 万元，其中：财政拨款收入 万元，占 ；其他\n2946.25 2940.05 99.79%\n收入 万元，占 ；\n6.2 0.21%")
        #expect(t.text == "本年收入合计2946.25万元，其中：财政拨款收入2940.05万元，占99.79%；其他收入6.2万元，占0.21%；")
        let r = t.text.range(of: "2940.05")!
        let origin = t.origin(of: r)
        #expect(origin?.line == 11 && origin?.columns == 9..<16)
    }

    @Test("a number waits for a gap that opens on the next line of words; quote lines are dropped")
    func waits() {
        let t = rejoin("支出（项）。主要用于：退休人员经费支出。年初预算为 万元，支出决算为\n0.94\n万元。决算数与预算数基本持平。\n0.94\n三公 经费\n“ ”")
        #expect(t.text == "支出（项）。主要用于：退休人员经费支出。年初预算为0.94万元，支出决算为0.94万元。决算数与预算数基本持平。三公经费")
        #expect(t.origin(of: t.text.range(of: "0.94万元。")!)?.line == 13)
    }

    @Test("the shared sentence reader reads the rejoined text")
    func reads() {
        let t = rejoin("上海市普陀区财政局 年度收入支出总计 万元。与 年度相比，收入\n2024 2995.39 2023\n支出总计减少 万元，下降 。主要原因：\n56.95 1.87%")
        let mentions = SentenceReader.mentions(in: t.text[...])
        let changes = mentions.compactMap { if case .change(let c) = $0 { c } else { nil } }
        #expect(changes.count == 1 && changes[0].priorYear == 2023 && changes[0].delta == Amount("-56.95") && changes[0].percent == Amount("-1.87"))
        let figures = mentions.compactMap { if case .figure(let f) = $0 { f } else { nil } }
        #expect(figures.first?.figure.amount == Amount("2995.39"))
    }

    @Test("numbers written in place open no gap, so a later number line fills the right one")
    func inPlace() {
        // pypdf and documents 02/03: the number stays in its sentence, the unit may wrap.
        let t = rejoin("年初预算为 1560.05 万元，支出决算为1511.89万\n元。其他收入 万元\n6.2")
        #expect(t.text == "年初预算为1560.05万元，支出决算为1511.89万元。其他收入6.2万元")
    }

    @Test("numbers pushed out with quote marks beside them are still numbers")
    func quotesBesideNumbers() {
        let t = rejoin("三公 经费财政拨款支出年初预算为 万元，支出决算为 万元，完成预算的\n“ ” 0.95 0.00\n，其中\n0%")
        #expect(t.text == "三公经费财政拨款支出年初预算为0.95万元，支出决算为0.00万元，完成预算的0%，其中")
    }

    @Test("a space before a clause mark is no gap when the numbers are too few for it")
    func weakGap() {
        let t = rejoin("在职人员基本医疗保险费 。年初预算为 万元，支出决算为 万元。决\n62.29 60.99\n算数小于预算数。占 ；\n11.11%")
        #expect(t.text == "在职人员基本医疗保险费。年初预算为62.29万元，支出决算为60.99万元。决算数小于预算数。占11.11%；")
    }

    @Test("a line starting with `人员` is no gap when the numbers are too few for it")
    func wordLikeUnit() {
        // Doc 01, item 11: `人` is a unit (`12人`), but `人员` is a word; without this rule the first
        // 258.50 went before `人员` and the 支出决算 was lost.
        let t = rejoin("实际执行基本贴合预期。\n、住房保障支出（类）住房改革支出（款）购房补贴（项）。主要用于：缴纳在职\n11\n人员住房购房补贴。年初预算为 万元，支出决算为 万元。决算数与预算\n258.50 258.50\n数基本持平。")
        #expect(t.text == "实际执行基本贴合预期。11、住房保障支出（类）住房改革支出（款）购房补贴（项）。主要用于：缴纳在职人员住房购房补贴。年初预算为258.50万元，支出决算为258.50万元。决算数与预算数基本持平。")
        #expect(t.origin(of: t.text.range(of: "258.50万元。")!)?.line == 14)
    }
}
