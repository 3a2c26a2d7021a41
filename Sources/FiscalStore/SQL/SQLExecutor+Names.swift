import FiscalModel
import FiscalQuery

/// The names the SQL engine gives level codes (类, 款, 项), as the in-memory engine names them.
extension SQLExecutor {
    /// The names of level codes, as the in-memory engine gives them: the catalog's, else the item
    /// the facts write that code with (the latest year's, the last stated). The codes the catalog
    /// does not name are looked up together, in three scans of the facts whatever their number
    /// (one query per code took a second each at 10M facts on PostgreSQL).
    func levelNames(_ codes: Set<String>, context: QueryContext) throws -> [String: String] {
        var names: [String: String] = [:]
        var unknown: [String] = []
        for raw in codes.sorted() {
            guard let code = ClassificationCode(rawValue: raw) else { continue }
            if let name = context.codeName(code) { names[raw] = name } else { unknown.append(raw) }
        }
        let dialect = database.dialect
        func list(_ n: Int) -> String { (1...n).map { dialect.placeholder($0) }.joined(separator: ", ") }
        for part in stride(from: 0, to: unknown.count, by: 500).map({ Array(unknown[$0..<min($0 + 500, unknown.count)]) }) {
            let latest = try database.rows("""
                SELECT f.code, MAX(f.seq) FROM \(tables.facts) f
                JOIN (SELECT code, MAX(year) AS y FROM \(tables.facts) WHERE code IN (\(list(part.count))) GROUP BY code) m
                  ON m.code = f.code AND m.y = f.year
                GROUP BY f.code
                """, part.map(SQLValue.text))
            let seqs = latest.compactMap { $0[1].int }
            guard !seqs.isEmpty else { continue }
            for row in try database.rows("SELECT code, item FROM \(tables.facts) WHERE seq IN (\(list(seqs.count)))", seqs.map(SQLValue.integer)) {
                if let code = row[0].string, let item = row[1].string { names[code] = item }
            }
        }
        return names
    }
}
