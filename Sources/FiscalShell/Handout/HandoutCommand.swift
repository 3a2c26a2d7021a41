import FiscalFormat
import FiscalModel
import Foundation

/// `fiscal handout SCRIPT [FILE|DIR …] -o lesson.html`: runs a lesson script and writes its
/// handout. Returns 0 when every step ran, 1 when a step failed (the page still shows it),
/// 2 for wrong usage and 3 when a file could not be read.
public enum HandoutCommand {
    public static func run(script: String, paths: [String], output: String, format: String? = nil,
                           pluginDirectories: [String] = [], environment: [String: String],
                           console: Console = .standard) -> Int32 {
        let language = Language.from(environment: environment)
        guard output.lowercased().hasSuffix(".html") || output.lowercased().hasSuffix(".htm") else {
            console.err(ErrorReport.render(Message(.handoutExpectedHTML, output), language: language))
            return ExitStatus.usage
        }
        let session = FormatSetup.session(pluginDirectories: pluginDirectories, environment: environment,
                                          options: RenderOptions(language: language), console: console)
        session.forcedFormat = format
        guard paths.isEmpty || session.loadReporting(paths, to: console),
              let text = Session.readScript(script, console: console, language: language) else { return ExitStatus.unreadableInput }
        let (handout, ok) = HandoutBuilder(session: session).run(script: text, name: script)
        do {
            try Data(HandoutHTML.render(handout).utf8).write(to: URL(fileURLWithPath: output))
        } catch {
            console.err(ErrorReport.render(Message(.cannotWrite, output, error.localizedDescription), language: language))
            return ExitStatus.unreadableInput
        }
        let failed = handout.steps.filter { $0.blocks.contains { if case .error = $0 { true } else { false } } }
        console.err(Message(.handoutWrote, output, handout.steps.count, handout.glossary.count).text(language)
            + (failed.isEmpty ? "" : Message(.handoutFailedSteps, failed.count, failed.map { String($0.line) }.joined(separator: ", ")).text(language)) + "\n")
        return ok ? ExitStatus.success : ExitStatus.queryFailed
    }

    /// `:save lesson.html`: the session's statements so far, run again in a fresh session, as a handout.
    static func save(_ path: String, context: MetaCommandContext) throws(MetaCommandError) -> MetaOutcome {
        let old = context.session
        let fresh = Session(registry: old.registry)
        fresh.forcedFormat = old.forcedFormat
        fresh.options.language = old.options.language
        let script = old.transcript.joined(separator: "\n\n")
        let (handout, _) = HandoutBuilder(session: fresh).run(script: "# fiscal session\n" + script, name: "fiscal session")
        do {
            try Data(HandoutHTML.render(handout).utf8).write(to: URL(fileURLWithPath: path))
        } catch {
            throw MetaCommandError(Message(.cannotWrite, path, error.localizedDescription))
        }
        context.runner.console.err(Message(.handoutWroteSession, path, handout.steps.count).text(old.options.language) + "\n")
        return .done
    }
}
