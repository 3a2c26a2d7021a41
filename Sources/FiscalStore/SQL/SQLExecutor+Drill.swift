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
        // One statement and one measure, as the in-memory engine chooses them (DrillScope).
        for (column, choose) in [("statement", DrillScope.statement), ("measure", DrillScope.measure)] as [(String, ([String?: Int]) -> String?)] {
            let counts = try rows("\(scope.base) SELECT \(column), COUNT(*) FROM base GROUP BY \(column)", scope)
            guard counts.count > 1 else { continue }
            var byValue: [String?: Int] = [:]
            for r in counts { byValue[r[0].string] = Int(r[1].int ?? 0) }
            let pick = choose(byValue)
            notes.append(DrillScope.countsNote(column, pick: pick, values: Set(byValue.keys), language: language))
            scope.conditions.append(pick.map { "(\(column) = \(scope.bind(.text($0))))" } ?? "(\(column) IS NULL)")
        }
        // The latest year, and 决算 before 预算 within it.
        let final = Phase.final.rawValue
        var periodsQuery = scope
        let finalPlaceholder = periodsQuery.bind(.text(final))
        let periods = try rows("\(scope.base) SELECT DISTINCT year, CASE WHEN phase = \(finalPlaceholder) THEN 1 ELSE 0 END FROM base", periodsQuery)
        if periods.count > 1 {
            let keys = periods.map { (year: Int($0[0].int ?? Int64(Int32.min)), final: $0[1].int == 1) }
            let latest = keys.max { ($0.year, $0.final ? 1 : 0) < ($1.year, $1.final ? 1 : 0) }!
            // Bound in the order the placeholders are written (SQLite's `?` are positional).
            let year = scope.bind(.integer(Int64(latest.year)))
            let phase = latest.final ? "phase = \(scope.bind(.text(final)))" : "(phase IS NULL OR phase <> \(scope.bind(.text(final))))"
            scope.conditions.append("(year = \(year) AND \(phase))")
            notes.append(DrillScope.latestNote(year: latest.year, final: latest.final, of: keys.count, language: language))
        }
        let units = try rows("\(scope.base) SELECT DISTINCT unit FROM base", scope).compactMap { $0[0].string }.sorted()
        if units.count > 1 {
            throw QueryError(Message(.evalDrillUnits, units.joined(separator: ", ")), at: spec.span, hint: Message(.hintFilterUnitDrill, units[0]))
        }
        let entities = try rows("\(scope.base) SELECT COUNT(DISTINCT entity) FROM base", scope).first?.first?.int ?? 0
        if entities > 1 { notes.append(DrillScope.entitiesNote(Int(entities), language: language)) }
        // Per code, the stated totals (a code with a code under it in its context) apart: joined
        // to the parent keys, once each, rather than an `EXISTS` run for every row.
        let marked = """
            \(scope.base), parents AS (\(SQLPlan.parentKeys(of: "base", within: SQLPlan.totalContext))),
            marked AS (SELECT a.*, CASE WHEN p.parent_code IS NULL THEN 0 ELSE 1 END AS total
              FROM base a LEFT JOIN parents p ON \(SQLPlan.isParent(within: SQLPlan.totalContext)) WHERE a.amount_e4 IS NOT NULL)
            """
        let sums = try rows("""
            \(marked) SELECT code, total, \(database.dialect.exactText("SUM(amount_e4)")), MAX(amount_scale)
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
        let spans = try drillSpans(marked, scope, shown: made.codes)
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
    /// ``provenanceLimit`` mentions.
    func drillSpans(_ marked: String, _ scope: SQLPlan, shown: [ClassificationCode]) throws -> [[SourceSpan]]? {
        let total = try rows("\(marked) SELECT COALESCE(SUM(mention_count), 0) FROM marked WHERE total = 0", scope).first?.first?.int ?? 0
        guard total <= provenanceLimit else { return nil }
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
