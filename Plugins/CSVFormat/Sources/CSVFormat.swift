import FiscalFormat
import FiscalModel

/// Facts as CSV, one per row: the way to give fiscal data it cannot read otherwise, and the
/// flat export of any loaded report.
///
/// Header (names, any order; `*` required):
/// `entity*, year*, phase*, statement*, item*, code, econ_code, fund, measure, amount*, unit, derived, file, line`.
/// One row is one mention: rows of the same key are one fact stated in several places, folded
/// by the host on load (``FiscalModel/Report/folded()``).
/// `measure` is a column name as printed or a measure of the vocabulary (``FiscalModel/Measure``);
/// empty means the item's total. `column`, its name before model version 2, is read as `measure`.
/// Rows of the same entity, year and phase form one report. `unit` defaults to 万元.
/// `file` and `line` say where the figure was first written; when empty, the CSV row itself
/// is the source. Any bad row fails the file with every bad row named (file, line, what
/// was expected); nothing already loaded is touched.
public struct CSVFormat: ReportFormat {
    public init() {}

    /// The columns, in the order `export` writes them.
    public static let header = [
        "entity", "year", "phase", "statement", "item", "code", "econ_code", "fund", "measure", "amount", "unit",
        "derived", "file", "line",
    ]
    static let required = ["entity", "year", "phase", "statement", "item", "amount"]

    public var descriptor: FormatDescriptor {
        FormatDescriptor(name: "csv", version: "1.0.0", summary: "one fact per row, with a header (docs/FORMATS.md)",
                         fileKinds: ["csv"])
    }

    public func detect(_ sample: FileSample) -> Confidence {
        guard let text = sample.text else { return .none }
        let first = text.prefix { $0 != "\n" }.lowercased()
        let names = first.split(separator: ",").map { $0.trimmingCharacters() }
        if CSVFormat.required.allSatisfy(names.contains) { return .certain }
        return sample.fileExtension == "csv" ? .low : .none
    }

    public func write(_ reports: [Report]) -> String? { CSVFormat.export(reports) }

    public func read(_ source: SourceText) throws(FormatError) -> FormatResult {
        var text = source.text
        let result = text.withUTF8 { bytes in
            Result { () throws(FormatError) in try CSVFormat.read(bytes, source: source) }
        }
        return try result.get()
    }

    /// Reads the UTF-8 bytes of `source`: the header on this thread, then the rows in chunks
    /// (record boundaries near equal shares of the file), each on its own core, each field
    /// read from the bytes and each distinct text of a column made into a `String` once; the
    /// facts go straight into columns (``FiscalModel/FactColumns``), no ``FiscalModel/Fact`` per row.
    static func read(_ bytes: UnsafeBufferPointer<UInt8>, source: SourceText) throws(FormatError) -> FormatResult {
        let header = try CSVFormat.header(bytes, path: source.path, source: source)
        var results = CSVFormat.rows(bytes, from: header.rowsStart, line: header.rowsLine, layout: header.layout, path: source.path)
        return try CSVFormat.reports(&results, path: source.path, warnings: header.warnings, firstLine: source.span(line: 1))
    }

    /// What a file's header says: where each column is, and where the rows start.
    struct Header {
        var layout: CSVLayout
        var warnings: [Diagnostic]
        /// The offset and line of the first record after the header.
        var rowsStart: Int
        var rowsLine: Int
    }

    /// Line 1 of `bytes` as a span (the place of a warning about the whole file).
    static func firstLineSpan(_ bytes: UnsafeBufferPointer<UInt8>, path: String) -> SourceSpan {
        guard let base = bytes.baseAddress else { return SourceSpan(file: path, line: 1) }
        let end = (0..<bytes.count).first { bytes[$0] == 0x0A } ?? bytes.count
        return SourceSpan(file: path, line: 1, startColumn: 1, endColumn: CSVBytes.characterCount(base, 0, end) + 1)
    }

    /// Reads the header: the first record that is not blank. Fails when it is missing, lacks a
    /// required column or names one twice; warns of columns fiscal does not know.
    static func header(_ bytes: UnsafeBufferPointer<UInt8>, path: String, source: SourceText? = nil) throws(FormatError) -> Header {
        var scanner = CSVScanner(bytes: bytes, position: 0, end: bytes.count, line: 1)
        var fields = CSVFields()
        var header: CSVScanner.Record?
        do {
            while let record = try scanner.next(&fields) {
                if !CSVFormat.isBlank(fields, scanner) { header = record; break }
            }
        } catch {
            throw FormatError(file: path, line: error.line, error.message)
        }
        guard let headerRecord = header, let base = bytes.baseAddress else {
            throw FormatError(file: path, line: 1, Message(.csvEmpty, CSVFormat.header.joined(separator: ",")))
        }
        let names = fields.buffer.map { CSVFormat.string($0, scanner).trimmingSpaces.lowercased() }
        let missing = CSVFormat.required.filter { !names.contains($0) }
        guard missing.isEmpty else {
            throw FormatError(file: path, line: headerRecord.line,
                              Message(.csvHeaderMissing, "\(missing.joined(separator: ", "))", "\(names.joined(separator: ","))"))
        }
        var seen = Set<String>()
        for name in names where !name.isEmpty && !seen.insert(name).inserted {
            throw FormatError(file: path, line: headerRecord.line,
                              Message(.csvHeaderTwice, "\(name)"))
        }
        // `disputed` (in an export of `facts`) follows from the rows of one key; it is not read.
        let unknown = names.filter { !CSVFormat.header.contains($0) && $0 != "column" && $0 != "disputed" && !$0.isEmpty }
        let headerSpan = source?.span(line: headerRecord.line) ?? SourceSpan(file: path, line: headerRecord.line, startColumn: 1,
            endColumn: CSVBytes.characterCount(base, headerRecord.start, headerRecord.firstLineEnd) + 1)
        let warnings: [Diagnostic] = unknown.map {
            Diagnostic(.warning, code: "unknown-column", Message(.csvUnknownColumn, "\($0)"), at: headerSpan)
        }
        return Header(layout: CSVLayout(names), warnings: warnings, rowsStart: scanner.position, rowsLine: scanner.line)
    }

    /// Reads the records of `bytes` from `start` (on line `line`) in chunks, one per core.
    static func rows(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, line: Int, layout: CSVLayout, path: String) -> [CSVChunkResult] {
        let chunks = CSVScanner.chunks(bytes, from: start, line: line, parts: Parallel.threadCount * 4)
        return Parallel.map(chunks.count) { k in
            var reader = CSVChunkReader(bytes: bytes, layout: layout, path: path)
            reader.read(chunks[k].start, chunks[k].end, line: chunks[k].line)
            return reader.finish()
        }
    }

    /// The reports of the chunks' rows, or every bad row (file, line, what was expected).
    static func reports(_ results: inout [CSVChunkResult], path: String, warnings: [Diagnostic], firstLine: SourceSpan) throws(FormatError) -> FormatResult {
        var warnings = warnings
        if let syntax = results.lazy.compactMap(\.syntaxError).first {
            throw FormatError(file: path, line: syntax.line, syntax.message)
        }
        let errors = results.flatMap(\.errors)
        if let first = errors.first {
            var e = first
            e.more = Array(errors.dropFirst())
            throw e
        }
        if results.allSatisfy({ $0.rows == 0 }) {
            warnings.append(Diagnostic(.warning, code: "no-rows", Message(.csvNoRows), at: firstLine))
        }
        // Rows of one entity, year and phase form one report, in the order first met; its
        // rows are one range of the file's columns.
        var index: [CSVReportKey: Int] = [:]
        var reportRuns: [[CSVRun]] = []
        var runChunks: [[Int]] = []
        for (k, chunk) in results.enumerated() {
            for run in chunk.runs {
                if let i = index[run.key] {
                    reportRuns[i].append(run)
                    runChunks[i].append(k)
                } else {
                    index[run.key] = reportRuns.count
                    reportRuns.append([run])
                    runChunks.append([k])
                }
            }
        }
        var segments: [CSVSegment] = []
        var ranges: [Range<Int>] = []
        var at = 0
        for (i, runs) in reportRuns.enumerated() {
            let start = at
            for (run, k) in zip(runs, runChunks[i]) {
                segments.append(CSVSegment(chunk: k, rows: run.rows, at: at))
                at += run.rows.count
            }
            ranges.append(start..<at)
        }
        let columns = CSVFormat.columns(&results, segments, count: at)
        var result: [Report] = []
        for (i, runs) in reportRuns.enumerated() {
            let first = runs[0]
            var report = Report(entity: first.key.entity, year: first.key.year, phase: first.key.phase,
                                unit: MoneyUnit(rawValue: first.unitName) ?? .wanYuan, source: path, format: "csv")
            report.facts = FactList(columns: columns, range: ranges[i])
            result.append(report)
        }
        if !warnings.isEmpty, !result.isEmpty { result[0].warnings += warnings; warnings = [] }
        return FormatResult(reports: result, warnings: warnings)
    }

    /// Whether a record is a blank line (one field of white space).
    static func isBlank(_ fields: CSVFields, _ scanner: CSVScanner) -> Bool {
        guard fields.count == 1 else { return false }
        return string(fields[0], scanner).trimmingSpaces.isEmpty
    }

    static func string(_ f: CSVField, _ scanner: CSVScanner) -> String {
        if f.quoted { return String(decoding: scanner.unquoted(f), as: UTF8.self) }
        return String(decoding: UnsafeBufferPointer(rebasing: scanner.bytes[f.start..<f.end]), as: UTF8.self)
    }

    /// The facts of `reports` as CSV text with the standard header.
    public static func export(_ reports: [Report]) -> String {
        var out = header.joined(separator: ",") + "\n"
        for r in reports {
            for f in r.facts {
                let fields = [
                    f.entity, String(f.year), f.phase.rawValue, f.statement.rawValue, f.item, f.code?.rawValue ?? "",
                    f.econCode?.rawValue ?? "", f.fund?.rawValue ?? "", f.measure.rawValue, f.amount.description,
                    f.unit.description, f.derived ? "true" : "false", f.span.file, String(f.span.line),
                ]
                out += fields.map(CSVText.field).joined(separator: ",") + "\n"
            }
        }
        return out
    }
}

extension Substring {
    func trimmingCharacters() -> String { String(self).trimmingSpaces }
}

extension String {
    var trimmingSpaces: String {
        String(unicodeScalars.drop { $0.properties.isWhitespace }.reversed().drop { $0.properties.isWhitespace }.reversed()
            .map(Character.init))
    }
}
