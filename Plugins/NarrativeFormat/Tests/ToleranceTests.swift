import TestSupport
import FiscalFormat
import FiscalModel
import NarrativeFormat
import Testing

/// Small variants of the template that exercise what real text does.
@Suite struct ToleranceTests {
    /// The lines of the template a variant needs, around `body`.
    func template(_ body: String) -> String {
        """
        第二部分 2021年度部门决算情况说明
        一、收入支出决算总体情况说明
        2021年度收、支总计100.5万元。与2020年相比，收支总计增加10.5万元，增长11.67%。
        五、一般公共预算财政拨款支出决算情况说明
        （三）一般公共预算财政拨款支出决算具体情况
        \(body)
        第三部分 名词解释
        1.基本支出：指为保障机构正常运转的支出。
        """
    }

    @Test func increaseIsPositiveAndPriorYearDerived() throws {
        let r = try Seed.read(template(""))
        #expect(r.year == 2021)
        let i = try #require(r.facts.firstIndex { $0.item == "收、支总计" })
        #expect(r.claims.contains { $0.fact == i && $0.kind == .change(priorYear: 2020, delta: Amount("10.5")!, percent: Amount("11.67")!) })
        #expect(r.facts.first { $0.derived }?.amount == 90)
        #expect(r.facts.first { $0.derived }?.year == 2020)
    }

    @Test func classificationVariants() throws {
        let r = try Seed.read(template("""
        12住房保障支出（类）住房改革支出（款）住房公积金支出（项）:支出决算为34.43万元，完成预算100%。
        2.卫生健康（类）行政事业单位医疗（款）行政单位医疗支出（项）:支出决算为26.95万元。
        3.一般公共服务(类)一般公共服务(类)党委办公厅（室）及相关机构事务(款)一般行政事务支出(项)：支出决算为２４．８万元。
        4.一般公共服务（类）不存在的事务（款）行政运行支出（项）:支出决算为1万元。
        """))
        let codes = r.facts.filter { $0.statement == .generalBudgetExpenditure }.map { $0.code?.rawValue }
        // A chain the catalog places only down to its 类 names a 项 it does not know: that
        // figure is the 项's, so it stays uncoded (it used to get 201 and count as the whole 类).
        #expect(codes == ["2210201", "2101101", "2013102", nil])
        #expect(r.facts.first { $0.code == "2013102" }?.amount == Amount("24.8")!)
        let unclassified = r.warnings.filter { $0.code == "unclassified" }
        #expect(unclassified.count == 1 && unclassified.first?.span?.line == 9)
    }

    @Test func crlfAndRepeatedQiZhong() throws {
        let text = """
        第二部分 2020年度部门决算情况说明
        七、“三公”经费财政拨款支出决算情况说明
        截至2020年12月底，单位共有公务用车2辆，其中：其中：轿车1辆、越野车1辆。
        """.replacingAll("\n", with: "\r\n")
        let r = try Seed.read(text)
        #expect(r.facts.map(\.item) == ["公务用车", "轿车", "越野车"])
        #expect(r.facts.map(\.span.line) == [3, 3, 3])
        #expect(r.facts.map(\.unit) == [.count("辆"), .count("辆"), .count("辆")])
    }

    @Test func gb18030CopyReadsTheSame() throws {
        let utf8 = try Seed.report()
        let gbk = try Seed.report("wusheng-2020-决算.gb18030.txt")
        #expect(gbk.facts.count == utf8.facts.count)
        #expect(zip(gbk.facts, utf8.facts).allSatisfy { a, b in
            a.item == b.item && a.amount == b.amount && a.code == b.code && a.span.line == b.span.line && a.span.startColumn == b.span.startColumn
        })
        #expect(gbk.claims.map(\.kind) == utf8.claims.map(\.kind))
        #expect(gbk.glossary.map(\.term) == utf8.glossary.map(\.term))
    }

    @Test func detection() {
        let seed = Array(Seed.text().utf8.prefix(FileSample.size))
        #expect(NarrativeFormat().detect(FileSample(path: "x.txt", bytes: seed)) == Confidence(95))
        #expect(NarrativeFormat().detect(FileSample(path: "x.txt", bytes: Array("a,b\n1,2\n".utf8))) == .none)
    }

    @Test func figureOutsideAnySectionIsReportedNotInvented() throws {
        let r = try Seed.read("本年支出合计12.5万元。\n")
        #expect(r.facts.isEmpty)
        #expect(r.warnings.contains { $0.code == "missing-part" })
        #expect(r.warnings.contains { $0.code == "unplaced-figure" && $0.span?.line == 1 && $0.span?.startColumn == 7 })
    }

    @Test func truncatedSeedKeepsWhatItRead() throws {
        let lines = Seed.text().split(separator: "\n", omittingEmptySubsequences: false)
        let r = try Seed.read(lines.prefix(60).joined(separator: "\n"))
        #expect(r.facts.contains { $0.code == "2210201" })
        #expect(!r.facts.contains { $0.statement == .threePublic })
        #expect(r.warnings.contains { $0.code == "missing-entity" })
        #expect(r.entity == "县委办")
    }

    /// Random cuts and byte-level damage of the seed never crash the reader, and every
    /// fact it reads points at a line holding its number.
    @Test func fuzzedSeedNeverCrashes() throws {
        var rng = SplitMix(seed: 2020)
        let seed = Array(Seed.text().unicodeScalars)
        for round in 0..<60 {
            var scalars = Array(seed.prefix(Int(rng.next() % UInt64(seed.count))))
            for _ in 0..<(round % 12) where !scalars.isEmpty {
                let at = Int(rng.next() % UInt64(scalars.count))
                let noise: [Unicode.Scalar] = ["\t", "\n", "：", "（类）".unicodeScalars.first!, "9", "%", "万", "占", "。", "減"]
                scalars[at] = noise[Int(rng.next() % UInt64(noise.count))]
            }
            var text = ""
            text.unicodeScalars.append(contentsOf: scalars)
            let source = SourceText(text: text, path: "fuzz.txt")
            let r = try #require(try NarrativeFormat().read(source).reports.first)
            for fact in r.facts where !fact.derived {
                let line = try #require(source.line(fact.span.line))
                let digits = line.dropFirst(fact.span.startColumn - 1).prefix(fact.span.endColumn - fact.span.startColumn)
                #expect(Amount(String(digits)) == fact.amount, "round \(round): \(fact)")
            }
        }
    }
}
