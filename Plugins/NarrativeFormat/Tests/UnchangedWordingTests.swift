import FiscalFormat
import FiscalModel
import NarrativeFormat
import Testing

/// Issue 12: the ways Chinese reports say a figure did not change from the year before
/// (`持平`, `与上年一致`, `未发生变化`, `无变化`, `保持不变` …), including a phrase that lost a
/// character (`与上年相未发生变化`, Jiangsu 03 l.514), each read as `unchanged` with the year
/// derived; a reason that says `…无变化` a clause away from the year phrase is no second claim.
@Suite("No-change wordings")
struct UnchangedWordingTests {
    static func budget(_ sentence: String) -> String { Seed.budget("一、支出预算情况说明", sentence) }

    @Test("each wording is one unchanged claim on the figure before it, and derives 2025", arguments: [
        "基本支出预算数为140.2万元。与上年相比未发生变化。",
        "基本支出预算数为140.2万元。与上年相未发生变化。",  // 相比 short of 比
        "基本支出预算数为140.2万元，与上年无变化。",
        "基本支出预算数为140.2万元，与2025年相比没有变化。",
        "基本支出预算数为140.2万元，与上年预算数一致。",
        "基本支出预算数为140.2万元，与2025年预算持平。",
        "基本支出预算数为140.2万元，与上年相比保持不变。",
        "基本支出预算数为140.2万元，比上年没有发生变化。",
    ])
    func wordings(_ sentence: String) throws {
        let r = try Seed.read(Self.budget(sentence))
        let basic = try #require(r.facts.firstIndex { $0.amount == Amount("140.2")! && !$0.derived })
        #expect(r.claims.filter { $0.fact == basic }.map(\.kind) == [.unchanged(priorYear: 2025)], "\(sentence)")
        #expect(r.facts.filter(\.derived).map { "\($0.year) \($0.amount)" } == ["2025 140.2"], "\(sentence)")
    }

    @Test("a no-change word far from the year phrase, or negated, is no claim", arguments: [
        // Shanghai 05 l.297's shape: the 持平 is the claim; the reason's 无变化 is not another.
        "公务接待费140.2万元。与2025年预算持平，主要原因是公务接待费预算无变化。",
        "基本支出预算数为140.2万元，与上年相比，人员编制未发生变化，基本支出有所增加。",
        "基本支出预算数为140.2万元，与上年口径不一致。",
    ])
    func notClaims(_ sentence: String) throws {
        let r = try Seed.read(Self.budget(sentence))
        let expected = sentence.contains("持平") ? 1 : 0
        #expect(r.claims.filter { if case .unchanged = $0.kind { true } else { false } }.count == expected, "\(sentence)")
    }
}
