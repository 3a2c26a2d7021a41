import GRDB

/// A value as it crosses to and from a database: what the generated SQL binds and reads.
public enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    /// Text, and numbers too large for 64 bits (PostgreSQL's `numeric` sums), as decimal text.
    case text(String)

    public var int: Int64? { if case .integer(let i) = self { i } else if case .text(let s) = self { Int64(s) } else { nil } }
    public var string: String? { if case .text(let s) = self { s } else { nil } }
    /// An integer of up to 38 digits (a sum), from either kind.
    public var int128: Int128? {
        switch self {
        case .integer(let i): Int128(i)
        case .text(let s): Int128(s.hasSuffix(".0") ? String(s.dropLast(2)) : s)
        case .null: nil
        }
    }
}

/// The SQL flavours the engine writes: the few places SQLite and PostgreSQL differ.
public enum SQLDialect: Sendable {
    case sqlite, postgres

    /// Text ordered by code point, as fiscal orders it (PostgreSQL's default collation follows the locale).
    public func ordered(_ column: String) -> String { self == .postgres ? "\(column) COLLATE \"C\"" : column }

    /// The position of `needle` in `hay` (1-based, 0 when absent).
    public func position(_ hay: String, _ needle: String) -> String {
        self == .postgres ? "strpos(\(hay), \(needle))" : "instr(\(hay), \(needle))"
    }

    /// An exact sum as the driver reads it: PostgreSQL's `numeric` as text, SQLite's integer as is.
    public func exactText(_ expression: String) -> String { self == .postgres ? "CAST(\(expression) AS TEXT)" : expression }

    /// A common table expression `name AS (body)` that the planner may fold into each statement
    /// reading it. PostgreSQL otherwise computes a CTE named more than once into a work table
    /// first: at 10M facts, a tuplestore of every filtered row spilled to disk, then read back
    /// two or three times (30–50 s a statement), where scanning the narrow rows again is cheaper
    /// and can use parallel workers. SQLite's planner keeps its own choice.
    public func inlined(_ name: String, _ body: String) -> String {
        self == .postgres ? "\(name) AS NOT MATERIALIZED (\(body))" : "\(name) AS (\(body))"
    }

    /// Placeholder number `i` (1-based).
    public func placeholder(_ i: Int) -> String { self == .postgres ? "$\(i)" : "?" }
}

/// Which facts the SQL engine reads: the documents' as read (`facts`, `mentions`), or the
/// assembled reports' (`assembled_facts`, `assembled_mentions`: the shell's `facts`).
public enum SQLTables: Sendable {
    case documents, assembled

    /// The table of facts.
    public var facts: String { self == .documents ? "facts" : "assembled_facts" }
    /// The table of their mentions.
    public var mentions: String { self == .documents ? "mentions" : "assembled_mentions" }
}

/// A database the SQL engine runs on: the workspace tables in SQLite or PostgreSQL.
public protocol SQLDatabase: Sendable {
    var dialect: SQLDialect { get }
    /// Where it is, for messages.
    var location: String { get }
    /// The rows `sql` gives with `arguments` bound in order.
    func rows(_ sql: String, _ arguments: [SQLValue]) throws -> [[SQLValue]]
}

/// A workspace file as an ``SQLDatabase``.
public struct SQLiteDatabase: SQLDatabase {
    let workspace: Workspace
    public init(_ workspace: Workspace) { self.workspace = workspace }
    public var dialect: SQLDialect { .sqlite }
    public var location: String { workspace.path }

    public func rows(_ sql: String, _ arguments: [SQLValue]) throws -> [[SQLValue]] {
        try workspace.database.read { db in
            let statement = try db.makeStatement(sql: sql)
            let bound: [(any DatabaseValueConvertible)?] = arguments.map {
                switch $0 {
                case .null: nil
                case .integer(let i): i
                case .text(let s): s
                }
            }
            // Validated: a wrong number of arguments is an error, not a crash (the setter traps).
            try statement.setArguments(StatementArguments(bound))
            var out: [[SQLValue]] = []
            let cursor = try Row.fetchCursor(statement)
            while let row = try cursor.next() {
                out.append((0..<row.count).map { i in
                    switch (row[i] as DatabaseValue).storage {
                    case .null: .null
                    case .int64(let v): .integer(v)
                    case .double(let v): Int64(exactly: v).map(SQLValue.integer) ?? .text(String(v))
                    case .string(let v): .text(v)
                    case .blob: .null
                    }
                })
            }
            return out
        }
    }
}
