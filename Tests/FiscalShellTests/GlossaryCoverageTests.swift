import FiscalCheck
import FiscalModel
import Foundation
import Testing

/// The terms of a report's 名词解释, read here independently of fiscal's readers: the section
/// starts at its last heading (`第三部分 名词解释`, `名词解释`; the first is often the table of
/// contents) and each entry is a numbered line `1.TERM：…`, `一、TERM：…`, `（一）TERM：…`.
enum NameExplanationSection {
    struct Entry: Hashable {
        var file: String
        var line: Int
        var term: String
    }

    nonisolated(unsafe) static let heading = try! Regex(#"^\s*(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、)?\s*名词解释\s*$"#)
    nonisolated(unsafe) static let entry = try! Regex(#"^\s*(\d{1,2}\s*[.．、]?|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])\s*([^，。：:]{1,60}?)\s*[：:]"#)
    /// Where the section ends: the next part, the 附件, or a budget's next chapter (`2026年…`).
    nonisolated(unsafe) static let end = try! Regex(#"^\s*(第[一二三四五六七八九十]+部分|附件|\d{4}年)"#)

    static func entries(of path: String, relativeTo root: String) throws -> [Entry] {
        let text = try String(contentsOfFile: root + "/" + path, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.lastIndex(where: { $0.wholeMatch(of: heading) != nil }) else { return [] }
        var found: [Entry] = []
        for i in (start + 1)..<lines.count {
            let line = lines[i]
            if line.prefixMatch(of: end) != nil { break }
            if let m = line.prefixMatch(of: entry), let term = m.output[2].substring {
                found.append(Entry(file: path, line: i + 1, term: String(term)))
            }
        }
        return found
    }

    /// Every `.txt` under `Examples/` with a 名词解释 section, relative to the package root.
    static func reports(root: String) -> [String] {
        let base = root + "/Examples"
        let all = FileManager.default.enumerator(atPath: base)?.compactMap { $0 as? String } ?? []
        return all.filter { $0.hasSuffix(".txt") }.sorted().map { "Examples/" + $0 }
            .filter { ((try? entries(of: $0, relativeTo: root)) ?? []).isEmpty == false }
    }
}

@Suite("glossary: every term of every report's 名词解释, explained with a citation")
struct GlossaryCoverageTests {
    static let files = NameExplanationSection.reports(root: Fixture.root)
    static let entries = files.flatMap { (try? NameExplanationSection.entries(of: $0, relativeTo: Fixture.root)) ?? [] }
    /// The terms the issue names beside the reports'.
    static let asked = ["结转结余", "机关运行经费", "政府采购", "国有资产占用", "绩效目标", "预算执行率"]

    @Test("the extraction reads every report and template in Examples/ (Sichuan, Jiangsu, Shanghai)")
    func extraction() {
        // Reports with a 名词解释: the seed, 9 Jiangsu 预算, 7 Shanghai 决算/预算 (3 of them also as
        // pypdf text), the Shanghai template, and the 3 Shanghai copies in Examples/shanghai-putuo.
        #expect(Self.files.contains("Examples/wusheng-2020-决算.txt"))
        #expect(Self.files.contains("Examples/corpus/shanghai-putuo/附件2_部门决算模板_上海2024.txt"))
        #expect(Self.files.filter { $0.contains("/jiangsu/") }.count == 9)
        #expect(Self.files.filter { $0.contains("shanghai-putuo/") }.count == 14)
        #expect(Self.files.count == 24)
        let seed = Self.entries.filter { $0.file == "Examples/wusheng-2020-决算.txt" }
        #expect(seed.count == 25)
        #expect(seed.first?.term == "财政拨款收入" && seed.first?.line == 727)
        #expect(seed.contains { $0.term == "年末结转和结余" && $0.line == 741 })
        #expect(seed.contains { $0.term.hasSuffix("（款）住房公积金支出（项）") && $0.line == 761 })
        let jiangsu = Self.entries.filter { $0.file.hasSuffix("01_江苏省人大办公厅_2017_部门预算.txt") }.map(\.term)
        #expect(jiangsu == ["财政拨款", "一般公共预算", "财政专户管理资金", "其他资金", "基本支出", "项目支出", "单位预留机动经费",
                            "“三公”经费", "机关运行经费"])
        let budget = Self.entries.filter { $0.file.hasSuffix("05_普陀区城市管理行政执法局_2026_部门预算.txt") }.map(\.term)
        #expect(budget == ["基本支出预算", "项目支出预算", "“三公”经费", "机关运行经费", "培训费"])
    }

    /// The bundled term `answer` gives for `query`, and whether `query` names it (its term or an alias).
    static func bundledAnswer(_ query: String) -> (entries: [Explanation], approximate: Bool, names: Bool) {
        let answer = Glossary.answer(query, in: [])
        let wanted = Glossary.focus(Label.normalize(query))
        let names = answer.entries.first.flatMap { e in Glossary.standard.first { $0.term == e.term } }
            .map { t in ([t.term] + t.aliases).map(Label.normalize).contains(wanted) } ?? false
        return (answer.entries, answer.approximate, names)
    }

    @Test("with no report loaded, explain answers each term by name: one bundled entry, with a citation")
    func everyTermBundled() {
        for e in Self.entries {
            let (entries, approximate, names) = Self.bundledAnswer(e.term)
            #expect(entries.count == 1 && !approximate && names,
                    "\(e.file):\(e.line): `explain \(e.term)` gives \(entries.map(\.term)) (approximate: \(approximate))")
            #expect(entries.allSatisfy { !($0.citation ?? "").isEmpty }, "\(e.term) has no citation")
        }
        for term in Self.asked {
            let (entries, approximate, names) = Self.bundledAnswer(term)
            #expect(entries.count == 1 && !approximate && names, "`explain \(term)` gives \(entries.map(\.term))")
            #expect(entries.allSatisfy { !($0.citation ?? "").isEmpty }, "\(term) has no citation")
        }
    }

    @Test("a classification path explains its 项, not every line whose name contains it")
    func classificationPath() {
        #expect(Glossary.focus("卫生健康支出（类）行政事业单位医疗（款）事业单位医疗支出（项）") == "事业单位医疗支出")
        #expect(Glossary.focus("一般公共服务（类）党委办公厅（室）及相关机构事务（款）") == "党委办公厅（室）及相关机构事务")
        #expect(Glossary.focus("党委办公厅（室）及相关机构事务") == "党委办公厅（室）及相关机构事务")
        #expect(Glossary.explain("卫生健康支出（类）行政事业单位医疗（款）行政单位医疗支出（项）", in: []).map(\.term) == ["行政单位医疗"])
    }

    @Test("with the report loaded, its own entry answers, named exactly (not its neighbours)")
    func reportEntries() throws {
        let session = try FigureTests.session(["Examples/wusheng-2020-决算.txt"])
        let seed = Self.entries.filter { $0.file == "Examples/wusheng-2020-决算.txt" }
        for e in seed {
            let answer = Glossary.answer(e.term, in: session.reports)
            let own = answer.entries.filter { $0.report != nil }
            #expect(own.count == 1, "`explain \(e.term)` gives \(own.map(\.term))")
            #expect(own.first?.origin.hasSuffix("/Examples/wusheng-2020-决算.txt:\(e.line)") == true, "\(own.first?.origin ?? "none")")
            // A cut-off entry is completed by the bundled one; a whole one stands alone.
            #expect(answer.entries.count == (own.first?.truncated == true ? 2 : 1), "\(e.term)")
        }
        let medical = Glossary.answer("事业单位医疗支出", in: session.reports).entries.filter { $0.report != nil }
        #expect(medical.count == 1 && medical[0].origin.hasSuffix("/Examples/wusheng-2020-决算.txt:757"))
    }

    @Test("fuzzy forms: words of a term, other spellings, typos")
    func fuzzy() {
        let carry = Glossary.answer("结转结余", in: [])
        #expect(carry.entries.map(\.term) == ["结转结余"])
        #expect(carry.related.contains("年末结转和结余") && carry.related.contains("年初结转和结余"))
        for (query, term) in [("三公经费", "三公经费"), ("执行率", "预算执行率"), ("国有资产", "国有资产占用"), ("采购", "政府采购"),
                              ("财政拨款结转结余", "结转结余"), ("因公出国(境)费", "因公出国（境）费"), ("公务用车运行维护费", "公务用车购置及运行维护费")] {
            #expect(Glossary.explain(query, in: []).map(\.term).contains(term), "`explain \(query)`")
        }
        for (query, term) in [("机关运行费", "机关运行经费"), ("结转余", "年末结转和结余"), ("绩效目的", "绩效目标")] {
            let answer = Glossary.answer(query, in: [])
            #expect(answer.approximate && answer.entries.map(\.term).contains(term), "`explain \(query)` gives \(answer.entries.map(\.term))")
        }
    }

    @Test("the real binary answers every term of every 名词解释 with its citation")
    func binary() throws {
        let terms = Array(Set(Self.entries.map(\.term) + Self.asked)).sorted()
        let r = try runFiscal(terms.flatMap { ["-e", "explain \($0)"] })
        #expect(r.status == 0, "\(r.err)")
        #expect(!r.out.contains("no explanation"))
        // One header per answer: `TERM (fiscal glossary, from CITATION)`.
        let headers = r.out.split(separator: "\n").filter { $0.contains(" (fiscal glossary, from ") }
        #expect(headers.count == terms.count, "\(r.out)")
        for term in Self.asked {
            #expect(headers.contains { $0.hasPrefix(term + " (fiscal glossary, from ") }, "\(term)")
        }
        #expect(r.out.contains("政府采购 (fiscal glossary, from 《中华人民共和国政府采购法》第二条)"))
    }
}
