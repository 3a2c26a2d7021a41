/// Where in a source file a value was written: the file, the 1-based line, and the
/// 1-based column range `[startColumn, endColumn)` counted in characters of that line.
///
/// Every ``Fact`` and ``Claim`` carries one, so fiscal can show the sentence a number
/// came from.
public struct SourceSpan: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var startColumn: Int
    public var endColumn: Int

    public init(file: String, line: Int, startColumn: Int = 1, endColumn: Int = 1) {
        self.file = file
        self.line = line
        self.startColumn = startColumn
        self.endColumn = max(endColumn, startColumn)
    }

    /// `file:line:column`, as compilers print positions.
    public var description: String { "\(file):\(line):\(startColumn)" }

    public static func < (lhs: SourceSpan, rhs: SourceSpan) -> Bool {
        (lhs.file, lhs.line, lhs.startColumn, lhs.endColumn) < (rhs.file, rhs.line, rhs.startColumn, rhs.endColumn)
    }
}
