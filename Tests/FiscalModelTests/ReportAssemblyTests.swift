import Testing

@testable import FiscalModel

/// ``ReportAssembly``: documents become reports — entities canonical, repeats skipped, a
/// narrative and its tables merged.
@Suite("assembling reports from documents")
struct ReportAssemblyTests {
    func fact(_ entity: String, _ item: String, _ amount: String, file: String, line: Int, code: String? = nil,
              reading: Reading = .tableCode) -> Fact {
        Fact(entity: entity, year: 2017, phase: .budget, statement: .expenditure, item: item,
             code: code.flatMap(ClassificationCode.init(rawValue:)), amount: Amount(amount)!, unit: .money(.wanYuan),
             reading: reading, span: SourceSpan(file: file, line: line))
    }

    func document(_ entity: String, file: String, year: Int = 2017, digest: UInt64? = nil, _ facts: [(String, String, String?)],
                  reading: Reading = .tableCode, claims: [Claim] = []) -> Report {
        var r = Report(entity: entity, year: year, phase: .budget, unit: .wanYuan, source: file,
                       facts: facts.enumerated().map { n, f in
                           var x = fact(entity, f.0, f.1, file: file, line: n + 1, code: f.2, reading: reading)
                           x.year = year
                           return x
                       }, claims: claims)
        r.documents = [ReportDocument(path: file, printedEntity: entity, digest: digest)]
        return r
    }

    @Test("a narrative and its tables of one entity, year and phase are one report; shared figures are one fact")
    func narrativeAndTables() {
        let narrative = document("江苏省委办公厅", file: "05.txt", [("一般公共服务支出", "100.00", "201"), ("公务接待费支出", "5.00", nil)],
                                 reading: .narrative, claims: [Claim(fact: 1, kind: .share(percent: Amount("5")!, whole: 0), span: SourceSpan(file: "05.txt", line: 2))])
        let tables = document("中国共产党江苏省委员会办公厅", file: "06.txt",
                              [("一般公共服务支出", "100.00", "201"), ("行政运行", "60.00", "2013101"), ("公务接待费", "5.00", nil)])
        let a = ReportAssembly([narrative, tables])
        #expect(a.reports.count == 1)
        #expect(a.outcomes == [.report(0), .merged(into: 0)])
        let r = a.reports[0]
        #expect(r.entity == "江苏省委办公厅")
        #expect(r.documents.map(\.printedEntity) == ["江苏省委办公厅", "中国共产党江苏省委员会办公厅"])
        // 201 and 公务接待费 are stated by both: three facts, not five.
        #expect(r.facts.count == 3)
        #expect(r.facts.allSatisfy { $0.entity == "江苏省委办公厅" })
        let reception = r.facts.first { $0.item.hasPrefix("公务接待费") }!
        #expect(reception.mentions.map(\.span.file).sorted() == ["05.txt", "06.txt"])
        #expect(r.facts.allSatisfy { !$0.isDisputed })
        // The narrative's claim still points at its figures.
        #expect(r.facts[r.claims[0].fact].item.hasPrefix("公务接待费"))
        guard case .share(_, let whole) = r.claims[0].kind, let whole else {
            Issue.record("the claim lost its whole")
            return
        }
        let wholeCode = r.facts[whole].code.map { String($0.rawValue) }
        #expect(wholeCode == "201")
    }

    @Test("a figure the two documents state differently is disputed, not picked")
    func disagreement() {
        let a = ReportAssembly([
            document("江苏省委办公厅", file: "05.txt", [("一般公共服务支出", "100.00", "201")], reading: .narrative),
            document("中共江苏省委办公厅", file: "06.txt", [("一般公共服务支出", "101.00", "201"), ("行政运行", "60.00", "2013101")]),
        ])
        #expect(a.reports.count == 1)
        #expect(a.reports[0].facts.filter(\.isDisputed).count == 1)
    }

    @Test("the same bytes twice: one report, the second skipped")
    func sameText() {
        let d = document("江苏省人民检察院", file: "03.txt", digest: 42, [("行政运行", "1.00", "2040401")])
        var copy = d
        copy.source = "copy/03.txt"
        copy.documents[0].path = "copy/03.txt"
        let a = ReportAssembly([d, copy])
        #expect(a.reports.count == 1 && a.reports[0].facts.count == 1)
        #expect(a.outcomes == [.report(0), .duplicate(of: 0, reason: .sameText)])
    }

    @Test("two extractions with the same figures: the second skipped; different figures are merged, not skipped")
    func sameFigures() {
        let figures: [(String, String, String?)] = (1...10).map { ("项\($0)", "\($0).00", "20404\(String(format: "%02d", $0))") }
        let a = ReportAssembly([
            document("上海市普陀区财政局", file: "01.pypdf.txt", digest: 1, figures),
            document("上海市普陀区财政局", file: "01.txt", digest: 2, figures),
        ])
        #expect(a.reports.count == 1 && a.reports[0].facts.count == 10)
        #expect(a.outcomes == [.report(0), .duplicate(of: 0, reason: .sameFigures)])
        // A narrative that repeats 3 of 10 table figures is no repeat.
        let b = ReportAssembly([
            document("上海市普陀区财政局", file: "t.txt", digest: 1, figures),
            document("上海市普陀区财政局", file: "n.txt", digest: 2, Array(figures.prefix(3)), reading: .narrative),
        ])
        #expect(b.outcomes == [.report(0), .merged(into: 0)])
        #expect(b.reports[0].facts.count == 10)
    }

    @Test("of two repeats the reading with more figures stays, wherever it was loaded")
    func betterReadingStays() {
        let figures: [(String, String, String?)] = (1...20).map { ("项\($0)", "\($0).00", "20404\(String(format: "%02d", $0))") }
        let a = ReportAssembly([
            document("上海市普陀区财政局", file: "poor.txt", digest: 1, Array(figures.prefix(19))),
            document("上海市普陀区财政局", file: "good.txt", digest: 2, figures),
        ])
        #expect(a.outcomes == [.duplicate(of: 1, reason: .sameFigures), .report(0)])
        #expect(a.reports[0].source == "good.txt")
    }

    @Test("different years and different entities never merge")
    func separate() {
        let a = ReportAssembly([
            document("江苏省人民检察院", file: "03.txt", year: 2017, [("行政运行", "1.00", "2040401")]),
            document("江苏省人民检察院", file: "04.txt", year: 2018, [("行政运行", "1.00", "2040401")]),
            document("江苏省高级人民法院", file: "11.txt", year: 2017, [("行政运行", "1.00", "2040401")]),
        ])
        #expect(a.reports.count == 3)
        #expect(a.entities.entities.count == 2)
    }

    @Test("a figure a report states for another loaded report's year is a mention of that report's fact, counted once")
    func restatedPriorYear() {
        var y2018 = document("江苏省人民检察院", file: "04.txt", year: 2018, [("行政运行", "2.00", "2040401")], reading: .narrative)
        var prior = fact("江苏省人民检察院", "行政运行", "1.00", file: "04.txt", line: 9, code: "2040401", reading: .narrative)
        prior.year = 2017
        y2018.facts.append(prior)
        y2018.claims = [Claim(fact: 0, kind: .change(priorYear: 2017, delta: Amount("1")!, percent: nil), span: SourceSpan(file: "04.txt", line: 9))]
        let y2017 = document("江苏省人民检察院", file: "03.txt", year: 2017, [("行政运行", "1.00", "2040401")])
        let a = ReportAssembly([y2018, y2017])
        // For queries: the 2017 figure once, in the 2017 report, with the 2018 document's mention.
        #expect(a.reports[0].facts.map(\.year) == [2018])
        #expect(a.reports[0].claims.count == 1)
        #expect(a.reports[1].facts.count == 1)
        #expect(a.reports[1].facts[0].mentions.map(\.span.file) == ["03.txt", "04.txt"])
        #expect(a.restated == [0: 1])
        // For the checks: the 2018 report keeps the prior-year figure its change claim needs.
        #expect(a.checked[0].facts.map(\.year) == [2018, 2017])
        // Alone, the 2018 report keeps it.
        #expect(ReportAssembly([y2018]).reports[0].facts.count == 2)
    }
}
