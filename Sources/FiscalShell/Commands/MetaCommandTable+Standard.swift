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
            "connect", arguments: "URL", summary: Message(.cmdConnectSummary), details: Message(.cmdConnectDetails),
            action: load),
        MetaCommand(
            "unload", arguments: "NAME", summary: Message(.cmdUnloadSummary), details: Message(.cmdUnloadDetails),
            completion: .reports, action: unload),
        MetaCommand(
            "reports", summary: Message(.cmdReportsSummary), details: Message(.cmdReportsDetails),
            action: { _, context in
                context.runner.show(ReportsTable.make(context.session))
                return .done
            }),
        MetaCommand(
            "alias", arguments: "[NAME = ENTITY]", summary: Message(.cmdAliasSummary), details: Message(.cmdAliasDetails),
            completion: .reports, action: AliasCommand.alias),
        MetaCommand(
            "unalias", arguments: "NAME", summary: Message(.cmdUnaliasSummary),
            completion: .words([], then: [:]), action: AliasCommand.unalias),
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

    /// `:load PATH…`: files, folders and stores. A bad file in a folder (or among several paths)
    /// never loses the rest, nor what was loaded before: the others are loaded, and the command
    /// fails listing the files that could not be read. One named file that fails loads nothing.
    @Sendable static func load(_ arguments: [String], _ context: MetaCommandContext) throws(MetaCommandError) -> MetaOutcome {
        guard !arguments.isEmpty else { throw MetaCommandError(Message(.expectedPathAfterLoad)) }
        let session = context.session
        let language = session.options.language
        let progress = session.showsLoadProgress ? LoadProgress.terminal(language: language) : nil
        let batch = session.read(arguments, progress: progress)
        if batch.isSingleFile, let error = batch.failures.first {
            throw MetaCommandError(error.description)
        }
        // Ctrl-C while reading: the user asked to stop, so what was read is not kept.
        if Interrupt.happened {
            throw MetaCommandError("interrupted: nothing was loaded")
        }
        session.keep(batch)
        let result = batch.result
        for w in result.warnings { context.runner.console.err(TerminalText.escaped(w.text(language)) + "\n") }
        let outcome = session.loadOutcome(ofLast: result.reports.count)
        for note in outcome.notes(language) {
            context.runner.console.err(Message(.notePrefix, TerminalText.escaped(note)).text(language) + "\n")
        }
        let names = ReportsTable.summary(outcome.reports.map { session.reports[$0] })
        let loaded = outcome.message(language)
        context.runner.console.err(loaded + (names.isEmpty ? "" : ": " + TerminalText.escaped(names)) + "\n")
        if !batch.failures.isEmpty {
            // The list, then the statement fails (a script stops here unless --keep-going).
            context.runner.console.err(Session.failureList(batch, language: language))
            throw MetaCommandError(Message(.loadFailedSummary, batch.failures.count))
        }
        return .done
    }

    @Sendable static func unload(_ arguments: [String], _ context: MetaCommandContext) throws(MetaCommandError) -> MetaOutcome {
        guard let name = arguments.first else {
            throw MetaCommandError(Message(.expectedNameAfterUnload), hint: Message(.reportsListsThem))
        }
        let names = ReportsTable.names(context.session)
        let removed: Int
        do {
            removed = try context.session.unload(name)
        } catch {
            throw AliasCommand.lookupError(error, names: names)
        }
        guard removed > 0 else {
            throw MetaCommandError(Message(.noReportCalled, name), hint: Message(.reportsListsThem))
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
    /// One row per report: its entity, short name, year, phase, how many files it was read
    /// from and which, the names they print when not the entity's, facts and warnings; the
    /// files skipped as repeats are the table's notes.
    public static func make(_ session: Session) -> ResultTable {
        var table = make(session.reports)
        let outcome = session.loadOutcome(ofLast: session.documents.count)
        table.notes += outcome.skipped.map { s in
            Message(.skippedRepeat, LoadOutcome.fileName(s.file),
                    Message(s.reason == .sameText ? .repeatSameText : .repeatSameFigures),
                    LoadOutcome.fileName(s.kept)).text(session.options.language)
        }
        return table
    }

    /// The reports as a table (no notes on skipped files).
    public static func make(_ reports: [Report]) -> ResultTable {
        var table = ResultTable(columns: [
            .init("entity", .text), .init("short name", .text), .init("year", .integer), .init("phase", .text),
            .init("facts", .integer), .init("warnings", .integer), .init("files", .integer), .init("file", .text),
            .init("printed as", .text),
        ])
        for r in reports {
            let documents = r.sourceDocuments
            var printed: [String] = []
            for d in documents where d.printedEntity != r.entity && !printed.contains(d.printedEntity) {
                printed.append(d.printedEntity)
            }
            table.append([
                .text(r.entity), r.shortName.map(Value.text) ?? .null, .integer(r.year), .text(r.phase.rawValue),
                .integer(r.facts.count), .integer(r.warnings.count), .integer(documents.count),
                .text(documents.map(\.path).joined(separator: " + ")),
                printed.isEmpty ? .null : .text(printed.joined(separator: ", ")),
            ])
        }
        return table
    }

    /// Every name a report can be unloaded by, without repeats: entity names, their printed
    /// names and aliases, short names, and files.
    public static func names(_ session: Session) -> [String] {
        var seen = Set<String>()
        var names: [String] = []
        for e in session.assembly.entities.entities {
            // The names, and each without its region (财政局 of 上海市普陀区财政局): a name is
            // typed from its beginning, region left out.
            let local = e.printed.compactMap { p in EntityName.region(of: p).flatMap { r in p.hasPrefix(r) ? String(p.dropFirst(r.count)) : nil } }
            for n in [e.name] + e.printed + e.aliases + e.shortNames + local where !n.isEmpty && seen.insert(n).inserted { names.append(n) }
        }
        for d in session.documents where seen.insert(d.source).inserted { names.append(d.source) }
        return names
    }

    /// `县委办 2019–2021`: the display names and the years, short.
    public static func summary(_ reports: [Report]) -> String {
        guard !reports.isEmpty else { return "" }
        // The first name, and how many distinct ones (a set: 30,000 reports of one file made a
        // list search quadratic).
        var names: [String] = []
        var seen = Set<String>()
        for r in reports {
            let name = r.displayName
            if seen.insert(name).inserted { names.append(name) }
        }
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
