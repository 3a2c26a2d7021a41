import ArgumentParser
import FiscalModel
import FiscalPostgres
import FiscalShell
import FiscalStore

/// `fiscal import PATH… --into corpus.fiscal`: read sources once into a workspace.
struct ImportSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Read reports once into a workspace (a SQLite file) that opens without re-reading them.",
        discussion: """
            fiscal import PATH… --into corpus.fiscal    then: fiscal corpus.fiscal, or :load corpus.fiscal
            fiscal import PATH… --into postgres://user@host/db    then: fiscal --db postgres://…

            A source imported before is left alone when its bytes are the same (--refresh reads it
            again) and its reports are replaced when it changed; nothing else is touched. The whole
            import is one transaction: when a file cannot be read, or the import is interrupted,
            the workspace stays as it was. docs/WORKSPACE.md describes the tables.

            Exit status: 0 imported, 2 wrong usage, 3 a file (or the workspace) could not be read.
            """)

    @Option(name: .long, help: ArgumentHelp("The workspace to write (made when missing), or a postgres:// URL.", valueName: "WORKSPACE"))
    var into: String

    @Option(name: .long, help: ArgumentHelp("Read the files with this format plugin.", valueName: "NAME"))
    var format: String?

    @Option(name: .long, help: ArgumentHelp("Also look for external format plugins in DIR.", valueName: "DIR"))
    var plugins: [String] = []

    @Flag(name: .long, help: "Read sources again even when their bytes have not changed (after upgrading fiscal).")
    var refresh = false

    @Option(name: .long, help: ArgumentHelp("Language of messages: en or zh (default: from LANG).", valueName: "LANG"))
    var lang: String?

    @Argument(help: ArgumentHelp("Report files or folders to import.", valueName: "PATH"))
    var paths: [String]

    func run() throws {
        let status = ImportCommand.run(
            paths: paths, into: into, format: format, pluginDirectories: plugins, refresh: refresh,
            language: lang.flatMap(Language.init(name:)), environment: ProcessEnvironment.current,
            open: { location throws(StoreError) -> any ImportDestination in
                if PostgresServer.isURL(location) { return try PostgresServer(url: location) }
                return try Workspace(path: location, create: true)
            })
        if status != 0 { throw ExitCode(status) }
    }
}

extension QueryEngineChoice: ExpressibleByArgument {}
