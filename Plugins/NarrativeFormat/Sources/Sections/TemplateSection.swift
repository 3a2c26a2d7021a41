import FiscalFormat
import FiscalModel

/// The parts (第一部分 …) of the Sichuan template.
enum TemplatePart: Equatable {
    case overview, explanation, glossary, attachments, tables

    /// Whether a line starts like a part heading (`第三部分 …`).
    static func opensPart(_ line: Substring) -> Bool {
        let t = afterIndent(line)
        guard t.hasUTF8Prefix("第"), let bu = t.firstUTF8Range(of: "部分") else { return false }
        return t.distance(from: t.startIndex, to: bu.lowerBound) <= 3
    }

    /// The line after its leading spaces, tabs and ideographic spaces, skipped by their bytes
    /// (most lines start otherwise, and a `Character` comparison normalises CJK text). Where a
    /// space carries a combining mark this skips one scalar more than a `Character` walk
    /// would; the rest then starts with the mark, which `第` is not, so a part heading is found
    /// on the same lines either way.
    static func afterIndent(_ line: Substring) -> Substring {
        let u = line.utf8
        var i = u.startIndex
        while i < u.endIndex {
            let b = u[i]
            if b == 0x20 || b == 0x09 {
                i = u.index(after: i)
            } else if b == 0xE3, line[i...].hasUTF8Prefix("\u{3000}") {
                i = u.index(i, offsetBy: 3)
            } else {
                break
            }
        }
        return line[i...]
    }

    /// The part a `第X部分 …` heading opens, `nil` for other lines.
    init?(heading line: Substring) {
        let t = Self.afterIndent(line)
        guard t.hasUTF8Prefix("第"), let bu = t.firstUTF8Range(of: "部分"),
              t.distance(from: t.startIndex, to: bu.lowerBound) <= 3 else { return nil }
        let title = t[bu.upperBound...]
        if title.containsUTF8("概况") { self = .overview }
        else if title.containsUTF8("情况说明") { self = .explanation }
        else if title.containsUTF8("名词解释") { self = .glossary }
        else if title.containsUTF8("附件") { self = .attachments }
        else if title.containsUTF8("附表") { self = .tables }
        else { return nil }
    }

    /// Part titles a template prints on a line of their own, without `第X部分` (the Shanghai
    /// 部门预算: `名词解释`, `2026年部门预算编制说明`, `其他相关情况说明`, `上海市普陀区文化和旅游局主要职能`;
    /// its table of contents numbers them 一 to 七): the line ends with one of these words,
    /// after the year or the body's name.
    static let standaloneTitles: [(ending: String, part: TemplatePart)] = [
        ("名词解释", .glossary), ("预算编制说明", .explanation), ("决算编制说明", .explanation),
        ("其他相关情况说明", .explanation), ("主要职能", .overview), ("机构设置", .overview),
    ]

    /// The part a title standing on a line of its own opens (``standaloneTitles``): a short line,
    /// no `一、`/`（一）`/`1.` list mark, no clause mark or leader dots (a table of contents' entry).
    init?(standaloneTitle line: Substring) {
        // Most lines end otherwise: their last bytes first (without trailing spaces), before the
        // whole line.
        let u = line.utf8
        var end = u.endIndex
        while end > u.startIndex {
            let b = u[u.index(before: end)]
            if b == 0x20 || b == 0x09 || b == 0x0D {
                end = u.index(before: end)
            } else if b == 0x80, line[..<end].hasUTF8Suffix("\u{3000}") {
                end = u.index(end, offsetBy: -3)
            } else {
                break
            }
        }
        let tail = line[..<end]
        guard Self.standaloneTitles.contains(where: { tail.hasUTF8Suffix($0.ending) }) else { return nil }
        let t = line.removingWhiteSpaceCharacters
        guard (4...40).contains(t.count), Heading.section(line) == nil, Heading.subsection(line) == nil, !ListItem.starts(line),
              !t.contains(where: { "，。：；,;:…、.．".contains($0) }),
              let row = Self.standaloneTitles.first(where: { t.hasUTF8Suffix($0.ending) }) else { return nil }
        self = row.part
    }
}

/// What a section (一 to 十, or a subsection of 十) of 第二部分 reports, and how its figures
/// are filed.
struct TemplateSection: Equatable {
    /// How a section's names map to codes: none; each name a 类 (`一般公共服务支出 865.22万元`);
    /// 类/款/项 chains of the functional classification; 类/款 chains of the economic
    /// classification (`工资福利支出（类）`, `基本工资（款）支出 737.94 万元`).
    enum Classification: Equatable { case none, lei, chain, economic }

    var statement: Statement
    var fund: Fund?
    /// Count units the section states (辆, 批次, …); other counts are not placed.
    var acceptsCounts: Bool = false
    var classification: Classification = .none
    var isProjects: Bool = false
    /// Whether the section states income and expenditure together (the 部门预算's
    /// 收支预算总表 section): each figure is filed as 收入, 支出 or 收支总计 by its name.
    var splitsIncomeAndExpenditure = false

    /// One row of ``titles``: a heading naming all of `words` (spaces and quotes ignored)
    /// opens `section`; `detail` refines the classification by a further word.
    struct Title {
        var words: [String]
        var section: TemplateSection
        var detail: [(word: String, classification: Classification)] = []
    }

    /// The section titles of the 部门决算/部门预算 templates, first match wins. The Sichuan
    /// 决算 (`一、收入支出决算总体情况说明`) and the Jiangsu 预算 (`一、收支预算总表情况说明`,
    /// `五、财政拨款支出预算表情况说明`) share most rows; a new province adds its wording here.
    static let titles: [Title] = [
        Title(words: ["财政拨款收入支出"], section: TemplateSection(statement: .fiscalAppropriation)),
        Title(words: ["财政拨款收支"], section: TemplateSection(statement: .fiscalAppropriation)),
        Title(words: ["收入支出决算总体"], section: TemplateSection(statement: .totals)),
        Title(words: ["收入支出预算总体"], section: TemplateSection(statement: .totals)),
        Title(words: ["收支预算总"], section: TemplateSection(statement: .totals, classification: .lei, splitsIncomeAndExpenditure: true)),
        // The Shanghai 部门预算's `2026年部门预算编制说明` opens with the 收支 totals (its 项 follow a
        // `财政拨款支出主要内容如下：` lead-in).
        Title(words: ["预算编制说明"], section: TemplateSection(statement: .totals, classification: .lei, splitsIncomeAndExpenditure: true)),
        Title(words: ["基本支出"], section: TemplateSection(statement: .basicExpenditure, fund: .generalBudget, classification: .economic)),
        Title(words: ["三公"], section: TemplateSection(statement: .threePublic, fund: .generalBudget, acceptsCounts: true)),
        Title(words: ["一般公共预算财政拨款支出"], section: TemplateSection(statement: .generalBudgetExpenditure, fund: .generalBudget),
              detail: [("具体", .chain), ("结构", .lei)]),
        Title(words: ["一般公共预算支出"], section: TemplateSection(statement: .generalBudgetExpenditure, fund: .generalBudget, classification: .chain)),
        Title(words: ["财政拨款支出"], section: TemplateSection(statement: .appropriationExpenditure, classification: .chain)),
        Title(words: ["政府性基金"], section: TemplateSection(statement: .governmentFund, fund: .governmentFund)),
        Title(words: ["国有资本经营"], section: TemplateSection(statement: .stateCapital, fund: .stateCapital)),
        Title(words: ["机关运行经费"], section: TemplateSection(statement: .operatingCosts)),
        Title(words: ["政府采购"], section: TemplateSection(statement: .procurement)),
        Title(words: ["国有资产"], section: TemplateSection(statement: .assets, acceptsCounts: true)),
        Title(words: ["绩效"], section: TemplateSection(statement: .projects, isProjects: true)),
        Title(words: ["收入决算"], section: TemplateSection(statement: .income)),
        Title(words: ["收入预算"], section: TemplateSection(statement: .income)),
        Title(words: ["支出决算"], section: TemplateSection(statement: .expenditure)),
        Title(words: ["支出预算"], section: TemplateSection(statement: .expenditure)),
    ]

    /// How section titles end (`…情况说明`, `…预算表说明`): a title that does not end so may
    /// continue on the next line.
    static let titleEndings = ["说明", "情况"]

    /// What a heading's words are compared without.
    static let spacesAndQuotes = Marks(" \u{3000}“”\"")

    /// The section a heading names, by the template's wording (numbers vary between years).
    static func forHeading(_ title: Substring) -> TemplateSection? {
        let t = Self.spacesAndQuotes.removed(from: title)
        for row in titles where row.words.allSatisfy({ t.containsUTF8($0) }) {
            var section = row.section
            if let d = row.detail.first(where: { t.containsUTF8($0.word) }) { section.classification = d.classification }
            return section
        }
        return nil
    }

    /// How a line that introduces a list ends (`财政拨款支出主要内容如下：`): a line of this ending
    /// that names a section opens it, as a heading would.
    static let leadInEndings = ["如下：", "如下:"]

    /// The section a lead-in line opens (`财政拨款支出主要内容如下：`): a short line that states no
    /// number, ends with ``leadInEndings`` and names a section by the template's wording.
    static func forLeadIn(_ line: Substring) -> TemplateSection? {
        // Most lines end otherwise: their last character first, before the whole line.
        guard let last = line.last(where: { !$0.isWhitespaceQuickly }), last == "：" || last == ":" else { return nil }
        let t = line.removingWhiteSpaceCharacters
        guard t.count <= 30, let ending = leadInEndings.first(where: { t.hasUTF8Suffix($0) }),
              !t.contains(where: { NarrativeFigure.digitLike($0) }) else { return nil }
        return forHeading(Substring(t.dropLast(ending.count)))
    }

    /// Words that say counted things are to be bought (a 预算's 国有资产 section), not held.
    static let purchaseWords = ["安排购置", "拟购置", "计划购置"]
    /// The measure of such counts.
    static let purchaseMeasure: Measure = "购置"

    /// Words that file a figure of a 收支预算总表 section as income or expenditure.
    static let incomeWords = ["收入"]
    static let expenditureWords = ["支出", "经费"]

    /// The statement a figure named `item` belongs to in a section that states income and
    /// expenditure together; `nil` keeps the section's.
    func subStatement(for item: String, coded: Bool = false) -> Statement? {
        guard splitsIncomeAndExpenditure else { return nil }
        if coded || Self.expenditureWords.contains(where: item.contains) { return .expenditure }
        if Self.incomeWords.contains(where: item.contains) { return .income }
        return nil
    }

    /// The fund an income line names (`一般公共预算财政拨款收入` → 一般公共预算).
    func fund(for label: String) -> Fund? {
        if label.containsUTF8("一般公共预算") { return .generalBudget }
        if label.containsUTF8("政府性基金") { return .governmentFund }
        if label.containsUTF8("国有资本经营") { return .stateCapital }
        if statement == .income, label.hasUTF8Suffix("收入"), !label.containsUTF8("合计") { return .other }
        return fund
    }
}

extension Statement {
    /// 财政拨款支出: appropriations (一般公共预算 and 政府性基金) by classification, as the
    /// 部门预算's 财政拨款支出预算表 states them.
    static let appropriationExpenditure: Statement = "财政拨款支出"
}

/// List items that start a new paragraph in hard-wrapped text: `1．`, `2、`, `（1）`, `(2)`.
enum ListItem {
    static func starts(_ line: Substring) -> Bool {
        let t = TemplatePart.afterIndent(line)
        if let f = t.first, f.isScalar("（") || f.isScalar("(") {
            let digits = t.dropFirst().prefix { $0.isASCII && $0.isNumber }
            guard (1...2).contains(digits.count) else { return false }
            let close = t.dropFirst(1 + digits.count).first
            return close == "）" || close == ")"
        }
        let digits = t.prefix { $0.isASCII && $0.isNumber }
        guard (1...2).contains(digits.count), let mark = t.dropFirst(digits.count).first else { return false }
        return "．.、".contains(mark) && t.dropFirst(digits.count + 1).first.map { !($0.isASCII && $0.isNumber) } ?? false
    }
}

/// Heading shapes: `一、…` (a section) and `（一）…` (a subsection).
enum Heading {
    static let numerals: Set<Character> = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
    static let numeralScalars = Set("一二三四五六七八九十".unicodeScalars)

    /// The title of a `一、…` heading.
    static func section(_ line: Substring) -> Substring? {
        // Most lines start with no numeral: told by their first scalar after the indent (one
        // that stands alone is the first character, and equals a numeral only when it is one).
        if let u = TemplatePart.afterIndent(line).unicodeScalars.first, u.standsAlone, !numeralScalars.contains(u) { return nil }
        let t = line.drop { $0 == " " || $0 == "\u{3000}" || $0 == "\t" }
        let n = t.prefix { numerals.contains($0) }
        guard !n.isEmpty, n.count <= 3, t.dropFirst(n.count).first == "、" else { return nil }
        return t.dropFirst(n.count + 1)
    }

    /// The title of a `（一）…` heading.
    static func subsection(_ line: Substring) -> Substring? {
        if let u = TemplatePart.afterIndent(line).unicodeScalars.first, u.standsAlone, u != "（", u != "(" { return nil }
        let t = line.drop { $0 == " " || $0 == "\u{3000}" || $0 == "\t" }
        guard t.first == "（" || t.first == "(" else { return nil }
        let body = t.dropFirst()
        let n = body.prefix { numerals.contains($0) || $0 == " " }
        guard !n.isEmpty, let close = body.dropFirst(n.count).first, close == "）" || close == ")" else { return nil }
        return body.dropFirst(n.count + 1)
    }
}
