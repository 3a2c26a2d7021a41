import CSVFormat
import FiscalFormat
import FiscalModel
import Testing

@Suite("The csv format")
struct CSVFormatTests {
    let header = "entity,year,phase,statement,item,code,econ_code,fund,column,amount,unit\n"

    func read(_ text: String, path: String = "facts.csv") throws(FormatError) -> FormatResult {
        try CSVFormat().read(SourceText(text: text, path: path))
    }

    @Test("rows become facts; rows of one entity, year and phase form one report")
    func reads() throws {
        let result = try read(header + """
            县委办,2019,决算,三公经费,公务接待费,,,一般公共预算,,10.53,万元
            县委办,2020,决算,一般公共预算财政拨款支出,行政运行,2013101,,一般公共预算,,372.14,万元
            县委办,2020,决算,一般公共预算财政拨款支出,"机关服务, 其他",2013103,,一般公共预算,,"1,006.35",万元
            """)
        #expect(result.reports.count == 2)
        #expect(result.reports.map(\.year) == [2019, 2020])
        let f = result.reports[1].facts[1]
        #expect(f.item == "机关服务, 其他")
        #expect(f.amount.description == "1006.35")
        #expect(f.code == "2013103")
        #expect(f.span == SourceSpan(file: "facts.csv", line: 4, startColumn: 1, endColumn: f.span.endColumn))
        #expect(result.reports[1].facts[0].fund == .generalBudget)
    }

    @Test("every bad row is named with its line and what was expected; nothing is half-loaded")
    func badRows() {
        do {
            _ = try read(header + """
                县委办,2020,决算,收入,合计,,,,,1320.41,万元
                县委办,20x0,决算,收入,合计,,,,,1320.41,万元
                县委办,2020,结算,收入,合计,,,,,1320.41,万元
                县委办,2020,决算,收入,合计,2013,,,,1320.41,万元
                县委办,2020,决算,收入,合计,,,,,1.320.41,万元
                县委办,2020,决算,收入,合计,,,,1320.41,万元
                """)
            Issue.record("expected the file to fail")
        } catch {
            let all = [error] + error.more
            #expect(all.map(\.line) == [3, 4, 5, 6, 7])
            #expect(all[0].message == "expected a year such as 2020 in `year`, found `20x0`")
            #expect(all[1].message == "expected 决算 or 预算 in `phase`, found `结算`")
            #expect(all[2].message == "expected a functional code of 3, 5 or 7 digits in `code`, found `2013`")
            #expect(all[3].message == "expected an amount such as 1014.73 in `amount`, found `1.320.41`")
            #expect(all[4].message == "expected 11 fields, found 10")
            #expect(error.description.hasPrefix("facts.csv:3: expected a year"))
        }
    }

    @Test("a header missing required columns is an error on line 1")
    func missingColumns() {
        #expect(throws: FormatError(file: "facts.csv", line: 1, "expected the header to name statement, amount, found entity,year,phase,item")) {
            try read("entity,year,phase,item\nx,2020,决算,y\n")
        }
    }

    @Test("an unterminated quote names its line")
    func unterminatedQuote() {
        #expect(throws: FormatError(file: "facts.csv", line: 2, "unterminated quoted field")) {
            try read(header + "县委办,2020,决算,收入,\"合计,,,,,1,万元\n")
        }
    }

    @Test("recognised by its header, whatever the extension")
    func detection() {
        let format = CSVFormat()
        #expect(format.detect(FileSample(path: "data.txt", bytes: Array(header.utf8))) == .certain)
        #expect(format.detect(FileSample(path: "data.csv", bytes: Array("a,b\n1,2\n".utf8))) == .low)
        #expect(format.detect(FileSample(path: "data.txt", bytes: Array("a,b\n1,2\n".utf8))) == .none)
    }

    @Test("export then read gives the same facts")
    func roundTrip() throws {
        let first = try read(header + "县委办,2020,决算,一般公共预算财政拨款支出,\"行政运行, 含\"\"引号\"\"\",2013101,30101,一般公共预算,合计,372.14,万元\n")
        let text = CSVFormat.export(first.reports)
        let second = try read(text, path: "again.csv")
        // CSV carries file and line, not columns: compare everything else.
        func withoutColumns(_ f: Fact) -> Fact {
            var g = f
            g.mentions = f.mentions.map { Mention(span: SourceSpan(file: $0.span.file, line: $0.span.line), amount: $0.amount, reading: $0.reading) }
            return g
        }
        #expect(second.reports[0].facts.map(withoutColumns) == first.reports[0].facts.map(withoutColumns))
        #expect(second.reports[0].facts[0].span.file == "facts.csv")
    }
}
