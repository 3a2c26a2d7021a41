import FiscalModel

/// A total and the items that add up to it, by the labels formats give them.
///
/// The total and its parts are facts of one statement (any statement when `statement` is
/// `nil`) and of one group: same entity, year, phase, column and unit, not derived.
public struct SumRelation: Sendable, Hashable {
    /// Which facts are the parts.
    public enum Parts: Sendable, Hashable {
        /// Facts whose item is one of these names.
        case items([String])
        /// The 类 of the functional classification (see ``ClassPath``) and facts with these
        /// item names.
        case classes(plus: [String])
    }

    /// A short name for the relation, shown in the finding's subject.
    public var name: String
    public var statement: Statement?
    /// The item names the total may have.
    public var total: [String]
    public var parts: Parts
    /// Parts a template may or may not count in the total (Sichuan's narrative counts
    /// 年末结转和结余 in 本年支出合计; the national tables do not): the sum passes with or
    /// without them.
    public var optional: [String]

    public init(_ name: String, statement: Statement?, total: [String], parts: Parts, optional: [String] = []) {
        self.name = name
        self.statement = statement
        self.total = total
        self.parts = parts
        self.optional = optional
    }
}

extension SumRelation {
    /// The relations of the 部门决算/部门预算 templates. docs/CHECKS.md lists the labels.
    public static let standard: [SumRelation] = [
        SumRelation(
            "income sources", statement: .income, total: ["本年收入合计", "本年收入"],
            parts: .items([
                "一般公共预算财政拨款收入", "政府性基金预算财政拨款收入", "国有资本经营预算财政拨款收入", "上级补助收入",
                "事业收入", "经营收入", "附属单位上缴收入", "其他收入",
                // 部门预算 (Jiangsu): 一般公共预算收入, 财政专户管理资金, 其他资金, 上年结转资金.
                "一般公共预算收入", "政府性基金预算收入", "财政专户管理资金", "其他资金", "上年结转资金",
            ])),
        SumRelation(
            "expenditure types", statement: .expenditure, total: ["本年支出合计", "本年支出"],
            parts: .items(["基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出", "年末结转和结余",
                           "单位预留机动经费", "结转下年资金"]),
            optional: ["年末结转和结余"]),
        SumRelation(
            "一般公共预算 by 类", statement: .generalBudgetExpenditure, total: ["一般公共预算财政拨款支出", "合计"],
            parts: .classes(plus: ["年末结转和结余", "上缴上级支出", "经营支出", "对附属单位补助支出"]),
            optional: ["年末结转和结余"]),
        SumRelation(
            "人员经费 + 公用经费", statement: .basicExpenditure, total: ["基本支出", "一般公共预算财政拨款基本支出"],
            parts: .items(["人员经费", "公用经费", "日常公用经费"])),
        SumRelation(
            "三公 parts", statement: .threePublic, total: ["三公经费", "三公经费财政拨款支出"],
            parts: .items(["因公出国（境）费", "因公出国（境）费用", "公务用车购置及运行维护费", "公务接待费"])),
        SumRelation(
            "公务用车 购置 + 运行维护", statement: .threePublic, total: ["公务用车购置及运行维护费"],
            parts: .items(["公务用车购置费", "公务用车运行维护费"])),
        SumRelation(
            "公务接待 国内 + 外事", statement: .threePublic, total: ["公务接待费"],
            parts: .items(["国内公务接待费", "外事接待费"])),
        SumRelation(
            "政府采购 by kind", statement: .procurement, total: ["政府采购支出总额", "采购支出总额", "政府采购金额"],
            parts: .items(["政府采购货物支出", "政府采购工程支出", "政府采购服务支出", "货物采购金额", "工程采购金额", "服务采购金额"])),
        SumRelation(
            "车辆 by use", statement: nil, total: ["车辆"],
            parts: .items([
                "部级领导干部用车", "一般公务用车", "一般执法执勤用车", "特种专业技术用车", "其他用车",
                "主要领导干部用车", "机要通信用车", "应急保障用车", "执法执勤用车", "离退休干部用车",
            ])),
        SumRelation(
            "公务用车 by type", statement: nil, total: ["公务用车"], parts: .items(["轿车", "越野车", "载客汽车"])),
    ]
}

/// Parts add up to their stated total, for every ``SumRelation``.
public struct SumRule: CheckRule {
    public let id = "sum"
    public let summary = "parts add up to their stated total (本年收入合计, 本年支出合计, 基本支出, 三公, 车辆, …)"
    public let relations: [SumRelation]

    public init(relations: [SumRelation]) { self.relations = relations }

    public func check(_ report: Report) -> [Finding] {
        var findings: [Finding] = []
        for relation in relations {
            for (_, group) in report.statedGroups(in: relation.statement) {
                // Within a group, a relation without a statement still stays in one statement.
                for statement in Set(group.map(\.fact.statement)).sorted() {
                    let members = group.filter { $0.fact.statement == statement }
                    if let f = check(relation, members, report) { findings.append(f) }
                }
            }
        }
        return findings
    }

    func check(_ relation: SumRelation, _ members: [(index: FactIndex, fact: Fact)], _ report: Report) -> Finding? {
        let totals = members.filter { Label.matches($0.fact.item, relation.total) }
        guard !totals.isEmpty else { return nil }
        var candidates: [(index: FactIndex, fact: Fact)]
        switch relation.parts {
        case .items(let names):
            candidates = members.filter { Label.matches($0.fact.item, names) }
        case .classes(let plus):
            let classes = ClassPath.classFacts(members)
            candidates = members.filter { m in
                classes.contains(m.index) || Label.matches(m.fact.item, plus)
            }
        }
        candidates.removeAll { c in totals.contains { $0.index == c.index } }
        guard let firstLine = candidates.map(\.fact.span.line).min(),
              let total = nearest(totals, to: firstLine) else { return nil }
        let parts = distinctByItem(candidates, near: total.fact.span.line)
        guard parts.count >= 2 else { return nil }
        let required = parts.filter { !Label.matches($0.fact.item, relation.optional) }
        let name = MessageKey(rawValue: "check.relation." + relation.name).map { Message($0) } ?? .literal(relation.name)
        var best = SumCheck(report: report, rule: id, subject: Message(.checkSubjectSum, total.fact.item, name), total: total.index, parts: parts.map(\.index))
        if required.count != parts.count, required.count >= 1 {
            let without = SumCheck(
                report: report, rule: id, subject: Message(.checkWithout, best.subject, relation.optional.joined(separator: ", ")),
                total: total.index, parts: required.map(\.index))
            if without.difference.magnitude < best.difference.magnitude { best = without }
        }
        return best.finding()
    }
}

/// Of facts possibly stated more than once, one per item (the one nearest `line`).
func distinctByItem(_ facts: [(index: FactIndex, fact: Fact)], near line: Int) -> [(index: FactIndex, fact: Fact)] {
    var byItem: [String: [(index: FactIndex, fact: Fact)]] = [:]
    var order: [String] = []
    for f in facts {
        let key = Label.normalize(f.fact.item) + "\u{1}" + (f.fact.code?.rawValue ?? "")
        if byItem[key] == nil { order.append(key) }
        byItem[key, default: []].append(f)
    }
    return order.compactMap { nearest(byItem[$0]!, to: line) }.sorted { $0.fact.span < $1.fact.span }
}

/// One total compared with the sum of its parts.
struct SumCheck {
    let report: Report
    let rule: String
    let subject: Message
    let total: FactIndex
    let parts: [FactIndex]

    var sum: Amount { Amount.sum(parts.map { report.facts[$0].amount }) }
    var difference: Amount { report.facts[total].amount - sum }

    /// The finding, or `nil` when the parts add up exactly.
    func finding() -> Finding? {
        let t = report.facts[total]
        let amounts = parts.map { report.facts[$0].amount }
        let tolerance = Rounding.sumTolerance(total: t.amount, parts: amounts, exact: t.isCount)
        guard let severity = Rounding.severity(of: difference, tolerance: tolerance) else { return nil }
        let arithmetic = amounts.map(\.description).joined(separator: " + ") + " = \(sum)"
        let why = severity == .rounding
            ? Message(.checkSumWithin, amounts.filter { !$0.isZero }.count, tolerance)
            : (t.isCount ? Message(.checkCountsExact) : Message(.checkMoreThanRounding, tolerance))
        return Finding(
            severity, rule: rule, report: report.displayName, subject: subject,
            figures: [report.figure(total)] + parts.map(report.figure),
            stated: t.amount, computed: sum, detail: Message(.checkBecause, arithmetic, why))
    }
}
