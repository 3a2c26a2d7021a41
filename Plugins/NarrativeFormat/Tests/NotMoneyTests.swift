import FiscalFormat
import FiscalModel
import NarrativeFormat
import Testing

/// Issue 12: what is not money is never linked to a money figure, and a sentence that has lost
/// a number derives no earlier year. Made-up 部门预算/部门决算 in the templates' shape.
@Suite("Counts are not money; lost numbers derive nothing")
struct NotMoneyTests {
    static func budget(_ threePublic: String) -> String {
        """
        某市某区某某局2026年部门预算
        第一部分 部门概况
        第二部分 2026年部门预算情况说明
        一、收支预算总体情况
        2026年收入预算总计100万元，比2025年预算增加10万元。
        二、“三公”经费预算情况说明
        \(threePublic)
        """
    }

    @Test("`…购置费75万元，比上年增加27万元，…车辆5辆，比上年增加2辆`: the 2辆 is no change of the 75万元")
    func countChangeAfterMoney() throws {
        let r = try Seed.read(Self.budget("公务用车购置费75万元，比2025年预算增加27万元，主要原因是2026年度预计淘汰更新执法车辆5辆，比2025年增加2辆；公务用车运行费38.76万元，与2025年预算持平。"))
        let purchase = try #require(r.facts.firstIndex { $0.amount == 75 && !$0.derived })
        let claims = r.claims.filter { $0.fact == purchase }
        #expect(claims.map(\.kind) == [.change(priorYear: 2025, delta: 27, percent: nil)])
        // The one derived 2025 figure of the 75 is 75 − 27 = 48, not 75 − 2.
        #expect(r.facts.filter { $0.derived && $0.item == r.facts[purchase].item }.map(\.amount) == [48])
        #expect(!r.claims.contains { if case .change(_, let d?, _) = $0.kind { d == 2 } else { false } })
        #expect(r.warnings.contains { $0.code == "unplaced-claim" && $0.span?.line == 7 && $0.message.contains("辆") })
    }

    @Test("a change of a count speaks of the count before it")
    func countChangeAfterCount() throws {
        let r = try Seed.read(Self.budget("2026年度公务用车购置及运行费20万元。年末共有公务用车6辆，比2025年增加2辆。"))
        let cars = try #require(r.facts.firstIndex { $0.unit == .count("辆") && !$0.derived })
        #expect(r.claims.contains { $0.fact == cars && $0.kind == .change(priorYear: 2025, delta: 2, percent: nil) })
        #expect(r.facts.contains { $0.derived && $0.unit == .count("辆") && $0.amount == 4 && $0.year == 2025 })
        #expect(!r.facts.contains { $0.derived && $0.unit.isMoney && $0.year == 2025 && $0.amount == 18 })
    }

    @Test("`总计 万元。与2023年度相比，…减少56.95万元`: no derived year, a warning naming the line")
    func lostNumberInFigure() throws {
        let r = try Seed.read("""
        某局2024年度部门决算
        第三部分 2024年度部门决算情况说明
        一、收入支出决算总体情况说明
        某局2024年度收入支出总计 万元。与2023年度相比，收入支出总计减少56.95万元，下降1.87%。
        二、收入决算情况说明
        本年收入合计2946.25万元，比2023年度增加10万元。
        """)
        #expect(!r.facts.contains { $0.derived && $0.span.line == 4 })
        #expect(!r.claims.contains { $0.span.line == 4 })
        let w = try #require(r.warnings.first { $0.code == "lost-number" })
        // The words around the gap, as joined (a layout space between two CJK characters goes).
        #expect(w.span?.line == 4 && w.message.contains("总计万元"))
        // The next section, whole, is read as ever: 2946.25 − 10.
        #expect(r.facts.contains { $0.derived && $0.year == 2023 && $0.amount == Amount("2936.25")! })
    }

    @Test("`增加万元` with the number lost after the direction word, and a 持平 after a lost figure")
    func lostNumberAfterWord() throws {
        let r = try Seed.read("""
        某局2024年度部门决算
        第三部分 2024年度部门决算情况说明
        一、收入支出决算总体情况说明
        某局2024年度收入支出总计100万元。与2023年度相比，收入支出总计增加万元，增长5%。
        四、财政拨款收入支出决算总体情况说明
        某局2024年度财政拨款收入支出总计 万元。与2023年度相比，财政拨款收入支出总计持平。
        """)
        #expect(!r.facts.contains { $0.derived })
        #expect(r.warnings.filter { $0.code == "lost-number" }.compactMap(\.span?.line).sorted() == [4, 6])
    }

    @Test("a rise larger than the figure it is of derives no negative year")
    func riseLargerThanFigure() throws {
        let r = try Seed.read("""
        某局2024年度部门决算
        第三部分 2024年度部门决算情况说明
        一、收入支出决算总体情况说明
        某局2024年度收入支出总计0.3万元。与2023年度相比，收入支出总计增加56.95万元，增长1.87%。
        """)
        #expect(!r.facts.contains { $0.derived })
        #expect(r.warnings.contains { $0.code == "lost-number" && $0.span?.line == 4 && $0.message.contains("56.95") })
    }
}
