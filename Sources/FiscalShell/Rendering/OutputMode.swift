import FiscalModel

/// How a result table is written.
public enum OutputMode: String, Sendable, CaseIterable {
    /// Aligned columns for a terminal (East Asian width aware).
    case table
    /// RFC 4180 CSV with a header.
    case csv
    /// One JSON array of row objects; amounts as exact JSON numbers.
    case json
    /// A GitHub-flavoured Markdown document: one table per result, notes as quotes.
    case markdown
    /// A complete HTML page: one table per result, numbers right-aligned, CJK-safe fonts.
    case html
    /// A standalone SVG chart of the result (see `Charts/`).
    case svg

    /// The mode a file name asks for by its extension (`.csv`, `.json`, `.md`, `.html`, `.txt`).
    public init?(fileExtensionOf path: String) {
        let ext = path.split(separator: ".").last.map { $0.lowercased() } ?? ""
        switch ext {
        case "csv": self = .csv
        case "json": self = .json
        case "md", "markdown": self = .markdown
        case "html", "htm": self = .html
        case "txt": self = .table
        case "svg": self = .svg
        default: return nil
        }
    }
}

/// psql's `\x`: one field per line instead of columns.
public enum ExpandedMode: String, Sendable, CaseIterable {
    case off, on
    /// Expanded only when the table would be wider than the screen.
    case auto
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
    /// The language of headings and notes.
    public var language: Language
    /// One field per line (`:set expanded on|off|auto`).
    public var expanded: ExpandedMode
    /// What a missing value shows as in table, markdown and html output (`:set null TEXT`).
    public var nullText: String
    /// Amounts shown with exactly this many decimals (`:set decimals N`); `nil` as stated.
    /// Only for people: csv and json keep every amount exact.
    public var decimals: Int?
    /// Thousands separators in amounts (`:set thousands on`), for people only.
    public var thousands: Bool

    public init(mode: OutputMode = .table, color: Bool = false, maxWidth: Int? = nil, maxRows: Int? = nil,
                percentDigits: Int = 2, ratioDigits: Int = 4, language: Language = .english,
                expanded: ExpandedMode = .off, nullText: String = "—", decimals: Int? = nil, thousands: Bool = false) {
        self.mode = mode
        self.color = color
        self.maxWidth = maxWidth
        self.maxRows = maxRows
        self.percentDigits = percentDigits
        self.ratioDigits = ratioDigits
        self.language = language
        self.expanded = expanded
        self.nullText = nullText
        self.decimals = decimals
        self.thousands = thousands
    }
}
