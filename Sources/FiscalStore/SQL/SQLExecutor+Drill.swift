import FiscalModel
import FiscalQuery
import FiscalShell

/// `drill` in the database: the scope chosen with a few counting queries, the stated totals
/// found and the figures summed per code in SQL, the tree rolled up from those sums
/// (``FiscalQuery/DrillTree``, as the in-memory engine does) — so a corpus larger than memory
/// drills on PostgreSQL.
extension SQLExecutor {
    func drill(_ plan: SQLPlan, _ spec: DrillSpec, context: QueryContext) throws -> ResultTable {
        var spec = spec
        if let name = spec.name, spec.code == nil {
            guard let code = context.codeForName(name.text) else {
                throw SQLPlan.NotCompiled(stage: "`drill \(name.text)`", reason: "a name the catalog does not hold is looked up among the loaded items")
            }
            spec.code = code
        }
        let language = context.language
        var scope = plan
        scope.level = nil
        scope.conditions.append("(code IS NOT NULL)")
        var notes: [String] = []
        // The scope's choices, made from one grouped scan: per statement, measure, year, 决算 or
        // not, and unit, how many rows (a few groups, whatever the number of facts), and whether
        // any has a 3- or 5-digit code (without one, no row is a stated total).
        let final = Phase.final.rawValue
        var shapeQuery = scope
        let isFinal = shapeQuery.bind(.text(final))
        var shape = try rows("""
            \(scope.base) SELECT statement, measure, year, CASE WHEN phase = \(isFinal) THEN 1 ELSE 0 END, unit, COUNT(*),
              MAX(CASE WHEN length(code) = 3 OR length(code) = 5 THEN 1 ELSE 0 END)
            FROM base GROUP BY 1, 2, 3, 4, 5
            """, shapeQuery).map { r in
            ScopeGroup(statement: r[0].string, measure: r[1].string, year: Int(r[2].int ?? Int64(Int32.min)),
                       final: r[3].int == 1, unit: r[4].string, count: Int(r[5].int ?? 0), short: r[6].int == 1)
        }
        // One statement and one measure, as the in-memory engine chooses them (DrillScope).
        for (column, choose) in [("statement", DrillScope.statement), ("measure", DrillScope.measure)] as [(String, ([String?: Int]) -> String?)] {
            func value(_ g: ScopeGroup) -> String? { column == "statement" ? g.statement : g.measure }
            var byValue: [String?: Int] = [:]
            for g in shape { byValue[value(g), default: 0] += g.count }
            guard byValue.count > 1 else { continue }
            let pick = choose(byValue)
            notes.append(DrillScope.countsNote(column, pick: pick, values: Set(byValue.keys), language: language))
            scope.conditions.append(pick.map { "(\(column) = \(scope.bind(.text($0))))" } ?? "(\(column) IS NULL)")
            shape = shape.filter { value($0) == pick }
        }
        // The latest year, and 决算 before 预算 within it.
        let keys = Array(Set(shape.map { [$0.year, $0.final ? 1 : 0] })).map { (year: $0[0], final: $0[1] == 1) }
        if keys.count > 1 {
            let latest = keys.max { ($0.year, $0.final ? 1 : 0) < ($1.year, $1.final ? 1 : 0) }!
            // Bound in the order the placeholders are written (SQLite's `?` are positional).
            let year = scope.bind(.integer(Int64(latest.year)))
            let phase = latest.final ? "phase = \(scope.bind(.text(final)))" : "(phase IS NULL OR phase <> \(scope.bind(.text(final))))"
            scope.conditions.append("(year = \(year) AND \(phase))")
            notes.append(DrillScope.latestNote(year: latest.year, final: latest.final, of: keys.count, language: language))
            shape = shape.filter { $0.year == latest.year && $0.final == latest.final }
        }
        let units = Set(shape.compactMap(\.unit)).sorted()
        if units.count > 1 {
            throw QueryError(Message(.evalDrillUnits, units.joined(separator: ", ")), at: spec.span, hint: Message(.hintFilterUnitDrill, units[0]))
        }
        let entities = try rows("\(scope.base) SELECT COUNT(DISTINCT entity) FROM base", scope).first?.first?.int ?? 0
        if entities > 1 { notes.append(DrillScope.entitiesNote(Int(entities), language: language)) }
        // Per code, the stated totals (a code with a code under it in its context) apart: joined
        // to the parent keys, once each, rather than an `EXISTS` run for every row; without a
        // 3- or 5-digit code in the scope, none is a total and nothing is joined.
        let marked = shape.contains(where: \.short) ? """
            \(scope.base), parents AS (\(SQLPlan.parentKeys(of: "base", within: SQLPlan.totalContext))),
            marked AS (SELECT a.*, CASE WHEN p.parent_code IS NULL THEN 0 ELSE 1 END AS total
              FROM base a LEFT JOIN parents p ON \(SQLPlan.isParent(within: SQLPlan.totalContext)) WHERE a.amount_e4 IS NOT NULL)
            """ : """
            \(scope.base), marked AS (SELECT a.*, 0 AS total FROM base a WHERE a.amount_e4 IS NOT NULL)
            """
        let sums = try rows("""
            \(marked) SELECT code, total, \(database.dialect.exactText("SUM(amount_e4)")), MAX(amount_scale),
              CAST(SUM(SUM(CASE WHEN total = 0 THEN mention_count ELSE 0 END)) OVER () AS BIGINT)
            FROM marked GROUP BY code, total ORDER BY code, total
            """, scope)
        let codes = Array(Set(sums.compactMap { $0[0].string })).sorted()
        let codeID = Dictionary(uniqueKeysWithValues: codes.enumerated().map { ($1, $0) })
        var tree = DrillTree(codes: codes, span: spec.span)
        for (i, row) in sums.enumerated() {
            guard let code = row[0].string, let sum = row[2].int128 else { continue }
            let amount = StoredAmount.fromFixed(sum, scale: Int(row[3].int ?? 0))
            try tree.add(code: codeID[code]!, amount: amount, total: row[1].int == 1, member: Int32(i))
        }
        // The names the table may ask for: the codes summed and the codes above them.
        var asked = Set(codes)
        for code in codes where code.count > 3 { asked.insert(String(code.prefix(3))); if code.count > 5 { asked.insert(String(code.prefix(5))) } }
        if let code = spec.code { asked.insert(code.rawValue) }
        let names = try levelNames(asked, context: context)
        let made = try tree.table(spec, name: { code in names[code.rawValue] }, language: language)
        var table = ResultTable(columns: made.columns)
        let spans = try drillSpans(marked, scope, shown: made.codes, mentions: sums.first?[4].int ?? 0)
        for (i, row) in made.rows.enumerated() {
            table.append(row, sources: spans?[i] ?? [], depth: made.depths?[i])
        }
        table.notes = notes + made.notes
        if spans == nil {
            table.notes.append(Message(.noteNoProvenance, provenanceLimit).text(language))
        }
        return table
    }

    /// Per shown code (in `shown` order), the spans of the figures rolled into it — those under
    /// it that are not stated totals, in the order of the facts — or `nil` above
    /// ``provenanceLimit`` mentions (`mentions`: how many the figures that are not stated totals have).
    func drillSpans(_ marked: String, _ scope: SQLPlan, shown: [ClassificationCode], mentions: Int64) throws -> [[SourceSpan]]? {
        guard mentions <= provenanceLimit else { return nil }
        var index: [ClassificationCode: [Int]] = [:]
        for (i, code) in shown.enumerated() { index[code, default: []].append(i) }
        var spans = [[SourceSpan]](repeating: [], count: shown.count)
        let result = try rows("""
            \(marked) SELECT k.code, m.file, m.line, m.start_col, m.end_col FROM marked k
            JOIN \(tables.mentions) m ON m.report_id = k.report_id AND m.fact_ordinal = k.ordinal
            WHERE k.total = 0 ORDER BY k.seq, m.ordinal
            """, scope)
        var lineages: [String: [Int]] = [:]
        for row in result {
            guard let raw = row[0].string else { continue }
            let targets = lineages[raw] ?? {
                let found = ClassificationCode(rawValue: raw)?.lineage.flatMap { index[$0] ?? [] } ?? []
                lineages[raw] = found
                return found
            }()
            for t in targets { spans[t].append(span(row, 1)) }
        }
        return spans
    }
}

/// One group of drill's scope scan: how many rows have this statement, measure, year, phase
/// (决算 or not) and unit, and whether any of them has a 3- or 5-digit code.
struct ScopeGroup {
    var statement: String?
    var measure: String?
    var year: Int
    var final: Bool
    var unit: String?
    var count: Int
    var short: Bool
}
