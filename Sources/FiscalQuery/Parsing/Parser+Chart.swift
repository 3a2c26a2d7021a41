import FiscalModel

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
                try p.name(Message(.whatChartColumn))
            }
            end = tokens[position - 1].span.upperBound
        }
        if accept(.keyword(.by)) != nil {
            spec.label = try name(Message(.whatChartLabel))
            end = spec.label!.span.upperBound
        }
        if case .identifier("title") = current.kind {
            _ = advance()
            guard case .string(let text) = current.kind else {
                throw unexpected(Message(.whatChartTitle))
            }
            spec.title = text
            end = advance().span.upperBound
        }
        guard current.kind == .end || current.kind == .pipe else {
            throw unexpected(Message(.whatChartRest), hint: Message(.hintChartExample))
        }
        spec.span = start..<end
        return spec
    }
}
