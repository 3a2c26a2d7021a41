import Foundation

/// Drives the real binary in a pseudo-terminal through tmux: its own server socket per test,
/// keys sent, the screen polled with a time limit (no fixed sleeps).
final class TmuxDriver {
    let socket = "fiscal-test-" + UUID().uuidString.prefix(8)

    /// Starts `fiscal ARGS` in a `width`×`height` terminal with `environment` added.
    init(arguments: [String], environment: [String: String], width: Int = 120, height: Int = 40) throws {
        let env = Self.isolated(environment).map { "\($0.key)=\(Self.quote($0.value))" }.sorted().joined(separator: " ")
        let command = "env \(env) \(Self.quote(Fixture.binary)) " + arguments.map(Self.quote).joined(separator: " ")
        // The server forks from this call and would hold a captured output pipe open forever.
        try tmux(["new-session", "-d", "-x", String(width), "-y", String(height), "-c", Fixture.root, command], capture: false)
    }

    /// Starts an interactive bash (job control, no start-up files) in a terminal; type a
    /// command line into it with ``type(_:)``.
    init(shellWithEnvironment environment: [String: String]) throws {
        let env = Self.isolated(environment).map { "\($0.key)=\(Self.quote($0.value))" }.sorted().joined(separator: " ")
        let command = "env \(env) PS1='$ ' bash --norc --noprofile -i"
        try tmux(["new-session", "-d", "-x", "120", "-y", "40", "-c", Fixture.root, command], capture: false)
    }

    /// Resizes the terminal (the program gets SIGWINCH).
    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-x", String(width), "-y", String(height)])
    }

    /// The whole history of the pane, not only the visible screen.
    func scrollback() -> String { (try? tmux(["capture-pane", "-p", "-N", "-S", "-2000"])) ?? "" }

    deinit { _ = try? tmux(["kill-server"]) }

    /// Sends tmux key names (`Enter`, `C-c`, `Left`, `BSpace`, `Tab`, `Up`).
    func keys(_ names: String...) throws { try tmux(["send-keys"] + names) }

    /// Types text literally.
    func type(_ text: String) throws { try tmux(["send-keys", "-l", text]) }

    /// The visible screen.
    func screen() -> String { (try? tmux(["capture-pane", "-p", "-N"])) ?? "" }

    /// The cursor column (0-based).
    func cursorColumn() -> Int? {
        Int(((try? tmux(["display-message", "-p", "#{cursor_x}"])) ?? "").trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Waits until `condition` holds for the screen; returns the last screen seen and whether it held.
    @discardableResult
    func waitFor(timeout: Double = 10, _ condition: (String) -> Bool) -> (ok: Bool, screen: String) {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = screen()
            if condition(last) { return (true, last) }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return (false, last)
    }

    /// Waits until the session's process has exited (the tmux server then goes away).
    func waitForExit(timeout: Double = 10) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if (try? tmux(["has-session"])) == nil { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return false
    }

    /// Runs tmux on this driver's socket with posix_spawn and waitpid. (Foundation's Process
    /// never saw the client exit once the daemonised server had inherited its descriptors.)
    @discardableResult
    private func tmux(_ arguments: [String], capture: Bool = true) throws -> String {
        let outFile = NSTemporaryDirectory() + "tmux-out-" + UUID().uuidString
        defer { unlink(outFile) }
        let argv = ["tmux", "-L", socket, "-f", "/dev/null"] + arguments
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, capture ? outFile : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var cArgs = argv.map { strdup($0) } + [nil]
        defer { for a in cArgs { free(a) } }
        // Test-runner threads block most signals and a spawned process inherits that mask (and
        // tmux passes it on to the shell in the pane): give tmux an empty mask and default handlers.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid = pid_t()
        guard posix_spawnp(&pid, "tmux", &actions, &attributes, &cArgs, environ) == 0 else { throw TmuxError(arguments: arguments) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        guard status == 0 else { throw TmuxError(arguments: arguments) }
        return capture ? ((try? String(contentsOfFile: outFile, encoding: .utf8)) ?? "") : ""
    }

    /// `environment` with the user's language and start-up file out of the way, so that a
    /// developer's `LC_ALL` or `~/.config/fiscal/fiscalrc` cannot change what a test sees.
    static func isolated(_ environment: [String: String]) -> [String: String] {
        var env = ["LC_ALL": "", "LC_MESSAGES": "", "LANGUAGE": "", "XDG_CONFIG_HOME": "/nonexistent"]
        for (k, v) in environment { env[k] = v }
        return env
    }

    static func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    struct TmuxError: Error { var arguments: [String] }
}
