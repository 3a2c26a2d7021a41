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
    /// A hard-wrapped text (PDF extraction, ``ProseLayout/isHardWrapped(_:)``, `wrapped`) is read a
    /// paragraph at a time: the lines from one heading or list item to the next are joined
    /// (``ProseText``), page numbers and lone quote marks left out, and a heading whose
    /// title runs onto the next line gets it back. Text with one line per paragraph is read
    /// a line at a time.
    ///
    /// `title` is the part's own title line when it has no `第X部分` (`2026年部门预算编制说明`):
    /// the section it names, if any, holds the figures before the first heading.
    mutating func readExplanation(_ lines: [Int], title: Substring?, wrapped: Bool) {
        var state = ExplanationState()
        // Section ids run on across parts (a template may explain in two: `部门预算编制说明`,
        // `其他相关情况说明`), so that changes are linked within their own section only.
        state.sectionID = sectionCounter
        defer { sectionCounter = state.sectionID + 1 }
        if let title, let section = TemplateSection.forHeading(title) {
            state.sectionID += 1
            state.section = section
            state.topSection = section
        }
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
            let isTableTitle = bare.hasUTF8Prefix("项目支出绩效目标完成情况表") || bare.hasUTF8Prefix("项目支出绩效目标自评表")
            if state.inTable {
                if !isTableTitle, line.hasUTF8Prefix("\t") || bare.isEmpty || (bare.hasUTF8Prefix("(") && bare.hasUTF8Suffix("年度)")) {
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
            if let sub = TemplateSection.forLeadIn(line) {
                // `财政拨款支出主要内容如下：` above a list of 项: the list is that section's.
                flush(&self, &state)
                state.section = sub
                state.sectionID += 1
                if sub.statement != state.topSection?.statement { state.firstFact = [:] }
                state.leiContext = nil
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
        let compact = title.removingWhiteSpaceCharacters
        guard !TemplateSection.titleEndings.contains(where: { compact.hasUTF8Suffix($0) }) else { return nil }
        var j = k + 1
        while j < lines.count, ProseLayout.isFurniture(source.lines[lines[j] - 1]) { j += 1 }
        guard j < lines.count else { return nil }
        let next = source.lines[lines[j] - 1].removingWhiteSpaceCharacters
        guard next.count <= 20, TemplateSection.titleEndings.contains(where: { next.hasUTF8Suffix($0) }),
              Heading.section(Substring(next)) == nil, !next.contains(where: { $0.isASCII && $0.isNumber }) else { return nil }
        return lines[j]
    }

    /// One line of prose (the Sichuan 附件 reads line by line).
    mutating func readSentences(_ number: Int, _ line: Substring, state: inout ExplanationState) {
        readSentences(ProseText(lines: [(number, line)]), state: &state)
    }

    /// How far before a figure (in characters, within its sentence) the chain that names it is
    /// looked for (`检察（款）: 2018 年预算支出合计 16,444.36 万元`): a 类/款/项 chain with its
    /// wording is well under 200 characters in any template.
    static let chainReach = 200

    /// `text.index(i, offsetBy: -n, limitedBy: limit) ?? limit`: `n` characters back from `i`,
    /// not past `limit`. Walking back by `Character` breaks graphemes backwards, the slowest walk
    /// there is, for every figure; so a stretch of at most `n` bytes answers `limit` at once (it
    /// has at most `n` characters), and a stretch whose scalars stand alone is walked by scalars
    /// (``StandaloneScalars``: each is a character). Anything else takes the `Character` walk.
    static func characters(back n: Int, from i: Substring.Index, limit: Substring.Index, in text: Substring) -> Substring.Index {
        if text.utf8.distance(from: limit, to: i) <= n { return limit }
        let scalars = text.unicodeScalars
        var j = i
        var k = 0
        while k < n && j > limit {
            let p = scalars.index(before: j)
            guard scalars[p].standsAlone else { return text.index(i, offsetBy: -n, limitedBy: limit) ?? limit }
            j = p
            k += 1
        }
        // Landed inside the stretch: a boundary when the scalar before stands alone too.
        if j > limit, !scalars[scalars.index(before: j)].standsAlone {
            return text.index(i, offsetBy: -n, limitedBy: limit) ?? limit
        }
        return j
    }

    /// The words a paragraph's figures are placed by (reasons, purchases, another basis).
    static let cueWords = SentenceReader.reasonWords + TemplateSection.purchaseWords + SentenceReader.otherBasisWords

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
        let paragraphStart = placedFacts.count
        // Asked once per paragraph, not once per share: thousands of shares stay linear.
        let listsParts = text.firstUTF8Range(of: "其中") != nil || text.firstUTF8Range(of: "主要用于") != nil
        let project = state.section?.isProjects == true ? projectName(in: text) : nil
        let marks = ParagraphMarks(text, words: Self.cueWords)
        // The figures placed in the sentence `sentence`, last first (the paragraph's figures are
        // in reading order, so they are a suffix of `placed`): looked at lazily, not copied.
        func placedInSentence(_ sentence: Int) -> some Sequence<(fact: FactIndex, sentence: Int, isPart: Bool)> {
            placed.reversed().lazy.prefix { $0.sentence == sentence }
        }
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
                // What names a figure (a chain, an aside) stands at most `chainReach` characters
                // before it in its sentence: looking no further keeps a sentence with thousands of
                // figures and no `。` linear.
                let sentenceStart = marks.sentenceStart(before: m.figure.range.lowerBound)
                let nearStart = Self.characters(back: Self.chainReach, from: m.figure.range.lowerBound, limit: sentenceStart, in: text)
                if section.classification == .chain || section.classification == .economic, ClassificationPath(m.label) == nil {
                    // `检察（款）: 2018 年预算支出合计 16,444.36 万元`: the chain before the colon names it.
                    let lead = text[nearStart..<m.figure.range.lowerBound]
                    if let path = ClassificationPath(lead), !lead.contains(where: { $0.isASCII && $0.isNumber } ) || path.parts.count > 0,
                       let last = ["（项）", "(项)", "（款）", "(款)", "（类）", "(类)"].compactMap({ lead.lastUTF8Range(of: $0) }).max(by: { $0.lowerBound < $1.lowerBound }),
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
                if let word = SentenceReader.directionWords.first(where: { m.label.hasUTF8Prefix($0.word) })?.word {
                    // `同时，…增加部门预算 1,464.3 万元`: an amount named by a change is the size of a
                    // change the text explains, not a line of the section.
                    warn("unplaced-figure", Message(.narrChangeAmount, "\(word)"), at: span(m.figure.range), severity: .note)
                    continue
                }
                if SentenceReader.isPriorYearAside(text[nearStart..<figureStart]) {
                    // `增加 2,247.84 万元（上年财政仅安排…预留机动 140.2 万元）`: last year's figure, said in passing.
                    warn("unplaced-figure", Message(.narrPriorYearAside), at: span(m.figure.range), severity: .note)
                    continue
                }
                let purchase = marks.firstWord(of: TemplateSection.purchaseWords, in: marks.sentenceStart(before: figureStart)..<figureStart) != nil
                guard let index = placeFigure(m, span: span(m.figure.range), section: section, project: project,
                                              purchase: purchase, state: &state) else { continue }
                placed.append((index, m.sentence, m.isPart))
                placedFacts.append(index)
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
                if marks.firstWord(of: SentenceReader.otherBasisWords, in: marks.sentenceStart(before: m.range.lowerBound)..<m.range.lowerBound) != nil {
                    // `按与上年统计口径一致相比，本年比上年减少161.96万元`: a change of a figure on another
                    // basis than the one stated; it derives no prior-year value of the stated figure.
                    warn("unplaced-claim", Message(.narrOtherBasis), at: s, severity: .note)
                    continue
                }
                pendingChanges.append(PendingChange(mention: m, span: s, deltaSpan: m.deltaRange.map(span),
                                                    section: state.sectionID, before: paragraphStart..<placedFacts.count))
            case .unchanged(let m):
                if let lost = m.lostNumber {
                    warn("lost-number", Message(.narrMissingNumber, lost), at: span(m.range))
                    continue
                }
                guard let target = placed.last else {
                    warn("unplaced-claim", Message(.narrNoFigureUnchanged), at: span(m.range))
                    continue
                }
                let s = span(m.range)
                report.claims.append(Claim(fact: target.fact, kind: .unchanged(priorYear: m.priorYear), span: s))
                addPriorYear(of: target.fact, year: m.priorYear, delta: .zero, span: s)
            case .completion(let m):
                let inSentence = placedInSentence(m.sentence)
                guard let target = inSentence.first(where: { !$0.isPart }) ?? inSentence.first(where: { _ in true }) ?? placed.last else {
                    warn("unplaced-claim", Message(.narrNoFigureCompletion, "\(m.percent)"), at: span(m.range))
                    continue
                }
                // The sentence's first 预算 figure, at most `reach` figures back.
                let budget = Array(inSentence.prefix(NarrativeLabel.reach)).last { $0.fact != target.fact && report.facts[$0.fact].phase == .budget }?.fact
                report.claims.append(Claim(fact: target.fact, kind: .completion(percent: m.percent, budget: budget),
                                           span: span(m.range)))
            case .comparison(let m):
                // `本年数小于上年预算数`: the last figure; `决算数小于预算数`: the last 决算 figure,
                // held against the last 预算 figure before it.
                let lastFinal = placed.last { report.facts[$0.fact].phase == report.phase }
                guard let target = (m.priorYear == nil ? lastFinal : placed.last) else {
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
}
