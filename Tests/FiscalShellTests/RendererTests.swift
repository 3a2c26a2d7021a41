import FiscalModel
import FiscalShell
import Testing

@Suite("Rendering result tables")
struct RendererTests {
    let table: ResultTable = {
        var t = ResultTable(columns: [.init("code", .text), .init("name", .text), .init("amount", .amount), .init("share", .percent)])
        t.append([.text("2013101"), .text("行政运行"), .amount(Amount("372.14")!), .percent(Amount("372.14")! / Amount("865.23")!)])
        t.append([.text("2013102"), .text("一般行政管理事务"), .amount(Amount("24.8")!), .percent(Amount("24.8")! / Amount("865.23")!)])
        t.append([.text("x"), .text("Other (ASCII)"), .amount(Amount("1006")!), .null])
        return t
    }()

    @Test("columns align by display width, decimal points line up")
    func alignment() {
        let text = Renderer.render(table, RenderOptions(mode: .table)).body
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0] == "code     name               amount   share")
        #expect(lines[2] == "2013101  行政运行           372.14  43.01%")
        #expect(lines[3] == "2013102  一般行政管理事务    24.8    2.87%")
        #expect(lines[4] == "x        Other (ASCII)     1006          —")
        #expect(lines[5] == "(3 rows)")
        // The decimal points of the amount column sit in the same terminal column.
        let points = lines[2...3].map { line in DisplayWidth.of(line.prefix { $0 != "." }) }
        #expect(points[0] == points[1])
    }

    @Test("display width: CJK and full-width are two columns, combining marks none")
    func widths() {
        #expect(DisplayWidth.of("行政运行") == 8)
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("（类）") == 6)
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("１２") == 4)
        #expect(DisplayWidth.truncate("一般公共服务支出", to: 7) == "一般公…")
        #expect(DisplayWidth.pad("中", to: 4) == "中  ")
    }

    @Test("csv, json and markdown")
    func otherModes() {
        let csv = Renderer.render(table, RenderOptions(mode: .csv)).body
        #expect(csv == "code,name,amount,share\n2013101,行政运行,372.14,43.01\n2013102,一般行政管理事务,24.8,2.87\nx,Other (ASCII),1006,\n")
        let json = Renderer.render(table, RenderOptions(mode: .json)).body
        #expect(json.contains("\"amount\": 372.14"))
        #expect(json.contains("\"share\": null"))
        let md = Renderer.render(table, RenderOptions(mode: .markdown)).body
        #expect(md.hasPrefix("| code | name | amount | share |\n| --- | --- | ---: | ---: |\n"))
    }

    @Test("a long result is cut with a note saying how to see it all")
    func truncation() {
        var options = RenderOptions(mode: .table)
        options.maxRows = 2
        let output = Renderer.render(table, options)
        #expect(!output.body.contains("Other"))
        #expect(output.notes.last == "1 more row not shown; `:set rows all` shows every row, `-o csv` or `:save FILE` writes them all")
    }

    @Test("a tree indents its name column by depth")
    func tree() {
        var t = ResultTable(columns: [.init("code", .text), .init("name", .text), .init("amount", .amount)])
        t.append([.text("201"), .text("一般公共服务支出"), .amount(Amount("865.22")!)], depth: 0)
        t.append([.text("20131"), .text("党委办公厅（室）及相关机构事务"), .amount(Amount("865.22")!)], depth: 1)
        let lines = Renderer.render(t, RenderOptions(mode: .table)).body.split(separator: "\n")
        #expect(lines[3].hasPrefix("20131    党委办公厅"))
        #expect(lines[2].hasPrefix("201    一般公共服务支出"))
    }
}
