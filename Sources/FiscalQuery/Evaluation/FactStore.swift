import FiscalModel

/// Every fact of the loaded reports in columns (the columns of ``FactTable``), built once
/// per set of reports so that queries over millions of facts do not touch a `Fact` per row.
struct FactStore {
    var columns: [FrameColumn]
    var spans: [SourceSpan]
    var count: Int
    /// Per fact, an id of its (entity, year, phase, statement, fund, column): the facts that
    /// can be parts of one another's totals share it.
    var contextIDs: [Int32]
    var contextCount: Int
    /// The item name each code is written with (the latest year's), for names of codes.
    var itemNameByCode: [String: String]

    static let statementColumn = 3, codeColumn = 5, amountColumn = 9, unitColumn = 10

    init(_ reports: [Report]) {
        let n = reports.reduce(0) { $0 + $1.facts.count }
        var text = [Interner](repeating: Interner(), count: FactTable.columns.count)
        var textIDs = [[Int32]](repeating: [], count: FactTable.columns.count)
        for c in [0, 2, 3, 4, 5, 6, 7, 8, 10, 12] { textIDs[c].reserveCapacity(n) }
        var years = [Int](), lines = [Int](), derived = [Int]()
        var mantissas = [Int128](), scales = [Int8]()
        years.reserveCapacity(n); lines.reserveCapacity(n); derived.reserveCapacity(n)
        mantissas.reserveCapacity(n); scales.reserveCapacity(n)
        var spans = [SourceSpan]()
        spans.reserveCapacity(n)
        var contexts: [ContextKey: Int32] = [:]
        var contextIDs = [Int32]()
        contextIDs.reserveCapacity(n)
        var lastKey: ContextKey?
        var lastContext: Int32 = 0
        var names: [String: (Int, String)] = [:]
        for report in reports {
            for f in report.facts {
                func put(_ c: Int, _ s: String?) { textIDs[c].append(text[c].id(s)) }
                put(0, f.entity); put(2, f.phase.rawValue); put(3, f.statement.rawValue); put(4, f.item)
                put(5, f.code?.rawValue); put(6, f.econCode?.rawValue); put(7, f.fund?.rawValue); put(8, f.measure.rawValue)
                put(10, f.unit.description); put(12, f.span.file)
                years.append(f.year); lines.append(f.span.line); derived.append(f.derived ? 1 : 0)
                mantissas.append(f.amount.mantissa); scales.append(Int8(f.amount.scale))
                spans.append(f.span)
                let key = ContextKey(
                    entity: textIDs[0].last!, year: Int32(truncatingIfNeeded: f.year), phase: textIDs[2].last!,
                    statement: textIDs[3].last!, fund: textIDs[7].last!, column: textIDs[8].last!)
                if key != lastKey {
                    if let known = contexts[key] {
                        lastContext = known
                    } else {
                        lastContext = Int32(contexts.count)
                        contexts[key] = lastContext
                    }
                    lastKey = key
                }
                contextIDs.append(lastContext)
                if let code = f.code?.rawValue, names[code].map({ $0.0 <= f.year }) ?? true {
                    names[code] = (f.year, f.item)
                }
            }
        }
        columns = FactTable.columns.enumerated().map { c, column in
            let storage: Storage
            switch column.name {
            case "year": storage = .integer(years)
            case "line": storage = .integer(lines)
            case "derived": storage = .integer(derived)
            case "amount": storage = .amount(mantissas: mantissas, scales: scales)
            default: storage = .text(ids: textIDs[c], dictionary: text[c].dictionary)
            }
            return FrameColumn(name: column.name, type: column.type, storage: storage)
        }
        self.spans = spans
        self.count = n
        self.contextIDs = contextIDs
        self.contextCount = contexts.count
        self.itemNameByCode = names.mapValues(\.1)
    }

    /// A frame over every fact.
    var frame: Frame {
        Frame(columns: columns, selection: nil, physicalCount: count, provenance: .base)
    }
}

struct ContextKey: Hashable {
    var entity: Int32, year: Int32, phase: Int32, statement: Int32, fund: Int32, column: Int32
}
