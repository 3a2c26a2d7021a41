import FiscalModel

/// What the budget summary tables print by name (收支预算总表 / 财务收支预算总表 with 收入 on the
/// left and 支出 by function and by use on the right; 财政拨款收支预算总表), and the sums that
/// hold between their items: template data that a new province extends. Names are compared
/// without numbering or spaces (``NamedCells/normalized(_:)``).
enum SummaryVocabulary {
    enum Side { case income, expenditure }

    /// An item a summary table prints.
    struct Item {
        var name: String
        var side: Side
        /// The fund an income line names (`1. 一般公共预算`).
        var fund: Fund? = nil
    }

    /// The items (the 类 come from the catalog, ``classNames``).
    static let items: [Item] = [
        // 收入: Jiangsu 2017–2018 (一、财政拨款 1.一般公共预算 2.政府性基金预算 二、财政专户管理资金 三、其他资金,
        // 当年收入小计, 上年结转资金, 收入合计); Shanghai 2026 (一、财政拨款收入 1. 一般公共预算 … 二、事业收入
        // 三、事业单位经营收入 四、其他收入, 收入总计).
        Item(name: "财政拨款", side: .income), Item(name: "财政拨款收入", side: .income),
        Item(name: "一般公共预算", side: .income, fund: .generalBudget),
        Item(name: "政府性基金预算", side: .income, fund: .governmentFund),
        Item(name: "国有资本经营预算", side: .income, fund: .stateCapital),
        Item(name: "财政专户管理资金", side: .income), Item(name: "其他资金", side: .income),
        Item(name: "事业收入", side: .income), Item(name: "事业单位经营收入", side: .income), Item(name: "其他收入", side: .income),
        Item(name: "当年收入小计", side: .income), Item(name: "上年结转资金", side: .income),
        Item(name: "收入合计", side: .income), Item(name: "收入总计", side: .income),
        // 支出 by use (Jiangsu) and the totals of both templates.
        Item(name: "基本支出", side: .expenditure), Item(name: "项目支出", side: .expenditure),
        Item(name: "单位预留机动经费", side: .expenditure), Item(name: "当年支出小计", side: .expenditure),
        Item(name: "结转下年资金", side: .expenditure), Item(name: "支出合计", side: .expenditure),
        Item(name: "支出总计", side: .expenditure),
    ]

    /// The 类 of the functional classification as the tables print them, today's and former
    /// names (文化体育与传媒支出 in 2017).
    static let classNames: [String] = ClassificationCatalog.functional.entries.filter { $0.level == .lei }.flatMap { [$0.name] + $0.formerNames }

    /// Every name a summary table prints.
    static let cells = NamedCells(names: items.map(\.name) + classNames)

    private static let byName: [String: Item] = Dictionary(items.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })

    /// The item of a name, when it is not a 类.
    static func item(_ name: String) -> Item? { byName[name] }

    /// The 类 a name is, when it is one.
    static func classCode(_ name: String) -> ClassificationCode? {
        byName[name] == nil ? ClassificationCatalog.functional.resolve(name, level: .lei) : nil
    }

    /// A sum a summary table's items obey: a total (any of `totals`) is the sum of `parts`
    /// (and of every 类 when `classes`), per column. It applies to a table of one of `kinds`
    /// that prints one of the totals and at least one part; an empty cell is zero.
    struct Relation {
        var kinds: Set<TableKind>
        var totals: [String]
        var parts: [String]
        var classes = false
    }

    private static let sources = ["财政拨款", "财政拨款收入", "财政专户管理资金", "其他资金", "事业收入", "事业单位经营收入", "其他收入"]
    private static let funds = ["一般公共预算", "政府性基金预算", "国有资本经营预算"]
    private static let uses = ["基本支出", "项目支出", "单位预留机动经费"]

    static let relations: [Relation] = [
        Relation(kinds: [.totals], totals: ["当年收入小计"], parts: sources),
        Relation(kinds: [.totals], totals: ["收入合计", "收入总计"], parts: sources + ["上年结转资金"]),
        // The funds under 财政拨款 (收支总表) or as the income side (财政拨款收支总表).
        Relation(kinds: [.totals], totals: ["财政拨款", "财政拨款收入"], parts: funds),
        Relation(kinds: [.appropriation], totals: ["收入合计", "收入总计"], parts: funds),
        Relation(kinds: [.totals], totals: ["当年支出小计"], parts: [], classes: true),
        Relation(kinds: [.totals, .appropriation], totals: ["当年支出小计"], parts: uses),
        Relation(kinds: [.totals, .appropriation], totals: ["支出合计", "支出总计"], parts: ["结转下年资金"], classes: true),
        Relation(kinds: [.totals, .appropriation], totals: ["支出合计", "支出总计"], parts: uses + ["结转下年资金"]),
    ]
}
