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
            "load", arguments: "PATH…", summary: "load report files or folders (what is loaded stays)",
            details: "Loads every file given, and every report file directly inside a folder given.\n"
                + "If one file fails, nothing new is loaded and what was loaded before stays.\n\n"
                + "  :load Examples/county-office-2019-2021.csv\n  :load reports/",
            completion: .paths, action: load),
        MetaCommand(
            "unload", arguments: "NAME", summary: "remove the reports of an entity, short name or file",
            details: "  :unload 示例县委办公室\n  :unload Examples/county-office-2019-2021.csv",
            completion: .reports, action: unload),
        MetaCommand(
            "reports", summary: "list what is loaded: entity, year, phase, facts, warnings",
            action: { _, context in
                context.runner.show(ReportsTable.make(context.session.reports))
                return .done
            }),
        MetaCommand(
            "formats", summary: "list the format plugins and the files they read",
            action: { _, context in
                context.runner.show(FormatsCommand.table(context.session))
                return .done
            }),
        MetaCommand(
            "set", arguments: "output|width|rows VALUE",
            summary: "change how results are shown (no arguments: show the settings)",
            details: "  :set output table|csv|json|markdown\n  :set width 100      fit tables into 100 columns\n"
                + "  :set rows 50        show at most 50 rows of a table\n  :set rows all       show every row",
            completion: .words(["output", "width", "rows"], then: ["output": OutputMode.allCases.map(\.rawValue), "rows": ["all"]]),
            action: SettingsCommand.run),
        MetaCommand(
            "save", arguments: "PATH", summary: "write the last result to a file (.csv .json .md .txt), its chart (.svg .png) or the session as a handout (.html)",
            details: "The format follows the extension; every row is written, however many the screen shows.\n\n"
                + "  :save 支出.csv\n  :save result.md\n  :save chart.svg     the last result drawn (its `chart` stage, else bars)\n"
                + "  :save chart.png     the same through rsvg-convert\n  :save lesson.html   every step of the session as a printable handout",
            completion: .paths, action: save),
        MetaCommand(
            "history", summary: "list the lines typed in the shell, oldest first",
            details: "Up and Down recall lines; Ctrl-R searches back through them.",
            action: { _, context in
                let lines = context.history()
                let digits = String(lines.count).count
                var out = ""
                for (i, line) in lines.enumerated() {
                    let n = String(i + 1)
                    out += String(repeating: " ", count: digits - n.count) + n + "  " + TerminalText.escaped(line) + "\n"
                }
                context.runner.console.out(out)
                return .done
            }),
        MetaCommand(
            "help", arguments: "[TOPIC]", summary: "list commands and stages, or explain one (`:help drill`)",
            completion: .helpTopics,
            action: { arguments, context throws(MetaCommandError) in
                let text = try HelpText.render(topic: arguments.first, commands: context.runner.commands)
                context.runner.console.out(text)
                return .done
            }),
    ] + MetaCommandTable.reading + MetaCommandTable.teaching + [
        MetaCommand("quit", aliases: ["q", "exit"], summary: "leave the shell (Ctrl-D on an empty line too)", action: { _, _ in .quit }),
    ])

    @Sendable static func load(_ arguments: [String], _ context: MetaCommandContext) throws(MetaCommandError) -> MetaOutcome {
        guard !arguments.isEmpty else { throw MetaCommandError("expected a file or folder after `:load`") }
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
        for w in result.warnings { context.runner.console.err(TerminalText.escaped("\(w)") + "\n") }
        let facts = result.reports.reduce(0) { $0 + $1.facts.count }
        let names = ReportsTable.summary(result.reports)
        context.runner.console.err("loaded \(result.reports.count) report\(result.reports.count == 1 ? "" : "s") (\(facts) facts)\(names.isEmpty ? "" : ": " + TerminalText.escaped(names))\n")
        return .done
    }

    @Sendable static func unload(_ arguments: [String], _ context: MetaCommandContext) throws(MetaCommandError) -> MetaOutcome {
        guard let name = arguments.first else { throw MetaCommandError("expected a report name after `:unload`", hint: "`:reports` lists them") }
        let names = ReportsTable.names(context.session.reports)
        let removed = context.session.unload(name)
        guard removed > 0 else {
            let hint = Suggestion.nearest(name, among: names).map { "did you mean `\($0)`?" } ?? "`:reports` lists what is loaded"
            throw MetaCommandError("no loaded report is called `\(name)`", hint: hint)
        }
        context.runner.console.err("unloaded \(removed) report\(removed == 1 ? "" : "s")\n")
        return .done
    }

    @Sendable static func save(_ arguments: [String], _ context: MetaCommandContext) throws(MetaCommandError) -> MetaOutcome {
        guard let path = arguments.first else { throw MetaCommandError("expected a file name after `:save`") }
        if path.lowercased().hasSuffix(".html") { return try HandoutCommand.save(path, context: context) }
        guard let result = context.session.lastResult else {
            throw MetaCommandError("there is no result to save yet", hint: "run a query first")
        }
        if let outcome = try ChartOutput.save(result, to: path, context: context) { return outcome }
        guard let mode = OutputMode(fileExtensionOf: path) else {
            throw MetaCommandError("expected a file name ending in .csv, .json, .md, .txt, .svg, .png or .html; found `\(path)`")
        }
        let options = RenderOptions(
            mode: mode, percentDigits: context.session.options.percentDigits, ratioDigits: context.session.options.ratioDigits)
        let output = Renderer.render(result, options)
        var text = output.body
        if mode == .table || mode == .markdown { text += output.notes.map { "note: \($0)\n" }.joined() }
        guard let file = fopen(path, "wb") else {
            throw MetaCommandError("cannot write `\(path)`: \(String(cString: strerror(errno)).lowercased())")
        }
        let bytes = Array(text.utf8)
        let written = fwrite(bytes, 1, bytes.count, file)
        let closed = fclose(file)
        guard written == bytes.count, closed == 0 else {
            throw MetaCommandError("cannot write `\(path)`: \(String(cString: strerror(errno)).lowercased())")
        }
        context.runner.console.err("saved \(result.rows.count) row\(result.rows.count == 1 ? "" : "s") to \(TerminalText.escaped(path))\n")
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
