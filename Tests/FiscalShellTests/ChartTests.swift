import FiscalModel
import FiscalQuery
@testable import FiscalShell
import Foundation
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Tables with known figures for the chart tests.
enum ChartFixture {
    static func amount(_ s: String) -> Value { .amount(Amount(s)!) }

    /// The seed's 一般公共服务 项 (line 46–51), with the long CJK label the seed uses.
    static let drill: ResultTable = {
        var t = ResultTable(columns: [.init("code", .text), .init("name", .text), .init("amount", .amount)])
        t.append([.text("2013101"), .text("行政运行"), amount("372.14")])
        t.append([.text("2013102"), .text("一般行政管理事务"), amount("24.8")])
        t.append([.text("2013105"), .text("专项业务"), amount("255.57")])
        t.append([.text("x"), .text("Other (ASCII)"), amount("6.35")])
        return t
    }()

    /// A `compare year` result: one row, two years, then delta and pct.
    static let compare: ResultTable = {
        var t = ResultTable(columns: [.init("item", .text), .init("2019", .amount), .init("2020", .amount),
                                      .init("delta", .amount), .init("pct", .percent)])
        t.append([.text("收、支总计"), amount("1754.36"), amount("1320.41"), amount("-433.95"),
                  .percent(Amount("-433.95")! / Amount("1754.36")!)])
        t.append([.text("公务接待费"), amount("10.53"), amount("7.54"), amount("-2.99"),
                  .percent(Amount("-2.99")! / Amount("10.53")!)])
        return t
    }()

    /// Changes with a negative: the bars grow left of an axis.
    static let changes: ResultTable = {
        var t = ResultTable(columns: [.init("item", .text), .init("delta", .amount)])
        t.append([.text("收支总计"), amount("-433.95")])
        t.append([.text("基本支出"), amount("120")])
        t.append([.text("公用"), amount("-40")])
        return t
    }()

    /// The seed's income sentence (line 27): a total and parts that do not add up to it.
    static let income: ResultTable = {
        var t = ResultTable(columns: [.init("item", .text), .init("amount", .amount)])
        t.append([.text("本年收入合计"), amount("1320.41")])
        t.append([.text("一般公共预算财政拨款收入"), amount("927.15")])
        t.append([.text("政府性基金预算财政拨款收入"), amount("305.68")])
        t.append([.text("上级补助收入"), amount("0")])
        return t
    }()

    static func chart(_ table: ResultTable, _ query: String, title: String = "t") throws -> Chart {
        let parsed = try Parser.parse(query)
        guard case .chart(let spec)? = parsed.pipeline.stages.last else { throw ChartError("no chart stage") }
        return try Chart.make(table, spec: spec, title: title, unit: "万元").get()
    }
}

@Suite("chart: terminal bars")
struct TerminalChartTests {
    @Test("bars: labels padded by display width, eighth blocks, values beside the bars (checked by hand)")
    func bars() throws {
        let chart = try ChartFixture.chart(ChartFixture.drill, "x | chart", title: "一般公共服务 项")
        let text = chart.terminalText(width: 60)
        // Checked by hand: 372.14 is the longest bar (35 cells = 60 − 16 label − 2 − 1 − 6 value);
        // 255.57 / 372.14 × 35 × 8 = 192.3 eighths → 24 cells; 24.8 → 18.7 → 19 eighths: 2 cells and
        // ▍ (3/8); 6.35 → 4.8 → 5 eighths: ▋.
        let expected = """
            一般公共服务 项（万元）
            行政运行          ███████████████████████████████████ 372.14
            一般行政管理事务  ██▍ 24.8
            专项业务          ████████████████████████ 255.57
            Other (ASCII)     ▋ 6.35

            """
        #expect(text == expected)
        // Every bar starts in the same terminal column, whatever the label's script.
        let starts = text.split(separator: "\n").dropFirst().map { line in
            DisplayWidth.of(line.prefix { !"█▏▎▍▌▋▊▉".contains($0) })
        }
        #expect(Set(starts) == [18])
    }

    @Test("the bar length is exact: eighths from the ratio, not from floating point")
    func scaling() {
        #expect(Chart.scaled(Amount("24.8")!, of: Amount("372.14")!, units: 35 * 8) == 19)  // 18.66 rounds up
        #expect(Chart.scaled(Amount("372.14")!, of: Amount("372.14")!, units: 280) == 280)
        #expect(Chart.scaled(.zero, of: Amount("1")!, units: 80) == 0)
        #expect(Chart.scaled(Amount("1")!, of: .zero, units: 80) == 0)
    }

    @Test("negatives grow left of an axis that sits in one column")
    func negatives() throws {
        let chart = try ChartFixture.chart(ChartFixture.changes, "x | chart")
        let text = chart.terminalText(width: 50)
        // Checked by hand: 32 cells of bars (50 − 8 label − 2 − 1 − 7 value); the negative side takes
        // 433.95 / (433.95 + 120) × 31 = 24.3 → 24 cells, the positive 32 − 1 − 24 = 7. −40 is
        // 40 / 433.95 × 48 half cells = 4.4 → 4 halves: 2 cells.
        let expected = """
            t（万元）
            收支总计  ████████████████████████│ -433.95
            基本支出                          │███████ 120
            公用                            ██│ -40

            """
        #expect(text == expected)
        let axes = text.split(separator: "\n").dropFirst().map { line in DisplayWidth.of(line.prefix { $0 != "│" }) }
        #expect(Set(axes).count == 1)
    }

    @Test("a compare result draws one bar per year, grouped by item; delta and pct are not drawn")
    func grouped() throws {
        let chart = try ChartFixture.chart(ChartFixture.compare, "x | chart")
        #expect(chart.series.map(\.name) == ["2019", "2020"])
        let text = chart.terminalText(width: 60)
        // Checked by hand: 35 cells (60 − 10 − 2 − 4 − 1 − 1 − 7); 1320.41 / 1754.36 × 280 = 210.7 →
        // 211 eighths: 26 cells and ▍; 10.53 → 1.7 → ▎; 7.54 → 1.2 → ▏.
        let expected = """
            t（万元）
            收、支总计  2019 ███████████████████████████████████ 1754.36
                        2020 ██████████████████████████▍ 1320.41
            公务接待费  2019 ▎ 10.53
                        2020 ▏ 7.54

            """
        #expect(text == expected)
    }

    @Test("a structure is a 100% bar; its total is left out, and parts that miss it are named")
    func structure() throws {
        let chart = try ChartFixture.chart(ChartFixture.income, "x | chart pie amount by item", title: "收入决算结构")
        #expect(chart.kind == .structure)
        #expect(chart.categories == ["一般公共预算财政拨款收入", "政府性基金预算财政拨款收入", "上级补助收入"])
        let text = chart.terminalText(width: 60)
        let lines = text.split(separator: "\n").map(String.init)
        // 927.15 / 1232.83 × 60 = 45.12 cells, 305.68 / 1232.83 × 60 = 14.88: 45 + 15 = 60 (largest remainder).
        #expect(lines[1] == String(repeating: "█", count: 45) + String(repeating: "▓", count: 15))
        #expect(lines[2] == "█ 一般公共预算财政拨款收入    927.15   75.21%")
        #expect(lines[3] == "▓ 政府性基金预算财政拨款收入  305.68   24.79%")
        #expect(lines[4] == "  上级补助收入                     0    0.00%")
        #expect(chart.notes.contains { $0.contains("本年收入合计") && $0.contains("1232.83") && $0.contains("87.58") })
    }

    @Test("on a colour terminal each series takes its palette colour; the title is bold")
    func colour() throws {
        let chart = try ChartFixture.chart(ChartFixture.compare, "x | chart")
        let text = chart.terminalText(width: 60, color: true)
        #expect(text.hasPrefix("\u{1B}[1mt（万元）\u{1B}[0m\n"))
        #expect(text.contains("\u{1B}[38;5;\(Palette.ansi256[0])m███"))
        #expect(text.contains("\u{1B}[38;5;\(Palette.ansi256[1])m███"))
        #expect(!chart.terminalText(width: 60).contains("\u{1B}"))
    }

    @Test("any mix of signs, zeros, missing values and widths draws without crashing, within the width")
    func robustness() throws {
        let values: [Value] = [ChartFixture.amount("0"), ChartFixture.amount("-0.01"), ChartFixture.amount("99999999.99"),
                               .null, ChartFixture.amount("-5"), ChartFixture.amount("3.5"), .integer(7)]
        for n in 1...values.count {
            var t = ResultTable(columns: [.init("item", .text), .init("a", .amount), .init("b", .amount)])
            for i in 0..<n { t.append([.text("项目\(i)（类）"), values[i], values[(i + 3) % values.count]]) }
            for spec in ["x | chart", "x | chart a", "x | chart pie a by item"] {
                let chart = try ChartFixture.chart(t, spec)
                for width in [1, 20, 30, 45, 80, 200] {
                    let text = chart.terminalText(width: width)
                    if width >= 45 && chart.kind == .bars {
                        for line in text.split(separator: "\n") where !line.hasPrefix("note:") {
                            #expect(DisplayWidth.of(line) <= width, "\(spec) at \(width): \(line)")
                        }
                    }
                    _ = chart.svgDocument()
                }
            }
        }
    }

    @Test("a label drawn twice is said in a note")
    func warnings() throws {
        var t = ChartFixture.drill
        t.append([.text("2013101"), .text("行政运行"), ChartFixture.amount("1")])
        let chart = try ChartFixture.chart(t, "x | chart")
        #expect(chart.notes.contains { $0.contains("`行政运行` appears on more than one bar") })
    }
}

@Suite("chart: the stage in the language and the shell")
struct ChartStageTests {
    @Test("chart parses its options and must come last")
    func parse() throws {
        let q = try Parser.parse(#"facts | chart pie amount by item title "收入结构""#)
        guard case .chart(let spec)? = q.pipeline.stages.last else { Issue.record("no chart stage"); return }
        #expect(spec.kind == .pie)
        #expect(spec.values.map(\.text) == ["amount"])
        #expect(spec.label?.text == "item")
        #expect(spec.title == "收入结构")
        #expect(throws: QueryError.self) { try Parser.parse("facts | chart | limit 3") }
        #expect(throws: QueryError.self) { try Parser.parse("facts | chart pie amount by") }
    }

    @Test("chart of a text column is an error pointing at it")
    func textColumn() throws {
        let r = try runFiscal(["-e", "facts | chart item", Fixture.exampleCSV])
        #expect(r.status == 1)
        #expect(r.err.contains("cannot draw `item` (text)"))
        #expect(r.err.contains("^^^^"))
    }

    @Test("bars of different units on one scale are said in a note")
    func mixedUnits() throws {
        let r = try runFiscal(["-e", #"facts | where statement = "三公经费" and year = 2020 and measure = "合计" | chart amount by item"#,
                               "Examples/wusheng-2020-决算.txt"])
        #expect(r.status == 0)
        #expect(r.out.contains("note: the rows count different things (万元, 人, 人次, 批次, 次, 辆)"))
        let one = try runFiscal(["-e", #"facts | where statement = "三公经费" and unit = "万元" and measure = "合计" | chart amount by item"#,
                                 "Examples/wusheng-2020-决算.txt"])
        #expect(!one.out.contains("count different things"))
        #expect(one.out.contains("（万元）"))
    }

    @Test("drill | chart in batch mode draws bars with the source lines")
    func batch() throws {
        let r = try runFiscal(["-e", "drill 20131 | chart", "Examples/wusheng-2020-决算.txt"], environment: ["COLUMNS": "80"])
        #expect(r.status == 0)
        #expect(r.out.contains("行政运行                    █████"))
        #expect(r.out.contains("source: 县委办 2020 决算 (wusheng-2020-决算.txt) lines 46–51"))
        // csv keeps the data, not the drawing.
        let csv = try runFiscal(["-e", "drill 20131 | chart", "-o", "csv", "Examples/wusheng-2020-决算.txt"])
        #expect(csv.out.hasPrefix("code,name,amount,share\n2013101,行政运行,372.14,43.01\n"))
    }
}

@Suite("chart: SVG and PNG")
struct SVGChartTests {
    /// The elements of an SVG document, read with an XML parser: fails on malformed XML.
    final class Elements: NSObject, XMLParserDelegate {
        var names: [String] = []
        var classes: [String] = []
        var texts: [String] = []
        private var inText = false
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            names.append(name)
            if let c = attributes["class"] { classes.append(c) }
            if name == "text" || name == "title" { inText = true; texts.append("") }
        }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "text" || name == "title" { inText = false }
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if inText { texts[texts.count - 1] += string }
        }
    }

    static func parse(_ svg: String) -> Elements? {
        let parser = XMLParser(data: Data(svg.utf8))
        let elements = Elements()
        parser.delegate = elements
        return parser.parse() ? elements : nil
    }

    @Test("bars: well-formed, one bar per row and series, labels, title, unit and source present")
    func bars() throws {
        var chart = try ChartFixture.chart(ChartFixture.compare, "x | chart", title: "收、支决算总计 <变动> & 比较")
        chart.source = "县委办 2020 决算 (wusheng-2020-决算.txt) line 25"
        let svg = chart.svgDocument()
        let parsed = try #require(Self.parse(svg))
        #expect(parsed.names.first == "svg")
        #expect(parsed.classes.filter { $0 == "bar" }.count == 4)  // 2 items × 2 years
        #expect(parsed.classes.filter { $0 == "key" }.count == 2)  // legend: 2019, 2020
        for label in ["收、支总计", "公务接待费", "1754.36", "7.54", "2019", "2020", "单位：万元",
                      "收、支决算总计 <变动> & 比较"] {
            #expect(parsed.texts.contains(label), "missing text \(label)")
        }
        #expect(parsed.texts.contains { $0.contains("wusheng-2020-决算.txt) line 25") })
        #expect(svg.contains("WenQuanYi Zen Hei") && svg.contains("Noto Sans CJK SC"))
        #expect(svg.contains(Palette.hex[0]) && svg.contains(Palette.hex[1]))
    }

    @Test("pie: one slice per part above zero, every part in the legend")
    func pie() throws {
        let chart = try ChartFixture.chart(ChartFixture.income, "x | chart pie amount by item")
        let parsed = try #require(Self.parse(chart.svgDocument()))
        #expect(parsed.classes.filter { $0 == "slice" }.count == 2)
        #expect(parsed.classes.filter { $0 == "key" }.count == 2)
        #expect(parsed.texts.contains("上级补助收入"))
        #expect(parsed.texts.contains("75.21%"))
    }

    @Test("-o svg from the command line, and :save chart.svg in a script")
    func commandLine() throws {
        let r = try runFiscal(["-e", "drill 20131 | chart", "-o", "svg", "Examples/wusheng-2020-决算.txt"])
        #expect(r.status == 0)
        let parsed = try #require(Self.parse(r.out))
        #expect(parsed.classes.filter { $0 == "bar" }.count == 6)
        let dir = Fixture.temporaryFolder()
        let script = "drill 20131 | chart\n:save \(dir)/c.svg\n"
        let s = try runFiscal(["-f", "-", "Examples/wusheng-2020-决算.txt"], input: script)
        #expect(s.status == 0)
        let saved = try String(contentsOfFile: dir + "/c.svg", encoding: .utf8)
        #expect(Self.parse(saved)?.classes.filter { $0 == "bar" }.count == 6)
    }

    /// CI installs rsvg-convert (.ci/run); elsewhere the test says why it did not run.
    static var rsvgAvailable: Bool { PNGRenderer.executable != nil || ProcessInfo.processInfo.environment["CI"] != nil }

    @Test("PNG through rsvg-convert: a PNG of twice the SVG's size", .enabled(if: rsvgAvailable, "rsvg-convert is not installed (apt-get install librsvg2-bin); CI installs it"))
    func png() throws {
        let chart = try ChartFixture.chart(ChartFixture.drill, "x | chart", title: "一般公共服务 项")
        let path = Fixture.temporaryFolder() + "/c.png"
        try ChartOutput.save(chart, to: path)
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(bytes.prefix(8) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        // IHDR width, big-endian at offset 16: 760 px × zoom 2.
        let width = bytes[16..<20].reduce(0) { $0 << 8 | Int($1) }
        #expect(width == 1520)
    }
}
