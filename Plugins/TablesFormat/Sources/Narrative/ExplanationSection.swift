import FiscalFormat
import FiscalModel

/// What a section (一 to 十一, or a subsection （一）…) of the Shanghai 第三部分 情况说明
/// reports, and how its figures are filed.
struct ExplanationSection: Equatable {
    /// How the names of a section's figures map to functional codes.
    enum Classification: Equatable {
        case none
        /// `一般公共服务支出（类）2106.66万元`: each name is a 类.
        case lei
        /// `1、一般公共服务支出（类）财政事务（款）行政运行（项）。…年初预算为…`: list items
        /// whose chain names the code of the figures after it.
        case chain
    }

    var statement: Statement
    var fund: Fund?
    /// Whether counts (辆, 个, 人次…) are read as facts.
    var acceptsCounts = false
    var classification = Classification.none

    /// The section a heading names, by the template's wording; `nil` for one fiscal does not
    /// read (八 and 九 state only that there is nothing, 十一 only holds subsections).
    static func forHeading(_ title: String) -> ExplanationSection? {
        let t = title.filter { !$0.isWhitespace && !"“”\"".contains($0) }
        if t.contains("财政拨款收入支出决算总体") { return ExplanationSection(statement: .fiscalAppropriation) }
        if t.contains("收入支出决算总体") { return ExplanationSection(statement: .totals) }
        if t.hasPrefix("收入决算") { return ExplanationSection(statement: .income) }
        if t.hasPrefix("支出决算") { return ExplanationSection(statement: .expenditure) }
        if t.contains("基本支出") { return ExplanationSection(statement: .basicExpenditure, fund: .generalBudget) }
        if t.contains("三公") { return ExplanationSection(statement: .threePublic, fund: .generalBudget, acceptsCounts: true) }
        if t.contains("一般公共预算财政拨款支出") {
            let detail: Classification = t.contains("具体") ? .chain : t.contains("结构") ? .lei : .none
            return ExplanationSection(statement: .generalBudgetExpenditure, fund: .generalBudget, classification: detail)
        }
        if t.contains("绩效") { return ExplanationSection(statement: .projects, acceptsCounts: true) }
        if t.contains("机关运行经费") { return ExplanationSection(statement: .operatingCosts) }
        if t.contains("政府采购") { return ExplanationSection(statement: .procurement) }
        if t.contains("国有资产") { return ExplanationSection(statement: .assets, acceptsCounts: true) }
        return nil
    }
}

/// A run of prose lines under one heading, with the heading's section.
struct ExplanationBody {
    var section: ExplanationSection
    /// The `一、…` section it belongs to (the whole of an unnamed `占X%` is found there).
    var topSection: Int
    var lines: [TextLine]
}

/// Heading shapes of the 情况说明: `一、…` and `（一）…`.
enum ExplanationHeading {
    static let numerals: Set<Character> = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]

    /// The title of a `一、…` heading.
    static func section(_ compact: String) -> String? {
        let n = compact.prefix { numerals.contains($0) }
        guard !n.isEmpty, n.count <= 3, compact.dropFirst(n.count).first == "、" else { return nil }
        return String(compact.dropFirst(n.count + 1))
    }

    /// The title of a `（一）…` heading.
    static func subsection(_ compact: String) -> String? {
        guard compact.first == "（" || compact.first == "(" else { return nil }
        let body = compact.dropFirst()
        let n = body.prefix { numerals.contains($0) }
        guard !n.isEmpty, let close = body.dropFirst(n.count).first, close == "）" || close == ")" else { return nil }
        return String(body.dropFirst(n.count + 1))
    }

    /// The prose of 第三部分 情况说明 cut at its headings: the part after the 附表 (the table of
    /// contents names it too) up to 第四部分, page markers left out.
    static func bodies(_ lines: [TextLine]) -> [ExplanationBody] {
        guard let start = lines.lastIndex(where: { $0.compact.hasPrefix("第三部分") }) else { return [] }
        var bodies: [ExplanationBody] = []
        var current: ExplanationBody?
        var top = 0
        var topSection: ExplanationSection?
        for line in lines[(start + 1)...] {
            let compact = line.compact
            if compact.hasPrefix("第四部分") { break }
            if compact.hasPrefix("===page") || compact.isEmpty { continue }
            if let title = section(compact) {
                if let c = current { bodies.append(c) }
                top += 1
                topSection = ExplanationSection.forHeading(title)
                current = topSection.map { ExplanationBody(section: $0, topSection: top, lines: []) }
                continue
            }
            if let title = subsection(compact) {
                if let c = current { bodies.append(c) }
                let sub = ExplanationSection.forHeading(title) ?? topSection
                current = sub.map { ExplanationBody(section: $0, topSection: top, lines: []) }
                continue
            }
            current?.lines.append(line)
        }
        if let c = current { bodies.append(c) }
        return bodies
    }
}
