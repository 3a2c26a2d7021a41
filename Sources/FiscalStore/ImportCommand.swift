import FiscalFormat
import FiscalModel
import FiscalShell
import GRDB

/// `fiscal import PATH… --into corpus.fiscal`: reads sources once into a workspace.
public enum ImportCommand {
    /// Imports `paths` into the workspace `into` (made when missing); prints a line per source
    /// on standard error as it is read, and the workspace's totals on standard output.
    /// Returns the exit status: 0, or ``ExitStatus/unreadableInput`` when a source (or the
    /// workspace) could not be read — then nothing of this import is kept.
    public static func run(
        paths: [String], into location: String, format: String?, pluginDirectories: [String], refresh: Bool,
        language: Language?, environment: [String: String], console: Console = .standard
    ) -> Int32 {
        let language = language ?? .from(environment: environment)
        let (registry, diagnostics) = FormatSetup.registry(pluginDirectories: pluginDirectories, environment: environment)
        for d in diagnostics { console.err(TerminalText.escaped("\(d)") + "\n") }
        if let format, registry.format(named: format) == nil {
            console.err(ErrorReport.render(Message(.noFormatNamed, format, registry.names.joined(separator: ", ")), language: language))
            return ExitStatus.usage
        }
        do {
            let workspace = try Workspace(path: location, create: true)
            _ = try workspace.importSources(paths, registry: registry, format: format, refresh: refresh) { outcome in
                console.err(TerminalText.escaped(outcome.message.text(language)) + "\n")
                for w in outcome.warnings { console.err(TerminalText.escaped("\(w)") + "\n") }
            }
            let totals = try workspace.totals()
            console.out(TerminalText.escaped(Message(.storeSummary, location, String(totals.sources), String(totals.reports),
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
