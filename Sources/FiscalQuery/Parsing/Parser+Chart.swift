extension Parser {
    /// `chart [bar|pie] [column {"," column}] [by label] [title "text"]`.
    mutating func parseChart() throws(QueryError) -> ChartSpec {
        let start = advance().span.lowerBound
        var end = start + 5
        var spec = ChartSpec(span: start..<end)
        if case .identifier(let word) = current.kind, let kind = ChartSpec.Kind(rawValue: word) {
            spec.kind = kind
            end = advance().span.upperBound
        }
        if case .identifier(let word) = current.kind, word != "title" {
            spec.values = try parseList { (p: inout Parser) throws(QueryError) in
                try p.name("a column to draw (as in `chart amount`)")
            }
            end = tokens[position - 1].span.upperBound
        }
        if accept(.keyword(.by)) != nil {
            spec.label = try name("a column of labels after `by` (as in `chart amount by item`)")
            end = spec.label!.span.upperBound
        }
        if case .identifier("title") = current.kind {
            _ = advance()
            guard case .string(let text) = current.kind else {
                throw unexpected("the title in quotes after `title` (as in `chart title \"收入结构\"`)")
            }
            spec.title = text
            end = advance().span.upperBound
        }
        guard current.kind == .end || current.kind == .pipe else {
            throw unexpected("`bar`, `pie`, columns to draw, `by LABEL` or `title \"…\"` after `chart`",
                             hint: "as in `chart pie amount by item title \"收入结构\"`")
        }
        spec.span = start..<end
        return spec
    }
}
