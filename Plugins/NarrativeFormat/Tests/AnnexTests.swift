import FiscalFormat
import FiscalModel
import Testing

@testable import NarrativeFormat

/// 第四部分 附件 of the seed: the money it repeats is read into column 附件, labelled like
/// the explanation's figures, with its shares; what has no counterpart is named in one note.
@Suite("the seed's 附件")
struct AnnexTests {
    let report: Report
    init() throws { report = try Seed.report() }

    var annex: [Fact] { report.facts.filter { $0.measure == Fact.annexColumn } }

    @Test func incomeLineRepeatsSectionTwo() throws {
        let line802 = report.facts(line: 802)
        #expect(line802.map(\.item) == ["本年收入合计", "一般公共预算财政拨款收入", "政府性基金预算财政拨款收入", "上级补助收入",
                                        "事业收入", "经营收入", "附属单位上缴收入", "其他收入"])
        #expect(line802.map(\.amount) == [Amount("1320.41")!, Amount("927.15")!, Amount("305.68")!, 0, 0, 0, 0, 0])
        #expect(line802.allSatisfy { $0.statement == .income && $0.measure == "附件" && $0.phase == .final && $0.year == 2020 })
        // Labelled like line 27's: only the column differs.
        let line27 = report.facts(line: 27)
        #expect(line27.map { [$0.item, $0.fund?.rawValue ?? ""] } == line802.map { [$0.item, $0.fund?.rawValue ?? ""] })
        #expect(line27.allSatisfy { $0.measure == .total })
    }

    @Test func incomeSharesAreLinkedToTheAnnexFacts() throws {
        let shares = report.claims.filter { $0.span.line == 802 }
        #expect(shares.count == 7)
        let fund = try #require(shares.first { if case .share(let p, _) = $0.kind { p == Amount("29.78")! } else { false } })
        #expect(report.facts[fund.fact].item == "政府性基金预算财政拨款收入" && report.facts[fund.fact].span.line == 802)
        guard case .share(_, let whole?) = fund.kind else { Issue.record("no whole"); return }
        #expect(report.facts[whole].item == "本年收入合计" && report.facts[whole].measure == "附件")
    }

    @Test func generalBudgetByClassRepeatsSectionFive() {
        let line806 = report.facts(line: 806)
        #expect(line806.map(\.code?.rawValue) == [nil, "201", "208", "210", "221", nil, nil, nil, nil])
        #expect(line806.map(\.amount) == [Amount("1014.73")!, Amount("865.22")!, Amount("48.34")!, Amount("32.92")!, Amount("34.43")!,
                                          Amount("33.82")!, 0, 0, 0])
        #expect(line806.allSatisfy { $0.statement == .generalBudgetExpenditure && $0.fund == .generalBudget && $0.measure == "附件" })
        #expect(report.claims.filter { $0.span.line == 806 }.count == 8)
    }

    @Test func projectBudgetsAndSpendingAreRead() {
        let meeting = annex.filter { $0.item == "会议费项目" }
        #expect(meeting.map(\.span.line) == [943, 949, 952, 954])
        #expect(meeting.map(\.phase) == [.budget, .budget, .budget, .final])
        #expect(meeting.allSatisfy { $0.amount == 9 && $0.statement == .projects })
        // The first project's name is the explanation's (the table's 项目名称).
        let party = annex.filter { $0.statement == .projects && $0.span.line < 850 }
        #expect(party.map(\.span.line) == [827, 836, 839, 841])
        #expect(party.allSatisfy { $0.item == "党政党务项目运行运维专项经费项目" && $0.amount == Amount("138.6")! })
        #expect(report.projects.count == 5)
    }

    @Test func everyMoneyFigureAfterTheGlossaryIsInColumnAnnex() throws {
        let annexStart = try #require(Seed.text().split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.hasPrefix("第四部分") }) + 1
        let after = report.facts.filter { $0.span.line > annexStart && $0.unit.isMoney }
        #expect(after.count == 37)
        #expect(after.allSatisfy { $0.measure == Fact.annexColumn && !$0.derived })
        #expect(report.facts.filter { $0.measure == Fact.annexColumn }.count == 37)
    }

    @Test func spansPointAtTheNumbers() throws {
        let source = SourceText(text: Seed.text(), path: "seed")
        for fact in annex {
            let line = try #require(source.line(fact.span.line))
            let digits = line.dropFirst(fact.span.startColumn - 1).prefix(fact.span.endColumn - fact.span.startColumn)
            #expect(Amount(String(digits)) == fact.amount, "\(fact)")
        }
    }

    @Test func oneNoteSaysWhatWasReadAndWhatWasNot() throws {
        #expect(!report.warnings.contains { $0.code == "attachment-not-read" })
        let note = try #require(report.warnings.first { $0.code == "attachment-read" })
        #expect(note.severity == .note && note.span?.line == 802)
        #expect(note.message.hasPrefix("read 37 money figures of 附件 on 22 lines as facts with column 附件 (802–991)"))
        #expect(note.message.contains("9 amounts requested (申报) on lines 836, 868, 875, 906, 912, 943, 949, 980, 986"))
        #expect(note.message.contains("10 funds received (到位) on lines 839, 840, 878, 879, 915, 916, 952, 953, 989, 990"))
    }
}
