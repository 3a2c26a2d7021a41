import FiscalModel

extension Parser {
    /// `compare DIM {value | "base" value | "overall" | "cagr"}`: the values may be separated
    /// by commas; `base`, `overall` and `cagr` are options wherever they stand.
    mutating func parseCompare() throws(QueryError) -> CompareSpec {
        let start = advance().span.lowerBound
        let dimension = try parsePrimary()
        var spec = CompareSpec(dimension: dimension, span: start..<dimension.span.upperBound)
        while current.kind != .pipe && current.kind != .end {
            if case .identifier(let word) = current.kind, let option = CompareSpec.Option(rawValue: word) {
                let at = advance().span
                switch option {
                case .overall: spec.overall = true
                case .cagr: spec.cagr = true
                case .base:
                    guard spec.base == nil else {
                        throw QueryError(Message(.compareBaseTwice), at: at)
                    }
                    guard current.kind != .pipe && current.kind != .end else {
                        throw unexpected(Message(.whatCompareBase))
                    }
                    spec.base = try parseUnary()
                }
            } else {
                spec.values.append(try parseUnary())
            }
            _ = accept(.comma)
        }
        spec.span = start..<max(start + 7, tokens[max(0, position - 1)].span.upperBound)
        return spec
    }
}
