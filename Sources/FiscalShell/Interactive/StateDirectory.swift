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
