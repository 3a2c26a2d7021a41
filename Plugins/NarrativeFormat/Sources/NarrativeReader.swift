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
    var sectionCounter = 0
    var shortName: String?

    init(source: SourceText) {
        self.source = source
        self.report = Report(entity: "", year: 0, phase: .final, unit: .wanYuan, source: source.path, format: "narrative")
    }

    mutating func read() -> Report {
        readHeader()
        var part: TemplatePart?
        var partLines: [(TemplatePart?, [Int])] = [(nil, [])]
        for number in 1...max(source.lines.count, 1) {
            guard let line = source.line(number) else { break }
            if let p = TemplatePart(heading: line) {
                part = p
                partLines.append((p, []))
                continue
            }
            partLines[partLines.count - 1].1.append(number)
        }
        let sawExplanation = partLines.contains { $0.0 == .explanation }
        if !sawExplanation {
            warn("missing-part", "expected the heading 第二部分 …情况说明, found none; reading every line as sections 一 to 十")
        }
        for (p, lines) in partLines {
            switch p {
            case .explanation: readExplanation(lines)
            case .glossary: readGlossary(lines)
            case .attachments: readAttachments(lines)
            case nil where !sawExplanation: readExplanation(lines)
            case .overview, .tables, nil: break
            }
        }
        _ = part
        resolvePendingChanges()
        finishEntity()
        return report
    }

    /// Year, phase, short name and unit from the template's fixed sentences.
    mutating func readHeader() {
        let text = source.text
        if let r = text.firstRange(of: "部门决算"), text[..<r.lowerBound].suffix(8).contains("年") || text.contains("决算情况说明") {
            report.phase = .final
        } else if text.contains("预算情况说明") {
            report.phase = .budget
        }
        if let year = firstYear(in: text, before: "年度") { report.year = year }
        // 纳入县委办2020年度部门决算编制范围
        if let r = text.firstRange(of: "编制范围"), let na = text[..<r.lowerBound].lastIndex(of: "纳") {
            let inner = text[text.index(after: na)..<r.lowerBound].drop { $0 == "入" }
            let name = inner.prefix { NarrativeFigure.digitLike($0) == false }
            if !name.isEmpty, name.count <= 20 { shortName = String(name) }
        }
        report.shortName = shortName
        if !text.contains("万元") && text.contains("元") { report.unit = .yuan }
        if report.year == 0 { warn("missing-year", "expected a year written as `2020年度`, found none") }
    }

    /// The first `dddd` followed by `marker`.
    func firstYear(in text: String, before marker: String) -> Int? {
        var from = text.startIndex
        while let r = text[from...].firstRange(of: marker) {
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
        if report.entity.isEmpty {
            if let short = shortName {
                report.entity = short
                warn("missing-entity", "expected the full name of the 预算单位 in a project table, found none; using the short name \(short)")
            } else {
                report.entity = source.path
                warn("missing-entity", "expected the name of the 预算单位, found none; using the file name")
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
    var line: Int
    var section: Int
    /// The facts of the same line that come before the change.
    var before: [FactIndex]
}

extension NarrativeFigure {
    /// Whether a character is a digit (ASCII or full-width).
    static func digitLike(_ c: Character) -> Bool { c.isNumber && (c.isASCII || ("０"..."９").contains(c)) }
}
