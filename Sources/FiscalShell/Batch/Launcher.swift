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

/// Runs fiscal the way the command line asks: load, then `-e` queries, a `-f` script,
/// piped standard input, or the interactive shell.
public enum Launcher {
    public static func run(
        _ options: LaunchOptions, console: Console = .standard,
        environment: [String: String] = [:], stdinIsTerminal: Bool = Terminal.isTerminal(0)
    ) -> Int32 {
        let onTerminal = Terminal.isTerminal(1)
        var render = RenderOptions(mode: options.output ?? .table)
        render.color = options.output == nil && Terminal.colorAllowed(environment: environment)
        if onTerminal { render.maxWidth = Terminal.width(environment: environment) }
        let session = FormatSetup.session(
            pluginDirectories: options.pluginDirectories, environment: environment, options: render, console: console)
        session.forcedFormat = options.format
        if let name = options.format, session.registry.format(named: name) == nil {
            console.err("error: no format named `\(name)` (known formats: \(session.registry.names.joined(separator: ", ")))\n")
            return ExitStatus.usage
        }
        if !options.paths.isEmpty {
            do {
                let loaded = try session.load(options.paths)
                for w in loaded.warnings { console.err(TerminalText.escaped("\(w)") + "\n") }
                // `:save lesson.html` replays the session, starting with what the command line loaded.
                session.record(":load " + options.paths.map { "\"" + $0.replacingAll("\"", with: "\\\"") + "\"" }.joined(separator: " "))
            } catch {
                console.err(ErrorReport.render(error))
                return ExitStatus.unreadableInput
            }
        }
        let runner = StatementRunner(session: session, console: console)
        var failed = false
        if !options.queries.isEmpty {
            for (i, query) in options.queries.enumerated() {
                let origin = options.queries.count > 1 ? "-e #\(i + 1)" : nil
                switch runner.execute(query, origin: origin) {
                case .succeeded: continue
                case .quit: return failed ? ExitStatus.queryFailed : ExitStatus.success
                case .failed:
                    failed = true
                    if !options.keepGoing { return ExitStatus.queryFailed }
                }
            }
            return failed ? ExitStatus.queryFailed : ExitStatus.success
        }
        if let script = options.script {
            let name = script == "-" ? "<stdin>" : script
            let text: String
            if script == "-" {
                text = readAllStandardInput()
            } else {
                guard let read = Session.readScript(script, console: console) else { return ExitStatus.unreadableInput }
                text = read
            }
            return runScript(text, name: name, runner: runner, keepGoing: options.keepGoing)
        }
        if !stdinIsTerminal {
            return runScript(readAllStandardInput(), name: "<stdin>", runner: runner, keepGoing: options.keepGoing)
        }
        return InteractiveShell(session: session, console: console, environment: environment).run()
    }

    /// Runs every statement of a script (queries and `:commands`); stops at the first failure
    /// unless `keepGoing`, and at `:quit`.
    public static func runScript(_ text: String, name: String, runner: StatementRunner, keepGoing: Bool) -> Int32 {
        var failed = false
        for statement in StatementSplitter.split(text) {
            switch runner.execute(statement.text, origin: "\(name):\(statement.line)") {
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
