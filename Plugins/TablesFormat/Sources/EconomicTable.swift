import FiscalModel

/// Reads the 基本支出 table by economic classification: two code/name/amount triples per
/// line (`301 01 基本工资 262.33 302 01 办公费 21.21`), then 人员经费合计 and 公用经费合计.
/// A figure goes to the code before it; names wrapped around the code line are put right
/// with the economic catalog (``ItemName``). The pdfplumber layout that splits each row into
/// a block of lines is read by ``EconomicBlocks``.
struct EconomicTable {
    var section: TableSection

    /// Whether the table prints two codes on a line (a figure followed by another 类's code).
    static func isTwoSided(_ section: TableSection) -> Bool {
        section.lines.contains { line in
            line.tokens.indices.dropFirst().contains { i in line.tokens[i].isDigits(3) && line.tokens[..<i].contains { $0.amount != nil } }
        }
    }

    func read(into context: inout TableContext) {
        var seen = Set<ClassificationCode>()
        var current: (code: ClassificationCode, name: String, line: Int)?
        for line in section.lines {
            var i = 0
            while i < line.tokens.count {
                let token = line.tokens[i]
                if let (code, used) = line.code(at: i), code.rawValue.count <= 5 {
                    current = (code, "", line.number)
                    i += used
                    continue
                }
                if let amount = token.amount {
                    let figure = Figure(amount: amount, span: context.source.span(line, token))
                    if let c = current, !seen.contains(c.code) {
                        seen.insert(c.code)
                        context.add(section.kind, item: ItemName.normalized(c.name, code: c.code, catalog: .economic), econCode: c.code, column: nil, figure: figure)
                        current = nil
                    } else if let c = current, seen.contains(c.code) {
                        context.warn("extra-figure", Message(.tabSecondFigure, "\(c.name)", "\(c.code)"), line: line.number)
                    }
                } else if token.text.hasSuffix("经费合计") {
                    current = nil
                    if i + 1 < line.tokens.count, let amount = line.tokens[i + 1].amount {
                        context.add(section.kind, item: String(token.text), column: nil,
                                    figure: Figure(amount: amount, span: context.source.span(line, line.tokens[i + 1])))
                        i += 1
                    }
                } else if current != nil {
                    current!.name += token.text
                }
                i += 1
            }
        }
    }
}
