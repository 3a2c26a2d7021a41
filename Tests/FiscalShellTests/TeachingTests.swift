import FiscalCheck
import FiscalModel
@testable import FiscalShell
import Foundation
import Testing

@Suite("figures: the report's own figures, recreated")
struct FigureTests {
    static func session(_ paths: [String]) throws -> Session {
        let session = Session()
        try session.load(paths.map { Fixture.root + "/" + $0 })
        return session
    }

    @Test("announcements are found with their number, title, kind and line; prose mentioning 图 is not one")
    func announcements() {
        let text = "收支总计1320.41万元。（图1：收、支决算总计变动情况图）（柱状图）\n图书馆支出3.2万元\n（图2：收入决算结构图）（饼状图）\n图1：收入预算图\n"
        let found = FigureAnnouncement.find(in: text, file: "x.txt")
        #expect(found.map(\.label) == ["图1", "图2", "图1"])
        #expect(found.map(\.title) == ["收、支决算总计变动情况图", "收入决算结构图", "收入预算图"])
        #expect(found.map(\.kind) == ["bar", "pie", nil])
        #expect(found.map(\.line) == [1, 3, 4])
    }

    @Test("the seed's 图1–图6, titled as the report titles them, drawn from its facts")
    func seed() throws {
        let session = try Self.session(["Examples/wusheng-2020-决算.txt"])
        let figures = Figures.make(for: session.reports[0], session: session)
        #expect(figures.map(\.title) == [
            "图1：收、支决算总计变动情况图", "图2：收入决算结构图", "图3：支出决算结构图", "图4：财政拨款收、支决算总计变动情况",
            "图5：一般公共预算财政拨款支出决算变动情况", "图6：一般公共预算财政拨款支出决算结构",
        ])
        let charts = try figures.map { try $0.chart.get() }
        #expect(charts.map(\.kind) == [.bars, .structure, .structure, .bars, .bars, .structure])
        // 图1: 2019 (derived from the stated decrease of 433.95) and 2020, in that order.
        #expect(charts[0].categories == ["2019", "2020"])
        #expect(charts[0].series[0].points.map(\.text) == ["1754.36", "1320.41"])
        #expect(charts[0].notes.contains { $0.hasPrefix("2019: computed from a change the report states (derived)") })
        // 图3: the parts of 本年支出合计, without the total itself.
        #expect(charts[2].categories == ["基本支出", "项目支出", "年末结转和结余", "上缴上级支出", "经营支出", "对附属单位补助支出"])
        #expect(charts[2].series[0].points.prefix(3).map(\.text) == ["546.41", "677.81", "96.19"])
        // 图2 says that the income parts do not add up to the stated total.
        #expect(charts[1].notes.contains { $0.contains("1232.83") })
        // 图5: 1014.73 is stated twice in 2020 (lines 38 and 42); the bar is the figure, not their sum.
        #expect(charts[4].series[0].points.map(\.text) == ["1375.16", "1014.73"])
        #expect(charts[0].source?.contains("wusheng-2020-决算.txt) line 25") == true)
    }

    @Test("a report announcing no figure gets the standard set its facts allow")
    func standardSet() throws {
        let session = try Self.session(["Examples/shanghai-putuo/01_普陀区财政局_2024_部门决算.txt"])
        let figures = Figures.make(for: session.reports[0], session: session)
        #expect(figures.allSatisfy { $0.announcement == nil })
        #expect(figures.first?.title == "收、支总计变动情况")
        // The whole standard set is listed: drawn where the facts allow, else with the reason.
        #expect(figures.map(\.title) == FigureCatalog.defaultOrder.compactMap { FigureCatalog.standard(id: $0)?.title })
        let drawn = figures.compactMap { try? $0.chart.get() }
        #expect(drawn.count >= 3)
        for chart in drawn { #expect(chart.categories.count >= 2) }
        for f in figures {
            if case .failure(let error) = f.chart { #expect(!error.message.isEmpty, "\(f.title) is not drawn and says nothing") }
        }
        let r = try runFiscal(["-e", "figures", "Examples/shanghai-putuo/01_普陀区财政局_2024_部门决算.txt"])
        #expect(r.status == 0)
        #expect(r.out.contains("announces no figure; the standard set where the facts allow"))
        let undrawn = figures.filter { (try? $0.chart.get()) == nil }
        for f in undrawn { #expect(r.out.contains("\(f.title)\n  not drawn: "), "\(f.title)") }
    }

    @Test("a Jiangsu 支出预算图 is the breakdown its sentences give (基本支出 56.17%), not two breakdowns of one total")
    func jiangsuStructure() throws {
        let session = try Self.session(["Examples/corpus/jiangsu/01_江苏省人大办公厅_2017_部门预算.txt"])
        let figures = Figures.make(for: session.reports[0], session: session)
        #expect(figures.map(\.title) == ["支出预算图"])
        let chart = try #require(try? figures[0].chart.get())
        // The report, lines 501–503: 基本支出 7666.68 万元，占 56.17%；项目支出 5853.96，42.89%；单位预留机动经费 128.43，0.94%.
        #expect(chart.categories == ["基本支出", "项目支出", "单位预留机动经费"])
        #expect(chart.shares.map { $0?.percent(digits: 2)?.description } == ["56.17", "42.89", "0.94"])
    }

    @Test("`figures` in a script prints each figure with its query; `figures save` writes SVG files")
    func command() throws {
        let r = try runFiscal(["-e", "figures", "Examples/wusheng-2020-决算.txt"])
        #expect(r.status == 0)
        #expect(r.out.contains("图6：一般公共预算财政拨款支出决算结构（万元）"))
        #expect(r.out.contains("announced at Examples/wusheng-2020-决算.txt:42"))
        let dir = Fixture.temporaryFolder()
        let s = try runFiscal(["-e", "figures save \(dir)", "Examples/wusheng-2020-决算.txt"])
        #expect(s.status == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
        #expect(files.count == 6)
        #expect(files.first == "县委办-2020-图1.svg")
    }
}

@Suite("glossary and explain")
struct GlossaryTests {
    /// Every term of the 名词解释 of the reports and templates in Examples/ (as the reports name
    /// them), and the terms the issue asks for.
    static let terms = [
        "财政拨款收入", "事业收入", "经营收入", "其他收入", "用事业基金弥补收支差额", "年初结转和结余", "结余分配", "年末结转和结余",
        "基本支出", "项目支出", "经营支出", "“三公”经费", "三公 经费", "机关运行经费", "财政拨款", "一般公共预算", "财政专户管理资金",
        "其他资金", "单位预留机动经费", "基本支出预算", "项目支出预算", "培训费", "事业单位经营收入",
        "行政运行", "一般行政事务支出", "事业运行支出", "机关服务支出", "专项业务支出", "其他党委办公厅（室）及相关机构事务支出",
        "机关事业单位基本养老保险缴费支出", "行政单位医疗支出", "事业单位医疗支出", "公务员医疗补助支出", "其他行政事业单位医疗支出",
        "住房公积金支出",
        "结转结余", "政府采购", "国有资产占用", "绩效目标", "预算执行率", "政府性基金预算", "国有资本经营预算", "上级补助收入",
        "附属单位上缴收入", "上缴上级支出", "对附属单位补助支出", "人员经费", "公用经费", "公务接待费", "因公出国（境）费",
        "公务用车购置及运行维护费",
    ]

    @Test("every term has a bundled definition with a citation, with no report loaded")
    func everyTerm() {
        for term in Self.terms {
            let entries = Glossary.explain(term, in: [])
            #expect(!entries.isEmpty, "no explanation of \(term)")
            #expect(entries.allSatisfy { $0.citation?.isEmpty == false }, "\(term) has no citation")
        }
        #expect(Glossary.standard.allSatisfy { !$0.citation.description.isEmpty })
    }

    @Test("citations to files in the repository point at the line the term is defined on")
    func citationsResolve() throws {
        for term in Glossary.standard {
            guard case .report(let file, let line) = term.citation else { continue }
            let text = try String(contentsOfFile: Fixture.root + "/" + file, encoding: .utf8)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            let cited = Label.normalize(String(lines[line - 1]))
            let names = ([term.term] + term.aliases).map(Label.normalize) + ["“三公”经费"].map(Label.normalize)
            #expect(names.contains { cited.contains($0) } || cited.contains(Label.normalize(String(term.text.prefix(6)))),
                    "\(file):\(line) does not define \(term.term)")
        }
    }

    @Test("a sample of answers: the report's own entry first, cut-off definitions said, fuzzy matches")
    func sample() throws {
        let session = try FigureTests.session(["Examples/wusheng-2020-决算.txt"])
        let cut = Glossary.answer("年末结转和结余", in: session.reports)
        #expect(cut.entries.count == 2)
        #expect(cut.entries[0].truncated && cut.entries[0].text.hasSuffix("结转到下年或"))
        #expect(cut.entries[0].origin.hasSuffix("Examples/wusheng-2020-决算.txt:741"))
        #expect(cut.entries[1].text.hasPrefix("指本年度或以前年度预算安排"))
        #expect(cut.entries[1].origin == "Examples/corpus/shanghai-putuo/附件2_部门决算模板_上海2024.txt:470")
        let carry = Glossary.answer("结转结余", in: session.reports)
        #expect(carry.entries.map(\.term) == ["结转结余"])
        #expect(carry.related.contains("年末结转和结余"))
        let typo = Glossary.answer("结转余", in: session.reports)
        #expect(typo.approximate && typo.entries.contains { $0.term == "年初结转和结余" })
        #expect(Glossary.explain("政府采购", in: [])[0].origin == "《中华人民共和国政府采购法》第二条")
        #expect(!Glossary.isTruncated("指单位本年度从本级财政部门取得的财政拨款。"))
        #expect(Glossary.isTruncated("指单位按有关规定结转到下年或"))
    }

    @Test("explain in the shell marks the cut-off definition and gives the whole one")
    func shell() throws {
        let r = try runFiscal(["-e", "explain 年末结转和结余", "Examples/wusheng-2020-决算.txt"])
        #expect(r.status == 0)
        #expect(r.out.contains("note: the report's definition is cut off: it stops at “…规定结转到下年或”"))
        #expect(r.out.contains("需延迟到以后年度按有关规定继续使用的资金"))
        let g = try runFiscal(["-e", "glossary | where truncated = true | select term, citation", "Examples/wusheng-2020-决算.txt"])
        #expect(g.out.contains("年末结转和结余  Examples/wusheng-2020-决算.txt:741"))
    }
}
