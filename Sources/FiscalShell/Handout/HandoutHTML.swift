import FiscalCheck
import FiscalModel
import Plot

/// A ``Handout`` as one self-contained, printable HTML page: styles inline, charts as inline
/// SVG, no script and nothing fetched from the network. Built with Plot, so text is escaped
/// by construction.
public enum HandoutHTML {
    typealias BodyNode = Node<HTML.BodyContext>

    /// A4 pages with room for a teacher's notes; CJK fonts first; tables and charts that fit.
    static let css = """
        @page { size: A4; margin: 16mm 14mm; }
        body { font-family: 'Noto Sans CJK SC','Source Han Sans SC','WenQuanYi Zen Hei','PingFang SC','Microsoft YaHei','SimHei',sans-serif;
               font-size: 10.5pt; line-height: 1.5; color: #000; max-width: 182mm; margin: 0 auto; padding: 8mm 0; }
        h1 { font-size: 17pt; margin: 0 0 4pt; } h2 { font-size: 12.5pt; margin: 14pt 0 4pt; border-bottom: 1px solid #999; }
        .meta { color: #333; font-size: 9pt; }
        .step { break-inside: auto; } .step > .comment { margin: 2pt 0 4pt; }
        pre { white-space: pre-wrap; word-break: break-all; font-family: 'Noto Sans Mono CJK SC','DejaVu Sans Mono',monospace; font-size: 9pt; margin: 4pt 0; }
        pre.query { background: #f2f2f2; border-left: 3px solid #0072B2; padding: 4pt 6pt; }
        table { border-collapse: collapse; font-size: 9pt; margin: 4pt 0; max-width: 100%; }
        th, td { border: 1px solid #bbb; padding: 1pt 5pt; vertical-align: top; } th { background: #eee; text-align: left; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        .chart svg { max-width: 100%; height: auto; } .chart { margin: 6pt 0; break-inside: avoid; }
        .sources { font-size: 9pt; } .sources p { margin: 2pt 0; } .sources .place { color: #333; font-family: monospace; }
        mark { background: #ffe08a; font-weight: bold; }
        .finding { border-left: 3px solid #D55E00; padding: 2pt 6pt; margin: 4pt 0; } .finding.warning { border-color: #E69F00; }
        .note { color: #333; font-size: 9pt; margin: 2pt 0; } .error { color: #a00; }
        dl.glossary dt { font-weight: bold; margin-top: 6pt; } dl.glossary dd { margin: 0 0 0 1.5em; }
        cite { color: #333; font-size: 8.5pt; font-style: normal; display: block; }
        .truncated { color: #a00; font-size: 9pt; }
        @media print { a { color: inherit; text-decoration: none; } pre.query { background: none; } }
        """

    public static func render(_ handout: Handout, generator: String = "fiscal \(FiscalVersion.string)") -> String {
        let html = HTML(
            .lang(.chinese),
            .head(
                .meta(.charset(.utf8)),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                // Plot's .title() also writes og:/twitter: meta tags with the title unescaped in an attribute.
                .element(named: "title", nodes: [safeText(handout.title)]),
                .style(css)
            ),
            .body(
                .header(
                    .h1(safeText(handout.title)),
                    .group(handout.introduction.map { .p(safeText($0)) }),
                    .p(.class("meta"), safeText(Message(.handoutReports, handout.reports.isEmpty ? "—" : handout.reports.joined(separator: "；"),
                                                        generator).text(handout.language)))
                ),
                .group(numbered(handout.steps).map { step, number in render(step, number: number, handout.language) }),
                .if(!handout.glossary.isEmpty, .section(
                    .class("glossary-section"),
                    .h2(safeText(Message(.handoutGlossary).text(handout.language))),
                    glossary(handout.glossary, handout.language)
                ))
            )
        )
        return html.render(indentedBy: .spaces(1)) + "\n"
    }

    /// Steps with their numbers; loading reports is set-up, not a numbered step.
    static func numbered(_ steps: [Handout.Step]) -> [(Handout.Step, Int?)] {
        var n = 0
        return steps.map { step in
            if step.statement.trimmedWhitespace.hasPrefix(":load") { return (step, nil) }
            n += 1
            return (step, n)
        }
    }

    static func render(_ step: Handout.Step, number: Int?, _ language: FiscalModel.Language) -> BodyNode {
        .section(
            .class("step"),
            .h2(safeText((number.map { Message(.handoutStep, $0) } ?? Message(.handoutSetup)).text(language))),
            .if(!step.comment.isEmpty, .div(.class("comment"), .group(step.comment.map { .p(safeText($0)) }))),
            .pre(.class("query"), safeText(step.statement)),
            .group(step.blocks.map { render($0, language) })
        )
    }

    static func render(_ block: Handout.Block, _ language: FiscalModel.Language) -> BodyNode {
        switch block {
        case .table(let table, let shown): return self.table(table, shown: shown, language)
        case .chart(let chart):
            return .div(.class("chart"), .raw(chart.svgElement()))
        case .text(let text): return .pre(safeText(text))
        case .notes(let notes): return .group(notes.map { .p(.class("note"), safeText(Message(.notePrefix, $0).text(language))) })
        case .error(let text): return .pre(.class("error"), safeText(text))
        case .sources(let excerpts):
            return .div(.class("sources"),
                        .p(.strong(safeText(Message(.handoutWhereFrom).text(language)))),
                        .group(excerpts.map(excerpt)))
        case .findings(let findings):
            return .div(.group(findings.map { f in
                .div(.class(f.severity == "error" ? "finding" : "finding warning"),
                     .p(.strong(safeText("\(f.severity) · \(f.rule) · \(f.subject)")), safeText(" (\(f.lines))")),
                     .p(safeText(f.explanation)))
            }))
        case .glossary(let entries): return glossary(entries, language)
        }
    }

    static func table(_ table: ResultTable, shown: Int, _ language: FiscalModel.Language) -> BodyNode {
        let numeric = table.columns.map { Renderer.isNumeric($0.type) }
        let rows: [BodyNode] = table.rows.prefix(shown).map { row in
            .element(named: "tr", nodes: row.enumerated().map { c, value in
                .element(named: "td", nodes: [
                    .attribute(named: "class", value: numeric[c] ? "num" : nil),
                    safeText(Renderer.displayText(value, RenderOptions())),
                ])
            })
        }
        let left = table.rows.count - shown
        return .group(
            .element(named: "table", nodes: [
                .element(named: "thead", nodes: [.element(named: "tr", nodes: table.columns.map { .element(named: "th", nodes: [safeText(Renderer.heading($0.name, language))]) })]),
                .element(named: "tbody", nodes: rows),
            ]),
            .p(.class("note"), safeText((left > 0 ? Message(.handoutRowsShown, table.rows.count, left) : Message(.handoutRows, table.rows.count)).text(language)))
        )
    }

    static func excerpt(_ e: SourceExcerpt) -> BodyNode {
        var parts: [BodyNode] = [.span(.class("place"), safeText("\(e.file):\(e.line)")), .text(" ")]
        let chars = Array(e.text)
        var at = 0
        for m in e.marks {
            if m.lowerBound > at { parts.append(safeText(String(chars[at..<m.lowerBound]))) }
            parts.append(.element(named: "mark", nodes: [safeText(String(chars[m]))]))
            at = m.upperBound
        }
        if at < chars.count { parts.append(safeText(String(chars[at...]))) }
        return .p(.group(parts))
    }

    static func glossary(_ entries: [Explanation], _ language: FiscalModel.Language) -> BodyNode {
        .element(named: "dl", nodes: [.attribute(named: "class", value: "glossary")] + entries.flatMap { e -> [BodyNode] in
            [
                .element(named: "dt", nodes: [safeText(e.term)]),
                .element(named: "dd", nodes: [
                    safeText(e.text),
                    .if(e.truncated, .p(.class("truncated"), safeText(Message(.handoutTruncated, String(e.text.suffix(8))).text(language)))),
                    .element(named: "cite", nodes: [safeText(Message(.handoutSource, (e.report.map { "\($0), " } ?? "") + e.origin).text(language))]),
                ]),
            ]
        })
    }
}
