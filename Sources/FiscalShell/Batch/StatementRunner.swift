import FiscalModel
import FiscalQuery

/// Runs one statement against a session and writes what it produced.
public struct StatementRunner {
    public let session: Session
    public let console: Console

    public init(session: Session, console: Console) {
        self.session = session
        self.console = console
    }

    /// Runs `statement`; `origin` names where it came from for error messages
    /// (`script.fql:3`). Returns whether it succeeded.
    @discardableResult
    public func run(_ statement: String, origin: String?) -> Bool {
        do {
            let result = try session.query(statement)
            show(result)
            return true
        } catch {
            console.err(ErrorReport.render(error, query: statement, origin: origin))
            return false
        }
    }

    /// Writes a result table as the session's options say.
    public func show(_ result: ResultTable) {
        let output = Renderer.render(result, session.options)
        console.out(output.body)
        let notes = output.notes.map { "note: \($0)\n" }.joined()
        guard !notes.isEmpty else { return }
        switch session.options.mode {
        case .table, .markdown: console.out(notes)
        case .csv, .json: console.err(notes)
        }
    }
}
