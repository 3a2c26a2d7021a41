import FiscalModel

extension Glossary {
    /// The `glossary` source: every loaded report's 名词解释 entries, then fiscal's bundled
    /// ones, with where each definition comes from and whether the report's copy is cut off.
    public static func table(_ reports: [Report]) -> ResultTable {
        var table = ResultTable(columns: [
            .init("term", .text), .init("definition", .text), .init("origin", .text), .init("citation", .text),
            .init("truncated", .bool),
        ])
        for r in reports {
            for e in r.glossary {
                table.append([
                    .text(e.term), .text(e.explanation), .text(r.displayName), .text("\(e.span.file):\(e.span.line)"),
                    .bool(isTruncated(e.explanation)),
                ], sources: [e.span])
            }
        }
        for t in standard {
            table.append([.text(t.term), .text(t.text), .text("fiscal glossary"), .text(t.citation.description), .bool(false)])
        }
        return table
    }
}
