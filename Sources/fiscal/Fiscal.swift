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
    static let configuration = CommandConfiguration(
        commandName: "fiscal",
        abstract: "Read Chinese government budget and final-accounts disclosures (部门预算/部门决算).",
        discussion: """
            fiscal [FILE|DIR ...]            open the shell with these reports
            fiscal -e QUERY [FILE|DIR ...]   run QUERY, print it, exit (-c too)
            fiscal -f SCRIPT [FILE|DIR ...]  run a script ('-': stdin), exit
                                             (after any -e queries)
            fiscal handout SCRIPT [FILE] -o lesson.html  a printable lesson
            fiscal import PATH... --into corpus.fiscal   read reports once
                                             into a workspace; then open it:
                                             fiscal corpus.fiscal

            Start-up file: $XDG_CONFIG_HOME/fiscal/fiscalrc (default
            ~/.config/fiscal/fiscalrc), statements run first; -X skips it.
            Messages are in Chinese when LANG or LC_MESSAGES is zh_*.

            Exit status: 0 success, 1 a query or script failed (or check
            found an error), 2 wrong usage, 3 an input file was unreadable.
            """,
        version: FiscalVersion.string,
        subcommands: [Formats.self, Check.self, HandoutSubcommand.self, ImportSubcommand.self]
    )

    // `unconditional`: the next argument is the query even when it starts with `-` (`-e '-1 * amount'`).
    @Option(name: [.customShort("e"), .customShort("c")], parsing: .unconditionalSingleValue,
            help: ArgumentHelp("Run QUERY, print the result, and exit; may repeat (-c is the same, as in psql).", valueName: "QUERY"))
    var execute: [String] = []

    @Option(name: .customShort("f"), parsing: .unconditional, help: ArgumentHelp("Run a script file ('-' reads standard input), then exit.", valueName: "SCRIPT"))
    var file: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("Output: table, csv, json, markdown, html or svg (default: table).", valueName: "MODE"))
    var output: OutputMode?

    @Flag(name: [.customShort("a"), .long], help: "Print each statement before its result (psql -a).")
    var echo = false

    @Option(name: .long, help: ArgumentHelp("Language of messages, help and headings: en or zh (default: from LANG).", valueName: "LANG"))
    var lang: String?

    @Flag(name: [.customShort("X"), .customLong("no-rc")], help: "Do not run the start-up file (fiscalrc).")
    var noRC = false

    @Option(name: .long, help: ArgumentHelp("Read the files with this format plugin.", valueName: "NAME"))
    var format: String?

    @Option(name: .long, help: ArgumentHelp("Also look for external format plugins in DIR.", valueName: "DIR"))
    var plugins: [String] = []

    @Flag(name: .long, help: "In scripts, go on after a failed statement (the exit status is still 1).")
    var keepGoing = false

    @Option(name: .long, help: ArgumentHelp("Open a workspace or a PostgreSQL database (postgres://user@host/db), as if named among the files.", valueName: "WORKSPACE|URL"))
    var db: String?

    @Option(name: .long, help: ArgumentHelp("Where queries run: memory (default) or sql (inside the workspace; what does not translate runs in memory, with a note).", valueName: "ENGINE"))
    var engine: QueryEngineChoice = .memory

    @Argument(help: ArgumentHelp("Report files, folders or workspaces to load.", valueName: "FILE|DIR"))
    var paths: [String] = []

    func validate() throws {
        if let lang, Language(name: lang) == nil {
            throw ValidationError("expected --lang en or zh; found `\(lang)`")
        }
    }

    func run() throws {
        var options = LaunchOptions()
        options.queries = execute
        options.script = file
        options.output = output
        options.format = format
        options.pluginDirectories = plugins
        options.keepGoing = keepGoing
        options.paths = (db.map { [$0] } ?? []) + paths
        options.stores = [WorkspaceOpener(), PostgresOpener()]
        options.engine = engine
        options.echo = echo
        options.language = lang.flatMap(Language.init(name:))
        options.skipStartupFile = noRC
        let status = Launcher.run(options, environment: ProcessEnvironment.current)
        if status != 0 { throw ExitCode(status) }
    }

    /// Parses and runs; usage errors exit 2 (not ArgumentParser's 64).
    static func main() {
        do {
            // Positional report paths at the root would swallow subcommand names, so a first
            // argument naming a subcommand is dispatched here.
            let arguments = Array(CommandLine.arguments.dropFirst())
            var command: ParsableCommand
            if arguments.first == "help" {
                // `fiscal help [SUBCOMMAND]`, as the help text offers.
                let sub = arguments.dropFirst().first.flatMap { name in
                    configuration.subcommands.first { $0._commandName == name }
                }
                print(helpMessage(for: sub ?? Fiscal.self))
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
            let message = fullMessage(for: error)
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
    static let configuration = CommandConfiguration(abstract: "List the format plugins with their versions and file kinds.")

    @Option(name: .long, help: ArgumentHelp("Also look for external format plugins in DIR.", valueName: "DIR"))
    var plugins: [String] = []

    @Option(name: .shortAndLong, help: ArgumentHelp("Output: table, csv, json, markdown or html.", valueName: "MODE"))
    var output: OutputMode?

    func run() throws {
        let status = FormatsCommand.run(pluginDirectories: plugins, output: output, environment: ProcessEnvironment.current)
        if status != 0 { throw ExitCode(status) }
    }
}

/// `fiscal check FILE…`: the consistency findings of the reports.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the reports' figures against each other (勾稽关系); see docs/CHECKS.md.",
        discussion: "Exit status: 0 no error found, 1 an error found, 3 a file could not be read.")

    @Option(name: .shortAndLong, help: ArgumentHelp("Output: table, csv, json, markdown or html.", valueName: "MODE"))
    var output: OutputMode?

    @Option(name: .long, help: ArgumentHelp("Language of findings and headings: en or zh (default: from LANG).", valueName: "LANG"))
    var lang: String?

    @Option(name: .long, help: ArgumentHelp("Read the files with this format plugin.", valueName: "NAME"))
    var format: String?

    @Option(name: .long, help: ArgumentHelp("Also look for external format plugins in DIR.", valueName: "DIR"))
    var plugins: [String] = []

    @Argument(help: ArgumentHelp("Report files or folders to check.", valueName: "FILE|DIR"))
    var paths: [String]

    func run() throws {
        let status = CheckCommand.run(paths: paths, output: output, format: format, pluginDirectories: plugins,
                                      language: lang.flatMap(Language.init(name:)), environment: ProcessEnvironment.current)
        if status != 0 { throw ExitCode(status) }
    }
}
