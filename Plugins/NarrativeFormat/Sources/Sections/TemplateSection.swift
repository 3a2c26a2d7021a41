import FiscalModel

/// The parts (第一部分 …) of the Sichuan template.
enum TemplatePart: Equatable {
    case overview, explanation, glossary, attachments, tables

    /// The part a `第X部分 …` heading opens, `nil` for other lines.
    init?(heading line: Substring) {
        let t = line.drop { $0 == " " || $0 == "\u{3000}" || $0 == "\t" }
        guard t.hasPrefix("第"), let bu = t.firstRange(of: "部分"),
              t.distance(from: t.startIndex, to: bu.lowerBound) <= 3 else { return nil }
        let title = t[bu.upperBound...]
        if title.contains("概况") { self = .overview }
        else if title.contains("情况说明") { self = .explanation }
        else if title.contains("名词解释") { self = .glossary }
        else if title.contains("附件") { self = .attachments }
        else if title.contains("附表") { self = .tables }
        else { return nil }
    }
}

/// What a section (一 to 十, or a subsection of 十) of 第二部分 reports, and how its figures
/// are filed.
struct TemplateSection: Equatable {
    enum Classification: Equatable { case none, lei, chain }

    var statement: Statement
    var fund: Fund?
    /// Count units the section states (辆, 批次, …); other counts are not placed.
    var acceptsCounts: Bool = false
    var classification: Classification = .none
    var isProjects: Bool = false

    /// The section a heading names, by the template's wording (numbers vary between years).
    static func forHeading(_ title: Substring) -> TemplateSection? {
        let t = title.filter { $0 != " " }
        if t.contains("财政拨款收入支出") { return TemplateSection(statement: .fiscalAppropriation) }
        if t.contains("收入支出决算总体") || t.contains("收入支出预算总体") { return TemplateSection(statement: .totals) }
        if t.contains("基本支出") { return TemplateSection(statement: .basicExpenditure, fund: .generalBudget) }
        if t.contains("三公") { return TemplateSection(statement: .threePublic, fund: .generalBudget, acceptsCounts: true) }
        if t.contains("一般公共预算财政拨款支出") {
            let detail = t.contains("具体") ? Classification.chain : t.contains("结构") ? .lei : Classification.none
            return TemplateSection(statement: .generalBudgetExpenditure, fund: .generalBudget, classification: detail)
        }
        if t.contains("政府性基金") { return TemplateSection(statement: .governmentFund, fund: .governmentFund) }
        if t.contains("国有资本经营") { return TemplateSection(statement: .stateCapital, fund: .stateCapital) }
        if t.contains("机关运行经费") { return TemplateSection(statement: .operatingCosts) }
        if t.contains("政府采购") { return TemplateSection(statement: .procurement) }
        if t.contains("国有资产") { return TemplateSection(statement: .assets, acceptsCounts: true) }
        if t.contains("绩效") { return TemplateSection(statement: .projects, isProjects: true) }
        if t.contains("收入决算") || t.contains("收入预算") { return TemplateSection(statement: .income) }
        if t.contains("支出决算") || t.contains("支出预算") { return TemplateSection(statement: .expenditure) }
        return nil
    }

    /// The fund an income line names (`一般公共预算财政拨款收入` → 一般公共预算).
    func fund(for label: String) -> Fund? {
        if label.contains("一般公共预算") { return .generalBudget }
        if label.contains("政府性基金") { return .governmentFund }
        if label.contains("国有资本经营") { return .stateCapital }
        if statement == .income, label.hasSuffix("收入"), !label.contains("合计") { return .other }
        return fund
    }
}

/// Heading shapes: `一、…` (a section) and `（一）…` (a subsection).
enum Heading {
    static let numerals: Set<Character> = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]

    /// The title of a `一、…` heading.
    static func section(_ line: Substring) -> Substring? {
        let t = line.drop { $0 == " " || $0 == "\u{3000}" || $0 == "\t" }
        let n = t.prefix { numerals.contains($0) }
        guard !n.isEmpty, n.count <= 3, t.dropFirst(n.count).first == "、" else { return nil }
        return t.dropFirst(n.count + 1)
    }

    /// The title of a `（一）…` heading.
    static func subsection(_ line: Substring) -> Substring? {
        let t = line.drop { $0 == " " || $0 == "\u{3000}" || $0 == "\t" }
        guard t.first == "（" || t.first == "(" else { return nil }
        let body = t.dropFirst()
        let n = body.prefix { numerals.contains($0) || $0 == " " }
        guard !n.isEmpty, let close = body.dropFirst(n.count).first, close == "）" || close == ")" else { return nil }
        return body.dropFirst(n.count + 1)
    }
}
