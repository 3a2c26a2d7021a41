import FiscalFormat
import FiscalModel

/// Why a workspace or database could not be opened, read or written: a catalogue message
/// naming the file (or URL) and what was expected.
public struct StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: Message

    public init(_ key: MessageKey, _ arguments: any MessageArgument...) {
        message = .key(key, arguments.map(\.asMessage))
    }

    init(message: Message) { self.message = message }

    public var description: String { message.text(.english) }

    /// The error as a load error, for the shell's `:load` and the command line's paths.
    func loadError(_ location: String) -> LoadError {
        .unreadable(file: location, reason: message)
    }
}
