/// The figures the national 部门决算/部门预算 templates ask a 情况说明 to include, as data: how
/// a report announces them, how to tell which one an announcement means, and the query that
/// recreates each from the report's facts. A new template extends these tables, not the code.
public enum FigureCatalog {
    /// One standard figure: the words that identify it in an announced title, and its query.
    public struct Standard: Sendable, Hashable {
        public var id: String
        /// The title used when a report does not announce the figure.
        public var title: String
        /// Every one of these must appear in an announced title for it to mean this figure.
        public var keywords: [String]
        public var kind: ChartKindName
        /// The query; `{entity}`, `{year}` and `{phase}` stand for the report's.
        public var query: String
    }

    /// `bar` or `pie`, as the `chart` stage writes them.
    public typealias ChartKindName = String

    /// Most specific first: the first whose keywords all appear in a title wins.
    ///
    /// A structure of 收入 or 支出 takes the rows without a classification code: a report that
    /// also breaks the same total down by 类 (Jiangsu's 一般公共服务支出 … beside 基本支出, 项目支出)
    /// states two breakdowns of one whole, and a pie of both would count it twice.
    public static let standard: [Standard] = [
        Standard(
            id: "general-budget-structure", title: "一般公共预算财政拨款支出结构", keywords: ["一般公共预算", "结构"], kind: "pie",
            query: #"facts | where entity = "{entity}" and year = {year} and phase = "{phase}" and statement = "一般公共预算财政拨款支出" and measure = "合计" | group 类 | sum amount | chart pie amount by 类"#),
        Standard(
            id: "general-budget-change", title: "一般公共预算财政拨款支出变动情况", keywords: ["一般公共预算"], kind: "bar",
            query: #"facts | where entity = "{entity}" and phase = "{phase}" and statement = "一般公共预算财政拨款支出" and item = "一般公共预算财政拨款支出" and measure = "合计" | group year | agg amount = max(amount) | sort year | chart bar amount by year"#),
        Standard(
            id: "appropriation-change", title: "财政拨款收、支总计变动情况", keywords: ["财政拨款", "总计"], kind: "bar",
            query: #"facts | where entity = "{entity}" and phase = "{phase}" and statement = "财政拨款收支" and measure = "合计" | group year | agg amount = max(amount) | sort year | chart bar amount by year"#),
        Standard(
            id: "income-structure", title: "收入结构", keywords: ["收入"], kind: "pie",
            query: #"facts | where entity = "{entity}" and year = {year} and phase = "{phase}" and statement = "收入" and measure = "合计" and code = null | chart pie amount by item"#),
        Standard(
            id: "expenditure-structure", title: "支出结构", keywords: ["支出"], kind: "pie",
            query: #"facts | where entity = "{entity}" and year = {year} and phase = "{phase}" and statement = "支出" and measure = "合计" and code = null | chart pie amount by item"#),
        Standard(
            id: "totals-change", title: "收、支总计变动情况", keywords: ["总计"], kind: "bar",
            query: #"facts | where entity = "{entity}" and phase = "{phase}" and statement = "收支总计" and measure = "合计" | group year | agg amount = max(amount) | sort year | chart bar amount by year"#),
    ]

    /// The order of the standard set drawn for a report that announces no figure.
    public static let defaultOrder = ["totals-change", "income-structure", "expenditure-structure", "appropriation-change",
                                      "general-budget-change", "general-budget-structure"]

    /// How a figure's kind is written after its title (`（柱状图）`), and the chart kind it means.
    public static let kindWords: [(word: String, kind: ChartKindName)] = [
        ("饼状图", "pie"), ("饼图", "pie"), ("柱状图", "bar"), ("条形图", "bar"), ("柱形图", "bar"), ("折线图", "bar"),
    ]

    /// The standard figure an announced title means, if any.
    public static func standard(forTitle title: String) -> Standard? {
        let plain = title.filter { !"、，, 　".contains($0) }
        return standard.first { s in s.keywords.allSatisfy { plain.contains($0.filter { !"、，, ".contains($0) }) } }
    }

    /// The standard figure with id `id`.
    public static func standard(id: String) -> Standard? { standard.first { $0.id == id } }
}
