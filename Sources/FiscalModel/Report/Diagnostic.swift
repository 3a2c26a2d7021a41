/// Something a reader noticed about its input: a figure it could not place, a line it
/// skipped, a guess it had to make. Never silent, always with the place.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Comparable, CaseIterable {
        case note, warning, error
        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    public var severity: Severity
    /// A stable identifier of the kind of finding (e.g. `unplaced-figure`).
    public var code: String
    /// Lowercase, says what was expected and what was found (English).
    public var message: String
    public var span: SourceSpan?
    /// The message as a catalogue entry, written in the reader's language where it is shown;
    /// `nil` for a message that is not in the catalogue (an external plugin's), shown as it is.
    public var text: Message? {
        get { translation.message }
        set { translation.message = newValue }
    }
    private var translation = Translation()

    public init(_ severity: Severity, code: String, _ message: String, at span: SourceSpan? = nil) {
        self.severity = severity
        self.code = code
        self.message = message
        self.span = span
    }

    /// A diagnostic whose message comes from the catalogue.
    public init(_ severity: Severity, code: String, _ text: Message, at span: SourceSpan? = nil) {
        self.init(severity, code: code, text.text(.english), at: span)
        self.text = text
    }

    /// The message in `language`.
    public func message(in language: Language) -> String { text?.text(language) ?? message }

    /// `file:line:column: warning: message`
    public var description: String { text(.english) }

    /// `file:line:column: warning: message` in `language` (`…: 警告：…`).
    public func text(_ language: Language) -> String {
        let place = span.map { "\($0): " } ?? ""
        let key: MessageKey = switch severity {
        case .note: .notePrefix
        case .warning: .warningPrefix
        case .error: .errorPrefix
        }
        return place + Message(key, message(in: language)).text(language)
    }
}

/// A catalogue message kept beside an English text (``Diagnostic/message``) that says the same:
/// it takes no part in equality or hashing, so values compare by their English text whether
/// or not they were built from the catalogue (tests, the JSON model, the plugin protocol).
public struct Translation: Sendable, Hashable {
    public var message: Message?

    public init(_ message: Message? = nil) {
        self.message = message
    }

    public static func == (lhs: Translation, rhs: Translation) -> Bool { true }
    public func hash(into hasher: inout Hasher) {}
}
