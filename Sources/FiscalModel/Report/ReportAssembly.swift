/// The reports a set of loaded documents makes: each document's entity made canonical
/// (``EntityIndex``), a document that repeats another skipped, and the documents of one
/// entity, year and phase (a narrative and its separately published tables) merged into one
/// report whose figures are mentions of the same facts (``Report/folded()``).
///
/// Pure: the host keeps the documents as read and assembles again whenever they or the
/// aliases change, so an alias given later merges what it names.
public struct ReportAssembly: Sendable {
    /// What became of one document.
    public enum Outcome: Sendable, Hashable {
        /// It is (the first document of) report `report`.
        case report(Int)
        /// It was merged into report `into`, whose first document is another.
        case merged(into: Int)
        /// It repeats document `of` (an index into the documents), which was kept.
        case duplicate(of: Int, reason: DuplicateReason)
    }

    /// Why a document counts as a repeat of another.
    public enum DuplicateReason: String, Sendable, Hashable {
        /// The same bytes (the same file, or a copy of it).
        case sameText = "same text"
        /// Another extraction of the same document: same entity, year and phase, and
        /// (nearly) the same figures (``sameFiguresThreshold``).
        case sameFigures = "same figures"
    }

    /// The reports, in the order of their first documents. A figure a report states for
    /// another loaded report's year and phase (the 上年 figures of a budget) is a mention of that
    /// report's fact, and is not among the restating report's facts: a sum over a year counts
    /// it once (``restated``).
    public private(set) var reports: [Report] = []
    /// The same reports with every restated figure still in the report that restates it, for
    /// the checks (a stated change is checked against the prior-year figure its own document
    /// gives); the restated report's facts carry the extra mentions as in ``reports``, so a
    /// restatement that disagrees makes the fact disputed.
    public private(set) var checked: [Report] = []
    /// How many figures each report restates from another loaded report (by report index).
    public private(set) var restated: [Int: Int] = [:]
    /// For each document, what became of it.
    public private(set) var outcomes: [Outcome] = []
    /// The entities and how their names match.
    public private(set) var entities: EntityIndex

    /// Two documents of one entity, year and phase whose figures (key, amount and unit) have
    /// at least this share in common — shared figures over all their distinct figures — are
    /// two extractions of one document. A narrative and its tables share far fewer (the
    /// narrative repeats a few totals of a dozen tables).
    public static let sameFiguresThreshold = (shared: 9, of: 10)

    /// Assembles `documents` (reports as read, one per document, in load order).
    public init(_ documents: [Report], aliases: EntityAliases = EntityAliases()) {
        entities = EntityIndex(documents.map {
            EntityIndex.Input(printed: $0.entity, regionHint: $0.region, shortName: $0.shortName)
        }, aliases: aliases)
        outcomes = Array(repeating: .report(0), count: documents.count)
        // Documents by entity, year and phase, in load order.
        struct Group: Hashable { var entity: Int, year: Int, phase: Phase }
        var order: [Group] = []
        var members: [Group: [Int]] = [:]
        for (i, d) in documents.enumerated() {
            let g = Group(entity: entities.assignment[i], year: d.year, phase: d.phase)
            if members[g] == nil { order.append(g) }
            members[g, default: []].append(i)
        }
        for g in order {
            let name = entities.entities[g.entity].name
            let short = entities.entities[g.entity].aliases.filter { $0.count < name.count }.min { $0.count < $1.count }
            // Repeats: each document against those kept so far; the better reading stays.
            var kept: [Int] = []
            var fingerprints: [Int: Set<Fingerprint>] = [:]
            func prints(_ i: Int) -> Set<Fingerprint> {
                if let p = fingerprints[i] { return p }
                let p = Set(documents[i].facts.map(Fingerprint.init))
                fingerprints[i] = p
                return p
            }
            for i in members[g]! {
                var repeatOf: (Int, DuplicateReason)?
                for (n, k) in kept.enumerated() {
                    if let reason = ReportAssembly.repeats(documents[i], documents[k], prints(i), prints(k)) {
                        repeatOf = (n, reason)
                        break
                    }
                }
                guard let (n, reason) = repeatOf else {
                    kept.append(i)
                    continue
                }
                let k = kept[n]
                if ReportAssembly.isBetter(documents[i], than: documents[k]) {
                    kept[n] = i
                    outcomes[k] = .duplicate(of: i, reason: reason)
                    for j in documents.indices {
                        if case .duplicate(k, let r) = outcomes[j] { outcomes[j] = .duplicate(of: i, reason: r) }
                    }
                } else {
                    outcomes[i] = .duplicate(of: k, reason: reason)
                }
            }
            kept.sort()
            let index = reports.count
            for (n, i) in kept.enumerated() { outcomes[i] = n == 0 ? .report(index) : .merged(into: index) }
            var parts = kept.map { i in
                var d = documents[i]
                d.documents = d.sourceDocuments
                if d.entity != name {
                    let printed = d.entity
                    d.entity = name
                    d.facts.renameEntity(printed, to: name)
                }
                return d
            }
            var report = parts.count == 1 ? parts.removeFirst() : Report.merging(parts)
            if report.shortName == nil, let short { report.shortName = short }
            reports.append(report)
        }
        foldRestatements()
    }

    /// Moves each figure a report states for another loaded report's entity, year and phase
    /// into that report's fact of the same key (as a mention); a figure fiscal derived for that
    /// year is left out of the restating report without becoming a mention (the `derived` check
    /// compares it with the stated figure, in ``checked``); see ``reports`` and ``checked``.
    mutating func foldRestatements() {
        var index = RestatementIndex(reports)
        var moves: [(from: Int, fact: FactIndex, to: Int, into: FactIndex)] = []
        for (i, r) in reports.enumerated() where !r.facts.allHave(year: r.year, phase: r.phase) {
            for (n, f) in r.facts.enumerated() where f.year != r.year || f.phase != r.phase {
                // A prior-year figure fiscal derived (this year's minus the stated change) is
                // that year's figure too; the `derived` check holds the two against each other.
                if let target = index.stated(f, from: i) { moves.append((i, n, target.report, target.fact)) }
            }
        }
        checked = reports
        guard !moves.isEmpty else { return }
        for m in moves where !reports[m.from].facts[m.fact].derived {
            let f = reports[m.from].facts[m.fact]
            var g = reports[m.to].facts[m.into]
            var seen = Set(g.mentions.map(\.span))
            for var mention in f.mentions where seen.insert(mention.span).inserted {
                let u = mention.unit(in: f)
                mention.unit = u == g.unit ? nil : u
                g.mentions.append(mention)
            }
            reports[m.to].facts[m.into] = g
            checked[m.to].facts[m.into] = g
        }
        var removed: [Int: Set<FactIndex>] = [:]
        for m in moves { removed[m.from, default: []].insert(m.fact) }
        for (i, gone) in removed {
            reports[i] = reports[i].removing(gone)
            restated[i] = gone.count
        }
    }

    /// Whether `a` repeats `b`, and why.
    static func repeats(_ a: Report, _ b: Report, _ pa: Set<Fingerprint>, _ pb: Set<Fingerprint>) -> DuplicateReason? {
        let da = a.sourceDocuments.compactMap(\.digest), db = b.sourceDocuments.compactMap(\.digest)
        if !da.isEmpty, da == db { return .sameText }
        guard !pa.isEmpty, !pb.isEmpty else { return nil }
        let shared = pa.intersection(pb).count
        let all = pa.count + pb.count - shared
        return shared * sameFiguresThreshold.of >= all * sameFiguresThreshold.shared ? .sameFigures : nil
    }

    /// The reading to keep of two repeats: more figures, then fewer warnings; a tie keeps the
    /// one loaded first.
    static func isBetter(_ a: Report, than b: Report) -> Bool {
        if a.facts.count != b.facts.count { return a.facts.count > b.facts.count }
        return a.warnings.count < b.warnings.count
    }

    /// A figure as two extractions of one document both state it, whoever prints the entity how.
    struct Fingerprint: Hashable {
        var key: FactKey
        var amount: Amount
        var unit: FactUnit

        init(_ f: Fact) {
            key = FactKey(f)
            key.entity = ""
            amount = f.amount
            unit = f.unit
        }
    }
}

extension Report {
    /// One report from the reports of one entity, year and phase read from several documents
    /// (a narrative and its tables): the first's identity, every document's facts, claims,
    /// projects, glossary, warnings and headings, folded so that a figure both state is one
    /// fact with a mention in each (a disagreement makes it disputed, ``Fact/isDisputed``).
    public static func merging(_ parts: [Report]) -> Report {
        precondition(!parts.isEmpty, "merging needs a report")
        var out = parts[0]
        out.documents = parts.flatMap(\.sourceDocuments)
        for part in parts.dropFirst() {
            let offset = out.facts.count
            out.facts += part.facts
            out.claims += part.claims.compactMap { $0.remapped { $0 + offset } }
            out.projects += part.projects.map { p in
                var p = p
                p.facts = p.facts.map { $0 + offset }
                return p
            }
            out.glossary += part.glossary
            out.warnings += part.warnings
            out.yearMentions += part.yearMentions
            if out.shortName == nil { out.shortName = part.shortName }
            if (out.region?.count ?? 0) < (part.region?.count ?? 0) { out.region = part.region }
        }
        return out.folded()
    }
}

extension Report {
    /// The report without the facts `gone`: claims about one of them go, a claim's reference
    /// to one becomes `nil`, projects forget them.
    func removing(_ gone: Set<FactIndex>) -> Report {
        var out = self
        var newIndex = [FactIndex?](repeating: nil, count: facts.count)
        out.facts = []
        for (i, f) in facts.enumerated() where !gone.contains(i) {
            newIndex[i] = out.facts.count
            out.facts.append(f)
        }
        out.claims = claims.compactMap { $0.remapped { newIndex[$0] } }
        out.projects = projects.map { p in
            var p = p
            p.facts = p.facts.compactMap { newIndex[$0] }
            return p
        }
        return out
    }
}
