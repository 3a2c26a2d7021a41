import FiscalModel

/// A consistency check (勾稽关系) over one report.
///
/// A rule is a small value with an id and a summary; ``CheckRules/all`` lists them in the
/// one place, so adding a rule is writing its type and adding it there.
public protocol CheckRule: Sendable {
    /// A stable, short identifier (`sum`, `share`, …), shown in the `rule` column.
    var id: String { get }
    /// One line saying what the rule checks.
    var summary: String { get }
    /// The findings of the rule on `report`; figures that agree give none.
    func check(_ report: Report) -> [Finding]
}

/// Every rule `check` runs, in the order their findings are listed.
public enum CheckRules {
    public static let all: [any CheckRule] = [
        SumRule(relations: SumRelation.standard),
        BreakdownRule(),
        ClassificationRule(),
        ShareRule(),
        ShareSumRule(),
        ChangeRule(),
        CompletionRule(),
        ComparisonRule(),
        HeadingYearRule(),
        RepeatedFigureRule(identities: Identity.standard),
        AnnexRule(),
        DerivedValueRule(),
    ]

    /// The rule with id `id`.
    public static func rule(_ id: String) -> (any CheckRule)? {
        all.first { $0.id == id }
    }
}

/// How rules compare the labels formats produce: full-width and ASCII brackets are the
/// same, quotes and spaces do not count (`“三公”经费` is `三公经费`).
public enum Label {
    public static func normalize(_ s: String) -> String { FactKey.normalize(s) }

    /// Whether `item` is one of `names` once both are normalized.
    public static func matches(_ item: String, _ names: [String]) -> Bool {
        let n = normalize(item)
        return names.contains { normalize($0) == n }
    }
}

/// The facts of one report that may be compared with each other: same entity, year,
/// phase, measure and unit, stated (not derived).
struct FactGroupKey: Hashable {
    var entity: String
    var year: Int
    var phase: Phase
    var measure: Measure
    var unit: String

    init(_ f: Fact) {
        entity = f.entity
        year = f.year
        phase = f.phase
        measure = f.measure
        unit = f.unit.description
    }
}

extension Report {
    /// The stated (not derived) facts with their indexes, grouped for comparison.
    func statedGroups(in statement: Statement? = nil) -> [FactGroupKey: [(index: FactIndex, fact: Fact)]] {
        var groups: [FactGroupKey: [(index: FactIndex, fact: Fact)]] = [:]
        for (i, f) in facts.enumerated() where !f.derived && (statement == nil || f.statement == statement) {
            groups[FactGroupKey(f), default: []].append((i, f))
        }
        return groups
    }

    /// A figure for a finding, labelled with the fact's item (and column or year when they
    /// are not the obvious ones).
    ///
    /// A fact stated several times shows the mention written nearest `near` (the same line
    /// first, then the closest), so a finding about a sentence names the figures it reads.
    func figure(_ index: FactIndex, near: SourceSpan? = nil) -> Finding.Figure {
        let f = facts[index]
        var mention = f.mentions[0]
        if let near, f.mentionCount > 1 {
            let here = f.mentions.filter { $0.span.file == near.file }
            mention = here.min { abs($0.span.line - near.line) < abs($1.span.line - near.line) } ?? mention
        }
        return figure(index, mention: mention)
    }

    /// A figure for one mention of a fact.
    func figure(_ index: FactIndex, mention: Mention) -> Finding.Figure {
        let f = facts[index]
        var label = f.item
        if f.measure != .total { label += "[\(f.measure)]" }
        if f.year != year { label += "(\(f.year)\(f.derived ? ", derived" : ""))" }
        return Finding.Figure(label: label, amount: mention.amount, unit: mention.unit(in: f).description, span: mention.span,
                              reading: mention.reading)
    }

    /// A stated percentage as a figure.
    func percentFigure(_ label: String, _ percent: Amount, _ span: SourceSpan) -> Finding.Figure {
        percentFigure(.literal(label), percent, span)
    }

    func percentFigure(_ label: Message, _ percent: Amount, _ span: SourceSpan) -> Finding.Figure {
        Finding.Figure(label: label, amount: percent, unit: "%", span: span)
    }
}

extension Fact {
    /// Whether the figure counts things (exact) rather than money (rounded).
    var isCount: Bool { !unit.isMoney }
}

/// Of several candidate facts for the same figure, the one written nearest `line` (the
/// same line first, then the closest, the earlier one on a tie).
func nearest(_ candidates: [(index: FactIndex, fact: Fact)], to line: Int) -> (index: FactIndex, fact: Fact)? {
    candidates.min { a, b in
        let da = abs(a.fact.span.line - line)
        let db = abs(b.fact.span.line - line)
        return da != db ? da < db : a.fact.span < b.fact.span
    }
}
