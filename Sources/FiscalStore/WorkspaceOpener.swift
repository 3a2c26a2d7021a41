import FiscalFormat
import FiscalModel
import FiscalShell
import GRDB

/// Opens workspaces for the shell: `fiscal corpus.fiscal`, `:load corpus.fiscal`, `--db corpus.fiscal`.
public struct WorkspaceOpener: ReportStoreOpener {
    public init() {}

    /// A fiscal workspace file, or a path ending in `.fiscal` (so a missing one says how to make it).
    public func recognizes(_ location: String) -> Bool {
        Workspace.isWorkspace(location) || (location.hasSuffix(".fiscal") && !FileSystem.isDirectory(location))
    }

    public func open(_ location: String) throws(LoadError) -> OpenedStore {
        do {
            let workspace = try Workspace(path: location)
            let corpus = try workspace.corpus()
            // SQL reads the assembled facts where the workspace has them (all but a read-only
            // workspace made before they existed).
            let assembled = try workspace.reading { db in try AssembledFacts.exist(in: db) }
            let database = SQLiteDatabase(workspace)
            return OpenedStore(
                location: location, reports: corpus.reports, warnings: corpus.warnings,
                sourceText: { path in try? workspace.sourceText(path) },
                executor: assembled ? SQLExecutor.assembled(database) : SQLExecutor(database: database))
        } catch {
            throw error.loadError(location)
        }
    }
}
