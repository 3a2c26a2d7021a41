/// What makes a fact one cell of a report: two facts with the same key are the same figure,
/// stated twice, and loading folds them into one fact with two ``Mention``s.
///
/// The key is entity, year, phase, statement, measure, the line (the functional code when the
/// fact has one — a coded fact is keyed by its code, not its wording —, else the economic
/// code, else the item's stem, ``itemStem(_:)``), the economic code, the
/// fund (a figure stated without one folds into the one fund the others of its key name),
/// what the unit counts (money in any unit, or one count unit: 辆, 人 …) and whether
/// fiscal derived the figure. docs/FORMATS.md lists it.
///
/// Not in the key: the money unit (a 万元 figure and a 元 figure of the same cell are one
/// fact; they agree when the finer rounds to the coarser), the item's wording when a code is
/// there, and where the figure stands (the explanation, a table, the 附件).
public struct FactKey: Sendable, Hashable {
    /// The row of the cell: a functional code, else an economic code, else a normalised item name.
    public enum Line: Sendable, Hashable {
        case code(ClassificationCode)
        case econ(ClassificationCode)
        case item(String)
    }

    public var entity: String
    public var year: Int
    public var phase: Phase
    public var statement: Statement
    public var measure: Measure
    public var line: Line
    public var econCode: ClassificationCode?
    public var fund: Fund?
    /// `nil` for money (in any unit), else the count unit.
    public var countUnit: String?
    /// Figures fiscal derived are never folded into figures the report states: the `derived`
    /// check compares the two.
    public var derived: Bool

    /// Every field but the entity: each table keyed by `FactKey` holds the facts of one report
    /// (``Report/folded()``, ``RestatementIndex``, ``ReportAssembly``), where the entity is the
    /// same for all and hashing its name (CJK, normalised as it is hashed) was most of the
    /// cost. Equality still compares it.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(year)
        hasher.combine(phase)
        hasher.combine(statement)
        hasher.combine(measure)
        hasher.combine(line)
        hasher.combine(econCode)
        hasher.combine(fund)
        hasher.combine(countUnit)
        hasher.combine(derived)
    }

    public init(_ f: Fact) {
        entity = f.entity
        year = f.year
        phase = f.phase
        statement = f.statement
        measure = f.measure
        if let code = f.code {
            line = .code(code)
        } else if let econ = f.econCode {
            line = .econ(econ)
        } else {
            line = .item(FactKey.itemStem(f.item))
        }
        econCode = f.econCode
        fund = f.fund
        if case .count(let name) = f.unit { countUnit = name } else { countUnit = nil }
        derived = f.derived
    }

    /// An uncoded row's name as compared (``normalize(_:)``), without a trailing word that
    /// only repeats the statement or the phase the key holds already (``itemSuffixes``):
    /// `公务用车购置及运行维护费支出决算`, `公务用车购置及运行维护费支出` and
    /// `公务用车购置及运行维护费` are one row. A suffix is taken off only when at least
    /// ``minimumStem`` characters stay, so short names that differ (`基本支出`, `项目支出`,
    /// `其他支出` against an income row `其他`) stay apart, and so do stems that name a fund
    /// (``stemKeepsSuffix``); nothing else is changed, so two different items never fold.
    public static func itemStem(_ item: String) -> String {
        var s = normalize(item)
        // A suffix of bytes is a suffix of characters when each scalar is a character.
        let simple = s.scalarsAreCharacters
        for suffix in itemSuffixes where (simple ? s.hasUTF8Suffix(suffix) : s.hasSuffix(suffix)) && s.count - suffix.count >= minimumStem {
            let stem = s.dropLast(suffix.count)
            if !stemKeepsSuffix.contains(where: { stem.hasSuffix($0) }) { s = String(stem) }
            break
        }
        return s
    }

    /// Words a narrative adds to a row's name (`…支出决算`, `…支出预算数`), longest first;
    /// at most one is taken off.
    public static let itemSuffixes = ["支出决算数", "支出预算数", "支出决算", "支出预算", "决算数", "决算", "支出"]

    /// Stems that keep their suffix: a name ending in a fund or a source is an income row,
    /// and `一般公共预算` (income) is not `一般公共预算支出` (expenditure).
    public static let stemKeepsSuffix = ["预算", "资金", "拨款", "收入", "基金"]

    /// The fewest characters a stem keeps (``itemStem(_:)``).
    public static let minimumStem = 3

    /// An item name as compared: full-width and ASCII brackets are the same, quotes and
    /// spaces do not count (`“三公”经费` is `三公经费`).
    public static func normalize(_ s: String) -> String {
        if s.scalarsAreCharacters {  // the same by scalars (``StandaloneScalars``)
            var out = UTF8Builder(capacity: s.utf8.count)
            for u in s.unicodeScalars {
                if dropped.contains(scalar: u) { continue }
                if opening.contains(scalar: u) {
                    out.append("（" as Unicode.Scalar)
                } else if closing.contains(scalar: u) {
                    out.append("）" as Unicode.Scalar)
                } else {
                    out.append(u)
                }
            }
            return out.string
        }
        var out = ""
        for c in s {
            if dropped.contains(c) { continue }
            if opening.contains(c) {
                out.append("（")
            } else if closing.contains(c) {
                out.append("）")
            } else {
                out.append(c)
            }
        }
        return out
    }

    /// What ``normalize(_:)`` drops, and the ASCII parentheses it makes full-width (tested by
    /// scalar: comparing each character with each mark as a String was the costlier part).
    static let dropped = Marks("“”\"‘’' \u{3000}\t")
    static let opening = Marks("(")
    static let closing = Marks(")")
}

extension Claim {
    /// The claim with every fact index it holds mapped by `index` (its report's facts were
    /// folded, appended to another's, or some removed): `nil` when its own fact has no new
    /// index; another figure it refers to without one becomes `nil`.
    public func remapped(_ index: (FactIndex) -> FactIndex?) -> Claim? {
        guard let own = index(fact) else { return nil }
        var c = self
        c.fact = own
        switch c.kind {
        case .share(let p, let whole): c.kind = .share(percent: p, whole: whole.flatMap(index))
        case .completion(let p, let budget): c.kind = .completion(percent: p, budget: budget.flatMap(index))
        case .comparison(let relation, let year, let other):
            c.kind = .comparison(relation: relation, priorYear: year, other: other.flatMap(index))
        case .change, .unchanged: break
        }
        return c
    }
}

extension Mention {
    /// The unit the mention states its figure in, given its fact's unit.
    public func unit(in fact: Fact) -> FactUnit { unit ?? fact.unit }
}

extension Fact {
    /// The fact's key (see ``FactKey``).
    public var key: FactKey { FactKey(self) }

    /// Whether the report states this figure with different amounts: a mention does not agree
    /// (``Fact/agree(_:_:)``) with the first, the one the amount comes from (the finest certain
    /// one). The `repeated` check names every mention that differs. Linear in the mentions.
    public var isDisputed: Bool {
        otherMentions.contains { !agree(firstMention, $0) }
    }

    /// The mentions that do not agree with the first, paired with it.
    public var disagreements: [(Mention, Mention)] {
        mentions.dropFirst().filter { !agree(mentions[0], $0) }.map { (mentions[0], $0) }
    }

    /// Whether two mentions of this fact state the same figure: equal once the finer is
    /// rounded (half up) to the precision of the coarser — `230.25`万元 and `2,302,464`元,
    /// `7.5` and `7.54`. A derived figure agrees within 2 units of the last digit (two
    /// rounded figures went into each derivation).
    public func agree(_ a: Mention, _ b: Mention) -> Bool {
        Fact.agree(a.amount, a.unit(in: self), b.amount, b.unit(in: self), derived: derived)
    }

    static func agree(_ a: Amount, _ ua: FactUnit, _ b: Amount, _ ub: FactUnit, derived: Bool) -> Bool {
        // Each value in units of 10^e 元 (money) or of the count, with its precision exponent.
        func scaled(_ x: Amount, _ u: FactUnit) -> (value: Amount, precision: Int)? {
            switch u {
            case .money(let m): return (x.converted(from: m, to: .yuan), m.exponent - x.scale)
            case .count: return (x, -x.scale)
            }
        }
        switch (ua, ub) {
        case (.money, .money): break
        case (.count(let x), .count(let y)) where x == y: break
        default: return false
        }
        guard let (x, px) = scaled(a, ua), let (y, py) = scaled(b, ub) else { return false }
        if x == y { return true }
        let coarse = max(px, py)
        // Both in units of 10^coarse (元 or counts): the coarser is a whole number there.
        func inUnits(_ v: Amount) -> Amount {
            coarse >= 0 ? Amount(mantissa: v.mantissa, scale: v.scale + coarse)
                : v * Amount(mantissa: Amount.tenToThe(-coarse))
        }
        let fx = inUnits(x), fy = inUnits(y)
        if derived { return (fx - fy).magnitude <= Amount(2) }
        if px == py { return false }
        return fx.rounded(toDigits: 0) == fy.rounded(toDigits: 0)
    }
}

extension Amount {
    /// 10^n as a mantissa.
    static func tenToThe(_ n: Int) -> Int128 {
        var p: Int128 = 1
        for _ in 0..<n { p *= 10 }
        return p
    }
}

extension Report {
    /// The report with the mentions of one key folded into one fact (``FactKey``), claims' and
    /// projects' fact indices remapped. Pure and idempotent; the host calls it on every report
    /// it loads, whatever format read it.
    ///
    /// The folded fact takes its labels and amount from its best mention — read with
    /// certainty before guessed, finer before coarser (元 before 万元, `7.54` before `7.5`),
    /// then table before narrative, then the first written — which becomes its first
    /// mention; the other mentions follow in the order of the document. Mentions in other
    /// units keep theirs (``Mention/unit``). Two mentions that do not agree make the fact
    /// disputed (``Fact/isDisputed``): fiscal never picks one silently.
    public func folded() -> Report {
        // Facts held as columns (the canonical CSV's rows) fold only when two rows share a key:
        // most files have none, and then no fact is built.
        if let c = facts.columns, !c.columns.mayFold(c.range) { return self }
        var newIndex = [FactIndex](repeating: 0, count: facts.count)
        let keys = facts.map { FactKey($0) }
        // A figure whose fund the sentence does not say is the figure of the one fund its
        // other mentions name (a narrative's 三公 figure and the 财政拨款 三公 table's).
        var funds: [FactKey: Set<Fund>] = [:]
        for var k in keys {
            guard let fund = k.fund else { continue }
            k.fund = nil
            funds[k, default: []].insert(fund)
        }
        // Each key's facts, in the order of its first (one hash lookup per fact).
        var group: [FactKey: Int] = [:]
        group.reserveCapacity(keys.count)
        var members: [[FactIndex]] = []
        for (i, k) in keys.enumerated() {
            var key = k
            if key.fund == nil, !funds.isEmpty, let known = funds[key], known.count == 1 { key.fund = known.first }
            let next = members.count
            let g = Self.slot(&group[key, default: next])
            if g == next { members.append([i]) } else { members[g].append(i) }
        }
        guard members.count < facts.count else { return self }
        var out = self
        out.facts = []
        out.facts.reserveCapacity(members.count)
        for (n, group) in members.enumerated() {
            for i in group { newIndex[i] = n }
            out.facts.append(group.count == 1 ? facts[group[0]] : Report.fold(group.map { facts[$0] }, reportUnit: unit))
        }
        out.claims = claims.compactMap { $0.remapped { newIndex[$0] } }
        out.projects = projects.map { p in
            var p = p
            var seen = Set<FactIndex>()
            p.facts = p.facts.map { newIndex[$0] }.filter { seen.insert($0).inserted }
            return p
        }
        return out
    }

    /// The value in a dictionary's slot, which `default` filled if it was empty: one lookup
    /// finds or inserts.
    @inline(__always)
    static func slot(_ value: inout Int) -> Int { value }

    /// One fact from facts of one key. When its mentions state it in different money units and
    /// one of them is the report's, the fact is in the report's unit (its best mention's value
    /// converted exactly: 2,302,464元 is 230.2464万元), so that it adds up with the report's
    /// other figures.
    static func fold(_ facts: [Fact], reportUnit: MoneyUnit) -> Fact {
        // Every mention with the fact it came from, each place once.
        var all: [(fact: Int, mention: Mention)] = []
        var seen = Set<SourceSpan>()
        for (i, f) in facts.enumerated() {
            for m in f.mentions where seen.insert(m.span).inserted { all.append((i, m)) }
        }
        func precision(_ e: (fact: Int, mention: Mention)) -> Int {
            let u = e.mention.unit(in: facts[e.fact])
            if case .money(let m) = u { return m.exponent - e.mention.amount.scale }
            return -e.mention.amount.scale
        }
        let best = all.indices.min { x, y in
            let a = all[x], b = all[y]
            if a.mention.reading.isCertain != b.mention.reading.isCertain { return a.mention.reading.isCertain }
            let pa = precision(a), pb = precision(b)
            if pa != pb { return pa < pb }
            if a.mention.reading.isTable != b.mention.reading.isTable { return a.mention.reading.isTable }
            return x < y
        }!
        let primary = all[best]
        var fact = facts[primary.fact]
        fact.unit = primary.mention.unit(in: facts[primary.fact])
        fact.amount = primary.mention.amount
        var rest = all.enumerated().filter { $0.offset != best }.map(\.element)
        rest.sort { $0.mention.span < $1.mention.span }
        var first = primary.mention
        first.unit = nil
        // Into the report's unit when another mention is in it, unless the figure would then
        // need more decimals than the model holds (`1.10473元` in a 亿元 report is
        // 0.0000000110473 亿元, 13 places: it stays in 元, its own unit).
        if case .money(let m) = fact.unit, m != reportUnit,
           all.contains(where: { $0.mention.unit(in: facts[$0.fact]) == .money(reportUnit) }),
           case let converted = fact.amount.converted(from: m, to: reportUnit), converted.withinModelBounds {
            fact.amount = converted
            fact.unit = .money(reportUnit)
            first.unit = .money(m)
        }
        fact.mentions = [first] + rest.map { e in
            var m = e.mention
            let u = m.unit(in: facts[e.fact])
            m.unit = u == fact.unit ? nil : u
            return m
        }
        return fact
    }
}
