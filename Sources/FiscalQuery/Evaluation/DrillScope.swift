import FiscalModel

/// The choices `drill` makes about its scope so that nothing counts twice — one statement, one
/// measure, the latest year and phase — and the notes that say them. Both engines make them:
/// the in-memory engine over rows, the SQL engine over counts the database returns.
public enum DrillScope {
    /// The statements drill prefers, first first.
    public static let preferredStatements = ["支出", Statement.generalBudgetExpenditure.rawValue, Statement.fiscalAppropriation.rawValue]

    /// The statement to keep among `counts` (rows per value): the first preferred one there, else
    /// the one with most coded facts (ties: the first in order).
    public static func statement(_ counts: [String?: Int]) -> String? {
        if let preferred = preferredStatements.first(where: { counts[$0] != nil }) { return preferred }
        return counts.max { a, b in a.value != b.value ? a.value < b.value : order(a.key, b.key) > 0 }?.key ?? nil
    }

    /// The measure to keep: the figures with none when some have none, else 合计, else the first in order.
    public static func measure(_ counts: [String?: Int]) -> String? {
        if counts.keys.contains(nil) { return nil }
        return counts.keys.contains("合计") ? "合计" : counts.keys.compactMap { $0 }.min()
    }

    /// -1, 0 or 1 as `a` sorts before, with or after `b` (no value first).
    static func order(_ a: String?, _ b: String?) -> Int {
        switch (a, b) {
        case (nil, nil): 0
        case (nil, _): -1
        case (_, nil): 1
        case (let x?, let y?): x < y ? -1 : (x == y ? 0 : 1)
        }
    }

    /// The note saying which value of `column` drill kept among `values`.
    public static func countsNote(_ column: String, pick: String?, values: Set<String?>, language: Language) -> String {
        let others = values.filter { $0 != pick }.map { $0 ?? "—" }.sorted()
            .joinedAsList(in: language)
        let heading = Evaluator.heading(column)
        let counted = pick.map { Message(.drillCountsValue, heading, $0) } ?? Message(.drillCountsNone, heading)
        return Message(.noteDrillCounts, counted, heading, others, column).text(language)
    }

    /// The note saying drill kept `year`'s figures (决算 when `final`) of `count` years and phases.
    public static func latestNote(year: Int, final: Bool, of count: Int, language: Language) -> String {
        Message(.noteDrillLatest, year, final ? Phase.final.rawValue : Phase.budget.rawValue, count).text(language)
    }

    /// The note saying drill added up `count` entities.
    public static func entitiesNote(_ count: Int, language: Language) -> String {
        Message(.noteDrillEntities, count).text(language)
    }
}
