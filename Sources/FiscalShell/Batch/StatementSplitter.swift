/// One statement of a script: a query (possibly over several lines) or a meta-command,
/// with the line it starts on.
public struct ScriptStatement: Sendable, Hashable {
    public var text: String
    /// The 1-based line of the script the statement starts on.
    public var line: Int
    /// The comment lines since the previous statement, without `#`/`--`: documents
    /// (`-o markdown`, `-o html`) keep them as prose before the statement's result.
    public var comments: [String] = []
}

/// Splits script text into statements.
///
/// - Blank lines and comments (`#` or `--` at the start of a line) are skipped.
/// - A line ending in `|`, or with an open parenthesis, bracket or quote, continues on the
///   next line; so does a line whose successor starts with `|`.
public enum StatementSplitter {
    public static func split(_ script: String) -> [ScriptStatement] {
        let lines = script.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
        var statements: [ScriptStatement] = []
        var current: [String] = []
        var start = 0
        var comments: [String] = []
        var pendingComments: [String] = []
        func flush() {
            if !current.isEmpty {
                statements.append(ScriptStatement(text: current.joined(separator: "\n"), line: start, comments: comments))
                current = []
                comments = []
            }
        }
        for (i, raw) in lines.enumerated() {
            let line = raw.trimmedWhitespace
            if isComment(line), current.isEmpty || !needsContinuation(current.joined(separator: "\n")) {
                pendingComments.append(commentText(line))
            }
            if line.isEmpty || isComment(line) {
                if current.isEmpty || !needsContinuation(current.joined(separator: "\n")) { flush() }
                continue
            }
            if !current.isEmpty && !needsContinuation(current.joined(separator: "\n")) && !line.hasPrefix("|") {
                flush()
            }
            if current.isEmpty {
                start = i + 1
                comments = pendingComments
                pendingComments = []
            }
            current.append(raw)
        }
        flush()
        return statements
    }

    /// A comment's text without its marker (`-- Step 1.` → `Step 1.`).
    static func commentText(_ line: String) -> String {
        let body = line.hasPrefix("--") ? line.dropFirst(2) : line.dropFirst()
        return String(body).trimmedWhitespace
    }

    /// Whether a line is a comment.
    public static func isComment(_ line: String) -> Bool {
        line.hasPrefix("#") || line.hasPrefix("--")
    }

    /// Whether `text` cannot end here: a trailing `|`, or an unclosed `(`, `[` or quote.
    public static func needsContinuation(_ text: String) -> Bool {
        let trimmed = text.trimmedWhitespace
        if trimmed.hasPrefix(":") { return false }
        if trimmed.hasSuffix("|") { return true }
        var depth = 0
        var quote: Character?
        var escaped = false
        for c in trimmed {
            if let q = quote {
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == q { quote = nil }
                continue
            }
            switch c {
            case "\"", "'", "“": quote = c == "“" ? "”" : c
            case "(", "[": depth += 1
            case ")", "]": depth -= 1
            default: break
            }
        }
        return depth > 0 || quote != nil
    }
}

extension String {
    var trimmedWhitespace: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
