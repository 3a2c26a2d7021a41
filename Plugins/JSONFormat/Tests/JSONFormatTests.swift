import FiscalFormat
import FiscalModel
import JSONFormat
import Testing

@Suite("The json format")
struct JSONFormatTests {
    let report = Report(
        entity: "县委办", year: 2020, phase: .final, unit: .wanYuan, source: "x.txt",
        facts: [Fact(entity: "县委办", year: 2020, phase: .final, statement: .income, item: "一般公共预算财政拨款收入",
                     fund: .generalBudget, amount: Amount("927.15")!, unit: .money(.wanYuan), reading: .narrative,
                     span: SourceSpan(file: "x.txt", line: 27, startColumn: 40, endColumn: 46))])

    @Test("export then read gives an equal model, spans included")
    func roundTrip() throws {
        let text = JSONFormat.export([report])
        let back = try JSONFormat().read(SourceText(text: text, path: "model.json"))
        #expect(back.reports == [report])
    }

    @Test("recognised by content; invalid JSON names the line")
    func detectionAndErrors() {
        let text = JSONFormat.export([report])
        #expect(JSONFormat().detect(FileSample(path: "model.dat", bytes: Array(text.utf8))) == .certain)
        #expect(JSONFormat().detect(FileSample(path: "a.csv", bytes: Array("entity,year\n".utf8))) == .none)
        #expect(throws: FormatError(file: "m.json", line: 3, "invalid JSON at column 1: expected a value, found end of input")) {
            try JSONFormat().read(SourceText(text: "{\n\"reports\":\n", path: "m.json"))
        }
    }
}
