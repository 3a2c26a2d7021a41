/// The language fiscal writes its messages, help, notes and column headings in.
public enum Language: String, Sendable, Hashable, CaseIterable {
    case english = "en"
    case chinese = "zh"

    /// The language a name asks for: `en`, `english`, `zh`, `zh_CN.UTF-8`, `中文`, …
    public init?(name: String) {
        let lower = name.lowercased()
        if lower.hasPrefix("zh") || lower == "chinese" || name == "中文" {
            self = .chinese
        } else if lower.hasPrefix("en") || lower == "c" || lower == "posix" {
            self = .english
        } else {
            return nil
        }
    }

    /// The language the environment asks for, as `gettext` reads it: the locale from
    /// `LC_ALL`, then `LC_MESSAGES`, then `LANG`; unless that is `C`/`POSIX`, the first of
    /// `LANGUAGE`'s list (`zh_CN:en`) wins. Chinese when the choice is `zh*`, English otherwise.
    public static func from(environment: [String: String]) -> Language {
        var locale = ""
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[name], !value.isEmpty {
                locale = value
                break
            }
        }
        let plain = locale.isEmpty || locale == "C" || locale == "POSIX" || locale.hasPrefix("C.")
        if !plain, let list = environment["LANGUAGE"], let first = list.split(separator: ":").first {
            return first.lowercased().hasPrefix("zh") ? .chinese : .english
        }
        return locale.lowercased().hasPrefix("zh") ? .chinese : .english
    }
}

/// A message that is written in the reader's language when it is shown.
///
/// Code that reports something builds a `Message` from a ``MessageKey`` and its data;
/// ``text(_:)`` looks the key up in the catalogue (``MessageCatalogue``) and fills in the
/// placeholders. A message can hold other messages as arguments, so a sentence built from
/// parts is translated part by part.
public indirect enum Message: Sendable, Hashable, CustomStringConvertible {
    /// A catalogue entry with its arguments (`{0}`, `{1}`, … in the template).
    case key(MessageKey, [Message])
    /// Text that is the same in every language: a name, a number, a line from a report.
    case literal(String)
    /// Messages written one after another with `separator` between them.
    case joined([Message], separator: String)

    /// The message `key` with `arguments` in placeholder order.
    public init(_ key: MessageKey, _ arguments: any MessageArgument...) {
        self = .key(key, arguments.map(\.asMessage))
    }

    /// The text in `language`.
    public func text(_ language: Language) -> String {
        switch self {
        case .literal(let s): return s
        case .joined(let parts, let separator): return parts.map { $0.text(language) }.joined(separator: separator)
        case .key(let key, let arguments):
            return MessageTemplate.fill(MessageCatalogue.template(key, language), arguments.map { $0.text(language) })
        }
    }

    /// The English text.
    public var description: String { text(.english) }

    /// This message followed by `other`.
    public static func + (lhs: Message, rhs: Message) -> Message { .joined([lhs, rhs], separator: "") }
}

/// A value that can stand as a message argument.
public protocol MessageArgument {
    var asMessage: Message { get }
}

extension Sequence<String> {
    /// The items as a list in `language`: joined with its ``MessageKey/listSeparator``
    /// (`a, b` in English, `a、b` in Chinese).
    public func joinedAsList(in language: Language) -> String {
        joined(separator: Message(.listSeparator).text(language))
    }
}

extension Message: MessageArgument { public var asMessage: Message { self } }
extension String: MessageArgument { public var asMessage: Message { .literal(self) } }
extension Substring: MessageArgument { public var asMessage: Message { .literal(String(self)) } }
extension Int: MessageArgument { public var asMessage: Message { .literal(String(self)) } }
extension Amount: MessageArgument { public var asMessage: Message { .literal(description) } }
extension ClassificationCode: MessageArgument { public var asMessage: Message { .literal(rawValue) } }

/// Fills a catalogue template.
///
/// `{0}` is the first argument; `{0|row|rows}` is `row` when the first argument is `1` and
/// `rows` otherwise (English plurals; Chinese templates do not need it).
public enum MessageTemplate {
    public static func fill(_ template: String, _ arguments: [String]) -> String {
        var out = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            let inside = rest[rest.index(after: open)..<close]
            let parts = inside.split(separator: "|", omittingEmptySubsequences: false)
            if let n = Int(parts[0]), n < arguments.count {
                if parts.count == 3 {
                    out += arguments[n] == "1" ? parts[1] : parts[2]
                } else {
                    out += arguments[n]
                }
            } else {
                out += rest[open...close]
            }
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }

    /// The argument numbers a template uses, for the catalogue test.
    public static func placeholders(_ template: String) -> Set<Int> {
        var found = Set<Int>()
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            let inside = rest[rest.index(after: open)..<close]
            if let n = inside.split(separator: "|").first.flatMap({ Int($0) }) { found.insert(n) }
            rest = rest[rest.index(after: close)...]
        }
        return found
    }
}

/// The message catalogue: one table per language (``english`` and ``chinese``, each in its
/// own file), keyed by ``MessageKey``.
public enum MessageCatalogue {
    /// The template of `key` in `language`; the English one when a translation is missing
    /// (a test makes sure none is).
    public static func template(_ key: MessageKey, _ language: Language) -> String {
        switch language {
        case .english: english[key] ?? key.rawValue
        case .chinese: chinese[key] ?? english[key] ?? key.rawValue
        }
    }
}
