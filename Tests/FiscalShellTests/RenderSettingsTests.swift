import FiscalModel
import Testing
@testable import FiscalShell

/// The display settings and the fitting rule, on small tables.
struct RenderSettingsTests {
    func table() -> ResultTable {
        var t = ResultTable(columns: [
            .init("entity", .text), .init("item", .text), .init("file", .text), .init("amount", .amount), .init("econ_code", .text),
        ])
        t.append([.text("中共武胜县委员会办公室"), .text("其他党委办公厅（室）及相关机构事务支出"),
                  .text("Examples/wusheng-2020-决算.txt"), .amount(Amount("1234567.5")!), .null])
        t.append([.text("县委办"), .text("行政运行"), .text("a.txt"), .amount(Amount("372.14")!), .text("301")])
        return t
    }

    @Test func nullDecimalsAndThousandsForPeopleOnly() {
        var o = RenderOptions(mode: .table, nullText: "(空)", decimals: 0, thousands: true)
        let text = Renderer.render(table(), o).body
        #expect(text.contains("1,234,568"))
        #expect(text.contains("(空)"))
        #expect(text.contains(" 372"))
        o.mode = .csv
        let csv = Renderer.render(table(), o).body
        #expect(csv.contains(",1234567.5,"))
        #expect(csv.contains(",372.14,"))
        #expect(!csv.contains("(空)"))
        #expect(Renderer.groupThousands("-1234.56") == "-1,234.56")
        #expect(Renderer.groupThousands("999") == "999")
    }

    @Test func wideTablesShortenThenHideKeysAndAmountsLast() {
        // At 60 columns, cutting the text columns and hiding the rightmost other column suffice.
        let at60 = Renderer.render(table(), RenderOptions(mode: .table, maxWidth: 60))
        #expect(at60.notes.last == "to fit 60 columns, cut: entity, item, file; hidden: econ_code (`:set expanded on` shows every field)")
        #expect(at60.body.split(separator: "\n").allSatisfy { DisplayWidth.of($0) <= 60 }, "\(at60.body)")
        // At 48, the next other column goes too; the key and the amount stay.
        let o = RenderOptions(mode: .table, maxWidth: 48)
        let output = Renderer.render(table(), o)
        let lines = output.body.split(separator: "\n")
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 48 }, "\(output.body)")
        let header = String(lines[0])
        #expect(header.contains("item") && header.contains("amount"), "key and amount stay: \(header)")
        #expect(!header.contains("file"), "other columns go first: \(header)")
        #expect(output.notes.last?.hasPrefix("to fit 48 columns") == true, "\(output.notes)")
        #expect(output.notes.last?.contains("hidden: file, econ_code") == true, "\(output.notes)")
    }

    @Test func expandedShowsEveryFieldAndAutoOnlyWhenTooWide() {
        var o = RenderOptions(mode: .table, maxWidth: 200, expanded: .on)
        let on = Renderer.render(table(), o).body
        #expect(on.contains("─[ row 1 ]"))
        #expect(on.contains("file      │ Examples/wusheng-2020-决算.txt"))
        o.expanded = .auto
        #expect(!Renderer.render(table(), o).body.contains("─[ row 1 ]"), "fits in 200 columns")
        o.maxWidth = 60
        #expect(Renderer.render(table(), o).body.contains("─[ row 1 ]"))
        o.language = .chinese
        #expect(Renderer.render(table(), o).body.contains("─[ 第 1 行 ]"))
    }

    @Test func markdownCellsCannotBecomeMarkup() {
        var t = ResultTable(columns: [.init("item", .text)])
        t.append([.text("<script>alert(1)</script> *x* [a](b) `c` a|b")])
        let md = Renderer.render(t, RenderOptions(mode: .markdown)).body
        #expect(md.contains("\\<script\\>alert(1)\\</script\\> \\*x\\* \\[a\\](b) \\`c\\` a\\|b"), "\(md)")
    }

    @Test func notesWrapByDisplayWidth() {
        let lines = DisplayWidth.wrap("注：为适应 80 列宽，已截短：单位, 表, 科目；已隐藏：资金来源, 口径, 计量单位", width: 20)
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 20 }, "\(lines)")
        #expect(lines.joined().replacingOccurrences(of: " ", with: "") == "注：为适应80列宽，已截短：单位,表,科目；已隐藏：资金来源,口径,计量单位")
        #expect(DisplayWidth.wrap("to fit 80 columns, cut: entity", width: 12) == ["to fit 80", "columns,", "cut: entity"])
    }
}
