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
                throw QueryError(Message(.evalCannotDraw, name.text, column.type.name), at: name.span, hint: Message(.hintDrawAmount))
            }
        }
        if let label = spec.label { _ = try column(label, in: frame) }
        if spec.values.isEmpty && !frame.columns.contains(where: { [.amount, .integer, .percent, .ratio].contains($0.type) }) {
            throw QueryError(Message(.evalNothingToDraw), at: spec.span, hint: Message(.hintChartAmounts))
        }
    }
}
