import FiscalModel
import FiscalQuery

/// A pipeline translated for the SQL engine: the rows it reads (a `WHERE` over `facts`), and
/// either the facts themselves (sorted, cut, projected) or their groups and aggregates.
///
/// The plan keeps to what SQL and fiscal compute alike; ``SQLPlan/compile(_:in:dialect:)`` says
/// which stage does not translate, so the shell can run the query in memory instead.
struct SQLPlan {
    /// A column of `facts` as queries name it.
    struct FactColumn {
        var name: String
        var sql: String
        var type: ResultTable.ColumnType
        /// For a 类/款/项 key: the level (the column is the code's ancestor there, and its name follows).
        var level: ClassificationCode.Level? = nil

        /// The column's SQL with its table written as `prefix` (`b.`), where a join needs it.
        func expression(_ prefix: String) -> String {
            guard let level else { return prefix + sql }
            return "substr(\(prefix)code, 1, \(level.digits))"
        }
    }

    /// The columns of the `facts` source (``FactTable/columns``) and the SQL that reads each.
    static let factColumns: [FactColumn] = FactTable.columns.map { c in
        let sql: String =
            switch c.name {
            case "amount": "amount_e4"
            default: c.name
            }
        return FactColumn(name: c.name, sql: sql, type: c.type)
    }

    static func factColumn(_ name: String) -> FactColumn? {
        let canonical = FieldNames.canonical(name)
        return factColumns.first { $0.name == canonical }
    }

    /// One aggregate of `agg`.
    struct AggregateColumn {
        enum Function { case count, countOf(String), sum, min(FactColumn), max(FactColumn) }
        var name: String
        var function: Function
        var type: ResultTable.ColumnType
    }

    /// Where translation stopped: the stage, as written, and why.
    struct NotCompiled: Error {
        var stage: String
        var reason: String
    }

    /// `WHERE` conditions over `facts` (joined by AND), with their bound values.
    var conditions: [String] = []
    var arguments: [SQLValue] = []
    /// The group keys (`facts` columns); `nil` for a query that returns facts.
    var keys: [FactColumn]?
    /// The 类/款/项 grouped on, if one is: the rows are then the finest stated with a code at that
    /// level (see ``base``).
    var level: ClassificationCode.Level?
    /// Whether the filtered rows may hold a stated total with its parts: `false` once the
    /// executor has found no 3- or 5-digit code among them (a total is such a code with a longer
    /// one under it), and ``base`` then leaves out the join that finds the totals.
    var mayHoldTotals = true
    var aggregates: [AggregateColumn] = []
    /// Sort keys, first first: output column names and direction.
    var order: [(name: String, descending: Bool)] = []
    var limit: Int?
    /// The columns a fact query returns (`select`), `nil` for all.
    var projection: [FactColumn]?
    /// Whether the plan compares or sums amounts (which needs every amount at the fixed scale).
    var usesAmounts = false
    /// Whether a fact query is sorted by amount (a note when units differ: run in memory).
    var sortsByAmount = false
    /// `drill` over the filtered facts, as the last stage (or the source).
    var drill: DrillSpec?
    let dialect: SQLDialect
    /// The facts it reads.
    let tables: SQLTables

    init(dialect: SQLDialect, tables: SQLTables = .documents) {
        self.dialect = dialect
        self.tables = tables
    }

    /// Whether the plan sums (and so must check what it adds: measures, units, statements, totals).
    var sums: Bool { aggregates.contains { if case .sum = $0.function { true } else { false } } }

    /// The output columns of a grouped plan, as the in-memory engine makes them: the keys, then
    /// each aggregate (replacing a key of the same name).
    var groupedColumns: [(name: String, type: ResultTable.ColumnType, key: Int?, aggregate: Int?, levelName: Bool)] {
        var columns: [(name: String, type: ResultTable.ColumnType, key: Int?, aggregate: Int?, levelName: Bool)] = []
        for (i, k) in (keys ?? []).enumerated() {
            columns.append((k.name, k.type, i, nil, false))
            // 类/款/项 are two columns, as in memory: the level's code and its name.
            if let level = k.level { columns.append((level.name, .text, i, nil, true)) }
        }
        for (i, a) in aggregates.enumerated() {
            columns.removeAll { $0.name == a.name }
            columns.append((a.name, a.type, nil, i, false))
        }
        return columns
    }

    // MARK: Compiling

    /// Translates `query`, or says which stage does not translate.
    static func compile(_ query: Query, in context: QueryContext, dialect: SQLDialect, tables: SQLTables = .documents) throws(NotCompiled) -> SQLPlan {
        var plan = SQLPlan(dialect: dialect, tables: tables)
        let pipeline = query.pipeline
        if query.binding != nil { throw NotCompiled(stage: "`let`", reason: "results are bound in memory") }
        if case .drill(let spec) = pipeline.source {
            if let next = pipeline.stages.first { throw NotCompiled(stage: stageName(next), reason: "after `drill` it runs in memory") }
            plan.drill = spec
            plan.usesAmounts = true
            return plan
        }
        guard case .named(let name) = pipeline.source, ["facts", "事实"].contains(name.text),
              context.bindings[name.text] == nil, context.sources[name.text] == nil
        else {
            throw NotCompiled(stage: "the source", reason: "only `facts` is stored as a table")
        }
        let stages = pipeline.stages
        var i = 0
        var limited = false
        var projected = false
        while i < stages.count {
            let stage = stages[i]
            if projected { throw NotCompiled(stage: stageName(stage), reason: "only as the last stage after `select`") }
            switch stage {
            case .filter(let e, _):
                guard plan.keys == nil, !limited, plan.order.isEmpty else {
                    throw NotCompiled(stage: "`where`", reason: "only before `group`, `sort` and `limit`")
                }
                plan.conditions.append(try plan.condition(e))
            case .group(let keys, _):
                guard i + 1 < stages.count, case .aggregate(let specs, _) = stages[i + 1] else {
                    throw NotCompiled(stage: "`group`", reason: "only followed by `agg` (or `sum`, `count`)")
                }
                try plan.group(keys, specs, limited: limited)
                i += 1
            case .aggregate(let specs, _):
                try plan.group([], specs, limited: limited)
            case .sort(let keys, _):
                guard !limited else { throw NotCompiled(stage: "`sort`", reason: "only before `limit`") }
                var order: [(String, Bool)] = []
                for k in keys { order.append((try plan.sortColumn(k.expr), k.descending)) }
                plan.order = order + plan.order
            case .top(let n, let key, _):
                guard !limited else { throw NotCompiled(stage: "`top`", reason: "only once, before any `limit`") }
                plan.order = [(try plan.sortColumn(key), true)] + plan.order
                plan.limit = max(0, n)
                limited = true
            case .limit(let n, _):
                plan.limit = min(plan.limit ?? Int.max, max(0, n))
                limited = true
            case .select(let exprs, _):
                guard plan.keys == nil else { throw NotCompiled(stage: "`select`", reason: "only on facts, not after `agg`") }
                var columns: [FactColumn] = []
                for e in exprs {
                    guard case .field(let n) = e, let c = factColumn(n.text), c.name == n.text else {
                        throw NotCompiled(stage: "`select`", reason: "only fields of `facts`, written as named")
                    }
                    columns.append(c)
                }
                plan.projection = columns
                projected = true
            case .drill(let spec):
                guard plan.keys == nil, !limited, plan.order.isEmpty, i == stages.count - 1 else {
                    throw NotCompiled(stage: "`drill`", reason: "only after `where`, as the last stage")
                }
                plan.drill = spec
                plan.usesAmounts = true
            default:
                throw NotCompiled(stage: stageName(stage), reason: "it has no SQL translation yet")
            }
            i += 1
        }
        return plan
    }

    /// The stage's keyword, for messages.
    static func stageName(_ stage: Stage) -> String {
        switch stage {
        case .filter: "`where`"
        case .group: "`group`"
        case .aggregate: "`agg`"
        case .sort: "`sort`"
        case .limit: "`limit`"
        case .top: "`top`"
        case .share: "`share`"
        case .select: "`select`"
        case .derive: "`derive`"
        case .drill: "`drill`"
        case .compare: "`compare`"
        case .chart: "`chart`"
        }
    }

    mutating func group(_ keyExprs: [Expr], _ specs: [AggregateSpec], limited: Bool) throws(NotCompiled) {
        guard keys == nil, !limited, order.isEmpty else {
            throw NotCompiled(stage: "`group`", reason: "only once, before `sort` and `limit`")
        }
        var keyColumns: [FactColumn] = []
        for k in keyExprs {
            if case .field(let n) = k, SQLPlan.factColumn(n.text) == nil, ["类", "款", "项"].contains(FieldNames.canonical(n.text)),
               let level = ClassificationCode.Level(name: FieldNames.canonical(n.text)) {
                guard self.level == nil else { throw NotCompiled(stage: "`group`", reason: "on one of 类, 款 and 项 at a time") }
                self.level = level
                keyColumns.append(FactColumn(name: "code", sql: "substr(code, 1, \(level.digits))", type: .text, level: level))
                continue
            }
            guard case .field(let n) = k, let c = SQLPlan.factColumn(n.text), c.name != "amount" else {
                throw NotCompiled(stage: "`group`", reason: "only on fields of `facts` other than amount, and on 类, 款 or 项")
            }
            keyColumns.append(c)
        }
        var columns: [AggregateColumn] = []
        for s in specs {
            switch (s.function, s.argument) {
            case (.count, nil):
                columns.append(AggregateColumn(name: s.name, function: .count, type: .integer))
            case (.count, .field(let n)?):
                guard let c = SQLPlan.factColumn(n.text) else { throw NotCompiled(stage: "`agg`", reason: "count of `\(n.text)`") }
                columns.append(AggregateColumn(name: s.name, function: .countOf(c.sql), type: .integer))
            case (.sum, .field(let n)?) where SQLPlan.factColumn(n.text)?.name == "amount":
                columns.append(AggregateColumn(name: s.name, function: .sum, type: .amount))
                usesAmounts = true
            case (.min, .field(let n)?), (.max, .field(let n)?):
                guard let c = SQLPlan.factColumn(n.text), c.type == .integer else {
                    throw NotCompiled(stage: "`agg`", reason: "min and max only of year and line")
                }
                columns.append(AggregateColumn(name: s.name, function: s.function == .min ? .min(c) : .max(c), type: c.type))
            default:
                throw NotCompiled(stage: "`agg`", reason: "only count(), count(field), sum(amount), and min and max of year or line; `\(s.function.rawValue)` runs in memory")
            }
        }
        keys = keyColumns
        aggregates = columns
    }

    /// The output column a sort key names.
    mutating func sortColumn(_ e: Expr) throws(NotCompiled) -> String {
        guard case .field(let n) = e else { throw NotCompiled(stage: "`sort`", reason: "only by a column") }
        if keys != nil {
            if FieldNames.canonical(n.text) == "amount", keys!.contains(where: { $0.name == "unit" }) {
                throw NotCompiled(stage: "`sort \(n.text)`", reason: "the rows may be in several units, which the in-memory engine notes")
            }
            let names = groupedColumns.map(\.name)
            if names.contains(n.text) { return n.text }
            let canonical = FieldNames.canonical(n.text)
            if names.contains(canonical) { return canonical }
            throw NotCompiled(stage: "`sort`", reason: "no column `\(n.text)` after `agg`")
        }
        guard let c = SQLPlan.factColumn(n.text) else { throw NotCompiled(stage: "`sort`", reason: "no column `\(n.text)` in facts") }
        if c.name == "amount" { usesAmounts = true; sortsByAmount = true }
        return c.name
    }

    // MARK: Conditions

    mutating func bind(_ v: SQLValue) -> String {
        arguments.append(v)
        return dialect.placeholder(arguments.count)
    }

    /// A condition as SQL that is never NULL (fiscal's tests are two-valued: a comparison with a
    /// missing value is false, and `!=` holds between a missing value and any other).
    mutating func condition(_ e: Expr) throws(NotCompiled) -> String {
        switch e {
        case .binary(.and, let l, let r, _): return "(\(try condition(l)) AND \(try condition(r)))"
        case .binary(.or, let l, let r, _): return "(\(try condition(l)) OR \(try condition(r)))"
        case .not(let inner, _): return "(NOT \(try condition(inner)))"
        case .bool(let b, _): return b ? "(1 = 1)" : "(1 = 0)"
        case .binary(let op, .field(let n), let literal, _) where op != .plus && op != .minus && op != .times && op != .divide:
            guard let c = SQLPlan.factColumn(n.text) else { throw unsupported(e) }
            if case .null = literal {
                switch op {
                case .equal: return "(\(c.sql) IS NULL)"
                case .notEqual: return "(\(c.sql) IS NOT NULL)"
                default: throw unsupported(e)
                }
            }
            let value = try self.literal(literal, for: c, e)
            if op == .contains {
                guard c.type == .text, case .text = value else { throw unsupported(e) }
                return "((\(dialect.position(c.sql, bind(value))) > 0) IS TRUE)"
            }
            guard c.type != .bool || op == .equal || op == .notEqual else { throw unsupported(e) }
            let sqlOp = op == .notEqual ? "<>" : op.rawValue
            let column = c.type == .text ? dialect.ordered(c.sql) : c.sql
            let placeholder = bind(value)
            if op == .notEqual { return "(\(c.sql) IS NULL OR \(column) <> \(placeholder))" }
            return "((\(column) \(sqlOp) \(placeholder)) IS TRUE)"
        case .isIn(.field(let n), let items, let negated, _):
            guard let c = SQLPlan.factColumn(n.text), !items.isEmpty else { throw unsupported(e) }
            var placeholders: [String] = []
            for item in items {
                if case .null = item { throw unsupported(e) }
                placeholders.append(bind(try literal(item, for: c, e)))
            }
            let test = "((\(c.sql) IN (\(placeholders.joined(separator: ", ")))) IS TRUE)"
            return negated ? "(NOT \(test))" : test
        case .under(.field(let n), let code, _):
            guard let c = SQLPlan.factColumn(n.text), c.type == .text else { throw unsupported(e) }
            let length = code.rawValue.count
            return "((substr(\(c.sql), 1, \(length)) = \(bind(.text(code.rawValue)))) IS TRUE)"
        default:
            throw unsupported(e)
        }
    }

    /// A literal compared with column `c`, as the column stores it; anything the in-memory engine
    /// would compare differently (or refuse) does not translate.
    mutating func literal(_ literal: Expr, for c: FactColumn, _ e: Expr) throws(NotCompiled) -> SQLValue {
        switch (c.type, literal) {
        case (.text, .text(let s, _)):
            return .text(s)
        case (.integer, .number(let a, _)):
            let n = a.normalized
            guard n.scale == 0, let i = Int64(exactly: n.mantissa) else { throw unsupported(e) }
            return .integer(i)
        case (.amount, .number(let a, _)):
            guard let fixed = StoredAmount.fixed(a.normalized) else { throw unsupported(e) }
            usesAmounts = true
            return .integer(fixed)
        case (.bool, .bool(let b, _)):
            return .integer(b ? 1 : 0)
        default:
            throw unsupported(e)
        }
    }

    func unsupported(_ e: Expr) -> NotCompiled {
        NotCompiled(stage: "`where \(e.sourceText)`", reason: "only comparisons of a field of `facts` with a literal of its type, `~`, `in`, `under`, and/or/not")
    }

    /// `facts` filtered: the common table expression every statement of the plan starts with.
    ///
    /// Grouped on a level, `base` holds what the in-memory engine adds up there: the filtered
    /// facts (`filtered`) less each stated total whose parts are among them in its context
    /// (`finest`: a code with a longer code under it, same entity, year, phase, statement, fund
    /// and measure — found among the ``parentKeys(of:within:)``), less those without a code at
    /// the level. Where the rows hold no total (``mayHoldTotals``), `finest` is `filtered`, and
    /// no statement joins them with the parent keys: at 100M facts on PostgreSQL that join cost
    /// a scan's time again for every statement, even when it found nothing.
    var base: String {
        let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        let rows = "SELECT * FROM \(tables.facts)\(filter)"
        guard let level else { return "WITH " + dialect.inlined("base", rows) }
        guard mayHoldTotals else {
            return "WITH " + [
                dialect.inlined("filtered", rows),
                dialect.inlined("finest", "SELECT * FROM filtered"),
                dialect.inlined("base", "SELECT * FROM finest WHERE length(code) >= \(level.digits)"),
            ].joined(separator: ",\n")
        }
        return "WITH " + [
            dialect.inlined("filtered", rows),
            "parents AS (\(SQLPlan.parentKeys(of: "filtered", within: SQLPlan.totalContext)))",
            dialect.inlined("finest", "SELECT a.* FROM filtered a LEFT JOIN parents p ON \(SQLPlan.isParent(within: SQLPlan.totalContext)) WHERE p.parent_code IS NULL"),
            dialect.inlined("base", "SELECT * FROM finest WHERE length(code) >= \(level.digits)"),
        ].joined(separator: ",\n")
    }
}
