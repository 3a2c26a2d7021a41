import ArgumentParser
import FiscalModel
import FiscalPostgres
import FiscalShell
import FiscalStore

/// `fiscal import PATH… --into corpus.fiscal`: read sources once into a workspace.
struct ImportSubcommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "import",
            abstract: CommandLineLanguage.text(.cliImportAbstract),
            discussion: CommandLineLanguage.text(.cliImportDiscussion))
    }

    @Option(name: .long, help: ArgumentHelp(CommandLineLanguage.text(.cliImportInto), valueName: "WORKSPACE|URL"))
    var into: String

    @Option(name: .long, help: ArgumentHelp(CommandLineLanguage.text(.cliFormat), valueName: "NAME"))
    var format: String?

    @Option(name: .long, help: ArgumentHelp(CommandLineLanguage.text(.cliPlugins), valueName: "DIR"))
    var plugins: [String] = []

    @Flag(name: .long, help: ArgumentHelp(CommandLineLanguage.text(.cliImportRefresh)))
    var refresh = false

    @Option(name: .long, help: ArgumentHelp(CommandLineLanguage.text(.cliLang), valueName: "LANG"))
    var lang: String?

    @Argument(help: ArgumentHelp(CommandLineLanguage.text(.cliImportPaths), valueName: "PATH"))
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
