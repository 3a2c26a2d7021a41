import FiscalFormat
import FiscalShell
import FiscalStore

/// Opens PostgreSQL databases for the shell: `fiscal --db postgres://…`, `:connect postgres://…`.
public struct PostgresOpener: ReportStoreOpener {
    public init() {}

    public func recognizes(_ location: String) -> Bool { PostgresServer.isURL(location) }

    public func open(_ location: String) throws(LoadError) -> OpenedStore {
        do {
            let server = try PostgresServer(url: location)
            let corpus = try server.corpus()
            return OpenedStore(location: server.location, reports: corpus.reports, warnings: corpus.warnings,
                               sourceText: { path in server.sourceText(path) },
                               executor: try server.hasAssembledFacts() ? try server.assembledExecutor() : SQLExecutor(database: server))
        } catch {
            throw .unreadable(file: PostgresServer.redacted(location), reason: error.message)
        }
    }
}
