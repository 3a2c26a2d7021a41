import FiscalModel

extension Evaluator {
    /// `chart`: the rows pass through; the columns it names must exist, the values be numbers
    /// and the label text, so that a mistyped column is an error pointing at it, as elsewhere.
    func checkChart(_ frame: Frame, _ spec: ChartSpec) throws(QueryError) {
        for name in spec.values {
            let column = try column(name, in: frame)
            switch column.type {
            case .amount, .integer, .ratio, .percent: continue
            case .text, .bool:
                throw QueryError("cannot draw `\(name.text)` (\(column.type.rawValue)); expected a column of numbers",
                                 at: name.span, hint: "draw an amount, as in `chart amount by item`")
            }
        }
        if let label = spec.label { _ = try column(label, in: frame) }
        if spec.values.isEmpty && !frame.columns.contains(where: { [.amount, .integer, .percent, .ratio].contains($0.type) }) {
            throw QueryError("cannot draw this result: it has no column of numbers", at: spec.span,
                             hint: "chart a result with amounts, as in `drill 201 | chart`")
        }
    }
}
