import FiscalModel

/// A place a figure was written, found by ``Provenance/lookup(_:in:)``.
public struct ProvenanceHit: Sendable, Hashable {
    /// What was found.
    public enum Kind: String, Sendable, Hashable {
        /// A fact's value.
        case fact
        /// A percentage or change a claim states.
        case claim
    }

    public var kind: Kind
    /// The report's display name.
    public var report: String
    /// The fact's item (and column), or the claim's wording (`占 70.22%`).
    public var label: String
    public var amount: Amount
    /// `万元`, `辆`, `%`.
    public var unit: String
    /// Whether the value was derived by fiscal rather than read.
    public var derived: Bool
    public var span: SourceSpan

    public init(kind: Kind, report: String, label: String, amount: Amount, unit: String, derived: Bool, span: SourceSpan) {
        self.kind = kind
        self.report = report
        self.label = label
        self.amount = amount
        self.unit = unit
        self.derived = derived
        self.span = span
    }
}

/// Where figures came from: which sentence of which file states a number or an item.
///
/// Matching is pure; reading and highlighting the source line is the shell's part.
public enum Provenance {
    /// The facts and claims `query` names, in file order.
    ///
    /// A query that reads as a number (`546.41`, `546.41万元`, `59.54%`) matches every
    /// fact of that value (by value: `24.8` finds `24.80`) and every claim stating it;
    /// anything else matches facts whose item contains it (brackets and quotes ignored).
    public static func lookup(_ query: String, in reports: [Report]) -> [ProvenanceHit] {
        let text = query.trimmingWhitespace
        guard !text.isEmpty else { return [] }
        var hits: [ProvenanceHit] = []
        if let value = number(text) {
            for r in reports {
                for f in r.facts where f.amount == value {
                    hits.append(hit(f, in: r))
                }
                for c in r.claims {
                    for (label, amount, unit) in stated(c, in: r) where amount == value {
                        hits.append(ProvenanceHit(kind: .claim, report: r.displayName, label: label, amount: amount,
                                                  unit: unit, derived: false, span: c.span))
                    }
                }
            }
        } else {
            let needle = Label.normalize(text)
            for r in reports {
                for f in r.facts where Label.normalize(f.item).contains(needle) {
                    hits.append(hit(f, in: r))
                }
            }
        }
        var seen = Set<ProvenanceHit>()
        return hits.filter { seen.insert($0).inserted }.sorted { $0.span < $1.span }
    }

    /// The spans a result row was computed from (its ``ResultTable/sources``), for
    /// `source row N`; `nil` when the row does not exist.
    public static func sources(ofRow row: Int, in table: ResultTable) -> [SourceSpan]? {
        guard row >= 0 && row < table.rows.count else { return nil }
        return table.sources(ofRow: row)
    }

    /// The facts of `reports` written at `spans`, for showing what a result row came from.
    public static func facts(at spans: [SourceSpan], in reports: [Report]) -> [ProvenanceHit] {
        let wanted = Set(spans)
        return reports.flatMap { r in r.facts.filter { wanted.contains($0.span) }.map { hit($0, in: r) } }
            .sorted { $0.span < $1.span }
    }

    static func hit(_ f: Fact, in r: Report) -> ProvenanceHit {
        ProvenanceHit(kind: .fact, report: r.displayName, label: f.item + (f.measure == .total ? "" : "[\(f.measure)]"),
                      amount: f.amount, unit: f.unit.description, derived: f.derived, span: f.span)
    }

    /// The numbers a claim states, with a label and unit each.
    static func stated(_ c: Claim, in r: Report) -> [(String, Amount, String)] {
        let item = r.facts.indices.contains(c.fact) ? r.facts[c.fact].item : "?"
        let unit = r.facts.indices.contains(c.fact) ? r.facts[c.fact].unit.description : ""
        switch c.kind {
        case .share(let p, _): return [("\(item) 占", p, "%")]
        case .change(_, let d, let p):
            return (d.map { [("\(item) change", $0, unit)] } ?? []) + (p.map { [("\(item) rate", $0, "%")] } ?? [])
        case .unchanged: return []
        case .completion(let p, _): return [("\(item) 完成预算", p, "%")]
        case .comparison: return []
        }
    }

    /// The number a query text states, without a unit or percent sign, if it is one.
    static func number(_ text: String) -> Amount? {
        var t = Substring(text)
        for suffix in ["万元", "亿元", "元", "%", "％", "辆", "人"] where t.hasSuffix(suffix) {
            t = t.dropLast(suffix.count)
            break
        }
        return Amount(t.filter { $0 != "," })
    }
}

extension String {
    var trimmingWhitespace: String {
        var s = Substring(self)
        while s.first?.isWhitespace == true { s.removeFirst() }
        while s.last?.isWhitespace == true { s.removeLast() }
        return String(s)
    }
}
