import FiscalFormat
import FiscalModel

/// The canonical JSON model: every report, fact, claim, project and span, lossless.
///
/// `fiscal -e facts -o json` prints fact rows; `:save reports.json` (and an external plugin's
/// answer) is this document. See docs/FORMATS.md.
public struct JSONFormat: ReportFormat {
    public init() {}

    public var descriptor: FormatDescriptor {
        FormatDescriptor(
            name: "json", version: "1.0.0",
            summary: "fiscal's canonical JSON model (reports, facts, claims, spans)", fileKinds: ["json"])
    }

    public func detect(_ sample: FileSample) -> Confidence {
        guard let text = sample.text else { return .none }
        let head = text.prefix(512).drop { $0.isWhitespace }
        guard head.first == "{" || head.first == "[" else { return .none }
        if head.contains("\"fiscal\"") && head.contains("\"model\"") { return .certain }
        if head.contains("\"reports\"") || head.contains("\"entity\"") { return .high }
        return sample.fileExtension == "json" ? .low : Confidence(10)
    }

    public func write(_ reports: [Report]) -> String? { JSONFormat.export(reports) }

    public func read(_ source: SourceText) throws(FormatError) -> FormatResult {
        let json: JSON
        do {
            json = try JSON.parse(source.text)
        } catch {
            throw FormatError(file: source.path, line: error.line, Message(.jsonInvalid, "\(error.column)", "\(error.message)"))
        }
        do {
            return FormatResult(reports: try ModelJSON.decodeReports(json))
        } catch {
            throw FormatError(file: source.path, Message(.jsonNotModel, "\(error)"))
        }
    }

    /// The document for `reports`, as `:save` and `-o json` of a whole model write it.
    public static func export(_ reports: [Report]) -> String {
        ModelJSON.encode(reports).text(pretty: true) + "\n"
    }
}
