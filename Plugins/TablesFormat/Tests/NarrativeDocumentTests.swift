import FiscalFormat
import FiscalModel
import Testing

/// The narrative of documents 02 and 03 where it differs from 01's wording: 项 named unlike
/// the catalog, `万` without `元`, `与上一年度持平`.
@Suite("Shanghai narrative: documents 02 and 03")
struct NarrativeDocumentTests {
    static func rows(_ report: Report) -> [String] {
        report.facts.map { f in
            "\(f.statement)|\(f.item)|\(f.code?.rawValue ?? "")|\(f.measure == .total ? "" : f.measure.rawValue)|\(f.phase.rawValue)|\(f.year)|\(f.derived ? "d" : "") = \(f.amount) @\(f.span.line)"
        }
    }

    @Test("doc 02: a 项 the catalog does not know is guessed as the one table row with its 支出决算 under its 款, an uncertain reading with a warning",
          arguments: [false, true])
    func itemsByAmount(pypdf: Bool) throws {
        let report = try Fixtures.report(Fixtures.documents[1], pypdf: pypdf, narrative: true)
        let rows = Self.rows(report).map { $0.prefix { $0 != "@" } }
        // `机关事业单位退休人员活动费支出` 0.88: the table lists 2080599 其他行政事业单位养老支出 0.88.
        #expect(rows.contains("一般公共预算财政拨款支出|机关事业单位退休人员活动费支出|2080599||决算|2024| = 0.88 "))
        #expect(rows.contains("一般公共预算财政拨款支出|机关事业单位退休人员活动费支出|2080599|年初预算|预算|2024| = 0.88 "))
        // `其他国土资源事务支出` 45.00 (the name before 2019): the table's 2200199 其他自然资源事务支出 45.00.
        #expect(rows.contains("一般公共预算财政拨款支出|其他国土资源事务支出|2200199||决算|2024| = 45.00 "))
        // A matching amount is no proof: the code is a guess, said in a warning, and the figures
        // placed by it are uncertain readings.
        let notes = report.warnings.filter { $0.code == "item-by-amount" }
        #expect(notes.count == 2 && notes.allSatisfy { $0.severity == .warning })
        // Guessed by amount, so never read with certainty: a finding on them is `unsure`.
        let guessed = report.facts.filter { $0.code == "2080599" || $0.code == "2200199" }.filter { !$0.reading.isTable }
        #expect(guessed.count >= 3 && guessed.allSatisfy { $0.reading == .narrativeInferred })
        #expect(!report.warnings.contains { $0.code == "unclassified" })
    }

    @Test("doc 02: `0.39 万（含…）` is 0.39 万元; `与上一年度持平` is from 2023", arguments: [false, true])
    func wanAndPreviousYear(pypdf: Bool) throws {
        let report = try Fixtures.report(Fixtures.documents[1], pypdf: pypdf, narrative: true)
        let rows = Self.rows(report).map { $0.prefix { $0 != "@" } }
        #expect(rows.contains("三公经费|国内公务接待费|||决算|2024| = 0.39 "))
        #expect(rows.contains("三公经费|外宾接待费|||决算|2024| = 0.00 "))  // `（含外宾接待支出0.00万元）`
        let unchanged = report.claims.filter { if case .unchanged(2023) = $0.kind { true } else { false } }
        #expect(Set(unchanged.map { report.facts[$0.fact].item }) == ["因公出国（境）费", "公务用车购置及运行维护费"])
    }
}
