import FiscalModel
import Foundation

/// The national standard tables of a 部门决算 or 部门预算 (the Ministry of Finance template
/// every province follows, numbered and worded a little differently by each).
enum TableKind: CaseIterable {
    case totals, income, expenditure, appropriation, generalBudget, basic, threePublic, governmentFund, stateCapital
    /// 财政拨款支出预算表: all 财政拨款 by function (a 预算 table).
    case appropriationExpenditure
    /// 财政拨款基本支出预算表: 财政拨款 基本支出 by economic class (a 预算 table).
    case appropriationBasic
    /// 一般公共预算机关运行经费支出预算表, by economic class.
    case operatingCosts
    /// 政府采购支出预算表: items and amounts, no classification; its 合计 and 大类 read by name
    /// (``ProcurementTable``).
    case procurement

    /// The 决算 title of the Shanghai template (spaces and quotes removed), or the 预算 title
    /// for the tables only budgets print; messages name tables by it.
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
        case .appropriationExpenditure: "财政拨款支出预算表"
        case .appropriationBasic: "财政拨款基本支出预算表"
        case .operatingCosts: "一般公共预算机关运行经费支出预算表"
        case .procurement: "政府采购支出预算表"
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
        case .appropriationExpenditure: "财政拨款支出"
        case .appropriationBasic: "财政拨款基本支出"
        case .operatingCosts: .operatingCosts
        case .procurement: .procurement
        }
    }

    /// The fund the whole table speaks of, when it speaks of one.
    var fund: Fund? {
        switch self {
        case .generalBudget, .basic, .operatingCosts: .generalBudget
        case .governmentFund: .governmentFund
        case .stateCapital: .stateCapital
        default: nil
        }
    }

    /// How the table's rows are keyed.
    enum Layout { case summary, functional, economic, threePublic, unread }

    var layout: Layout {
        switch self {
        case .totals, .appropriation: .summary
        case .income, .expenditure, .generalBudget, .governmentFund, .stateCapital, .appropriationExpenditure: .functional
        case .basic, .appropriationBasic, .operatingCosts: .economic
        case .threePublic: .threePublic
        case .procurement: .unread
        }
    }

    /// The column sets the templates print for the table, as printed, the total first when
    /// there is one; the set whose names the header shows is the table's (see
    /// ``TableSection/columns``). The first set is the Shanghai 决算's (附件2_部门决算模板_上海2024),
    /// the default when the header shows none.
    var columnSets: [[String]] {
        switch self {
        case .income: [
            ["本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"],
            ["合计", "财政拨款收入", "事业收入", "事业单位经营收入", "其他收入"],  // Shanghai 预算
            ["金额"],
        ]
        case .expenditure: [
            ["本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"],
            ["合计", "基本支出", "项目支出"],
            ["合计", "基本支出", "项目支出", "单位预留机动经费", "结转下年资金"],  // Jiangsu 预算
            ["金额"],
        ]
        case .generalBudget, .appropriationExpenditure: [["合计", "基本支出", "项目支出"], ["金额"]]
        case .governmentFund, .stateCapital: [
            ["年初结转和结余", "本年收入", "本年支出合计", "基本支出", "项目支出", "年末结转和结余"],
            ["合计", "基本支出", "项目支出"],
            ["金额"],
        ]
        case .basic, .appropriationBasic: [["决算数"], ["合计", "人员经费", "公用经费"], ["金额"]]
        case .operatingCosts: [["机关运行经费支出"], ["金额"]]
        default: [[]]
        }
    }

    /// The columns of the Shanghai 决算 template (the first column set).
    var columns: [String] { columnSets[0] }
}

/// A title a template prints for one of the tables, with the phase it belongs to: the data a
/// new province extends. Titles are compared with their numbering (`公开01表`, `表一`, `一、`,
/// `5．`), year, entity, `部门` and a trailing `（功能科目）` taken off, spaces and quotes
/// removed (``TableTitle/key(of:entity:)``).
struct TableTitle {
    var key: String
    var kind: TableKind
    var phase: Phase

    static let all: [TableTitle] = [
        // Shanghai 部门决算 (附件2_部门决算模板_上海2024).
        .init(key: "收入支出决算总表", kind: .totals, phase: .final),
        .init(key: "收入决算表", kind: .income, phase: .final),
        .init(key: "支出决算表", kind: .expenditure, phase: .final),
        .init(key: "财政拨款收入支出决算总表", kind: .appropriation, phase: .final),
        .init(key: "一般公共预算财政拨款支出决算表", kind: .generalBudget, phase: .final),
        .init(key: "一般公共预算财政拨款基本支出决算表", kind: .basic, phase: .final),
        .init(key: "财政拨款三公经费支出决算表", kind: .threePublic, phase: .final),
        .init(key: "政府性基金预算财政拨款收入支出决算表", kind: .governmentFund, phase: .final),
        .init(key: "国有资本经营预算财政拨款收入支出决算表", kind: .stateCapital, phase: .final),
        // Jiangsu 部门预算 2017–2018 (江苏省财政厅 template; 2018 renumbers them 公开01–12表).
        .init(key: "收支预算总表", kind: .totals, phase: .budget),
        .init(key: "收入预算总表", kind: .income, phase: .budget),
        .init(key: "支出预算总表", kind: .expenditure, phase: .budget),
        .init(key: "财政拨款收支预算总表", kind: .appropriation, phase: .budget),
        .init(key: "财政拨款支出预算表", kind: .appropriationExpenditure, phase: .budget),
        .init(key: "财政拨款基本支出预算表", kind: .appropriationBasic, phase: .budget),
        .init(key: "政府性基金支出预算表", kind: .governmentFund, phase: .budget),
        .init(key: "财政拨款政府性基金支出预算表", kind: .governmentFund, phase: .budget),
        .init(key: "政府性基金财政拨款支出预算表", kind: .governmentFund, phase: .budget),
        .init(key: "政府性基金预算财政拨款支出预算表", kind: .governmentFund, phase: .budget),
        .init(key: "一般公共预算支出预算表", kind: .generalBudget, phase: .budget),
        .init(key: "一般公共预算基本支出预算表", kind: .basic, phase: .budget),
        .init(key: "一般公共预算机关运行经费支出预算表", kind: .operatingCosts, phase: .budget),
        .init(key: "三公经费会议费培训费支出预算表", kind: .threePublic, phase: .budget),
        .init(key: "一般公共预算三公经费会议费培训费支出预算表", kind: .threePublic, phase: .budget),
        .init(key: "政府采购支出预算表", kind: .procurement, phase: .budget),
        .init(key: "政府采购预算表", kind: .procurement, phase: .budget),
        // Shanghai 部门预算 2026 (`2026年部门收入预算总表`).
        .init(key: "财务收支预算总表", kind: .totals, phase: .budget),
        .init(key: "一般公共预算支出功能分类预算表", kind: .generalBudget, phase: .budget),
        .init(key: "政府性基金预算支出功能分类预算表", kind: .governmentFund, phase: .budget),
        .init(key: "国有资本经营预算支出功能分类预算表", kind: .stateCapital, phase: .budget),
        .init(key: "一般公共预算基本支出部门预算经济分类预算表", kind: .basic, phase: .budget),
        .init(key: "三公经费和机关运行经费预算表", kind: .threePublic, phase: .budget),
    ]

    private static let byKey: [String: TableTitle] = Dictionary(all.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })

    /// The title a line names, when it names one (every title names a 表: lines without one
    /// are passed over at the cost of a byte scan).
    static func named(_ compact: String, entity: String?) -> TableTitle? {
        guard compact.utf8.count <= 240, UTF8Search.contains(compact, "表") else { return nil }
        let k = key(of: compact, entity: entity)
        if let t = byKey[k] { return t }
        return afterEntity(k)
    }

    /// How the names of government bodies end (`…人民法院`, `…办公厅`, `…局`).
    static let entityEndings: Set<Character> = ["院", "厅", "局", "委", "办", "部", "会", "室", "处", "府", "心", "所", "站", "队", "馆"]

    /// A key printed after an entity the reader does not know (detection; a title naming the
    /// department otherwise than the document's identity): `江苏省高级人民法院收支预算总表`,
    /// `江苏省高级人民法院部门收支预算总表`. The entity is a name of at most 30 characters, no
    /// digits, ending as a body's name does.
    static func afterEntity(_ k: String) -> TableTitle? {
        let chars = Array(k)
        let last = min(chars.count - 4, 31)
        guard last > 2 else { return nil }
        for i in 2..<last {
            guard entityEndings.contains(chars[i - 1]) else { continue }
            if chars[..<i].contains(where: { $0.isNumber }) { return nil }
            var rest = String(chars[i...])
            if let t = byKey[rest] { return t }
            if rest.hasPrefix("部门") {
                rest.removeFirst(2)
                if let t = byKey[rest] { return t }
            }
        }
        return nil
    }

    /// Marks left out of a title's key.
    static let ignored: Set<Character> = ["“", "”", "\"", "'", "「", "」", "‘", "’", "、", "，", ","]

    static let numerals: Set<Character> = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]

    /// A printed title reduced to its key: `公开 01 表：收支预算总表` → 收支预算总表,
    /// `一、2017年度江苏省高级人民法院部门收支预算总表` → 收支预算总表, `2026年部门收入预算总表` →
    /// 收入预算总表, `财政拨款支出预算表（功能科目）` → 财政拨款支出预算表.
    static func key(of compact: String, entity: String?) -> String {
        var s = Substring(compact.filter { !ignored.contains($0) })
        // Numbering: 公开01表, 表1, 表一, 一、 (the 、 is gone), 1. 5．
        if s.hasPrefix("公开") {
            let rest = s.dropFirst(2)
            let digits = rest.prefix { $0.isNumber }
            if !digits.isEmpty, rest.dropFirst(digits.count).first == "表" { s = rest.dropFirst(digits.count + 1) }
        } else if s.hasPrefix("表") {
            let n = s.dropFirst().prefix { $0.isNumber || numerals.contains($0) }
            if !n.isEmpty { s = s.dropFirst(1 + n.count) }
        } else {
            // (counted on the printed text: `八、一般…` must not take the 一 of 一般 for a numeral)
            let n = compact.prefix { numerals.contains($0) }
            if !n.isEmpty, n.count <= 3, compact.dropFirst(n.count).first == "、" { s = s.dropFirst(n.count) }
            let digits = s.prefix { $0.isASCII && $0.isNumber }
            if !digits.isEmpty, digits.count <= 2, let mark = s.dropFirst(digits.count).first, ".．".contains(mark) {
                s = s.dropFirst(digits.count + 1)
            }
        }
        if s.first == "：" || s.first == ":" { s = s.dropFirst() }
        // The year: 2026年, 2017年度.
        let year = s.prefix { $0.isASCII && $0.isNumber }
        if year.count == 4, s.dropFirst(4).first == "年" {
            s = s.dropFirst(5)
            if s.first == "度" { s = s.dropFirst() }
        }
        if let entity, !entity.isEmpty, s.hasPrefix(entity) { s = s.dropFirst(entity.count) }
        if s.hasPrefix("部门") && s.count > 6 { s = s.dropFirst(2) }
        // A trailing （功能科目） / （经济科目）.
        if s.last == "）" || s.last == ")", let open = s.lastIndex(where: { $0 == "（" || $0 == "(" }) {
            s = s[..<open]
        }
        return String(s)
    }
}
