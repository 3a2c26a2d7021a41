import FiscalFormat
import FiscalModel

/// Turns the label ``SentenceReader`` gives a figure into the item name docs/CHECKS.md
/// expects: `上海市普陀区财政局2024年度收入支出总计` → `收入支出总计`, `“三公”经费财政拨款支出年初预算`
/// → `三公经费财政拨款支出`, `公务接待费支出决算` → `公务接待费`.
enum ItemLabel {
    /// Words that say which phase a figure is, not what it is.
    static let phaseWords = ["年初预算数", "全年预算数", "年初预算", "全年预算", "预算数", "支出决算数", "支出决算", "决算数", "决算"]

    /// The item name of a label: no entity and year before `年度`, no quotes, no
    /// `（以合同签订为准）`, no unclosed `（含` before a part, no phase words; in the 三公 section `…费支出` is `…费` and
    /// `公务用车购置支出` is `公务用车购置费`; `机关运行经费支出` is `机关运行经费`.
    static func clean(_ label: String, statement: Statement) -> String {
        var s = label.filter { !"“”\"‘’ \u{3000}".contains($0) }
        if let r = yearMark(in: s) {
            // `上海市普陀区财政局2024年度收入支出总计`: an entity before the year goes with it;
            // `编报绩效目标的2024年度项目`: only the year goes.
            let prefix = s[..<r.lowerBound]
            let entity = prefix.isEmpty || entityEndings.contains { prefix.hasSuffix($0) }
            s = entity ? String(s[r.upperBound...]) : String(prefix) + s[r.upperBound...]
        }
        s = s.replacingOccurrences(of: "（以合同签订为准）", with: "")
        if s.first == "（" || s.first == "(", !s.contains(where: { $0 == "）" || $0 == ")" }) {
            s.removeFirst()  // `（含外宾接待支出0.00万元）`: the part a parenthesis opens
            if s.hasPrefix("含") || s.hasPrefix("其中") { s.removeFirst(s.hasPrefix("含") ? 1 : 2) }
        }
        var changed = true
        while changed {
            changed = false
            for w in phaseWords where s.hasSuffix(w) && s.count > w.count {
                s.removeLast(w.count)
                changed = true
            }
            if s.hasSuffix("为") && s.count > 1 { s.removeLast(); changed = true }
        }
        if statement == .threePublic || statement == .operatingCosts {
            if s.hasSuffix("费支出") || s.hasSuffix("经费支出") { s.removeLast(2) }
            for (spoken, named) in [("购置支出", "购置费"), ("运行维护支出", "运行维护费"), ("接待支出", "接待费")] where s.hasSuffix(spoken) {
                s = String(s.dropLast(spoken.count)) + named
            }
        }
        return s
    }

    /// How the names of government bodies end (shared with the narrative format).
    static var entityEndings: [String] { NarrativeLabel.entityEndings }

    /// The first `2024年度` (or `2024年`) in `s`.
    static func yearMark(in s: String) -> Range<String.Index>? { NarrativeLabel.yearMark(in: s) }

    /// A label used for several figures of a section (`采购金额`, `涉及预算金额`) told apart by
    /// what comes before it: the item of the figure before in the same clause group (since the
    /// last `；` or `。`), else the words of that group made short (``contextPhrase(_:)``) as
    /// `context：label`, a `由…的` clause going straight before the label:
    /// `在面向中小企业预留的政府采购项目中，由中小企业供应商中标或成交的，采购金额` →
    /// `面向中小企业预留项目：中小企业中标或成交采购金额`.
    ///
    /// The group is looked for at most ``groupReach`` characters back, and a previous item
    /// made so gives only its own label (after its last `：`): a label printed hundreds of times
    /// in one group made each name the chain of all before it, and each look went back to the
    /// group's start, both quadratic.
    static func withContext(_ item: String, text: String, before position: String.Index,
                            previous: (item: String, position: String.Index)?) -> String {
        let floor = text.index(position, offsetBy: -groupReach, limitedBy: text.startIndex) ?? text.startIndex
        let head = text[floor..<position]
        let groupStart = head.lastIndex(where: { groupMarks.contains($0) }).map { text.index(after: $0) } ?? floor
        if let previous, previous.position >= groupStart {
            let own = previous.item.lastIndex(of: "：").map { previous.item[previous.item.index(after: $0)...] } ?? previous.item[...]
            return "\(own)：\(item)"
        }
        let clauses = text[groupStart..<position].split(whereSeparator: { $0 == "，" || $0 == "," }).dropLast()
            .map { SentenceReader.cleanLabel($0) }.filter { !$0.isEmpty }
        var parts = clauses.map { clean(contextPhrase($0), statement: "") }
        var label = item
        if let last = clauses.last, last.hasPrefix("由") { label = parts.removeLast() + item }
        return parts.isEmpty ? label : parts.joined(separator: "，") + "：" + label
    }

    /// How far back ``withContext(_:text:before:previous:)`` looks for its group's start: a
    /// group of the template is a sentence or less.
    static let groupReach = 500

    /// The marks that end a group of clauses.
    static let groupMarks = Marks("；。：")

    /// A clause that sets a figure apart, without the words around it that say nothing of
    /// what is counted: `在…中` and `由…的` wrappers, `的政府采购` (the section says so), `供应商`.
    static func contextPhrase(_ clause: String) -> String {
        var s = Substring(clause)
        for wrapper in [("在", "中"), ("由", "的")] where s.hasPrefix(wrapper.0) && s.count > 2 {
            s = s.dropFirst()
            if s.hasSuffix(wrapper.1) { s = s.dropLast() }
        }
        var out = String(s)
        for (long, short) in [("的政府采购项目", "项目"), ("政府采购项目", "项目"), ("供应商", "")] {
            out = out.replacingOccurrences(of: long, with: short)
        }
        return out
    }
}

extension ExplanationReader {
    /// The clause a figure or ratio closes: the text since the last `，；：。` before it, at most
    /// ``clauseReach`` characters.
    static func clauseLead(_ text: String, before position: String.Index) -> Substring {
        let floor = text.index(position, offsetBy: -clauseReach, limitedBy: text.startIndex) ?? text.startIndex
        let head = text[floor..<position]
        let start = head.lastIndex(where: { clauseMarks.contains($0) }).map { text.index(after: $0) } ?? floor
        return text[start..<position]
    }

    /// How far back ``clauseLead(_:before:)`` looks. A clause of the template is a few dozen
    /// characters; a run of figures with no clause mark between them (items joined by `、`,
    /// printed hundreds of times) was searched back to its start for every figure: quadratic.
    static let clauseReach = 160

    /// The marks that end a clause.
    static let clauseMarks = Marks("，；：。,;:")

    /// The phase and column a clause gives its figure: `年初预算为` → 预算 `年初预算`,
    /// `全年预算为` → 预算 `全年预算`, `支出决算为` or anything else → 决算 (`预算金额` is an amount
    /// of the 决算 year, not a budget figure).
    static func phase(of lead: Substring, report: Phase) -> (Phase, String?) {
        if lead.contains("决算") { return (.final, nil) }
        if lead.contains("全年预算") { return (.budget, "全年预算") }
        if lead.contains("年初预算") || lead.contains("预算数") || lead.hasSuffix("预算为") { return (.budget, "年初预算") }
        return (report, nil)
    }

    /// A list item of 五（三）: where it starts, the deepest name of its chain and the code.
    struct Chain {
        var start: String.Index
        var name: String
        var code: ClassificationCode?
        /// The codes of the chain the catalog places, from the 类 down.
        var resolved: [ClassificationCode]
    }

    /// The `N、…（类）…（款）…（项）。` items of a text, in order (`N.` and `N．` too: the
    /// 2025 template numbers them `1.社会保障和就业支出（类）…`; a decimal point, followed by
    /// a digit, is no list mark).
    /// An item's chain runs to the end of its sentence or to the next item, whichever is first,
    /// so each character is read by one item's chain: the whole text in one linear pass (reading
    /// every item to its sentence's end was quadratic on a text of many items and no `。`).
    static func chains(in text: String) -> [Chain] {
        // The list items: where each number starts and where its name begins.
        var items: [(before: String.Index, next: String.Index)] = []
        var sentenceEnds: [String.Index] = []
        var digits = 0
        var i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            if c == "。" { sentenceEnds.append(i) }
            if listMarks.contains(c) {
                let next = text.index(after: i)
                let before = text.index(i, offsetBy: -digits)
                // `、` always ends a list number; `.` only when no digit follows (not a decimal point).
                let isListMark = c == "、" || (next < text.endIndex && !text[next].isNumber
                    && (before == text.startIndex || !text[text.index(before: before)].isNumber))
                if (1...2).contains(digits), isListMark { items.append((before, next)) }
            }
            digits = c.isASCII && c.isNumber ? digits + 1 : 0
            i = text.index(after: i)
        }
        var out: [Chain] = []
        var sentence = 0
        for (n, item) in items.enumerated() {
            while sentence < sentenceEnds.count, sentenceEnds[sentence] < item.next { sentence += 1 }
            var end = sentence < sentenceEnds.count ? sentenceEnds[sentence] : text.endIndex
            if n + 1 < items.count, items[n + 1].before < end { end = items[n + 1].before }
            if item.next <= end, let path = ClassificationPath(text[item.next..<end]) {
                out.append(Chain(start: item.before, name: path.parts.last?.name ?? "", code: path.code(), resolved: path.resolve()))
            }
        }
        return out
    }

    /// Marks after a list number.
    static let listMarks: Set<Character> = ["、", ".", "．"]

    /// Labels that more than one figure of a body takes from its own clause (a `支出决算为`
    /// that borrows the label of the `年初预算为` before it does not count).
    static func repeatedLabels(_ mentions: [NarrativeMention], in text: String) -> Set<String> {
        var seen: [String: Int] = [:]
        for case .figure(let m) in mentions where ownLabel(m, in: text) { seen[m.label, default: 0] += 1 }
        return Set(seen.filter { $0.value > 1 }.map(\.key))
    }

    /// Whether the figure's label is written in its own clause, after any figure before it.
    static func ownLabel(_ m: FigureMention, in text: String) -> Bool {
        let lead = clauseLead(text, before: m.figure.range.lowerBound)
        let words = String(lead.reversed().prefix { !$0.isNumber }.reversed())
        return !m.label.isEmpty && words.contains(m.label)
    }

    /// The item a `…持平` clause speaks of: its words before `与`/`比`/`较` or `持平`.
    static func unchangedSubject(_ text: String, endingAt end: String.Index, statement: Statement) -> String {
        var clause = clauseLead(text, before: end)
        if let cut = clause.firstIndex(where: { "与比较".contains($0) }) { clause = clause[..<cut] }
        if clause.hasSuffix("持平") { clause = clause.dropLast(2) }
        return ItemLabel.clean(SentenceReader.cleanLabel(clause), statement: statement)
    }
}

extension TableContext {
    /// The code of a 项 the catalog does not place (`机关事业单位退休人员活动费支出`, or a chain
    /// whose 款 is misnamed): the code of the table row with the same name under the codes
    /// the catalog did place.
    func tableCode(for chain: ExplanationReader.Chain) -> ClassificationCode? {
        let name = ClassificationCatalog.normalizedName(chain.name)
        let prefix = chain.resolved.last?.rawValue ?? ""
        return facts.first { f in
            guard let code = f.code, code.level == .xiang, f.reading.isTable,
                  f.statement == .generalBudgetExpenditure || f.statement == .expenditure else { return false }
            return code.rawValue.hasPrefix(prefix) && ClassificationCatalog.normalizedName(f.item) == name
        }?.code
    }

    /// The one 项 row of 一般公共预算财政拨款支出决算表 under the 类/款 the catalog placed for
    /// `chain` whose 合计 is `amount`; `nil` when none or several are.
    func tableRow(under chain: ExplanationReader.Chain, amount: Amount) -> (code: ClassificationCode, item: String)? {
        guard let prefix = chain.resolved.last?.rawValue else { return nil }
        var rows: [ClassificationCode: String] = [:]
        for f in facts where f.statement == .generalBudgetExpenditure && f.reading.isTable && f.measure == .total && f.amount == amount {
            if let code = f.code, code.level == .xiang, code.rawValue.hasPrefix(prefix) { rows[code] = f.item }
        }
        guard rows.count == 1, let row = rows.first else { return nil }
        return (row.key, row.value)
    }
}
