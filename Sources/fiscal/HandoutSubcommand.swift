import ArgumentParser
import FiscalShell

/// `fiscal handout SCRIPT [FILE|DIR …] -o lesson.html`: a lesson's printable handout.
struct HandoutSubcommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "handout",
            abstract: CommandLineLanguage.text(.cliHandoutAbstract),
            discussion: CommandLineLanguage.text(.cliHandoutDiscussion))
    }

    @Option(name: .shortAndLong, help: ArgumentHelp(CommandLineLanguage.text(.cliHandoutOutput), valueName: "FILE"))
    var output: String

    @OptionGroup var reading: ReadingOptions

    @Argument(help: ArgumentHelp(CommandLineLanguage.text(.cliHandoutScript), valueName: "SCRIPT"))
    var script: String

    @Argument(help: ArgumentHelp(CommandLineLanguage.text(.cliHandoutPaths), valueName: "FILE|DIR"))
    var paths: [String] = []

    func run() throws {
        let status = HandoutCommand.run(script: script, paths: paths, output: output, format: reading.format,
                                        pluginDirectories: reading.plugins, environment: ProcessEnvironment.current)
        if status != 0 { throw ExitCode(status) }
    }
}
