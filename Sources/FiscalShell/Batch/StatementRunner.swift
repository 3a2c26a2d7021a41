import FiscalModel
import FiscalQuery

#if canImport(Glibc)
import Glibc
#endif

/// What running one statement came to.
public enum StatementOutcome: Sendable, Hashable {
    case succeeded
    case failed
    /// `:quit`: leave the shell or stop the script.
    case quit
}

/// Runs one statement — a query or a `:command` — against a session and writes what it produced.
///
/// Everything a statement shows goes through ``show(_:)`` (tables) or ``emit(_:)`` (text), so
/// that the output mode decides how it looks: a terminal table (through the pager when it is
/// taller than the screen), CSV, JSON, or a block of a Markdown or HTML document.
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

    var language: Language { session.options.language }

    /// Runs `statement`; `origin` names where it came from for error messages
    /// (`script.fql:3`). Returns whether it succeeded (`:quit` counts as success).
    @discardableResult
    public func run(_ statement: String, origin: String?) -> Bool {
        execute(statement, origin: origin) != .failed
    }

    /// Runs `statement` and says whether it succeeded, failed or asked to quit. `comments` are
    /// the script's comment lines just before it, which documents keep as prose.
    public func execute(_ statement: String, origin: String?, comments: [String] = []) -> StatementOutcome {
        var trimmed = statement.trimmedWhitespace
        if session.options.mode == .markdown || session.options.mode == .html, !comments.isEmpty {
            write(.prose(comments))
        }
        if session.shell.echo { echo(statement) }
        // `source …` and `explain …` read like sentences; they are the `:source`/`:explain` commands.
        let firstWord = trimmed.prefix { !$0.isWhitespace }
        if firstWord == "source" || firstWord == "explain" || firstWord == "figures" { trimmed = ":" + trimmed }
        let started = Clock.now()
        // Timed when timing was on before and after (`:timing` itself is not timed).
        let timed = session.shell.timing
        defer { if timed && session.shell.timing { reportTime(since: started) } }
        if trimmed.hasPrefix(":") {
            let context = MetaCommandContext(session: session, runner: self, history: history)
            do {
                let outcome = try commands.run(trimmed, context: context)
                if outcome != .quit { session.record(trimmed) }
                return outcome == .quit ? .quit : .succeeded
            } catch {
                console.err(ErrorReport.render(error, origin: origin, language: language))
                return .failed
            }
        }
        do {
            let result = try session.query(statement)
            session.record(statement)
            if let name = session.lastBinding {
                // `let` names a result; printing all of it would bury the script's output.
                let columns = result.columns.map(\.name).joined(separator: ", ")
                emit(Message(.boundResult, name, result.rows.count, columns).text(language) + "\n")
            } else if session.lastChart != nil || session.options.mode == .svg {
                showChart(result, query: statement)
            } else {
                show(result)
            }
            return .succeeded
        } catch {
            console.err(ErrorReport.render(error, query: statement, origin: origin, language: language))
            return .failed
        }
    }

    /// Writes a result table as the session's options say.
    public func show(_ result: ResultTable) {
        let options = session.options
        switch options.mode {
        case .markdown, .html:
            write(.table(result, notes: result.notes))
        case .csv, .json, .svg:
            let output = Renderer.render(result, options)
            console.out(output.body)
            console.err(noteLines(output.notes))
        case .table:
            let output = Renderer.render(result, options)
            page(output.body + noteLines(output.notes))
        }
    }

    /// Writes text a command produced (`source`, `explain`, `:help`): as it is on a terminal,
    /// as a fenced or preformatted block in a document.
    public func emit(_ text: String) {
        switch session.options.mode {
        case .markdown, .html: write(.text(text))
        case .table, .csv, .json, .svg: page(text)
        }
    }

    /// Ends the output: an HTML document is written out as one page.
    public func finish() {
        let sink = session.document
        if session.options.mode == .html, !sink.parts.isEmpty {
            console.out(HTMLDocument.page(sink.parts, session.options))
            sink.parts = []
        }
    }

    /// `note: …` lines in the reader's language.
    /// On a terminal, long notes wrap at the screen's width, continued lines indented.
    func noteLines(_ notes: [String]) -> String {
        let width = session.options.mode == .table ? session.options.maxWidth : nil
        return notes.map { note in
            let line = Message(.notePrefix, note).text(language)
            guard let width else { return line + "\n" }
            return DisplayWidth.wrap(line, width: width - 1).enumerated().map { i, part in
                (i == 0 ? part : "  " + part) + "\n"
            }.joined()
        }.joined()
    }

    func write(_ part: DocumentPart) {
        let sink = session.document
        switch session.options.mode {
        case .html:
            sink.parts.append(part)
        case .markdown:
            console.out((sink.wroteMarkdown ? "\n" : "") + MarkdownDocument.block(part, session.options))
            sink.wroteMarkdown = true
        case .table, .csv, .json, .svg:
            if case .text(let text) = part { console.out(text) }
        }
    }

    /// `--echo`: the statement before its result.
    func echo(_ statement: String) {
        switch session.options.mode {
        case .markdown, .html: write(.statement(statement))
        case .table: console.out(statement + "\n")
        case .csv, .json, .svg: console.err(statement + "\n")
        }
    }

    func reportTime(since start: Double) {
        let ms = (Clock.now() - start) * 1000
        let text = Message(.timing, Clock.milliseconds(ms)).text(language) + "\n"
        // Machine-readable output stays clean: the time goes to standard error there.
        if session.options.mode == .table { console.out(text) } else { console.err(text) }
    }

    /// Shows `text`, through the pager when the interactive shell allows one and the text is
    /// taller than the screen; else straight to standard output.
    func page(_ text: String) {
        let shell = session.shell
        if shell.pagerAllowed, let command = shell.pager, Pager.isTaller(text, than: shell.screenHeight - 1),
           Pager.show(text, command: command) {
            return
        }
        console.out(text)
    }
}

/// A monotonic clock for `:timing`.
enum Clock {
    /// Seconds since an arbitrary start.
    static func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    /// `12.345`
    static func milliseconds(_ ms: Double) -> String {
        let thousandths = Int((ms * 1000).rounded())
        let frac = String(thousandths % 1000)
        return "\(thousandths / 1000)." + String(repeating: "0", count: 3 - frac.count) + frac
    }
}
