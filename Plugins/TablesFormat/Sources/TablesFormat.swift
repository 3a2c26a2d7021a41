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
            summary: "the standard tables of a 部门预算 or 部门决算, in text extracted from PDF", fileKinds: ["txt"])
    }

    public func detect(_ sample: FileSample) -> Confidence {
        guard let text = sample.text else { return .none }
        return TableEvidence(text: text).confidence
    }

    public func read(_ source: SourceText) throws(FormatError) -> FormatResult {
        let lines = source.lines.enumerated().map { TextLine(number: $0.offset + 1, text: $0.element) }
        // The phase the tables' titles give decides when the cover says none.
        let identity = try DocumentIdentity.read(source)
        let sections = TableSection.split(lines, entity: identity.entity)
        guard !sections.isEmpty else {
            throw FormatError(file: source.path, "expected the standard tables of a 部门预算 or 部门决算 (a title such as 收支预算总表 or 收入支出决算总表 followed by its 单位 line), found none")
        }
        var context = TableContext(source: source, entity: identity.entity, year: identity.year, phase: identity.phase, unit: .wanYuan)
        context.warnings = identity.warnings
        var units: [MoneyUnit: Int] = [:]
        var read: [String: Int] = [:]  // title key → line, for tables printed twice
        for section in sections {
            let key = section.key
            if let first = read[key] {
                context.warn("repeated-table", "\(section.title) is printed again (first at line \(first)); read once", line: section.titleLine)
                continue
            }
            read[key] = section.titleLine
            if section.phase != identity.phase {
                context.warn("table-phase", "the title \(section.title) names a \(section.phase.rawValue) table in a \(identity.phase.rawValue) report; read as \(identity.phase.rawValue)", line: section.titleLine)
            }
            if let unit = section.unit {
                context.unit = unit
                units[unit, default: 0] += 1
            } else {
                context.warn("missing-unit", "expected a 单位 line under the title \(section.title), found none; amounts taken in \(context.unit.rawValue)", line: section.titleLine)
            }
            context.section = section
            switch section.kind.layout {
            case .summary where section.phase == .final:
                SummaryTable(section: section).read(into: &context)
            case .summary:
                // The budgets' summary tables set three or four columns side by side and wrap
                // their labels into each other's lines; their figures repeat the coded tables.
                context.notes.append(Diagnostic(.note, code: "table-not-read", "\(section.title): the summary table of a 预算 is not read (its 类 figures are read from the tables by code)",
                                                at: source.span(line: section.titleLine)))
            case .economic:
                if EconomicBlocks.applies(to: section) {
                    EconomicBlocks(section: section).read(into: &context)
                } else if EconomicTable.isTwoSided(section) {
                    EconomicTable(section: section).read(into: &context)
                } else {
                    ClassifiedTable(section: section, catalog: .economic).read(into: &context)
                }
            case .threePublic:
                if section.phase == .final {
                    ThreePublicTable(section: section).read(into: &context)
                } else {
                    context.warn("table-not-read", "the cells of \(section.title) are not read (the 预算 三公 table's columns are not placed yet)", line: section.titleLine)
                }
            case .functional:
                ClassifiedTable(section: section, catalog: .functional).read(into: &context)
            case .unread:
                context.notes.append(Diagnostic(.note, code: "table-not-read", "\(section.title) lists items without classification; not read",
                                                at: source.span(line: section.titleLine)))
            }
        }
        if identity.phase == .final {
            for kind in TableKind.allCases where kind.title.hasSuffix("决算表") || kind.title.hasSuffix("决算总表") {
                if !sections.contains(where: { $0.kind == kind }) {
                    context.warnings.append(Diagnostic(.warning, code: "missing-table", "expected the table \(kind.title), found none"))
                }
            }
        }
        ExplanationReader(lines: lines).read(into: &context)
        let unit = units.max { ($0.value, $0.key.rawValue) < ($1.value, $1.key.rawValue) }?.key ?? context.unit
        var report = Report(
            entity: identity.entity, region: identity.region, year: identity.year, phase: identity.phase, unit: unit,
            source: source.path, facts: context.facts, claims: context.claims, warnings: context.warnings + context.notes)
        report.yearMentions = context.yearMentions
        return FormatResult(reports: [report])
    }
}

/// What the table readers share while reading one document.
struct TableContext {
    let source: SourceText
    let entity: String
    let year: Int
    /// The report's phase: a table's figures are of it unless a column says otherwise (预算数
    /// in a 决算).
    let phase: Phase
    /// The unit of the table being read.
    var unit: MoneyUnit
    /// The table being read.
    var section: TableSection?
    var facts: [Fact] = []
    /// Claims of the narrative, on ``facts``.
    var claims: [Claim] = []
    var warnings: [Diagnostic] = []
    var notes: [Diagnostic] = []
    /// The years the narrative's headings name.
    var yearMentions: [YearMention] = []

    init(source: SourceText, entity: String, year: Int, phase: Phase = .final, unit: MoneyUnit) {
        self.source = source
        self.entity = entity
        self.year = year
        self.phase = phase
        self.unit = unit
    }

    /// Adds a fact of this document read from a table cell: `column` as printed (its measure
    /// from ``Measure/init(printed:phase:)``), read by its code when it has one, else by its
    /// printed name; `inferred` when the reader had to guess its row or column.
    mutating func add(
        _ kind: TableKind, item: String, code: ClassificationCode? = nil, econCode: ClassificationCode? = nil,
        fund: Fund? = nil, column: String?, figure: Figure, inferred: Bool = false
    ) {
        let reading: Reading = inferred ? .tableInferred : code != nil || econCode != nil ? .tableCode : .tableName
        facts.append(Fact(
            entity: entity, year: year, phase: phase, statement: kind.statement, item: item, code: code,
            econCode: econCode, fund: fund ?? kind.fund, measure: column.map { Measure(printed: $0, phase: phase) } ?? .total,
            amount: figure.amount, unit: .money(unit), reading: reading,
            span: figure.span))
    }

    /// A warning about line `line`.
    mutating func warn(_ code: String, _ message: String, line: Int) {
        warnings.append(Diagnostic(.warning, code: code, message, at: source.span(line: line)))
    }
}
