import FiscalModel

/// Two labels that name the same figure in different statements (a total in one section
/// and again in another).
public struct Identity: Sendable, Hashable {
    public var statement: Statement
    public var items: [String]
    public var otherStatement: Statement
    public var otherItems: [String]
    /// The columns the other figure may be in (a table's `合计` row has one fact per
    /// column); `nil` for any.
    public var otherColumns: [String]?
    /// Why the two are one figure, shown in the finding.
    public var reason: Message
    /// The phases whose reports the identity holds in; `nil` for all.
    public var phases: Set<Phase>?

    public init(_ statement: Statement, _ items: [String], _ otherStatement: Statement, _ otherItems: [String],
                column otherColumns: [String]? = nil, phases: Set<Phase>? = nil, reason: Message) {
        self.statement = statement
        self.items = items
        self.otherStatement = otherStatement
        self.otherItems = otherItems
        self.otherColumns = otherColumns
        self.phases = phases
        self.reason = reason
    }

    /// The identities of the 部门决算 templates. docs/CHECKS.md lists them.
    public static let standard: [Identity] = [
        // Not in a 部门预算: its 支出预算 states the 基本支出 of every fund (Jiangsu 09: 5916.27 with
        // 80 of 其他资金) beside the 一般公共预算财政拨款基本支出 (5836.27).
        Identity(.expenditure, ["基本支出"], .basicExpenditure, ["基本支出", "一般公共预算财政拨款基本支出"], phases: [.final],
                 reason: Message(.reasonBasicSection)),
        Identity(.generalBudgetExpenditure, ["一般公共预算财政拨款支出"], .fiscalAppropriation, ["一般公共预算财政拨款支出"],
                 reason: Message(.reasonSameGeneralBudget)),
        // A narrative's totals and the 附表 rows that state them (Shanghai 情况说明 vs tables).
        Identity(.totals, ["收入支出总计"], .totals, ["总计"], column: ["决算数"], reason: Message(.reasonTotalOf, "收入支出总计", "收入支出决算总表")),
        Identity(.income, ["本年收入合计"], .income, ["合计"], column: ["本年收入合计"], reason: Message(.reasonTotalRowOf, "收入决算表")),
        Identity(.income, ["财政拨款收入"], .income, ["合计"], column: ["财政拨款收入"], reason: Message(.reasonTotalRowOf, "收入决算表")),
        Identity(.income, ["其他收入"], .income, ["合计"], column: ["其他收入"], reason: Message(.reasonTotalRowOf, "收入决算表")),
        Identity(.expenditure, ["本年支出合计"], .expenditure, ["合计"], column: ["本年支出合计"], reason: Message(.reasonTotalRowOf, "支出决算表")),
        Identity(.expenditure, ["基本支出"], .expenditure, ["合计"], column: ["基本支出"], reason: Message(.reasonTotalRowOf, "支出决算表")),
        Identity(.expenditure, ["项目支出"], .expenditure, ["合计"], column: ["项目支出"], reason: Message(.reasonTotalRowOf, "支出决算表")),
        Identity(.fiscalAppropriation, ["财政拨款收入支出总计"], .fiscalAppropriation, ["总计"], column: ["合计"],
                 reason: Message(.reasonTotalOf, "财政拨款收入支出总计", "财政拨款收入支出决算总表")),
        Identity(.generalBudgetExpenditure, ["一般公共预算财政拨款支出"], .generalBudgetExpenditure, ["合计"], column: ["合计"],
                 reason: Message(.reasonTotalRowOf, "一般公共预算财政拨款支出决算表")),
        Identity(.basicExpenditure, ["基本支出", "一般公共预算财政拨款基本支出"], .generalBudgetExpenditure, ["合计"], column: ["基本支出"],
                 reason: Message(.reasonColumnOfTotalRow, "基本支出", "一般公共预算财政拨款支出决算表")),
        Identity(.basicExpenditure, ["人员经费"], .basicExpenditure, ["人员经费合计"], column: ["决算数"],
                 reason: Message(.reasonNarratesRow, "六", "一般公共预算财政拨款基本支出决算表", "人员经费", "人员经费合计")),
        Identity(.basicExpenditure, ["公用经费"], .basicExpenditure, ["公用经费合计"], column: ["决算数"],
                 reason: Message(.reasonNarratesRow, "六", "一般公共预算财政拨款基本支出决算表", "公用经费", "公用经费合计")),
        Identity(.threePublic, ["三公经费", "三公经费财政拨款支出"], .threePublic, ["合计"], column: ["预算数", "决算数"],
                 reason: Message(.reasonTotalOfTable, "财政拨款“三公”经费支出决算表")),
        Identity(.threePublic, ["因公出国（境）费"], .threePublic, ["因公出国（境）费"], column: ["预算数", "决算数"], reason: Message(.reasonThreePublicTable)),
        Identity(.threePublic, ["公务用车购置及运行维护费"], .threePublic, ["公务用车购置及运行维护费"], column: ["预算数", "决算数"], reason: Message(.reasonThreePublicTable)),
        Identity(.threePublic, ["公务用车购置费"], .threePublic, ["公务用车购置费"], column: ["预算数", "决算数"], reason: Message(.reasonThreePublicTable)),
        Identity(.threePublic, ["公务用车运行维护费"], .threePublic, ["公务用车运行维护费"], column: ["预算数", "决算数"], reason: Message(.reasonThreePublicTable)),
        Identity(.threePublic, ["公务接待费"], .threePublic, ["公务接待费"], column: ["预算数", "决算数"], reason: Message(.reasonThreePublicTable)),
    ]
}

extension Identity {
    /// Whether the other figure may be in `column`.
    func allowsOther(_ fact: Fact) -> Bool {
        guard let otherColumns else { return true }
        return fact.mentions.contains { $0.reading.isTable } && otherColumns.contains { Measure(printed: $0, phase: fact.phase) == fact.measure }
    }
}

/// Two places that state figures by functional code (类/款/项): the facts with the same
/// code, one in each, are the same figure.
public struct CodeIdentity: Sendable, Hashable {
    public var statement: Statement
    /// The column of the first place's facts (`nil`: facts without a column, as narratives write them).
    public var column: String?
    public var otherStatement: Statement
    public var otherColumn: String?
    /// Why the two are one figure, shown in the finding.
    public var reason: Message

    public init(_ statement: Statement, column: String?, _ otherStatement: Statement, column otherColumn: String?, reason: Message) {
        self.statement = statement
        self.column = column
        self.otherStatement = otherStatement
        self.otherColumn = otherColumn
        self.reason = reason
    }

    /// Whether `f` is in the first place's column (its measure).
    func measure(of f: Fact) -> Bool { CodeIdentity.place(column, holds: f) }
    /// Whether `f` is in the other place's column (its measure).
    func otherMeasure(of f: Fact) -> Bool { CodeIdentity.place(otherColumn, holds: f) }

    /// A column holds the facts of that measure; `nil` the item's totals.
    static func place(_ column: String?, holds f: Fact) -> Bool {
        guard let column else { return f.measure == .total }
        return Measure(printed: column, phase: f.phase) == f.measure
    }

    /// The code identities of the 部门决算 templates. docs/CHECKS.md lists them. (A
    /// narrative's 类/项 and the rows of its own statement's table are one fact since loading
    /// folds them: `repeated` compares their mentions.)
    public static let standard: [CodeIdentity] = [
        CodeIdentity(.totals, column: "决算数", .expenditure, column: "本年支出合计",
                     reason: Message(.reasonLeiRows, "收入支出决算总表", "支出决算表")),
    ]
}

/// The same figure stated in two places agrees: a fact repeated within a statement, and
/// the pairs of ``Identity``.
public struct RepeatedFigureRule: CheckRule {
    public let id = "repeated"
    public let summary = "the same figure stated in two places has the same value"
    public let identities: [Identity]
    public let codeIdentities: [CodeIdentity]

    public init(identities: [Identity], codeIdentities: [CodeIdentity] = CodeIdentity.standard) {
        self.identities = identities
        self.codeIdentities = codeIdentities
    }

    public func check(_ report: Report) -> [Finding] {
        var findings: [Finding] = []
        let stated = report.facts.indices.filter { !report.facts[$0].derived }
        // One fact stated in several places (its mentions), the 附件's copies apart: they are
        // the `annex` rule's.
        for i in stated {
            let f = report.facts[i]
            guard f.mentionCount > 1 else { continue }
            let inText = f.mentions.filter { $0.part != Mention.annex }
            let inAnnex = f.mentions.filter { $0.part == Mention.annex }
            for place in [inText, inAnnex] where place.count > 1 {
                for other in place.dropFirst() {
                    let name = (f.code.map { "\($0) " } ?? "") + f.item
                    if let finding = compare(report, i, place[0], other, subject: Message(.checkSubjectStatedTwice, name)) { findings.append(finding) }
                }
            }
        }
        // Across statements.
        for identity in identities where identity.phases?.contains(report.phase) ?? true {
            let a = stated.filter { report.facts[$0].statement == identity.statement && Label.matches(report.facts[$0].item, identity.items) }
            let b = stated.filter {
                report.facts[$0].statement == identity.otherStatement && Label.matches(report.facts[$0].item, identity.otherItems)
                    && identity.allowsOther(report.facts[$0])
            }
            for i in a {
                // A pair of the same key was compared above, as one figure stated twice.
                for j in b where comparable(report.facts[i], report.facts[j]) && i != j {
                    if let f = compare(report, i, j, subject: Message(.checkSubjectInBoth, report.facts[i].item, identity.statement.rawValue, identity.otherStatement.rawValue), reason: identity.reason) {
                        findings.append(f)
                    }
                }
            }
        }
        for identity in codeIdentities {
            let a = stated.filter { report.facts[$0].statement == identity.statement && identity.measure(of: report.facts[$0]) && report.facts[$0].code != nil }
            let b = stated.filter { report.facts[$0].statement == identity.otherStatement && identity.otherMeasure(of: report.facts[$0]) && report.facts[$0].code != nil }
            for i in a {
                for j in b where i != j && report.facts[i].code == report.facts[j].code && comparable(report.facts[i], report.facts[j])
                    && i != j
                {
                    let code = report.facts[i].code!.rawValue
                    if let f = compare(report, i, j, subject: Message(.checkSubjectInBoth, "\(code) \(report.facts[i].item)", identity.statement.rawValue, identity.otherStatement.rawValue), reason: identity.reason) {
                        findings.append(f)
                    }
                }
            }
        }
        // A table that states a figure in two cells of one measure (the 总计 of both sides of a
        // 收支总表) meets the other place twice with the same figures: one finding.
        var seen = Set<String>()
        return findings.filter { seen.insert("\($0.subject)|\($0.lines)|\($0.stated.map(\.description) ?? "")|\($0.computed.map(\.description) ?? "")").inserted }
    }

    /// Two mentions of one fact: equal amounts give nothing; a finer figure that rounds to
    /// the coarser is rounding; anything else is an error, and the fact shows as disputed.
    func compare(_ report: Report, _ i: FactIndex, _ a: Mention, _ b: Mention, subject: Message) -> Finding? {
        let f = report.facts[i]
        let ua = a.unit(in: f), ub = b.unit(in: f)
        if ua == ub && a.amount == b.amount { return nil }
        if case .money(let x) = ua, case .money(let y) = ub, a.amount.converted(from: x, to: .yuan) == b.amount.converted(from: y, to: .yuan) {
            return nil
        }
        let agree = f.agree(a, b)
        // A 万元 sentence narrating a 元 table rounds by design: not a finding.
        if agree && ua != ub { return nil }
        let why = agree ? Message(.checkFinerRounds) : Message(.checkRoundedTwoWays)
        let sameUnit = ua == ub
        return Finding(agree ? .rounding : .error, rule: id, report: report.displayName, subject: subject,
                       figures: [report.figure(i, mention: a), report.figure(i, mention: b)],
                       stated: sameUnit ? b.amount : nil, computed: sameUnit ? a.amount : nil,
                       detail: Message(.checkVersus, "\(b.amount)\(ub)", "\(a.amount)\(ua)", why) + (agree ? .literal("") : Message(.checkFactDisputed)))
    }

    func comparable(_ a: Fact, _ b: Fact) -> Bool {
        a.entity == b.entity && a.year == b.year && a.phase == b.phase && a.unit == b.unit
    }

    /// Equal values give nothing; values written to different digits that round to each
    /// other are rounding; anything else is an error (one figure rounded twice the same way
    /// cannot differ).
    func compare(_ report: Report, _ i: FactIndex, _ j: FactIndex, subject: Message, reason: Message?) -> Finding? {
        let a = report.facts[i].amount, b = report.facts[j].amount
        guard a != b else { return nil }
        let coarse = min(a.scale, b.scale)
        let severity: Finding.Severity = a.scale != b.scale && a.rounded(toDigits: coarse) == b.rounded(toDigits: coarse) ? .rounding : .error
        let why = severity == .rounding ? Message(.checkFinerRounds) : Message(.checkRoundedTwoWays)
        return Finding(severity, rule: id, report: report.displayName, subject: subject,
                       figures: [report.figure(i), report.figure(j)], stated: b, computed: a,
                       detail: Message(.checkVersus, b, a, why) + (reason.map { Message(.checkReasonAside, $0) } ?? .literal("")))
    }
}

/// A prior-year value derived from a stated change agrees with the same value derived
/// another way, or stated.
public struct DerivedValueRule: CheckRule {
    public let id = "derived"
    public let summary = "a derived prior-year value agrees with the same figure derived another way or stated"
    public init() {}

    public func check(_ report: Report) -> [Finding] {
        var findings: [Finding] = []
        for i in report.facts.indices where report.facts[i].derived {
            let d = report.facts[i]
            // Derived two ways: mentions of one derived fact.
            for other in d.mentions.dropFirst() {
                if let f = compare(report, derived: i, d.mentions[0], other: i, other, otherDerived: true) { findings.append(f) }
            }
            // Derived and stated: the stated fact of the same key.
            for j in report.facts.indices where j != i && !report.facts[j].derived && report.facts[j].sameFigure(as: d) {
                if let f = compare(report, derived: i, d.mentions[0], other: j, report.facts[j].mentions[0], otherDerived: false) {
                    findings.append(f)
                }
            }
        }
        return findings
    }

    func compare(_ report: Report, derived i: FactIndex, _ dm: Mention, other j: FactIndex, _ om: Mention, otherDerived: Bool) -> Finding? {
        let d = report.facts[i], o = report.facts[j]
        let diff = dm.amount - om.amount
        // A derived value (current − change) carries two rounding errors, a stated one one.
        let halves = 2 + (otherDerived ? 2 : 1)
        let tolerance = o.isCount ? .zero : Rounding.halfUnit(of: [dm.amount, om.amount]) * Amount(halves)
        guard let severity = Rounding.severity(of: diff, tolerance: tolerance) else { return nil }
        return Finding(
            severity, rule: id, report: report.displayName, subject: Message(.checkSubjectDerivedTwice, d.item, d.year),
            figures: [report.figure(j, mention: om), report.figure(i, mention: dm)], stated: om.amount, computed: dm.amount,
            detail: Message(.checkBecause,
                            Message(.checkDerivedVersus, om.amount, Message(otherDerived ? .wordDerived : .wordStated), dm.amount),
                            severity == .rounding ? Message(.checkWithinRounding, tolerance) : Message(.checkMoreThanRounding, tolerance)))
    }
}
