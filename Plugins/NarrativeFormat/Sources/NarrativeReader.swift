import FiscalFormat
import FiscalModel

/// One pass over a narrative file: finds the parts, reads each with its section reader, and
/// assembles the report. Holds the report under construction; never prints.
struct NarrativeReader {
    let source: SourceText
    var report: Report
    /// The section each fact was read in (for linking claims), by fact index.
    var factSection: [Int] = []
    /// Facts placed per source line, by line number.
    var factsByLine: [Int: [FactIndex]] = [:]
    /// Changes waiting for their fact until the section has been read.
    var pendingChanges: [PendingChange] = []
    /// Every fact placed from a paragraph, in reading order; a change's ``PendingChange/before``
    /// is a range of it.
    var placedFacts: [FactIndex] = []
    var sectionCounter = 0
    var shortName: String?
    /// The entity the title names (`江苏省委办公厅` in `江苏省委办公厅 2017 年度部门预算`).
    var titleEntity: String?
    /// Codes the same document prints (its tables), by code, with their printed names: a
    /// name the catalog does not place is looked up among them.
    var printedCodes: [ClassificationCode: String] = [:]
    /// Whether the caller knows the document's identity (its guesses are not this reader's to report).
    var identityKnown = false

    init(source: SourceText) {
        self.source = source
        self.report = Report(entity: "", year: 0, phase: .final, unit: .wanYuan, source: source.path, format: "narrative")
    }

    mutating func read() -> Report {
        readHeader()
        let partLines = parts()
        let sawExplanation = partLines.contains { $0.part == .explanation }
        if !sawExplanation {
            warn("missing-part", Message(.narrNoPart))
        }
        // Whether the prose is hard-wrapped is the document's layout, decided once over every
        // part that explains (a short part says little about it).
        let explaining = partLines.filter { $0.part == .explanation || ($0.part == nil && !sawExplanation) }
        let wrapped = ProseLayout.isHardWrapped(explaining.flatMap(\.lines).map { source.lines[$0 - 1] })
        for (p, title, lines) in partLines {
            switch p {
            case .explanation: readExplanation(lines, title: title, wrapped: wrapped)
            case .glossary: readGlossary(lines)
            case .attachments: readAttachments(lines)
            case nil where !sawExplanation: readExplanation(lines, title: nil, wrapped: wrapped)
            case .overview, .tables, nil: break
            }
        }
        resolvePendingChanges()
        finishEntity()
        return report
    }

    /// The lines of each part (第一部分 …, or a part title on a line of its own: `名词解释`), in
    /// order, with the title line of a part that has no `第X部分`; lines before the first part
    /// heading under `nil`.
    func parts() -> [(part: TemplatePart?, title: Substring?, lines: [Int])] {
        var partLines: [(part: TemplatePart?, title: Substring?, lines: [Int])] = [(nil, nil, [])]
        for number in 1...max(source.lines.count, 1) {
            guard let line = source.line(number) else { break }
            // `第三部分 江苏省人大常委会办公厅` / `2017 年度部门预算情况说明`: a part heading broken over two lines.
            if let p = TemplatePart(heading: line)
                ?? (TemplatePart.opensPart(line) ? source.line(number + 1).flatMap({ TemplatePart(heading: Substring(String(line) + $0)) }) : nil) {
                partLines.append((p, nil, []))
                continue
            }
            if let p = TemplatePart(standaloneTitle: line) {
                partLines.append((p, line, []))
                continue
            }
            partLines[partLines.count - 1].lines.append(number)
        }
        return partLines
    }

    /// Year, phase, short name and unit from the template's fixed sentences.
    mutating func readHeader() {
        let text = source.text
        if let r = text.firstUTF8Range(of: "部门决算"), text[..<r.lowerBound].suffix(8).contains("年") || text.containsUTF8("决算情况说明") {
            report.phase = .final
        } else if text.containsUTF8("预算情况说明") {
            report.phase = .budget
        }
        // The shared reading of entity, year and phase (cover, `第一部分 …概况`, headings);
        // the template's own sentences below are the fallback.
        var identity: DocumentIdentity?
        do { identity = try DocumentIdentity.read(source) } catch { identity = nil }
        if let identity {
            report.year = identity.year
            report.phase = identity.phase
            titleEntity = identity.entity
            report.region = identity.region
            // A caller that knows the document's identity (the tables format) keeps its own.
            if !identityKnown { report.warnings += identity.warnings }
        } else if let year = firstYear(in: text, before: "年度") {
            report.year = year
        }
        // 纳入县委办2020年度部门决算编制范围
        if let r = text.firstUTF8Range(of: "编制范围"), let na = text[..<r.lowerBound].lastIndex(of: "纳") {
            let inner = text[text.index(after: na)..<r.lowerBound].drop { $0 == "入" }
            let name = inner.prefix { NarrativeFigure.digitLike($0) == false }.trimmingCharacters(" \u{3000}")
            // `纳入本部门2018年部门汇总预算编制范围` names no body (本部门 is "this department").
            if !name.isEmpty, name.count <= 20, !NarrativeLabel.ownBodyWords.contains(String(name)) { shortName = String(name) }
        }
        report.shortName = shortName
        if !text.containsUTF8("万元") && text.containsUTF8("元") { report.unit = .yuan }
        if report.year == 0 { warn("missing-year", Message(.narrNoYear)) }
    }

    /// The first `dddd` followed by `marker`.
    func firstYear(in text: String, before marker: String) -> Int? {
        var from = text.startIndex
        while let r = text.firstUTF8Range(of: marker, from: from) {
            let digits = text[..<r.lowerBound].suffix(4)
            if digits.count == 4, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let y = Int(digits), y > 1990, y < 2100 {
                return y
            }
            from = r.upperBound
        }
        return nil
    }

    /// Entity from the project tables' 预算单位, else the short name; every fact gets it.
    mutating func finishEntity() {
        if report.entity.isEmpty, let titleEntity {
            report.entity = titleEntity
        }
        if report.entity.isEmpty {
            if let short = shortName {
                report.entity = short
                warn("missing-entity", Message(.narrShortEntity, "\(short)"))
            } else {
                report.entity = source.path
                warn("missing-entity", Message(.narrNoEntity))
            }
        }
        for i in report.facts.indices { report.facts[i].entity = report.entity }
    }

    // MARK: Building blocks

    mutating func warn(_ code: String, _ message: String, line: Int? = nil, range: Range<Substring.Index>? = nil, severity: Diagnostic.Severity = .warning) {
        var span: SourceSpan?
        if let line { span = range.map { source.span(line: line, range: $0) } ?? source.span(line: line) }
        report.warnings.append(Diagnostic(severity, code: code, message, at: span))
    }

    mutating func warn(_ code: String, _ message: String, at span: SourceSpan, severity: Diagnostic.Severity = .warning) {
        report.warnings.append(Diagnostic(severity, code: code, message, at: span))
    }

    /// A warning from the message catalogue, about `line` (or `range` of the text).
    mutating func warn(_ code: String, _ message: Message, line: Int? = nil, range: Range<Substring.Index>? = nil, severity: Diagnostic.Severity = .warning) {
        warn(code, message.text(.english), line: line, range: range, severity: severity)
        report.warnings[report.warnings.count - 1].text = message
    }

    /// A warning from the message catalogue, at `span`.
    mutating func warn(_ code: String, _ message: Message, at span: SourceSpan, severity: Diagnostic.Severity = .warning) {
        report.warnings.append(Diagnostic(severity, code: code, message, at: span))
    }

    /// Appends a fact and files it under its line and section.
    @discardableResult
    mutating func addFact(_ fact: Fact, section: Int) -> FactIndex {
        report.facts.append(fact)
        factSection.append(section)
        let index = report.facts.count - 1
        factsByLine[fact.span.line, default: []].append(index)
        return index
    }

    /// The value of a fact `delta` ago: `amount − delta`, kept as a derived fact of `year`.
    mutating func addPriorYear(of target: FactIndex, year: Int, delta: Amount, span: SourceSpan) {
        var prior = report.facts[target]
        prior.year = year
        prior.amount = prior.amount - delta
        prior.derived = true
        prior.mentions = [Mention(span: span, amount: prior.amount, reading: .derived)]
        addFact(prior, section: factSection[target])
    }
}

/// A stated change whose fact is found once its whole section has been read.
struct PendingChange {
    var mention: ChangeMention
    /// Where the change is written, and its delta.
    var span: SourceSpan
    var deltaSpan: SourceSpan?
    var section: Int
    /// The facts of the same paragraph that come before the change: a range of the reader's
    /// ``NarrativeReader/placedFacts`` (a copy per change was quadratic in a long paragraph).
    var before: Range<Int>
}

extension NarrativeFigure {
    /// Whether a character is a digit (ASCII or full-width).
    static func digitLike(_ c: Character) -> Bool { c.isNumber && (c.isASCII || ("０"..."９").contains(c)) }
}

extension NarrativeReader {
    /// Records the year a section heading names (`一、2019年度收入支出决算总体情况说明`), for
    /// `check` to hold against the report's year.
    mutating func readHeadingYear(_ title: Substring, line: Int) {
        let compact = title.removingWhiteSpaceCharacters
        guard let r = NarrativeLabel.yearMark(in: compact), let year = Int(compact[r].prefix(4)) else { return }
        report.yearMentions.append(YearMention(year: year, text: compact, span: source.span(line: line)))
    }
}
