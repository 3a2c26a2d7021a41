import FiscalFormat
import FiscalModel

/// Reads the 部门决算/部门预算 情况说明 narrative that Sichuan departments publish every year
/// (第一部分 部门概况 … 第二部分 决算情况说明 一 to 十 … 第三部分 名词解释 … 第四部分 附件 …
/// 第五部分 附表), as text extracted from the Word file.
///
/// Every money figure of sections 一 to 十 becomes a ``Fact`` with its line; ratios and
/// changes stated beside it become ``Claim``s (a stated change also gives the prior year's
/// value as a derived fact); the project tables become ``Project``s; 名词解释 becomes the
/// glossary; staff counts come from 附件. What cannot be placed is reported in
/// ``Report/warnings``. The sentence patterns come from `FiscalFormat`'s `SentenceReader`.
public struct NarrativeFormat: ReportFormat {
    public init() {}

    public var descriptor: FormatDescriptor {
        FormatDescriptor(
            name: "narrative", version: "1.0",
            summary: "部门决算/预算 情况说明 narrative text (Sichuan template: 第二部分 一 to 十, 名词解释, 项目绩效表)",
            fileKinds: ["txt"]
        )
    }

    /// Certain when the sample names a 决算/预算 情况说明 and the template's own section
    /// headings; high with the 情况说明 title alone.
    public func detect(_ sample: FileSample) -> Confidence {
        guard sample.text != nil else { return .none }
        let titled = sample.textContains("决算情况说明") || sample.textContains("预算情况说明")
        guard titled else { return .none }
        let headings = ["收入支出决算总体情况", "收入支出预算总体情况", "部门概况", "三公"].filter(sample.textContains).count
        // 95, not 100: a document that also carries the 附表 themselves (the Shanghai layout) is
        // the tables format's, which claims it with certainty.
        return headings >= 2 ? Confidence(95) : .high
    }

    public func read(_ source: SourceText) throws(FormatError) -> FormatResult {
        var reader = NarrativeReader(source: source)
        let report = reader.read()
        return FormatResult(reports: [report])
    }
}

extension NarrativeFormat {
    /// Reads a narrative whose document also prints its own codes (the tables beside it):
    /// names the catalog does not place are looked up among `printedCodes` (code → the name
    /// the document prints for it) before they are left uncoded. The caller knows the
    /// document's identity, so this reader's guesses about it are not reported.
    public static func read(_ source: SourceText, printedCodes: [ClassificationCode: String]) -> Report {
        var reader = NarrativeReader(source: source)
        reader.printedCodes = printedCodes
        reader.identityKnown = true
        return reader.read()
    }
}
