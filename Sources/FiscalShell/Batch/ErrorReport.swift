import FiscalFormat
import FiscalModel
import FiscalQuery

/// Turns errors into the text users read: where (file:line), what was expected, what was
/// found, and a caret under the offending part of the query. The words around the message
/// (`error:`, `-->`) come from the catalogue in the reader's language.
public enum ErrorReport {
    /// A query error with the query shown and a caret line under `error.span`.
    /// `origin` names where the query came from (`script.fql:3`, `-e #1`).
    public static func render(_ error: QueryError, query: String, origin: String?, language: Language = .english) -> String {
        var out = TerminalText.escaped(Message(.errorPrefix, error.message(in: language)).text(language)) + "\n"
        let hint = error.hint(in: language)
        let lines = query.split(separator: "\n", omittingEmptySubsequences: false)
        if let origin { out += "  --> \(TerminalText.escaped(place(origin, spanLine: spanLine(error.span, lines))))\n" }
        // Find the line and column of the span's start (spans are in characters of the query).
        var offset = 0
        var located = false
        for line in lines {
            let count = line.count
            if let span = error.span, !located, span.lowerBound <= offset + count {
                located = true
                // A long line is shown as a window around the span, at most 100 characters.
                var startCol = max(0, span.lowerBound - offset)
                var shown = Substring(line)
                var lead = "", tail = ""
                if count > 100 {
                    let from = max(0, min(startCol - 30, count - 100))
                    shown = line.dropFirst(from).prefix(100)
                    lead = from > 0 ? "…" : ""
                    tail = from + 100 < count ? "…" : ""
                    startCol -= from
                }
                out += "   | \(lead)\(TerminalText.escaped(String(shown)))\(tail)\n"
                let prefix = lead + TerminalText.escaped(String(shown.prefix(startCol)))
                let length = max(1, min(span.count, shown.count - startCol))
                let underlined = TerminalText.escaped(String(shown.dropFirst(startCol).prefix(length)))
                let caretWidth = max(1, DisplayWidth.of(underlined))
                out += "   | " + String(repeating: " ", count: DisplayWidth.of(prefix))
                    + String(repeating: "^", count: caretWidth)
                out += hint.map { " \(TerminalText.escaped($0))" } ?? ""
                out += "\n"
            } else if error.span == nil && !located {
                located = true
                out += "   | \(TerminalText.escaped(String(line.prefix(100))))\(count > 100 ? "…" : "")\n"
                if let hint { out += "   = \(TerminalText.escaped(hint))\n" }
            }
            offset += count + 1
        }
        if !located, let hint { out += "   = \(TerminalText.escaped(hint))\n" }
        return out
    }

    /// The line of the query (0-based) that `span` starts on.
    static func spanLine(_ span: QuerySpan?, _ lines: [Substring]) -> Int {
        guard let span else { return 0 }
        var offset = 0
        for (i, line) in lines.enumerated() {
            if span.lowerBound <= offset + line.count { return i }
            offset += line.count + 1
        }
        return max(0, lines.count - 1)
    }

    /// `script.fql:2` for a statement starting on line 2 whose error is on its third line:
    /// `script.fql:4`. Other origins (`-e #2`) are kept.
    static func place(_ origin: String, spanLine: Int) -> String {
        guard spanLine > 0, let colon = origin.lastIndex(of: ":"), let first = Int(origin[origin.index(after: colon)...]) else {
            return origin
        }
        return origin[..<colon] + ":\(first + spanLine)"
    }

    /// A meta-command error: the message, where it came from, and the hint.
    public static func render(_ error: MetaCommandError, origin: String?, language: Language = .english) -> String {
        var out = TerminalText.escaped(Message(.errorPrefix, error.text).text(language)) + "\n"
        if let origin { out += "  --> \(TerminalText.escaped(origin))\n" }
        if let hint = error.hintText { out += "   = \(TerminalText.escaped(hint.text(language)))\n" }
        return out
    }

    /// A load error: one line per problem, each naming the file and line.
    public static func render(_ error: LoadError, language: Language = .english) -> String {
        error.text(language).split(separator: "\n").map { TerminalText.escaped(Message(.errorPrefix, $0).text(language)) + "\n" }.joined()
    }

    /// A plain error line: `error: …`.
    public static func render(_ message: Message, language: Language) -> String {
        Message(.errorPrefix, message).text(language) + "\n"
    }
}
