import FiscalModel

/// An error in a query: what was expected, what was found, where, and a hint.
public struct QueryError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The offending range of the query text, in characters (`nil` for the whole query).
    public var span: Range<Int>?
    /// Lowercase; says what was expected and what was found (English).
    public var message: String
    /// A suggestion ("did you mean `year`?") (English).
    public var hint: String?
    /// The message as a catalogue entry, written in the reader's language by the error
    /// renderer; `nil` for errors not yet in the catalogue (their English ``message`` is shown).
    public var text: Message?
    /// The hint as a catalogue entry.
    public var hintText: Message?

    public init(_ message: String, at span: Range<Int>? = nil, hint: String? = nil) {
        self.message = message
        self.span = span
        self.hint = hint
    }

    /// An error from the message catalogue.
    public init(_ text: Message, at span: Range<Int>? = nil, hint: Message? = nil) {
        self.init(text.text(.english), at: span, hint: hint?.text(.english))
        self.text = text
        self.hintText = hint
    }

    /// The message in `language`.
    public func message(in language: Language) -> String { text?.text(language) ?? message }

    /// The hint in `language`.
    public func hint(in language: Language) -> String? { hintText?.text(language) ?? hint }

    public var description: String { message + (hint.map { "; \($0)" } ?? "") }
}
