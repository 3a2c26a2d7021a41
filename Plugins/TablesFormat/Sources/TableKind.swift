import FiscalModel

/// The nine 附表 of a Shanghai 部门决算, as their titles name them.
enum TableKind: CaseIterable {
    case totals, income, expenditure, appropriation, generalBudget, basic, threePublic, governmentFund, stateCapital

    /// The title, with spaces and quotes removed.
    var title: String {
        switch self {
        case .totals: "收入支出决算总表"
        case .income: "收入决算表"
        case .expenditure: "支出决算表"
        case .appropriation: "财政拨款收入支出决算总表"
        case .generalBudget: "一般公共预算财政拨款支出决算表"
        case .basic: "一般公共预算财政拨款基本支出决算表"
        case .threePublic: "财政拨款三公经费支出决算表"
        case .governmentFund: "政府性基金预算财政拨款收入支出决算表"
        case .stateCapital: "国有资本经营预算财政拨款收入支出决算表"
        }
    }

    /// The model's statement for the table.
    var statement: Statement {
        switch self {
        case .totals: .totals
        case .income: .income
        case .expenditure: .expenditure
        case .appropriation: .fiscalAppropriation
        case .generalBudget: .generalBudgetExpenditure
        case .basic: .basicExpenditure
        case .threePublic: .threePublic
        case .governmentFund: .governmentFund
        case .stateCapital: .stateCapital
        }
    }

    /// The fund the whole table speaks of, when it speaks of one.
    var fund: Fund? {
        switch self {
        case .generalBudget, .basic: .generalBudget
        case .governmentFund: .governmentFund
        case .stateCapital: .stateCapital
        default: nil
        }
    }

    /// The columns of a table keyed by functional code, 合计 first when there is one
    /// (from the blank template, 附件2_部门决算模板_上海2024).
    var columns: [String] {
        switch self {
        case .income: ["本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"]
        case .expenditure: ["本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"]
        case .generalBudget: ["合计", "基本支出", "项目支出"]
        case .governmentFund, .stateCapital: ["年初结转和结余", "本年收入", "本年支出合计", "基本支出", "项目支出", "年末结转和结余"]
        default: []
        }
    }

    /// Whether the first column is the sum of the others.
    var firstColumnIsTotal: Bool {
        switch self {
        case .income, .expenditure, .generalBudget: true
        default: false
        }
    }

    /// The kind whose title `line` is (spaces and quotes ignored).
    static func titled(_ compact: String) -> TableKind? {
        let key = compact.filter { !"“”\"'「」".contains($0) }
        return allCases.first { $0.title == key }
    }
}
