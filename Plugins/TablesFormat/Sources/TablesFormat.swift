import FiscalFormat
import FiscalModel
import NarrativeFormat

/// The national standard tables of a 部门预算 or 部门决算 (收支总表, 收入总表, 支出总表, 财政拨款
/// 收支总表, the tables by function 类/款/项 and by economic class, 三公经费 …), as text
/// extracted from the PDF (pdfplumber or pypdf), of any province whose titles and columns
/// ``TableTitle/all`` and ``TableKind/columnSets`` list (Shanghai 决算 and 预算, Jiangsu 预算).
///
/// The report's identity (entity as printed, year, phase) is ``DocumentIdentity``'s. A table
/// is found by its title, whatever its numbering (`公开01表`, `表一`, `一、2017年度…部门…`,
/// `2026年部门…`), with its own `单位：万元/元` line under it; its columns are the column set its
/// header shows. Rows are keyed by their printed code (`2010101`, or `201 01 01` split over
/// columns); a name wrapped above, below or around the code line is put back together with
/// the catalog (``ItemName``); printed page numbers and repeated headers are skipped.
///
/// PDF extraction loses the table grid: empty cells collapse, so the figures no longer say
/// which column they are in. The columns are recovered from the arithmetic (合计 = sum of the
/// other columns; a parent row = sum of its children; 支出合计 = 基本 + 项目); where that leaves
/// a choice, the cell is not read, or the reader says so in a warning with the line.
///
/// The narrative part (第三部分 情况说明) is read by ``ExplanationReader`` into facts and
/// claims. pdfplumber pushes its numbers to the next line; ``RejoinedText`` puts them back
/// (a line starting with `人员` is no gap for one). The 项 of 五（三） take the catalog's code,
/// else the code of the table row of the same name, else of the one table 项 under the same
/// 类/款 whose 合计 is the item's 支出决算 (an uncertain reading, `narrative-inferred`, and a
/// warning `item-by-amount` says so: doc 02's `机关事业单位退休人员活动费支出` is the table's
/// 2080599). pdfplumber and pypdf text give the same model (`ExtractionAgreementTests`,
/// `NarrativeAgreementTests`).
public struct TablesFormat: ReportFormat {
    public init() {}

    public var descriptor: FormatDescriptor {
        FormatDescriptor(
            name: "tables", version: "0.2.0",
            summary: "the standard tables of a 部门预算 or 部门决算, in text extracted from PDF", fileKinds: ["txt"])
    }

    public func detect(_ sample: FileSample) -> Confidence {
        guard let text = sample.text else { return .none }
        // No table without its unit line and a title the templates print: a byte search of the
        // sample before the line-by-line look.
        guard sample.compactContains("单位：") || sample.compactContains("单位:"),
              TableTitle.all.contains(where: { sample.compactContains($0.key) }) else { return .none }
        return TableEvidence(text: text).confidence
    }

    public func read(_ source: SourceText) throws(FormatError) -> FormatResult {
        // A line longer than any a table or its text prints is not read, and a warning says so
        // (a reader that went through it would be slow, and one that dropped it silent).
        var long: [Int] = []
        let lines = source.lines.enumerated().map { n, text -> TextLine in
            if text.utf8.count > TablesFormat.maximumLineLength {
                long.append(n + 1)
                return TextLine(number: n + 1, text: "")
            }
            return TextLine(number: n + 1, text: text)
        }
        // The phase the tables' titles give decides when the cover says none.
        let identity = try DocumentIdentity.read(source)
        let sections = TableSection.joiningContinuations(TableSection.split(lines, entity: identity.entity))
        guard !sections.isEmpty else {
            throw FormatError(file: source.path, Message(.tabNoTables))
        }
        var context = TableContext(source: source, entity: identity.entity, year: identity.year, phase: identity.phase, unit: .wanYuan)
        context.warnings = identity.warnings
        for n in long {
            context.warn("long-line", Message(.tabLongLine, source.lines[n - 1].utf8.count, TablesFormat.maximumLineLength), line: n)
        }
        var units: [MoneyUnit: Int] = [:]
        var read: [String: Int] = [:]  // title key → line, for tables printed twice
        for section in sections {
            let key = section.key
            if let first = read[key] {
                context.warn("repeated-table", Message(.tabRepeated, "\(section.title)", "\(first)"), line: section.titleLine)
                continue
            }
            read[key] = section.titleLine
            if section.phase != identity.phase {
                context.warn("table-phase", Message(.tabPhase, "\(section.title)", "\(section.phase.rawValue)", "\(identity.phase.rawValue)", "\(identity.phase.rawValue)"), line: section.titleLine)
            }
            if let unit = section.unit {
                context.unit = unit
                units[unit, default: 0] += 1
            } else {
                context.warn("missing-unit", Message(.tabMissingUnit, "\(section.title)", "\(context.unit.rawValue)"), line: section.titleLine)
            }
            context.section = section
            switch section.kind.layout {
            case .summary where section.phase == .final:
                SummaryTable(section: section).read(into: &context)
            case .summary:
                BudgetSummaryTable(section: section).read(into: &context)
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
                    BudgetThreePublicTable(section: section).read(into: &context)
                }
            case .functional where IncomeSourceTable.applies(to: section):
                IncomeSourceTable(section: section).read(into: &context)
            case .functional:
                ClassifiedTable(section: section, catalog: .functional).read(into: &context)
            case .unread where section.kind == .procurement:
                ProcurementTable(section: section).read(into: &context)
            case .unread:
                context.notes.append(Diagnostic(.note, code: "table-not-read", Message(.tabNoClassification, "\(section.title)"),
                                                at: source.span(line: section.titleLine)))
            }
        }
        if identity.phase == .final {
            for kind in TableKind.allCases where kind.title.hasSuffix("决算表") || kind.title.hasSuffix("决算总表") {
                if !sections.contains(where: { $0.kind == kind }) {
                    context.warnings.append(Diagnostic(.warning, code: "missing-table", Message(.tabMissingTable, "\(kind.title)")))
                }
            }
        }
        let unit = units.max { ($0.value, $0.key.rawValue) < ($1.value, $1.key.rawValue) }?.key ?? context.unit
        var report = Report(
            entity: identity.entity, region: identity.region, year: identity.year, phase: identity.phase, unit: unit,
            source: source.path)
        if TablesFormat.explainsShanghaiFinal(sections) {
            // The Shanghai 决算's 第三部分 情况说明, which ExplanationReader knows section by section.
            ExplanationReader(lines: lines).read(into: &context)
        } else {
            // Any other narrative (a 预算's, another province's) goes to the narrative reader, with
            // the tables' lines blanked out so that it reads the prose only.
            TablesFormat.readNarrative(source, without: sections, long: long, into: &report, identity: identity, context: &context)
        }
        report.facts = context.facts + report.facts
        report.claims = context.claims + report.claims
        report.warnings = context.warnings + context.notes + report.warnings
        return FormatResult(reports: [report])
    }
}

extension TablesFormat {
    /// The longest line, in bytes, the reader reads: a row of a table, or a paragraph that an
    /// extraction put on one line, is a few kilobytes at most.
    static let maximumLineLength = 64 * 1024

    /// Whether the tables are the Shanghai 部门决算's (附件2_部门决算模板_上海2024), whose
    /// 情况说明 ``ExplanationReader`` reads.
    static func explainsShanghaiFinal(_ sections: [TableSection]) -> Bool {
        sections.contains { $0.key == "收入支出决算总表" } && sections.contains { $0.key == "一般公共预算财政拨款支出决算表" }
    }

    /// Reads the document's prose with the narrative format (the tables' lines blanked, so line
    /// numbers stay), and puts its facts, claims, projects and glossary into `report` after
    /// the tables' facts (claim and project indexes shifted); its figures take the document's
    /// identity where the narrative reader found none of its own.
    static func readNarrative(_ source: SourceText, without sections: [TableSection], long: [Int] = [], into report: inout Report,
                              identity: DocumentIdentity, context: inout TableContext) {
        var blank = Set(long)
        for section in sections {
            for n in section.titleLine...max(section.endLine, section.titleLine) { blank.insert(n) }
        }
        let prose = source.lines.enumerated().map { blank.contains($0.offset + 1) ? "" : String($0.element) }.joined(separator: "\n")
        let masked = SourceText(text: prose, path: source.path, encoding: source.encoding)
        // Names the catalog does not place are looked up among the codes the tables print.
        var printed: [ClassificationCode: String] = [:]
        for f in context.facts where f.reading.isTable {
            if let code = f.code, printed[code] == nil { printed[code] = f.item }
        }
        let read = NarrativeFormat.read(masked, printedCodes: printed)
        let offset = context.facts.count
        // The narrative's 政府采购 section restates the 政府采购预算表's 合计 and 大类 in words
        // (`拟采购货物支出59万元`): named as the table names them, each is a mention of the row's
        // fact (folded on load, disputed if the amounts differ), never a second figure.
        let procurementTable = context.facts.contains { $0.reading.isTable && $0.statement == .procurement }
        for var fact in read.facts {
            if fact.entity == read.entity { fact.entity = identity.entity }
            if fact.year == read.year || fact.year == 0 { fact.year = identity.year }
            if procurementTable, fact.statement == .procurement, fact.code == nil, let row = ProcurementTable.row(namedBy: fact.item) {
                fact.item = row
            }
            report.facts.append(fact)
        }
        for var claim in read.claims {
            claim.fact += offset
            switch claim.kind {
            case .share(let p, let whole): claim.kind = .share(percent: p, whole: whole.map { $0 + offset })
            case .completion(let p, let budget): claim.kind = .completion(percent: p, budget: budget.map { $0 + offset })
            case .comparison(let r, let y, let other): claim.kind = .comparison(relation: r, priorYear: y, other: other.map { $0 + offset })
            default: break
            }
            report.claims.append(claim)
        }
        report.projects = read.projects.map { p in var p = p; p.facts = p.facts.map { $0 + offset }; return p }
        report.glossary = read.glossary
        report.yearMentions = read.yearMentions
        report.shortName = read.shortName
        // The narrative reader's doubts about the identity are answered by the document's.
        report.warnings += read.warnings.filter { !["missing-year", "missing-entity"].contains($0.code) }
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
    /// ``NarrativeLabel/normalized(_:)`` of fact items, computed once each.
    private var normalizedItems: [Int: String] = [:]

    /// The normalised item of fact `i` (cached).
    mutating func normalizedItem(_ i: Int) -> String {
        if let n = normalizedItems[i] { return n }
        let n = NarrativeLabel.normalized(facts[i].item)
        normalizedItems[i] = n
        return n
    }

    init(source: SourceText, entity: String, year: Int, phase: Phase = .final, unit: MoneyUnit) {
        self.source = source
        self.entity = entity
        self.year = year
        self.phase = phase
        self.unit = unit
    }

    /// Adds a fact of this document read from a table cell: `column` as printed (its measure
    /// from ``Measure/init(printed:phase:)``), read by its code when it has one, else by its
    /// printed name; `inferred` when the reader had to guess its row or column; `byName` when
    /// its row was found by name, whatever code the name resolves to (a 类 of a summary table).
    mutating func add(
        _ kind: TableKind, item: String, code: ClassificationCode? = nil, econCode: ClassificationCode? = nil,
        fund: Fund? = nil, column: String?, figure: Figure, inferred: Bool = false, byName: Bool = false
    ) {
        let reading: Reading = inferred ? .tableInferred : !byName && (code != nil || econCode != nil) ? .tableCode : .tableName
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

    /// A warning about line `line`, from the message catalogue.
    mutating func warn(_ code: String, _ message: Message, line: Int) {
        warnings.append(Diagnostic(.warning, code: code, message, at: source.span(line: line)))
    }
}
