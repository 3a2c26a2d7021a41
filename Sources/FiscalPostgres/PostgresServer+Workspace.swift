import FiscalFormat
import FiscalModel
import FiscalStore
import Foundation
import GRDB
import PostgresNIO

/// The workspace tables on PostgreSQL: created on first import, filled with `COPY`, read back
/// into reports for the shell.
extension PostgresServer: ImportDestination {
    /// The layout version of the database (``PostgresLayout``): `nil` when it has no workspace
    /// tables yet, 4 for one made before `fiscal_meta`.
    public func schemaVersion() throws(StoreError) -> Int? {
        let found = try rows("""
            SELECT (SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'facts'),
                   (SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'fiscal_meta')
            """, [])
        guard let row = found.first, row[0].int == 1 else { return nil }
        guard row[1].int == 1 else { return 4 }
        guard let text = try meta("schema_version"), let version = Int(text) else {
            throw StoreError(.storeDatabaseFailed, location, "expected a schema version in fiscal_meta")
        }
        return version
    }

    /// A value of `fiscal_meta`.
    func meta(_ key: String) throws(StoreError) -> String? {
        try rows("SELECT value FROM fiscal_meta WHERE key = $1", [.text(key)]).first?.first?.string
    }

    func setMeta(_ key: String, _ value: String) throws(StoreError) {
        try execute("INSERT INTO fiscal_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                    [.text(key), .text(value)])
    }

    /// Gives the database the current layout: creates it in an empty one, moves one made before
    /// version 5 to it (in one transaction). Returns whether the assembled facts must be rebuilt
    /// (the layout is new); a database of a later version is refused, never written.
    func createSchema() throws(StoreError) -> Bool {
        let version = try schemaVersion()
        if let version, version > PostgresLayout.version {
            throw StoreError(.storeDatabaseFailed, location,
                             "expected a database of schema version \(PostgresLayout.version) or earlier, found version \(version) (made by a later fiscal)")
        }
        if version == PostgresLayout.version { return false }
        try execute("BEGIN")
        do {
            for statement in version == nil ? PostgresLayout.create : PostgresLayout.migrate { try execute(statement) }
            try setMeta("schema_version", String(PostgresLayout.version))
            try setMeta("assembled_facts", "0")
            try execute("COMMIT")
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
        return true
    }

    /// Whether the database has the assembled reports' facts (an import by this version made them).
    public func hasAssembledFacts() throws(StoreError) -> Bool {
        let found = try rows("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'assembled_facts'", [])
        return found.first?.first?.int == 1
    }

    /// How many assembled facts the database holds: recorded by the import from version 5 on
    /// (counting 10⁸ rows would hold up opening), counted in one made before.
    public func assembledFactCount() throws(StoreError) -> Int {
        if try schemaVersion() ?? 0 >= 5, let text = try meta("assembled_facts"), let n = Int(text) { return n }
        return Int(try rows("SELECT COUNT(*) FROM assembled_facts", []).first?.first?.int ?? 0)
    }

    /// The SQL engine over the assembled facts.
    public func assembledExecutor() throws(StoreError) -> SQLExecutor {
        SQLExecutor(database: self, assembledFacts: try assembledFactCount())
    }

    public func totals() throws(StoreError) -> (sources: Int, reports: Int, facts: Int) {
        let snapshots = try schemaVersion() ?? 0 >= 5 ? "(SELECT CAST(COALESCE(SUM(facts), 0) AS BIGINT) FROM column_snapshots)" : "0"
        let row = try rows("SELECT (SELECT COUNT(*) FROM sources), (SELECT COUNT(*) FROM reports), (SELECT COUNT(*) FROM facts) + \(snapshots)", [])[0]
        return (Int(row[0].int ?? 0), Int(row[1].int ?? 0), Int(row[2].int ?? 0))
    }

    /// Reads the sources into a scratch workspace (every rule of a workspace import applies: a
    /// source unchanged since it was imported is not read), then copies what changed in one
    /// PostgreSQL transaction: `COPY … FROM STDIN` per table, ids moved past the database's own.
    /// A source kept as columns goes over as its columns, not as rows (``PostgresLayout``).
    public func importSources(_ paths: [String], registry: FormatRegistry, format: String?, refresh: Bool,
                              progress: (ImportOutcome) -> Void) throws(StoreError) -> [ImportOutcome] {
        let hadAssembled = try hasAssembledFacts()
        let newLayout = try createSchema()
        var known: [String: (hash: String, size: Int)] = [:]
        var ids: [String: Int64] = [:]
        for row in try rows("SELECT path, content_hash, size, id FROM sources", []) {
            guard let path = row[0].string else { continue }
            known[path] = (row[1].string ?? "", Int(row[2].int ?? -1))
            ids[path] = row[3].int
        }
        let scratch = NSTemporaryDirectory() + "fiscal-import-\(UUID().uuidString).fiscal"
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let workspace = try Workspace(path: scratch, create: true)
        // New to the scratch workspace, but the database holds it: its reports are replaced.
        func held(_ outcome: ImportOutcome) -> ImportOutcome {
            var o = outcome
            if o.kind == .imported && ids[o.path] != nil { o.kind = .replaced }
            return o
        }
        // The scratch workspace holds only what changed: the database assembles all its reports below.
        let outcomes = try workspace.importSources(paths, registry: registry, format: format, refresh: refresh,
                                                   known: refresh ? [:] : known, assemble: false, factRowsOfSnapshots: false) { progress(held($0)) }.map(held)
        let changed = outcomes.contains { $0.kind == .imported || $0.kind == .replaced }
        try copy(workspace, replacing: ids, assemble: changed || !hadAssembled || newLayout)
        return outcomes
    }

    /// Copies every source of `workspace` into the database, replacing the reports of a source
    /// the database holds by path (`existing`), all in one transaction; with `assemble`, the
    /// assembled facts are rebuilt in it too.
    func copy(_ workspace: Workspace, replacing existing: [String: Int64], assemble: Bool = true) throws(StoreError) {
        try execute("BEGIN")
        do {
            var nextSource = (try rows("SELECT COALESCE(MAX(id), 0) FROM sources", [])[0][0].int ?? 0) + 1
            var nextReport = (try rows("SELECT COALESCE(MAX(id), 0) FROM reports", [])[0][0].int ?? 0) + 1
            let sources = try workspace.reading { db in
                try Row.fetchAll(db, sql: "SELECT id, path FROM sources ORDER BY id").map { ($0[0] as Int64, $0[1] as String) }
            }
            var sourceMap: [Int64: Int64] = [:]
            for (local, path) in sources {
                let row = try workspace.reading { db in
                    try Row.fetchOne(db, sql: "SELECT format, size, content_hash, encoding, imported_at, text FROM sources WHERE id = ?", arguments: [local])!
                }
                let values: [SQLValue] = [
                    (row[0] as String?).map(SQLValue.text) ?? .null, .integer(row[1]), .text(row[2]), .text(row[3]), .text(row[4]), .text(row[5]),
                ]
                if let id = existing[path] {
                    for table in WorkspaceSchema.reportTables {
                        try execute("DELETE FROM \(table) WHERE report_id IN (SELECT id FROM reports WHERE source_id = $1)", [.integer(id)])
                    }
                    try execute("DELETE FROM reports WHERE source_id = $1", [.integer(id)])
                    try execute("DELETE FROM source_warnings WHERE source_id = $1", [.integer(id)])
                    try execute("DELETE FROM source_text_chunks WHERE source_id = $1", [.integer(id)])
                    try execute("DELETE FROM column_snapshot_chunks WHERE source_id = $1", [.integer(id)])
                    try execute("DELETE FROM column_snapshots WHERE source_id = $1", [.integer(id)])
                    try execute("""
                        UPDATE sources SET format = $1, size = $2, content_hash = $3, encoding = $4, imported_at = $5, text = $6
                        WHERE id = $7
                        """, values + [.integer(id)])
                    sourceMap[local] = id
                } else {
                    try execute("""
                        INSERT INTO sources (id, path, format, size, content_hash, encoding, imported_at, text)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                        """, [.integer(nextSource), .text(path)] + values)
                    sourceMap[local] = nextSource
                    nextSource += 1
                }
                // The rest of a text too long for one value.
                let pieces = try workspace.reading { db in
                    try Row.fetchAll(db, sql: "SELECT chunk, text FROM source_text_chunks WHERE source_id = ? ORDER BY chunk", arguments: [local])
                }
                for piece in pieces {
                    try execute("INSERT INTO source_text_chunks (source_id, chunk, text) VALUES ($1, $2, $3)",
                                [.integer(sourceMap[local]!), .integer(piece[0]), .text(piece[1])])
                }
            }
            var reportMap: [Int64: Int64] = [:]
            for id in try workspace.reading({ db in try Int64.fetchAll(db, sql: "SELECT id FROM reports ORDER BY id") }) {
                reportMap[id] = nextReport
                nextReport += 1
            }
            let mapping = IDMapping(sources: sourceMap, reports: reportMap)
            for table in ["reports", "source_warnings"] + WorkspaceSchema.reportTables {
                let chunks = TableChunks(workspace: workspace, table: table, mapping: mapping)
                try copy(into: table, columns: try chunks.columns()) { try chunks.next() }
            }
            try copySnapshots(of: workspace, sources: sourceMap)
            if assemble { try self.assemble() }
            try execute("COMMIT")
        } catch {
            try? execute("ROLLBACK")
            throw error as? StoreError ?? StoreError(.storeDatabaseFailed, location, "\(error)")
        }
    }

    /// Rebuilds the assembled facts from every report the database holds (inside the import's
    /// transaction, so it sees the rows just copied): assembled as opening the database
    /// assembles them, and copied into the narrow tables (``PostgresLayout``).
    func assemble() throws {
        let assembled = ReportAssembly(try corpus().reports).reports
        try execute("TRUNCATE \(PostgresLayout.assembledTableNames.joined(separator: ", "))")
        for index in PostgresLayout.rowIndexNames { try execute("DROP INDEX IF EXISTS \(index)") }
        let writer = AssembledRowWriter(assembled)
        try copy(into: "assembled_rows", columns: AssembledRowWriter.rowColumns, bytes: { writer.nextRows() })
        try copy(into: "assembled_more_mentions", columns: AssembledRowWriter.moreMentionColumns, bytes: { writer.takeMoreMentions() })
        try copy(into: "fact_contexts", columns: ["id", "entity", "year", "phase"], bytes: { writer.takeContexts() })
        try copy(into: "fact_labels", columns: ["id", "statement", "item", "code", "econ_code", "fund", "measure", "unit", "file"], bytes: { writer.takeLabels() })
        try copy(into: "mention_labels", columns: ["id", "file", "reading", "unit", "part"], bytes: { writer.takeMentionLabels() })
        for statement in PostgresLayout.rowIndexes { try execute(statement) }
        for table in PostgresLayout.assembledTableNames { try execute("ANALYZE \(table)") }
        try setMeta("assembled_facts", String(writer.written))
    }

    /// The reports the database holds, read into a scratch in-memory workspace and from there
    /// into the model (the same reader as a workspace file's); a source kept as columns is read
    /// from its columns.
    public func corpus() throws(StoreError) -> StoredCorpus {
        do {
            let memory = try DatabaseQueue()
            try memory.write { db in
                for statement in WorkspaceSchema.documentTables + ColumnSnapshot.tables { try db.execute(sql: statement) }
            }
            for table in ["sources", "source_warnings", "reports"] + WorkspaceSchema.reportTables {
                let columns = try memory.read { db in try Row.fetchAll(db, sql: "PRAGMA table_info(\(table))").map { $0["name"] as String } }
                // Source texts stay on the server; `source` asks for a file's when it shows one.
                let select = columns.map { table == "sources" && $0 == "text" ? "'' AS text" : $0 }
                let result = try rows("SELECT \(select.joined(separator: ", ")) FROM \(table)", [])
                try memory.write { db in
                    let insert = try db.makeStatement(sql: "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))")
                    for row in result {
                        try insert.execute(arguments: StatementArguments(row.map { v -> (any DatabaseValueConvertible)? in
                            switch v {
                            case .null: nil
                            case .integer(let i): i
                            case .text(let s): s
                            }
                        }))
                    }
                }
            }
            let snapshots = try readSnapshots()
            try memory.write { db in
                for (source, snapshot) in snapshots {
                    try db.execute(sql: "INSERT INTO column_snapshots (source_id, facts, report_facts, chunks) VALUES (?, ?, x'', 0)",
                                   arguments: [source, snapshot.columns.count])
                }
            }
            return try memory.read { db in try Workspace.corpus(in: db, snapshots: snapshots) }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.storeDatabaseFailed, location, "\(error)")
        }
    }

    /// The stored text of a source, for `source`.
    public func sourceText(_ path: String) -> SourceText? {
        guard let row = try? rows("SELECT text, encoding, id FROM sources WHERE path = $1", [.text(path)]).first,
              var text = row[0].string, let id = row[2].int,
              let pieces = try? rows("SELECT text FROM source_text_chunks WHERE source_id = $1 ORDER BY chunk", [.integer(id)])
        else { return nil }
        for piece in pieces { text += piece[0].string ?? "" }
        return SourceText(text: text, path: path, encoding: SourceText.Encoding(rawValue: row[1].string ?? "") ?? .utf8)
    }
}

/// Local ids of a scratch workspace and the ids their rows get in the database.
struct IDMapping: Sendable {
    var sources: [Int64: Int64]
    var reports: [Int64: Int64]

    /// The column's value as the database stores it: ids moved, and `seq` (source id × 2³² + place)
    /// moved with its source.
    func map(_ column: String, _ value: DatabaseValue) -> DatabaseValue {
        guard case .int64(let v) = value.storage else { return value }
        switch column {
        case "report_id": return (reports[v] ?? v).databaseValue
        case "source_id": return (sources[v] ?? v).databaseValue
        case "seq": return ((sources[v >> 32] ?? v >> 32) << 32 | (v & 0xFFFF_FFFF)).databaseValue
        default: return value
        }
    }
}

/// A table of a workspace read in rowid order, a few thousand rows at a time, as `COPY` text.
final class TableChunks: @unchecked Sendable {
    let workspace: Workspace
    let table: String
    let mapping: IDMapping
    var last: Int64 = 0
    var done = false
    static let rowsPerChunk = 20_000

    init(workspace: Workspace, table: String, mapping: IDMapping) {
        self.workspace = workspace
        self.table = table
        self.mapping = mapping
    }

    func columns() throws -> [String] {
        try workspace.reading { db in try Row.fetchAll(db, sql: "PRAGMA table_info(\(table))").map { $0["name"] as String } }
    }

    func next() throws -> String? {
        if done { return nil }
        let table = self.table, last = self.last, mapping = self.mapping
        let (text, lastRow, count) = try workspace.reading { db -> (String, Int64, Int) in
            let rows = try Row.fetchAll(db, sql: "SELECT rowid AS fiscal_rowid, * FROM \(table) WHERE rowid > ? ORDER BY rowid LIMIT \(TableChunks.rowsPerChunk)", arguments: [last])
            var text = ""
            for row in rows {
                var fields: [String] = []
                for (i, column) in row.columnNames.enumerated() where i > 0 {
                    let value = mapping.map(column, row[i] as DatabaseValue)
                    if table == "reports" && column == "id" {
                        fields.append(TableChunks.field(mapping.reports[value.storage.int64 ?? 0].map(\.databaseValue) ?? value))
                    } else {
                        fields.append(TableChunks.field(value))
                    }
                }
                text += fields.joined(separator: "\t") + "\n"
            }
            return (text, rows.last.map { $0[0] as Int64 } ?? last, rows.count)
        }
        self.last = lastRow
        if count < TableChunks.rowsPerChunk { done = true }
        return count == 0 ? nil : text
    }

    /// A value in COPY's text format: `\N` for NULL, backslash escapes for the rest.
    static func field(_ value: DatabaseValue) -> String {
        switch value.storage {
        case .null: return "\\N"
        case .int64(let i): return String(i)
        case .double(let d): return String(d)
        case .string(let s):
            var out = ""
            out.reserveCapacity(s.utf8.count)
            for c in s.unicodeScalars {
                switch c {
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                default: out.unicodeScalars.append(c)
                }
            }
            return out
        case .blob: return "\\N"
        }
    }
}

extension DatabaseValue.Storage {
    var int64: Int64? { if case .int64(let i) = self { i } else { nil } }
}
