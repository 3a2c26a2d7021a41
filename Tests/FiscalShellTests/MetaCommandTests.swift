import Foundation
import Testing
@testable import FiscalShell

/// Meta-commands run in-process against a session, with output collected.
struct MetaCommandTests {
    let collected = CollectingConsole()
    let session = Session()
    var runner: StatementRunner { StatementRunner(session: session, console: collected.console, history: { ["facts", ":reports"] }) }

    @Test func loadReportsAndUnload() {
        #expect(runner.execute(":load \(Fixture.exampleCSV)", origin: nil) == .succeeded)
        #expect(session.reports.count == 3)
        #expect(collected.err.contains("loaded 3 reports (34 facts, 0 warnings; `warnings` lists them)"))
        #expect(runner.execute(":reports", origin: nil) == .succeeded)
        #expect(collected.out.contains("示例县委办公室") && collected.out.contains("(3 rows)"))
        #expect(ShellPrompt.primary(session.reports) == "fiscal[示例县委办公室 2019–2021]> ")
        // A name that is no entity's, nor the beginning of one, suggests the nearest.
        #expect(runner.execute(":unload 示例县委办公厅", origin: nil) == .failed)
        #expect(collected.err.contains("did you mean `示例县委办公室`?"))
        #expect(session.reports.count == 3)
        // The beginning of a name is enough (docs/shell.md, "Entity names").
        #expect(runner.execute(":unload 示例县委办", origin: nil) == .succeeded)
        #expect(session.reports.isEmpty)
        #expect(ShellPrompt.primary(session.reports) == "fiscal> ")
    }

    @Test func aFailedLoadKeepsWhatWasLoaded() {
        #expect(runner.execute(":load \(Fixture.exampleCSV)", origin: nil) == .succeeded)
        #expect(runner.execute(":load /no/such/file.csv", origin: "s.fql:2") == .failed)
        #expect(collected.err.contains("--> s.fql:2"))
        #expect(session.reports.count == 3)
    }

    @Test func mistypedCommandsSuggestTheNearest() {
        #expect(runner.execute(":lod x", origin: nil) == .failed)
        #expect(collected.err.contains("unknown command `:lod`") && collected.err.contains("did you mean `:load`?"))
        #expect(runner.execute(":set outptu csv", origin: nil) == .failed)
        #expect(collected.err.contains("did you mean `output`?"))
    }

    @Test func setChangesTheRenderOptions() {
        #expect(runner.execute(":set output csv", origin: nil) == .succeeded)
        #expect(session.options.mode == .csv)
        #expect(runner.execute(":set rows 5", origin: nil) == .succeeded)
        #expect(session.options.maxRows == 5)
        #expect(runner.execute(":set rows all", origin: nil) == .succeeded)
        #expect(session.options.maxRows == nil)
        #expect(runner.execute(":set width 100", origin: nil) == .succeeded)
        #expect(session.options.maxWidth == 100)
        #expect(runner.execute(":set output yaml", origin: nil) == .failed)
    }

    @Test func saveWritesEveryRowInTheFormatOfTheExtension() throws {
        #expect(runner.execute(":save /tmp/nothing.csv", origin: nil) == .failed)
        #expect(runner.execute(":load \(Fixture.exampleCSV)", origin: nil) == .succeeded)
        session.options.maxRows = 3
        #expect(runner.execute("facts", origin: nil) == .succeeded)
        let folder = Fixture.temporaryFolder()
        #expect(runner.execute(":save \(folder)/全部.csv", origin: nil) == .succeeded)
        let csv = try String(contentsOfFile: folder + "/全部.csv", encoding: .utf8)
        #expect(csv.split(separator: "\n").count == 35)
        #expect(runner.execute(":save \(folder)/r.json", origin: nil) == .succeeded)
        #expect(try String(contentsOfFile: folder + "/r.json", encoding: .utf8).hasPrefix("["))
        #expect(runner.execute(":save \(folder)/r.xlsx", origin: nil) == .failed)
        #expect(runner.execute(":save /no/such/folder/r.csv", origin: nil) == .failed)
    }

    @Test func historyAndQuit() {
        #expect(runner.execute(":history", origin: nil) == .succeeded)
        #expect(collected.out == "1  facts\n2  :reports\n")
        #expect(runner.execute(":quit", origin: nil) == .quit)
        #expect(runner.execute(":q", origin: nil) == .quit)
    }

    @Test func helpListsEveryCommandAndTopic() throws {
        let text = try HelpText.render(topic: nil, commands: .standard)
        for command in MetaCommandTable.standard.commands { #expect(text.contains(command.usage)) }
        for topic in HelpTopic.all { #expect(text.contains(topic.syntax)) }
        let drill = try HelpText.render(topic: "drill", commands: .standard)
        #expect(drill.contains("Examples:") && drill.contains("drill 201"))
        #expect(try HelpText.render(topic: ":load", commands: .standard).contains(":load PATH…"))
        #expect(throws: MetaCommandError.self) { try HelpText.render(topic: "dril", commands: .standard) }
    }

    /// The examples in help are tests: every example of every topic marked available runs
    /// without error on the bundled data. Topics the query branch has not delivered yet are
    /// marked `available: false` in HelpTopic.all and skipped here.
    @Test func helpExamplesRun() {
        #expect(runner.execute(":load \(Fixture.exampleCSV)", origin: nil) == .succeeded)
        let available = HelpTopic.all.filter(\.available)
        #expect(!available.isEmpty)
        for topic in available {
            for example in topic.examples {
                #expect(runner.execute(example, origin: "help \(topic.name)") == .succeeded, "\(topic.name): \(example)\n\(collected.err)")
            }
        }
    }

    @Test func oddInputNeverCrashes() {
        #expect(runner.execute(":load \(Fixture.exampleCSV)", origin: nil) == .succeeded)
        let inputs = [":", ": ", ":load", ":load \"unclosed", ":unload", ":set", ":set rows", ":set rows -1", ":help nope",
                      String(repeating: "facts | ", count: 5000), "\u{FFFD}\u{0}\u{1B}[2J", "“未闭合", "(((("]
        for input in inputs { _ = runner.execute(input, origin: nil) }
        #expect(session.reports.count == 3, "everything loaded is still there")
        #expect(runner.execute("facts", origin: nil) == .succeeded)
    }
}
