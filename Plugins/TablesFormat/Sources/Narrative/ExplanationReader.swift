import FiscalFormat
import FiscalModel

/// Reads 第三部分 情况说明 of a Shanghai 部门决算 into facts and claims, with the shared
/// sentence layer: ``RejoinedText`` puts back the numbers pdfplumber pushed to the next line,
/// ``SentenceReader`` finds figures, shares, changes, `持平` and `完成预算`, and this reader
/// files them (statement, phase, code) and links each claim to its fact.
///
/// - A figure whose clause says `年初预算`/`全年预算` is a 预算 fact (column `年初预算` or
///   `全年预算`, so the two budgets of one item stay apart); one saying `决算` a 决算 fact.
/// - `占X%` is of the whole it names, else of the first 决算 figure of its `一、…` section.
/// - A change (`与2023年度相比…减少56.95万元`) and `持平` add a prior-year fact, `derived`.
/// - `完成年初预算的98.20%` links the 预算 fact of its sentence.
/// - Spans point at the number on the line where the extraction wrote it.
struct ExplanationReader {
    let lines: [TextLine]

    /// A fact placed from one body, with where it stands in the joined text.
    private struct Placed {
        var fact: FactIndex
        var sentence: Int
        var position: String.Index
    }

    func read(into context: inout TableContext) {
        var firstFinal: [Int: [Statement: FactIndex]] = [:]  // per `一、…` section
        for body in ExplanationHeading.bodies(lines) {
            let joined = RejoinedText.rejoin(body.lines.map { ($0.number, $0.text) })
            read(body, joined, firstFinal: &firstFinal[body.topSection, default: [:]], into: &context)
        }
    }

    private func read(_ body: ExplanationBody, _ joined: RejoinedText, firstFinal: inout [Statement: FactIndex],
                      into context: inout TableContext) {
        let text = joined.text
        let mentions = SentenceReader.mentions(in: text[...], reportYear: context.year)
        let section = body.section
        let chains = section.classification == .chain ? ExplanationReader.chains(in: text) : []
        let chainCodes = codes(of: chains, mentions: mentions, in: text, context: &context, span: { joined.origin(of: $0)?.line })
        // Chains coded only because one table row has the same amount: an uncertain reading.
        let repeatedLabels = ExplanationReader.repeatedLabels(mentions, in: text)
        var placed: [Placed] = []
        func span(_ range: Range<String.Index>) -> SourceSpan {
            guard let o = joined.origin(of: range) else { return SourceSpan(file: context.source.path, line: body.lines.first?.number ?? 0) }
            return SourceSpan(file: context.source.path, line: o.line, startColumn: o.columns.lowerBound, endColumn: o.columns.upperBound)
        }
        for mention in mentions {
            switch mention {
            case .figure(let m):
                guard let unit = m.figure.factUnit else { continue }
                if case .count = unit, !section.acceptsCounts { continue }
                let lead = ExplanationReader.clauseLead(text, before: m.figure.range.lowerBound)
                let (phase, column) = ExplanationReader.phase(of: lead, report: .final)
                var item = ItemLabel.clean(m.label, statement: section.statement)
                // A label taken from the clause before (`年初预算为…，支出决算为…`) is the template's
                // own pattern, read with certainty; a name made up from context is a guess.
                var reading = Reading.narrative

                if ItemLabel.phaseWords.contains(item), let before = placed.last(where: { $0.sentence == m.sentence }) {
                    item = context.facts[before.fact].item  // `…年初预算为 0 万元，全年预算为 321.02 万元`
                }
                else if section.classification == .none, repeatedLabels.contains(m.label), ExplanationReader.ownLabel(m, in: text) {
                    item = ItemLabel.withContext(item, text: text, before: m.figure.range.lowerBound,
                                                 previous: placed.last.map { (context.facts[$0.fact].item, $0.position) })
                    reading = .narrativeInferred
                }
                var code: ClassificationCode?
                switch section.classification {
                case .lei:
                    if let path = ClassificationPath(m.label), let c = path.code() {
                        code = c
                        item = ItemLabel.clean(path.parts.last!.name, statement: section.statement)
                    }
                case .chain:
                    if let k = chains.lastIndex(where: { $0.start < m.figure.range.lowerBound }) {
                        let chain = chains[k]
                        code = chainCodes[k].code
                        if chainCodes[k].byAmount { reading = .narrativeInferred }
                        item = chain.name
                        if code == nil {
                            context.warn("unclassified", Message(.tabUnknownChain, "\(chain.name)"), line: span(m.figure.range).line)
                        }
                    }
                case .none:
                    break
                }
                guard !item.isEmpty else {
                    context.warn("unplaced-figure", Message(.tabNoName, "\(m.figure.amount)", "\(unit)"), line: span(m.figure.range).line)
                    continue
                }
                context.facts.append(Fact(
                    entity: context.entity, year: context.year, phase: phase, statement: section.statement, item: item,
                    code: code, fund: section.fund, measure: column.map { Measure(printed: $0, phase: phase) } ?? .total,
                    amount: m.figure.amount, unit: unit, reading: reading, span: span(m.figure.range)))
                let index = context.facts.count - 1
                if phase == .final, firstFinal[section.statement] == nil { firstFinal[section.statement] = index }
                placed.append(Placed(fact: index, sentence: m.sentence, position: m.figure.range.lowerBound))
            case .share(let m):
                guard let target = placed.last(where: { $0.sentence == m.sentence }) ?? placed.last else { continue }
                var whole: FactIndex?
                if let name = m.whole {
                    // the nearest earlier fact so named, within `NarrativeLabel.reach` facts: a whole
                    // is named close to its shares, and an unbounded look back made reading quadratic
                    let nearest = context.facts.indices.suffix(NarrativeLabel.reach)
                    let wanted = NarrativeLabel.normalized(name)
                    for i in nearest.reversed() where i != target.fact && !context.facts[i].derived && !context.facts[i].reading.isTable {
                        if NarrativeLabel.matchesNormalized(context.normalizedItem(i), wanted) { whole = i; break }
                    }
                } else if let first = firstFinal[section.statement], first != target.fact {
                    whole = first
                }
                context.claims.append(Claim(fact: target.fact, kind: .share(percent: m.percent, whole: whole), span: span(m.range)))
            case .change(let m):
                guard let year = m.priorYear, let target = changeTarget(m.subject, before: m.range.lowerBound, placed, firstFinal[section.statement], context) else {
                    context.warn("unplaced-claim", Message(.tabNoFigureYear), line: span(m.range).line)
                    continue
                }
                // A change of a count (`增加2辆`) is never a change of a money figure.
                guard m.speaks(of: context.facts[target].unit) else {
                    context.warn("unplaced-claim", Message(.narrChangeOtherUnit, "\(m.deltaUnit.map { "\($0)" } ?? "")", "\(m.delta ?? .zero)"), line: span(m.range).line)
                    continue
                }
                if let reason = m.underivableReason(figure: context.facts[target].amount) {
                    context.warn("lost-number", Message(.narrMissingNumber, reason), line: span(m.range).line)
                    continue
                }
                context.claims.append(Claim(fact: target, kind: .change(priorYear: year, delta: m.delta, percent: m.percent), span: span(m.range)))
                if let delta = m.delta, let r = m.deltaRange, m.deltaUnit == context.facts[target].unit {
                    addPriorYear(of: target, year: year, delta: delta, span: span(r), into: &context)
                }
            case .unchanged(let m):
                // `与2023年度持平`, `其中：因公出国（境）费支出与上一年度持平`: the clause names its item.
                let subject = ExplanationReader.unchangedSubject(text, endingAt: m.range.upperBound, statement: section.statement)
                let named = placed.last { context.facts[$0.fact].phase == .final && NarrativeLabel.matches(context.facts[$0.fact].item, subject) }
                let target = subject.isEmpty ? (placed.last(where: { context.facts[$0.fact].phase == .final })?.fact ?? firstFinal[section.statement]) : named?.fact
                guard let target else { continue }
                context.claims.append(Claim(fact: target, kind: .unchanged(priorYear: m.priorYear), span: span(m.range)))
                if let lost = m.lostNumber {
                    // The claim is the text's; a year derived from a sentence that lost or
                    // contradicts a number would be a wrong figure shown as read.
                    context.warn("lost-number", Message(.narrMissingNumber, lost), line: span(m.range).line)
                    continue
                }
                addPriorYear(of: target, year: m.priorYear, delta: .zero, span: span(m.range), into: &context)
            case .completion(let m):
                let inSentence = placed.filter { $0.sentence == m.sentence }
                guard let target = inSentence.last(where: { context.facts[$0.fact].phase == .final }) else { continue }
                // Only a budget of the same item: in `三公经费…年初预算为21.00万元，支出决算为16.95万元，
                // 完成预算的80.71%，其中：…公务用车购置及运行维护费支出决算为16.95万元，完成预算的82.68%`
                // the 21.00 is the whole 三公's budget, not the 公务用车's.
                let item = NarrativeLabel.normalized(context.facts[target.fact].item)
                let budgets = inSentence.filter { context.facts[$0.fact].phase == .budget && NarrativeLabel.normalized(context.facts[$0.fact].item) == item }
                let wording = ExplanationReader.clauseLead(text, before: m.range.lowerBound)
                let named = budgets.first { b in context.facts[b.fact].measure != .total && wording.contains(context.facts[b.fact].measure.rawValue) }
                context.claims.append(Claim(fact: target.fact, kind: .completion(percent: m.percent, budget: (named ?? budgets.first)?.fact),
                                            span: span(m.range)))
            case .comparison(let m):
                let before = placed.filter { $0.position < m.range.lowerBound }
                if m.priorYear != nil {
                    guard let target = before.last(where: { context.facts[$0.fact].phase == .final }) else { continue }
                    context.claims.append(Claim(fact: target.fact, kind: .comparison(relation: m.relation, priorYear: m.priorYear, other: nil),
                                                span: span(m.range)))
                } else {
                    // `年初预算为135.90万元，支出决算为135.25万元。决算数小于预算数`.
                    guard let target = before.last(where: { context.facts[$0.fact].phase == .final }) else { continue }
                    let budget = before.last { context.facts[$0.fact].phase == .budget }
                    context.claims.append(Claim(fact: target.fact, kind: .comparison(relation: m.relation, priorYear: nil, other: budget?.fact),
                                                span: span(m.range)))
                }
            case .strayPercent:
                continue
            }
        }
    }

    /// The code of each list item of 五（三）: the catalog's, else the table row's of the same
    /// name (``TableContext/tableCode(for:)``), else the one table 项 under the item's 类/款
    /// whose 合计 is the item's 支出决算 (`机关事业单位退休人员活动费支出` 0.88 is the row
    /// 2080599 其他行政事业单位养老支出 0.88). A code found by amount is a guess, not a
    /// reading: `byAmount` is set, the figure is read as ``Reading/narrativeInferred`` (so a
    /// finding resting on it is `unsure`, never the report's error), and a warning says so.
    private func codes(of chains: [Chain], mentions: [NarrativeMention], in text: String, context: inout TableContext,
                       span line: (Range<String.Index>) -> Int?) -> [(code: ClassificationCode?, byAmount: Bool)] {
        chains.indices.map { k in
            let chain = chains[k]
            if let code = chain.code ?? context.tableCode(for: chain) { return (code, false) }
            let end = k + 1 < chains.count ? chains[k + 1].start : text.endIndex
            let finals = mentions.compactMap { mention -> FigureMention? in
                guard case .figure(let m) = mention, (chain.start..<end).contains(m.figure.range.lowerBound),
                      case .money = m.figure.unit,
                      ExplanationReader.phase(of: ExplanationReader.clauseLead(text, before: m.figure.range.lowerBound), report: .final).0 == .final
                else { return nil }
                return m
            }
            guard finals.count == 1, let row = context.tableRow(under: chain, amount: finals[0].figure.amount) else { return (nil, false) }
            context.warnings.append(Diagnostic(
                .warning, code: "item-by-amount",
                Message(.tabItemByAmount, chain.name, chain.resolved.last.map { Message.literal($0.rawValue) } ?? Message(.tabItsLei), row.code, row.item, finals[0].figure.amount),
                at: context.source.span(line: line(finals[0].figure.range) ?? 0)))
            return (row.code, true)
        }
    }

    /// The fact a change speaks of: the last 决算 figure before it named like its subject, else
    /// the last figure before it, else (a sentence without a figure) the section's first.
    private func changeTarget(_ subject: String, before position: String.Index, _ placed: [Placed],
                              _ first: FactIndex?, _ context: TableContext) -> FactIndex? {
        let before = placed.filter { $0.position < position && context.facts[$0.fact].phase == .final }
        if !subject.isEmpty, let named = before.last(where: { NarrativeLabel.matches(context.facts[$0.fact].item, ItemLabel.clean(subject, statement: context.facts[$0.fact].statement)) }) {
            return named.fact
        }
        return before.last?.fact ?? first
    }

    private func addPriorYear(of target: FactIndex, year: Int, delta: Amount, span: SourceSpan, into context: inout TableContext) {
        var prior = context.facts[target]
        prior.year = year
        prior.amount = prior.amount - delta
        prior.derived = true
        prior.mentions = [Mention(span: span, amount: prior.amount, reading: .derived)]
        context.facts.append(prior)
    }
}
