import FiscalFormat
import FiscalModel

/// The command line as the executable parsed it.
public struct LaunchOptions: Sendable {
    public var queries: [String] = []
    public var script: String?
    public var output: OutputMode?
    public var format: String?
    public var pluginDirectories: [String] = []
    public var keepGoing = false
    public var paths: [String] = []
    /// `--echo`: print each statement before its result.
    public var echo = false
    /// `--lang`: the language of messages; nil to follow `LANG`/`LC_MESSAGES`.
    public var language: Language?
    /// `-X`/`--no-rc`: skip the start-up file.
    public var skipStartupFile = false
    /// What opens workspaces and databases among the paths (FiscalStore's openers).
    public var stores: [any ReportStoreOpener] = []
    /// `--engine`: where queries run.
    public var engine: QueryEngineChoice = .memory

    public init() {}
}

/// Exit statuses scripts can trust.
public enum ExitStatus {
    public static let success: Int32 = 0
    /// A query or script failed.
    public static let queryFailed: Int32 = 1
    /// Wrong usage.
    public static let usage: Int32 = 2
    /// An input file could not be read.
    public static let unreadableInput: Int32 = 3
}

/// Runs fiscal the way the command line asks: load, run the start-up file, then `-e`
/// queries, a `-f` script, piped standard input, or the interactive shell.
public enum Launcher {
    public static func run(
        _ options: LaunchOptions, console: Console = .standard,
        environment: [String: String] = [:], stdinIsTerminal: Bool = Terminal.isTerminal(0)
    ) -> Int32 {
        let onTerminal = Terminal.isTerminal(1)
        let language = options.language ?? .from(environment: environment)
        var render = RenderOptions(mode: options.output ?? .table, language: language)
        render.color = options.output == nil && Terminal.colorAllowed(environment: environment)
        if onTerminal { render.maxWidth = Terminal.width(environment: environment) }
        let session = FormatSetup.session(
            pluginDirectories: options.pluginDirectories, environment: environment, options: render, console: console)
        session.forcedFormat = options.format
        session.shell.echo = options.echo
        session.stores = options.stores
        session.engine = options.engine
        if let name = options.format, session.registry.format(named: name) == nil {
            console.err(ErrorReport.render(Message(.noFormatNamed, name, session.registry.names.joined(separator: ", ")), language: language))
            return ExitStatus.usage
        }
        // A progress line on standard error while loading: when it is a terminal, and the output is
        // too or the shell is interactive (`fiscal -e … | less` and `fiscal -f … > out` draw none).
        let interactive = options.queries.isEmpty && options.script == nil && stdinIsTerminal
        session.showsLoadProgress = Terminal.isTerminal(2) && environment["TERM"] != "dumb" && (interactive || onTerminal)
        // A file that could not be read: the rest are loaded and the queries run on them; the
        // failures are listed and the exit status says so (3), as psql's does for a failed script.
        var loadFailed = false
        if !options.paths.isEmpty {
            let batch = session.loadAll(options.paths, progress: session.showsLoadProgress ? LoadProgress.terminal(language: language) : nil)
            if batch.isSingleFile, let error = batch.failures.first {
                // One named file that fails fails the run, as it always has.
                console.err(ErrorReport.render(error, language: language))
                return ExitStatus.unreadableInput
            }
            for w in batch.result.warnings { console.err(TerminalText.escaped(w.text(language)) + "\n") }
            // What was merged or skipped as a repeat is said, never done silently.
            for note in session.loadOutcome(ofLast: batch.result.reports.count).notes(language) {
                console.err(Message(.notePrefix, TerminalText.escaped(note)).text(language) + "\n")
            }
            // The files that could not be read come last, where they are seen.
            console.err(Session.failureList(batch, language: language))
            loadFailed = !batch.failures.isEmpty
            // `:save lesson.html` replays the session, starting with what the command line loaded.
            session.record(":load " + options.paths.map { "\"" + $0.replacingAll("\"", with: "\\\"") + "\"" }.joined(separator: " "))
        }
        let runner = StatementRunner(session: session, console: console)
        if !options.skipStartupFile, let rc = StartupFile.path(environment: environment) {
            StartupFile.run(rc, runner: runner)
            // The command line wins over the start-up file.
            if let mode = options.output { session.options.mode = mode }
            if let language = options.language { session.options.language = language }
            if options.echo { session.shell.echo = true }
        }
        defer { runner.finish() }
        // In batch mode a file that failed to load makes the status 3, whatever the queries did.
        func finish(_ status: Int32) -> Int32 { loadFailed ? ExitStatus.unreadableInput : status }
        var failed = false
        if !options.queries.isEmpty {
            for (i, query) in options.queries.enumerated() {
                let origin = options.queries.count > 1 ? "-e #\(i + 1)" : nil
                switch runner.execute(query, origin: origin) {
                case .succeeded: continue
                case .quit: return finish(failed ? ExitStatus.queryFailed : ExitStatus.success)
                case .failed:
                    failed = true
                    if !options.keepGoing { return finish(ExitStatus.queryFailed) }
                }
            }
            // `-c … -f SCRIPT`: the queries first, then the script (psql runs them in order).
            if options.script == nil { return finish(failed ? ExitStatus.queryFailed : ExitStatus.success) }
        }
        if let script = options.script {
            let name = script == "-" ? "<stdin>" : script
            let text: String
            if script == "-" {
                text = readAllStandardInput()
            } else {
                guard let read = Session.readScript(script, console: console, language: session.options.language) else {
                    return ExitStatus.unreadableInput
                }
                text = read
            }
            let status = runScript(text, name: name, runner: runner, keepGoing: options.keepGoing)
            return finish(failed ? ExitStatus.queryFailed : status)
        }
        if !stdinIsTerminal {
            return finish(runScript(readAllStandardInput(), name: "<stdin>", runner: runner, keepGoing: options.keepGoing))
        }
        return InteractiveShell(session: session, console: console, environment: environment).run()
    }

    /// Runs every statement of a script (queries and `:commands`); stops at the first failure
    /// unless `keepGoing`, and at `:quit`.
    public static func runScript(_ text: String, name: String, runner: StatementRunner, keepGoing: Bool) -> Int32 {
        var failed = false
        for statement in StatementSplitter.split(text) {
            switch runner.execute(statement.text, origin: "\(name):\(statement.line)", comments: statement.comments) {
            case .succeeded: continue
            case .quit: return failed ? ExitStatus.queryFailed : ExitStatus.success
            case .failed:
                failed = true
                if !keepGoing { return ExitStatus.queryFailed }
            }
        }
        return failed ? ExitStatus.queryFailed : ExitStatus.success
    }

    static func readAllStandardInput() -> String {
        var lines: [String] = []
        while let line = readLine(strippingNewline: false) { lines.append(line) }
        return lines.joined()
    }
}

/// The start-up file, like psql's `.psqlrc`: statements (usually `:set …`) run before anything
/// else, from `$XDG_CONFIG_HOME/fiscal/fiscalrc` (default `~/.config/fiscal/fiscalrc`).
/// `fiscal -X` skips it.
public enum StartupFile {
    /// The file's path when it exists.
    public static func path(environment: [String: String]) -> String? {
        let folder: String
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") {
            folder = xdg
        } else if let home = environment["HOME"], !home.isEmpty {
            folder = home + "/.config"
        } else {
            return nil
        }
        let path = folder + "/fiscal/fiscalrc"
        return FileSystem.exists(path) ? path : nil
    }

    /// Runs the file's statements; an error is reported and ends the file, not fiscal.
    static func run(_ path: String, runner: StatementRunner) {
        guard let bytes = try? FileSystem.read(path), let source = SourceText(bytes: bytes, path: path) else { return }
        for statement in StatementSplitter.split(source.text) {
            if runner.execute(statement.text, origin: "\(path):\(statement.line)") == .failed {
                runner.console.err(Message(.rcFailed, path).text(runner.session.options.language) + "\n")
                return
            }
        }
    }
}
