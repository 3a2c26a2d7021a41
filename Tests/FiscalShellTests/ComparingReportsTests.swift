import Foundation
import Testing

/// `compare` on the real binary over the bundled corpus: the figures expected here were read
/// by hand in the documents (file and line in each comment), not recorded from fiscal.
@Suite struct ComparingReportsTests {
    static let corpus = Fixture.root + "/Examples/corpus"
    static let wenlv2025 = corpus + "/shanghai-putuo/07_普陀区文化和旅游局_2025_部门决算.txt"
    /// The 2025 决算's 年初预算 column written out as a 预算 report (Examples/shanghai-putuo/README.md).
    static let wenlvBudget2025 = Fixture.root + "/Examples/shanghai-putuo/普陀区文化和旅游局_2025_部门预算_年初预算.csv"

    /// The CSV output of one query: rows as dictionaries by column name, and the notes.
    static func rows(_ query: String, _ paths: [String]) throws -> (rows: [[String: String]], notes: String) {
        let r = try runFiscal(["-X", "-o", "csv", "-e", query] + paths)
        #expect(r.status == 0, "\(query): \(r.err)")
        let lines = r.out.split(separator: "\n").map(String.init)
        guard let header = lines.first?.split(separator: ",", omittingEmptySubsequences: false).map(String.init) else { return ([], r.err) }
        let rows = lines.dropFirst().map { line in
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return Dictionary(uniqueKeysWithValues: zip(header, cells))
        }
        return (rows, r.err)
    }

    // MARK: Execution within one 决算

    /// The narrative of the 2025 决算 of 普陀区文化和旅游局 states its rates of execution: line
    /// 524 `一般公共预算财政拨款支出年初预算为 27780.16 万元，支出决算为 24535.67 万元，完成年初预算的
    /// 88.32%`; lines 662–666 `“三公”经费财政拨款支出年初预算为 11.49 万元，支出决算为 3.04 万元，
    /// 完成预算的 26.46%` … `公务用车购置及运行维护费支出决算为 2.64 万元，完成预算的 28.15%；
    /// 公务接待费支出决算为 0.40 万元，完成预算的 18.96%`. Its 三公 table (line 446) prints 预算数 and
    /// 决算数 columns: 11.49 3.04 | 0 0 | 9.38 2.64 | 0 0 | 9.38 2.64 | 2.11 0.40.
    @Test func measureComparisonGivesTheRatesTheNarrativeStates() throws {
        let (rows, notes) = try Self.rows(
            #"facts | where item in ["一般公共预算财政拨款支出", "合计", "公务接待费", "公务用车购置及运行维护费"] | compare measure 年初预算 决算数"#,
            [Self.wenlv2025])
        func rate(_ item: String, fund: String) -> [String] {
            rows.filter { $0["item"] == item && $0["fund"] == fund && $0["年初预算"] != "" }.map { "\($0["年初预算"]!) \($0["合计"]!) \($0["rate"]!)" }
        }
        // The narrative's figures (fund 一般公共预算): 24535.67 / 27780.16 = 88.3207…%.
        #expect(rate("一般公共预算财政拨款支出", fund: "一般公共预算") == ["27780.16 24535.67 88.32"])
        // The 三公 table's (no fund): 3.04 / 11.49 = 26.4578…%, 0.40 / 2.11 = 18.9573…%, and
        // 2.64 / 9.38 = 28.1449…%, which the report rounds to 28.15% from its unrounded figures.
        #expect(rate("合计", fund: "") == ["11.49 3.04 26.46"])
        #expect(rate("公务接待费", fund: "") == ["2.11 0.40 18.96"])
        #expect(rate("公务用车购置及运行维护费", fund: "") == ["9.38 2.64 28.14"])
        #expect(notes.contains("`rate` is the total (合计, the 决算数) over 年初预算"))
    }

    /// The completion rule checks each stated rate against the same quotient: the four above
    /// agree (28.15% within rounding of 2.64 / 9.38); changed in a copy, two are errors.
    @Test func statedRatesAreCheckedAgainstTheExecutionRate() throws {
        let query = #"check | where rule = "completion" | select severity, subject, stated, computed"#
        let (found, _) = try Self.rows(query, [Self.wenlv2025])
        #expect(found.map { "\($0["severity"]!) \($0["stated"]!) \($0["computed"]!)" } == ["rounding 28.15 28.14"])

        let folder = Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let text = try String(contentsOfFile: Self.wenlv2025, encoding: .utf8)
            .replacingOccurrences(of: "完成年初预算的 88.32%", with: "完成年初预算的 86.32%")
            .replacingOccurrences(of: "完成预算的 18.96%", with: "完成预算的 19.96%")
        let copy = folder + "/07_普陀区文化和旅游局_2025_部门决算.txt"
        try text.write(toFile: copy, atomically: true, encoding: .utf8)
        let r = try runFiscal(["-X", "-o", "csv", "-e", query, copy])
        #expect(r.out.contains("error,一般公共预算财政拨款支出 完成预算,86.32,88.32"))
        #expect(r.out.contains("error,公务接待费 完成预算,19.96,18.96"))
        #expect(r.out.contains("rounding,公务用车购置及运行维护费 完成预算,28.15,28.14"))
    }

    // MARK: 预算 against 决算

    /// The 预算 report made from the 决算's 年初预算 column pairs with the 决算 by entity, year and
    /// item. Lines 527–534: 行政运行 年初预算为 511.66 万元，支出决算为 457.86 万元; 图书馆 年初预算为
    /// 3063.71 万元，支出决算为 3070.63 万元.
    @Test func phaseComparisonPairsABudgetReportWithItsFinalAccounts() throws {
        let paths = [Self.wenlvBudget2025, Self.wenlv2025]
        let (rows, notes) = try Self.rows(
            #"facts | where statement = "一般公共预算财政拨款支出" and code in ["2070101", "2070104"] | compare phase"#, paths)
        // 457.86 / 511.66 = 89.4852…%; 3070.63 / 3063.71 = 100.2259…%. The 预算 is the 预算
        // report's figure, shown once: never 511.66 + 511.66 with the 决算's own 年初预算.
        #expect(rows.map { "\($0["item"]!) \($0["预算"]!) \($0["决算"]!) \($0["delta"]!) \($0["rate"]!)" }
            == ["行政运行 511.66 457.86 -53.80 89.49", "图书馆 3063.71 3070.63 6.92 100.23"])
        #expect(notes.contains("where a 预算 report states the figure itself, its own figure is shown"))

        // Without the 决算's budget column, the 预算 comes from the 预算 report alone.
        let (own, _) = try Self.rows(
            #"facts | where measure != "年初预算" and item = "一般公共预算财政拨款支出" and year = 2025 | compare phase"#, paths)
        #expect(own.map { "\($0["预算"]!) \($0["决算"]!) \($0["rate"]!)" } == ["27780.16 24535.67 88.32"])
    }

    /// A missing partner is missing: 文化展示及纪念机构's 预算 alone when the 决算 is not loaded.
    @Test func aMissingPhaseIsMissingNotZero() throws {
        let (rows, _) = try Self.rows(#"facts | where code = "2070105" | compare phase 预算 决算"#, [Self.wenlvBudget2025])
        #expect(rows.map { "\($0["预算"]!)|\($0["决算"]!)|\($0["rate"]!)" } == ["6832.84||"])
    }

    // MARK: Series

    /// Examples/county-office-2019-2021.csv, 三公经费: 公务接待费 10.53, 7.54, 8.00;
    /// 公务用车运行维护费 11.42, 11.1, 12.00 (2019, 2020 决算, 2021 预算).
    @Test func threeYearsShowEachStepAndTheAverageRateOnRequest() throws {
        let (rows, notes) = try Self.rows(#"facts | where statement = "三公经费" | compare year overall cagr"#, [Fixture.exampleCSV])
        let reception = try #require(rows.first { $0["item"] == "公务接待费" })
        // 7.54 − 10.53 = −2.99 (−28.395%); 8.00 − 7.54 = 0.46 (6.1008%); overall −2.53 (−24.026%);
        // (8.00 / 10.53)^(1/2) − 1 = −12.837%.
        #expect(["delta 2020", "pct 2020", "delta 2021", "pct 2021", "delta", "pct", "cagr"].map { reception[$0]! }
            == ["-2.99", "-28.40", "0.46", "6.10", "-2.53", "-24.03", "-12.84"])
        let cars = try #require(rows.first { $0["item"] == "公务用车运行维护费" })
        // 11.1 − 11.42 = −0.32 (−2.80%); 12.00 − 11.1 = 0.90 (8.108%); (12 / 11.42)^(1/2) − 1 = 2.508%.
        #expect(["delta 2020", "pct 2020", "delta 2021", "pct 2021", "cagr"].map { cars[$0]! } == ["-0.32", "-2.80", "0.90", "8.11", "2.51"])
        #expect(notes.contains("rounded half away from zero"))
        // Without `overall` and `cagr`, only the steps.
        let (plain, _) = try Self.rows(#"facts | where statement = "三公经费" | compare year"#, [Fixture.exampleCSV])
        #expect(plain.first?["delta"] == nil && plain.first?["cagr"] == nil && plain.first?["delta 2021"] == "0.46")
        // In Chinese the steps are headed 增减 2021, 增减率 2021; cagr 年均增长率.
        let zh = try runFiscal(["-X", "--lang", "zh", "-e", #"facts | where statement = "三公经费" | compare year cagr"#, Fixture.exampleCSV])
        #expect(zh.out.contains("增减 2021") && zh.out.contains("增减率 2021") && zh.out.contains("年均增长率"))
    }

    /// Jiangsu, `facts | where code under 201 | group entity, 款 | compare year`, 财政拨款支出:
    /// 人大事务 (20101) 10,528.33 in the 2017 预算 of 江苏省人大办公厅 (01_…_2017, line 226) and
    /// 12,706.28 in 2018 (02_…_2018, line 205): +2177.95, 20.69%; 党委办公厅（室）及相关机构事务
    /// (20131) 16,845.17 in 2017 (06_…_表格, line 77) and 20,153.75 in 2018 (08_…_表格, line 87):
    /// +3308.58, 19.64%. The 2018 reports also give 2017 figures derived from their stated
    /// changes; those are never added to the stated ones.
    @Test func jiangsuDepartmentsYearOnYear() throws {
        let (rows, _) = try Self.rows(#"facts | where code under 201 | group entity, 款 | compare year"#, [Self.corpus + "/jiangsu"])
        func step(_ entity: String, _ code: String) -> [String] {
            rows.filter { ($0["entity"] ?? "").contains(entity) && $0["code"] == code && $0["statement"] == "财政拨款支出" && $0["2017"] != "" && $0["2018"] != "" }
                .map { "\($0["2017"]!) \($0["2018"]!) \($0["delta 2018"]!) \($0["pct 2018"]!)" }
        }
        #expect(step("人大", "20101") == ["10528.33 12706.28 2177.95 20.69"])
        #expect(step("委", "20131") == ["16845.17 20153.75 3308.58 19.64"])
    }

    // MARK: Entities

    /// The three 2024 决算 of 普陀区: 一般公共预算财政拨款支出 (narrative, fund 一般公共预算) 2940.05
    /// (财政局), 9746.50 (规划和自然资源局), 307.82 (社会工作部).
    @Test func entitiesRankedAgainstABaseTypedByPartOfItsName() throws {
        let paths = ["01_普陀区财政局", "02_普陀区规划和自然资源局", "03_中共普陀区委社会工作部"].map { Self.corpus + "/shanghai-putuo/\($0)_2024_部门决算.txt" }
        let (rows, notes) = try Self.rows(
            #"facts | where item = "一般公共预算财政拨款支出" and fund = "一般公共预算" and year = 2024 | compare entity 财政局 规划 社会 base 财政"#, paths)
        // 9746.50 − 2940.05 = 6806.45 (231.51%); 307.82 − 2940.05 = −2632.23 (−89.53%).
        #expect(rows.map { "\($0["entity"]!) \($0["amount"]!) \($0["rank"]!) \($0["delta"]!) \($0["pct"]!)" } == [
            "上海市普陀区规划和自然资源局 9746.50 1 6806.45 231.51",
            "上海市普陀区财政局 2940.05 2 0.00 0.00",
            "中共上海市普陀区委社会工作部 307.82 3 -2632.23 -89.53",
        ])
        #expect(notes.contains("the base, 上海市普陀区财政局"))
    }
}
