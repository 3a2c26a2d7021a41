import FiscalModel

/// One of the ways a statement breaks down its money: the 收支总表 states one 总计 by source
/// (收入) and again by function (类); the Jiangsu 收支预算总表 a third time by use (基本支出,
/// 项目支出); the 基本支出 table by economic class and again as 人员经费 + 公用经费. Rows of two
/// breakdowns of one statement, measure, entity, year and phase are the same money twice, and a
/// sum holding both is refused (docs/LANGUAGE.md, "Not counting money twice").
///
/// Template knowledge: the names are those the national 部门预算/部门决算 tables print (compared
/// normalised, ``FiscalModel/FactKey/normalize(_:)``). A row may belong to several breakdowns
/// (年末结转和结余 ends both the 类 and the 基本支出/项目支出 side); a row of none is left alone.
public struct Breakdown: Sendable, Hashable {
    /// What the breakdown is, for the message.
    public var name: MessageKey
    /// Items that belong to it by name.
    public var items: Set<String>
    /// Whether rows with a functional code (类/款/项, 2…) belong to it.
    public var functionalCodes: Bool = false
    /// Whether rows with an economic code (301, 30101, …) belong to it.
    public var economicCodes: Bool = false

    public init(_ name: MessageKey, items: [String], functionalCodes: Bool = false, economicCodes: Bool = false) {
        self.name = name
        self.items = Set(items.map(FactKey.normalize))
        self.functionalCodes = functionalCodes
        self.economicCodes = economicCodes
    }
}

extension Breakdown {
    /// What closes the 支出 side of a 收支总表 after its 类 or its uses: in both breakdowns.
    static let expenditureBalances = [
        "年末结转和结余", "年末财政拨款结转和结余", "结余分配", "结转下年资金", "上缴上级支出", "经营支出", "对附属单位补助支出",
    ]

    /// The breakdowns of the national 部门预算 and 部门决算 tables.
    public static let standard: [Breakdown] = [
        Breakdown(.breakdownSource, items: [
            // 部门决算: 收入支出决算总表, 财政拨款收入支出决算总表.
            "一般公共预算财政拨款收入", "政府性基金预算财政拨款收入", "国有资本经营预算财政拨款收入", "上级补助收入", "事业收入",
            "经营收入", "附属单位上缴收入", "其他收入", "使用非财政拨款结余（含专用结余）", "使用非财政拨款结余", "年初结转和结余",
            "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款", "年初财政拨款结转和结余",
            // 部门预算: 收支预算总表, 财政拨款收支预算总表 (Jiangsu, Shanghai).
            "财政拨款", "财政拨款收入", "一般公共预算", "政府性基金预算", "国有资本经营预算", "财政专户管理资金", "其他资金",
            "事业单位经营收入", "上年结转资金", "一般公共预算收入", "政府性基金预算收入",
        ]),
        Breakdown(.breakdownFunction, items: expenditureBalances, functionalCodes: true),
        Breakdown(.breakdownUse, items: ["基本支出", "项目支出", "单位预留机动经费"] + expenditureBalances),
        Breakdown(.breakdownEconomic, items: [], economicCodes: true),
        Breakdown(.breakdownPersonnel, items: ["人员经费", "公用经费", "日常公用经费"]),
    ]
}
