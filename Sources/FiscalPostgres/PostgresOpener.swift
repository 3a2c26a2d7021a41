import FiscalFormat
import FiscalShell
import FiscalStore
import Foundation
import FiscalModel

/// Opens PostgreSQL databases for the shell: `fiscal --db postgres://…`, `:connect postgres://…`.
public struct PostgresOpener: ReportStoreOpener {
    public init() {}

    public func recognizes(_ location: String) -> Bool { PostgresServer.isURL(location) }

    /// The most facts a database may hold for its reports to be read into memory when it is
    /// opened (`FISCAL_RESIDENT_FACTS`, default twenty million, about 1 GB of memory); one
    /// holding more stays in the database, which answers every query (``OpenedStore/resident``).
    public static func residentLimit(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Int {
        environment["FISCAL_RESIDENT_FACTS"].flatMap { Int($0) }.map { max(0, $0) } ?? 20_000_000
    }

    public func open(_ location: String) throws(LoadError) -> OpenedStore {
        do {
            let server = try PostgresServer(url: location)
            // A database of the narrow layout says how many facts it holds without a scan.
            if try server.schemaVersion() ?? 0 >= PostgresLayout.version {
                let facts = try server.assembledFactCount(), limit = PostgresOpener.residentLimit()
                if facts > limit {
                    let note = Diagnostic(.note, code: "store-not-resident",
                                          Message(.storeNotResident, server.location, String(facts), String(limit)))
                    return OpenedStore(location: server.location, reports: [], warnings: [note],
                                       sourceText: { path in server.sourceText(path) },
                                       executor: try server.assembledExecutor(), resident: false)
                }
            }
            let corpus = try server.corpus()
            return OpenedStore(location: server.location, reports: corpus.reports, warnings: corpus.warnings,
                               sourceText: { path in server.sourceText(path) },
                               executor: try server.hasAssembledFacts() ? try server.assembledExecutor() : SQLExecutor(database: server))
        } catch {
            throw .unreadable(file: PostgresServer.redacted(location), reason: error.message)
        }
    }
}
