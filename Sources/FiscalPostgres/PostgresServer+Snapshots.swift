import FiscalModel
import FiscalStore
import Foundation
import GRDB
import PostgresNIO

/// The column snapshots of CSV sources (``ColumnSnapshot``) on PostgreSQL: copied from the
/// import's scratch workspace as `BYTEA`, read back whole when the reports are read.
extension PostgresServer {
    /// Copies the scratch workspace's column snapshots, each under its source's id in the database.
    func copySnapshots(of workspace: Workspace, sources: [Int64: Int64]) throws {
        let heads = try workspace.reading { db in
            try Row.fetchAll(db, sql: "SELECT source_id, facts, report_facts, chunks FROM column_snapshots ORDER BY source_id")
                .map { (source: $0[0] as Int64, facts: $0[1] as Int64, counts: $0[2] as Data, chunks: $0[3] as Int64) }
        }
        for head in heads {
            guard let id = sources[head.source] else { continue }
            var binds = PostgresBindings(capacity: 4)
            binds.append(id)
            binds.append(head.facts)
            binds.append(ByteBuffer(bytes: head.counts))
            binds.append(head.chunks)
            try run(PostgresQuery(unsafeSQL: "INSERT INTO column_snapshots (source_id, facts, report_facts, chunks) VALUES ($1, $2, $3, $4)", binds: binds))
            for chunk in 0..<head.chunks {
                let data = try workspace.reading { db in
                    try Data.fetchOne(db, sql: "SELECT data FROM column_snapshot_chunks WHERE source_id = ? AND chunk = ?", arguments: [head.source, chunk])
                } ?? Data()
                var binds = PostgresBindings(capacity: 3)
                binds.append(id)
                binds.append(chunk)
                binds.append(ByteBuffer(bytes: data))
                try run(PostgresQuery(unsafeSQL: "INSERT INTO column_snapshot_chunks (source_id, chunk, data) VALUES ($1, $2, $3)", binds: binds))
            }
        }
    }

    /// Every source's columns (``ColumnSnapshot``), checked as a workspace checks them.
    func readSnapshots() throws -> [Int64: (columns: FactColumns, counts: [Int])] {
        guard try schemaVersion() ?? 0 >= 5 else { return [:] }
        let connection = self.connection, logger = self.logger
        let heads = try PostgresServer.wait {
            var out: [(Int64, Int64, Data, Int64)] = []
            for try await (source, facts, counts, chunks) in try await connection.query(
                "SELECT source_id, facts, report_facts, CAST(chunks AS BIGINT) FROM column_snapshots ORDER BY source_id", logger: logger
            ).decode((Int64, Int64, ByteBuffer, Int64).self) {
                out.append((source, facts, Data(counts.readableBytesView), chunks))
            }
            return out
        }
        var found: [Int64: (columns: FactColumns, counts: [Int])] = [:]
        for (source, facts, counts, chunks) in heads {
            let (bytes, seen) = try PostgresServer.wait {
                var bytes = Data()
                var seen = 0
                for try await (chunk, data) in try await connection.query(
                    "SELECT CAST(chunk AS BIGINT), data FROM column_snapshot_chunks WHERE source_id = \(source) ORDER BY chunk", logger: logger
                ).decode((Int64, ByteBuffer).self) {
                    guard chunk == Int64(seen) else { break }
                    bytes.append(contentsOf: data.readableBytesView)
                    seen += 1
                }
                return (bytes, seen)
            }
            found[source] = try ColumnSnapshot.decode(source: source, facts: Int(facts), reportFacts: counts, chunks: Int(chunks),
                                                      found: seen, bytes: bytes)
        }
        return found
    }
}
