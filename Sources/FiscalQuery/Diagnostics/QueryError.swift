/// A query that cannot run: what was expected and found, at a span of the query text.
public struct QueryError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The offending range of the query text, in characters (`nil` for the whole query).
    public var span: Range<Int>?
    /// Lowercase; says what was expected and what was found.
    public var message: String
    /// A suggestion ("did you mean `year`?").
    public var hint: String?

    public init(_ message: String, at span: Range<Int>? = nil, hint: String? = nil) {
        self.message = message
        self.span = span
        self.hint = hint
    }

    public var description: String { message + (hint.map { "; \($0)" } ?? "") }
}
