import Foundation
import FiscalModel
import FiscalQuery
import FiscalShell

/// The SQL engine (`--engine sql`): runs the part of the query language that translates
/// (``SQLPlan``) inside the database, and gives the same table the in-memory engine gives —
/// rows, order, types, provenance and notes.
///
/// Where the in-memory engine would decide something about what a sum may add (several
/// measures or statements in one group, a total with its own parts, mixed units, disputed
/// facts), the executor finds out with a query first and answers ``ExecutorAnswer/notCompiled(stage:reason:)``,
/// so the shell runs the query in memory and says so: the engines never disagree silently.
public struct SQLExecutor: QueryExecutor {
    let database: any SQLDatabase
    /// The most mention spans a result fetches for `source row N`; above it the rows carry none
    /// (with a note).
    let provenanceLimit: Int
    /// The facts it queries: the assembled reports' where the store has them.
    let tables: SQLTables

    /// How many assembled facts the store holds (``QueryExecutor/assembledFactCount``): given,
    /// or counted when first asked (only the SQL engine asks, and counting ten million rows
    /// would hold up opening a workspace).
    public var assembledFactCount: Int? { counted?.value }
    private var counted: AssembledCount?

    /// An engine over `database`'s documents, or over its assembled reports when given how many
    /// facts they hold (``SQLTables``).
    public init(database: any SQLDatabase, assembledFacts: Int? = nil, provenanceLimit: Int = 1_000_000) {
        self.database = database
        self.tables = assembledFacts == nil ? .documents : .assembled
        self.counted = assembledFacts.map { n in AssembledCount { n } }
        self.provenanceLimit = provenanceLimit
    }

    /// An engine over `database`'s assembled facts, counted when first asked (a count that
    /// fails matches no reports, so the shell runs queries in memory).
    public static func assembled(_ database: any SQLDatabase) -> SQLExecutor {
        var executor = SQLExecutor(database: database, assembledFacts: 0)
        executor.counted = AssembledCount {
            (try? database.rows("SELECT COUNT(*) FROM assembled_facts", []).first?.first?.int).flatMap { $0 }.map(Int.init) ?? -1
        }
        return executor
    }

    public func execute(_ query: Query, in context: QueryContext) throws(QueryError) -> ExecutorAnswer {
        var plan: SQLPlan
        do {
            plan = try SQLPlan.compile(query, in: context, dialect: database.dialect, tables: tables)
        } catch {
            return .notCompiled(stage: error.stage, reason: error.reason)
        }
        do {
            if plan.level != nil {
                // A stated total is a 3- or 5-digit code with a longer one under it: without
                // such codes among the rows, there is none to leave out.
                var rows = plan
                rows.level = nil
                plan.mayHoldTotals = try exists("base WHERE length(code) = 3 OR length(code) = 5", rows)
            }
            if let refusal = try guardReason(plan, context: context) {
                return .notCompiled(stage: refusal.stage, reason: refusal.reason)
            }
            if let spec = plan.drill { return .table(try drill(plan, spec, context: context)) }
            return .table(plan.keys == nil ? try facts(plan, context: context) : try groups(plan, context: context))
        } catch let error as QueryError {
            throw error
        } catch let error as SQLPlan.NotCompiled {
            return .notCompiled(stage: error.stage, reason: error.reason)
        } catch {
            throw QueryError(Message(.storeDatabaseFailed, database.location, "\(error)"))
        }
    }

    func rows(_ sql: String, _ plan: SQLPlan) throws -> [[SQLValue]] {
        try database.rows(sql, plan.arguments)
    }

    func exists(_ sql: String, _ plan: SQLPlan) throws -> Bool {
        try !rows("\(plan.base) SELECT 1 FROM \(sql) LIMIT 1", plan).isEmpty
    }

    // MARK: Facts

    /// A query that returns facts: filtered, sorted, cut and projected in SQL.
    func facts(_ plan: SQLPlan, context: QueryContext) throws -> ResultTable {
        let columns = plan.projection ?? SQLPlan.factColumns
        func order(_ prefix: String) -> String {
            (plan.order.map { key -> String in
                let c = SQLPlan.factColumn(key.name)!
                let column = c.type == .text ? database.dialect.ordered(prefix + c.sql) : prefix + c.sql
                return "\(column) \(key.descending ? "DESC NULLS LAST" : "ASC NULLS FIRST")"
            } + [prefix + "seq"]).joined(separator: ", ")
        }
        let limit = plan.limit.map { " LIMIT \($0)" } ?? ""
        let selected = SQLPlan.factColumns.map(\.sql) + ["amount", "seq", "report_id", "ordinal"]
        let sql = """
            \(plan.base), picked AS (SELECT \(selected.joined(separator: ", ")) FROM base ORDER BY \(order(""))\(limit))
            SELECT p.*, m.file, m.line, m.start_col, m.end_col FROM picked p
            JOIN \(tables.mentions) m ON m.report_id = p.report_id AND m.fact_ordinal = p.ordinal
            ORDER BY \(order("p.")), m.ordinal
            """
        let result = try rows(sql, plan)
        var table = ResultTable(columns: columns.map { ResultTable.Column($0.name, $0.type) })
        let n = SQLPlan.factColumns.count
        let textAmount = n, seqColumn = n + 1, spanColumn = n + 4
        let disputedColumn = SQLPlan.factColumns.firstIndex { $0.name == "disputed" }!
        var disputed = 0
        var i = 0
        while i < result.count {
            let row = result[i]
            var values: [Value] = []
            for c in columns {
                let k = SQLPlan.factColumns.firstIndex { $0.name == c.name }!
                values.append(c.type == .amount ? try amount(row[textAmount]) : value(row[k], c.type))
            }
            var spans: [SourceSpan] = []
            while i < result.count && result[i][seqColumn] == row[seqColumn] {
                spans.append(span(result[i], spanColumn))
                i += 1
            }
            table.append(values, sources: spans)
            if row[disputedColumn].int == 1 { disputed += 1 }
        }
        if disputed > 0 { table.notes.append(Message(.noteDisputed, disputed).text(context.language)) }
        return table
    }

    // MARK: Groups

    /// A grouped query: the groups in order of their first fact, with the aggregates computed in SQL.
    func groups(_ plan: SQLPlan, context: QueryContext) throws -> ResultTable {
        let keys = plan.keys!
        let aggregates: [String] = plan.aggregates.map { a in
            switch a.function {
            case .count: "COUNT(*)"
            case .countOf(let column): "COUNT(\(column))"
            case .sum: database.dialect.exactText("SUM(amount_e4)")
            case .min(let c): "MIN(\(c.sql))"
            case .max(let c): "MAX(\(c.sql))"
            }
        }
        // Over all the groups, before any LIMIT, in the same scan (a window over the groups): the
        // amounts' widest scale and the mentions provenance would list.
        // Grouped on a level, also whether some group adds several measures, units or statements
        // (the guard the other grouped queries run first, ``guardReason(_:context:)``).
        let adds = plan.level != nil && plan.sums ? SQLExecutor.added(plan) : []
        let overAll = ["MAX(MAX(amount_scale)) OVER ()", "CAST(SUM(SUM(mention_count)) OVER () AS BIGINT)"]
            + adds.map { "MAX(\(differs($0.column))) OVER ()" }
        let select = keys.map { $0.expression("") } + ["MIN(seq)"] + aggregates + ["SUM(disputed)"] + overAll
        let groupBy = keys.isEmpty ? "" : " GROUP BY " + keys.map { $0.expression("") }.joined(separator: ", ")
        let amounts = plan.aggregates.contains {
            switch $0.function {
            case .sum: true
            default: false
            }
        }
        let output = plan.groupedColumns
        // Sorted as the in-memory engine sorts: by the keys, ties in the order of the groups' first facts.
        let order = plan.order.map { key -> String in
            let column = output.first { $0.name == key.name }!
            // The expression, not an alias: PostgreSQL takes an alias in ORDER BY only bare.
            var expression = column.key.map { keys[$0].expression("") } ?? aggregates[column.aggregate!]
            if let a = column.aggregate, case .sum = plan.aggregates[a].function { expression = "SUM(amount_e4)" }
            let sorted = column.type == .text ? database.dialect.ordered(expression) : expression
            return "\(sorted) \(key.descending ? "DESC NULLS LAST" : "ASC NULLS FIRST")"
        } + ["MIN(seq)"]
        let limit = plan.limit.map { " LIMIT \($0)" } ?? ""
        let grouped = try rows("""
            \(plan.base) SELECT \(select.joined(separator: ", ")) FROM base\(groupBy)
            ORDER BY \(order.joined(separator: ", "))\(limit)
            """, plan)
        let widest = keys.count + 2 + plan.aggregates.count
        let scale = amounts ? Int(grouped.first?[widest].int ?? 0) : 0
        let mentions = grouped.first?[widest + 1].int ?? 0
        if let first = grouped.first, let add = adds.indices.first(where: { first[widest + 2 + $0].int == 1 }) {
            throw SQLPlan.NotCompiled(stage: "`sum`", reason: "a group adds \(adds[add].what)")
        }
        var table = ResultTable(columns: output.map { ResultTable.Column($0.name, $0.type) })
        var rowsOut: [[Value]] = []
        var disputed = 0
        let levelKeys = output.filter(\.levelName).compactMap(\.key)
        let names = levelKeys.isEmpty ? [:] : try levelNames(Set(grouped.flatMap { row in levelKeys.compactMap { row[$0].string } }), context: context)
        for row in grouped {
            var values: [Value] = []
            for column in output {
                if let k = column.key, column.levelName {
                    values.append(row[k].string.flatMap { names[$0] }.map(Value.text) ?? .null)
                } else if let k = column.key {
                    values.append(value(row[k], keys[k].type))
                } else if let a = column.aggregate {
                    let v = row[keys.count + 1 + a]
                    switch plan.aggregates[a].function {
                    case .count, .countOf: values.append(.integer(Int(v.int ?? 0)))
                    case .sum:
                        guard let sum = v.int128 else { values.append(.null); continue }
                        values.append(.amount(StoredAmount.fromFixed(sum, scale: scale)))
                    case .min(let c), .max(let c):
                        values.append(value(v, c.type))
                    }
                }
            }
            rowsOut.append(values)
            disputed += Int(row[keys.count + 1 + plan.aggregates.count].int ?? 0)
        }
        let spans = try groupSpans(plan, groups: grouped.map { Array($0[0..<keys.count]) }, mentions: mentions)
        for i in rowsOut.indices {
            table.append(rowsOut[i], sources: spans.map { $0[i] } ?? [])
        }
        if plan.level != nil { table.notes += try levelNotes(plan).map { $0.text(context.language) } }
        if disputed > 0 { table.notes.append(Message(.noteDisputed, disputed).text(context.language)) }
        if spans == nil {
            table.notes.append(Message(.noteNoProvenance, provenanceLimit).text(context.language))
        }
        return table
    }

    /// The in-memory engine's notes on grouping by a level: stated totals and rows without a code
    /// there left out.
    ///
    /// Counted in one scan of the filtered rows joined to the parent keys, as `finest` and `base`
    /// are made from them (``SQLPlan/base``).
    func levelNotes(_ plan: SQLPlan) throws -> [Message] {
        let isFinest = plan.mayHoldTotals ? "CASE WHEN p.parent_code IS NULL THEN 1 ELSE 0 END" : "1"
        let isKept = "CASE WHEN \(plan.mayHoldTotals ? "p.parent_code IS NULL AND " : "")length(a.code) >= \(plan.level!.digits) THEN 1 ELSE 0 END"
        let totals = plan.mayHoldTotals ? " LEFT JOIN parents p ON \(SQLPlan.isParent(within: SQLPlan.totalContext))" : ""
        let counts = try rows("""
            \(plan.base) SELECT COUNT(*), COALESCE(SUM(\(isFinest)), 0), COALESCE(SUM(\(isKept)), 0)
            FROM filtered a\(totals)
            """, plan)[0]
        let filtered = Int(counts[0].int ?? 0), finest = Int(counts[1].int ?? 0), kept = Int(counts[2].int ?? 0)
        var notes: [Message] = []
        let dropped = filtered - finest, left = finest - kept
        if dropped > 0 { notes.append(Message(.noteGroupLevelTotals, dropped)) }
        if left > 0 { notes.append(Message(.noteGroupNoCode, left)) }
        return notes
    }

    /// Per group (in `groups` order) the spans of its facts' mentions, as the in-memory engine
    /// lists them; `nil` when there are more than ``provenanceLimit`` (`mentions`: how many all
    /// the groups' facts have).
    func groupSpans(_ plan: SQLPlan, groups: [[SQLValue]], mentions: Int64) throws -> [[SourceSpan]]? {
        guard mentions <= provenanceLimit else { return nil }
        let keys = plan.keys!
        var index: [[SQLValue]: Int] = [:]
        for (i, g) in groups.enumerated() { index[g] = i }
        var spans = [[SourceSpan]](repeating: [], count: groups.count)
        let select = keys.map { $0.expression("b.") } + ["m.file", "m.line", "m.start_col", "m.end_col"]
        let result = try rows("""
            \(plan.base) SELECT \(select.joined(separator: ", ")) FROM base b
            JOIN \(tables.mentions) m ON m.report_id = b.report_id AND m.fact_ordinal = b.ordinal ORDER BY b.seq, m.ordinal
            """, plan)
        for row in result {
            guard let g = index[Array(row[0..<keys.count])] else { continue }
            spans[g].append(span(row, keys.count))
        }
        return spans
    }

    // MARK: Values

    func value(_ v: SQLValue, _ type: ResultTable.ColumnType) -> Value {
        switch (v, type) {
        case (.null, _): .null
        case (.integer(let i), .bool): .bool(i != 0)
        case (.integer(let i), .integer): .integer(Int(i))
        case (.text(let s), _): .text(s)
        case (.integer(let i), _): .text(String(i))
        }
    }

    func amount(_ v: SQLValue) throws -> Value {
        guard let text = v.string, let a = StoredAmount.parse(text) else { return .null }
        return .amount(a)
    }

    func span(_ row: [SQLValue], _ i: Int) -> SourceSpan {
        SourceSpan(file: row[i].string ?? "", line: Int(row[i + 1].int ?? 0), startColumn: Int(row[i + 2].int ?? 1),
                   endColumn: Int(row[i + 3].int ?? 1))
    }

}

/// A count worked out once, when first asked, on whichever thread asks.
final class AssembledCount: @unchecked Sendable {
    private let lock = NSLock()
    private var known: Int?
    private let count: @Sendable () -> Int

    init(_ count: @escaping @Sendable () -> Int) { self.count = count }

    var value: Int {
        lock.lock()
        defer { lock.unlock() }
        if let known { return known }
        let n = count()
        known = n
        return n
    }
}
