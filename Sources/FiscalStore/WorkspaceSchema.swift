import GRDB

/// The tables of a workspace (docs/WORKSPACE.md describes every column).
///
/// The same tables, with the same names and columns, are what the SQL engine queries, on
/// SQLite and on PostgreSQL. Every report-owned table starts with `report_id`, so partitioning
/// (by `year` on `facts`) and distribution (by `report_id` or `entity`) keep a report's rows
/// together.
public enum WorkspaceSchema {
    /// `PRAGMA application_id`: "FISC", so fiscal opens only its own SQLite files as workspaces.
    public static let applicationID: UInt32 = 0x4649_5343
    /// `PRAGMA user_version`: the schema version this build writes.
    public static let version = 4
    /// Amounts are stored exactly as text (`amount`) and as an integer at this many decimals
    /// (`amount_e4`) so that SQL sums them exactly; a figure with more decimals (or too large
    /// for 64 bits at that scale) has `amount_e4` NULL, and the SQL engine refuses to sum it.
    public static let fixedScale = 4

    /// The statements that create the schema, in order (shared with PostgreSQL, whose types
    /// accept these names).
    public static let tables: [String] = documentTables + assembledTables

    /// The tables of the documents as read (every table but the assembled ones), and their indexes.
    public static let documentTables: [String] = [
        """
        CREATE TABLE sources (
          id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, format TEXT, size INTEGER NOT NULL,
          content_hash TEXT NOT NULL, encoding TEXT NOT NULL, imported_at TEXT NOT NULL, text TEXT NOT NULL)
        """,
        """
        CREATE TABLE source_warnings (
          source_id INTEGER NOT NULL, ordinal INTEGER NOT NULL, severity TEXT NOT NULL, code TEXT NOT NULL,
          message TEXT NOT NULL, file TEXT, line INTEGER, start_col INTEGER, end_col INTEGER,
          PRIMARY KEY (source_id, ordinal))
        """,
        """
        CREATE TABLE reports (
          id INTEGER PRIMARY KEY, source_id INTEGER NOT NULL, ordinal INTEGER NOT NULL, entity TEXT NOT NULL,
          short_name TEXT, region TEXT, year INTEGER NOT NULL, phase TEXT NOT NULL, unit TEXT NOT NULL,
          source TEXT NOT NULL, format TEXT, digest BIGINT)
        """,
        factsTable("facts"),
        mentionsTable("mentions"),
        """
        CREATE TABLE claims (
          report_id INTEGER NOT NULL, ordinal INTEGER NOT NULL, fact_ordinal INTEGER NOT NULL, kind TEXT NOT NULL,
          percent TEXT, delta TEXT, prior_year INTEGER, other_fact INTEGER, relation TEXT,
          file TEXT NOT NULL, line INTEGER NOT NULL, start_col INTEGER NOT NULL, end_col INTEGER NOT NULL,
          PRIMARY KEY (report_id, ordinal))
        """,
        """
        CREATE TABLE projects (
          report_id INTEGER NOT NULL, ordinal INTEGER NOT NULL, name TEXT NOT NULL, unit TEXT,
          goal_expected TEXT, goal_achieved TEXT,
          file TEXT NOT NULL, line INTEGER NOT NULL, start_col INTEGER NOT NULL, end_col INTEGER NOT NULL,
          PRIMARY KEY (report_id, ordinal))
        """,
        """
        CREATE TABLE project_facts (
          report_id INTEGER NOT NULL, project_ordinal INTEGER NOT NULL, ordinal INTEGER NOT NULL,
          fact_ordinal INTEGER NOT NULL, PRIMARY KEY (report_id, project_ordinal, ordinal))
        """,
        """
        CREATE TABLE indicators (
          report_id INTEGER NOT NULL, project_ordinal INTEGER NOT NULL, ordinal INTEGER NOT NULL,
          level1 TEXT NOT NULL, level2 TEXT NOT NULL, level3 TEXT NOT NULL, expected TEXT NOT NULL, actual TEXT NOT NULL,
          file TEXT NOT NULL, line INTEGER NOT NULL, start_col INTEGER NOT NULL, end_col INTEGER NOT NULL,
          PRIMARY KEY (report_id, project_ordinal, ordinal))
        """,
        """
        CREATE TABLE glossary (
          report_id INTEGER NOT NULL, ordinal INTEGER NOT NULL, term TEXT NOT NULL, explanation TEXT NOT NULL,
          file TEXT NOT NULL, line INTEGER NOT NULL, start_col INTEGER NOT NULL, end_col INTEGER NOT NULL,
          PRIMARY KEY (report_id, ordinal))
        """,
        """
        CREATE TABLE warnings (
          report_id INTEGER NOT NULL, ordinal INTEGER NOT NULL, severity TEXT NOT NULL, code TEXT NOT NULL,
          message TEXT NOT NULL, file TEXT, line INTEGER, start_col INTEGER, end_col INTEGER,
          PRIMARY KEY (report_id, ordinal))
        """,
        """
        CREATE TABLE year_mentions (
          report_id INTEGER NOT NULL, ordinal INTEGER NOT NULL, year INTEGER NOT NULL, text TEXT NOT NULL,
          file TEXT NOT NULL, line INTEGER NOT NULL, start_col INTEGER NOT NULL, end_col INTEGER NOT NULL,
          PRIMARY KEY (report_id, ordinal))
        """,
        """
        CREATE TABLE aliases (
          report_id INTEGER NOT NULL, alias TEXT NOT NULL, entity TEXT NOT NULL, PRIMARY KEY (report_id, alias))
        """,
        sourceTextTable,
        "CREATE INDEX facts_seq ON facts (seq)",
        "CREATE INDEX facts_year ON facts (year)",
        "CREATE INDEX facts_inexact ON facts (seq) WHERE amount_e4 IS NULL",
        "CREATE INDEX facts_code ON facts (code)",
        "CREATE INDEX reports_source ON reports (source_id)",
    ]

    /// The text of a source too long for one value (SQLite and PostgreSQL keep a value under
    /// 1 GB): `sources.text` holds its first piece and this table the next ones (`chunk` 1, 2, …),
    /// each whole lines of at most ``sourceTextPieceBytes`` bytes of UTF-8 (``pieces(of:)``).
    public static let sourceTextTable = """
        CREATE TABLE IF NOT EXISTS source_text_chunks (
          source_id INTEGER NOT NULL, chunk INTEGER NOT NULL, text TEXT NOT NULL, PRIMARY KEY (source_id, chunk))
        """

    /// The tables added since the first schema (`IF NOT EXISTS`): what a database made before
    /// them is given when next written.
    public static let laterTables = [sourceTextTable] + assembledTables

    /// The most bytes of UTF-8 one piece of a source's text holds.
    public static let sourceTextPieceBytes = 1 << 28

    /// `text` cut into pieces of at most `limit` (≥ 4) bytes, each ending at a line end where
    /// the piece has one (else between two scalars); joined, they are `text`, byte for byte.
    public static func pieces(of text: String, limit: Int = sourceTextPieceBytes) -> [String] {
        let utf8 = text.utf8
        var pieces: [String] = []
        var start = utf8.startIndex
        while utf8.distance(from: start, to: utf8.endIndex) > limit {
            let most = utf8.index(start, offsetBy: limit)
            var cut = most
            if let newline = utf8[start..<most].lastIndex(of: UInt8(ascii: "\n")) {
                cut = utf8.index(after: newline)
            } else {
                // Back to the start of a scalar: a piece never ends inside one's UTF-8.
                while cut > start, utf8[cut] & 0xC0 == 0x80 { cut = utf8.index(before: cut) }
            }
            pieces.append(String(Substring(utf8[start..<cut])))
            start = cut
        }
        pieces.append(String(Substring(utf8[start...])))
        return pieces
    }

    /// The table of facts named `name` (`facts`: the documents' as read; `assembled_facts`:
    /// the assembled reports'). `IF NOT EXISTS` so that a database made before the assembled
    /// tables existed gets them when it is next written.
    static func factsTable(_ name: String) -> String {
        """
        CREATE TABLE IF NOT EXISTS \(name) (
          report_id INTEGER NOT NULL, ordinal INTEGER NOT NULL, seq BIGINT NOT NULL, entity TEXT NOT NULL, year INTEGER NOT NULL,
          phase TEXT NOT NULL, statement TEXT NOT NULL, item TEXT NOT NULL, code TEXT, econ_code TEXT, fund TEXT,
          measure TEXT NOT NULL, amount TEXT NOT NULL, amount_e4 BIGINT, amount_scale INTEGER NOT NULL,
          unit TEXT NOT NULL, derived INTEGER NOT NULL, disputed INTEGER NOT NULL, file TEXT NOT NULL,
          line INTEGER NOT NULL, mention_count INTEGER NOT NULL,
          PRIMARY KEY (report_id, ordinal))
        """
    }

    /// The table of the places facts are stated, for the facts table of the same kind.
    static func mentionsTable(_ name: String) -> String {
        """
        CREATE TABLE IF NOT EXISTS \(name) (
          report_id INTEGER NOT NULL, fact_ordinal INTEGER NOT NULL, ordinal INTEGER NOT NULL, file TEXT NOT NULL,
          line INTEGER NOT NULL, start_col INTEGER NOT NULL, end_col INTEGER NOT NULL, amount TEXT NOT NULL,
          reading TEXT NOT NULL, unit TEXT, part TEXT,
          PRIMARY KEY (report_id, fact_ordinal, ordinal))
        """
    }

    /// The facts of the reports as loading assembles them (a narrative and its tables merged,
    /// repeats skipped, entity names made one, a figure counted once): one row per fact, its
    /// mentions in their own table; what the SQL engine queries (``SQLTables/assembled``).
    /// `report_id` there is the assembled report's place in load order (0, 1, …), `seq` the
    /// fact's place among all facts, which is the in-memory engine's row order. Rebuilt by
    /// every import that changed a report (``AssembledFacts/rebuild(_:)``).
    public static let assembledTables: [String] = [
        factsTable("assembled_facts"),
        mentionsTable("assembled_mentions"),
        "CREATE INDEX IF NOT EXISTS assembled_facts_seq ON assembled_facts (seq)",
        "CREATE INDEX IF NOT EXISTS assembled_facts_year ON assembled_facts (year)",
        "CREATE INDEX IF NOT EXISTS assembled_facts_inexact ON assembled_facts (seq) WHERE amount_e4 IS NULL",
        "CREATE INDEX IF NOT EXISTS assembled_facts_code ON assembled_facts (code)",
    ]

    /// The tables holding a report's rows (deleted with it when its source is re-imported).
    public static let reportTables = ["facts", "mentions", "claims", "projects", "project_facts", "indicators", "glossary",
                               "warnings", "year_mentions", "aliases"]

    /// Creates the schema in an empty database; gives a version-2 workspace (made before the
    /// assembled tables) those tables, filled, and a version-2 or 3 one the (empty) tables of
    /// column snapshots (``ColumnSnapshot``); leaves a current one alone.
    static func migrate(_ db: Database) throws {
        let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        if version == 0 {
            for statement in tables + ColumnSnapshot.tables { try db.execute(sql: statement) }
            try db.execute(sql: "PRAGMA application_id = \(Int32(bitPattern: applicationID))")
        } else if version < WorkspaceSchema.version {
            // A workspace made before the column snapshots opens from its rows until its
            // sources are imported again.
            for statement in ColumnSnapshot.tables { try db.execute(sql: statement) }
            try db.execute(sql: sourceTextTable)
            if version < 3 {
                for statement in assembledTables { try db.execute(sql: statement) }
                try AssembledFacts.rebuild(db)
            }
        } else {
            return
        }
        try db.execute(sql: "PRAGMA user_version = \(WorkspaceSchema.version)")
    }
}
