#if canImport(Glibc)
import Glibc
#endif

/// Where the shell keeps what it remembers between sessions: `$XDG_STATE_HOME/fiscal`
/// (default `~/.local/state/fiscal`), holding `history` and the first-run marker.
public struct StateDirectory: Sendable {
    /// The folder, or nil when neither XDG_STATE_HOME nor HOME is set.
    public let path: String?

    public init(environment: [String: String]) {
        if let xdg = environment["XDG_STATE_HOME"], xdg.hasPrefix("/") {
            path = xdg + "/fiscal"
        } else if let home = environment["HOME"], home.hasPrefix("/") {
            path = home + "/.local/state/fiscal"
        } else {
            path = nil
        }
    }

    /// The history file, after creating the folder; nil if it cannot be created.
    public var historyFile: String? {
        guard let path, Self.makeFolders(path) else { return nil }
        return path + "/history"
    }

    /// The history file when it can be read and written, else why not: the folder cannot be
    /// made or written, or a file is there that libedit did not write (it would be overwritten).
    public var usableHistoryFile: (path: String?, problem: String?) {
        guard let base = path else { return (nil, nil) }
        guard let file = historyFile else { return (nil, "cannot create the history folder \(base)") }
        if access(file, F_OK) != 0 {
            return access(base, W_OK) == 0 ? (file, nil) : (nil, "cannot write the history folder \(base)")
        }
        if access(file, W_OK) != 0 { return (nil, "cannot write the history file \(file)") }
        guard let f = fopen(file, "rb") else { return (nil, "cannot read the history file \(file)") }
        defer { fclose(f) }
        var header = [UInt8](repeating: 0, count: 12)
        let n = fread(&header, 1, 12, f)
        if n == 0 || Array(header[0..<n]) == Array("_HiStOrY_V2_".utf8) { return (file, nil) }
        return (nil, "\(file) is not a libedit history file (it does not start with _HiStOrY_V2_); it is left as it is")
    }

    /// True the first time it is asked for this user (then never again).
    public func claimFirstRun() -> Bool {
        guard let path, Self.makeFolders(path) else { return false }
        let marker = path + "/welcomed"
        if access(marker, F_OK) == 0 { return false }
        guard let f = fopen(marker, "w") else { return false }
        fclose(f)
        return true
    }

    /// `mkdir -p`.
    static func makeFolders(_ path: String) -> Bool {
        var built = ""
        for part in path.split(separator: "/") {
            built += "/" + part
            if mkdir(built, 0o755) != 0 && errno != EEXIST { return false }
        }
        return true
    }
}
