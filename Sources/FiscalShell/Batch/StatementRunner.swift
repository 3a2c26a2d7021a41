import FiscalModel
import FiscalQuery

/// What running one statement came to.
public enum StatementOutcome: Sendable, Hashable {
    case succeeded
    case failed
    /// `:quit`: leave the shell or stop the script.
    case quit
}

/// Runs one statement — a query or a `:command` — against a session and writes what it produced.
public struct StatementRunner {
    public let session: Session
    public let console: Console
    /// The meta-commands this runner knows.
    public var commands: MetaCommandTable
    /// The interactive history for `:history`, oldest first.
    public var history: () -> [String]

    public init(session: Session, console: Console, commands: MetaCommandTable = .standard,
                history: @escaping () -> [String] = { [] }) {
        self.session = session
        self.console = console
        self.commands = commands
        self.history = history
    }

    /// Runs `statement`; `origin` names where it came from for error messages
    /// (`script.fql:3`). Returns whether it succeeded (`:quit` counts as success).
    @discardableResult
    public func run(_ statement: String, origin: String?) -> Bool {
        execute(statement, origin: origin) != .failed
    }

    /// Runs `statement` and says whether it succeeded, failed or asked to quit.
    public func execute(_ statement: String, origin: String?) -> StatementOutcome {
        var trimmed = statement.trimmedWhitespace
        // `source …` and `explain …` read like sentences; they are the `:source`/`:explain` commands.
        let firstWord = trimmed.prefix { !$0.isWhitespace }
        if firstWord == "source" || firstWord == "explain" || firstWord == "figures" { trimmed = ":" + trimmed }
        if trimmed.hasPrefix(":") {
            let context = MetaCommandContext(session: session, runner: self, history: history)
            do {
                let outcome = try commands.run(trimmed, context: context)
                if outcome != .quit { session.record(trimmed) }
                return outcome == .quit ? .quit : .succeeded
            } catch {
                console.err(ErrorReport.render(error, origin: origin))
                return .failed
            }
        }
        do {
            let result = try session.query(statement)
            session.record(statement)
            if let name = session.lastBinding {
                // `let` names a result; printing all of it would bury the script's output.
                let n = result.rows.count
                console.out(TerminalText.escaped("`\(name)`: \(n) row\(n == 1 ? "" : "s") (\(result.columns.map(\.name).joined(separator: ", "))); use it as a source: `\(name) | …`") + "\n")
            } else if session.lastChart != nil || session.options.mode == .svg {
                showChart(result, query: statement)
            } else {
                show(result)
            }
            return .succeeded
        } catch {
            console.err(ErrorReport.render(error, query: statement, origin: origin))
            return .failed
        }
    }

    /// Writes a result table as the session's options say.
    public func show(_ result: ResultTable) {
        let output = Renderer.render(result, session.options)
        console.out(output.body)
        let notes = output.notes.map { "note: \(TerminalText.escaped($0, keepNewlines: true))\n" }.joined()
        guard !notes.isEmpty else { return }
        switch session.options.mode {
        case .table, .markdown: console.out(notes)
        case .csv, .json, .svg: console.err(notes)
        }
    }
}
