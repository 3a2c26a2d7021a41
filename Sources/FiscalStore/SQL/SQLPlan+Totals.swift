/// Stated totals in SQL: which rows are a total with its parts among the rows (a code with a
/// longer code under it, in one context), found by joins on equalities.
extension SQLPlan {
    /// The columns within which one fact can be a part of another's total, as in memory.
    static let totalContext = ["entity", "year", "phase", "statement", "fund", "measure"]

    /// A query for the stated totals' keys among `rows`: each context (`columns`) with every code
    /// of it that has a longer code under it there (`parent_code`), once.
    ///
    /// Codes have 3, 5 or 7 digits, so only a code of 3 or 5 digits can be a total, and its parts
    /// are the longer codes that start with it. The keys are found from the totals' side: the
    /// distinct short codes of each context (few: the 类 and 款 rows of a report's tables) joined
    /// with the rows on the context and on the first 3 (or 5) digits of their code. Every
    /// condition is an equality, which a planner hashes with the short codes as the small side;
    /// where `rows` has no short code, the join is empty and PostgreSQL does not scan the rows
    /// for it. The two halves never meet (`UNION ALL`). A row is a stated total with its parts
    /// among `rows` exactly when its context and code are among these keys (``isParent(within:)``).
    ///
    /// Two forms came before. A correlated `EXISTS` on `a.code IN (substr(b.code, 1, 3),
    /// substr(b.code, 1, 5))` and `x = y OR both NULL` tried every pair of rows in one context
    /// (quadratic; in `drill`'s select list a subplan per row). Then the distinct prefixes of
    /// every row, joined back with every row: right, but at 10M facts PostgreSQL sorted all of
    /// them for a merge join, 200 s for a guard that found nothing.
    static func parentKeys(of rows: String, within columns: [String]) -> String {
        let context = distinct(columns)
        let same = context.map { c in
            neverNull.contains(c)
                ? "t.\(c) = b.\(c)"
                : "COALESCE(t.\(c), '') = COALESCE(b.\(c), '') AND (t.\(c) IS NULL) = (b.\(c) IS NULL)"
        }
        let select = context.map { "t.\($0), " }.joined()
        let inner = context.map { $0 + ", " }.joined()
        return [3, 5].map { digits in
            """
            SELECT DISTINCT \(select)t.code AS parent_code
            FROM (SELECT DISTINCT \(inner)code FROM \(rows) WHERE length(code) = \(digits)) t
            JOIN \(rows) b ON \((same + ["substr(b.code, 1, \(digits)) = t.code"]).joined(separator: " AND ")) AND length(b.code) > \(digits)
            """
        }.joined(separator: " UNION ALL ")
    }

    /// SQL that holds when row `a` is a stated total of the parent keys `p` (``parentKeys(of:within:)``):
    /// its code is a parent there, and it agrees with them on `columns`, a missing value equal
    /// to a missing one.
    ///
    /// Every condition is an equality, so that a planner can hash the join: a column the schema
    /// may leave empty (all of them text) is compared as `COALESCE(x, '')` and `x IS NULL`, which
    /// together tell every value and NULL apart.
    static func isParent(within columns: [String]) -> String {
        (distinct(columns).map { c in
            neverNull.contains(c)
                ? "a.\(c) = p.\(c)"
                : "COALESCE(a.\(c), '') = COALESCE(p.\(c), '') AND (a.\(c) IS NULL) = (p.\(c) IS NULL)"
        } + ["a.code = p.parent_code"]).joined(separator: " AND ")
    }

    /// `columns` without repeats, first first (a key may also be a context column; a table
    /// cannot have two columns of one name).
    static func distinct(_ columns: [String]) -> [String] {
        var seen = Set<String>()
        return columns.filter { seen.insert($0).inserted }
    }

    /// The columns of a facts table that are `NOT NULL` (``WorkspaceSchema/factsTable(_:)``).
    static let neverNull: Set<String> = ["report_id", "ordinal", "seq", "entity", "year", "phase", "statement", "item",
                                         "measure", "amount", "amount_scale", "unit", "derived", "disputed", "file", "line",
                                         "mention_count"]
}
