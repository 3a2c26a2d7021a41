import FiscalModel
import GRDB

/// The assembled reports' facts in a workspace (``WorkspaceSchema/assembledTables``): what the
/// shell's `facts` are once loading has merged a narrative with its tables, skipped repeats,
/// made an entity's names one and counted a figure once — so SQL over them counts each figure
/// once, as the in-memory engine does.
///
/// They are derived data: every stored document is read back and assembled exactly as opening
/// the workspace assembles it (``ReportAssembly`` with no user aliases), then written out.
enum AssembledFacts {
    /// Replaces the assembled tables of `db` with the facts of its documents, assembled.
    static func rebuild(_ db: Database) throws {
        let documents = try ReportReader(db).corpus().reports
        try write(ReportAssembly(documents).reports, into: db)
    }

    /// Replaces the assembled tables of `db` with the facts of `reports`, in order.
    static func write(_ reports: [Report], into db: Database) throws {
        try db.execute(sql: "DELETE FROM assembled_mentions")
        try db.execute(sql: "DELETE FROM assembled_facts")
        let writer = try FactWriter(db, facts: "assembled_facts", mentions: "assembled_mentions")
        var seq: Int64 = 0
        for (r, report) in reports.enumerated() {
            for (i, fact) in report.facts.enumerated() {
                try writer.insert(fact, report: Int64(r), ordinal: i, seq: seq)
                seq += 1
            }
        }
    }

    /// Whether `db` has the assembled tables (a workspace made before them and opened read-only
    /// has not).
    static func exist(in db: Database) throws -> Bool {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'assembled_facts'") == 1
    }
}

extension Workspace {
    /// Replaces the workspace's assembled facts with those of `reports` (a database's, assembled
    /// elsewhere, on their way to it).
    public func writeAssembled(_ reports: [Report]) throws(StoreError) {
        do {
            try database.write { db in try AssembledFacts.write(reports, into: db) }
        } catch {
            throw StoreError(.storeDatabaseFailed, path, "\(error)")
        }
    }
}
