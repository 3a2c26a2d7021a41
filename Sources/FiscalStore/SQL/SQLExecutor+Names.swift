import FiscalModel
import FiscalQuery

/// The names the SQL engine gives level codes (类, 款, 项), as the in-memory engine names them.
extension SQLExecutor {
    /// The names of level codes, as the in-memory engine gives them: the catalog's, else the item
    /// the facts write that code with (the latest year's, the last stated). The codes the catalog
    /// does not name are looked up together, in two scans of the facts whatever their number
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
            // Per code and year, the last fact's seq, in one grouped scan; the latest year's is
            // kept here (a join on each code's latest year read the facts twice).
            var latest: [String: (year: Int64, seq: Int64)] = [:]
            for row in try database.rows("""
                SELECT code, year, MAX(seq) FROM \(tables.facts) WHERE code IN (\(list(part.count))) GROUP BY code, year
                """, part.map(SQLValue.text)) {
                guard let code = row[0].string, let year = row[1].int, let seq = row[2].int else { continue }
                if let known = latest[code], known.year >= year { continue }
                latest[code] = (year, seq)
            }
            let seqs = latest.values.map(\.seq).sorted()
            guard !seqs.isEmpty else { continue }
            for row in try database.rows("SELECT code, item FROM \(tables.facts) WHERE seq IN (\(list(seqs.count)))", seqs.map(SQLValue.integer)) {
                if let code = row[0].string, let item = row[1].string { names[code] = item }
            }
        }
        return names
    }
}
