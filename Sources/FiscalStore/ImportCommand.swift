import FiscalFormat
import FiscalModel
import FiscalShell
import GRDB

/// Where `fiscal import` writes: a workspace file, or a database holding the same tables.
public protocol ImportDestination {
    /// Where it is, for messages (a database URL without its password).
    var location: String { get }
    /// Reads `paths` and stores their reports, all or nothing (see ``Workspace/importSources(_:registry:format:refresh:known:progress:)``).
    func importSources(_ paths: [String], registry: FormatRegistry, format: String?, refresh: Bool,
                       progress: (ImportOutcome) -> Void) throws(StoreError) -> [ImportOutcome]
    /// How many sources, reports and facts it holds.
    func totals() throws(StoreError) -> (sources: Int, reports: Int, facts: Int)
}

extension Workspace: ImportDestination {
    public var location: String { path }

    public func importSources(_ paths: [String], registry: FormatRegistry, format: String?, refresh: Bool,
                              progress: (ImportOutcome) -> Void) throws(StoreError) -> [ImportOutcome] {
        try importSources(paths, registry: registry, format: format, refresh: refresh, known: [:], progress: progress)
    }
}

/// `fiscal import PATH… --into corpus.fiscal`: reads sources once into a workspace.
public enum ImportCommand {
    /// Imports `paths` into the workspace `into` (made when missing); prints a line per source
    /// on standard error as it is read, and the workspace's totals on standard output.
    /// Returns the exit status: 0, or ``ExitStatus/unreadableInput`` when a source (or the
    /// workspace) could not be read — then nothing of this import is kept.
    public static func run(
        paths: [String], into location: String, format: String?, pluginDirectories: [String], refresh: Bool,
        language: Language?, environment: [String: String], console: Console = .standard,
        open: (String) throws(StoreError) -> any ImportDestination = { location throws(StoreError) in try Workspace(path: location, create: true) }
    ) -> Int32 {
        let language = language ?? .from(environment: environment)
        let (registry, diagnostics) = FormatSetup.registry(pluginDirectories: pluginDirectories, environment: environment)
        for d in diagnostics { console.err(TerminalText.escaped("\(d)") + "\n") }
        if let format, registry.format(named: format) == nil {
            console.err(ErrorReport.render(Message(.noFormatNamed, format, registry.names.joined(separator: ", ")), language: language))
            return ExitStatus.usage
        }
        do {
            let workspace = try open(location)
            _ = try workspace.importSources(paths, registry: registry, format: format, refresh: refresh) { outcome in
                console.err(TerminalText.escaped(outcome.message.text(language)) + "\n")
                for w in outcome.warnings { console.err(TerminalText.escaped("\(w)") + "\n") }
            }
            let totals = try workspace.totals()
            console.out(TerminalText.escaped(Message(.storeSummary, workspace.location, String(totals.sources), String(totals.reports),
                                                     String(totals.facts)).text(language)) + "\n")
            return ExitStatus.success
        } catch {
            console.err(ErrorReport.render(error.message, language: language))
            return ExitStatus.unreadableInput
        }
    }
}

extension Workspace {
    /// How many sources, reports and facts the workspace holds.
    public func totals() throws(StoreError) -> (sources: Int, reports: Int, facts: Int) {
        try reading { db in
            let row = try Row.fetchOne(db, sql: "SELECT (SELECT COUNT(*) FROM sources), (SELECT COUNT(*) FROM reports), (SELECT COUNT(*) FROM facts)")!
            return (row[0], row[1], row[2])
        }
    }
}
