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
        var out = Message(.errorPrefix, error.message(in: language)).text(language) + "\n"
        let hint = error.hint(in: language)
        if let origin { out += "  --> \(origin)\n" }
        let lines = query.split(separator: "\n", omittingEmptySubsequences: false)
        // Find the line and column of the span's start (spans are in characters of the query).
        var offset = 0
        var located = false
        for line in lines {
            let count = line.count
            if let span = error.span, !located, span.lowerBound <= offset + count {
                located = true
                out += "   | \(line)\n"
                let startCol = span.lowerBound - offset
                let prefix = String(line.prefix(max(0, startCol)))
                let length = max(1, min(span.count, count - startCol))
                let underlined = String(line.dropFirst(max(0, startCol)).prefix(length))
                let caretWidth = max(1, DisplayWidth.of(underlined))
                out += "   | " + String(repeating: " ", count: DisplayWidth.of(prefix))
                    + String(repeating: "^", count: caretWidth)
                out += hint.map { " \($0)" } ?? ""
                out += "\n"
            } else if error.span == nil && !located {
                located = true
                out += "   | \(line)\n"
                if let hint { out += "   = \(hint)\n" }
            }
            offset += count + 1
        }
        if !located, let hint { out += "   = \(hint)\n" }
        return out
    }

    /// A meta-command error: the message, where it came from, and the hint.
    public static func render(_ error: MetaCommandError, origin: String?, language: Language = .english) -> String {
        var out = Message(.errorPrefix, error.text).text(language) + "\n"
        if let origin { out += "  --> \(origin)\n" }
        if let hint = error.hintText { out += "   = \(hint.text(language))\n" }
        return out
    }

    /// A load error: one line per problem, each naming the file and line.
    public static func render(_ error: LoadError, language: Language = .english) -> String {
        error.description.split(separator: "\n").map { Message(.errorPrefix, $0).text(language) + "\n" }.joined()
    }

    /// A plain error line: `error: …`.
    public static func render(_ message: Message, language: Language) -> String {
        Message(.errorPrefix, message).text(language) + "\n"
    }
}
