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
    /// Lowercase, says what was expected and what was found.
    public var message: String
    public var span: SourceSpan?

    public init(_ severity: Severity, code: String, _ message: String, at span: SourceSpan? = nil) {
        self.severity = severity
        self.code = code
        self.message = message
        self.span = span
    }

    /// `file:line:column: warning: message`
    public var description: String {
        let place = span.map { "\($0): " } ?? ""
        return "\(place)\(severity.rawValue): \(message)"
    }
}
