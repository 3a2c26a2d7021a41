import FiscalModel
import FiscalQuery

/// The SQL engine's guards: what would make its answer differ from the in-memory engine's, found
/// with as few scans of the rows as their order allows.
extension SQLExecutor {
    /// Why the in-memory engine must answer (it would add a note, leave rows out or refuse),
    /// `nil` when the SQL result is the same.
    ///
    /// Decided in the order the checks are written (the first that holds names the reason), with
    /// as few scans of the rows as that order allows: one grouped scan for what a group adds,
    /// one of the distinct items for the breakdowns and the named totals, and a join on the
    /// parent keys (``SQLPlan/parentKeys(of:within:)``) for a total with its parts.
    func guardReason(_ plan: SQLPlan, context: QueryContext) throws -> SQLPlan.NotCompiled? {
        if plan.usesAmounts, try exists("\(tables.facts) WHERE amount_e4 IS NULL", plan) {
            return SQLPlan.NotCompiled(stage: "amount", reason: "some amounts have more than \(WorkspaceSchema.fixedScale) decimals")
        }
        if plan.keys == nil {
            if plan.sortsByAmount, try spread(["unit"], groupedBy: [], plan) == ["unit"] {
                return SQLPlan.NotCompiled(stage: "`sort amount`", reason: "the rows are in several units")
            }
            return nil
        }
        guard plan.sums else { return nil }
        // Grouped on a level, the rows are the finest stated: no total has its parts among them,
        // and what a group adds is found by the grouped statement itself (``groups(_:context:)``).
        if plan.level != nil { return nil }
        let keys = plan.keys!.map { $0.expression("") }
        let adds = SQLExecutor.added(plan)
        let spread = try spread(adds.map(\.column), groupedBy: keys, plan)
        if let add = adds.first(where: { spread.contains($0.column) }) {
            return SQLPlan.NotCompiled(stage: "`sum`", reason: "a group adds \(add.what)")
        }
        let distinct = try rows("""
            \(plan.base) SELECT DISTINCT item, statement, code, CASE WHEN econ_code IS NULL THEN 0 ELSE 1 END FROM base
            """, plan)
        if mayHoldTwoBreakdowns(distinct, context: context) {
            return SQLPlan.NotCompiled(stage: "`sum`", reason: "the rows may hold two breakdowns of one total")
        }
        // A total and its own parts in one group: a code with a code under it, in one context.
        let context6 = keys + SQLPlan.totalContext
        if try !rows("""
            \(plan.base), parents AS (\(SQLPlan.parentKeys(of: "base", within: context6)))
            SELECT 1 FROM base a JOIN parents p ON \(SQLPlan.isParent(within: context6)) LIMIT 1
            """, plan).isEmpty {
            return SQLPlan.NotCompiled(stage: "`sum`", reason: "a group holds a stated total with its parts")
        }
        // A total by its wording (合计, the statement's own total, a named total) with other rows.
        let stems = Set(context.namedTotals.flatMap { $0.totals + $0.parts }.map(NamedTotal.stem))
        var totals: [(String, String)] = []
        var seen = Set<[String]>()
        for row in distinct {
            guard let item = row[0].string, let statement = row[1].string, seen.insert([item, statement]).inserted else { continue }
            if Evaluator.isTotalLabel(item) || Evaluator.isStatementTotal(FactKey.normalize(item), of: FactKey.normalize(statement))
                || stems.contains(NamedTotal.stem(item)) {
                totals.append((item, statement))
            }
        }
        if !totals.isEmpty {
            var guarded = plan
            var pairs: [String] = []
            for (item, statement) in totals {
                pairs.append("(\(guarded.bind(.text(item))), \(guarded.bind(.text(statement))))")
            }
            let context5 = keys + ["entity", "year", "phase", "statement", "measure"]
            if try exists("""
                (SELECT COUNT(*) AS n, MAX(CASE WHEN t.column1 IS NULL THEN 0 ELSE 1 END) AS has_total
                 FROM base LEFT JOIN (VALUES \(pairs.joined(separator: ", "))) AS t
                   ON t.column1 = base.item AND t.column2 = base.statement
                 GROUP BY \(context5.map { "base.\($0)" }.joined(separator: ", "))) g WHERE n > 1 AND has_total = 1
                """, guarded) {
                return SQLPlan.NotCompiled(stage: "`sum`", reason: "a group holds a total line (合计 or a named total) with other lines")
            }
        }
        return nil
    }

    /// The columns a group must hold one value of for its sum to add like figures, with what
    /// it would add otherwise: those of them the plan does not group by.
    static func added(_ plan: SQLPlan) -> [(column: String, what: String)] {
        let names = Set(plan.keys!.map(\.name))
        return [("measure", "several measures"), ("unit", "several units"), ("statement", "several statements")]
            .filter { !names.contains($0.0) }
    }

    /// SQL that is 1 when the grouped rows hold more than one value of `column`: its least and
    /// greatest differ, by code point (under a collation that calls distinct texts equal, MIN
    /// and MAX could agree).
    func differs(_ column: String) -> String {
        let c = database.dialect.ordered(column)
        return "CASE WHEN MIN(\(c)) < MAX(\(c)) THEN 1 ELSE 0 END"
    }

    /// Which of `columns` hold more than one value in some group of the rows (grouped by `keys`),
    /// found in one scan: more than one value where the least and the greatest differ, as
    /// `COUNT(DISTINCT …) > 1` says, but without sorting each group's values.
    func spread(_ columns: [String], groupedBy keys: [String], _ plan: SQLPlan) throws -> Set<String> {
        guard !columns.isEmpty else { return [] }
        let differ = columns.enumerated().map { i, c in "\(differs(c)) AS d\(i)" }
        let groupBy = keys.isEmpty ? "" : " GROUP BY " + keys.joined(separator: ", ")
        let found = try rows("""
            \(plan.base) SELECT \(columns.indices.map { "MAX(d\($0))" }.joined(separator: ", "))
            FROM (SELECT \(differ.joined(separator: ", ")) FROM base\(groupBy)) g
            """, plan).first ?? []
        return Set(columns.indices.filter { found.indices.contains($0) && found[$0].int == 1 }.map { columns[$0] })
    }

    /// Whether the rows hold two breakdowns of one total (``FiscalQuery/BreakdownMasks``: the
    /// 收支总表's 收入 by source with its 支出 by 类, 301 with 30101's line `X：Y` and `X`),
    /// decided from the distinct items, statements and codes they hold (`distinct`: item,
    /// statement, code, 1 when it has an economic code) as the in-memory engine decides it. When
    /// they do, the in-memory engine answers: it refuses the sum, or finds that the two never meet
    /// in one group and context.
    func mayHoldTwoBreakdowns(_ distinct: [[SQLValue]], context: QueryContext) -> Bool {
        var items: [String] = [], statements: [String] = [], codes: [String] = []
        var itemIDs: [String: Int32] = [:], statementIDs: [String: Int32] = [:], codeIDs: [String: Int32] = [:]
        func id(_ v: SQLValue, _ ids: inout [String: Int32], _ values: inout [String]) -> Int32 {
            guard let text = v.string else { return -1 }
            if let known = ids[text] { return known }
            ids[text] = Int32(values.count)
            values.append(text)
            return Int32(values.count - 1)
        }
        let rows = distinct.map { row in
            (item: id(row[0], &itemIDs, &items), statement: id(row[1], &statementIDs, &statements),
             code: id(row[2], &codeIDs, &codes), economic: row[3].int == 1)
        }
        let classes = BreakdownMasks(items: items, statements: statements, codes: codes, context: context)
        if classes.breaksDown { return true }
        var masks = Set<UInt32>()
        for r in rows {
            let m = classes.mask(item: r.item, statement: r.statement, code: r.code, economic: r.economic)
            if m != 0 { masks.insert(m) }
        }
        return BreakdownMasks.noCommonBreakdown(masks)
    }
}
