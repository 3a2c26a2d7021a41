import FiscalFormat
import FiscalModel
import Testing

/// Decoding damaged text and reading signed figures (issue 11).
@Suite("Damaged text and signed figures")
struct HostileTextTests {
    @Test("a UTF-8 file with one bad byte decodes, with a warning naming line and offset")
    func oneBadByte() throws {
        var bytes = Array("第一行\n第二行，支出决算为372.14万元\n".utf8)
        bytes.insert(0xFF, at: 13)  // on line 2, after 第
        let text = try #require(SourceText(bytes: bytes, path: "f.txt"))
        #expect(text.encoding == .utf8)
        #expect(text.lines.count == 2)
        #expect(text.lines[1].contains("\u{FFFD}"))
        #expect(text.decodingWarnings.map(\.description) == ["f.txt:2:1: warning: expected UTF-8, found byte 0xFF at byte offset 13; read as U+FFFD"])
    }

    @Test("GB18030 text still decodes as GB18030, and a NUL in it does not end it")
    func gb18030() throws {
        // 支出 in GB18030, a NUL, then 合计
        let bytes: [UInt8] = [0xD6, 0xA7, 0xB3, 0xF6, 0x00, 0xBA, 0xCF, 0xBC, 0xC6]
        let text = try #require(SourceText(bytes: bytes, path: "g.txt"))
        #expect(text.encoding == .gb18030)
        #expect(text.text == "支出\u{0}合计")
        #expect(text.decodingWarnings.isEmpty)
    }

    @Test("bytes that are neither encoding are refused with the offset of the first bad one")
    func binary() {
        let bytes: [UInt8] = [0x41, 0xFF, 0xFF, 0xFF, 0x80, 0x80]
        #expect(SourceText(bytes: bytes, path: "b") == nil)
        #expect(SourceText.firstInvalidUTF8(bytes)?.offset == 1)
    }

    @Test("a minus sign before a figure belongs to it; a dash between numbers does not",
          arguments: [("支出决算为-372.14万元", "-372.14"), ("支出为—12万元", "-12"), ("支出为－１２万元", "-12"),
                      ("2019-2020年支出12万元", "12"), ("A-3项目5万元", "5")])
    func minusSign(text: String, amount: String) {
        let money = NarrativeFigure.scan(text[...]).filter { if case .money = $0.unit { true } else { false } }
        #expect(money.map(\.amount.description) == [amount])
    }

    @Test("a line of 1,600 figure clauses is read with every figure and its label")
    func longLine() {
        let line = String(repeating: "卫生健康支出12.34万元，占3.24%；", count: 1_600)
        let mentions = SentenceReader.mentions(in: line[...])
        let figures = mentions.compactMap { if case .figure(let f) = $0 { f } else { nil } }
        #expect(figures.count == 1_600)
        #expect(figures.allSatisfy { $0.label == "卫生健康支出" && $0.figure.amount == Amount(mantissa: 1234, scale: 2) })
    }

    @Test("a line of more figures than the limit is read up to the limit, and says so")
    func figureLimit() {
        let n = SentenceReader.maximumFiguresPerLine
        let line = String(repeating: "支出1万元，", count: n + 5)
        #expect(SentenceReader.exceedsFigureLimit(line[...]))
        #expect(SentenceReader.mentions(in: line[...]).count == n)
        #expect(!SentenceReader.exceedsFigureLimit(String(repeating: "支出1万元，", count: 10)[...]))
    }
}
