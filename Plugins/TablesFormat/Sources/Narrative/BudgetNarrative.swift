import FiscalFormat
import FiscalModel
import NarrativeFormat

extension ExplanationReader {
    /// The 情况说明 of a 部门预算 that carries its tables (the Jiangsu documents 01–04, 11, 12):
    /// read as the narrative format reads a narrative-only 预算 (its sections, hard-wrapped
    /// paragraphs, 类/款/项 sentences, 预算 wording), with the codes the document's tables
    /// print for names the catalog does not place. The 决算 情况说明 (Shanghai: numbers pushed
    /// out of their sentences, 年初预算/全年预算/支出决算) keeps this reader's own reading.
    static func readBudget(_ context: inout TableContext) {
        var printed: [ClassificationCode: String] = [:]
        for f in context.facts where f.reading.isTable {
            if let code = f.code, printed[code] == nil { printed[code] = f.item }
        }
        let part = NarrativeFormat.readExplanation(context.source, entity: context.entity, year: context.year,
                                                   phase: context.phase, printedCodes: printed)
        let offset = context.facts.count
        context.facts += part.facts
        context.claims += part.claims.map { c in
            var c = c
            c.fact += offset
            switch c.kind {
            case .share(let p, let w): c.kind = .share(percent: p, whole: w.map { $0 + offset })
            case .completion(let p, let b): c.kind = .completion(percent: p, budget: b.map { $0 + offset })
            case .comparison(let r, let y, let o): c.kind = .comparison(relation: r, priorYear: y, other: o.map { $0 + offset })
            case .change, .unchanged: break
            }
            return c
        }
        context.warnings += part.warnings
        context.yearMentions += part.yearMentions
    }
}
