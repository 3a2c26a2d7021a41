@testable import CSVFormat
import FiscalFormat
import FiscalModel
import Foundation
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

    /// A temporary file holding `bytes`.
    func temporaryFile(_ bytes: [UInt8]) throws -> String {
        let path = NSTemporaryDirectory() + "fiscal-csv-\(UUID().uuidString).csv"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("read in blocks, a file gives the reports, facts, warnings and digest its whole text gives")
    func streaming() throws {
        var text = "\u{FEFF}" + header.replacingOccurrences(of: "unit\n", with: "unit,note\n")
        for i in 0..<2000 {
            let item = i % 3 == 0 ? "\"项目, \(i)\n第二行\"" : "项目\(i)"
            text += "县委办\(i / 300),\(2016 + i / 200),\(i % 2 == 0 ? "决算" : "预算"),收入,\(item),,,,,\(i).\(i % 100),万元,x\n"
        }
        let bytes = Array(text.utf8)
        let path = try temporaryFile(bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let whole = try CSVFormat().read(SourceText(bytes: bytes, path: path)!)
        #expect(whole.reports.count > 10 && whole.reports[0].warnings.contains { $0.code == "unknown-column" })
        for block in [64, 1000, 4096, 1 << 20] {
            let streamed = try #require(try CSVFormat.readStreaming(path: path, blockSize: block))
            #expect(streamed.digest == ReportDocument.digest(of: bytes))
            #expect(streamed.result.reports.map(\.entity) == whole.reports.map(\.entity))
            #expect(streamed.result.reports.map(\.year) == whole.reports.map(\.year))
            #expect(streamed.result.reports.map(\.warnings) == whole.reports.map(\.warnings), "block \(block)")
            #expect(streamed.result.reports.map { Array($0.facts) } == whole.reports.map { Array($0.facts) }, "block \(block)")
        }
    }

    /// Without quotes a block is cut into chunks at line ends, each read on its own core while
    /// it checks its bytes, its lines numbered once all are read: a file of several chunks per
    /// block (over a megabyte each) gives the whole text's facts, spans included, at every block
    /// size — with characters that are not plain (a combining accent, full-width brackets), white
    /// space around values, a column no fact uses and blank lines. A carriage return or a
    /// malformed byte late in the file, wherever it is (a value, the unused column, the white
    /// space around a value, a blank line), sends the file to the whole-text path.
    @Test("read in blocks without quotes, chunks numbered from counted line ends give the whole text's facts; a late CR or bad byte declines")
    func streamingWithoutQuotes() throws {
        func row(_ i: Int, note: [UInt8] = [], afterAmount: String = "") -> [UInt8] {
            // Rows of different lengths (so line ends fall anywhere in a word), ASCII and Chinese.
            var item = String(repeating: "一般公共服务", count: 1 + i % 3) + "\(i)" + String(repeating: "x", count: i % 7)
            if i % 5 == 0 { item += "e\u{301}" }
            if i % 7 == 0 { item = "（一）" + item }
            if i % 11 == 0 { item = " " + item + "\u{3000}" }
            let amount = (i % 13 == 0 ? " \(i).\(i % 100) " : "\(i).\(i % 100)") + afterAmount
            let head = Array("县委办\(i / 3000),\(2016 + i / 4000),决算,一般公共预算财政拨款支出,\(item),2010101,,,,\(amount),万元,".utf8)
            return head + (note.isEmpty ? Array("备注\(i % 4)".utf8) : note) + [0x0A] + (i % 997 == 0 ? Array(" \n".utf8) : [])
        }
        let head = Array(header.replacingOccurrences(of: "unit\n", with: "unit,note\n").utf8)
        var bytes = head
        for i in 0..<40_000 { bytes += row(i) }
        #expect(bytes.count > 4 << 20)
        let path = try temporaryFile(bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let whole = try CSVFormat().read(SourceText(bytes: bytes, path: path)!)
        #expect(whole.reports.map(\.facts.count).reduce(0, +) == 40_000)
        // Each row's span is its whole line, in characters as a `String` counts them.
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let spans = whole.reports.flatMap { $0.facts.map(\.span) }
        #expect(spans.allSatisfy { $0.file == path && $0.startColumn == 1 && $0.endColumn == lines[$0.line - 1].count + 1 })
        #expect(spans.contains { lines[$0.line - 1].count != lines[$0.line - 1].unicodeScalars.count })
        for block in [1 << 20, 3 << 20, 32 << 20] {
            let streamed = try #require(try CSVFormat.readStreaming(path: path, blockSize: block))
            #expect(streamed.result.reports.map(\.entity) == whole.reports.map(\.entity), "block \(block)")
            #expect(streamed.result.reports.map { Array($0.facts) } == whole.reports.map { Array($0.facts) }, "block \(block)")
            #expect(streamed.result.reports.map(\.warnings) == whole.reports.map(\.warnings), "block \(block)")
        }
        let last = row(39_999)
        let broken: [[UInt8]] = [
            Array(last.dropLast()) + [0x0D, 0x0A],  // a carriage return
            row(39_999, note: [0x41, 0xFF]),  // a bad byte in the column no fact uses
            row(39_999, note: [0xE4, 0xB8]),  // a character cut short there
            Array(last.prefix(3)) + [0xFF] + Array(last.dropFirst(3)),  // in the entity
            row(39_999, afterAmount: "\r"),  // a carriage return after a number (white space it would trim)
            last + [0x20, 0xC0, 0x0A],  // a blank line with a bad byte
        ]
        for (k, end) in broken.enumerated() {
            let file = try temporaryFile(Array(bytes.dropLast(last.count)) + end)
            defer { try? FileManager.default.removeItem(atPath: file) }
            #expect(try CSVFormat.readStreaming(path: file, blockSize: 1 << 20) == nil, "case \(k)")
        }
    }

    @Test("read in blocks, a bad row in a late block names its line and nothing loads; CRLF and other encodings take the whole-text path")
    func streamingErrorsAndDeclines() throws {
        var text = header
        for i in 0..<500 { text += "县委办,2020,决算,收入,项目\(i),,,,,\(i),万元\n" }
        text += "县委办,2020,决算,收入,坏,,,,,1.2.3,万元\n"
        let path = try temporaryFile(Array(text.utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: FormatError(file: path, line: 502, "expected an amount such as 1014.73 in `amount`, found `1.2.3`")) {
            try CSVFormat.readStreaming(path: path, blockSize: 512)
        }
        let crlf = try temporaryFile(Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8))
        defer { try? FileManager.default.removeItem(atPath: crlf) }
        #expect(try CSVFormat.readStreaming(path: crlf, blockSize: 512) == nil)
        let latin = try temporaryFile(Array(header.utf8) + [0xB2, 0xE2, 0x2C, 0x0A])
        defer { try? FileManager.default.removeItem(atPath: latin) }
        #expect(try CSVFormat.readStreaming(path: latin, blockSize: 512) == nil)
    }

    @Test("UTF-8 is checked as the standard says, in runs of ASCII, pairs of ideographs or one character at a time")
    func utf8Validation() {
        func valid(_ bytes: [UInt8]) -> Bool {
            bytes.withUnsafeBufferPointer { b in b.isEmpty || CSVBytes.survey(b.baseAddress!, 0, b.count, limit: b.count).streamable }
        }
        #expect(valid(Array("县委办, abc 𝄞 é".utf8)))
        #expect(!valid([0x41, 0xC0, 0x80]))  // overlong
        #expect(!valid([0xED, 0xA0, 0x80]))  // surrogate
        #expect(!valid([0xF4, 0x90, 0x80, 0x80]))  // past U+10FFFF
        #expect(!valid([0xE5, 0x8E]))  // cut short
        #expect(!valid([0x80]))  // a stray continuation byte
        let big = Array(String(repeating: "预算决算abc", count: 400_000).utf8)
        #expect(valid(big))
        var broken = big
        broken[broken.count / 2 + 1] = 0xFF
        #expect(!valid(broken))
    }

    /// Random texts of pieces of well-formed and broken UTF-8 (Chinese, E0 and ED sequences,
    /// four-byte ones, stray or missing continuation bytes, carriage returns, combining marks):
    /// the checker agrees with the standard library's decoder, and a well-formed text's
    /// character count is its `String`'s.
    @Test("UTF-8 checks and character counts agree with the standard library on random texts")
    func utf8AgreesWithTheStandardLibrary() {
        let pieces: [[UInt8]] = [
            Array("预算".utf8), Array("abcdefgh".utf8), Array("1014.73".utf8), [0x0D, 0x0A], [0x0D],
            [0xE0, 0xA0, 0x80], [0xE0, 0x9F, 0x80], [0xED, 0x9F, 0xBF], [0xED, 0xA0, 0x80], [0xEF, 0xBF, 0xBD],
            [0xF0, 0x9D, 0x84, 0x9E], [0xE5, 0x8E], [0x80], [0xC3, 0xA9], [0x65, 0xCC, 0x81], [0xFF], [0xE9, 0xBF, 0xBF],
            // Just outside the E4–E9 ideographs (U+3000, U+A000), full-width punctuation, a variation
            // selector after an ideograph, U+4E00.
            [0xE3, 0x80, 0x80], [0xEA, 0x80, 0x80], [0xEF, 0xBC, 0x8C], [0xE4, 0xB8, 0x80, 0xEF, 0xB8, 0x8F], [0xE4, 0xB8, 0x80],
            // What a row holds between its characters: line ends, quotes, commas, digits.
            [0x0A], [0x22], Array("2016,".utf8), Array("决算,".utf8), Array("示例单位0001".utf8),
        ]
        var seed: UInt64 = 17
        func next() -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: seed >> 33)
        }
        for _ in 0..<5000 {
            var bytes: [UInt8] = []
            for _ in 0..<(next() % 24) { bytes += pieces[next() % pieces.count] }
            let oracle = String(validating: bytes, as: UTF8.self)
            // The survey also turns a carriage return away (the whole-text path normalises it),
            // and counts line ends and sees quotes, in every alignment of the words it reads.
            let survey = bytes.withUnsafeBufferPointer { b in
                b.isEmpty ? CSVSurvey(streamable: true, lineEnds: 0, quotes: false) : CSVBytes.survey(b.baseAddress!, 0, b.count, limit: b.count)
            }
            #expect(survey.streamable == (oracle != nil && !bytes.contains(0x0D)), "\(bytes)")
            if survey.streamable {
                #expect(survey.lineEnds == bytes.count { $0 == 0x0A } && survey.quotes == bytes.contains(0x22), "\(bytes)")
            }
            if let oracle {
                #expect(bytes.withUnsafeBufferPointer { CSVBytes.characterCount($0.baseAddress!, 0, $0.count) } == oracle.count, "\(bytes)")
            }
        }
    }
}

extension CSVFormatTests {
    /// Byte strings that differ in one byte anywhere (in a whole word or in the tail a hash
    /// reads a byte at a time), in length only, or not at all, interned through the table's
    /// growth: equal bytes get the same id and unequal ones different ids, as a dictionary says.
    @Test("The interner gives equal bytes one id and different bytes different ids")
    func internerAgreesWithADictionary() {
        var interner = ByteInterner()
        var oracle: [[UInt8]: Int32] = [:]
        var seed: UInt64 = 29
        func next() -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: seed >> 33)
        }
        let base = Array("一般公共服务支出2010101,abc".utf8)
        for _ in 0..<20_000 {
            var bytes = Array(base.prefix(next() % (base.count + 1)))
            if !bytes.isEmpty, next() % 2 == 0 { bytes[next() % bytes.count] = UInt8(next() % 4) }
            let id = interner.id(bytes)
            if let known = oracle[bytes] {
                #expect(id == known, "\(bytes)")
            } else {
                #expect(!oracle.values.contains(id), "\(bytes) got an id already given")
                oracle[bytes] = id
            }
            #expect(interner.strings[Int(id)] == String(decoding: bytes, as: UTF8.self))
        }
        #expect(oracle.count > 500)
    }
}

extension CSVFormatTests {
    /// A field's white space is trimmed as Unicode's `White_Space` says, at either end, whether
    /// the field starts or ends with an ideograph (read without decoding), an ideographic space
    /// (U+3000, just below the ideographs' lead bytes), a no-break space, tabs or letters.
    @Test("fields are trimmed of Unicode white space at both ends, ideographs or not")
    func trimmingAgreesWithUnicode() {
        let pieces = ["预算", " ", "\t", "\u{3000}", "\u{A0}", "a", "\u{2003}", "亿", "鿿", "\u{4DC0}", "，"]
        var seed: UInt64 = 41
        func next() -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: seed >> 33)
        }
        for _ in 0..<3000 {
            var text = ""
            for _ in 0..<(next() % 7) { text += pieces[next() % pieces.count] }
            var scalars = Array(text.unicodeScalars)
            while let f = scalars.first, f.properties.isWhitespace { scalars.removeFirst() }
            while let l = scalars.last, l.properties.isWhitespace { scalars.removeLast() }
            let expected = String(String.UnicodeScalarView(scalars))
            let bytes = Array(text.utf8)
            let trimmed = bytes.withUnsafeBufferPointer { b -> String in
                guard let p = b.baseAddress else { return "" }
                let (s, e) = CSVBytes.trimmed(p, 0, b.count)
                return String(decoding: b[s..<e], as: UTF8.self)
            }
            #expect(trimmed == expected, "\(Array(text.unicodeScalars))")
        }
    }
}
