import FiscalModel
import FiscalQuery

/// The text of `:help`, made from the meta-command table and the help topics, in the
/// reader's language.
public enum HelpText {
    /// The first-run hint, shown once per user.
    public static func firstRunHint(_ language: Language) -> String {
        Message(.firstRunHint).text(language) + "\n\n"
    }

    /// `:help` (no topic) or `:help TOPIC`.
    public static func render(topic: String?, commands: MetaCommandTable, language: Language = .english) throws(MetaCommandError) -> String {
        guard var name = topic else { return overview(commands, language) }
        if name.hasPrefix(":") { name.removeFirst() }
        if let command = commands.command(named: name) {
            var out = command.usage + "\n  " + command.summary.text(language) + "\n"
            if !command.aliases.isEmpty {
                out += "  " + Message(.helpAlso, command.aliases.map { ":" + $0 }.joined(separator: " ")).text(language) + "\n"
            }
            if let details = command.details { out += "\n" + indent(details.text(language)) + "\n" }
            return out
        }
        if let help = HelpTopic.named(name) {
            var out = help.syntax + (help.available ? "" : "    " + Message(.helpComingSoon).text(language))
                + "\n  " + help.summary.text(language) + "\n"
            if let details = help.details { out += "\n" + indent(details.text(language)) + "\n" }
            if !help.examples.isEmpty {
                out += "\n" + Message(.helpExamples).text(language) + "\n" + help.examples.map { "  " + $0 + "\n" }.joined()
            }
            return out
        }
        let names = commands.commands.map(\.name) + HelpTopic.all.map(\.name)
        let hint = Suggestion.nearest(name, among: names).map { Message(.didYouMean, ":help " + $0) } ?? Message(.helpListsTopics)
        throw MetaCommandError(Message(.noHelpTopic, name), hint: hint)
    }

    /// Every topic name `:help` accepts.
    public static func topics(_ commands: MetaCommandTable) -> [String] {
        commands.commands.map(\.name) + HelpTopic.all.map(\.name)
    }

    static func overview(_ commands: MetaCommandTable, _ language: Language) -> String {
        var out = Message(.helpCommandsHeading).text(language) + "\n"
        out += aligned(commands.commands.map { ($0.usage, $0.summary.text(language)) })
        out += "\n" + Message(.helpQueriesHeading).text(language) + "\n"
        let coming = " " + Message(.helpComing).text(language)
        out += aligned(HelpTopic.all.map { ($0.syntax, $0.summary.text(language) + ($0.available ? "" : coming)) })
        out += "\n" + Message(.helpFooter).text(language) + "\n"
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
