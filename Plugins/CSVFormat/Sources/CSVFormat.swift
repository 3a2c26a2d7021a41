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
    /// read from the bytes and each distinct text of a column made into a `String` once.
    static func read(_ bytes: UnsafeBufferPointer<UInt8>, source: SourceText) throws(FormatError) -> FormatResult {
        var scanner = CSVScanner(bytes: bytes, position: 0, end: bytes.count, line: 1)
        var fields: [CSVField] = []
        var header: CSVScanner.Record?
        do {
            while let record = try scanner.next(&fields) {
                if !CSVFormat.isBlank(fields, scanner) { header = record; break }
            }
        } catch {
            throw FormatError(file: source.path, line: error.line, error.message)
        }
        guard let headerRecord = header else {
            throw FormatError(file: source.path, line: 1, Message(.csvEmpty, CSVFormat.header.joined(separator: ",")))
        }
        let names = fields.map { CSVFormat.string($0, scanner).trimmingSpaces.lowercased() }
        let missing = CSVFormat.required.filter { !names.contains($0) }
        guard missing.isEmpty else {
            throw FormatError(file: source.path, line: headerRecord.line,
                              Message(.csvHeaderMissing, "\(missing.joined(separator: ", "))", "\(names.joined(separator: ","))"))
        }
        var seen = Set<String>()
        for name in names where !name.isEmpty && !seen.insert(name).inserted {
            throw FormatError(file: source.path, line: headerRecord.line,
                              Message(.csvHeaderTwice, "\(name)"))
        }
        // `disputed` (in an export of `facts`) follows from the rows of one key; it is not read.
        let unknown = names.filter { !CSVFormat.header.contains($0) && $0 != "column" && $0 != "disputed" && !$0.isEmpty }
        var warnings: [Diagnostic] = unknown.map {
            Diagnostic(.warning, code: "unknown-column", Message(.csvUnknownColumn, "\($0)"),
                       at: source.span(line: headerRecord.line))
        }
        let layout = CSVLayout(names)
        let chunks = CSVScanner.chunks(bytes, from: scanner.position, line: scanner.line, parts: Parallel.threadCount * 4)
        let results = Parallel.map(chunks.count) { k in
            var reader = CSVChunkReader(bytes: bytes, layout: layout, path: source.path)
            reader.read(chunks[k].start, chunks[k].end, line: chunks[k].line)
            return reader.result
        }
        if let syntax = results.lazy.compactMap(\.syntaxError).first {
            throw FormatError(file: source.path, line: syntax.line, syntax.message)
        }
        let errors = results.flatMap(\.errors)
        if let first = errors.first {
            var e = first
            e.more = Array(errors.dropFirst())
            throw e
        }
        if results.allSatisfy({ $0.rows == 0 }) {
            warnings.append(Diagnostic(.warning, code: "no-rows", Message(.csvNoRows), at: source.span(line: 1)))
        }
        // Rows of one entity, year and phase form one report, in the order first met.
        var index: [CSVReportKey: Int] = [:]
        var result: [Report] = []
        for chunk in results {
            for run in chunk.runs {
                if let i = index[run.key] {
                    result[i].facts.append(contentsOf: run.facts)
                } else {
                    index[run.key] = result.count
                    var report = Report(entity: run.key.entity, year: run.key.year, phase: run.key.phase,
                                        unit: MoneyUnit(rawValue: run.unitName) ?? .wanYuan, source: source.path, format: "csv")
                    report.facts = run.facts
                    result.append(report)
                }
            }
        }
        if !warnings.isEmpty, !result.isEmpty { result[0].warnings += warnings; warnings = [] }
        return FormatResult(reports: result, warnings: warnings)
    }

    /// Whether a record is a blank line (one field of white space).
    static func isBlank(_ fields: [CSVField], _ scanner: CSVScanner) -> Bool {
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
