/// Where the report of a year states a figure that another loaded report restates or derives:
/// the report of the figure's entity, year and phase, and in it the stated fact of the same key
/// (``FactKey``, `derived` left out), or, when the key has a fund, the one fact of that key
/// without a fund. ``ReportAssembly`` folds restatements with it, and the `derived` check holds
/// a derived prior year against what it finds.
public struct RestatementIndex {
    struct Slot: Hashable { var entity: String, year: Int, phase: Phase }
    struct Keys { var exact: [FactKey: FactIndex] = [:], fundless: [FactKey: [FactIndex]] = [:] }

    private let reports: [Report]
    private var reportOf: [Slot: Int] = [:]
    private var keyed: [Int: Keys] = [:]

    /// An index over `reports`; of two reports of one entity, year and phase, the later one.
    public init(_ reports: [Report]) {
        self.reports = reports
        for (i, r) in reports.enumerated() { reportOf[Slot(entity: r.entity, year: r.year, phase: r.phase)] = i }
    }

    /// Whether any two reports differ in entity, year or phase (else nothing can be found).
    public var spansSeveralReports: Bool { reportOf.count > 1 }

    /// The report and fact that state `fact`, a fact of report `i` for another year or phase;
    /// nil when no other loaded report is of that entity, year and phase, or none of its facts fits.
    public mutating func stated(_ fact: Fact, from i: Int) -> (report: Int, fact: FactIndex)? {
        guard let j = reportOf[Slot(entity: fact.entity, year: fact.year, phase: fact.phase)], j != i else { return nil }
        let k = keys(j)
        var key = FactKey(fact)
        key.derived = false
        if let n = k.exact[key] { return (j, n) }
        key.fund = nil
        if let candidates = k.fundless[key], candidates.count == 1 { return (j, candidates[0]) }
        return nil
    }

    private mutating func keys(_ j: Int) -> Keys {
        if let k = keyed[j] { return k }
        var k = Keys()
        for (n, f) in reports[j].facts.enumerated() {
            var key = FactKey(f)
            if k.exact[key] == nil { k.exact[key] = n }
            key.fund = nil
            k.fundless[key, default: []].append(n)
        }
        keyed[j] = k
        return k
    }
}
