import FiscalModel
import Testing

@testable import FiscalCheck

/// The seed report's real figures, with their real lines: the inconsistencies a careful
/// reader finds are found, with the right severity and both lines, and nothing else is.
@Suite("the seed report's figures")
struct SeedFindingsTests {
    let findings = Checker.findings([SeedReport.make()])

    func find(_ rule: String, _ subject: String) -> [Finding] {
        findings.filter { $0.rule == rule && $0.subject.contains(subject) }
    }

    @Test func basicExpenditureStatedTwoWaysIsAnError() throws {
        let f = try #require(find("repeated", "基本支出").first)
        #expect(f.severity == .error)
        #expect(f.lines == "seed.txt:30, seed.txt:60")
        #expect(f.difference == ReportBuilder.amount("0.01"))
    }

    @Test func generalPublicServicesItemsAreOffByRounding() throws {
        let f = try #require(find("classification", "一般公共服务").first)
        #expect(f.severity == .rounding)
        #expect(f.stated == ReportBuilder.amount("865.22") && f.computed == ReportBuilder.amount("865.23"))
        #expect(f.lines == "seed.txt:42, seed.txt:46, seed.txt:47, seed.txt:48, seed.txt:49, seed.txt:50, seed.txt:51")
    }

    @Test func healthItemsAreOffByRounding() throws {
        let f = try #require(find("classification", "卫生健康").first)
        #expect(f.severity == .rounding)
        #expect(f.computed == ReportBuilder.amount("32.93"))
    }

    @Test func threePublicSharesAreOffByRounding() throws {
        let sum = try #require(find("share-sum", "三公").first)
        #expect(sum.severity == .rounding && sum.stated == ReportBuilder.amount("99.99"))
        let share = try #require(find("share", "公务用车购置及运行维护费").first)
        #expect(share.severity == .rounding && share.computed == ReportBuilder.amount("59.55"))
        #expect(share.lines == "seed.txt:69, seed.txt:67")
    }

    @Test func personnelPlusOfficeCostsIsOffByRounding() throws {
        let f = try #require(find("sum", "人员经费").first)
        #expect(f.severity == .rounding)
        #expect(f.stated == ReportBuilder.amount("546.42") && f.computed == ReportBuilder.amount("546.41"))
    }

    @Test func incomeSourcesDoNotAddUpAndTheFundShareIsWrong() throws {
        let sum = try #require(find("sum", "本年收入合计").first)
        #expect(sum.severity == .error && sum.difference == ReportBuilder.amount("87.58"))
        let share = try #require(find("share", "政府性基金").first)
        #expect(share.severity == .error && share.computed == ReportBuilder.amount("23.15"))
    }

    @Test func receptionRateWasDividedByTheCurrentYear() throws {
        let f = try #require(find("change", "公务接待费").first)
        #expect(f.severity == .error)
        #expect(f.computed == ReportBuilder.amount("-28.40"))
        #expect(f.detail.contains("change / current-year value"))
    }

    @Test func carryOverShareIsOffByRounding() throws {
        let f = try #require(find("share", "年末结转和结余 share of 本年支出合计").first)
        #expect(f.severity == .rounding)
    }

    /// Correct figures are not flagged: 支出 parts, 三公 parts, reception breakdown, 类 total,
    /// counts, changes of 收支总计 and 一般公共预算, the project's 完成预算.
    @Test func correctFiguresAreNotFlagged() {
        for subject in ["本年支出合计", "“三公”经费 =", "公务接待费 = its breakdown", "一般公共预算财政拨款支出 =", "职工", "车辆", "公务用车 =",
                        "收支总计", "财政拨款收支总计", "社会保障", "住房保障", "党政党务", "公务用车运行维护费"] {
            #expect(findings.filter { $0.subject.hasPrefix(subject) || ($0.subject.contains(subject) && $0.rule != "share") }.isEmpty,
                    "flagged: \(subject)")
        }
        #expect(findings.filter { $0.severity == .error }.count == 4)
        #expect(findings.count == 11)
    }

    @Test func everyFindingNamesEachFiguresLine() {
        for f in findings {
            #expect(f.figures.count >= 2)
            #expect(f.figures.allSatisfy { $0.span.file == "seed.txt" && $0.span.line > 0 })
        }
    }

    @Test func tableRowsCarryTheSpansOfTheirFigures() throws {
        let table = Checker.run([SeedReport.make()])
        #expect(table.rows.count == findings.count)
        let row = try #require(table.rows.firstIndex { $0[1] == .text("repeated") })
        #expect(table.sources(ofRow: row).map(\.line) == [30, 60])
        #expect(Checker.hasErrors(table))
        #expect(table.notes == ["checked 1 report: 4 errors, 7 rounding, 0 notes"])
    }
}
