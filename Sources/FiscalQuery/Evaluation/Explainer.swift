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
        let language = context.language
        for k in 0...pipeline.stages.count {
            let prefix = Pipeline(source: pipeline.source, stages: Array(pipeline.stages.prefix(k)))
            var scratch = context
            last = try Evaluator.evaluate(prefix, in: &scratch)
            let span: QuerySpan = k == 0 ? sourceSpan(pipeline.source, text) : pipeline.stages[k - 1].span
            let what = (k == 0 ? describe(pipeline.source) : describe(pipeline.stages[k - 1])).text(language)
            let fresh = last.notes.filter { !seenNotes.contains($0) }
            seenNotes.formUnion(last.notes)
            stageNotes += fresh.map { Message(.explainStep, k + 1, $0).text(language) }
            table.append([.integer(k + 1), .text(slice(text, span)), .integer(last.rows.count), .text(what)])
        }
        table.notes = stageNotes + [feedingStatements(last, context).text(language)]
        if let name = query.binding {
            table.notes.append(Message(.explainBound, name.text).text(language))
        }
        return table
    }

    /// The statements of the facts a result was computed from, with counts.
    static func feedingStatements(_ result: ResultTable, _ context: QueryContext) -> Message {
        var bySpan: [SourceSpan: Statement] = [:]
        for r in context.reports { for f in r.facts { bySpan[f.span] = f.statement } }
        var counts: [Statement: Int] = [:]
        var seen = Set<SourceSpan>()
        for row in 0..<result.rows.count {
            for span in result.sources(ofRow: row) where seen.insert(span).inserted {
                if let s = bySpan[span] { counts[s, default: 0] += 1 }
            }
        }
        guard !counts.isEmpty else { return Message(.explainNoFacts) }
        let list = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .map { "\($0.key) (\($0.value))" }
        return Message(.explainFeeding, list.joinedAsList(in: context.language))
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

    static func describe(_ source: Source) -> Message {
        switch source {
        case .named(let name):
            switch name.text {
            case "facts", "事实": Message(.explainFacts)
            case "warnings", "警告": Message(.explainWarnings)
            default: Message(.explainRowsOf, name.text)
            }
        case .drill(let spec): describeDrill(spec)
        }
    }

    static func describeDrill(_ spec: DrillSpec) -> Message {
        let level = spec.code.map { Message(.explainChildrenOf, $0.rawValue) } ?? Message(.explainAllLei)
        let depth = spec.depth > 1 ? Message(.explainDepth, spec.depth) : .literal("")
        return Message(.explainDrill, level, depth)
    }

    static func describe(_ stage: Stage) -> Message {
        switch stage {
        case .filter: Message(.explainFilter)
        case .group: Message(.explainGroup)
        case .aggregate: Message(.explainAggregate)
        case .sort: Message(.explainSort)
        case .limit(let n, _): Message(.explainLimit, n)
        case .top(let n, _, _): Message(.explainTop, n)
        case .share(_, let by, let name, _):
            by.isEmpty ? Message(.explainShare, name)
                : Message(.explainShareBy, name, by.map(\.columnName).joined(separator: ", "))
        case .select: Message(.explainSelect)
        case .derive: Message(.explainDerive)
        case .drill(let spec): describeDrill(spec)
        case .compare: Message(.explainCompare)
        case .chart(let spec): Message(spec.kind == .pie ? .explainChartPie : .explainChartBars)
        }
    }
}
