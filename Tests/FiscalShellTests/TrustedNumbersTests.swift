import Foundation
import Testing

/// Issue 10, "What goes wrong today": each case through the real binary, with the figure the
/// report itself states (read off the report text by hand; the line numbers are cited).
@Suite("numbers an analyst can trust")
struct TrustedNumbersTests {
    let seed = "Examples/wusheng-2020-决算.txt"
    let finance = "Examples/corpus/shanghai-putuo/01_普陀区财政局_2024_部门决算.txt"
    let culture = "Examples/corpus/shanghai-putuo/07_普陀区文化和旅游局_2025_部门决算.txt"

    /// The rows of a `-o csv` answer, header first.
    func csv(_ query: String, _ file: String) throws -> [[String]] {
        let r = try runFiscal(["-e", query, "-o", "csv", file])
        #expect(r.status == 0, "\(query): \(r.err)")
        return r.out.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    @Test("share is each row's part of the rows shown: 546.42, 400.93, 145.48 → 50.00%, 36.69%, 13.31%")
    func shareOfTheRowsShown() throws {
        // Seed lines 60–63: 一般公共预算财政拨款基本支出 546.42 = 人员经费 400.93 + 日常公用经费 145.48.
        let rows = try csv(#"facts | where statement = "基本支出" | select item, amount | share amount"#, seed)
        #expect(rows.dropFirst().map { $0.last! } == ["50.00", "36.69", "13.31"])
    }

    @Test("share by a group: each 类's 项 add up to 100% within the 类")
    func shareByGroup() throws {
        let rows = try csv(#"facts | where statement = "一般公共预算财政拨款支出" and code under 201 and code != "201" and code != "20131" | select code, amount | share amount by 类"#, seed)
        let shares = rows.dropFirst().map { $0.last! }
        // 372.14 / 865.23 (the six 项 of 20131, lines 46–51).
        #expect(shares.first == "43.01")
        #expect(shares.count == 6)
    }

    @Test("compare year of one item states 1014.73 once (lines 38 and 42): −26.21%")
    func compareYearOfOneItem() throws {
        let rows = try csv(#"facts | where item = "一般公共预算财政拨款支出" | compare year"#, seed)
        #expect(rows.count == 2)
        #expect(rows[1] == ["一般公共预算财政拨款支出", "1375.16", "1014.73", "-360.43", "-26.21"])
    }

    @Test("group 类 | sum over 支出 adds the total measure only: 201 = 2106.66, not 4213.32")
    func groupSumTakesTheTotalMeasure() throws {
        let r = try runFiscal(["-e", #"facts | where statement = "支出" | group 类 | sum amount"#, "-o", "csv", finance])
        #expect(r.status == 0)
        #expect(r.out.contains("201,一般公共服务支出,2106.66"))
        #expect(!r.out.contains("4213.32"))
        let table = try runFiscal(["-e", #"facts | where statement = "支出" | group 类 | sum amount"#, finance])
        #expect(table.out.contains("the sum uses the total measure 合计 only"))
    }

    @Test("drill depth 1 shows the total measure: 201 = 2106.66, not the 基本支出 1503.52")
    func drillTakesTheTotalMeasure() throws {
        let rows = try csv("drill depth 1", finance)
        #expect(rows.contains { $0.prefix(3) == ["201", "一般公共服务支出", "2106.66"] })
    }

    @Test("公务用车购置及运行维护费 2.64, stated in the text and the table, is one fact; compare year shows it once")
    func stateTwiceCompareOnce() throws {
        // Lines 446 (五、三公 sentence) and 665 (the 三公 table) state 2.64 for 2025.
        let rows = try csv(#"facts | where item = "公务用车购置及运行维护费" and year = 2025 and measure = "合计" | select amount"#, culture)
        #expect(rows.dropFirst().map { $0[0] } == ["2.64"])
        let compared = try csv(#"facts | where item = "公务用车购置及运行维护费" | compare year"#, culture)
        #expect(compared.count == 2)
        #expect(compared[1].contains("2.64") && !compared[1].contains("5.28") && !compared[1].contains("7.92"))
    }

    @Test("a project's budget stated three times in the 附件 is one fact: execution rate 100%, not 33.33%")
    func projectBudgetOnce() throws {
        let rows = try csv(#"facts | where statement = "项目" and item = "会议费项目" | compare phase"#, seed)
        #expect(rows.count == 2)
        #expect(rows[1] == ["会议费项目", "9", "9", "0", "0.00", "100.00"])
    }

    @Test("a sum that adds a total to its parts is refused, naming both and the query that picks one")
    func totalWithPartsRefused() throws {
        let r = try runFiscal(["-e", #"facts | where statement = "支出" | sum amount"#, finance])
        #expect(r.status == 1)
        #expect(r.err.contains("cannot add a total to its own parts: 201 一般公共服务支出"))
        #expect(r.err.contains("group 类 | sum amount"))
        let labels = try runFiscal(["-e", #"facts | where statement = "基本支出" | sum amount"#, seed])
        #expect(labels.status == 1)
        #expect(labels.err.contains("`一般公共预算财政拨款基本支出` is the total of"))
    }

    @Test("a sum of two measures without the total is refused, naming them")
    func measuresRefused() throws {
        let r = try runFiscal(["-e", #"facts | where statement = "支出" and measure in ["基本支出", "项目支出"] | group 类 | sum amount"#, finance])
        #expect(r.status == 1)
        #expect(r.err.contains("cannot add different measures (基本支出, 项目支出)"))
        #expect(r.err.contains(#"where measure = "基本支出""#))
        // Grouping by measure is always allowed.
        let byMeasure = try runFiscal(["-e", #"facts | where statement = "支出" and measure in ["基本支出", "项目支出"] | group 类, measure | sum amount"#, "-o", "csv", finance])
        #expect(byMeasure.status == 0)
        #expect(byMeasure.out.contains("201,一般公共服务支出,基本支出,1503.52"))
        #expect(byMeasure.out.contains("201,一般公共服务支出,项目支出,603.14"))
    }

    @Test("source lists every mention of a folded fact: the explanation and the 附件")
    func sourceListsEveryMention() throws {
        // 政府性基金预算财政拨款收入 305.68: line 27 (二、收入) and line 802 (the 附件's copy).
        let r = try runFiscal(["-e", #"facts | where item = "政府性基金预算财政拨款收入""#, "-o", "json", seed])
        #expect(r.status == 0)
        let s = try runFiscal(["-f", "-", seed], input: "facts | where item = \"政府性基金预算财政拨款收入\"\nsource row 1\n")
        #expect(s.out.contains(":27:") && s.out.contains(":802:"), "\(s.out)\(s.err)")
    }

    @Test("a CSV states one mention per row: rows of one key fold into one fact, disputed when they differ")
    func csvFolds() throws {
        let path = Fixture.temporaryFolder() + "/mentions.csv"
        try """
            entity,year,phase,statement,item,code,measure,amount,unit,file,line
            某局,2020,决算,支出,行政运行,2010101,合计,230.25,万元,report.txt,40
            某局,2020,决算,支出,行政运行,2010101,合计,2302464,元,report.txt,300
            某局,2020,决算,支出,机关服务,2010103,合计,10.00,万元,report.txt,41
            某局,2020,决算,支出,机关服务,2010103,,10.01,万元,report.txt,301

            """.write(toFile: path, atomically: true, encoding: .utf8)
        let r = try runFiscal(["-e", "facts | select item, amount, unit, disputed", "-o", "csv", path])
        #expect(r.status == 0, "\(r.err)")
        // 230.25万元 and 2,302,464元 agree (the finer rounds to the coarser); 10.00 and 10.01 do not.
        #expect(r.out == "item,amount,unit,disputed\n行政运行,230.2464,万元,false\n机关服务,10.00,万元,true\n")
        #expect(r.err.contains("1 fact is disputed"))
        let check = try runFiscal(["check", "-o", "csv", path])
        #expect(check.out.contains("error,repeated,某局,2010103 机关服务 stated twice"))
    }

    @Test("a sum of the seed's 三公 figures with their named total is refused (89.64 added 18.64 and its parts)")
    func namedTotalsRefused() throws {
        // Lines 67–76: “三公”经费 18.64 = 因公出国 0 + 公务用车 11.1 + 公务接待 7.54, and 公务用车购置及运行维护费
        // 11.1 is 公务用车运行维护费 11.1.
        let all = try runFiscal(["-e", #"facts | where statement = "三公经费" and year = 2020 and unit = "万元" | sum amount"#, seed])
        #expect(all.status == 1)
        #expect(all.err.contains("经费财政拨款支出决算` is the total of"))
        let inner = try runFiscal(["-e", #"facts | where statement = "三公经费" and year = 2020 and unit = "万元" and item ~ "公务用车" | sum amount"#, seed])
        #expect(inner.status == 1)
        #expect(inner.err.contains("is the total of `公务用车运行维护费支出`"))
    }
}
