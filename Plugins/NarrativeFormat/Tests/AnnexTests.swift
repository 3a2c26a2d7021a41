import FiscalFormat
import FiscalModel
import Testing

@testable import NarrativeFormat

/// 第四部分 附件 of the seed: the money it repeats is read as mentions (part 附件) of the
/// explanation's facts, labelled like them, with its shares; what has no counterpart is named in
/// one note. (The seed report is loaded through the registry, so folded.)
@Suite("the seed's 附件")
struct AnnexTests {
    let report: Report
    init() throws { report = try Seed.report() }

    /// Every 附件 mention with its fact.
    var annex: [(fact: Fact, mention: Mention)] {
        report.facts.flatMap { f in f.mentions.filter { $0.part == Mention.annex }.map { (f, $0) } }
    }

    /// The facts with a 附件 mention on `line`, in column order.
    func annexFacts(line: Int) -> [(fact: Fact, mention: Mention)] {
        annex.filter { $0.mention.span.line == line }.sorted { $0.mention.span < $1.mention.span }
    }

    @Test func incomeLineRepeatsSectionTwo() throws {
        let line802 = annexFacts(line: 802)
        #expect(line802.map(\.fact.item) == ["本年收入合计", "一般公共预算财政拨款收入", "政府性基金预算财政拨款收入", "上级补助收入",
                                        "事业收入", "经营收入", "附属单位上缴收入", "其他收入"])
        #expect(line802.map(\.mention.amount) == [Amount("1320.41")!, Amount("927.15")!, Amount("305.68")!, 0, 0, 0, 0, 0])
        // The same facts as line 27's: each first stated there, total measure.
        #expect(line802.allSatisfy { $0.fact.statement == .income && $0.fact.measure == .total && $0.fact.phase == .final && $0.fact.year == 2020 })
        #expect(line802.allSatisfy { $0.fact.span.line == 27 && $0.fact.mentions.count == 2 })
    }

    @Test func incomeSharesAreLinkedToTheFoldedFacts() throws {
        let shares = report.claims.filter { $0.span.line == 802 }
        #expect(shares.count == 7)
        let fund = try #require(shares.first { if case .share(let p, _) = $0.kind { p == Amount("29.78")! } else { false } })
        #expect(report.facts[fund.fact].item == "政府性基金预算财政拨款收入" && report.facts[fund.fact].mentions.map(\.span.line) == [27, 802])
        guard case .share(_, let whole?) = fund.kind else { Issue.record("no whole"); return }
        #expect(report.facts[whole].item == "本年收入合计" && report.facts[whole].measure == .total)
    }

    @Test func generalBudgetByClassRepeatsSectionFive() {
        let line806 = annexFacts(line: 806)
        #expect(line806.map(\.fact.code?.rawValue) == [nil, "201", "208", "210", "221", nil, nil, nil, nil])
        #expect(line806.map(\.mention.amount) == [Amount("1014.73")!, Amount("865.22")!, Amount("48.34")!, Amount("32.92")!, Amount("34.43")!,
                                                   Amount("33.82")!, 0, 0, 0])
        #expect(line806.allSatisfy { $0.fact.statement == .generalBudgetExpenditure && $0.fact.fund == .generalBudget && $0.fact.measure == .total })
        #expect(report.claims.filter { $0.span.line == 806 }.count == 8)
    }

    @Test func projectBudgetsAndSpendingAreMentionsOfTheTablesFacts() {
        let meeting = annex.filter { $0.fact.item == "会议费项目" }
        #expect(meeting.map(\.mention.span.line) == [943, 949, 952, 954])
        #expect(meeting.map(\.fact.phase) == [.budget, .budget, .budget, .final])
        #expect(meeting.map(\.fact.measure) == [.fullYearBudget, .fullYearBudget, .fullYearBudget, .total])
        #expect(meeting.allSatisfy { $0.mention.amount == 9 && $0.fact.statement == .projects })
        // One budget fact: the table's 预算数 (line 487), the 综述 (104) and the three 附件 lines.
        let budget = report.facts.filter { $0.item == "会议费项目" && $0.phase == .budget && $0.measure == .fullYearBudget }
        #expect(budget.count == 1)
        #expect(budget.first?.mentions.map(\.span.line).sorted() == [104, 487, 943, 949, 952])
        let party = annex.filter { $0.fact.statement == .projects && $0.mention.span.line < 850 }
        #expect(party.map(\.mention.span.line) == [827, 836, 839, 841])
        #expect(party.allSatisfy { $0.fact.item == "党政党务项目运行运维专项经费项目" && $0.mention.amount == Amount("138.6")! })
        #expect(report.projects.count == 5)
    }

    @Test func everyMoneyFigureAfterTheGlossaryIsAnAnnexMention() throws {
        let annexStart = try #require(Seed.text().split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.hasPrefix("第四部分") }) + 1
        let after = report.facts.flatMap { f in f.unit.isMoney ? f.mentions.filter { $0.span.line > annexStart } : [] }
        #expect(after.count == 37)
        #expect(after.allSatisfy { $0.part == Mention.annex && $0.reading != .derived })
        #expect(annex.count == 37)
        // No fact is only in the 附件: each repeats a figure of the explanation.
        #expect(!report.facts.contains { f in f.mentions.allSatisfy { $0.part == Mention.annex } })
    }

    @Test func spansPointAtTheNumbers() throws {
        let source = SourceText(text: Seed.text(), path: "seed")
        for (_, m) in annex {
            let line = try #require(source.line(m.span.line))
            let digits = line.dropFirst(m.span.startColumn - 1).prefix(m.span.endColumn - m.span.startColumn)
            #expect(Amount(String(digits)) == m.amount, "\(m)")
        }
    }

    @Test func oneNoteSaysWhatWasReadAndWhatWasNot() throws {
        #expect(!report.warnings.contains { $0.code == "attachment-not-read" })
        let note = try #require(report.warnings.first { $0.code == "attachment-read" })
        #expect(note.severity == .note && note.span?.line == 802)
        #expect(note.message.hasPrefix("read 37 money figures of 附件 on 22 lines as mentions of the explanation's facts (802–991)"))
        #expect(note.message.contains("9 amounts requested (申报) on lines 836, 868, 875, 906, 912, 943, 949, 980, 986"))
        #expect(note.message.contains("10 funds received (到位) on lines 839, 840, 878, 879, 915, 916, 952, 953, 989, 990"))
    }
}
