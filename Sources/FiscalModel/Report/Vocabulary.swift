/// 决算 (final accounts) or 预算 (budget).
public enum Phase: String, Sendable, Hashable, CaseIterable, Comparable {
    /// 预算: what was planned.
    case budget = "预算"
    /// 决算: what was spent.
    case final = "决算"

    /// The phase named in Chinese or English (`决算`, `final`, `预算`, `budget`).
    public init?(name: String) {
        switch name {
        case "决算", "final": self = .final
        case "预算", "budget": self = .budget
        default: return nil
        }
    }

    public static func < (lhs: Phase, rhs: Phase) -> Bool { lhs == .budget && rhs == .final }
}

/// The table or section of a report a fact belongs to (收支总计, 收入, 支出, …).
///
/// The standard statements are static members; formats may name others.
public struct Statement: RawRepresentable, Sendable, Hashable, Comparable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }
    public static func < (lhs: Statement, rhs: Statement) -> Bool { lhs.rawValue < rhs.rawValue }

    /// 收支总计: the grand totals of income and expenditure.
    public static let totals: Statement = "收支总计"
    /// 收入: income by source.
    public static let income: Statement = "收入"
    /// 支出: expenditure by type (基本支出, 项目支出, …) or by classification.
    public static let expenditure: Statement = "支出"
    /// 财政拨款收支: income and expenditure of 财政拨款.
    public static let fiscalAppropriation: Statement = "财政拨款收支"
    /// 一般公共预算财政拨款支出: general-budget appropriations by classification.
    public static let generalBudgetExpenditure: Statement = "一般公共预算财政拨款支出"
    /// 基本支出: basic expenditure (人员经费, 公用经费) and its economic classification.
    public static let basicExpenditure: Statement = "基本支出"
    /// 三公经费: the "three public" expenses.
    public static let threePublic: Statement = "三公经费"
    /// 政府性基金: government-fund budget.
    public static let governmentFund: Statement = "政府性基金"
    /// 国有资本经营: state capital operations budget.
    public static let stateCapital: Statement = "国有资本经营"
    /// 机关运行经费: running costs of the organ.
    public static let operatingCosts: Statement = "机关运行经费"
    /// 政府采购: government procurement.
    public static let procurement: Statement = "政府采购"
    /// 国有资产: state assets (vehicles, equipment; counts).
    public static let assets: Statement = "国有资产"
    /// 项目: projects and their performance.
    public static let projects: Statement = "项目"
    /// 人员: staff counts.
    public static let staff: Statement = "人员"
}

/// The budget a figure is funded from.
public struct Fund: RawRepresentable, Sendable, Hashable, Comparable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }
    public static func < (lhs: Fund, rhs: Fund) -> Bool { lhs.rawValue < rhs.rawValue }

    /// 一般公共预算
    public static let generalBudget: Fund = "一般公共预算"
    /// 政府性基金预算
    public static let governmentFund: Fund = "政府性基金预算"
    /// 国有资本经营预算
    public static let stateCapital: Fund = "国有资本经营预算"
    /// Any other source (事业收入, 经营收入, …).
    public static let other: Fund = "其他"
}

/// What a fact counts: money in a unit, or things (辆, 人, 批次, …).
public enum FactUnit: Sendable, Hashable, CustomStringConvertible {
    case money(MoneyUnit)
    case count(String)

    /// The unit as written: `万元`, `元`, `辆`, `人`.
    public var description: String {
        switch self {
        case .money(let unit): unit.rawValue
        case .count(let name): name
        }
    }

    /// Whether the fact is an amount of money.
    public var isMoney: Bool {
        if case .money = self { return true }
        return false
    }

    /// The unit written as `name`: a money unit if it is one, a count otherwise.
    public init(name: String) {
        self = MoneyUnit(rawValue: name).map(FactUnit.money) ?? .count(name)
    }
}
