import FiscalStore

/// How a PostgreSQL database keeps the workspace tables (docs/WORKSPACE.md), schema version 5:
/// made so that 10⁸ facts fit on one disk and are queried in one pass (issue 16).
///
/// - The documents' tables are a workspace's, except that a source kept as columns (the
///   canonical CSV: ``ColumnSnapshot``) has its columns stored, in `column_snapshots`, instead of
///   one row per fact in `facts` and `mentions`. Opening and assembling read the columns.
/// - The assembled facts, which the SQL engine queries, are stored narrow: `assembled_rows`
///   holds numbers only (ids of a fact's context and labels, the amount at the fixed scale, its
///   line and its first mention's place), about 100 bytes a fact with its key, against about
///   450 for a row of text. The views `assembled_facts` and `assembled_mentions` give them the
///   workspace's columns back, so the SQL engine's statements are the same on both.
/// - `fiscal_meta` records the version and what opening needs without a scan (the count of
///   assembled facts).
///
/// A database made before version 5 (no `fiscal_meta`) opens as it is; the next import into
/// it replaces its assembled tables with this layout (they are derived data) and assembles them.
enum PostgresLayout {
    static let version = 5

    static let meta = "CREATE TABLE IF NOT EXISTS fiscal_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"

    /// ``ColumnSnapshot/tables`` with PostgreSQL's binary type.
    static let snapshots = [
        """
        CREATE TABLE IF NOT EXISTS column_snapshots (
          source_id BIGINT PRIMARY KEY, facts BIGINT NOT NULL, report_facts BYTEA NOT NULL, chunks INTEGER NOT NULL)
        """,
        """
        CREATE TABLE IF NOT EXISTS column_snapshot_chunks (
          source_id BIGINT NOT NULL, chunk INTEGER NOT NULL, data BYTEA NOT NULL, PRIMARY KEY (source_id, chunk))
        """,
    ]

    /// An amount's text from its fixed-point value: what `Amount.description` writes for it
    /// (`round` keeps exactly `scale` decimals), stored only where the text differs.
    static func amountText(_ row: String) -> String {
        "CAST(round(\(row).amount_e4 / 10000.0, \(row).amount_scale) AS TEXT)"
    }

    /// The assembled facts, narrow, and the views giving them the workspace's columns.
    ///
    /// The views join their labels with `LEFT JOIN` on the labels' keys: every id has its
    /// label (the import writes both), so it is the same as an inner join, but PostgreSQL
    /// leaves out the join of a table none of whose columns a query reads (a count reads
    /// `assembled_rows` alone, a group by year joins the contexts only).
    ///
    /// Columns wider than four bytes come first (PostgreSQL aligns each); an empty `m_line` is
    /// the fact's line, an empty `m_amount` the fact's amount, an empty `amount_text` the
    /// amount's fixed-point value written out.
    static let assembled = [
        "CREATE TABLE fact_contexts (id INTEGER PRIMARY KEY, entity TEXT NOT NULL, year INTEGER NOT NULL, phase TEXT NOT NULL)",
        """
        CREATE TABLE fact_labels (
          id INTEGER PRIMARY KEY, statement TEXT NOT NULL, item TEXT NOT NULL, code TEXT, econ_code TEXT, fund TEXT,
          measure TEXT NOT NULL, unit TEXT NOT NULL, file TEXT NOT NULL)
        """,
        "CREATE TABLE mention_labels (id INTEGER PRIMARY KEY, file TEXT NOT NULL, reading TEXT NOT NULL, unit TEXT, part TEXT)",
        """
        CREATE TABLE assembled_rows (
          seq BIGINT NOT NULL, amount_e4 BIGINT, report_id INTEGER NOT NULL, ordinal INTEGER NOT NULL,
          context_id INTEGER NOT NULL, label_id INTEGER NOT NULL, line INTEGER NOT NULL, mention_count INTEGER NOT NULL,
          m_label INTEGER, m_line INTEGER, m_start INTEGER, m_end INTEGER,
          amount_scale SMALLINT NOT NULL, derived SMALLINT NOT NULL, disputed SMALLINT NOT NULL, amount_text TEXT, m_amount TEXT)
        """,
        """
        CREATE TABLE assembled_more_mentions (
          report_id INTEGER NOT NULL, fact_ordinal INTEGER NOT NULL, ordinal INTEGER NOT NULL, label_id INTEGER NOT NULL,
          line INTEGER NOT NULL, start_col INTEGER NOT NULL, end_col INTEGER NOT NULL, amount TEXT NOT NULL,
          PRIMARY KEY (report_id, fact_ordinal, ordinal))
        """,
        """
        CREATE VIEW assembled_facts AS
        SELECT f.report_id, f.ordinal, f.seq, c.entity, c.year, c.phase, l.statement, l.item, l.code, l.econ_code, l.fund,
          l.measure, COALESCE(f.amount_text, \(amountText("f"))) AS amount, f.amount_e4,
          CAST(f.amount_scale AS INTEGER) AS amount_scale, l.unit, CAST(f.derived AS INTEGER) AS derived,
          CAST(f.disputed AS INTEGER) AS disputed, l.file, f.line, f.mention_count
        FROM assembled_rows f LEFT JOIN fact_contexts c ON c.id = f.context_id LEFT JOIN fact_labels l ON l.id = f.label_id
        """,
        """
        CREATE VIEW assembled_mentions AS
        SELECT f.report_id, f.ordinal AS fact_ordinal, 0 AS ordinal, ml.file, COALESCE(f.m_line, f.line) AS line,
          f.m_start AS start_col, f.m_end AS end_col, COALESCE(f.m_amount, f.amount_text, \(amountText("f"))) AS amount,
          ml.reading, ml.unit, ml.part
        FROM assembled_rows f LEFT JOIN mention_labels ml ON ml.id = f.m_label
        UNION ALL
        SELECT m.report_id, m.fact_ordinal, m.ordinal, ml.file, m.line, m.start_col, m.end_col, m.amount, ml.reading, ml.unit, ml.part
        FROM assembled_more_mentions m LEFT JOIN mention_labels ml ON ml.id = m.label_id
        """,
    ]

    /// The indexes of `assembled_rows`: dropped before it is filled and made after (faster than
    /// keeping them up to date row by row).
    static let rowIndexes = [
        "CREATE UNIQUE INDEX assembled_rows_key ON assembled_rows (report_id, ordinal)",
        "CREATE INDEX assembled_rows_inexact ON assembled_rows (seq) WHERE amount_e4 IS NULL",
    ]
    static let rowIndexNames = ["assembled_rows_key", "assembled_rows_inexact"]

    /// The tables `assembled` makes, in the order they are emptied.
    static let assembledTableNames = ["assembled_rows", "assembled_more_mentions", "fact_contexts", "fact_labels", "mention_labels"]

    /// A new database's tables: the documents', the columns', the assembled (narrow), the version.
    static var create: [String] {
        WorkspaceSchema.documentTables + snapshots + assembled + rowIndexes + [meta]
    }

    /// What a database made before version 5 is given: the assembled tables (derived data,
    /// rebuilt by the import) replaced by the narrow ones.
    static var migrate: [String] {
        ["DROP TABLE IF EXISTS assembled_mentions", "DROP TABLE IF EXISTS assembled_facts", WorkspaceSchema.sourceTextTable]
            + snapshots + assembled + rowIndexes + [meta]
    }
}
