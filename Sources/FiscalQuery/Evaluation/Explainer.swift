import FiscalModel

/// `explain <query>`: how fiscal evaluates a query, stage by stage, for teaching.
///
/// Each stage of the pipeline is run in turn (the source, then the source and the first
/// stage, …) and the table shows what the stage does, how many rows come out of it, and
/// the notes it adds (the default scopes `drill` applies, totals left out so nothing counts
/// twice). A last row names the statements whose facts feed the result.
public enum Explainer {
    /// The explanation of `text` as a table: step, stage, rows, what happens.
    public static func explain(_ text: String, in context: inout QueryContext) throws(QueryError) -> ResultTable {
        let query = try Parser.parse(Lexer.tokenize(text))
        var table = ResultTable(columns: [
            .init("step", .integer), .init("stage", .text), .init("rows", .integer), .init("what happens", .text),
        ])
        let pipeline = query.pipeline
        var seenNotes = Set<String>()
        var stageNotes: [String] = []
        var last = ResultTable(columns: [])
        for k in 0...pipeline.stages.count {
            let prefix = Pipeline(source: pipeline.source, stages: Array(pipeline.stages.prefix(k)))
            var scratch = context
            last = try Evaluator.evaluate(prefix, in: &scratch)
            let span: QuerySpan = k == 0 ? sourceSpan(pipeline.source, text) : pipeline.stages[k - 1].span
            let what = k == 0 ? describe(pipeline.source) : describe(pipeline.stages[k - 1])
            let fresh = last.notes.filter { !seenNotes.contains($0) }
            seenNotes.formUnion(last.notes)
            stageNotes += fresh.map { "step \(k + 1): \($0)" }
            table.append([.integer(k + 1), .text(slice(text, span)), .integer(last.rows.count), .text(what)])
        }
        table.notes = stageNotes + feedingStatements(last, context)
        if let name = query.binding {
            table.notes.append("the result is bound to `\(name.text)` (explain does not bind it)")
        }
        return table
    }

    /// The statements of the facts a result was computed from, with counts.
    static func feedingStatements(_ result: ResultTable, _ context: QueryContext) -> [String] {
        var bySpan: [SourceSpan: Statement] = [:]
        for r in context.reports { for f in r.facts { bySpan[f.span] = f.statement } }
        var counts: [Statement: Int] = [:]
        var seen = Set<SourceSpan>()
        for row in 0..<result.rows.count {
            for span in result.sources(ofRow: row) where seen.insert(span).inserted {
                if let s = bySpan[span] { counts[s, default: 0] += 1 }
            }
        }
        guard !counts.isEmpty else { return ["no facts of the loaded reports feed the result"] }
        let list = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .map { "\($0.key) (\($0.value))" }
        return ["facts feeding the result, by statement: " + list.joined(separator: ", ")]
    }

    static func slice(_ text: String, _ span: QuerySpan) -> String {
        let chars = Array(text)
        let a = min(max(span.lowerBound, 0), chars.count), b = min(max(span.upperBound, a), chars.count)
        var part = chars[a..<b]
        while let f = part.first, f.isWhitespace || f == "|" { part.removeFirst() }
        while let l = part.last, l.isWhitespace || l == "|" { part.removeLast() }
        return String(part)
    }

    static func sourceSpan(_ source: Source, _ text: String) -> QuerySpan {
        switch source {
        case .named(let name): name.span
        case .drill(let spec): spec.span
        }
    }

    static func describe(_ source: Source) -> String {
        switch source {
        case .named(let name):
            switch name.text {
            case "facts", "事实": "every fact of every loaded report, one row each"
            case "warnings", "警告": "what the readers could not place, with places"
            default: "the rows of `\(name.text)`"
            }
        case .drill(let spec): describeDrill(spec)
        }
    }

    static func describeDrill(_ spec: DrillSpec) -> String {
        let level = spec.code.map { "the children of \($0)" } ?? "the 类 of everything loaded"
        let depth = spec.depth > 1 ? ", \(spec.depth) levels deep with subtotals" : ""
        return "\(level)\(depth): adds up the finest level each report states, shows each line's share of its parent"
    }

    static func describe(_ stage: Stage) -> String {
        switch stage {
        case .filter: "keeps the rows for which the condition holds"
        case .group: "puts rows with equal keys together (类/款/项 group by the code's level)"
        case .aggregate: "computes the aggregates for each group (sums are exact)"
        case .sort: "orders the rows"
        case .limit(let n, _): "keeps the first \(n) rows"
        case .top(let n, _, _): "keeps the \(n) largest rows"
        case .share(_, let by, let name, _):
            by.isEmpty ? "adds `\(name)`: each row's percentage of the total over the rows"
                : "adds `\(name)`: each row's percentage of its group's total (by \(by.map(\.columnName).joined(separator: ", ")))"
        case .select: "keeps the named columns"
        case .derive: "adds computed columns"
        case .drill(let spec): describeDrill(spec)
        case .compare(let spec) where spec.dimension.columnName == "entity":
            "one row per entity, ranked by amount, with its difference (delta, pct) from the base entity"
        case .compare(let spec):
            "one column per value of the dimension, then the change (delta, pct) between consecutive values"
                + (spec.overall ? ", from the first to the last" : "") + (spec.cagr ? ", the average annual rate (cagr)" : "")
        case .chart(let spec): "draws the rows as \(spec.kind == .pie ? "a structure (100% bar; a pie in SVG)" : "horizontal bars"), one per row; the rows pass through unchanged"
        }
    }
}
