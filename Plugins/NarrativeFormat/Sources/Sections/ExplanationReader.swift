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
    /// The part of the document every figure read stands in (``FiscalModel/Mention/annex`` for
    /// 第四部分; `nil` for sections 一 to 十): the 附件's figures are mentions of the
    /// explanation's facts, folded into them on load.
    var part: String?
    /// The measure every fact placed gets when it is not the total (`nil`).
    var column: Measure?
    /// The 类 a list of 款/项 items falls under (`（一）一般公共服务（类）` above
    /// `1．党委办公厅（室）及相关机构事务（款）行政运行（项）支出…`).
    var leiContext: ClassificationPath?
}

extension NarrativeReader {
    /// 第二部分, sections 一 to 十: every figure, its claims, and the project tables.
    ///
    /// A hard-wrapped text (PDF extraction, ``ProseLayout/isHardWrapped(_:)``) is read a
    /// paragraph at a time: the lines from one heading or list item to the next are joined
    /// (``ProseText``), page numbers and lone quote marks left out, and a heading whose
    /// title runs onto the next line gets it back. Text with one line per paragraph is read
    /// a line at a time.
    mutating func readExplanation(_ lines: [Int]) {
        var state = ExplanationState()
        let wrapped = ProseLayout.isHardWrapped(lines.map { source.lines[$0 - 1] })
        var paragraph: [(number: Int, text: Substring)] = []
        func flush(_ reader: inout NarrativeReader, _ state: inout ExplanationState) {
            guard !paragraph.isEmpty else { return }
            reader.readSentences(ProseText(lines: paragraph), state: &state)
            paragraph = []
        }
        var skip = Set<Int>()
        for (k, number) in lines.enumerated() where !skip.contains(number) {
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
                flush(&self, &state)
                if state.inTable { readProjectTable(state.table, section: state.sectionID) }
                state.inTable = true
                state.table = [number]
                continue
            }
            if wrapped, ProseLayout.isFurniture(line) { continue }
            if var title = Heading.section(line) {
                flush(&self, &state)
                if wrapped, let next = continuation(ofTitle: title, after: k, in: lines) {
                    title = Substring(String(title) + source.lines[next - 1].trimmingCharacters(" \t\u{3000}"))
                    skip.insert(next)
                }
                state.topID += 1
                state.sectionID += 1
                state.section = TemplateSection.forHeading(title)
                state.topSection = state.section
                state.firstFact = [:]
                state.leiContext = nil
                readHeadingYear(title, line: number)
                continue
            }
            if let title = Heading.subsection(line) {
                let statesFigure = NarrativeFigure.scan(title).contains { $0.isValue }
                if !statesFigure, let sub = TemplateSection.forHeading(title) {
                    flush(&self, &state)
                    state.section = sub
                    state.sectionID += 1
                    if sub.statement != state.topSection?.statement { state.firstFact = [:] }
                    continue
                }
                // `（一）人员经费 7819.47 万元`, `（二）社会保障和就业支出（类）`: a list item, read as prose.
                flush(&self, &state)
                paragraph = [(number, line)]
                if !wrapped { flush(&self, &state) }
                continue
            }
            if wrapped, ListItem.starts(line) { flush(&self, &state) }
            paragraph.append((number, line))
            if !wrapped { flush(&self, &state) }
        }
        flush(&self, &state)
        if state.inTable { readProjectTable(state.table, section: state.sectionID) }
    }

    /// The line that ends a section title broken over two lines (`十一、一般公共预算“三公”经费、
    /// 会议费、培训费支` / `出预算表情况说明`): the next text line, when the title does not end
    /// as titles do and that line does, is short and states no figure.
    func continuation(ofTitle title: Substring, after k: Int, in lines: [Int]) -> Int? {
        let compact = title.filter { !$0.isWhitespace }
        guard !TemplateSection.titleEndings.contains(where: { compact.hasSuffix($0) }) else { return nil }
        var j = k + 1
        while j < lines.count, ProseLayout.isFurniture(source.lines[lines[j] - 1]) { j += 1 }
        guard j < lines.count else { return nil }
        let next = source.lines[lines[j] - 1].filter { !$0.isWhitespace }
        guard next.count <= 20, TemplateSection.titleEndings.contains(where: { next.hasSuffix($0) }),
              Heading.section(Substring(next)) == nil, !next.contains(where: { $0.isASCII && $0.isNumber }) else { return nil }
        return lines[j]
    }

    /// One line of prose (the Sichuan 附件 reads line by line).
    mutating func readSentences(_ number: Int, _ line: Substring, state: inout ExplanationState) {
        readSentences(ProseText(lines: [(number, line)]), state: &state)
    }

    /// A paragraph of prose: its figures become facts, its ratios claims.
    mutating func readSentences(_ prose: ProseText, state: inout ExplanationState) {
        let text = prose.text[...]
        let mentions = SentenceReader.mentions(in: text, reportYear: report.year == 0 ? nil : report.year)
        guard !mentions.isEmpty else {
            if state.section?.classification != nil, state.section?.classification != TemplateSection.Classification.none,
               let context = ClassificationPath(leadingChainIn: text) {
                // `（一）一般公共服务（类）`: the 类 the list items below it belong to.
                state.leiContext = context
            }
            return
        }
        func span(_ range: Range<Substring.Index>) -> SourceSpan {
            let r = range.lowerBound..<range.upperBound
            guard let o = prose.origin(of: r) else { return source.span(line: prose.firstLine ?? 1) }
            return SourceSpan(file: source.path, line: o.line, startColumn: o.columns.lowerBound, endColumn: o.columns.upperBound)
        }
        if mentions.count >= SentenceReader.maximumFiguresPerLine, SentenceReader.exceedsFigureLimit(text) {
            warn("long-line", Message(.narrLongLine, "\(SentenceReader.maximumFiguresPerLine)"), line: prose.firstLine)
        }
        var placed: [(fact: FactIndex, sentence: Int, isPart: Bool)] = []
        // Asked once per paragraph, not once per share: thousands of shares stay linear.
        let listsParts = text.firstRange(of: "其中") != nil || text.firstRange(of: "主要用于") != nil
        let project = state.section?.isProjects == true ? projectName(in: text) : nil
        let marks = ParagraphMarks(text, words: SentenceReader.reasonWords + TemplateSection.purchaseWords)
        for mention in mentions {
            switch mention {
            case .figure(let m):
                guard let section = state.section else {
                    if m.figure.isValue && m.figure.unit != .count("个") {
                        warn("unplaced-figure", Message(.narrNoSection),
                             at: span(m.figure.range))
                    }
                    continue
                }
                var m = m
                if section.classification == .chain || section.classification == .economic, ClassificationPath(m.label) == nil {
                    // `检察（款）: 2018 年预算支出合计 16,444.36 万元`: the chain before the colon names it.
                    let lead = text[marks.sentenceStart(before: m.figure.range.lowerBound)..<m.figure.range.lowerBound]
                    if let path = ClassificationPath(lead), !lead.contains(where: { $0.isASCII && $0.isNumber } ) || path.parts.count > 0,
                       let last = ["（项）", "(项)", "（款）", "(款)", "（类）", "(类)"].compactMap({ lead.range(of: $0, options: .backwards) }).max(by: { $0.lowerBound < $1.lowerBound }),
                       !lead[last.upperBound...].contains(where: { "，,；;".contains($0) }) {
                        m.label = SentenceReader.cleanLabel(lead[..<last.upperBound])
                    }
                }
                let figureStart = m.figure.range.lowerBound
                // A reason runs to the end of its clause group (`；` or `。`).
                if let word = marks.firstWord(of: SentenceReader.reasonWords, in: marks.clauseStart(before: figureStart)..<figureStart) {
                    // `主要原因是基本支出增加人员经费1408.29万元，项目经费…增加…400万元`: amounts the
                    // reason for a change cites, not lines of the section.
                    warn("unplaced-figure", Message(.narrReasonFigure, "\(word)"),
                         at: span(m.figure.range), severity: .note)
                    continue
                }
                let purchase = marks.firstWord(of: TemplateSection.purchaseWords, in: marks.sentenceStart(before: figureStart)..<figureStart) != nil
                guard let index = placeFigure(m, span: span(m.figure.range), section: section, project: project,
                                              purchase: purchase, state: &state) else { continue }
                placed.append((index, m.sentence, m.isPart))
            case .share(let m):
                guard let target = placed.last(where: { $0.sentence == m.sentence }) ?? placed.last else {
                    warn("unplaced-claim", Message(.narrNoFigureShare, "\(m.percent)"), at: span(m.range))
                    continue
                }
                let whole = shareWhole(m, target: target.fact, firstPlaced: placed.first?.fact, listsParts: listsParts, state: state)
                report.claims.append(Claim(fact: target.fact, kind: .share(percent: m.percent, whole: whole),
                                           span: span(m.range)))
            case .change(let m):
                let s = span(m.range)
                let sentenceStart = text[..<m.range.lowerBound].lastIndex(of: "。").map { text.index(after: $0) } ?? text.startIndex
                if SentenceReader.otherBasisWords.contains(where: { text[sentenceStart..<m.range.lowerBound].contains($0) }) {
                    // `按与上年统计口径一致相比，本年比上年减少161.96万元`: a change of a figure on another
                    // basis than the one stated; it derives no prior-year value of the stated figure.
                    warn("unplaced-claim", Message(.narrOtherBasis), at: s, severity: .note)
                    continue
                }
                pendingChanges.append(PendingChange(mention: m, span: s, deltaSpan: m.deltaRange.map(span),
                                                    section: state.sectionID, before: placed.map(\.fact)))
            case .unchanged(let m):
                guard let target = placed.last else {
                    warn("unplaced-claim", Message(.narrNoFigureUnchanged), at: span(m.range))
                    continue
                }
                let s = span(m.range)
                report.claims.append(Claim(fact: target.fact, kind: .unchanged(priorYear: m.priorYear), span: s))
                addPriorYear(of: target.fact, year: m.priorYear, delta: .zero, span: s)
            case .completion(let m):
                let inSentence = placed.filter { $0.sentence == m.sentence }
                guard let target = inSentence.last(where: { !$0.isPart }) ?? inSentence.last ?? placed.last else {
                    warn("unplaced-claim", Message(.narrNoFigureCompletion, "\(m.percent)"), at: span(m.range))
                    continue
                }
                let budget = inSentence.first { $0.fact != target.fact && report.facts[$0.fact].phase == .budget }?.fact
                report.claims.append(Claim(fact: target.fact, kind: .completion(percent: m.percent, budget: budget),
                                           span: span(m.range)))
            case .comparison(let m):
                // `本年数小于上年预算数`: the last figure; `决算数小于预算数`: the last 决算 figure,
                // held against the last 预算 figure before it.
                let finals = placed.filter { report.facts[$0.fact].phase == report.phase }
                guard let target = (m.priorYear == nil ? finals.last : placed.last) else {
                    warn("unplaced-claim", Message(.narrNoFigureComparison), at: span(m.range))
                    continue
                }
                let other = m.priorYear == nil ? placed.last { report.facts[$0.fact].phase == .budget && $0.fact != target.fact }?.fact : nil
                report.claims.append(Claim(fact: target.fact, kind: .comparison(relation: m.relation, priorYear: m.priorYear, other: other),
                                           span: span(m.range)))
            case .strayPercent(let f):
                if state.section != nil {
                    warn("unplaced-percent", Message(.narrLonePercent),
                         at: span(f.range), severity: .note)
                }
            }
        }
    }

    /// Files one figure: statement, fund, code, phase, item. `nil` when it cannot be placed.
    mutating func placeFigure(_ m: FigureMention, span: SourceSpan, section: TemplateSection, project: String?,
                              purchase: Bool = false, state: inout ExplanationState) -> FactIndex? {
        guard let unit = m.figure.factUnit else { return nil }
        if case .count = unit, !section.acceptsCounts {
            warn("unplaced-figure", Message(.narrCountInMoney, "\(section.statement)", "\(m.label.isEmpty ? "?" : m.label)", "\(m.figure.amount)", "\(unit)"),
                 at: span, severity: .note)
            return nil
        }
        var item = NarrativeLabel.withoutEntityAndYear(m.label, entity: report.entity.isEmpty ? nil : report.entity)
        if let short = shortName, item.hasPrefix(short), item.count > short.count { item.removeFirst(short.count) }
        if report.phase == .budget { item = BudgetWording.itemName(item) }
        guard !item.isEmpty else {
            warn("unplaced-figure", Message(.narrNoName, "\(m.figure.amount)", "\(unit)"), at: span)
            return nil
        }
        var code: ClassificationCode?
        var econCode: ClassificationCode?
        switch section.classification {
        case .chain, .economic:
            if var path = ClassificationPath(item) {
                if path.parts.first?.level != .lei, let context = state.leiContext { path = context.extended(by: path) }
                let catalog: ClassificationCatalog = section.classification == .economic ? .economic : .functional
                var codes = path.resolve(in: catalog)
                if codes.isEmpty, let context = state.leiContext, path.parts.count > 1, path.parts[0].level == .lei,
                   path.parts[1].level == .xiang {
                    // `（二）社会保障和就业（类）` / `1．行政事业单位离退休（类）未归口…（项）`: a 款 marked
                    // as a 类 under the 类 above it (a mark one level off).
                    var relevelled = path
                    relevelled.parts[0].level = .kuan
                    let again = context.extended(by: relevelled)
                    var c = again.resolve(in: catalog)
                    if c.count < again.parts.count { c = printed(again, from: c) }
                    if c.count > context.parts.count {
                        warn("mark-level", Message(.narrMissingKuan, "\(context.parts[0].name)", "\(path.parts[0].name)"), at: span, severity: .note)
                        path = again
                        codes = c
                    }
                }
                if codes.count < path.parts.count, path.parts.first?.level == .lei {
                    codes = printed(path, from: codes)
                }
                if codes.count < path.parts.count {
                    // A chain the catalog places only in part names a 项 it does not know: the
                    // figure is that 项's, not its 款's, so it stays uncoded.
                    let missing = path.parts[codes.count]
                    warn("unclassified", Message(.narrUnclassified, "\(missing.level)", "\(missing.name)", "\(codes.last?.rawValue ?? "nothing")"),
                         at: span)
                } else if section.classification == .economic {
                    econCode = codes.last
                } else {
                    code = codes.last
                }
                item = path.parts.last?.name ?? item
                // `检察（款）: 2018 年预算支出合计…` above `1．行政运行（项）支出…`: the 项 below
                // belong to this 类 or 款.
                if let last = path.parts.last, last.level < .xiang, path.parts.first?.level == .lei { state.leiContext = path }
            }
        case .lei:
            code = ClassificationCatalog.functional.resolve(item, level: .lei)
            if let path = ClassificationPath(item), path.parts.count == 1, path.parts[0].level == .lei,
               let c = code ?? ClassificationCatalog.functional.resolve(path.parts[0].name, level: .lei) {
                // `一般公共服务（类）支出 16992.37 万元`: the 类 by its name.
                code = c
                item = path.parts[0].name
            }
            if code == nil, item.contains("（类）") || item.contains("(类)") {
                warn("unclassified", Message(.narrUnknownLei, "\(item)"), at: span)
            }
        case .none:
            break
        }
        var phase = report.phase
        var measure = state.column ?? Measure.total
        if purchase, case .count = unit, state.column == nil {
            // `2026年部门预算安排购置车辆5辆，其中：…执法执勤用车5辆`: what is to be bought, not
            // what is held (`共有车辆63辆`).
            measure = TemplateSection.purchaseMeasure
        }
        if let project {
            // The 完成情况综述 sentence states the project table's figures again (预算数, 执行数):
            // the same facts, folded on load. A budget inside a 决算 is a 预算 fact measuring
            // the project's 全年预算.
            phase = item.contains("预算") ? .budget : .final
            if phase == .budget && report.phase == .final { measure = .fullYearBudget }
            item = project
        }
        var fact = Fact(entity: "", year: report.year, phase: phase, statement: section.statement, item: item, code: code,
                        econCode: econCode, fund: section.fund(for: item), measure: measure, amount: m.figure.amount, unit: unit,
                        reading: .narrative, span: span)
        if let sub = section.subStatement(for: item, coded: code != nil) { fact.statement = sub }
        fact.mentions[0].part = state.part
        let index = addFact(fact, section: state.sectionID)
        if state.firstFact[section.statement] == nil { state.firstFact[section.statement] = index }
        if let project { attach(index, toProject: project, line: span.line) }
        return index
    }

    /// `codes` (the catalog's placing of `path`) continued with the codes the document prints:
    /// each further name is the printed code under the last one placed whose printed name is
    /// that name (`未归口管理的行政单位离退休` under 20805 is the table's 2080504).
    func printed(_ path: ClassificationPath, from codes: [ClassificationCode]) -> [ClassificationCode] {
        var codes = codes
        if codes.isEmpty, let first = path.parts.first {
            let name = ClassificationCatalog.normalizedName(first.name)
            guard let c = printedCodes.first(where: { $0.key.level == .lei && ClassificationCatalog.normalizedName($0.value) == name })?.key else { return codes }
            codes = [c]
        }
        while codes.count < path.parts.count {
            let name = ClassificationCatalog.normalizedName(path.parts[codes.count].name)
            let parent = codes.last!
            let matches = printedCodes.filter { $0.key.parent == parent && ClassificationCatalog.normalizedName($0.value) == name }
            guard matches.count == 1, let c = matches.first?.key else { break }
            codes.append(c)
        }
        return codes
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
            let span = p.span
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
                        if report.facts[facts[mid]].span.line < span.line { lo = mid + 1 } else { hi = mid }
                    }
                    let after = facts[lo..<min(facts.count, lo + reach)].first(where: matches)
                    let before = facts[max(0, lo - reach)..<lo].last(where: matches)
                    switch (before, after) {
                    case (let b?, let a?):
                        target = abs(report.facts[b].span.line - span.line) <= abs(report.facts[a].span.line - span.line) ? b : a
                    case (let b?, nil): target = b
                    case (nil, let a?): target = a
                    default: break
                    }
                }
                // `与上年相比收、支预算总计各增加…` right after the figure it speaks of.
                if target == nil, report.phase == .budget, let last = p.before.last,
                   NarrativeLabel.matches(BudgetWording.itemName(m.subject), report.facts[last].item) {
                    target = last
                }
            }
            guard let target else {
                warn("unplaced-claim", Message(.narrNoFigureNamed, "\(m.subject)"), at: span)
                continue
            }
            guard let year = m.priorYear else {
                warn("unplaced-claim", Message(.narrNoBaseYear), at: span)
                continue
            }
            report.claims.append(Claim(fact: target, kind: .change(priorYear: year, delta: m.delta, percent: m.percent), span: span))
            if let delta = m.delta, m.deltaUnit == report.facts[target].unit, let deltaSpan = p.deltaSpan {
                addPriorYear(of: target, year: year, delta: delta, span: deltaSpan)
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
