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
    public static let version = 2
    /// Amounts are stored exactly as text (`amount`) and as an integer at this many decimals
    /// (`amount_e4`) so that SQL sums them exactly; a figure with more decimals (or too large
    /// for 64 bits at that scale) has `amount_e4` NULL, and the SQL engine refuses to sum it.
    public static let fixedScale = 4

    /// The statements that create the schema, in order (shared with PostgreSQL, whose types
    /// accept these names).
    public static let tables: [String] = [
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
        """
        CREATE TABLE facts (
          report_id INTEGER NOT NULL, ordinal INTEGER NOT NULL, seq BIGINT NOT NULL, entity TEXT NOT NULL, year INTEGER NOT NULL,
          phase TEXT NOT NULL, statement TEXT NOT NULL, item TEXT NOT NULL, code TEXT, econ_code TEXT, fund TEXT,
          measure TEXT NOT NULL, amount TEXT NOT NULL, amount_e4 BIGINT, amount_scale INTEGER NOT NULL,
          unit TEXT NOT NULL, derived INTEGER NOT NULL, disputed INTEGER NOT NULL, file TEXT NOT NULL,
          line INTEGER NOT NULL, mention_count INTEGER NOT NULL,
          PRIMARY KEY (report_id, ordinal))
        """,
        """
        CREATE TABLE mentions (
          report_id INTEGER NOT NULL, fact_ordinal INTEGER NOT NULL, ordinal INTEGER NOT NULL, file TEXT NOT NULL,
          line INTEGER NOT NULL, start_col INTEGER NOT NULL, end_col INTEGER NOT NULL, amount TEXT NOT NULL,
          reading TEXT NOT NULL, unit TEXT, part TEXT,
          PRIMARY KEY (report_id, fact_ordinal, ordinal))
        """,
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
        "CREATE INDEX facts_seq ON facts (seq)",
        "CREATE INDEX facts_year ON facts (year)",
        "CREATE INDEX facts_inexact ON facts (seq) WHERE amount_e4 IS NULL",
        "CREATE INDEX facts_code ON facts (code)",
        "CREATE INDEX reports_source ON reports (source_id)",
    ]

    /// The tables holding a report's rows (deleted with it when its source is re-imported).
    public static let reportTables = ["facts", "mentions", "claims", "projects", "project_facts", "indicators", "glossary",
                               "warnings", "year_mentions", "aliases"]

    /// Creates the schema in an empty database; leaves a current one alone.
    static func migrate(_ db: Database) throws {
        let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        guard version == 0 else { return }
        for statement in tables { try db.execute(sql: statement) }
        try db.execute(sql: "PRAGMA application_id = \(Int32(bitPattern: applicationID))")
        try db.execute(sql: "PRAGMA user_version = \(WorkspaceSchema.version)")
    }
}
