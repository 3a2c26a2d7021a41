@testable import FiscalModel
import TestSupport
import Testing

@Suite struct ClassificationCatalogTests {
    let catalog = ClassificationCatalog.functional

    @Test func codeToNameAndLevel() {
        #expect(catalog.name(of: "201") == "一般公共服务支出")
        #expect(catalog.name(of: "20131") == "党委办公厅（室）及相关机构事务")
        #expect(catalog.name(of: "2013105") == "专项业务")
        #expect(catalog.name(of: "2013199") == "其他党委办公厅（室）及相关机构事务支出")
        #expect(catalog[ "2101103"]?.level == .xiang)
        #expect(catalog.name(of: "2999999") == nil)
        #expect(ClassificationCatalog.economic.name(of: "30101") == "基本工资")
        #expect(ClassificationCatalog.economic.name(of: "30231") == "公务用车运行维护费")
    }

    @Test func namesHoldForYears() {
        #expect(catalog.name(of: "210", year: 2020) == "卫生健康支出")
        #expect(catalog.name(of: "210", year: 2018) == "医疗卫生与计划生育支出")
        #expect(catalog["210"]?.firstYear == 2019)
        #expect(catalog.resolve("医疗卫生与计划生育支出", level: .lei) == "210")
    }

    @Test func everyChildSitsUnderAKnownParent() {
        for entry in catalog.entries + ClassificationCatalog.economic.entries {
            if let parent = entry.code.parent {
                let owner = entry.code.rawValue.hasPrefix("3") ? ClassificationCatalog.economic : catalog
                #expect(owner[parent] != nil, "\(entry.code) has no parent in the catalog")
            }
        }
        #expect(catalog.children(of: nil).count == 30)
        #expect(catalog.children(of: "20131").map(\.code.rawValue) == ["2013101", "2013102", "2013103", "2013105", "2013150", "2013199"])
    }

    @Test func namesResolveDespiteSuffixesAndSynonyms() {
        #expect(catalog.resolve("一般公共服务（类）", level: .lei) == "201")
        #expect(catalog.resolve("卫生健康（类）", level: .lei) == "210")
        #expect(catalog.resolve("卫生健康支出", level: .lei) == "210")
        #expect(catalog.resolve("住房保障支出（类）", level: .lei) == "221")
        #expect(catalog.resolve("一般行政事务支出（项）", level: .xiang, within: "20131") == "2013102")
        #expect(catalog.resolve("行政运行支出", level: .xiang, within: "20131") == "2013101")
        #expect(catalog.resolve("住房公积金支出", level: .xiang, within: "22102") == "2210201")
        // 行政运行 exists under many 款: without a parent it stays unresolved.
        #expect(catalog.resolve("行政运行", level: .xiang) == nil)
        // a 项 is not looked for outside its 款
        #expect(catalog.resolve("住房公积金", level: .xiang, within: "20131") == nil)
    }

    @Test func pathsResolveFromTheClassDown() {
        #expect(catalog.resolve(path: ["一般公共服务", "党委办公厅（室）及相关机构事务（款）", "专项业务支出（项）"])
            == ["201", "20131", "2013105"])
        #expect(catalog.resolve(path: ["社会保障和就业", "行政事业单位养老支出", "机关事业单位基本养老保险缴费支出"]).last == "2080505")
        #expect(catalog.resolve(path: ["卫生健康支出", "行政事业单位医疗", "其他行政事业单位医疗支出"]).last == "2101199")
        // stops at the first name it cannot place
        #expect(catalog.resolve(path: ["一般公共服务", "不存在的事务", "行政运行"]) == ["201"])
    }

    @Test("the economic names before the 2018 reform, as the 2017 Jiangsu tables print them")
    func economicNamesOf2017() {
        let economic = ClassificationCatalog.economic
        #expect(economic.name(of: "30307", year: 2017) == "医疗费")
        #expect(economic.name(of: "30307", year: 2018) == "医疗费补助")
        #expect(economic.name(of: "30311", year: 2017) == "住房公积金")
        #expect(economic.resolve("住房公积金", level: .kuan, within: "303") == "30311")
        #expect(economic.resolve("提租补贴", level: .kuan, within: "303") == "30312")
        #expect(economic.resolve("医疗费", level: .kuan, within: "303") == "30307")
        // Without a parent, the name an entry bears today wins over another's former name.
        #expect(economic.resolve("住房公积金", level: .kuan) == "30113")
        #expect(economic.resolve("医疗费", level: .kuan) == "30114")
        #expect(economic.resolve("其他社会保障缴费", level: .kuan) == "30112")
        // Two entries in force that share a name stay unresolved.
        #expect(ClassificationCatalog.functional.resolve("行政运行", level: .xiang) == nil)
    }

    @Test("names as reports word them: swapped words, 费 and 的, quotation marks")
    func reportWordings() {
        let catalog = ClassificationCatalog.functional
        #expect(catalog.resolve(path: ["公共安全支出", "法院", "一般行政事务管理"]) == ["204", "20405", "2040502"])
        #expect(catalog.resolve("未归口管理行政单位离退休费", level: .xiang, within: "20805") == "2080504")
        #expect(catalog.resolve(path: ["“文化旅游体育与传媒支出", "其他文化体育与传媒支出", "文化产业发展专项支出”"]) == ["207", "20799", "2079903"])
    }
    @Test("names normalised by scalars are the names normalised by characters")
    func normalizedNameByScalars() {
        let alphabet: [String] = ["(", ")", "（", "）", "类", "款", "支出", " ", "\u{3000}", "“", "”", "行政运行", "\u{301}", "\t"]
        var g = SplitMix(seed: 20261208)
        var fast = 0
        for _ in 0..<5000 {
            let s = g.text(from: alphabet, maxPieces: 15)
            if s.scalarsAreCharacters { fast += 1 }
            #expect(ClassificationCatalog.normalizedName(s, byScalars: true).utf8.elementsEqual(ClassificationCatalog.normalizedName(s, byScalars: false).utf8), "\(s.unicodeScalars.map(\.value))")
        }
        #expect(fast > 1000, "\(fast)")
        #expect(ClassificationCatalog.normalizedName("“一般公共服务支出(类)” 行政运行（项）支出") == "一般公共服务支出行政运行")
    }
}
