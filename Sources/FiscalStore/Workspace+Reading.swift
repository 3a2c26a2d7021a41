import FiscalFormat
import FiscalModel
import GRDB

/// What opening a workspace gives: its reports, and the warnings their loads gave.
public struct StoredCorpus: Sendable {
    public var reports: [Report]
    /// The warnings that belong to no single report (each report keeps its own), as loading
    /// the sources printed them.
    public var warnings: [Diagnostic]
}

extension Workspace {
    /// Every report, in import order (by source, then as the source gave them), equal to what
    /// loading the sources gave when they were imported.
    public func corpus() throws(StoreError) -> StoredCorpus {
        try reading { db in try ReportReader(db).corpus() }
    }

    /// The reports held in the workspace tables of `db` (a copy of a PostgreSQL database's, say);
    /// `snapshots`, when given, are the sources' columns read elsewhere (``ColumnSnapshot``):
    /// `db`'s `column_snapshots` then only says which sources have them.
    public static func corpus(in db: Database, snapshots: [Int64: (columns: FactColumns, counts: [Int])]? = nil) throws -> StoredCorpus {
        try ReportReader(db, snapshots: snapshots).corpus()
    }
}

/// Reads the workspace tables back into reports, one table scan each.
struct ReportReader {
    let db: Database
    let given: [Int64: (columns: FactColumns, counts: [Int])]?

    init(_ db: Database, snapshots: [Int64: (columns: FactColumns, counts: [Int])]? = nil) {
        self.db = db
        self.given = snapshots
    }

    static func span(_ row: Row, _ i: Int) -> SourceSpan {
        SourceSpan(file: row[i], line: row[i + 1], startColumn: row[i + 2], endColumn: row[i + 3])
    }

    static func optionalSpan(_ row: Row, _ i: Int) -> SourceSpan? {
        guard let file = row[i] as String? else { return nil }
        return SourceSpan(file: file, line: row[i + 1] ?? 0, startColumn: row[i + 2] ?? 1, endColumn: row[i + 3] ?? 1)
    }

    func amount(_ text: String) throws -> Amount {
        guard let a = StoredAmount.parse(text) else { throw StoreError(.storeDatabaseFailed, "amount", "expected a decimal amount, found `\(text)`") }
        return a
    }

    /// A stored name read back as its type; a name this build does not know is an error, never a guess.
    func known<T>(_ make: (String) -> T?, _ text: String, _ what: String) throws -> T {
        guard let value = make(text) else { throw StoreError(.storeDatabaseFailed, what, "expected a known \(what), found `\(text)`") }
        return value
    }

    func corpus() throws -> StoredCorpus {
        var reports: [Report] = []
        var index: [Int64: Int] = [:]
        var warnings: [Diagnostic] = []
        let sourceWarnings = try Row.fetchCursor(db, sql: """
            SELECT severity, code, message, file, line, start_col, end_col FROM source_warnings ORDER BY source_id, ordinal
            """)
        while let row = try sourceWarnings.next() {
            warnings.append(Diagnostic(try known(Diagnostic.Severity.init(rawValue:), row[0], "severity"), code: row[1], row[2], at: ReportReader.optionalSpan(row, 3)))
        }
        // Sources kept as columns (``ColumnSnapshot``): their reports take ranges of the columns,
        // and their rows of facts and mentions are not read.
        let snapshots = try given ?? ColumnSnapshot.read(db)
        var reportsOfSource: [Int64: [Int]] = [:]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT r.id, r.entity, r.short_name, r.region, r.year, r.phase, r.unit, r.source, r.format, r.digest, r.source_id
            FROM reports r JOIN sources s ON s.id = r.source_id ORDER BY s.id, r.ordinal
            """)
        while let row = try rows.next() {
            let source: Int64 = row[10]
            if snapshots[source] != nil { reportsOfSource[source, default: []].append(reports.count) }
            let phase: String = row[5], unit: String = row[6]
            index[row[0]] = reports.count
            reports.append(Report(
                entity: row[1], shortName: row[2], region: row[3], year: row[4], phase: try known(Phase.init(rawValue:), phase, "phase"),
                unit: try known(MoneyUnit.init(rawValue:), unit, "unit"), source: row[7], format: row[8]))
            // A stored report is one document as read (before assembly merges documents).
            let digest: Int64? = row[9]
            reports[reports.count - 1].documents = [ReportDocument(path: row[7], printedEntity: row[1], format: row[8],
                                                                   digest: digest.map { UInt64(bitPattern: $0) })]
        }
        for (source, snapshot) in snapshots {
            let mine = reportsOfSource[source] ?? []
            guard mine.count == snapshot.counts.count else {
                throw StoreError(.storeDatabaseFailed, "column_snapshots",
                                 "source \(source): expected the fact counts of \(mine.count) reports, found \(snapshot.counts.count)")
            }
            var at = 0
            for (r, n) in zip(mine, snapshot.counts) {
                reports[r].facts = FactList(columns: snapshot.columns, range: at..<(at + n))
                at += n
            }
        }
        // The rows of the reports of sources without a snapshot (their report ids lead the
        // primary keys, so the rows of the others are not visited).
        let rowReports = snapshots.isEmpty ? "" : """
            WHERE report_id IN (SELECT id FROM reports WHERE source_id NOT IN (SELECT source_id FROM column_snapshots))
            """
        // Mentions first, by fact, so each fact is built once with all of them.
        var mentions: [Int64: [[Mention]]] = [:]
        let mentionRows = try Row.fetchCursor(db, sql: """
            SELECT report_id, fact_ordinal, file, line, start_col, end_col, amount, reading, unit, part
            FROM mentions \(rowReports) ORDER BY report_id, fact_ordinal, ordinal
            """)
        // Rows come by report: each report's list is built in a local (appending to a list held
        // in the dictionary would copy it on every row) and stored when the next report starts.
        var current: (report: Int64, list: [[Mention]])?
        while let row = try mentionRows.next() {
            let report: Int64 = row[0], fact: Int = row[1]
            let m = Mention(span: ReportReader.span(row, 2), amount: try amount(row[6]),
                            reading: try known(Reading.init(rawValue:), row[7], "reading"), unit: (row[8] as String?).map(FactUnit.init(name:)), part: row[9])
            if current?.report != report {
                if let done = current { mentions[done.report] = done.list }
                current = (report, [])
            }
            while current!.list.count <= fact { current!.list.append([]) }
            current!.list[fact].append(m)
        }
        if let done = current { mentions[done.report] = done.list }
        let factRows = try Row.fetchCursor(db, sql: """
            SELECT report_id, ordinal, entity, year, phase, statement, item, code, econ_code, fund, measure, amount,
                   unit, derived, file, line FROM facts \(rowReports) ORDER BY report_id, ordinal
            """)
        while let row = try factRows.next() {
            let report: Int64 = row[0], ordinal: Int = row[1]
            guard let r = index[report] else { continue }
            let phase: String = row[4]
            var f = Fact(
                entity: row[2], year: row[3], phase: try known(Phase.init(rawValue:), phase, "phase"), statement: FiscalModel.Statement(rawValue: row[5]),
                item: row[6], code: try (row[7] as String?).map { c throws in try known(ClassificationCode.init(rawValue:), c, "code") },
                econCode: try (row[8] as String?).map { c throws in try known(ClassificationCode.init(rawValue:), c, "code") }, fund: (row[9] as String?).map(Fund.init(rawValue:)),
                measure: Measure(rawValue: row[10]), amount: try amount(row[11]), unit: FactUnit(name: row[12]),
                derived: (row[13] as Int) != 0, reading: .data, span: SourceSpan(file: row[14], line: row[15]))
            if let list = mentions[report], ordinal < list.count, !list[ordinal].isEmpty { f.mentions = list[ordinal] }
            reports[r].facts.append(f)
        }
        let claimRows = try Row.fetchCursor(db, sql: """
            SELECT report_id, fact_ordinal, kind, percent, delta, prior_year, other_fact, relation, file, line, start_col, end_col
            FROM claims ORDER BY report_id, ordinal
            """)
        while let row = try claimRows.next() {
            guard let r = index[row[0]] else { continue }
            let kindName: String = row[2]
            let percent = try (row[3] as String?).map(amount), delta = try (row[4] as String?).map(amount)
            let prior: Int? = row[5], other: Int? = row[6], relation: String? = row[7]
            let kind: Claim.Kind
            switch kindName {
            case "share": kind = .share(percent: percent ?? 0, whole: other)
            case "change": kind = .change(priorYear: prior ?? 0, delta: delta, percent: percent)
            case "unchanged": kind = .unchanged(priorYear: prior ?? 0)
            case "completion": kind = .completion(percent: percent ?? 0, budget: other)
            case "comparison": kind = .comparison(relation: try known(Claim.Relation.init(rawValue:), relation ?? "", "relation"), priorYear: prior, other: other)
            default: throw StoreError(.storeDatabaseFailed, "claims", "expected a known claim kind, found `\(kindName)`")
            }
            reports[r].claims.append(Claim(fact: row[1], kind: kind, span: ReportReader.span(row, 8)))
        }
        var projectOf: [Int64: [Int]] = [:]
        let projectRows = try Row.fetchCursor(db, sql: """
            SELECT report_id, name, unit, goal_expected, goal_achieved, file, line, start_col, end_col
            FROM projects ORDER BY report_id, ordinal
            """)
        while let row = try projectRows.next() {
            let report: Int64 = row[0]
            guard let r = index[report] else { continue }
            projectOf[report, default: []].append(reports[r].projects.count)
            reports[r].projects.append(Project(name: row[1], unit: row[2], goalExpected: row[3], goalAchieved: row[4],
                                               span: ReportReader.span(row, 5)))
        }
        let projectFactRows = try Row.fetchCursor(db, sql: "SELECT report_id, project_ordinal, fact_ordinal FROM project_facts ORDER BY report_id, project_ordinal, ordinal")
        while let row = try projectFactRows.next() {
            guard let r = index[row[0]] else { continue }
            let p: Int = row[1]
            if p < reports[r].projects.count { reports[r].projects[p].facts.append(row[2]) }
        }
        let indicatorRows = try Row.fetchCursor(db, sql: """
            SELECT report_id, project_ordinal, level1, level2, level3, expected, actual, file, line, start_col, end_col
            FROM indicators ORDER BY report_id, project_ordinal, ordinal
            """)
        while let row = try indicatorRows.next() {
            guard let r = index[row[0]] else { continue }
            let p: Int = row[1]
            guard p < reports[r].projects.count else { continue }
            reports[r].projects[p].indicators.append(Project.Indicator(
                level1: row[2], level2: row[3], level3: row[4], expected: row[5], actual: row[6], span: ReportReader.span(row, 7)))
        }
        let glossaryRows = try Row.fetchCursor(db, sql: "SELECT report_id, term, explanation, file, line, start_col, end_col FROM glossary ORDER BY report_id, ordinal")
        while let row = try glossaryRows.next() {
            guard let r = index[row[0]] else { continue }
            reports[r].glossary.append(GlossaryEntry(term: row[1], explanation: row[2], span: ReportReader.span(row, 3)))
        }
        let warningRows = try Row.fetchCursor(db, sql: "SELECT report_id, severity, code, message, file, line, start_col, end_col FROM warnings ORDER BY report_id, ordinal")
        while let row = try warningRows.next() {
            guard let r = index[row[0]] else { continue }
            reports[r].warnings.append(Diagnostic(try known(Diagnostic.Severity.init(rawValue:), row[1], "severity"), code: row[2], row[3],
                                                  at: ReportReader.optionalSpan(row, 4)))
        }
        let yearRows = try Row.fetchCursor(db, sql: "SELECT report_id, year, text, file, line, start_col, end_col FROM year_mentions ORDER BY report_id, ordinal")
        while let row = try yearRows.next() {
            guard let r = index[row[0]] else { continue }
            reports[r].yearMentions.append(YearMention(year: row[1], text: row[2], span: ReportReader.span(row, 3)))
        }
        return StoredCorpus(reports: reports, warnings: warnings)
    }
}
