import FiscalFormat
import FiscalModel

/// Shanghai-template 部门决算 as text extracted from the PDF (pdfplumber or pypdf): the nine
/// standard 附表, read into facts with their functional or economic codes.
///
/// PDF extraction loses the table grid: rows arrive with their codes split in parts
/// (`201 06 01`), names wrapped over lines (pdfplumber puts the name on the line before the
/// code), and empty cells collapsed so that the figures no longer say which column they
/// are in. The columns are recovered from the header (the template's columns) and from the
/// arithmetic (合计 = sum of the other columns; a parent row = sum of its children); where
/// that leaves a choice, the reader says so in a warning with the line.
///
/// The narrative part (第三部分 情况说明) is read by ``ExplanationReader`` into facts and
/// claims. pdfplumber pushes its numbers to the next line; ``RejoinedText`` puts them back
/// (a line starting with `人员` is no gap for one). The 项 of 五（三） take the catalog's code,
/// else the code of the table row of the same name, else of the one table 项 under the same
/// 类/款 whose 合计 is the item's 支出决算 (a note `item-by-amount` says so: doc 02's
/// `机关事业单位退休人员活动费支出` is the table's 2080599). `0.39万（含…）` is 万元;
/// `与上一年度持平` is from the year before the report's. pdfplumber and pypdf text give the
/// same model (`ExtractionAgreementTests`, `NarrativeAgreementTests`).
public struct TablesFormat: ReportFormat {
    public init() {}

    public var descriptor: FormatDescriptor {
        FormatDescriptor(
            name: "tables", version: "0.1.0",
            summary: "部门决算 tables in text extracted from PDF (Shanghai template)", fileKinds: ["txt"])
    }

    public func detect(_ sample: FileSample) -> Confidence {
        guard sample.text != nil else { return .none }
        let titles = TableKind.allCases.filter { sample.compactContains($0.title) }.count
        if titles >= 6 && sample.compactContains("收入支出决算总表") && sample.compactContains("单位：万元") { return .certain }
        return titles >= 4 ? .low : .none
    }

    public func read(_ source: SourceText) throws(FormatError) -> FormatResult {
        let lines = source.lines.enumerated().map { TextLine(number: $0.offset + 1, text: $0.element) }
        let header = DocumentHeader(lines: lines)
        guard let entity = header.entity, let year = header.year else {
            throw FormatError(file: source.path, "expected a 部门决算 title with the entity and the year on the first page, found none")
        }
        let sections = TableSection.split(lines)
        guard !sections.isEmpty else {
            throw FormatError(file: source.path, "expected the 附表 of a 部门决算 (收入支出决算总表, …), found none")
        }
        var context = TableContext(source: source, entity: entity, year: year, unit: .wanYuan)
        for kind in TableKind.allCases {
            guard let section = sections.first(where: { $0.kind == kind }) else {
                context.warnings.append(Diagnostic(.warning, code: "missing-table", "expected the table \(kind.title), found none"))
                continue
            }
            if let unit = section.unit { context.unit = unit }
            switch kind {
            case .totals, .appropriation: SummaryTable(section: section).read(into: &context)
            case .basic:
                if EconomicBlocks.applies(to: section) {
                    EconomicBlocks(section: section).read(into: &context)
                } else {
                    EconomicTable(section: section).read(into: &context)
                }
            case .threePublic: ThreePublicTable(section: section).read(into: &context)
            default: ClassifiedTable(section: section).read(into: &context)
            }
        }
        ExplanationReader(lines: lines).read(into: &context)
        let report = Report(
            entity: entity, region: header.region, year: year, phase: .final, unit: context.unit,
            source: source.path, facts: context.facts, claims: context.claims, warnings: context.warnings)
        return FormatResult(reports: [report])
    }
}

/// What the table readers share while reading one document.
struct TableContext {
    let source: SourceText
    let entity: String
    let year: Int
    var unit: MoneyUnit
    var facts: [Fact] = []
    /// Claims of the narrative, on ``facts``.
    var claims: [Claim] = []
    var warnings: [Diagnostic] = []
    /// ``NarrativeLabel/normalized(_:)`` of fact items, computed once each.
    private var normalizedItems: [Int: String] = [:]

    /// The normalised item of fact `i` (cached).
    mutating func normalizedItem(_ i: Int) -> String {
        if let n = normalizedItems[i] { return n }
        let n = NarrativeLabel.normalized(facts[i].item)
        normalizedItems[i] = n
        return n
    }

    init(source: SourceText, entity: String, year: Int, unit: MoneyUnit) {
        self.source = source
        self.entity = entity
        self.year = year
        self.unit = unit
    }

    /// Adds a 决算 fact of this document.
    mutating func add(
        _ kind: TableKind, item: String, code: ClassificationCode? = nil, econCode: ClassificationCode? = nil,
        fund: Fund? = nil, column: String?, figure: Figure
    ) {
        facts.append(Fact(
            entity: entity, year: year, phase: .final, statement: kind.statement, item: item, code: code,
            econCode: econCode, fund: fund ?? kind.fund, measure: column.map { Measure(printed: $0, phase: .final) } ?? .total,
            amount: figure.amount, unit: .money(unit), reading: code != nil || econCode != nil ? .tableCode : .tableName,
            span: figure.span))
    }

    /// A warning about line `line`.
    mutating func warn(_ code: String, _ message: String, line: Int) {
        warnings.append(Diagnostic(.warning, code: code, message, at: source.span(line: line)))
    }
}
