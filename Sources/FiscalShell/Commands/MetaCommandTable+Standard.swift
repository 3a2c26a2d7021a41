import FiscalQuery
import FiscalFormat
import FiscalModel

#if canImport(Glibc)
import Glibc
#endif

extension MetaCommandTable {
    /// The shell's meta-commands. `:help` lists them in this order.
    public static let standard = MetaCommandTable([
        MetaCommand(
            "load", arguments: "PATH…", summary: Message(.cmdLoadSummary), details: Message(.cmdLoadDetails),
            completion: .paths, action: load),
        MetaCommand(
            "unload", arguments: "NAME", summary: Message(.cmdUnloadSummary), details: Message(.cmdUnloadDetails),
            completion: .reports, action: unload),
        MetaCommand(
            "reports", summary: Message(.cmdReportsSummary),
            action: { _, context in
                context.runner.show(ReportsTable.make(context.session.reports))
                return .done
            }),
        MetaCommand(
            "formats", summary: Message(.cmdFormatsSummary),
            action: { _, context in
                context.runner.show(FormatsCommand.table(context.session))
                return .done
            }),
        MetaCommand(
            "set", arguments: "SETTING VALUE", summary: Message(.cmdSetSummary), details: Message(.cmdSetDetails),
            completion: .words(SettingsCommand.names, then: SettingsCommand.values),
            action: SettingsCommand.run),
        MetaCommand(
            "timing", arguments: "[on|off]", summary: Message(.cmdTimingSummary), details: Message(.cmdTimingDetails),
            completion: .words(["on", "off"], then: [:]),
            action: SettingsCommand.timing),
        MetaCommand(
            "save", arguments: "PATH", summary: Message(.cmdSaveSummary), details: Message(.cmdSaveDetails),
            completion: .paths, action: save),
        MetaCommand(
            "history", summary: Message(.cmdHistorySummary), details: Message(.cmdHistoryDetails),
            action: { _, context in
                let lines = context.history()
                let digits = String(lines.count).count
                var out = ""
                for (i, line) in lines.enumerated() {
                    let n = String(i + 1)
                    out += String(repeating: " ", count: digits - n.count) + n + "  " + TerminalText.escaped(line) + "\n"
                }
                context.runner.emit(out)
                return .done
            }),
        MetaCommand(
            "help", arguments: "[TOPIC]", summary: Message(.cmdHelpSummary),
            completion: .helpTopics,
            action: { arguments, context throws(MetaCommandError) in
                let text = try HelpText.render(
                    topic: arguments.first, commands: context.runner.commands, language: context.session.options.language)
                context.runner.emit(text)
                return .done
            }),
    ] + MetaCommandTable.reading + MetaCommandTable.teaching + [
        MetaCommand("quit", aliases: ["q", "exit"], summary: Message(.cmdQuitSummary), action: { _, _ in .quit }),
    ])

    @Sendable static func load(_ arguments: [String], _ context: MetaCommandContext) throws(MetaCommandError) -> MetaOutcome {
        guard !arguments.isEmpty else { throw MetaCommandError(Message(.expectedPathAfterLoad)) }
        let result: FormatResult
        do {
            result = try context.session.load(arguments)
        } catch {
            throw MetaCommandError(error.description)
        }
        // Ctrl-C while reading: the user asked to stop, so what was read is not kept.
        if Interrupt.happened {
            context.session.dropLastLoaded(result.reports.count)
            throw MetaCommandError("interrupted: nothing was loaded")
        }
        let language = context.session.options.language
        for w in result.warnings { context.runner.console.err(TerminalText.escaped(w.text(context.session.options.language)) + "\n") }
        let facts = result.reports.reduce(0) { $0 + $1.facts.count }
        let names = ReportsTable.summary(result.reports)
        let loaded = Message(.loadedReports, result.reports.count, facts).text(language)
        context.runner.console.err(loaded + (names.isEmpty ? "" : ": " + TerminalText.escaped(names)) + "\n")
        return .done
    }

    @Sendable static func unload(_ arguments: [String], _ context: MetaCommandContext) throws(MetaCommandError) -> MetaOutcome {
        guard let name = arguments.first else {
            throw MetaCommandError(Message(.expectedNameAfterUnload), hint: Message(.reportsListsThem))
        }
        let names = ReportsTable.names(context.session.reports)
        let removed = context.session.unload(name)
        guard removed > 0 else {
            let hint = Suggestion.nearest(name, among: names).map { Message(.didYouMean, $0) } ?? Message(.reportsListsThem)
            throw MetaCommandError(Message(.noReportCalled, name), hint: hint)
        }
        context.runner.console.err(Message(.unloadedReports, removed).text(context.session.options.language) + "\n")
        return .done
    }

    @Sendable static func save(_ arguments: [String], _ context: MetaCommandContext) throws(MetaCommandError) -> MetaOutcome {
        guard let path = arguments.first else { throw MetaCommandError(Message(.expectedPathAfterSave)) }
        if path.lowercased().hasSuffix(".html") { return try HandoutCommand.save(path, context: context) }
        guard let result = context.session.lastResult else {
            throw MetaCommandError(Message(.nothingToSave), hint: Message(.runAQueryFirst))
        }
        if let outcome = try ChartOutput.save(result, to: path, context: context) { return outcome }
        guard let mode = OutputMode(fileExtensionOf: path) else {
            throw MetaCommandError(Message(.expectedSaveExtension, path))
        }
        var options = context.session.options
        options.mode = mode
        options.color = false
        options.maxWidth = nil
        options.maxRows = nil
        options.expanded = .off
        let output = Renderer.render(result, options)
        var text = output.body
        if mode == .table || mode == .markdown {
            text += (mode == .markdown && !output.notes.isEmpty ? "\n" : "")
                + output.notes.map { (mode == .markdown ? "> " : "") + Message(.notePrefix, $0).text(options.language) + "\n" }.joined()
        }
        guard let file = fopen(path, "wb") else {
            throw MetaCommandError(Message(.cannotWrite, path, String(cString: strerror(errno)).lowercased()))
        }
        let bytes = Array(text.utf8)
        let written = fwrite(bytes, 1, bytes.count, file)
        let closed = fclose(file)
        guard written == bytes.count, closed == 0 else {
            throw MetaCommandError(Message(.cannotWrite, path, String(cString: strerror(errno)).lowercased()))
        }
        context.runner.console.err(Message(.savedRows, result.rows.count, TerminalText.escaped(path)).text(options.language) + "\n")
        return .done
    }
}

/// `:reports`: the loaded reports as a table.
public enum ReportsTable {
    public static func make(_ reports: [Report]) -> ResultTable {
        var table = ResultTable(columns: [
            .init("entity", .text), .init("short name", .text), .init("year", .integer), .init("phase", .text),
            .init("facts", .integer), .init("warnings", .integer), .init("file", .text),
        ])
        for r in reports {
            table.append([
                .text(r.entity), r.shortName.map(Value.text) ?? .null, .integer(r.year), .text(r.phase.rawValue),
                .integer(r.facts.count), .integer(r.warnings.count), .text(r.source),
            ])
        }
        return table
    }

    /// Every name a report can be unloaded by, without repeats.
    public static func names(_ reports: [Report]) -> [String] {
        var seen = Set<String>()
        var names: [String] = []
        for r in reports {
            for n in [r.entity, r.shortName, r.source].compactMap({ $0 }) where seen.insert(n).inserted { names.append(n) }
        }
        return names
    }

    /// `县委办 2019–2021`: the display names and the years, short.
    public static func summary(_ reports: [Report]) -> String {
        guard !reports.isEmpty else { return "" }
        var names: [String] = []
        for r in reports where !names.contains(r.displayName) { names.append(r.displayName) }
        let who = names.count == 1 ? names[0] : "\(names[0]) +\(names.count - 1)"
        let years = Set(reports.map(\.year)).sorted()
        let when: String
        if years.count == 1 {
            when = String(years[0])
        } else if years.last! - years.first! == years.count - 1 {
            when = "\(years.first!)–\(years.last!)"
        } else {
            when = years.map(String.init).joined(separator: ",")
        }
        return "\(who) \(when)"
    }
}
