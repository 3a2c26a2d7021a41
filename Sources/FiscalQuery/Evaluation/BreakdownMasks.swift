import FiscalModel

/// Which breakdowns of a total (``Breakdown``) a row belongs to, decided from the distinct values
/// of its item, statement and code: one bit per breakdown of ``QueryContext/breakdowns``. Both
/// engines use it — the in-memory engine per row, the SQL engine on the distinct values a query's
/// rows hold — so that they refuse the same sums.
public struct BreakdownMasks: Sendable {
    /// Per item: the breakdowns it belongs to by name (0 for a total, and for an item of none).
    public let itemMask: [UInt32]
    /// Per item: the items it breaks down (`货物` and `货物：办公设备购置费` of
    /// `货物：办公设备购置费：台式计算机`).
    public let ancestors: [[Int32]]
    /// Per code: the breakdowns of rows with that code (functional 2…, economic 3… or 5…).
    public let codeMask: [UInt32]
    /// The breakdowns of a row with an economic code (`econ_code`).
    public let economicBits: UInt32
    /// Per item, the statements it is the total of (its own total, or a named total there):
    /// in those it belongs to no breakdown.
    let totalIn: [Int32: [Int32]]

    /// The masks of `items`, `statements` and `codes` (each a dictionary of distinct values).
    public init(items: [String], statements: [String], codes: [String], context: QueryContext) {
        let breakdowns = context.breakdowns.prefix(32)
        // The statements each named total is a total in (`nil`: any); 基本支出 is the total of
        // 人员经费 + 公用经费 in 基本支出, and a part of the 收支总表's 支出 by use.
        var namedTotals: [String: [String?]] = [:]
        for t in context.namedTotals { for label in t.totals { namedTotals[NamedTotal.stem(label), default: []].append(t.statement) } }
        let normalized = items.map(FactKey.normalize)
        var itemMask = [UInt32](repeating: 0, count: items.count)
        var ancestors = [[Int32]](repeating: [], count: items.count)
        let index = Dictionary(normalized.enumerated().map { ($1, Int32($0)) }, uniquingKeysWith: { a, _ in a })
        for (i, n) in normalized.enumerated() {
            for colon in n.indices where n[colon] == "：" {
                if let parent = index[String(n[..<colon])] { ancestors[i].append(parent) }
            }
            if Evaluator.isTotalLabel(n) || namedTotals[NamedTotal.stem(n)]?.contains(nil) == true { continue }
            for (b, breakdown) in breakdowns.enumerated() where breakdown.items.contains(n) { itemMask[i] |= 1 << UInt32(b) }
        }
        func bits(_ belongs: (Breakdown) -> Bool) -> UInt32 {
            breakdowns.enumerated().reduce(UInt32(0)) { $0 | (belongs($1.element) ? 1 << UInt32($1.offset) : 0) }
        }
        let functionalBits = bits(\.functionalCodes)
        economicBits = bits(\.economicCodes)
        codeMask = codes.map { [economicBits] c in
            (c.hasPrefix("2") ? functionalBits : 0) | (c.hasPrefix("3") || c.hasPrefix("5") ? economicBits : 0)
        }
        // A statement's own total (一般公共预算财政拨款基本支出 in 基本支出), or a named total in
        // its statement, is in no breakdown.
        let statementNames = statements.map(FactKey.normalize)
        var totalIn: [Int32: [Int32]] = [:]
        for (i, n) in normalized.enumerated() where itemMask[i] != 0 {
            let named = namedTotals[NamedTotal.stem(n)] ?? []
            for (s, name) in statementNames.enumerated()
            where Evaluator.isStatementTotal(n, of: name) || named.contains(statements[s]) {
                totalIn[Int32(i), default: []].append(Int32(s))
            }
        }
        self.itemMask = itemMask
        self.ancestors = ancestors
        self.totalIn = totalIn
    }

    /// Whether some item breaks another down (`X：Y` with `X`).
    public var breaksDown: Bool { ancestors.contains { !$0.isEmpty } }

    /// The breakdowns of a row: its item's (-1: none) unless the item is its statement's total,
    /// with its code's (-1: none) and the economic ones when it has an economic code.
    @inline(__always)
    public func mask(item: Int32, statement: Int32, code: Int32, economic: Bool) -> UInt32 {
        var m = item >= 0 ? itemMask[Int(item)] : 0
        if m != 0, let st = totalIn[item], statement >= 0, st.contains(statement) { m = 0 }
        if code >= 0 { m |= codeMask[Int(code)] }
        if economic { m |= economicBits }
        return m
    }

    /// Whether some rows could belong to breakdowns that have none in common, judged from the
    /// dictionaries alone: every mask a row can have is an item's (or none) with a code's (or
    /// none) and the economic bits (when `economicCodes`, or none).
    public func canConflict(economicCodes: Bool) -> Bool {
        let itemMasks = Set(itemMask).union([0]), codeMasks = Set(codeMask).union([0])
        let economicMasks: Set<UInt32> = economicCodes ? [0, economicBits] : [0]
        var possible = Set<UInt32>()
        for a in itemMasks { for b in codeMasks { for c in economicMasks where a | b | c != 0 { possible.insert(a | b | c) } } }
        return BreakdownMasks.noCommonBreakdown(possible)
    }

    /// Whether rows of `masks` (none of them 0) together belong to no one breakdown: two that
    /// share nothing, or three that share pairwise but not all together (by function and use,
    /// by function and economic class, by use and economic class).
    public static func noCommonBreakdown<S: Sequence<UInt32>>(_ masks: S) -> Bool {
        var common = UInt32.max, count = 0
        for m in masks { common &= m; count += 1 }
        return count > 1 && common == 0
    }
}
