import CLibedit
import FiscalModel

#if canImport(Glibc)
import Glibc
#endif

/// The interactive shell: a prompt that says what is loaded, a statement (possibly over
/// several lines), its result, again — until `:quit` or Ctrl-D.
///
/// Uses libedit when standard input and output are both terminals, plain lines otherwise.
/// The REPL's own state is only the pending continuation lines; everything else is in the
/// ``Session``.
public struct InteractiveShell {
    public let session: Session
    public let console: Console
    public let environment: [String: String]

    public init(session: Session, console: Console, environment: [String: String] = [:]) {
        self.session = session
        self.console = console
        self.environment = environment
    }

    /// Runs until `:quit` or end of input; returns the exit status.
    public func run() -> Int32 {
        let state = StateDirectory(environment: environment)
        let onTerminal = Terminal.isTerminal(0) && Terminal.isTerminal(1)
        let reader: LineReader
        if onTerminal {
            Locale.useUTF8()
            let environment = self.environment
            let commands = MetaCommandTable.standard
            let session = self.session
            let (historyPath, historyProblem) = state.usableHistoryFile
            if let historyProblem { console.err("warning: \(TerminalText.escaped(historyProblem)); history is not kept this session\n") }
            let editor = LineEditor(
                historyPath: historyPath,
                complete: { line, cursor in
                    Completer(vocabulary: .of(session, commands: commands)).complete(line: line, cursor: cursor)
                },
                width: { Terminal.currentWidth() ?? Terminal.width(environment: environment) })
            reader = editor.map { $0 as LineReader } ?? PlainLineReader(console: console)
            // Long results go to the pager; the width follows the terminal as it is resized.
            session.shell.pagerAllowed = true
            if !session.shell.pagerChosen { session.shell.pager = ShellSettings.defaultPager(environment: environment) }
            if !session.shell.widthChosen { session.shell.widthFollowsTerminal = true }
            if state.claimFirstRun() { console.err(HelpText.firstRunHint(session.options.language)) }
        } else {
            reader = PlainLineReader(console: nil)
        }
        let runner = StatementRunner(session: session, console: console, history: { reader.history })
        defer { runner.finish() }
        Interrupt.install()
        defer { Interrupt.uninstall() }
        var pending: [String] = []
        while true {
            let prompt = pending.isEmpty ? ShellPrompt.primary(session.reports) : ShellPrompt.continuation
            switch reader.read(prompt: prompt) {
            case .end:
                if onTerminal { console.out("\n") }
                return ExitStatus.success
            case .cancelled:
                pending = []
                continue
            case .line(let line):
                pending.append(line)
            }
            let text = pending.joined(separator: "\n")
            if StatementSplitter.needsContinuation(text) { continue }
            pending = []
            let statement = text.trimmedWhitespace
            if statement.isEmpty || StatementSplitter.isComment(statement) { continue }
            reader.addHistory(text.split(separator: "\n").map { String($0).trimmedWhitespace }.joined(separator: " "))
            if onTerminal { followTerminalSize() }
            Interrupt.reset()
            let outcome = runner.execute(statement, origin: nil)
            runner.finish()  // `:set output html` in the shell: a page per statement, not at the end
            if Interrupt.happened {
                // A query stops itself and says so; anything else ran to its end.
                if outcome != .failed { console.err(Message(.interrupted).text(session.options.language) + "\n") }
                Interrupt.reset()
            }
            if outcome == .quit { return ExitStatus.success }
        }
    }
}

extension InteractiveShell {
    /// Reads the terminal's size again before a statement runs, so that a window resized while
    /// the prompt waited (SIGWINCH) is honoured: tables fit the new width, `:set` shows it.
    func followTerminalSize() {
        if session.shell.widthFollowsTerminal, let width = Terminal.currentWidth() {
            session.options.maxWidth = width
        }
        if let height = Terminal.currentHeight() { session.shell.screenHeight = height }
    }
}

/// The prompts: `fiscal[县委办 2019–2021]> ` when reports are loaded, `fiscal> ` when not.
public enum ShellPrompt {
    public static func primary(_ reports: [Report]) -> String {
        let summary = ReportsTable.summary(reports)
        return summary.isEmpty ? "fiscal> " : "fiscal[\(summary)]> "
    }

    public static let continuation = "   ...> "
}

/// Reads plain lines (no editing); prompts only when given a console.
final class PlainLineReader: LineReader {
    private let console: Console?
    private(set) var history: [String] = []

    init(console: Console?) {
        self.console = console
    }

    func read(prompt: String) -> LineInput {
        console?.out(prompt)
        guard let line = readLine() else { return .end }
        return .line(line)
    }

    func addHistory(_ line: String) {
        if history.last != line { history.append(line) }
    }
}

/// Ctrl-C while a statement runs: remembered, so the shell drops the result and keeps going
/// instead of dying. A running query looks at the flag between stages and every 65,536 rows
/// (``QueryContext/isCancelled``) and stops with an `interrupted` error.
enum Interrupt {
    nonisolated(unsafe) static var flag: sig_atomic_t = 0
    /// Set while a pager runs.
    nonisolated(unsafe) static var paging: sig_atomic_t = 0

    static var happened: Bool { flag != 0 }
    static func reset() { flag = 0 }

    static func install() {
        signal(SIGINT) { _ in
            // The terminal has echoed `^C`: what follows (the `interrupted` error) starts on a
            // new line, as in bash. Not while a pager owns the screen.
            if Interrupt.flag == 0 && Interrupt.paging == 0 { _ = write(1, "\n", 1) }
            Interrupt.flag = 1
        }
        // A pager the user leaves early closes the pipe: that is not a reason to die.
        signal(SIGPIPE, SIG_IGN)
        // A parent may have started us with signals blocked; a shell needs ^C, hang-up and resize.
        var set = sigset_t()
        sigemptyset(&set)
        for s in [SIGINT, SIGHUP, SIGTERM, SIGWINCH, SIGTSTP, SIGCONT] { sigaddset(&set, s) }
        sigprocmask(SIG_UNBLOCK, &set, nil)
    }

    static func uninstall() {
        signal(SIGINT, SIG_DFL)
    }
}

/// The locale libedit needs to read and show Chinese text.
enum Locale {
    /// Takes the user's character type; falls back to C.UTF-8 when it is not UTF-8 (`LANG=C`).
    static func useUTF8() {
        setlocale(LC_CTYPE, "")
        let codeset = String(cString: nl_langinfo(nl_item(CODESET)))
        if codeset.uppercased().replacingAll("-", with: "") != "UTF8" {
            setlocale(LC_CTYPE, "C.UTF-8")
        }
    }
}
