import FiscalFormat
import FiscalModel
import Foundation
import GRDB

/// What importing one source did.
public struct ImportOutcome: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// A source new to the workspace.
        case imported
        /// A source imported before whose bytes changed: its reports were replaced.
        case replaced
        /// A source imported before, byte for byte the same: left alone.
        case unchanged
        /// A file in a folder that no format recognises.
        case skipped
    }

    public var path: String
    public var kind: Kind
    public var reports: Int
    public var facts: Int
    /// Warnings the load gave (printed as a load of the source prints them).
    public var warnings: [Diagnostic]

    /// The line the import prints for it.
    public init(path: String, kind: Kind, reports: Int, facts: Int, warnings: [Diagnostic]) {
        self.path = path
        self.kind = kind
        self.reports = reports
        self.facts = facts
        self.warnings = warnings
    }

    public var message: Message {
        switch kind {
        case .imported: Message(.storeImported, path, String(reports), String(facts))
        case .replaced: Message(.storeReplaced, path, String(reports), String(facts))
        case .unchanged: Message(.storeUnchanged, path)
        case .skipped: Message(.storeSkipped, path)
        }
    }
}

extension Workspace {
    /// Reads files and folders with `registry` and stores their reports, all in one
    /// transaction: when any source fails (or the process dies) nothing of this import is kept.
    ///
    /// A source already in the workspace (same path) is left alone when its bytes are the same
    /// (unless `refresh`), and its reports replaced when they changed; no other report is touched.
    /// `progress` is called after each source is read (before the commit). `known` lists sources
    /// held elsewhere (a database this import feeds) by path, with their hash and size: those
    /// are unchanged when the file is, and not read. When a report changed, the assembled facts
    /// are rebuilt in the same transaction (unless `assemble` is false: a scratch workspace whose
    /// database assembles its own). Without `factRowsOfSnapshots`, a source kept as columns
    /// (``ColumnSnapshot``) gets no rows in `facts` and `mentions`: a scratch workspace on its
    /// way to a PostgreSQL database, which keeps the columns and queries its own tables.
    public func importSources(
        _ paths: [String], registry: FormatRegistry, format: String? = nil, refresh: Bool = false,
        known: [String: (hash: String, size: Int)] = [:], assemble: Bool = true, factRowsOfSnapshots: Bool = true,
        progress: (ImportOutcome) -> Void = { _ in }
    ) throws(StoreError) -> [ImportOutcome] {
        var files: [(path: String, inFolder: Bool)] = []
        for path in paths {
            if FileSystem.isDirectory(path) {
                do {
                    files += try FileSystem.listFiles(path).map { ($0, true) }
                } catch {
                    throw StoreError(.storeImportFailed, error.description)
                }
            } else {
                files.append((path, false))
            }
        }
        var outcomes: [ImportOutcome] = []
        do {
            try database.write { db in
                let writer = try ReportWriter(db)
                for (path, inFolder) in files {
                    let outcome = try importOne(path, inFolder: inFolder, db: db, writer: writer, registry: registry,
                                                format: format, refresh: refresh, known: known, factRowsOfSnapshots: factRowsOfSnapshots)
                    outcomes.append(outcome)
                    progress(outcome)
                }
                if assemble && outcomes.contains(where: { $0.kind == .imported || $0.kind == .replaced }) {
                    try AssembledFacts.rebuild(db)
                }
            }
        } catch let error as StoreError {
            throw error
        } catch let error as LoadError {
            throw StoreError(.storeImportFailed, error.description)
        } catch {
            throw StoreError(.storeImportFailed, StoreError(.storeDatabaseFailed, path, "\(error)").description)
        }
        return outcomes
    }

    private func importOne(
        _ path: String, inFolder: Bool, db: Database, writer: ReportWriter, registry: FormatRegistry,
        format: String?, refresh: Bool, known: [String: (hash: String, size: Int)], factRowsOfSnapshots: Bool
    ) throws -> ImportOutcome {
        // A folder's README.md is no report: skipped as loading the folder skips it.
        if inFolder, !registry.mayRead(fileInFolder: path, format: format) {
            return ImportOutcome(path: path, kind: .skipped, reports: 0, facts: 0, warnings: [])
        }
        let bytes = try FileSystem.read(path)
        let hash = Workspace.fnv1a(bytes)
        if !refresh, let k = known[path], k.hash == hash, k.size == bytes.count {
            return ImportOutcome(path: path, kind: .unchanged, reports: 0, facts: 0, warnings: [])
        }
        let existing = try Row.fetchOne(db, sql: "SELECT id, content_hash, size FROM sources WHERE path = ?", arguments: [path])
        if let existing, !refresh, existing[1] as String == hash, existing[2] as Int == bytes.count {
            return ImportOutcome(path: path, kind: .unchanged, reports: 0, facts: 0, warnings: [])
        }
        let read: Result<FormatResult, LoadError> = Result { () throws(LoadError) in
            try registry.read(bytes: bytes, path: path, format: format)
        }
        let result: FormatResult
        switch read {
        case .success(let r): result = r
        case .failure(let error):
            if inFolder, case .unknownFormat = error {
                return ImportOutcome(path: path, kind: .skipped, reports: 0, facts: 0, warnings: [])
            }
            throw error
        }
        // The registry decoded the same bytes: this decodes to the same text.
        let source = SourceText(bytes: bytes, path: path)!
        let sourceID: Int64
        let now = ISO8601DateFormatter().string(from: Date())
        let formatName = result.reports.first?.format ?? format
        // A text longer than one value holds is kept in pieces (``WorkspaceSchema/sourceTextTable``).
        let pieces = WorkspaceSchema.pieces(of: source.text, limit: textPieceBytes)
        if let existing {
            sourceID = existing[0]
            try writer.deleteReports(ofSource: sourceID)
            try db.execute(sql: """
                UPDATE sources SET format = ?, size = ?, content_hash = ?, encoding = ?, imported_at = ?, text = ?
                WHERE id = ?
                """, arguments: [formatName, bytes.count, hash, source.encoding.rawValue, now, pieces[0], sourceID])
        } else {
            try db.execute(sql: """
                INSERT INTO sources (path, format, size, content_hash, encoding, imported_at, text)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [path, formatName, bytes.count, hash, source.encoding.rawValue, now, pieces[0]])
            sourceID = db.lastInsertedRowID
        }
        for (i, piece) in pieces.enumerated().dropFirst() {
            try db.execute(sql: "INSERT INTO source_text_chunks (source_id, chunk, text) VALUES (?, ?, ?)", arguments: [sourceID, i, piece])
        }
        for (i, w) in result.warnings.enumerated() {
            try db.execute(sql: """
                INSERT INTO source_warnings (source_id, ordinal, severity, code, message, file, line, start_col, end_col)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [sourceID, i, w.severity.rawValue, w.code, w.message, w.span?.file, w.span?.line,
                                 w.span?.startColumn, w.span?.endColumn])
        }
        var firstFact = 0
        let factRows = factRowsOfSnapshots || ColumnSnapshot.columns(of: result.reports) == nil
        for (i, report) in result.reports.enumerated() {
            try writer.insert(report, source: sourceID, ordinal: i, firstFact: firstFact, factRows: factRows)
            firstFact += report.facts.count
        }
        try ColumnSnapshot.write(result.reports, source: sourceID, into: db)
        return ImportOutcome(path: path, kind: existing == nil ? .imported : .replaced, reports: result.reports.count,
                             facts: result.reports.reduce(0) { $0 + $1.facts.count }, warnings: result.warnings)
    }

    /// FNV-1a, 64 bits, in hex: enough to tell a changed file from the one imported (not a
    /// defence against someone forging a file).
    static func fnv1a(_ bytes: [UInt8]) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

/// Writes reports into the workspace tables with prepared statements.
final class ReportWriter {
    let db: Database
    let report, claim, project, projectFact, indicator, glossary, warning, yearMention, alias: GRDB.Statement
    let facts: FactWriter

    init(_ db: Database) throws {
        self.db = db
        func prepare(_ table: String, _ columns: [String]) throws -> GRDB.Statement {
            try db.makeStatement(sql: "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))")
        }
        let span = ["file", "line", "start_col", "end_col"]
        report = try prepare("reports", ["source_id", "ordinal", "entity", "short_name", "region", "year", "phase", "unit", "source", "format", "digest"])
        facts = try FactWriter(db, facts: "facts", mentions: "mentions")
        claim = try prepare("claims", ["report_id", "ordinal", "fact_ordinal", "kind", "percent", "delta", "prior_year", "other_fact", "relation"] + span)
        project = try prepare("projects", ["report_id", "ordinal", "name", "unit", "goal_expected", "goal_achieved"] + span)
        projectFact = try prepare("project_facts", ["report_id", "project_ordinal", "ordinal", "fact_ordinal"])
        indicator = try prepare("indicators", ["report_id", "project_ordinal", "ordinal", "level1", "level2", "level3", "expected", "actual"] + span)
        glossary = try prepare("glossary", ["report_id", "ordinal", "term", "explanation"] + span)
        warning = try prepare("warnings", ["report_id", "ordinal", "severity", "code", "message"] + span)
        yearMention = try prepare("year_mentions", ["report_id", "ordinal", "year", "text"] + span)
        alias = try prepare("aliases", ["report_id", "alias", "entity"])
    }

    func deleteReports(ofSource id: Int64) throws {
        for table in WorkspaceSchema.reportTables {
            try db.execute(sql: "DELETE FROM \(table) WHERE report_id IN (SELECT id FROM reports WHERE source_id = ?)", arguments: [id])
        }
        try db.execute(sql: "DELETE FROM reports WHERE source_id = ?", arguments: [id])
        try ColumnSnapshot.delete(source: id, in: db)
        try db.execute(sql: "DELETE FROM source_text_chunks WHERE source_id = ?", arguments: [id])
        try db.execute(sql: "DELETE FROM source_warnings WHERE source_id = ?", arguments: [id])
    }

    /// Inserts a report of source `source`; `firstFact` is how many facts the source's earlier
    /// reports hold, so `seq` (source id × 2³² + the fact's place in its source) orders facts as
    /// loading the sources does. Without `factRows` its facts are not written (they are kept as
    /// columns, ``ColumnSnapshot``).
    func insert(_ r: Report, source: Int64, ordinal: Int, firstFact: Int, factRows: Bool = true) throws {
        try report.execute(arguments: [source, ordinal, r.entity, r.shortName, r.region, r.year, r.phase.rawValue,
                                       r.unit.rawValue, r.source, r.format,
                                       // The document's digest (same text loaded twice), as its 64-bit pattern.
                                       r.documents.first?.digest.map { Int64(bitPattern: $0) }])
        let id = db.lastInsertedRowID
        func span(_ s: SourceSpan?) -> [(any DatabaseValueConvertible)?] { [s?.file, s?.line, s?.startColumn, s?.endColumn] }
        if factRows {
            for (i, f) in r.facts.enumerated() {
                try facts.insert(f, report: id, ordinal: i, seq: source << 32 | Int64(firstFact + i))
            }
        }
        for (i, c) in r.claims.enumerated() {
            var kind = "", percent: Amount?, delta: Amount?, prior: Int?, other: Int?, relation: String?
            switch c.kind {
            case .share(let p, let whole): kind = "share"; percent = p; other = whole
            case .change(let y, let d, let p): kind = "change"; prior = y; delta = d; percent = p
            case .unchanged(let y): kind = "unchanged"; prior = y
            case .completion(let p, let budget): kind = "completion"; percent = p; other = budget
            case .comparison(let rel, let y, let o): kind = "comparison"; relation = rel.rawValue; prior = y; other = o
            }
            try claim.execute(arguments: StatementArguments([id, i, c.fact, kind, percent?.description, delta?.description,
                                                             prior, other, relation] + span(c.span)))
        }
        for (i, p) in r.projects.enumerated() {
            try project.execute(arguments: StatementArguments([id, i, p.name, p.unit, p.goalExpected, p.goalAchieved] + span(p.span)))
            for (j, f) in p.facts.enumerated() { try projectFact.execute(arguments: [id, i, j, f]) }
            for (j, x) in p.indicators.enumerated() {
                try indicator.execute(arguments: StatementArguments([id, i, j, x.level1, x.level2, x.level3, x.expected, x.actual] + span(x.span)))
            }
        }
        for (i, g) in r.glossary.enumerated() {
            try glossary.execute(arguments: StatementArguments([id, i, g.term, g.explanation] + span(g.span)))
        }
        for (i, w) in r.warnings.enumerated() {
            try warning.execute(arguments: StatementArguments([id, i, w.severity.rawValue, w.code, w.message] + span(w.span)))
        }
        for (i, y) in r.yearMentions.enumerated() {
            try yearMention.execute(arguments: StatementArguments([id, i, y.year, y.text] + span(y.span)))
        }
        if let short = r.shortName, short != r.entity {
            try alias.execute(arguments: [id, short, r.entity])
        }
    }
}

/// Writes facts and their mentions into a facts table and its mentions table (the documents'
/// or the assembled reports', ``WorkspaceSchema/factsTable(_:)``) with prepared statements.
struct FactWriter {
    let fact, mention: GRDB.Statement

    init(_ db: Database, facts: String, mentions: String) throws {
        func prepare(_ table: String, _ columns: [String]) throws -> GRDB.Statement {
            try db.makeStatement(sql: "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))")
        }
        fact = try prepare(facts, ["report_id", "ordinal", "seq", "entity", "year", "phase", "statement", "item", "code", "econ_code", "fund",
                                   "measure", "amount", "amount_e4", "amount_scale", "unit", "derived", "disputed", "file", "line", "mention_count"])
        mention = try prepare(mentions, ["report_id", "fact_ordinal", "ordinal", "file", "line", "start_col", "end_col",
                                         "amount", "reading", "unit", "part"])
    }

    /// Inserts fact `f`, the `ordinal`-th of report `report`, at `seq` in load order.
    func insert(_ f: Fact, report id: Int64, ordinal i: Int, seq: Int64) throws {
        try fact.execute(arguments: StatementArguments([
            id, i, seq, f.entity, f.year, f.phase.rawValue, f.statement.rawValue, f.item, f.code?.rawValue,
            f.econCode?.rawValue, f.fund?.rawValue, f.measure.rawValue, f.amount.description,
            StoredAmount.fixed(f.amount), f.amount.scale, f.unit.description, f.derived ? 1 : 0,
            f.isDisputed ? 1 : 0, f.span.file, f.span.line, f.mentions.count,
        ] as [(any DatabaseValueConvertible)?]))
        for (j, m) in f.mentions.enumerated() {
            try mention.execute(arguments: StatementArguments([
                id, i, j, m.span.file, m.span.line, m.span.startColumn, m.span.endColumn,
                m.amount.description, m.reading.rawValue, m.unit?.description, m.part,
            ] as [(any DatabaseValueConvertible)?]))
        }
    }
}

/// Amounts as the workspace stores them: exact text, and an integer at ``WorkspaceSchema/fixedScale``.
public enum StoredAmount {
    /// `amount × 10⁴` as a 64-bit integer, or `nil` when it has more decimals or does not fit.
    public static func fixed(_ a: Amount) -> Int64? {
        let scale = WorkspaceSchema.fixedScale
        guard a.scale <= scale else { return nil }
        var m = a.mantissa
        for _ in a.scale..<scale {
            let (v, o) = m.multipliedReportingOverflow(by: 10)
            if o { return nil }
            m = v
        }
        return Int64(exactly: m)
    }

    /// The amount a stored text writes (`-927.10` keeps its two decimals).
    static func parse(_ text: String) -> Amount? {
        var digits = Substring(text)
        var negative = false
        if digits.first == "-" { negative = true; digits = digits.dropFirst() }
        var scale = 0
        if let dot = digits.firstIndex(of: ".") {
            scale = digits.distance(from: dot, to: digits.endIndex) - 1
            digits = digits[..<dot] + digits[digits.index(after: dot)...]
        }
        guard !digits.isEmpty, let m = Int128(digits) else { return nil }
        return Amount(mantissa: negative ? -m : m, scale: scale)
    }

    /// The amount `sum × 10⁻⁴` written with `scale` decimals (every term had at most `scale`,
    /// so the division is exact).
    public static func fromFixed(_ sum: Int128, scale: Int) -> Amount {
        var m = sum
        for _ in scale..<WorkspaceSchema.fixedScale { m /= 10 }
        return Amount(mantissa: m, scale: scale)
    }
}
