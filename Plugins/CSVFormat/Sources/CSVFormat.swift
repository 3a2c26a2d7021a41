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
        let records: [CSVRecord]
        switch csvRecords(source.text) {
        case .success(let r): records = r
        case .failure(let e): throw FormatError(file: source.path, line: e.line, e.message)
        }
        guard let headerRecord = records.first else {
            throw FormatError(file: source.path, line: 1, Message(.csvEmpty, CSVFormat.header.joined(separator: ",")))
        }
        let names = headerRecord.fields.map { $0.trimmingSpaces.lowercased() }
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
        let column = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })

        var errors: [FormatError] = []
        var order: [String] = []
        var reports: [String: Report] = [:]
        for record in records.dropFirst() {
            func value(_ name: String) -> String {
                guard let i = column[name], i < record.fields.count else { return "" }
                return record.fields[i].trimmingSpaces
            }
            func bad(_ message: Message) { errors.append(FormatError(file: source.path, line: record.line, message)) }
            guard record.fields.count == names.count else {
                bad(Message(.csvFieldCount, "\(names.count)", "\(record.fields.count)"))
                continue
            }
            let entity = value("entity")
            guard !entity.isEmpty else { bad(Message(.csvNoEntity)); continue }
            guard let year = Int(value("year")), (1900...2200).contains(year) else {
                bad(Message(.csvBadYear, "\(value("year"))")); continue
            }
            guard let phase = Phase(name: value("phase")) else {
                bad(Message(.csvBadPhase, "\(value("phase"))")); continue
            }
            let statement = value("statement")
            guard !statement.isEmpty else { bad(Message(.csvNoStatement)); continue }
            guard let parsed = Amount.parse(value("amount")) else {
                bad(Message(.csvBadAmount, "\(value("amount"))")); continue
            }
            guard parsed.amount.withinModelBounds else {
                bad(Message(.csvAmountDigits, "\(Amount.maximumIntegerDigits)", "\(Amount.maximumFileScale)", "\(value("amount"))")); continue
            }
            if let written = parsed.unit, !value("unit").isEmpty, written.rawValue != value("unit") {
                bad(Message(.csvAmountUnit, value("unit"), value("amount"), written.rawValue)); continue
            }
            var code: ClassificationCode?
            if !value("code").isEmpty {
                guard let c = ClassificationCode(rawValue: value("code")) else {
                    bad(Message(.csvBadCode, "\(value("code"))")); continue
                }
                code = c
            }
            var econ: ClassificationCode?
            if !value("econ_code").isEmpty {
                guard let c = ClassificationCode(rawValue: value("econ_code")) else {
                    bad(Message(.csvBadEconCode, "\(value("econ_code"))")); continue
                }
                econ = c
            }
            let unitName = value("unit").isEmpty ? (parsed.unit?.rawValue ?? MoneyUnit.wanYuan.rawValue) : value("unit")
            var derived = false
            switch value("derived").lowercased() {
            case "", "false", "0", "no": derived = false
            case "true", "1", "yes": derived = true
            default: bad(Message(.csvBadDerived, "\(value("derived"))")); continue
            }
            var span = source.span(line: record.line)
            if !value("file").isEmpty || !value("line").isEmpty {
                guard let line = Int(value("line")), line >= 1 else {
                    bad(Message(.csvBadLine, "\(value("line"))")); continue
                }
                span = SourceSpan(file: value("file").isEmpty ? source.path : value("file"), line: line)
            }
            let measureName = value("measure").isEmpty ? value("column") : value("measure")
            let fact = Fact(
                entity: entity, year: year, phase: phase, statement: Statement(rawValue: statement), item: value("item"),
                code: code, econCode: econ, fund: value("fund").isEmpty ? nil : Fund(rawValue: value("fund")),
                measure: measureName.isEmpty ? .total : Measure(printed: measureName, phase: phase), amount: parsed.amount,
                unit: FactUnit(name: unitName), derived: derived, reading: .data, span: span)
            let key = "\(entity)\u{1F}\(year)\u{1F}\(phase.rawValue)"
            if reports[key] == nil {
                order.append(key)
                let unit = MoneyUnit(rawValue: unitName) ?? .wanYuan
                reports[key] = Report(entity: entity, year: year, phase: phase, unit: unit, source: source.path, format: "csv")
            }
            reports[key]!.facts.append(fact)
        }
        if let first = errors.first {
            var e = first
            e.more = Array(errors.dropFirst())
            throw e
        }
        if records.count == 1 {
            warnings.append(Diagnostic(.warning, code: "no-rows", Message(.csvNoRows), at: source.span(line: 1)))
        }
        var result = order.map { reports[$0]! }
        if !warnings.isEmpty, !result.isEmpty { result[0].warnings += warnings; warnings = [] }
        return FormatResult(reports: result, warnings: warnings)
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
