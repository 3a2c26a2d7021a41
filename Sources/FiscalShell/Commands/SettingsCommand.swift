import FiscalQuery
import FiscalModel

/// `:set`: output mode, width and row limit of the session's rendering.
enum SettingsCommand {
    @Sendable static func run(_ arguments: [String], _ context: MetaCommandContext) throws(MetaCommandError) -> MetaOutcome {
        let session = context.session
        guard let key = arguments.first else {
            var table = ResultTable(columns: [.init("setting", .text), .init("value", .text)])
            table.append([.text("output"), .text(session.options.mode.rawValue)])
            table.append([.text("width"), .text(session.options.maxWidth.map(String.init) ?? "unlimited")])
            table.append([.text("rows"), .text(session.options.maxRows.map(String.init) ?? "all")])
            context.runner.show(table)
            return .done
        }
        guard arguments.count == 2 else {
            throw MetaCommandError("expected one value after `:set \(key)`", hint: "`:help set` shows the settings")
        }
        let value = arguments[1]
        switch key {
        case "output", "o":
            guard let mode = OutputMode(rawValue: value.lowercased()) else {
                throw MetaCommandError("expected table, csv, json or markdown; found `\(value)`")
            }
            session.options.mode = mode
        case "width":
            guard let n = Int(value), n >= 20 else {
                throw MetaCommandError("expected a width of at least 20 columns; found `\(value)`")
            }
            session.options.maxWidth = n
        case "rows":
            if value == "all" {
                session.options.maxRows = nil
            } else {
                guard let n = Int(value), n > 0 else {
                    throw MetaCommandError("expected a number of rows or `all`; found `\(value)`")
                }
                session.options.maxRows = n
            }
        default:
            let hint = Suggestion.nearest(key, among: ["output", "width", "rows"]).map { "did you mean `\($0)`?" }
            throw MetaCommandError("unknown setting `\(key)`; expected output, width or rows", hint: hint)
        }
        return .done
    }
}
