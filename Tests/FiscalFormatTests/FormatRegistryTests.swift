import FiscalFormat
import FiscalModel
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A format that claims files starting with a marker, for registry tests.
struct MarkerFormat: ReportFormat {
    var name: String
    var marker: String
    var confidence: Confidence

    var descriptor: FormatDescriptor { FormatDescriptor(name: name, version: "1", summary: "test", fileKinds: ["txt"]) }

    func detect(_ sample: FileSample) -> Confidence {
        sample.text?.hasPrefix(marker) == true ? confidence : .none
    }

    func read(_ source: SourceText) throws(FormatError) -> FormatResult {
        FormatResult(reports: [Report(entity: name, year: 2020, phase: .final, unit: .wanYuan, source: source.path)])
    }
}

func temporaryFile(_ name: String, _ bytes: [UInt8]) -> String {
    let dir = "/tmp/fiscal-tests-\(getpid())"
    mkdir(dir, 0o755)
    let path = "\(dir)/\(name)"
    let f = fopen(path, "wb")!
    _ = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, f) }
    fclose(f)
    return path
}

@Suite("Choosing a format for a file")
struct FormatRegistryTests {
    let registry = FormatRegistry([
        MarkerFormat(name: "weak", marker: "部门", confidence: .low),
        MarkerFormat(name: "strong", marker: "部门决算", confidence: .high),
    ])

    @Test("the most confident format wins; --format overrides")
    func confidence() throws {
        let path = temporaryFile("r.txt", Array("部门决算说明".utf8))
        #expect(try registry.load(file: path).reports[0].entity == "strong")
        #expect(try registry.load(file: path, format: "weak").reports[0].entity == "weak")
        #expect(try registry.load(file: path).reports[0].format == "strong")
    }

    @Test("an unknown file names the file and the known formats")
    func unknown() throws {
        let path = temporaryFile("u.txt", Array("nothing to see".utf8))
        #expect(throws: LoadError.self) { try registry.load(file: path) }
        do {
            _ = try registry.load(file: path)
        } catch {
            #expect(error.description == "\(path): no format recognises this file (known formats: weak, strong); choose one with --format")
        }
        do {
            _ = try registry.load(file: path + ".missing")
        } catch {
            #expect(error.description == "\(path).missing: cannot read the file: no such file or directory")
        }
    }

    @Test("GB18030 files are decoded, not rejected; CRLF becomes LF")
    func encodings() throws {
        // "部门决算" in GB18030 followed by CRLF and a second line.
        let gb: [UInt8] = [0xB2, 0xBF, 0xC3, 0xC5, 0xBE, 0xF6, 0xCB, 0xE3, 0x0D, 0x0A, 0x61]
        let source = try #require(SourceText(bytes: gb, path: "gbk.txt"))
        #expect(source.encoding == .gb18030)
        #expect(source.lines == ["部门决算", "a"])
        let path = temporaryFile("gbk.txt", gb)
        #expect(try registry.load(file: path).reports[0].entity == "strong")
        let bom = SourceText(bytes: [0xEF, 0xBB, 0xBF] + Array("x\r\ny".utf8), path: "b.txt")
        #expect(bom?.lines == ["x", "y"])
        #expect(SourceText(bytes: [0xFF, 0xFF, 0xFF, 0x00], path: "bin") == nil)
    }

    @Test("spans are in characters of the line")
    func spans() {
        let source = SourceText(text: "收入1320.41万元", path: "s.txt")
        let line = source.line(1)!
        let start = line.index(line.startIndex, offsetBy: 2)
        let end = line.index(start, offsetBy: 7)
        #expect(source.span(line: 1, range: start..<end) == SourceSpan(file: "s.txt", line: 1, startColumn: 3, endColumn: 10))
    }
}

/// A format that reads a fixed number of figures, for judging reads on weak evidence.
struct CountingFormat: ReportFormat {
    var figures: Int
    var confidence: Confidence
    var descriptor: FormatDescriptor { FormatDescriptor(name: "counting", version: "1", summary: "test", fileKinds: ["txt"]) }
    func detect(_ sample: FileSample) -> Confidence { confidence }
    func read(_ source: SourceText) throws(FormatError) -> FormatResult {
        let span = SourceSpan(file: source.path, line: 1)
        let facts = (0..<figures).map { _ in
            Fact(entity: "e", year: 2020, phase: .final, statement: .totals, item: "x", amount: .zero, unit: .money(.wanYuan), reading: .data, span: span)
        }
        return FormatResult(reports: [Report(entity: "e", year: 2020, phase: .final, unit: .wanYuan, source: source.path, facts: facts)])
    }
}

@Suite("Loading by evidence")
struct LoadingByEvidenceTests {
    @Test("a format chosen on weak evidence that reads no figure loads nothing, with a message")
    func nothingRead() throws {
        let path = temporaryFile("weak.txt", Array("收支预算总表".utf8))
        let registry = FormatRegistry([CountingFormat(figures: 0, confidence: .low)])
        do {
            _ = try registry.load(file: path)
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("recognised this file only weakly, confidence 25 of 100"))
            #expect(error.description.contains("found no figure it could read; nothing loaded"))
        }
        // Chosen by name, the format's read stands.
        #expect(try registry.load(file: path, format: "counting").reports.count == 1)
    }

    @Test("figures read on weak evidence come with a warning; on strong evidence without")
    func weakButRead() throws {
        let path = temporaryFile("weak2.txt", Array("收支预算总表".utf8))
        let weak = try FormatRegistry([CountingFormat(figures: 2, confidence: .low)]).load(file: path)
        #expect(weak.warnings.map(\.code) == ["weak-detection"])
        let strong = try FormatRegistry([CountingFormat(figures: 0, confidence: .high)]).load(file: path)
        #expect(strong.warnings.isEmpty && strong.reports.count == 1)
    }
}
