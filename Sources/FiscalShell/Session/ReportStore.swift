import FiscalFormat
import FiscalModel
import FiscalQuery

/// Reports kept somewhere other than their source files (a workspace, a database), opened by
/// `fiscal PATH`, `:load PATH` and `--db URL` without re-reading any source.
///
/// FiscalStore implements it (SQLite through GRDB); the executable hands the openers to the
/// session (``LaunchOptions/stores``), so the shell never compiles against a database library.
public protocol ReportStoreOpener: Sendable {
    /// Whether `location` is a store this opener opens (a workspace file, a database URL).
    func recognizes(_ location: String) -> Bool
    /// The store's reports, its stored source texts and its SQL engine.
    func open(_ location: String) throws(LoadError) -> OpenedStore
}

/// A store, opened.
public struct OpenedStore: Sendable {
    /// Where it is (the path or URL as given).
    public var location: String
    public var reports: [Report]
    /// Warnings of the loads that belong to no single report, as loading the sources printed them.
    public var warnings: [Diagnostic]
    /// The text of a source file as it was read (what `source` shows), `nil` when not stored.
    public var sourceText: @Sendable (String) -> SourceText?
    /// Runs queries inside the store (`--engine sql`).
    public var executor: any QueryExecutor
    /// Whether `reports` are the store's reports. A store too large to read into memory is
    /// opened without them (`reports` empty): every query then runs in it, and one that does
    /// not translate is an error, never an answer over no reports.
    public var resident: Bool

    public init(location: String, reports: [Report], warnings: [Diagnostic], sourceText: @escaping @Sendable (String) -> SourceText?,
                executor: any QueryExecutor, resident: Bool = true) {
        self.resident = resident
        self.location = location
        self.reports = reports
        self.warnings = warnings
        self.sourceText = sourceText
        self.executor = executor
    }
}

/// Runs queries where the reports are stored (SQL on a workspace or a database).
public protocol QueryExecutor: Sendable {
    /// `query` run in the store; ``ExecutorAnswer/notCompiled(stage:reason:)`` when a part of
    /// it has no translation, naming that part.
    func execute(_ query: Query, in context: QueryContext) throws(QueryError) -> ExecutorAnswer
    /// How many facts the reports it queries hold, when it queries the reports as loading
    /// assembles them (stored by the import) rather than the documents as read: then it answers
    /// for the shell's `facts` even where loading merged documents, as long as the session's
    /// assembled reports hold as many facts (a check that the stored assembly is current).
    /// `nil` when it queries the documents.
    var assembledFactCount: Int? { get }
}

extension QueryExecutor {
    public var assembledFactCount: Int? { nil }
}

/// What an executor made of a query.
public enum ExecutorAnswer: Sendable {
    case table(ResultTable)
    /// The stage (`group`, `drill`, `share`, …) the executor cannot translate, and why.
    case notCompiled(stage: String, reason: String)
}

/// Where queries run: fiscal's in-memory engine (the default) or SQL inside the open store.
public enum QueryEngineChoice: String, Sendable, CaseIterable {
    case memory, sql
}
