import FiscalModel
import FiscalShell

/// The language of `fiscal --help` and of ArgumentParser's usage errors.
///
/// ArgumentParser's help is built from static declarations (`CommandConfiguration`, each
/// option's `ArgumentHelp`), so the language is chosen once at start-up, before parsing: from
/// `--lang` on the command line, else from `LANG`/`LC_MESSAGES` as everywhere else. The help
/// strings are catalogue entries (`cli.*`) read through ``text(_:)``; the words ArgumentParser
/// writes itself (`USAGE:`, `Show help information.`, …) are put into the language by
/// ``localized(_:)`` on the finished text (catalogue entries `argparser.*`).
enum CommandLineLanguage {
    /// Set by `Fiscal.main()` before anything is parsed; read by the help declarations.
    nonisolated(unsafe) static var current: Language = .english

    /// `--lang X` / `--lang=X` among `arguments` (before a `--`), else the environment's.
    static func choose(arguments: [String], environment: [String: String]) -> Language {
        var i = 0
        while i < arguments.count, arguments[i] != "--" {
            let a = arguments[i]
            if a == "--lang", i + 1 < arguments.count, let l = Language(name: arguments[i + 1]) { return l }
            if a.hasPrefix("--lang="), let l = Language(name: String(a.dropFirst("--lang=".count))) { return l }
            i += 1
        }
        return Language.from(environment: environment)
    }

    /// A help text of the command line in the chosen language.
    static func text(_ key: MessageKey, _ arguments: any MessageArgument...) -> String {
        Message.key(key, arguments.map(\.asMessage)).text(current)
    }

    /// ArgumentParser's own words in `output` (help or a usage error) in the chosen language.
    static func localized(_ output: String) -> String {
        guard current != .english else { return output }
        var lines: [String] = []
        for line in output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            let trimmed = String(line.drop { $0 == " " })
            let indent = String(line.prefix { $0 == " " })
            var out = line
            for (word, key) in headings where line.hasPrefix(word) {
                out = text(key) + line.dropFirst(word.count).drop { $0 == " " }
            }
            for (word, key) in phrases { out = out.replacingAll(word, with: text(key)) }
            if let inner = between(trimmed, "See '", "' for detailed help.") { out = indent + text(.apSeeDetailed, inner) }
            if let inner = between(trimmed, "See '", "' for more information.") { out = indent + text(.apSeeMore, inner) }
            if var rest = after(line, "Error: ") {
                for (english, key) in errors {
                    if let value = after(rest, english) { rest = text(key, value) }
                }
                out = text(.apError, rest)
            }
            if let rest = after(line, "Usage: ") { out = text(.apUsageLine, rest) }
            if let rest = after(line, "Help: ") { out = text(.apHelpLine, String(rest.drop { $0 == " " })) }
            lines.append(out)
        }
        return lines.joined(separator: "\n")
    }

    static let headings: [(String, MessageKey)] = [
        ("OVERVIEW:", .apOverview), ("USAGE:", .apUsage), ("ARGUMENTS:", .apArguments),
        ("OPTIONS:", .apOptions), ("SUBCOMMANDS:", .apSubcommands),
    ]
    static let phrases: [(String, MessageKey)] = [
        ("Show help information.", .apShowHelp), ("Show the version.", .apShowVersion), ("(values: ", .apValues),
    ]
    /// ArgumentParser's commonest usage errors (others keep its English).
    static let errors: [(String, MessageKey)] = [
        ("Unknown option ", .apUnknownOption), ("Missing expected argument ", .apMissingArgument), ("Missing value for ", .apMissingValue),
    ]

    static func between(_ s: String, _ open: String, _ close: String) -> String? {
        guard s.hasPrefix(open), s.hasSuffix(close), s.count >= open.count + close.count else { return nil }
        return String(s.dropFirst(open.count).dropLast(close.count))
    }

    static func after(_ s: String, _ prefix: String) -> String? {
        s.hasPrefix(prefix) ? String(s.dropFirst(prefix.count)) : nil
    }
}
