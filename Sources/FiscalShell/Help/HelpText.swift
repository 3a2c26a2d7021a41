import FiscalQuery
/// The text of `:help`, made from the meta-command table and the help topics.
public enum HelpText {
    /// The first-run hint, shown once per user.
    public static let firstRunHint = """
        Welcome to fiscal. Type `:help` for commands and query stages, `:load PATH` to read a report,
        `facts` to see its figures, `drill` to walk the 类/款/项 tree. Tab completes; Ctrl-D leaves.

        """

    /// `:help` (no topic) or `:help TOPIC`.
    public static func render(topic: String?, commands: MetaCommandTable) throws(MetaCommandError) -> String {
        guard var name = topic else { return overview(commands) }
        if name.hasPrefix(":") { name.removeFirst() }
        if let command = commands.command(named: name) {
            var out = command.usage + "\n  " + command.summary + "\n"
            if !command.aliases.isEmpty { out += "  also: " + command.aliases.map { ":" + $0 }.joined(separator: " ") + "\n" }
            if !command.details.isEmpty { out += "\n" + indent(command.details) + "\n" }
            return out
        }
        if let help = HelpTopic.named(name) {
            var out = help.syntax + (help.available ? "" : "    (coming soon)") + "\n  " + help.summary + "\n"
            if !help.details.isEmpty { out += "\n" + indent(help.details) + "\n" }
            if !help.examples.isEmpty {
                out += "\nExamples:\n" + help.examples.map { "  " + $0 + "\n" }.joined()
            }
            return out
        }
        let names = commands.commands.map(\.name) + HelpTopic.all.map(\.name)
        let hint = Suggestion.nearest(name, among: names).map { "did you mean `:help \($0)`?" } ?? "`:help` lists the topics"
        throw MetaCommandError("no help topic `\(name)`", hint: hint)
    }

    /// Every topic name `:help` accepts.
    public static func topics(_ commands: MetaCommandTable) -> [String] {
        commands.commands.map(\.name) + HelpTopic.all.map(\.name)
    }

    static func overview(_ commands: MetaCommandTable) -> String {
        var out = "Commands:\n"
        out += aligned(commands.commands.map { ($0.usage, $0.summary) })
        out += "\nQueries (a source, then stages joined by `|`):\n"
        out += aligned(HelpTopic.all.map { ($0.syntax, $0.summary + ($0.available ? "" : " (coming)")) })
        out += "\n`:help NAME` shows a command or stage with examples. Tab completes names, fields and 科目.\n"
        return out
    }

    /// Two columns, the first padded by display width so Chinese text lines up.
    static func aligned(_ rows: [(String, String)]) -> String {
        let width = min(40, rows.map { DisplayWidth.of($0.0) }.max() ?? 0)
        return rows.map { left, right in
            let pad = max(1, width - DisplayWidth.of(left) + 2)
            return "  " + left + String(repeating: " ", count: pad) + right + "\n"
        }.joined()
    }

    static func indent(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "  " + $0 }.joined(separator: "\n")
    }
}
