import FiscalModel
import Plot

/// `-o html`: a complete page (doctype, charset, language, title) with one table per result,
/// numbers right-aligned, and a font list that has Chinese glyphs on every common system.
public enum HTMLDocument {
    /// Fonts with CJK glyphs on Windows, macOS, Linux and Android, then the generic family.
    public static let fontStack =
        "\"PingFang SC\", \"Hiragino Sans GB\", \"Microsoft YaHei\", \"Noto Sans CJK SC\", \"Source Han Sans SC\", "
        + "\"WenQuanYi Micro Hei\", \"Noto Sans SC\", system-ui, sans-serif"

    static let css = """
        body { font-family: \(fontStack); margin: 2em auto; max-width: 72em; padding: 0 1em; color: #222; }
        table { border-collapse: collapse; margin: 1em 0; }
        th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
        th { background: #f3f3f3; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        blockquote { color: #555; border-left: 3px solid #ccc; margin: 0.5em 0; padding-left: 1em; }
        pre { background: #f7f7f7; padding: 0.6em; white-space: pre-wrap; overflow-wrap: anywhere; font-family: "Noto Sans Mono CJK SC", \(fontStack), monospace; }
        caption { caption-side: bottom; text-align: left; color: #555; padding-top: 0.3em; }
        """

    /// The page for `parts`.
    public static func page(_ parts: [DocumentPart], _ options: RenderOptions, title: String = "fiscal") -> String {
        let lang: Plot.Language = options.language == .chinese ? .simplifiedChinese : .english
        let html = HTML(
            .lang(lang),
            .head(
                .meta(.charset(.utf8)),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .element(named: "title", text: title),
                .style(css)
            ),
            .body(.group(parts.map { node($0, options) }))
        )
        return html.render(indentedBy: .spaces(1)) + "\n"
    }

    static func node(_ part: DocumentPart, _ options: RenderOptions) -> Node<HTML.BodyContext> {
        switch part {
        case .prose(let lines):
            return .p(.text(lines.joined(separator: " ")))
        case .statement(let text):
            return .pre(.code(.text(text)))
        case .text(let text):
            return .pre(.text(text))
        case .chart(let svg, _, let notes):
            return .section(
                .div(.class("chart"), .raw(svg)),
                .group(notes.map { note in .blockquote(.p(.text(Message(.notePrefix, note).text(options.language)))) })
            )
        case .table(let table, let notes):
            return .section(
                tableNode(table, options),
                .group(notes.map { note in
                    .blockquote(.p(.text(Message(.notePrefix, note).text(options.language))))
                })
            )
        }
    }

    static func tableNode(_ table: ResultTable, _ options: RenderOptions) -> Node<HTML.BodyContext> {
        let numeric = table.columns.map { Renderer.isNumeric($0.type) }
        let tree = Renderer.treeColumn(table)
        return .table(
            .thead(.tr(.group(table.columns.indices.map { c in
                .th(numeric[c] ? .class("num") : .class("text"),
                    .text(Renderer.heading(table.columns[c].name, options.language)))
            }))),
            .tbody(.group(table.rows.enumerated().map { r, row in
                .tr(.group(row.enumerated().map { c, value in
                    var text = Renderer.displayText(value, options)
                    if c == tree, r < table.depths.count, table.depths[r] > 0 {
                        text = String(repeating: "\u{3000}", count: table.depths[r]) + text
                    }
                    return .td(numeric[c] ? .class("num") : .class("text"), .text(text))
                }))
            })),
            .element(named: "caption", text: Renderer.rowCount(table.rows.count, options.language))
        )
    }
}
