import ArgumentParser
import FiscalModel
import FiscalPostgres
import FiscalShell
import FiscalStore

#if canImport(Glibc)
import Glibc
#endif

/// `fiscal`: the command line. Parsing only; everything else lives in FiscalShell.
@main
struct Fiscal: ParsableCommand {
    // The help texts are catalogue entries in the language chosen at start-up
    // (``CommandLineLanguage``): computed, not stored, so they are read after it is chosen.
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "fiscal",
            abstract: CommandLineLanguage.text(.cliAbstract),
            discussion: CommandLineLanguage.text(.cliDiscussion),
            version: FiscalVersion.string,
            subcommands: [Formats.self, Check.self, HandoutSubcommand.self, ImportSubcommand.self]
        )
    }

    // `unconditional`: the next argument is the query even when it starts with `-` (`-e '-1 * amount'`).
    @Option(name: [.customShort("e"), .customShort("c")], parsing: .unconditionalSingleValue,
            help: ArgumentHelp(CommandLineLanguage.text(.cliExecute), valueName: "QUERY"))
    var execute: [String] = []

    @Option(name: .customShort("f"), parsing: .unconditional, help: ArgumentHelp(CommandLineLanguage.text(.cliFile), valueName: "SCRIPT"))
    var file: String?

    @Option(name: .shortAndLong, help: ArgumentHelp(CommandLineLanguage.text(.cliOutput), valueName: "MODE"))
    var output: OutputMode?

    @Flag(name: [.customShort("a"), .long], help: ArgumentHelp(CommandLineLanguage.text(.cliEcho)))
    var echo = false

    @OptionGroup var language: LanguageOption

    @Flag(name: [.customShort("X"), .customLong("no-rc")], help: ArgumentHelp(CommandLineLanguage.text(.cliNoRC)))
    var noRC = false

    @OptionGroup var reading: ReadingOptions

    @Flag(name: .long, help: ArgumentHelp(CommandLineLanguage.text(.cliKeepGoing)))
    var keepGoing = false

    @Option(name: .long, help: ArgumentHelp(CommandLineLanguage.text(.cliDb), valueName: "WORKSPACE|URL"))
    var db: String?

    @Option(name: .long, help: ArgumentHelp(CommandLineLanguage.text(.cliEngine), valueName: "ENGINE"))
    var engine: QueryEngineChoice?

    @Argument(help: ArgumentHelp(CommandLineLanguage.text(.cliPaths), valueName: "FILE|DIR"))
    var paths: [String] = []

    func run() throws {
        var options = LaunchOptions()
        options.queries = execute
        options.script = file
        options.output = output
        options.format = reading.format
        options.pluginDirectories = reading.plugins
        options.keepGoing = keepGoing
        options.paths = (db.map { [$0] } ?? []) + paths
        options.stores = [WorkspaceOpener(), PostgresOpener()]
        options.engine = engine ?? .memory
        options.echo = echo
        options.language = language.language
        options.skipStartupFile = noRC
        let status = Launcher.run(options, environment: ProcessEnvironment.current)
        if status != 0 { throw ExitCode(status) }
    }

    /// Parses and runs; usage errors exit 2 (not ArgumentParser's 64).
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        CommandLineLanguage.current = CommandLineLanguage.choose(arguments: arguments, environment: ProcessEnvironment.current)
        do {
            // Positional report paths at the root would swallow subcommand names, so a first
            // argument naming a subcommand is dispatched here.
            var command: ParsableCommand
            if arguments.first == "help" {
                // `fiscal help [SUBCOMMAND]`, as the help text offers.
                let sub = arguments.dropFirst().first.flatMap { name in
                    configuration.subcommands.first { $0._commandName == name }
                }
                print(CommandLineLanguage.localized(helpMessage(for: sub ?? Fiscal.self)))
                return
            }
            if let (i, sub) = subcommand(in: arguments) {
                // `fiscal --plugins DIR formats`: options before the subcommand's name are its own.
                command = try sub.parseAsRoot(Array(arguments[..<i] + arguments[(i + 1)...]))
            } else {
                command = try parseAsRoot(arguments)
            }
            try command.run()
        } catch let code as ExitCode {
            Glibc.exit(code.rawValue)
        } catch {
            let status = exitCode(for: error)
            let message = CommandLineLanguage.localized(fullMessage(for: error))
            if status == .success {
                print(message)
                Glibc.exit(0)
            }
            Console.standard.err(message + "\n")
            Glibc.exit(ExitStatus.usage)
        }
    }
}

extension Fiscal {
    /// The root options that take a value (the argument after them is not a path).
    static let valueOptions: Set<String> = ["-e", "-c", "-f", "-o", "--output", "--lang", "--format", "--plugins", "--db", "--engine"]

    /// The subcommand named by the first argument that is not an option or an option's value,
    /// with its index; `nil` when that argument is a path (or there is none).
    static func subcommand(in arguments: [String]) -> (Int, ParsableCommand.Type)? {
        var i = 0
        while i < arguments.count {
            let a = arguments[i]
            if a == "--" { return nil }
            if valueOptions.contains(a) { i += 2; continue }
            if a.hasPrefix("-") && a.count > 1 { i += 1; continue }
            guard let sub = configuration.subcommands.first(where: { $0._commandName == a }) else { return nil }
            return (i, sub)
        }
        return nil
    }
}

extension OutputMode: ExpressibleByArgument {}

/// `fiscal formats`: the format plugins with their versions and file kinds.
struct Formats: ParsableCommand {
    static var configuration: CommandConfiguration { CommandConfiguration(abstract: CommandLineLanguage.text(.cliFormatsAbstract)) }

    @Option(name: .long, help: ArgumentHelp(CommandLineLanguage.text(.cliPlugins), valueName: "DIR"))
    var plugins: [String] = []

    @Option(name: .shortAndLong, help: ArgumentHelp(CommandLineLanguage.text(.cliOutputPlain), valueName: "MODE"))
    var output: OutputMode?

    func run() throws {
        let status = FormatsCommand.run(pluginDirectories: plugins, output: output, environment: ProcessEnvironment.current)
        if status != 0 { throw ExitCode(status) }
    }
}

/// `fiscal check FILE…`: the consistency findings of the reports.
struct Check: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(abstract: CommandLineLanguage.text(.cliCheckAbstract), discussion: CommandLineLanguage.text(.cliCheckDiscussion))
    }

    @Option(name: .shortAndLong, help: ArgumentHelp(CommandLineLanguage.text(.cliOutputPlain), valueName: "MODE"))
    var output: OutputMode?

    @Option(name: .long, help: ArgumentHelp(CommandLineLanguage.text(.cliCheckLang), valueName: "LANG"))
    var lang: String?

    @OptionGroup var reading: ReadingOptions

    @Argument(help: ArgumentHelp(CommandLineLanguage.text(.cliCheckPaths), valueName: "FILE|DIR"))
    var paths: [String]

    func run() throws {
        let status = CheckCommand.run(paths: paths, output: output, format: reading.format, pluginDirectories: reading.plugins,
                                      language: lang.flatMap(Language.init(name:)), environment: ProcessEnvironment.current)
        if status != 0 { throw ExitCode(status) }
    }
}
