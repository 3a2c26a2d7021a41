import FiscalModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a path could not be loaded. Each case names the file.
public enum LoadError: Error, Sendable, CustomStringConvertible {
    /// The file is missing or cannot be read.
    case unreadable(file: String, reason: Message)
    /// No format recognises the file.
    case unknownFormat(file: String, known: [String])
    /// `--format NAME` names no format.
    case noSuchFormat(name: String, known: [String])
    /// The chosen format failed on the file.
    case failed(format: String, FormatError)

    public var description: String { text(.english) }

    /// The error in `language`, one line per problem.
    public func text(_ language: Language) -> String {
        switch self {
        case .unreadable(let file, let reason):
            Message(.loadUnreadable, file, reason).text(language)
        case .unknownFormat(let file, let known):
            Message(.loadUnknownFormat, file, known.joined(separator: ", ")).text(language)
        case .noSuchFormat(let name, let known):
            Message(.noFormatNamed, name, known.joined(separator: ", ")).text(language)
        case .failed(let format, let error):
            Message(.loadFailedFormat, error.text(language), format).text(language)
        }
    }

    /// Why a file could not be opened or read: the commonest causes in the catalogue, others as
    /// the system words them (`strerror`).
    static func reason(errno code: Int32) -> Message {
        switch code {
        case ENOENT: Message(.loadNoSuchFile)
        case EACCES, EPERM: Message(.loadPermissionDenied)
        case EISDIR: Message(.loadIsFolder)
        default: .literal(String(cString: strerror(code)).lowercased())
        }
    }

    /// The file the error is about, when there is one.
    public var file: String? {
        switch self {
        case .unreadable(let f, _), .unknownFormat(let f, _): f
        case .noSuchFormat: nil
        case .failed(_, let e): e.file
        }
    }
}
