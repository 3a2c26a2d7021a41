import ArgumentParser
import FiscalShell

/// `fiscal handout SCRIPT [FILE|DIR …] -o lesson.html`: a lesson's printable handout.
struct HandoutSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "handout",
        abstract: "Run a lesson script and write one printable HTML page of it (A4, self-contained).",
        discussion: "Each step shows its comment and query, the result table, a chart, the report's sentences "
            + "behind the numbers, check findings explained, and the glossary entries the lesson uses. "
            + "Exit status: 0 every step ran, 1 a step failed (the page shows it), 2 wrong usage, "
            + "3 a file could not be read.")

    @Option(name: .shortAndLong, help: ArgumentHelp("The HTML file to write.", valueName: "FILE"))
    var output: String

    @Option(name: .long, help: ArgumentHelp("Read the files with this format plugin.", valueName: "NAME"))
    var format: String?

    @Option(name: .long, help: ArgumentHelp("Also look for external format plugins in DIR.", valueName: "DIR"))
    var plugins: [String] = []

    @Argument(help: ArgumentHelp("The lesson script (fiscal statements; `--` comments become the text).", valueName: "SCRIPT"))
    var script: String

    @Argument(help: ArgumentHelp("Report files or folders to load first.", valueName: "FILE|DIR"))
    var paths: [String] = []

    func run() throws {
        let status = HandoutCommand.run(script: script, paths: paths, output: output, format: format,
                                        pluginDirectories: plugins, environment: ProcessEnvironment.current)
        if status != 0 { throw ExitCode(status) }
    }
}
