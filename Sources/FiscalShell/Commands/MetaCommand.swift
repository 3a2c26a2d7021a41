import FiscalQuery
import FiscalModel

/// One `:command` of the shell: its name, how it is written, what it does, and its action.
///
/// Every meta-command is one value in ``MetaCommandTable``; the same table answers `:help`,
/// completes command names and arguments, and suggests the nearest name for a typo. To add a
/// command (`:check`, `:source`, `:explain`), append one `MetaCommand` to
/// ``MetaCommandTable/standard`` or ``MetaCommandTable/register(_:)`` it on a runner's table.
public struct MetaCommand: Sendable {
    /// The name without the colon (`load`).
    public var name: String
    /// Other names that run the same command (`q` for `quit`).
    public var aliases: [String]
    /// How the arguments are written (`PATH…`), for help.
    public var arguments: String
    /// One line for the `:help` list (from the message catalogue).
    public var summary: Message
    /// More lines for `:help NAME`, with examples; nil when there are none.
    public var details: Message?
    /// What Tab offers for the arguments.
    public var completion: ArgumentCompletion
    /// Runs the command with its arguments (already split, quotes removed).
    public var action: @Sendable (_ arguments: [String], _ context: MetaCommandContext) throws(MetaCommandError) -> MetaOutcome

    public init(
        _ name: String, aliases: [String] = [], arguments: String = "", summary: Message, details: Message? = nil,
        completion: ArgumentCompletion = .none,
        action: @escaping @Sendable (_ arguments: [String], _ context: MetaCommandContext) throws(MetaCommandError) -> MetaOutcome
    ) {
        self.name = name
        self.aliases = aliases
        self.arguments = arguments
        self.summary = summary
        self.details = details
        self.completion = completion
        self.action = action
    }

    /// A command whose help is the same in every language (a plugin's, a test's).
    public init(
        _ name: String, aliases: [String] = [], arguments: String = "", summary: String, details: String = "",
        completion: ArgumentCompletion = .none,
        action: @escaping @Sendable (_ arguments: [String], _ context: MetaCommandContext) throws(MetaCommandError) -> MetaOutcome
    ) {
        self.init(name, aliases: aliases, arguments: arguments, summary: .literal(summary),
                  details: details.isEmpty ? nil : .literal(details), completion: completion, action: action)
    }

    /// How the command is written: `:load PATH…`.
    public var usage: String { ":" + name + (arguments.isEmpty ? "" : " " + arguments) }
}

/// What Tab completion offers after a meta-command's name.
public enum ArgumentCompletion: Sendable, Hashable {
    case none
    /// Files and folders.
    case paths
    /// Names of loaded reports.
    case reports
    /// Help topics.
    case helpTopics
    /// Fixed words for the first argument, and for a given first argument the words of the second
    /// (`:set output csv`).
    case words([String], then: [String: [String]])
}

/// What a meta-command needs from the shell that runs it.
public struct MetaCommandContext {
    public let session: Session
    /// Writes tables and text the way the session's options say.
    public let runner: StatementRunner
    /// The lines of the interactive history, oldest first (empty outside the shell).
    public let history: () -> [String]
    /// The text after the command name, as typed (quotes kept): for commands whose argument
    /// is a query (`:explain facts | where fund = "一般公共预算"`).
    public var rawArguments: String = ""
}

/// What the shell does after a meta-command.
public enum MetaOutcome: Sendable, Hashable {
    case done
    /// Leave the shell or stop the script (successfully).
    case quit
}

/// A meta-command that could not run: lowercase, what was expected and what was found.
/// The text comes from the message catalogue, in the reader's language, when it is shown.
public struct MetaCommandError: Error, Sendable, Hashable, CustomStringConvertible {
    public var text: Message
    public var hintText: Message?

    public init(_ text: Message, hint: Message? = nil) {
        self.text = text
        self.hintText = hint
    }

    /// An error whose text is the same in every language.
    public init(_ message: String, hint: String? = nil) {
        self.init(.literal(message), hint: hint.map(Message.literal))
    }

    /// The message in English.
    public var message: String { text.text(.english) }
    /// The hint in English.
    public var hint: String? { hintText?.text(.english) }

    public var description: String { message + (hint.map { "; \($0)" } ?? "") }
}

/// The meta-commands a runner knows, looked up by name or alias.
public struct MetaCommandTable: Sendable {
    public private(set) var commands: [MetaCommand]

    public init(_ commands: [MetaCommand]) {
        self.commands = commands
    }

    /// Adds a command, replacing one of the same name.
    public mutating func register(_ command: MetaCommand) {
        commands.removeAll { $0.name == command.name }
        commands.append(command)
    }

    /// The command called `name` (without the colon), by name or alias.
    public func command(named name: String) -> MetaCommand? {
        commands.first { $0.name == name || $0.aliases.contains(name) }
    }

    /// Every name and alias, with the colon, for completion.
    public var spellings: [String] {
        commands.flatMap { [$0.name] + $0.aliases }.map { ":" + $0 }
    }

    /// The known name closest to a mistyped one, when it is close enough to be a typo.
    public func suggestion(for name: String) -> String? {
        let names = commands.flatMap { [$0.name] + $0.aliases }
        return Suggestion.nearest(name, among: names)
    }

    /// Runs one meta-command line (`:load a.csv`).
    public func run(_ line: String, context: MetaCommandContext) throws(MetaCommandError) -> MetaOutcome {
        let words = try MetaCommandLine.split(line)
        guard let first = words.first else { throw MetaCommandError(Message(.expectedCommandName), hint: Message(.helpListsCommands)) }
        let name = String(first.dropFirst())
        guard let command = command(named: name) else {
            let hint = suggestion(for: name).map { Message(.didYouMean, ":" + $0) } ?? Message(.helpListsCommands)
            throw MetaCommandError(Message(.unknownCommand, name), hint: hint)
        }
        var context = context
        let trimmed = line.drop { $0.isWhitespace }
        context.rawArguments = String(trimmed.drop { !$0.isWhitespace }.drop { $0.isWhitespace })
        return try command.action(Array(words.dropFirst()), context)
    }
}

/// Splits a meta-command line into words; double or single quotes keep spaces, `\` escapes.
public enum MetaCommandLine {
    public static func split(_ line: String) throws(MetaCommandError) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for c in line {
            if escaped {
                current.append(c)
                escaped = false
                continue
            }
            if c == "\\" {
                escaped = true
                inWord = true
                continue
            }
            if let q = quote {
                if c == q { quote = nil } else { current.append(c) }
                continue
            }
            if c == "\"" || c == "'" {
                quote = c
                inWord = true
            } else if c.isWhitespace {
                if inWord { words.append(current) }
                current = ""
                inWord = false
            } else {
                current.append(c)
                inWord = true
            }
        }
        if quote != nil { throw MetaCommandError(Message(.expectedClosingQuote, line)) }
        if inWord { words.append(current) }
        return words
    }
}
