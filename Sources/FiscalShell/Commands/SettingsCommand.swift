import FiscalModel
import FiscalQuery

/// `:set` and `:timing`: how results are shown. One table of settings answers `:set` (the
/// list), completion and the error for an unknown name.
enum SettingsCommand {
    /// The settings, in the order `:set` lists them.
    static let names = ["output", "width", "rows", "expanded", "pager", "null", "decimals", "thousands", "timing", "echo", "lang"]

    /// What Tab offers after each setting.
    static let values: [String: [String]] = [
        "output": OutputMode.allCases.map(\.rawValue), "width": ["auto"], "rows": ["all"],
        "expanded": ExpandedMode.allCases.map(\.rawValue), "pager": ["on", "off"], "thousands": ["on", "off"],
        "timing": ["on", "off"], "echo": ["on", "off"], "lang": Language.allCases.map(\.rawValue), "decimals": ["off"],
    ]

    @Sendable static func run(_ arguments: [String], _ context: MetaCommandContext) throws(MetaCommandError) -> MetaOutcome {
        let session = context.session
        guard let key = arguments.first else {
            context.runner.show(table(session))
            return .done
        }
        guard arguments.count == 2 else {
            throw MetaCommandError(Message(.expectedOneValue, key), hint: Message(.helpSetShows))
        }
        try set(key, to: arguments[1], in: session)
        return .done
    }

    /// `:timing` toggles; `:timing on|off` sets.
    @Sendable static func timing(_ arguments: [String], _ context: MetaCommandContext) throws(MetaCommandError) -> MetaOutcome {
        let session = context.session
        if let value = arguments.first {
            session.shell.timing = try onOff(value)
        } else {
            session.shell.timing.toggle()
        }
        let state = Message(session.shell.timing ? .timingIsOn : .timingIsOff).text(session.options.language)
        context.runner.console.err(state + "\n")
        return .done
    }

    /// The settings and their values, as `:set` shows them.
    static func table(_ session: Session) -> ResultTable {
        let o = session.options
        let s = session.shell
        func onOff(_ b: Bool) -> String { b ? "on" : "off" }
        let values: [String: String] = [
            "output": o.mode.rawValue,
            "width": (o.maxWidth.map(String.init) ?? "unlimited") + (s.widthFollowsTerminal ? " (auto)" : ""),
            "rows": o.maxRows.map(String.init) ?? "all",
            "expanded": o.expanded.rawValue,
            "pager": s.pagerAllowed ? (s.pager ?? "off") : Message(.setPagerNotTerminal).text(o.language),
            "null": o.nullText,
            "decimals": o.decimals.map(String.init) ?? "off",
            "thousands": onOff(o.thousands),
            "timing": onOff(s.timing),
            "echo": onOff(s.echo),
            "lang": o.language.rawValue,
        ]
        var table = ResultTable(columns: [.init("setting", .text), .init("value", .text)])
        for name in names { table.append([.text(name), .text(values[name] ?? "")]) }
        return table
    }

    /// Sets one setting; the fiscalrc file and `:set` both come here.
    static func set(_ key: String, to value: String, in session: Session) throws(MetaCommandError) {
        switch key {
        case "output", "o":
            guard let mode = OutputMode(rawValue: value.lowercased()) else {
                throw MetaCommandError(Message(.expectedOutputMode, OutputMode.allCases.map(\.rawValue).joined(separator: ", "), value))
            }
            session.options.mode = mode
        case "width":
            session.shell.widthChosen = true
            if value == "auto" {
                session.shell.widthFollowsTerminal = true
                session.options.maxWidth = Terminal.isTerminal(1) ? Terminal.currentWidth() : nil
            } else {
                guard let n = Int(value), n >= 20 else { throw MetaCommandError(Message(.expectedWidth, value)) }
                session.shell.widthFollowsTerminal = false
                session.options.maxWidth = n
            }
        case "rows":
            if value == "all" {
                session.options.maxRows = nil
            } else {
                guard let n = Int(value), n > 0 else { throw MetaCommandError(Message(.expectedRows, value)) }
                session.options.maxRows = n
            }
        case "expanded", "x":
            guard let mode = ExpandedMode(rawValue: value.lowercased()) else {
                throw MetaCommandError(Message(.expectedExpanded, value))
            }
            session.options.expanded = mode
        case "pager":
            session.shell.pagerChosen = true
            switch value.lowercased() {
            case "off": session.shell.pager = nil
            case "on": session.shell.pager = ShellSettings.defaultPager(environment: ProcessEnvironment.current)
            default: session.shell.pager = value
            }
        case "null":
            session.options.nullText = value
        case "decimals":
            if value == "off" {
                session.options.decimals = nil
            } else {
                guard let n = Int(value), (0...6).contains(n) else { throw MetaCommandError(Message(.expectedDecimals, value)) }
                session.options.decimals = n
            }
        case "thousands":
            session.options.thousands = try onOff(value)
        case "timing":
            session.shell.timing = try onOff(value)
        case "echo":
            session.shell.echo = try onOff(value)
        case "lang", "language":
            guard let language = Language(name: value) else { throw MetaCommandError(Message(.expectedLanguage, value)) }
            session.options.language = language
        default:
            let hint = Suggestion.nearest(key, among: names).map { Message(.didYouMean, $0) }
            throw MetaCommandError(Message(.unknownSetting, key, names.joined(separator: ", ")), hint: hint)
        }
    }

    static func onOff(_ value: String) throws(MetaCommandError) -> Bool {
        switch value.lowercased() {
        case "on", "true", "1", "yes": return true
        case "off", "false", "0", "no": return false
        default: throw MetaCommandError(Message(.expectedOnOff, value))
        }
    }
}
