import FiscalModel

/// `fiscal formats` and `:formats`: every known format as a result table.
public enum FormatsCommand {
    /// The formats of `session` (built-in and external) as a table.
    public static func table(_ session: Session) -> ResultTable {
        var table = ResultTable(columns: [
            .init("name", .text), .init("version", .text), .init("file kinds", .text), .init("origin", .text),
            .init("reads", .text),
        ])
        for f in session.registry.formats {
            let d = f.descriptor
            table.append([.text(d.name), .text(d.version), .text(d.fileKinds.joined(separator: " ")), .text(d.origin), .text(d.summary)])
        }
        return table
    }

    /// Prints the table; returns the exit status.
    public static func run(pluginDirectories: [String], output: OutputMode?, environment: [String: String],
                           console: Console = .standard) -> Int32 {
        var options = RenderOptions(mode: output ?? .table, language: .from(environment: environment))
        if output == nil, Terminal.isTerminal(1) { options.maxWidth = Terminal.width(environment: environment) }
        options.color = output == nil && Terminal.colorAllowed(environment: environment)
        let session = FormatSetup.session(
            pluginDirectories: pluginDirectories, environment: environment, options: options, console: console)
        let runner = StatementRunner(session: session, console: console)
        runner.show(table(session))
        runner.finish()
        return ExitStatus.success
    }
}
