import FiscalModel

/// The settings of a session that are not about drawing one table: `:timing`, `:set echo`,
/// `:set pager`, and whether the width follows the terminal.
public struct ShellSettings: Sendable {
    /// Print how long each statement took (psql's `\\timing`, DuckDB's `.timer`).
    public var timing = false
    /// Print each statement before its result (psql's `-a`).
    public var echo = false
    /// The pager command for results taller than the screen; `nil` when paging is off.
    public var pager: String?
    /// Whether a pager may be used at all: only the interactive shell on a terminal sets it.
    public var pagerAllowed = false
    /// Whether the width is re-read from the terminal before each statement (SIGWINCH).
    public var widthFollowsTerminal = false
    /// Whether `:set pager` or `:set width` chose a value (in the start-up file, say): the
    /// interactive shell then keeps it instead of its defaults.
    public var pagerChosen = false
    public var widthChosen = false
    /// The terminal's height, re-read with the width, for deciding when to page.
    public var screenHeight = 24

    public init() {}

    /// `$PAGER`, else `less -S`.
    public static func defaultPager(environment: [String: String]) -> String {
        if let p = environment["PAGER"], !p.trimmedWhitespace.isEmpty { return p }
        return "less -S"
    }
}
