import FiscalModel
import Testing

/// A small report using every part of the model.
func sampleReport() -> Report {
    let span = { (line: Int, s: Int, e: Int) in SourceSpan(file: "seed.txt", line: line, startColumn: s, endColumn: e) }
    var r = Report(entity: "中共武胜县委员会办公室", shortName: "县委办", region: "四川省武胜县", year: 2020, phase: .final,
                   unit: .wanYuan, source: "seed.txt", format: "narrative")
    r.facts = [
        Fact(entity: r.entity, year: 2020, phase: .final, statement: .totals, item: "收支总计", amount: Amount("1320.41")!,
             unit: .money(.wanYuan), reading: .narrative, span: span(25, 10, 17)),
        Fact(entity: r.entity, year: 2019, phase: .final, statement: .totals, item: "收支总计", amount: Amount("1754.36")!,
             unit: .money(.wanYuan), derived: true, reading: .narrative, span: span(25, 30, 36)),
        Fact(entity: r.entity, year: 2020, phase: .final, statement: .generalBudgetExpenditure, item: "行政运行",
             code: "2013101", fund: .generalBudget, amount: Amount("372.14")!, unit: .money(.wanYuan), reading: .narrative, span: span(46, 60, 66)),
        Fact(entity: r.entity, year: 2020, phase: .final, statement: .basicExpenditure, item: "基本工资", econCode: "30101",
             measure: .basic, amount: Amount("24.80")!, unit: .money(.wanYuan), reading: .tableCode, span: span(50, 1, 5)),
        Fact(entity: r.entity, year: 2020, phase: .final, statement: .assets, item: "车辆", amount: 2, unit: .count("辆"),
             reading: .narrative, span: span(92, 12, 13)),
    ]
    r.claims = [
        Claim(fact: 0, kind: .change(priorYear: 2019, delta: Amount("-433.95")!, percent: Amount("-24.74")!), span: span(25, 20, 40)),
        Claim(fact: 2, kind: .completion(percent: 100, budget: nil), span: span(46, 70, 76)),
        Claim(fact: 2, kind: .share(percent: Amount("36.67")!, whole: 0), span: span(46, 80, 86)),
        Claim(fact: 4, kind: .unchanged(priorYear: 2019), span: span(92, 20, 30)),
    ]
    r.projects = [Project(name: "会议费", unit: "中共武胜县委员会办公室", facts: [2], goalExpected: "保障会务",
                          goalAchieved: "保障会务",
                          indicators: [.init(level1: "项目完成指标", level2: "数量指标", level3: "会议", expected: "100%",
                                             actual: "100%", span: span(300, 2, 4))], span: span(104, 1, 3))]
    r.glossary = [GlossaryEntry(term: "基本支出", explanation: "指为保障机构正常运转…", span: span(762, 1, 40))]
    r.warnings = [Diagnostic(.warning, code: "unplaced-figure", "could not place \"0.42万元\"", at: span(77, 5, 9))]
    return r
}

@Suite("The canonical JSON model")
struct ModelJSONTests {
    @Test("export then import gives an equal model")
    func roundTrip() throws {
        let report = sampleReport()
        let text = ModelJSON.encode([report]).text(pretty: true)
        let back = try ModelJSON.decodeReports(try JSON.parse(text))
        #expect(back == [report])
        #expect(back[0].facts[3].amount.description == "24.80")  // the written scale survives
        #expect(back[0].facts[1].derived)
        #expect(back[0].facts[2].span == SourceSpan(file: "seed.txt", line: 46, startColumn: 60, endColumn: 66))
    }

    @Test("amounts are exact JSON numbers, never binary floating point")
    func exactNumbers() throws {
        let text = ModelJSON.encode([sampleReport()]).text()
        #expect(text.contains("\"amount\":1320.41"))
        #expect(text.contains("\"amount\":24.80"))
        #expect(!text.contains("1320.4099"))
        let parsed = try JSON.parse("{\"a\": 865.22, \"b\": 1.5e2, \"c\": \"\\u4e2d\\u6587\"}")
        #expect(parsed["a"]?.amountValue?.description == "865.22")
        #expect(parsed["b"]?.amountValue == Amount(150))
        #expect(parsed["c"]?.stringValue == "中文")
    }

    @Test("a bad model names the path and what was expected")
    func decodingErrors() throws {
        let cases: [(String, String)] = [
            (#"{"reports": [{"entity": "x", "year": "2020", "phase": "决算", "unit": "万元", "source": "s"}]}"#,
             "$.reports[0].year: expected an integer, found a string"),
            (#"{"reports": [{"entity": "x", "year": 2020, "phase": "结算", "unit": "万元", "source": "s"}]}"#,
             "$.reports[0].phase: expected 决算 or 预算, found `结算`"),
            (#"{"reports": [{"entity": "x", "year": 2020, "phase": "决算", "unit": "万元", "source": "s", "facts": [{"statement": "收入", "item": "a", "amount": "x", "span": {"file": "f", "line": 1}}]}]}"#,
             "$.reports[0].facts[0].amount: expected a decimal number, found a string"),
            (#"{"reports": [{"entity": "x", "year": 2020, "phase": "决算", "unit": "万元", "source": "s", "claims": [{"fact": 3, "kind": "share", "percent": 1, "span": {"file": "f", "line": 1}}]}]}"#,
             "$.reports[0].claims[0].fact: expected the index of a fact (0..<0), found 3"),
            (#"{"fiscal": "model", "version": 99, "reports": []}"#, "$.version: model version 99 is newer than this fiscal reads (2)"),
        ]
        for (text, message) in cases {
            #expect(throws: ModelJSON.DecodingError.self) { try ModelJSON.decodeReports(try JSON.parse(text)) }
            do {
                _ = try ModelJSON.decodeReports(try JSON.parse(text))
            } catch let error as ModelJSON.DecodingError {
                #expect(error.description == message)
            }
        }
    }

    @Test("JSON syntax errors give line and column; deep nesting is refused, not a crash")
    func syntaxErrors() {
        do {
            _ = try JSON.parse("{\n  \"a\": [1, 2,,]\n}")
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 2)
            #expect(error.column == 14)
        }
        #expect(throws: JSONSyntaxError.self) { try JSON.parse(String(repeating: "[", count: 100_000)) }
        #expect(throws: JSONSyntaxError.self) { try JSON.parse("\"unterminated") }
        #expect(throws: JSONSyntaxError.self) { try JSON.parse("[1] x") }
    }

    @Test("fuzz: random bytes never crash the parser")
    func fuzz() {
        let alphabet = Array("{}[]\":,0123456789.-eE truefalsnl\\u中")
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            let text = String((0..<Int.random(in: 0...40, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            _ = try? JSON.parse(text)
        }
    }
}

@Suite("Result tables keep provenance compactly")
struct ResultProvenanceTests {
    @Test("pooled and explicit provenance read the same and compare equal")
    func pooled() {
        let a = SourceSpan(file: "r.txt", line: 3), b = SourceSpan(file: "r.txt", line: 4), c = SourceSpan(file: "r.txt", line: 9)
        var explicit = ResultTable(columns: [.init("x", .integer)])
        explicit.append([.integer(1)], sources: [a, b])
        explicit.append([.integer(2)])
        explicit.append([.integer(3)], sources: [c])
        var pooled = ResultTable(columns: [.init("x", .integer)], rows: [[.integer(1)], [.integer(2)], [.integer(3)]])
        pooled.setProvenance(pool: [c, a, b], indices: [1, 2, 0], offsets: [0, 2, 2, 3])
        #expect(pooled.sources(ofRow: 0) == [a, b])
        #expect(pooled.sources(ofRow: 1) == [])
        #expect(pooled.sources(ofRow: 2) == [c])
        #expect(pooled.sources(ofRow: 7) == [])
        #expect(pooled == explicit)
        #expect(pooled.hashValue == explicit.hashValue)
        #expect(explicit.sources == [[a, b], [], [c]])
    }
}
