import FiscalFormat
import FiscalModel

/// What the 附件 reader saw, for the one note it writes.
struct AnnexTally {
    /// Lines whose money figures became facts.
    var readLines: [Int] = []
    var readFigures = 0
    /// Money figures not read, with their lines and why.
    var skipped: [(line: Int, why: Message)] = []
}

extension NarrativeReader {
    /// 第四部分 附件: staff counts (`共有职工83人，其中在编职工40人…`), and the money figures the
    /// 绩效评价报告 and 绩效自评报告 repeat. Each money figure becomes a fact labelled like its
    /// counterpart in sections 一 to 十 (statement, item, code, fund, phase, measure) with its
    /// mention in part ``FiscalModel/Mention/annex``: loading folds it into the explanation's
    /// fact, so a sum counts it once and `check` compares the two mentions. One note says what
    /// was read and what was not.
    mutating func readAttachments(_ lines: [Int]) {
        var state = ExplanationState()
        state.part = Mention.annex
        // Apart from every section of the explanation (changes are linked within a section).
        state.sectionID = -2
        var project: String?
        var tally = AnnexTally()
        for (k, number) in lines.enumerated() {
            let line = source.lines[number - 1]
            let mentions = SentenceReader.mentions(in: line)
            if let name = annexProjectTitle(at: k, of: lines, mentions: mentions) {
                project = name
                continue
            }
            if line.containsUTF8("职工") {
                readStaff(number, mentions)
                continue
            }
            let money = mentions.compactMap { if case .figure(let m) = $0, m.figure.factUnit?.isMoney == true { m } else { nil } }
            guard let first = money.first else { continue }
            if let project {
                readAnnexProjectFigures(money, line: number, project: project, tally: &tally)
            } else if let section = annexSection(firstLabel: first.label) {
                state.section = section
                state.firstFact = [:]
                let before = report.facts.count
                readSentences(number, line, state: &state)
                tally.readFigures += report.facts.count - before
                tally.readLines.append(number)
            } else {
                tally.skipped += money.map { _ in (number, Message(.annexUnnamed, first.label)) }
            }
        }
        noteAttachments(tally)
    }

    /// `共有职工83人，其中在编职工40人…`: counts of people, statement 人员.
    mutating func readStaff(_ number: Int, _ mentions: [NarrativeMention]) {
        for case .figure(let m) in mentions where m.figure.factUnit == .count("人") {
            guard !m.label.isEmpty else { continue }
            addFact(Fact(entity: "", year: report.year, phase: report.phase, statement: .staff, item: m.label,
                         amount: m.figure.amount, unit: .count("人"), reading: .narrative,
                         span: source.span(line: number, range: m.figure.range)),
                    section: -1)
        }
    }

    /// The name of a project whose 绩效自评报告 starts here: a line without figures followed by
    /// a `…绩效自评报告` title (`会议费项目` / `2020年绩效目标支出绩效自评报告`).
    func annexProjectTitle(at k: Int, of lines: [Int], mentions: [NarrativeMention]) -> String? {
        let bare = source.lines[lines[k] - 1].trimmingCharacters(" \t\u{3000}")
        guard !bare.isEmpty, mentions.isEmpty, !bare.containsUTF8("报告"), !bare.hasUTF8Prefix("附件") else { return nil }
        let next = lines[(k + 1)...].lazy.map { self.source.lines[$0 - 1].trimmingCharacters(" \t\u{3000}") }.first { !$0.isEmpty }
        guard let next, next.containsUTF8("绩效自评报告") else { return nil }
        return String(bare)
    }

    /// The explanation section a 附件 sentence repeats, from its first figure's name:
    /// `本年收入合计…` is section 二 (收入), `一般公共预算财政拨款支出…主要用于` section 五 by 类,
    /// `本年支出合计…` section 三 (支出).
    func annexSection(firstLabel label: String) -> TemplateSection? {
        let name = label.filter { $0 != " " && $0 != "\u{3000}" }
        if name.hasUTF8Suffix("收入合计") || name.hasUTF8Suffix("本年收入") { return TemplateSection(statement: .income) }
        if name.hasUTF8Suffix("一般公共预算财政拨款支出") {
            return TemplateSection(statement: .generalBudgetExpenditure, fund: .generalBudget, classification: .lei)
        }
        if name.hasUTF8Suffix("支出合计") || name.hasUTF8Suffix("本年支出") { return TemplateSection(statement: .expenditure) }
        return nil
    }

    /// A 绩效自评报告 line: 预算/批复/计划 figures are the project's budget (预算数), 实际支出 its
    /// execution (执行数). Funds received (到位) and amounts requested (申报) are neither and are
    /// not read: equal to the budget only when all was granted and all arrived.
    mutating func readAnnexProjectFigures(_ money: [FigureMention], line number: Int, project: String, tally: inout AnnexTally) {
        let heading = AnnexMarks.heading(of: source.lines[number - 1])
        func key(_ s: String) -> String { s.hasUTF8Suffix("项目") ? String(s.dropLast(2)) : s }
        let item = report.projects.first { key($0.name) == key(project) }?.name ?? project
        var read = false
        for m in money {
            guard let unit = m.figure.factUnit else { continue }
            let phase: Phase
            if let mark = AnnexMarks.unread.first(where: { m.label.containsUTF8($0.word) || heading.containsUTF8($0.word) }) {
                tally.skipped.append((number, mark.reason))
                continue
            } else if m.label.containsUTF8("支出") {
                phase = .final
            } else if ["预算", "批复", "计划"].contains(where: { m.label.containsUTF8($0) }) {
                phase = .budget
            } else {
                tally.skipped.append((number, Message(.annexNeither, m.label)))
                continue
            }
            // The project table's 预算数 and 执行数: a budget inside a 决算 measures the 全年预算.
            var fact = Fact(entity: "", year: report.year, phase: phase, statement: .projects, item: item,
                            measure: phase == .budget && report.phase == .final ? .fullYearBudget : .total,
                            amount: m.figure.amount, unit: unit, reading: .narrative,
                            span: source.span(line: number, range: m.figure.range))
            fact.mentions[0].part = Mention.annex
            addFact(fact, section: -2)
            tally.readFigures += 1
            read = true
        }
        if read { tally.readLines.append(number) }
    }

    /// One note: how many figures of 附件 were read (and where), and which were not.
    mutating func noteAttachments(_ tally: AnnexTally) {
        guard let first = tally.readLines.first ?? tally.skipped.first?.line else { return }
        var message = Message(.annexRead, tally.readFigures, tally.readLines.count)
        if let a = tally.readLines.first, let b = tally.readLines.last { message = message + .literal(" (\(a)–\(b))") }
        if !tally.skipped.isEmpty {
            var whys: [Message] = []
            for s in tally.skipped where !whys.contains(s.why) { whys.append(s.why) }
            let parts = whys.map { why in
                let lines = tally.skipped.filter { $0.why == why }.map(\.line)
                let distinct = lines.reduce(into: [Int]()) { if $0.last != $1 { $0.append($1) } }
                return Message(.annexSkippedOnLines, lines.count, why, distinct.map(String.init).joined(separator: ", "))
            }
            message = message + Message(.annexNotRead, Message.joined(parts, separator: "; "))
        }
        warn("attachment-read", message, line: first, severity: .note)
    }
}

/// Template words of the 绩效自评报告 (data: a template that words them differently extends it).
enum AnnexMarks {
    /// Figures the 附件 states that the explanation does not: funds received (到位) equal the
    /// budget only when all arrived, and a request (申报) may exceed what was granted. A figure is
    /// left unread when its label or its line's numbered heading (`2．资金到位。…`) has the word.
    static let unread: [(word: String, reason: Message)] = [
        ("到位", Message(.annexFundsReceived)),
        ("申报", Message(.annexRequested)),
    ]

    /// The numbered heading a line opens with (`2．资金到位` of `2．资金到位。财政资金138.6万元。`):
    /// the text before the first `。`, when it is short enough to be a heading; empty otherwise.
    static func heading(of line: Substring) -> Substring {
        guard let stop = line.firstIndex(of: "。") else { return "" }
        let lead = line[..<stop]
        return lead.count <= 12 ? lead : ""
    }
}
