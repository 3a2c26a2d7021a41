import FiscalModel

/// One part of an output document (`-o markdown`, `-o html`): what a statement produced.
public enum DocumentPart: Sendable {
    /// Script comments before a statement, as prose.
    case prose([String])
    /// The statement itself (`--echo`).
    case statement(String)
    /// A result table and its notes (already in the reader's language).
    case table(ResultTable, notes: [String])
    /// Text a command wrote (`source`, `explain`, `:help`), kept as it is.
    case text(String)
    /// A chart (`… | chart`): an SVG element for HTML, its text drawing for Markdown.
    case chart(svg: String, text: String, notes: [String])
}

/// Collects an output document's parts: Markdown is written as it comes, one blank line
/// between blocks; HTML is held until the end and written as one page.
public final class DocumentSink: @unchecked Sendable {
    var parts: [DocumentPart] = []
    var wroteMarkdown = false

    public init() {}
}
