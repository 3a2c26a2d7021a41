import FiscalFormat
import FiscalModel

/// Where the explanation reader is: the section, its ids, the first fact per statement.
struct ExplanationState {
    var section: TemplateSection?
    /// The `一、…` section's section, restored when a subsection names nothing new.
    var topSection: TemplateSection?
    var sectionID = 0
    var topID = 0
    /// The first fact of each statement in the current `一、…` section (the whole of `占X%`).
    var firstFact: [Statement: FactIndex] = [:]
    var table: [Int] = []
    var inTable = false
    /// The column every fact placed gets (`附件` for 第四部分; `nil` for sections 一 to 十).
    var column: Measure?
}

extension NarrativeReader {
    /// 第二部分, sections 一 to 十: every figure, its claims, and the project tables.
    mutating func readExplanation(_ lines: [Int]) {
        var state = ExplanationState()
        for number in lines {
            let line = source.lines[number - 1]
            let bare = line.trimmingCharacters(" \t\u{3000}")
            let isTableTitle = bare.hasPrefix("项目支出绩效目标完成情况表") || bare.hasPrefix("项目支出绩效目标自评表")
            if state.inTable {
                if !isTableTitle, line.hasPrefix("\t") || bare.isEmpty || (bare.hasPrefix("(") && bare.hasSuffix("年度)")) {
                    state.table.append(number)
                    continue
                }
                if !isTableTitle {
                    readProjectTable(state.table, section: state.sectionID)
                    state.table = []
                    state.inTable = false
                }
            }
            if isTableTitle {
                if state.inTable { readProjectTable(state.table, section: state.sectionID) }
                state.inTable = true
                state.table = [number]
                continue
            }
            if let title = Heading.section(line) {
                state.topID += 1
                state.sectionID += 1
                state.section = TemplateSection.forHeading(title)
                state.topSection = state.section
                state.firstFact = [:]
                continue
            }
            if let title = Heading.subsection(line) {
                if let sub = TemplateSection.forHeading(title) {
                    state.section = sub
                    state.sectionID += 1
                    if sub.statement != state.topSection?.statement { state.firstFact = [:] }
                }
                continue
            }
            readSentences(number, line, state: &state)
        }
        if state.inTable { readProjectTable(state.table, section: state.sectionID) }
    }

    /// One line of prose: its figures become facts, its ratios claims.
    mutating func readSentences(_ number: Int, _ line: Substring, state: inout ExplanationState) {
        let mentions = SentenceReader.mentions(in: line)
        guard !mentions.isEmpty else { return }
        if mentions.count >= SentenceReader.maximumFiguresPerLine, SentenceReader.exceedsFigureLimit(line) {
            warn("long-line", "expected at most \(SentenceReader.maximumFiguresPerLine) figures in a line, found more; the rest of the line is not read", line: number)
        }
        var placed: [(fact: FactIndex, sentence: Int, isPart: Bool)] = []
        // Asked once per line, not once per share: a line of thousands of shares stays linear.
        let listsParts = line.firstRange(of: "其中") != nil || line.firstRange(of: "主要用于") != nil
        let project = state.section?.isProjects == true ? projectName(in: line) : nil
        for mention in mentions {
            switch mention {
            case .figure(let m):
                guard let section = state.section else {
                    if m.figure.isValue && m.figure.unit != .count("个") {
                        warn("unplaced-figure", "expected a section heading (一、… to 十、…) before this figure, found none",
                             line: number, range: m.figure.range)
                    }
                    continue
                }
                guard let index = placeFigure(m, line: number, section: section, project: project, state: &state) else { continue }
                placed.append((index, m.sentence, m.isPart))
            case .share(let m):
                guard let target = placed.last(where: { $0.sentence == m.sentence }) ?? placed.last else {
                    warn("unplaced-claim", "expected a figure before `占\(m.percent)%`, found none", line: number, range: m.range)
                    continue
                }
                let whole = shareWhole(m, target: target.fact, firstPlaced: placed.first?.fact, listsParts: listsParts, state: state)
                report.claims.append(Claim(fact: target.fact, kind: .share(percent: m.percent, whole: whole),
                                           span: source.span(line: number, range: m.range)))
            case .change(let m):
                pendingChanges.append(PendingChange(mention: m, line: number, section: state.sectionID, before: placed.map(\.fact)))
            case .unchanged(let m):
                guard let target = placed.last else {
                    warn("unplaced-claim", "expected a figure before `持平`, found none", line: number, range: m.range)
                    continue
                }
                let span = source.span(line: number, range: m.range)
                report.claims.append(Claim(fact: target.fact, kind: .unchanged(priorYear: m.priorYear), span: span))
                addPriorYear(of: target.fact, year: m.priorYear, delta: .zero, span: span)
            case .completion(let m):
                let inSentence = placed.filter { $0.sentence == m.sentence }
                guard let target = inSentence.last(where: { !$0.isPart }) ?? inSentence.last ?? placed.last else {
                    warn("unplaced-claim", "expected a figure before `完成预算\(m.percent)%`, found none", line: number, range: m.range)
                    continue
                }
                let budget = inSentence.first { $0.fact != target.fact && report.facts[$0.fact].phase == .budget }?.fact
                report.claims.append(Claim(fact: target.fact, kind: .completion(percent: m.percent, budget: budget),
                                           span: source.span(line: number, range: m.range)))
            case .strayPercent(let f):
                if state.section != nil {
                    warn("unplaced-percent", "expected `占`, `完成预算` or a direction word before this percentage, found none",
                         line: number, range: f.range, severity: .note)
                }
            }
        }
    }

    /// Files one figure: statement, fund, code, phase, item. `nil` when it cannot be placed.
    mutating func placeFigure(_ m: FigureMention, line number: Int, section: TemplateSection, project: String?,
                              state: inout ExplanationState) -> FactIndex? {
        guard let unit = m.figure.factUnit else { return nil }
        if case .count = unit, !section.acceptsCounts {
            warn("unplaced-figure", "expected money in the \(section.statement) section, found a count (\(m.label.isEmpty ? "?" : m.label) \(m.figure.amount)\(unit)); not read as a fact",
                 line: number, range: m.figure.range, severity: .note)
            return nil
        }
        var item = m.label
        if let short = shortName, item.hasPrefix(short), item.count > short.count { item.removeFirst(short.count) }
        guard !item.isEmpty else {
            warn("unplaced-figure", "expected a name before the figure \(m.figure.amount)\(unit), found none", line: number, range: m.figure.range)
            return nil
        }
        var code: ClassificationCode?
        switch section.classification {
        case .chain:
            if let path = ClassificationPath(item) {
                let codes = path.resolve()
                code = codes.last
                if codes.count < path.parts.count {
                    let missing = path.parts[codes.count]
                    warn("unclassified", "expected a \(missing.level) named in the classification catalog, found `\(missing.name)`; classified only as far as \(codes.last?.rawValue ?? "nothing")",
                         line: number, range: m.figure.range)
                }
                item = path.parts.last?.name ?? item
            }
        case .lei:
            code = ClassificationCatalog.functional.resolve(item, level: .lei)
            if code == nil, item.contains("（类）") || item.contains("(类)") {
                warn("unclassified", "expected a 类 named in the classification catalog, found `\(item)`", line: number, range: m.figure.range)
            }
        case .none:
            break
        }
        var phase = report.phase
        var column = state.column
        if let project {
            // "综述·" keeps the 完成情况综述 sentence's figures apart from the same figures in the
            // project table (预算数, 执行数), so a filter on column picks one statement of them.
            column = Measure(rawValue: "综述·" + item)
            phase = item.contains("预算") ? .budget : .final
            item = project
        }
        let fact = Fact(entity: "", year: report.year, phase: phase, statement: section.statement, item: item, code: code,
                        fund: section.fund(for: item), measure: column ?? .total, amount: m.figure.amount, unit: unit, reading: .narrative,
                        span: source.span(line: number, range: m.figure.range))
        let index = addFact(fact, section: state.sectionID)
        if state.firstFact[section.statement] == nil { state.firstFact[section.statement] = index }
        if let project { attach(index, toProject: project, line: number) }
        return index
    }

    /// The whole a share is of: named (`占本年支出合计的…`), else the line's total before `其中`/
    /// `主要用于`, else the section's first figure of the same statement.
    func shareWhole(_ m: ShareMention, target: FactIndex, firstPlaced: FactIndex?, listsParts: Bool, state: ExplanationState) -> FactIndex? {
        if let whole = m.whole {
            let wanted = NarrativeLabel.normalized(whole)
            return report.facts.indices.suffix(NarrativeLabel.reach).reversed().first {
                $0 != target && NarrativeLabel.matchesNormalized(NarrativeLabel.normalized(report.facts[$0].item), wanted)
            }
        }
        if let first = firstPlaced, first != target, listsParts { return first }
        let statement = report.facts[target].statement
        if let first = state.firstFact[statement], first != target { return first }
        return nil
    }

    /// Links each stated change to its fact, once every fact of the section is known.
    mutating func resolvePendingChanges() {
        // The facts of each section in reading order, with their labels normalised once: each
        // change then looks outward from its own line (at most `reach` facts each way) instead
        // of matching every fact of the section, so a long report stays linear.
        var bySection: [Int: [FactIndex]] = [:]
        for i in report.facts.indices where !report.facts[i].derived { bySection[factSection[i], default: []].append(i) }
        var normalizedItems: [FactIndex: String] = [:]
        let reach = NarrativeLabel.reach
        for p in pendingChanges {
            let m = p.mention
            let span = source.span(line: p.line, range: m.range)
            var target: FactIndex?
            if m.subject.isEmpty {
                target = p.before.last
            } else {
                target = p.before.last { NarrativeLabel.matches(report.facts[$0].item, m.subject) }
                if target == nil, let facts = bySection[p.section] {
                    let subject = NarrativeLabel.normalized(m.subject)
                    let items = report.facts
                    func matches(_ i: FactIndex) -> Bool {
                        if normalizedItems[i] == nil { normalizedItems[i] = NarrativeLabel.normalized(items[i].item) }
                        return NarrativeLabel.matchesNormalized(normalizedItems[i]!, subject)
                    }
                    // the first fact at or after the change's line, then outward both ways
                    var lo = 0, hi = facts.count
                    while lo < hi {
                        let mid = (lo + hi) / 2
                        if report.facts[facts[mid]].span.line < p.line { lo = mid + 1 } else { hi = mid }
                    }
                    let after = facts[lo..<min(facts.count, lo + reach)].first(where: matches)
                    let before = facts[max(0, lo - reach)..<lo].last(where: matches)
                    switch (before, after) {
                    case (let b?, let a?):
                        target = abs(report.facts[b].span.line - p.line) <= abs(report.facts[a].span.line - p.line) ? b : a
                    case (let b?, nil): target = b
                    case (nil, let a?): target = a
                    default: break
                    }
                }
            }
            guard let target else {
                warn("unplaced-claim", "expected a figure named `\(m.subject)` for this change, found none", line: p.line, range: m.range)
                continue
            }
            guard let year = m.priorYear else {
                warn("unplaced-claim", "expected the year this change is measured from (`与2019年相比`), found none", line: p.line, range: m.range)
                continue
            }
            report.claims.append(Claim(fact: target, kind: .change(priorYear: year, delta: m.delta, percent: m.percent), span: span))
            if let delta = m.delta, m.deltaUnit == report.facts[target].unit, let r = m.deltaRange {
                addPriorYear(of: target, year: year, delta: delta, span: source.span(line: p.line, range: r))
            }
        }
        pendingChanges = []
    }
}

extension Substring {
    func trimmingCharacters(_ set: String) -> Substring {
        var s = self
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return s
    }
}
