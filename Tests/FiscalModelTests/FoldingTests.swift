import TestSupport
import Testing

@testable import FiscalModel

/// `Report.folded()`: the mentions of one key become one fact.
@Suite("folding facts by key")
struct FoldingTests {
    func span(_ line: Int, _ start: Int = 1) -> SourceSpan { SourceSpan(file: "r.txt", line: line, startColumn: start, endColumn: start + 6) }

    func fact(_ item: String, _ amount: String, line: Int, code: String? = nil, statement: Statement = .generalBudgetExpenditure,
              unit: FactUnit = .money(.wanYuan), measure: Measure = .total, fund: Fund? = .generalBudget,
              reading: Reading = .narrative, derived: Bool = false) -> Fact {
        Fact(entity: "县委办", year: 2020, phase: .final, statement: statement, item: item, code: code.flatMap(ClassificationCode.init(rawValue:)),
             fund: fund, measure: measure, amount: Amount(amount)!, unit: unit, derived: derived, reading: reading, span: span(line))
    }

    func report(_ facts: [Fact], claims: [Claim] = []) -> Report {
        Report(entity: "县委办", year: 2020, phase: .final, unit: .wanYuan, source: "r.txt", facts: facts, claims: claims)
    }

    @Test("a coded fact is keyed by its code, not its wording; the table's cell is the first mention")
    func codeNotWording() {
        let r = report([
            fact("一般公共服务（类）支出", "865.22", line: 42, code: "201"),
            fact("一般公共服务支出", "865.22", line: 300, code: "201", reading: .tableCode),
            fact("一般公共服务支出", "865.22", line: 301, code: "201", measure: .basic, reading: .tableCode),
        ]).folded()
        #expect(r.facts.count == 2)
        #expect(r.facts[0].item == "一般公共服务支出" && r.facts[0].span.line == 300)
        #expect(r.facts[0].mentions.map(\.span.line) == [300, 42])
        #expect(!r.facts[0].isDisputed)
        #expect(r.facts[1].measure == .basic)
    }

    @Test("a 万元 narrative figure and a 元 table cell agree when the finer rounds to the coarser")
    func unitsAndPrecision() {
        let r = report([
            fact("行政运行", "230.25", line: 10, code: "2010101"),
            fact("行政运行", "2302464", line: 200, code: "2010101", unit: .money(.yuan), reading: .tableCode),
        ]).folded()
        #expect(r.facts.count == 1)
        let f = r.facts[0]
        // In the report's unit (万元), from the finer mention, exactly.
        #expect(f.unit == .money(.wanYuan) && f.amount == Amount("230.2464")!)
        #expect(f.mentions[0].unit == .money(.yuan) && f.mentions[0].amount == Amount("2302464")! && f.mentions[0].span.line == 200)
        #expect(f.mentions[1].unit == nil && f.mentions[1].amount == Amount("230.25")!)
        #expect(!f.isDisputed)
        // 230.24万元 is not 2,302,464元 rounded.
        let off = report([
            fact("行政运行", "230.24", line: 10, code: "2010101"),
            fact("行政运行", "2302464", line: 200, code: "2010101", unit: .money(.yuan), reading: .tableCode),
        ]).folded()
        #expect(off.facts[0].isDisputed)
        // Different digits: 7.5 and 7.54 agree, 7.5 and 7.56 do not; same digits never differ.
        #expect(!report([fact("公务接待费", "7.54", line: 1), fact("公务接待费", "7.5", line: 2)]).folded().facts[0].isDisputed)
        #expect(report([fact("公务接待费", "7.56", line: 1), fact("公务接待费", "7.5", line: 2)]).folded().facts[0].isDisputed)
        #expect(report([fact("公务接待费", "7.54", line: 1), fact("公务接待费", "7.55", line: 2)]).folded().facts[0].isDisputed)
    }

    @Test("different keys stay apart: year, phase, measure, fund, counts, derived")
    func keysApart() {
        var budget = fact("会议费", "9", line: 2)
        budget.phase = .budget
        let r = report([
            fact("会议费", "9", line: 1), budget,
            fact("会议费", "9", line: 3, measure: .project),
            fact("会议费", "9", line: 4, fund: .governmentFund),
            fact("车辆", "2", line: 5, unit: .count("辆")),
            fact("车辆", "2", line: 6, unit: .count("台")),
            fact("会议费", "9", line: 7, derived: true),
        ]).folded()
        #expect(r.facts.count == 7)
    }

    @Test("a fact without a fund folds into the one fund its key's other facts name")
    func fundless() {
        let one = report([fact("公务接待费", "0.40", line: 1, statement: .threePublic, fund: nil),
                          fact("公务接待费", "0.40", line: 2, statement: .threePublic, reading: .tableName)]).folded()
        #expect(one.facts.count == 1 && one.facts[0].fund == .generalBudget)
        let two = report([fact("公务接待费", "0.40", line: 1, statement: .threePublic, fund: nil),
                          fact("公务接待费", "0.40", line: 2, statement: .threePublic),
                          fact("公务接待费", "0.10", line: 3, statement: .threePublic, fund: .governmentFund)]).folded()
        #expect(two.facts.count == 3)
    }

    @Test("claims and projects point at the folded facts; folding twice changes nothing")
    func indicesRemapped() {
        var r = report([
            fact("本年收入合计", "1320.41", line: 27, statement: .income, fund: nil),
            fact("政府性基金预算财政拨款收入", "305.68", line: 27, statement: .income, fund: .governmentFund),
            fact("本年收入合计", "1320.41", line: 802, statement: .income, fund: nil),
            fact("政府性基金预算财政拨款收入", "305.68", line: 802, statement: .income, fund: .governmentFund),
        ], claims: [
            Claim(fact: 1, kind: .share(percent: Amount("29.78")!, whole: 0), span: span(27, 80)),
            Claim(fact: 3, kind: .share(percent: Amount("29.78")!, whole: 2), span: span(802, 80)),
        ])
        r.projects = [Project(name: "p", facts: [3, 1], span: span(1))]
        let folded = r.folded()
        #expect(folded.facts.count == 2)
        #expect(folded.claims.map(\.fact) == [1, 1])
        #expect(folded.claims.map(\.kind) == [.share(percent: Amount("29.78")!, whole: 0), .share(percent: Amount("29.78")!, whole: 0)])
        #expect(folded.projects[0].facts == [1])
        #expect(folded.folded() == folded)
    }

    @Test("the canonical JSON keeps every mention with its unit and part")
    func jsonRoundTrip() throws {
        var annex = fact("行政运行", "230.25", line: 800, code: "2010101")
        annex.mentions[0].part = Mention.annex
        let r = report([fact("行政运行", "2302464", line: 200, code: "2010101", unit: .money(.yuan), reading: .tableCode), annex]).folded()
        let text = ModelJSON.encode([r]).text()
        #expect(text.contains("\"part\": \"附件\"") || text.contains("\"part\":\"附件\""))
        let back = try ModelJSON.decodeReports(try JSON.parse(text))
        #expect(back == [r])
    }
}

/// The stem an uncoded row is keyed by (``FactKey/itemStem(_:)``).
@Suite("item stems")
struct ItemStemTests {
    @Test("a narrative's 支出决算 / 支出 do not make another row")
    func sameRow() {
        let stem = FactKey.itemStem("公务用车购置及运行维护费")
        #expect(FactKey.itemStem("公务用车购置及运行维护费支出决算") == stem)
        #expect(FactKey.itemStem("公务用车购置及运行维护费支出") == stem)
        #expect(FactKey.itemStem("“公务用车购置及运行维护费”支出") == stem)
        #expect(FactKey.itemStem("因公出国(境)费支出") == FactKey.itemStem("因公出国（境）费"))
    }

    @Test("different rows stay apart")
    func differentRows() {
        let rows = ["公务用车购置费", "公务用车运行维护费", "公务用车购置及运行维护费", "基本支出", "项目支出", "其他支出", "其他",
                    "一般公共预算", "一般公共预算支出", "公务接待费", "国内公务接待"]
        // 一般公共预算 is an income row of the 收支总表, 一般公共预算支出 an expenditure one.
        let stems = rows.map(FactKey.itemStem)
        #expect(Set(stems).count == rows.count)
        #expect(FactKey.itemStem("基本支出") == "基本支出")
        #expect(FactKey.itemStem("其他支出") != FactKey.itemStem("其他"))
    }
    @Test("item stems by scalars are the item stems by characters")
    func itemStemByScalars() {
        // The definitions before the scalar walk.
        func normalize(_ s: String) -> String {
            var out = ""
            for c in s {
                if FactKey.dropped.contains(c) { continue }
                if FactKey.opening.contains(c) { out.append("（") } else if FactKey.closing.contains(c) { out.append("）") } else { out.append(c) }
            }
            return out
        }
        func itemStem(_ item: String) -> String {
            var s = normalize(item)
            for suffix in FactKey.itemSuffixes where s.hasSuffix(suffix) && s.count - suffix.count >= FactKey.minimumStem {
                let stem = s.dropLast(suffix.count)
                if !FactKey.stemKeepsSuffix.contains(where: { stem.hasSuffix($0) }) { s = String(stem) }
                break
            }
            return s
        }
        let alphabet: [String] = ["“", "”", "(", ")", " ", "三公", "经费", "支出", "决算", "预算", "数", "\u{301}", "\u{600}", "资金"]
        var g = SplitMix(seed: 20261213)
        var stemmed = 0
        for _ in 0..<20000 {
            let item = g.text(from: alphabet, maxPieces: 15)
            #expect(FactKey.normalize(item).utf8.elementsEqual(normalize(item).utf8), "\(item.unicodeScalars.map(\.value))")
            #expect(FactKey.itemStem(item).utf8.elementsEqual(itemStem(item).utf8), "\(item.unicodeScalars.map(\.value))")
            if itemStem(item) != normalize(item) { stemmed += 1 }
        }
        #expect(stemmed > 1000, "\(stemmed)")
    }
}
