import FiscalModel

/// Evaluates a parsed ``Query`` against a ``QueryContext``.
///
/// Sources are looked up in this order: `let` bindings, ``QueryContext/sources``, then the
/// built-in `facts` and `warnings`.
public struct Evaluator {
    let context: QueryContext
    let store: FactStore
    /// Divisions by zero met while evaluating (each gives a missing value), for a note.
    let zeroDivisions = ZeroDivisions()

    /// Evaluates `query`; a `let` stores its result in `context.bindings` (and returns it).
    public static func evaluate(_ query: Query, in context: inout QueryContext) throws(QueryError) -> ResultTable {
        if let name = query.binding, ["facts", "warnings", "drill"].contains(name.text) || context.sources[name.text] != nil {
            throw QueryError(Message(.evalCannotBind, name.text), at: name.span, hint: Message(.hintOtherBindName, name.text))
        }
        let table = try evaluate(query.pipeline, in: &context)
        if let name = query.binding {
            var bound = table
            context.bindings[name.text] = bound
            bound.notes.append(Message(.noteBound, name.text).text(context.language))
            return bound
        }
        return table
    }

    /// Evaluates a pipeline without binding its result.
    public static func evaluate(_ pipeline: Pipeline, in context: inout QueryContext) throws(QueryError) -> ResultTable {
        context.prepare()
        let evaluator = Evaluator(context: context, store: context.store!)
        let frame = try evaluator.run(pipeline)
        return try evaluator.table(frame)
    }

    func run(_ pipeline: Pipeline) throws(QueryError) -> Frame {
        var frame = try source(pipeline.source)
        let stages = pipeline.stages
        var i = 0
        while i < stages.count {
            try checkCancelled(at: stages[i].span)
            switch stages[i] {
            case .filter(let e, _):
                frame = try filter(frame, e)
            case .group(let keys, let span):
                if i + 1 < stages.count, case .aggregate(let specs, _) = stages[i + 1] {
                    frame = try aggregate(frame, keys: keys, specs: specs)
                    i += 1
                } else if i + 1 < stages.count, case .compare(let spec) = stages[i + 1] {
                    frame = try groupForCompare(frame, keys: keys, spec, at: span)
                } else {
                    frame = try aggregate(frame, keys: keys, specs: defaultAggregates(frame, at: span))
                }
            case .aggregate(let specs, _):
                frame = try aggregate(frame, keys: [], specs: specs)
            case .sort(let keys, _):
                frame = try sort(frame, keys)
            case .limit(let n, _):
                frame.selection = Array(frame.physicalRows.prefix(max(0, n)))
            case .top(let n, let key, _):
                frame = try sort(frame, [SortKey(key, descending: true)], limit: max(0, n))
            case .share(let e, let by, let name, _):
                frame = try share(frame, e, by: by, name: name)
            case .select(let exprs, _):
                frame = try select(frame, exprs)
            case .derive(let assignments, _):
                frame = try derive(frame, assignments)
            case .drill(let spec):
                frame = try drill(frame, spec)
            case .compare(let spec):
                frame = try compare(frame, spec)
            case .chart(let spec):
                try checkChart(frame, spec)
            }
            i += 1
        }
        return frame
    }

    // MARK: Sources

    /// The names usable as sources, for suggestions.
    var sourceNames: [String] {
        Array(context.bindings.keys) + Array(context.sources.keys) + ["facts", "warnings", "drill"]
    }

    func source(_ source: Source) throws(QueryError) -> Frame {
        switch source {
        case .drill(let spec):
            return try drill(store.frame, spec)
        case .named(let name):
            if let table = context.bindings[name.text] { return Frame(table) }
            if let make = context.sources[name.text] {
                do {
                    return Frame(try make(context))
                } catch let error as QueryError {
                    throw QueryError(error.message, at: name.span, hint: error.hint)
                } catch {
                    throw QueryError("source `\(name.text)` failed: \(error)", at: name.span)
                }
            }
            switch name.text {
            case "facts", "事实": return store.frame
            case "warnings", "警告": return Frame(WarningTable.make(context.reports, language: context.language))
            default:
                let hint = Suggestion.nearest(name.text, among: sourceNames).map { Message(.didYouMean, $0) }
                let known = (["facts", "warnings", "drill"] + context.sources.keys.sorted()).map { "`\($0)`" }
                throw QueryError(Message(.unknownSource, name.text, known.joined(separator: ", ")), at: name.span, hint: hint)
            }
        }
    }

    /// Stops with an error when the user asked to (``QueryContext/isCancelled``).
    func checkCancelled(at span: QuerySpan?) throws(QueryError) {
        if context.isCancelled() { throw QueryError(Message(.interrupted), at: span) }
    }

    // MARK: Output

    /// The result table of a frame, with each row's source spans.
    func table(_ f: Frame) throws(QueryError) -> ResultTable {
        var t = ResultTable(columns: f.columns.map { ResultTable.Column($0.name, $0.type) })
        let n = f.count
        // Facts with one mention each: a fact's index is its span's. The rows' indices are made
        // when a row's sources are first asked for (the sets' own array, shared, when the rows
        // are in their physical order).
        if case .facts(let sets) = f.provenance, store.mentionOffsets.isEmpty, store.count < Int(Int32.max) {
            t.rows.reserveCapacity(n)
            for r in 0..<n {
                if r & 0xFFFF == 0xFFFF { try checkCancelled(at: nil) }
                let p = f.physical(r)
                t.rows.append(f.columns.map { $0.value(p) })
                if !f.depths.isEmpty, f.selection != nil { t.depths.append(f.depths[p]) }
            }
            if !f.depths.isEmpty, f.selection == nil { t.depths = f.depths }
            if let selection = f.selection {
                t.setProvenance(pool: store.spans) {
                    let gathered = sets.gathered(selection)
                    return (gathered.flat, gathered.starts.map { Int32($0) })
                }
            } else {
                t.setProvenance(pool: store.spans) { (sets.flat, sets.starts.map { Int32($0) }) }
            }
            t.notes = f.notes + zeroDivisions.notes(context.language)
            if store.disputedCount > 0, let note = disputedNote(f) { t.notes.append(note) }
            return t
        }
        t.rows.reserveCapacity(n)
        var indices: [Int32] = []
        var offsets: [Int32] = [0]
        offsets.reserveCapacity(n + 1)
        var explicit: [[SourceSpan]] = []
        for r in 0..<n {
            if r & 0xFFFF == 0xFFFF { try checkCancelled(at: nil) }
            let p = f.physical(r)
            t.rows.append(f.columns.map { $0.value(p) })
            switch f.provenance {
            case .base: store.appendMentions(of: p, to: &indices)
            case .facts(let sets):
                if store.mentionOffsets.isEmpty {
                    indices.append(contentsOf: sets[p])
                } else {
                    for fact in sets[p] { store.appendMentions(of: Int(fact), to: &indices) }
                }
            case .spans(let spans): explicit.append(spans[p])
            }
            offsets.append(Int32(indices.count))
            if !f.depths.isEmpty { t.depths.append(f.depths[p]) }
        }
        if case .spans = f.provenance {
            t.sources = explicit
        } else {
            // Indices into the fact store's spans: the array is shared, not copied.
            t.setProvenance(pool: store.spans, indices: indices, offsets: offsets)
        }
        t.notes = f.notes + zeroDivisions.notes(context.language)
        if store.disputedCount > 0, let note = disputedNote(f) { t.notes.append(note) }
        return t
    }

    /// A note when rows show or add up facts the report states with different amounts.
    func disputedNote(_ f: Frame) -> String? {
        guard let di = store.columns.firstIndex(where: { $0.name == "disputed" }),
              case .integer(let flags) = store.columns[di].storage else { return nil }
        var disputed = Set<Int32>()
        for r in 0..<f.count {
            for p in f.facts(ofPhysical: f.physical(r)) where flags[Int(p)] != 0 { disputed.insert(p) }
        }
        guard !disputed.isEmpty else { return nil }
        let n = disputed.count
        return note(.noteDisputed, n)
    }
}

extension Evaluator {
    /// A note in the reader's language (``QueryContext/language``).
    func note(_ key: MessageKey, _ arguments: any MessageArgument...) -> String {
        Message.key(key, arguments.map(\.asMessage)).text(context.language)
    }

    /// A list of names in the reader's language (`a, b` / `a、b`).
    func list(_ names: some Sequence<String>) -> String {
        names.joinedAsList(in: context.language)
    }

    /// A column's heading in messages: `statement`, or 表 in Chinese.
    static func heading(_ column: String) -> Message {
        MessageKey(rawValue: "column." + column).map { Message($0) } ?? .literal(column)
    }
}

/// Counts the divisions by zero of one evaluation, by expression. Filters run on several
/// threads at once, so the counts are kept under a lock.
final class ZeroDivisions: @unchecked Sendable {
    private var counts: [(expression: String, rows: Int)] = []
    private let lock = Lock()

    func record(_ expression: String) {
        lock.withLock {
            if let i = counts.firstIndex(where: { $0.expression == expression }) { counts[i].rows += 1 } else { counts.append((expression, 1)) }
        }
    }

    func notes(_ language: Language) -> [String] {
        lock.withLock {
            counts.map { Message(.noteDividesByZero, $0.expression, $0.rows).text(language) }
        }
    }
}

extension Frame {
    /// A frame over a result table (a `let` binding or a registered source).
    init(_ table: ResultTable) {
        var spans = table.sources
        while spans.count < table.rows.count { spans.append([]) }
        self = Frame.make(columns: table.columns, rows: table.rows, provenance: .spans(spans))
        if table.depths.count == table.rows.count { depths = table.depths }
    }
}
