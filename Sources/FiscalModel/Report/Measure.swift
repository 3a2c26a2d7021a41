/// What a figure measures: the column of a table it sits in (合计, 基本支出, 项目支出, 年初预算 …),
/// normalised so that the same measure has one name in every report.
///
/// Every fact has exactly one measure. ``total`` is the item's amount in the report's phase
/// (决算数 in a 决算, 预算数 in a 预算, the 合计 / 本年支出合计 / 本年收入合计 column of a
/// table, the figure a narrative sentence states); a ``Role/part`` measure is one of the
/// columns that add up to the total (基本支出 + 项目支出 = 合计); any other measure
/// (年初预算 in a 决算, 上年数, 年初结转和结余 …) is a separate measurement that is neither.
/// Sums never add two measures together; see docs/LANGUAGE.md.
public struct Measure: RawRepresentable, Sendable, Hashable, Comparable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    /// The canonical (Chinese) name.
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }
    public static func < (lhs: Measure, rhs: Measure) -> Bool { lhs.rawValue < rhs.rawValue }

    /// How a measure relates to the item's total.
    public enum Role: String, Sendable, Hashable {
        /// The item's amount (合计): what sums, drills and shares use by default.
        case total
        /// One of the columns that add up to the total (基本支出, 财政拨款收入 …).
        case part
        /// A separate measurement: a budget beside a final figure, a prior-year figure, a balance.
        case other
    }

    /// 合计: the item's amount in the report's phase.
    public static let total: Measure = "合计"
    /// 基本支出: the basic-expenditure column.
    public static let basic: Measure = "基本支出"
    /// 项目支出: the project-expenditure column.
    public static let project: Measure = "项目支出"
    /// 年初预算: the budget at the start of the year, as a 决算 prints it beside the 决算数.
    public static let initialBudget: Measure = "年初预算"
    /// 调整预算: the adjusted budget.
    public static let adjustedBudget: Measure = "调整预算"
    /// 全年预算: the full-year budget (年初预算 plus adjustments), as project tables print it.
    public static let fullYearBudget: Measure = "全年预算"
    /// 上年数: the prior year's figure printed beside this year's.
    public static let priorYear: Measure = "上年数"

    /// One entry of the vocabulary.
    public struct Definition: Sendable, Hashable {
        public var measure: Measure
        public var role: Role
        /// English name, accepted in queries.
        public var english: String
        /// Other names reports print for it.
        public var aliases: [String]
        /// What it means, for `help measures` and the docs.
        public var meaning: String
    }

    /// The vocabulary: every measure fiscal knows, with its role and aliases. A template that
    /// prints a new column name extends this table; a name not in it is kept as printed, as an
    /// ``Role/other`` measure.
    public static let vocabulary: [Definition] = [
        .init(measure: .total, role: .total, english: "total",
              aliases: ["合计", "总计", "小计", "本年支出合计", "本年收入合计", "支出合计", "收入合计", "金额", "本年数", "本年支出", "决算金额", "预算金额"],
              meaning: "the item's amount in the report's phase: 决算数 in a 决算, 预算数 in a 预算"),
        .init(measure: .basic, role: .part, english: "basic", aliases: ["基本支出"], meaning: "basic expenditure (人员经费 and 公用经费)"),
        .init(measure: .project, role: .part, english: "project", aliases: ["项目支出"], meaning: "project expenditure"),
        .init(measure: "上缴上级支出", role: .part, english: "remitted", aliases: [], meaning: "paid up to the superior unit"),
        .init(measure: "经营支出", role: .part, english: "business-expense", aliases: [], meaning: "expenditure on business activities"),
        .init(measure: "对附属单位补助支出", role: .part, english: "subsidiary-grants", aliases: [], meaning: "grants to subordinate units"),
        .init(measure: "单位预留机动经费", role: .part, english: "reserve", aliases: [], meaning: "the unit's reserve for contingencies"),
        .init(measure: "财政拨款收入", role: .part, english: "appropriation-income", aliases: ["财政拨款"], meaning: "income from 财政拨款"),
        .init(measure: "上级补助收入", role: .part, english: "superior-grants", aliases: [], meaning: "grants from the superior unit"),
        .init(measure: "事业收入", role: .part, english: "service-income", aliases: [], meaning: "income from public-service activities"),
        .init(measure: "经营收入", role: .part, english: "business-income", aliases: [], meaning: "income from business activities"),
        .init(measure: "附属单位上缴收入", role: .part, english: "subsidiary-income", aliases: [], meaning: "income remitted by subordinate units"),
        .init(measure: "财政专户管理资金", role: .part, english: "special-account", aliases: ["财政专户管理资金收入", "财政转专户管理资金"], meaning: "funds managed in a fiscal special account"),
        .init(measure: "其他收入", role: .part, english: "other-income", aliases: [], meaning: "all other income"),
        .init(measure: "其他资金", role: .part, english: "other-funds", aliases: ["其它资金"], meaning: "funds other than 财政拨款 (a project's or a budget's)"),
        .init(measure: "一般公共预算财政拨款", role: .part, english: "general-budget", aliases: ["一般公共预算"], meaning: "the 一般公共预算 part of 财政拨款"),
        .init(measure: "政府性基金预算财政拨款", role: .part, english: "government-fund", aliases: ["政府性基金预算"], meaning: "the 政府性基金预算 part of 财政拨款"),
        .init(measure: "国有资本经营预算财政拨款", role: .part, english: "state-capital", aliases: ["国有资本经营预算"], meaning: "the 国有资本经营预算 part of 财政拨款"),
        .init(measure: "人员经费", role: .part, english: "personnel", aliases: [], meaning: "the personnel part of 基本支出"),
        .init(measure: "公用经费", role: .part, english: "operating", aliases: [], meaning: "the operating part of 基本支出"),
        .init(measure: .initialBudget, role: .other, english: "initial-budget", aliases: ["年初预算数", "年初预算"], meaning: "the budget at the start of the year, printed in a 决算"),
        .init(measure: .adjustedBudget, role: .other, english: "adjusted-budget", aliases: ["调整预算数", "调整后预算"], meaning: "the budget after adjustments"),
        .init(measure: .fullYearBudget, role: .other, english: "full-year-budget", aliases: ["全年预算数", "项目全年预算数", "全年预算"], meaning: "the full-year budget of a project"),
        .init(measure: .priorYear, role: .other, english: "prior-year", aliases: ["上年数", "上年预算数", "上年决算数", "上年执行数"], meaning: "the prior year's figure printed beside this year's"),
        .init(measure: "年初结转和结余", role: .other, english: "opening-balance", aliases: ["年初结转结余"], meaning: "balances carried over at the start of the year"),
        .init(measure: "年末结转和结余", role: .other, english: "closing-balance", aliases: ["年末结转结余"], meaning: "balances carried over to the next year"),
        .init(measure: "本年收入", role: .other, english: "income", aliases: [], meaning: "this year's income of a fund (beside its balances)"),
    ]

    private static let byName: [String: Definition] = {
        var table: [String: Definition] = [:]
        for d in vocabulary {
            for name in [d.measure.rawValue, d.english] + d.aliases where table[name] == nil { table[name] = d }
        }
        return table
    }()

    /// The measure a report's printed column name stands for. In a 决算 the 决算数 column is the
    /// total (and a 预算数 column beside it the 年初预算); in a 预算 the 预算数 column is the total.
    /// A name not in the vocabulary is kept as printed.
    public init(printed name: String, phase: Phase) {
        let trimmed = String(name.unicodeScalars.filter { !$0.properties.isWhitespace })
        switch (trimmed, phase) {
        case ("决算数", .final), ("决算", .final), ("执行数", .final), ("预算数", .budget), ("预算", .budget):
            self = .total
            return
        case ("预算数", .final), ("预算", .final):
            self = .initialBudget
            return
        default: break
        }
        self = Measure.byName[trimmed]?.measure ?? Measure(rawValue: trimmed)
    }

    /// The measure a query names (Chinese, an alias or the English name), or nil when no
    /// measure of the vocabulary has that name.
    public init?(named name: String) {
        guard let d = Measure.byName[name] else { return nil }
        self = d.measure
    }

    /// The vocabulary entry, when the measure is in it.
    public var definition: Definition? { Measure.byName[rawValue] }

    /// How the measure relates to the item's total (``Role/other`` for names not in the vocabulary).
    public var role: Role { definition?.role ?? .other }
}
