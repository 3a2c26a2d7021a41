import FiscalModel
import Foundation
import GRDB

/// The facts of a structured source (the canonical CSV) kept as columns beside its rows, so
/// that opening a workspace of ten million facts copies a few arrays instead of building ten
/// million facts from rows of text (issue 16: a first prompt in under 2 s).
///
/// A source's reports qualify when their facts are one ``FactColumns`` as the reader gave it:
/// each report a range of it, in order, covering it, with no entity put over the columns'. The
/// columns are stored in ``FactColumns/binary()`` form, cut into chunks (SQLite keeps a value
/// under 1 GB), with how many facts each report of the source has. The rows of `facts` stay the
/// record that SQL queries; the snapshot is written in the same transaction as they are and
/// deleted with them, and opening checks it against the reports it is for.
public enum ColumnSnapshot {
    /// The tables (SQLite only: PostgreSQL's copy of a workspace reads its rows).
    public static let tables = [
        """
        CREATE TABLE IF NOT EXISTS column_snapshots (
          source_id INTEGER PRIMARY KEY, facts INTEGER NOT NULL, report_facts BLOB NOT NULL, chunks INTEGER NOT NULL)
        """,
        """
        CREATE TABLE IF NOT EXISTS column_snapshot_chunks (
          source_id INTEGER NOT NULL, chunk INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (source_id, chunk))
        """,
    ]

    /// The most bytes one chunk holds.
    static let chunkSize = 1 << 26

    /// The columns and each report's fact count, when `reports` are one ``FactColumns`` in order.
    static func columns(of reports: [Report]) -> (columns: FactColumns, counts: [Int])? {
        guard let first = reports.first?.facts.columns else { return nil }
        var next = 0
        var counts: [Int] = []
        for r in reports {
            guard case let (c, range, entity)? = r.facts.columns, c === first.columns, entity == nil, range.lowerBound == next else {
                return nil
            }
            counts.append(range.count)
            next = range.upperBound
        }
        return next == first.columns.count ? (first.columns, counts) : nil
    }

    /// Stores the columns of source `source`'s `reports` when they qualify (replacing any it had).
    static func write(_ reports: [Report], source: Int64, into db: Database) throws {
        try delete(source: source, in: db)
        guard let (columns, counts) = columns(of: reports) else { return }
        let bytes = columns.binary()
        var reportFacts = BinaryWriterForCounts()
        for n in counts { reportFacts.append(n) }
        let chunks = stride(from: 0, to: bytes.count, by: chunkSize).map { $0..<min($0 + chunkSize, bytes.count) }
        try db.execute(sql: "INSERT INTO column_snapshots (source_id, facts, report_facts, chunks) VALUES (?, ?, ?, ?)",
                       arguments: [source, columns.count, Data(reportFacts.bytes), chunks.count])
        let insert = try db.makeStatement(sql: "INSERT INTO column_snapshot_chunks (source_id, chunk, data) VALUES (?, ?, ?)")
        for (i, range) in chunks.enumerated() {
            try bytes.withUnsafeBytes { all in
                try insert.execute(arguments: [source, i, Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: all.baseAddress! + range.lowerBound),
                                                               count: range.count, deallocator: .none)])
            }
        }
    }

    static func delete(source: Int64, in db: Database) throws {
        try db.execute(sql: "DELETE FROM column_snapshot_chunks WHERE source_id = ?", arguments: [source])
        try db.execute(sql: "DELETE FROM column_snapshots WHERE source_id = ?", arguments: [source])
    }

    /// Whether `db` has the tables (a workspace made before them and opened read-only has not).
    static func exist(in db: Database) throws -> Bool {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'column_snapshots'") == 1
    }

    /// Every source's snapshot: its columns and each of its reports' fact counts.
    static func read(_ db: Database) throws -> [Int64: (columns: FactColumns, counts: [Int])] {
        guard try exist(in: db) else { return [:] }
        var found: [Int64: (columns: FactColumns, counts: [Int])] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT source_id, facts, report_facts, chunks FROM column_snapshots ORDER BY source_id") {
            let source: Int64 = row[0]
            var bytes = Data()
            let chunkRows = try Row.fetchCursor(db, sql: "SELECT chunk, data FROM column_snapshot_chunks WHERE source_id = ? ORDER BY chunk",
                                                arguments: [source])
            var chunks = 0
            while let chunk = try chunkRows.next() {
                guard chunk[0] as Int == chunks else { throw corrupt(source, "chunk \(chunks)") }
                if let data = chunk.dataNoCopy(atIndex: 1) { bytes.append(data) }
                chunks += 1
            }
            found[source] = try decode(source: source, facts: row[1], reportFacts: row[2] ?? Data(), chunks: row[3], found: chunks, bytes: bytes)
        }
        return found
    }

    static func corrupt(_ source: Int64, _ expected: String) -> StoreError {
        StoreError(.storeDatabaseFailed, "column_snapshots", "source \(source): expected \(expected)")
    }

    /// A snapshot from its stored parts (a row of `column_snapshots`, and its chunks joined:
    /// `found` of them), checked: the counts add up, every chunk is there, the columns decode.
    public static func decode(source: Int64, facts: Int, reportFacts countBytes: Data, chunks chunkCount: Int, found: Int,
                       bytes: Data) throws -> (columns: FactColumns, counts: [Int]) {
        guard countBytes.count % 8 == 0 else { throw corrupt(source, "8 bytes per report's fact count") }
        let counts = countBytes.withUnsafeBytes { raw in
            (0..<(raw.count / 8)).map { Int(Int64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: Int64.self))) }
        }
        guard counts.allSatisfy({ $0 >= 0 }), counts.reduce(0, +) == facts else { throw corrupt(source, "report fact counts adding up to \(facts)") }
        guard found == chunkCount else { throw corrupt(source, "\(chunkCount) chunks, found \(found)") }
        let columns: FactColumns
        do {
            columns = try bytes.withUnsafeBytes { raw throws(FactColumnsDecodingError) in try FactColumns(binary: raw) }
        } catch {
            throw corrupt(source, "columns of facts (\(error))")
        }
        guard columns.count == facts else { throw corrupt(source, "\(facts) facts, found \(columns.count)") }
        return (columns, counts)
    }
}

/// Fact counts as 8-byte little-endian integers.
struct BinaryWriterForCounts {
    var bytes: [UInt8] = []
    mutating func append(_ n: Int) { withUnsafeBytes(of: Int64(n).littleEndian) { bytes += $0 } }
}
