import FiscalCheck
import FiscalFormat
import FiscalModel

/// `check`, `source` and `explain`: reading a report critically. The shell's meta-command
/// table and `fiscal check` call these; they return tables or text, never print.
public enum CheckCommand {
    /// `check`: the findings of every rule on every loaded report.
    public static func table(_ session: Session) -> ResultTable {
        Checker.run(session.checkedReports, language: session.options.language)
    }

    /// `fiscal check FILE…`: loads, checks, prints the findings. Returns 0 when no error
    /// was found, 1 when one was, 3 when a file could not be read.
    public static func run(paths: [String], output: OutputMode?, format: String?, pluginDirectories: [String] = [],
                           language: Language? = nil, environment: [String: String], console: Console = .standard) -> Int32 {
        var options = RenderOptions(mode: output ?? .table, language: language ?? .from(environment: environment))
        if output == nil, Terminal.isTerminal(1) { options.maxWidth = Terminal.width(environment: environment) }
        options.color = output == nil && Terminal.colorAllowed(environment: environment)
        let session = FormatSetup.session(
            pluginDirectories: pluginDirectories, environment: environment, options: options, console: console)
        session.forcedFormat = format
        guard session.loadReporting(paths, to: console) else { return ExitStatus.unreadableInput }
        let result = table(session)
        let runner = StatementRunner(session: session, console: console)
        runner.show(result)
        runner.finish()
        return Checker.hasErrors(result) ? ExitStatus.queryFailed : ExitStatus.success
    }

    /// `source 546.41` / `source 基本支出`: each place the figure or item is written, with
    /// the source line and the figure highlighted.
    public static func source(_ query: String, session: Session, cache: SourceCache = SourceCache()) -> String {
        let hits = Provenance.lookup(query, in: session.reports)
        if hits.isEmpty { return TerminalText.escaped(Message(.noFigureMatches, query).text(session.options.language)) + "\n" }
        let loaded = Set(session.reports.map(\.source))
        return hits.map { render($0, color: session.options.color, language: session.options.language, cache: cache, loaded: loaded) }.joined()
    }

    /// `source row N` (1-based) of `table`: the facts the row was computed from.
    public static func source(row: Int, of table: ResultTable, session: Session, cache: SourceCache = SourceCache()) -> String {
        guard let spans = Provenance.sources(ofRow: row - 1, in: table) else {
            return Message(.noSuchRow, row, table.rows.count).text(session.options.language) + "\n"
        }
        if spans.isEmpty { return Message(.rowHasNoSource, row).text(session.options.language) + "\n" }
        let hits = Provenance.facts(at: spans, in: session.reports)
        let found = Set(hits.map(\.span))
        // Spans of claims (a stated percentage) have no fact: show the line anyway.
        let others = spans.filter { !found.contains($0) }.map {
            ProvenanceHit(kind: .claim, report: "", label: "", amount: .zero, unit: "", derived: false, span: $0)
        }
        let loaded = Set(session.reports.map(\.source))
        return (hits + others).sorted { $0.span < $1.span }.map { render($0, color: session.options.color, language: session.options.language, cache: cache, loaded: loaded) }.joined()
    }

    /// `explain TERM`: the reports' own 名词解释 entries, else (or where a report's entry is cut
    /// off) the bundled definition with its citation; close terms when nothing matches by name.
    public static func explain(_ term: String, session: Session) -> String {
        let answer = Glossary.answer(term, in: session.reports)
        let language = session.options.language
        if answer.entries.isEmpty { return TerminalText.escaped(Message(.noExplanation, term).text(language)) + "\n" }
        var out = answer.approximate ? TerminalText.escaped(Message(.explainClosest, term).text(language)) + "\n" : ""
        out += answer.entries.map { e in
            let origin = e.report.map { "\($0), \(e.origin)" } ?? Message(.fiscalGlossaryFrom, e.origin).text(language)
            var text = "\(TerminalText.escaped(e.term)) (\(TerminalText.escaped(origin)))\n  \(TerminalText.escaped(e.text))\n"
            if e.truncated {
                let place = e.span.map { "\($0.file):\($0.line)" } ?? ""
                text += "  " + TerminalText.escaped(Message(.explainTruncated, String(e.text.suffix(8)), place).text(language)) + "\n"
            }
            return text
        }.joined()
        if !answer.related.isEmpty {
            out += Message(.seeAlso, answer.related.prefix(8).joinedAsList(in: language)).text(language) + "\n"
        }
        return out
    }

    /// One hit: its place and label, then the source line with the figure marked.
    /// Only files that were loaded are opened (`loaded`: their paths): a span read from a file
    /// may name any path, and `source` must not show `/etc/passwd` or read `/dev/zero`.
    static func render(_ hit: ProvenanceHit, color: Bool, language: Language, cache: SourceCache, loaded: Set<String>) -> String {
        let s = hit.span
        var out = TerminalText.escaped("\(s.file):\(s.line):\(s.startColumn)")
        if !hit.label.isEmpty {
            out += TerminalText.escaped(": \(hit.label) \(hit.amount)\(hit.unit)" + (hit.derived ? " " + Message(.derivedMark).text(language) : "") + (hit.report.isEmpty ? "" : " [\(hit.report)]"))
        }
        out += "\n"
        guard loaded.contains(s.file) else { return out + "   | (source not shown: \(TerminalText.escaped(s.file)) is not a loaded file)\n" }
        guard let line = cache.line(s.line, of: s.file) else { return out + "   | " + Message(.sourceNotAvailable).text(language) + "\n" }
        return out + "   | " + highlight(String(line), from: s.startColumn, to: s.endColumn, color: color) + "\n"
    }

    /// `line` with characters `[from, to)` (1-based) in bold reverse video, or in `[[…]]`.
    static func highlight(_ line: String, from: Int, to: Int, color: Bool) -> String {
        let chars = Array(line)
        let a = min(max(from - 1, 0), chars.count), b = min(max(to - 1, a), chars.count)
        let safe = { (part: ArraySlice<Character>) in TerminalText.escaped(String(part)) }
        guard b > a else { return safe(chars[...]) }
        let (open, close) = color ? ("\u{1B}[1;7m", "\u{1B}[0m") : ("[[", "]]")
        return safe(chars[..<a]) + open + safe(chars[a..<b]) + close + safe(chars[b...])
    }
}

/// Source files read once per session for `source`.
public final class SourceCache: @unchecked Sendable {
    private var texts: [String: SourceText?] = [:]
    /// The largest file `source` reads lines from.
    public static let maximumFileSize = 64 << 20

    /// Where texts come from before the file system: the open stores, which hold each source as
    /// it was read (the file may have moved or changed since).
    public var providers: [@Sendable (String) -> SourceText?] = []

    public init() {}

    /// Line `number` of `path`, or `nil` when the file cannot be read or is shorter.
    public func line(_ number: Int, of path: String) -> Substring? {
        if texts[path] == nil, let stored = providers.lazy.compactMap({ $0(path) }).first {
            texts[path] = .some(stored)
        }
        if texts[path] == nil {
            let bytes = try? FileSystem.read(path, limit: SourceCache.maximumFileSize)
            texts[path] = .some(bytes.flatMap { SourceText(bytes: $0, path: path) })
        }
        return texts[path]!?.line(number)
    }
}
