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

    @OptionGroup var reading: ReadingOptions

    @Flag(name: .long, help: ArgumentHelp(CommandLineLanguage.text(.cliImportRefresh)))
    var refresh = false

    @OptionGroup var language: LanguageOption

    @Argument(help: ArgumentHelp(CommandLineLanguage.text(.cliImportPaths), valueName: "PATH"))
    var paths: [String]

    func run() throws {
        let status = ImportCommand.run(
            paths: paths, into: into, format: reading.format, pluginDirectories: reading.plugins, refresh: refresh,
            language: language.language, environment: ProcessEnvironment.current,
            open: { location throws(StoreError) -> any ImportDestination in
                if PostgresServer.isURL(location) { return try PostgresServer(url: location) }
                return try Workspace(path: location, create: true)
            })
        if status != 0 { throw ExitCode(status) }
    }
}

extension QueryEngineChoice: ExpressibleByArgument {}
