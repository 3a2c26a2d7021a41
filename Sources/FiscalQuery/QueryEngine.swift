import FiscalModel

/// Runs query text against a context.
///
/// Until the query language lands this knows the two sources `facts` and `warnings`.
public enum QueryEngine {
    /// Runs `text` and returns its result table; `let` statements update `context`.
    public static func run(_ text: String, in context: inout QueryContext) throws(QueryError) -> ResultTable {
        let trimmed = text.trimmingCharacters(in: " \t\n")
        switch trimmed {
        case "facts": return FactTable.make(context.reports)
        case "warnings": return WarningTable.make(context.reports)
        default:
            let word = trimmed.prefix { !$0.isWhitespace }
            throw QueryError("unknown source `\(word)`; expected `facts` or `warnings`", at: 0..<word.count)
        }
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        let chars = Set(set)
        var s = Substring(self)
        while let f = s.first, chars.contains(f) { s.removeFirst() }
        while let l = s.last, chars.contains(l) { s.removeLast() }
        return String(s)
    }
}
