/// The interactive shell: a prompt, a statement, its result, again.
///
/// This first version reads plain lines; line editing (libedit), history and completion
/// come with the shell issue.
public struct InteractiveShell {
    public let session: Session
    public let console: Console

    public init(session: Session, console: Console) {
        self.session = session
        self.console = console
    }

    /// Runs until end of input; returns the exit status.
    public func run() -> Int32 {
        let runner = StatementRunner(session: session, console: console)
        var pending = ""
        var number = 0
        while true {
            console.out(pending.isEmpty ? "fiscal> " : "   ...> ")
            guard let line = readLine() else { break }
            number += 1
            pending += pending.isEmpty ? line : "\n" + line
            if StatementSplitter.needsContinuation(pending) { continue }
            let statement = pending.trimmedWhitespace
            pending = ""
            if statement.isEmpty || StatementSplitter.isComment(statement) { continue }
            if statement == ":quit" || statement == ":q" { break }
            runner.run(statement, origin: nil)
        }
        return ExitStatus.success
    }
}
