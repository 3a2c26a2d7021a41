import FiscalCheck
import FiscalModel
import FiscalQuery

/// A lesson as a class reads it: each step's comment and statement, and what it produced —
/// result table, chart, the report's sentences behind the numbers, `check` findings explained,
/// glossary entries. ``HandoutHTML`` turns it into one self-contained page.
public struct Handout: Sendable {
    public var title: String
    /// The script's opening comment.
    public var introduction: [String]
    public var steps: [Step]
    /// Every glossary entry the lesson explains or whose term its results show.
    public var glossary: [Explanation]
    /// The reports loaded when the lesson ended.
    public var reports: [String]
    /// The language of the page's own words: Chinese and English side by side for
    /// ``Language/english`` (a class reads both), Chinese alone for ``Language/chinese``.
    public var language: Language = .english

    /// One statement of the lesson.
    public struct Step: Sendable {
        public var comment: [String]
        public var statement: String
        /// The script line it starts on (0 for a session's replay).
        public var line: Int
        public var blocks: [Block]
    }

    /// What a step produced.
    public enum Block: Sendable {
        case table(ResultTable, shownRows: Int)
        case chart(Chart)
        /// Text a command printed (`:load`, `:reports` …).
        case text(String)
        case sources([SourceExcerpt])
        case findings([FindingExplanation])
        case glossary([Explanation])
        case error(String)
        case notes([String])
    }
}

/// A line of a report with the figures a result came from marked.
public struct SourceExcerpt: Sendable, Hashable {
    public var file: String
    public var line: Int
    /// The text, cut to the neighbourhood of the marks.
    public var text: String
    /// Marked character ranges of `text`.
    public var marks: [Range<Int>]
}

/// A `check` finding in words a student follows.
public struct FindingExplanation: Sendable, Hashable {
    public var severity: String
    public var rule: String
    public var subject: String
    public var lines: String
    /// What the rule found, in Chinese and English.
    public var explanation: String
}

/// Runs a lesson (a script, or a session's statements again) and collects a ``Handout``.
public struct HandoutBuilder {
    public let session: Session
    /// How many rows of a result the page shows (all rows stay in `:save` and `-o csv`).
    public var maxRows = 40
    /// How many source lines a step shows.
    public var maxSourceLines = 8

    public init(session: Session) {
        self.session = session
    }

    /// Runs every statement of `script` in order; a statement that fails is shown with its
    /// error and the lesson goes on (a handout of a broken step is still worth reading).
    /// Returns the handout and whether every statement succeeded.
    public func run(script: String, name: String) -> (handout: Handout, succeeded: Bool) {
        let lines = script.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let statements = StatementSplitter.split(script)
        var introduction: [String] = []
        var steps: [Handout.Step] = []
        var ok = true
        var previousEnd = 0
        for (i, statement) in statements.enumerated() {
            let before = Array(lines[previousEnd..<max(previousEnd, statement.line - 1)]).map { $0.trimmedWhitespace }
            func comments(_ part: ArraySlice<String>) -> [String] {
                part.filter { StatementSplitter.isComment($0) }.map(HandoutBuilder.uncomment)
            }
            var comment = comments(before[...])
            previousEnd = statement.line - 1 + statement.text.split(separator: "\n", omittingEmptySubsequences: false).count
            if i == 0 {
                // The script's opening comment is the introduction; a comment after a blank line
                // belongs to the first step.
                let split = before.lastIndex(where: \.isEmpty)
                    .flatMap { blank in before[..<blank].contains { StatementSplitter.isComment($0) } ? blank : nil } ?? before.count
                introduction = comments(before[..<split]).filter { !$0.lowercased().hasPrefix("run:") && !$0.lowercased().hasPrefix("handout:") }
                comment = comments(before[split...])
            }
            let (blocks, succeeded) = execute(statement.text)
            ok = ok && succeeded
            steps.append(Handout.Step(comment: comment, statement: statement.text, line: statement.line, blocks: blocks))
        }
        let title = introduction.first ?? name
        var handout = Handout(title: title, introduction: Array(introduction.dropFirst()), steps: steps,
                              glossary: glossary(for: steps), reports: session.reports.map { "\($0.displayName) \($0.year) \($0.phase.rawValue) (\($0.source))" })
        handout.language = session.options.language
        return (handout, ok)
    }

    static func uncomment(_ line: String) -> String {
        var s = Substring(line)
        if s.hasPrefix("--") { s = s.dropFirst(2) } else if s.hasPrefix("#") { s = s.dropFirst() }
        return String(s).trimmedWhitespace
    }

    /// Runs one statement and turns what it produced into blocks.
    func execute(_ statement: String) -> (blocks: [Handout.Block], succeeded: Bool) {
        let text = statement.trimmedWhitespace
        let first = String(text.prefix { !$0.isWhitespace })
        let rest = String(text.dropFirst(first.count)).trimmedWhitespace
        let language = session.options.language
        if (first == "explain" || first == ":explain") && !session.looksLikeQuery(rest) {
            let answer = Glossary.answer(rest, in: session.reports)
            if answer.entries.isEmpty { return ([.error(Message(.handoutNoExplanation, rest).text(language))], false) }
            return ([.glossary(answer.entries)], true)
        }
        switch first {
        case ":reports":
            return ([.table(ReportsTable.make(session.reports), shownRows: session.reports.count)], true)
        case ":check", "check" where rest.isEmpty:
            let table = CheckCommand.table(session)
            return ([.table(table, shownRows: min(table.rows.count, maxRows))] + (FindingText.explain(table, language: language).map { [.findings($0)] } ?? []), true)
        case "source", ":source":
            let hits = Provenance.lookup(rest, in: session.reports)
            if hits.isEmpty { return ([.text(Message(.noFigureMatches, rest).text(language))], true) }
            return ([.sources(excerpts(hits.map(\.span)))], true)
        case "figures", ":figures":
            var blocks: [Handout.Block] = []
            for (report, figures) in Figures.make(session: session) {
                // Each report's figures under its name; the ones it cannot draw together, with why.
                blocks.append(.text("── \(report.displayName) \(report.year) \(report.phase.rawValue)"))
                var undrawn: [String] = []
                for f in figures {
                    switch f.chart {
                    case .success(let chart): blocks.append(.chart(chart))
                    case .failure(let error): undrawn.append(Message(.handoutNotDrawn, f.title, error.message).text(language))
                    }
                }
                if !undrawn.isEmpty { blocks.append(.notes(undrawn)) }
            }
            return (blocks, true)
        default:
            break
        }
        if first == "explain" || first == ":explain" {
            do {
                let table = try session.explain(rest)
                return ([.table(table, shownRows: table.rows.count)] + (table.notes.isEmpty ? [] : [.notes(table.notes)]), true)
            } catch {
                return ([.error(ErrorReport.render(error, query: rest, origin: nil, language: language))], false)
            }
        }
        if text.hasPrefix(":") {
            // Other commands: what they print, as text.
            let out = Collector()
            let runner = StatementRunner(session: session, console: Console(out: out.append, err: out.append))
            let outcome = runner.execute(statement, origin: nil)
            return ([.text(out.text)], outcome != .failed)
        }
        do {
            let result = try session.query(statement)
            let chart = chart(of: result, statement: statement)
            // A query drawn with `chart` shows the figures drawn, not every column of its rows.
            let shown = session.lastChart != nil ? (chart?.table ?? result) : result
            var blocks: [Handout.Block] = [.table(shown, shownRows: min(shown.rows.count, maxRows))]
            if !result.notes.isEmpty { blocks.append(.notes(result.notes)) }
            if let chart { blocks.append(.chart(chart)) }
            if result.columnIndex("rule") != nil, let findings = FindingText.explain(result, all: CheckCommand.table(session), language: language) {
                blocks.append(.findings(findings))
            } else {
                let spans = (0..<min(result.rows.count, maxRows)).flatMap { result.sources(ofRow: $0).prefix(maxSourceLines) }
                let lines = excerpts(spans)
                if !lines.isEmpty { blocks.append(.sources(lines)) }
            }
            return (blocks, true)
        } catch {
            return ([.error(ErrorReport.render(error, query: statement, origin: nil, language: language))], false)
        }
    }

    /// The chart a step shows: its `chart` stage, else bars when the result is a short list of
    /// amounts with labels (not findings, not a listing of reports).
    func chart(of result: ResultTable, statement: String) -> Chart? {
        let spec = session.lastChart
        if spec == nil {
            guard (2...25).contains(result.rows.count), result.columnIndex("rule") == nil,
                  result.columns.contains(where: { $0.type == .amount }) else { return nil }
        }
        guard case .success(let chart) = ChartOutput.chart(result, session: session, spec: spec, query: statement),
              chart.categories.count >= 1 else { return nil }
        return chart
    }

    /// The report lines behind `spans`, each once, with every figure on it marked.
    func excerpts(_ spans: [SourceSpan]) -> [SourceExcerpt] {
        var order: [String] = []
        var marks: [String: [Range<Int>]] = [:]
        var place: [String: (String, Int)] = [:]
        for s in spans {
            let key = "\(s.file):\(s.line)"
            if marks[key] == nil {
                order.append(key)
                place[key] = (s.file, s.line)
            }
            marks[key, default: []].append((s.startColumn - 1)..<max(s.startColumn, s.endColumn - 1))
        }
        return order.prefix(maxSourceLines).compactMap { key in
            let (file, line) = place[key]!
            guard let text = session.sourceCache.line(line, of: file) else { return nil }
            return SourceExcerpt.cut(String(text), file: file, line: line, marks: marks[key]!)
        }
    }

    /// Glossary entries for the terms the lesson explains, and for those its tables show.
    func glossary(for steps: [Handout.Step]) -> [Explanation] {
        var entries: [Explanation] = []
        var seen = Set<String>()
        func add(_ e: Explanation) {
            if seen.insert(Label.normalize(e.term) + "|" + e.origin).inserted { entries.append(e) }
        }
        var cells = Set<String>()
        for step in steps {
            for block in step.blocks {
                switch block {
                case .glossary(let es): es.forEach(add)
                case .table(let t, _):
                    for row in t.rows { for case .text(let s) in row { cells.insert(Label.normalize(s)) } }
                case .chart(let c): c.categories.forEach { cells.insert(Label.normalize($0.trimmedWhitespace)) }
                default: break
                }
            }
        }
        for term in Glossary.standard where term.term.count >= 4 {
            let names = ([term.term] + term.aliases).map(Label.normalize)
            guard cells.contains(where: { cell in names.contains { cell == $0 || (cell.count <= 24 && cell.hasSuffix($0)) } }) else { continue }
            Glossary.answer(term.term, in: session.reports).entries.filter { !$0.text.isEmpty }.prefix(2).forEach(add)
        }
        return entries
    }
}

extension SourceExcerpt {
    /// `text` cut to about 60 characters either side of its marks, with `…` where cut.
    static func cut(_ text: String, file: String, line: Int, marks: [Range<Int>], radius: Int = 60) -> SourceExcerpt {
        let chars = Array(text)
        let lo = max(0, (marks.map(\.lowerBound).min() ?? 0) - radius)
        let hi = min(chars.count, (marks.map(\.upperBound).max() ?? chars.count) + radius)
        let prefix = lo > 0 ? "…" : ""
        let shift = prefix.count - lo
        let body = prefix + String(chars[lo..<hi]) + (hi < chars.count ? "…" : "")
        let shifted = marks.map { ($0.lowerBound + shift)..<($0.upperBound + shift) }
            .filter { $0.lowerBound >= 0 && $0.upperBound <= body.count && !$0.isEmpty }
            .sorted { $0.lowerBound < $1.lowerBound }
        var merged: [Range<Int>] = []
        for m in shifted {
            if let last = merged.last, m.lowerBound < last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, m.upperBound)
            } else {
                merged.append(m)
            }
        }
        return SourceExcerpt(file: file, line: line, text: body, marks: merged)
    }
}

/// Collects what a command prints, for a handout.
final class Collector: @unchecked Sendable {
    private(set) var text = ""
    func append(_ s: String) { text += s }
}
