import FiscalModel

/// `-o markdown`: each part a block, blocks separated by a blank line, so that one table
/// never runs into the next; notes as quotes, command text in fenced blocks.
public enum MarkdownDocument {
    public static func block(_ part: DocumentPart, _ options: RenderOptions) -> String {
        switch part {
        case .prose(let lines):
            return lines.joined(separator: "\n") + "\n"
        case .statement(let text):
            return fence(text, info: "fql")
        case .text(let text):
            return fence(text, info: "text")
        case .chart(_, let text, let notes):
            return fence(text, info: "text") + quotes(notes, options)
        case .table(let table, let notes):
            return Renderer.renderMarkdown(table, options) + quotes(notes, options)
        }
    }

    /// Notes as Markdown quotes after a blank line, one paragraph each.
    static func quotes(_ notes: [String], _ options: RenderOptions) -> String {
        guard !notes.isEmpty else { return "" }
        return "\n" + notes.map {
            "> " + Message(.notePrefix, $0.replacingAll("\n", with: " ")).text(options.language) + "\n"
        }.joined(separator: ">\n")
    }

    /// A fenced code block long enough that no line of `text` closes it.
    static func fence(_ text: String, info: String) -> String {
        var ticks = "```"
        while text.contains(ticks) { ticks += "`" }
        let body = text.hasSuffix("\n") ? text : text + "\n"
        return ticks + info + "\n" + body + ticks + "\n"
    }
}
