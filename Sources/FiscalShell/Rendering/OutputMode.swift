/// How a result table is written.
public enum OutputMode: String, Sendable, CaseIterable {
    /// Aligned columns for a terminal (East Asian width aware).
    case table
    /// RFC 4180 CSV with a header.
    case csv
    /// One JSON array of row objects; amounts as exact JSON numbers.
    case json
    /// A GitHub-flavoured Markdown table.
    case markdown
    /// A standalone SVG chart of the result (see `Charts/`).
    case svg

    /// The mode a file name asks for by its extension (`.csv`, `.json`, `.md`, `.txt`).
    public init?(fileExtensionOf path: String) {
        let ext = path.split(separator: ".").last.map { $0.lowercased() } ?? ""
        switch ext {
        case "csv": self = .csv
        case "json": self = .json
        case "md", "markdown": self = .markdown
        case "txt": self = .table
        case "svg": self = .svg
        default: return nil
        }
    }
}

/// Everything that changes how a table is rendered.
public struct RenderOptions: Sendable {
    public var mode: OutputMode
    /// Bold headers and dim notes (only on a terminal, never with NO_COLOR).
    public var color: Bool
    /// The terminal width to fit text columns into; `nil` for no limit.
    public var maxWidth: Int?
    /// Show at most this many rows in table mode, with a note saying how many were left out.
    public var maxRows: Int?
    /// Digits shown for percentages and ratios.
    public var percentDigits: Int
    public var ratioDigits: Int

    public init(mode: OutputMode = .table, color: Bool = false, maxWidth: Int? = nil, maxRows: Int? = nil,
                percentDigits: Int = 2, ratioDigits: Int = 4) {
        self.mode = mode
        self.color = color
        self.maxWidth = maxWidth
        self.maxRows = maxRows
        self.percentDigits = percentDigits
        self.ratioDigits = ratioDigits
    }
}
