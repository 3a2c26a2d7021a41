import BuiltinFormats
import FiscalFormat
import FiscalModel
import Testing

/// Issue 12 on the shared files, loaded as fiscal loads them: counts are not money, and a
/// sentence that lost or contradicts a number derives no earlier year.
@Suite("Counts and lost numbers in the Shanghai files")
struct NotMoneyCorpusTests {
    static func report(_ file: String) throws -> Report {
        let result = try BuiltinFormats.registry.load(file: Fixture.root + "/Examples/corpus/shanghai-putuo/" + file)
        return try #require(result.reports.first)
    }

    @Test("05 l.294–295: `公务用车购置费75万元，比2025年预算增加27万元，…车辆5辆，比2025年增加2辆`")
    func countChange05() throws {
        let r = try Self.report("05_普陀区城市管理行政执法局_2026_部门预算.txt")
        // No change of 2 (辆) is linked to any figure, and no 2025 figure is 75 − 2 = 73.
        #expect(!r.claims.contains { if case .change(_, let d?, _) = $0.kind { d == 2 } else { false } })
        #expect(!r.facts.contains { $0.derived && $0.amount == 73 })
        // The 27万元 change of 公务用车购置费 derives 2025 = 75 − 27 = 48.
        #expect(r.facts.contains { $0.derived && $0.year == 2025 && $0.item == "公务用车购置费" && $0.amount == 48 })
        #expect(r.warnings.contains { $0.code == "unplaced-claim" && $0.span?.line == 295 && $0.message.contains("辆") })
    }

    @Test("01 l.398 (pypdf) / l.542 (pdfplumber): `总计0.3万元。…总计持平。主要原因：…减少支付` derives no 2023 total")
    func contradicted01() throws {
        for (file, line) in [("01_普陀区财政局_2024_部门决算.pypdf.txt", 398), ("01_普陀区财政局_2024_部门决算.txt", 542)] {
            let r = try Self.report(file)
            #expect(!r.facts.contains { $0.derived && $0.amount == Amount("0.3")! }, "\(file)")
            #expect(!r.facts.contains { $0.derived && $0.statement == "财政拨款收支" }, "\(file)")
            #expect(r.warnings.contains { $0.code == "lost-number" && $0.span?.line == line }, "\(file)")
            // The stated 2024 figure stays (check holds it against the table's 2,961.68).
            #expect(r.facts.contains { !$0.derived && $0.year == 2024 && $0.mentions.contains { $0.amount == Amount("0.3")! } }, "\(file)")
            // The other derived years of the file are read as before: 2995.39 + 56.95.
            #expect(r.facts.contains { $0.derived && $0.year == 2023 && $0.amount == Amount("3052.34")! }, "\(file)")
        }
    }
}
