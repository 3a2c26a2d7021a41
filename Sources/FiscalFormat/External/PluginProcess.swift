import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One run of an external plugin executable: input written to its standard input, its
/// standard output and standard error collected, under a time limit.
///
/// The host writes and reads through `poll()` in one loop, so a plugin that answers before
/// reading all of its input cannot deadlock it. The plugin runs in its own process group,
/// and a plugin that outlives the limit is killed with SIGKILL, group and all (a shell
/// script's `sleep` child included). SIGPIPE is ignored so that a plugin that dies early
/// cannot take the host with it.
///
/// `posix_spawn` is used rather than Foundation's `Process`: on Linux, `Process` notices
/// the end of a child only when every process that inherited its descriptors is gone, so
/// a killed script with a lingering child kept the host waiting.
struct PluginProcess {
    /// How a run ended.
    enum Ending: Sendable, Hashable {
        /// The process exited with this status.
        case exited(Int32)
        /// The process was killed by this signal (a crash).
        case signalled(Int32)
        /// The process ran past the limit and was killed.
        case timedOut
        /// The executable could not be started.
        case notStarted(String)
        /// The process wrote more than ``PluginProcess/maximumStdout`` bytes and was killed.
        case tooMuchOutput
    }

    /// The most a plugin may write to standard output in one run (a model of 64 MiB).
    static let maximumStdout = 64 << 20
    /// The most of a plugin's standard error that is kept; the rest is read and dropped so
    /// that a chatty plugin neither blocks nor fills memory.
    static let maximumStderr = 64 << 10

    /// What a run produced.
    struct Output: Sendable {
        var ending: Ending
        var stdout: [UInt8]
        var stderr: [UInt8]

        /// Whether standard error was longer than what was kept.
        var stderrCut = false

        /// Standard error as text, trimmed and cut to a readable length (control characters
        /// are escaped where it is printed).
        var stderrText: String {
            let text = String(decoding: stderr.prefix(8192), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            return text.count > 2000 || stderrCut || stderr.count > 8192 ? String(text.prefix(2000)) + "…" : text
        }
    }

    /// The executable.
    var path: String

    /// Runs the executable with `input` on standard input (closed after it), for at most
    /// `seconds`.
    func run(input: [UInt8], seconds: Double) -> Output {
        signal(SIGPIPE, SIG_IGN)
        PluginProcess.spawnLock.lock()
        guard let inPipe = PluginProcess.pipe(), let outPipe = PluginProcess.pipe(), let errPipe = PluginProcess.pipe() else {
            PluginProcess.spawnLock.unlock()
            return Output(ending: .notStarted(String(cString: strerror(errno))), stdout: [], stderr: [])
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, inPipe.read, 0)
        posix_spawn_file_actions_adddup2(&actions, outPipe.write, 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe.write, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)

        var pid = pid_t()
        let argv: [UnsafeMutablePointer<CChar>?] = [strdup(path), nil]
        defer { for a in argv { free(a) } }
        // ETXTBSY: another thread of this process may be forking while a freshly written
        // plugin file is still open for writing in it; the condition clears within moments.
        var spawned = posix_spawn(&pid, path, &actions, &attributes, argv, environ)
        var attempts = 0
        while spawned == ETXTBSY && attempts < 50 {
            attempts += 1
            usleep(20_000)
            spawned = posix_spawn(&pid, path, &actions, &attributes, argv, environ)
        }
        PluginProcess.spawnLock.unlock()
        close(inPipe.read); close(outPipe.write); close(errPipe.write)
        guard spawned == 0 else {
            close(inPipe.write); close(outPipe.read); close(errPipe.read)
            return Output(ending: .notStarted(String(cString: strerror(spawned)).lowercased()), stdout: [], stderr: [])
        }
        let (stdout, stderr, stop) = exchange(
            input: input, inFD: inPipe.write, outFD: outPipe.read, errFD: errPipe.read, seconds: seconds)
        if stop != nil { kill(-pid, SIGKILL); kill(pid, SIGKILL) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let cut = stderr.count > PluginProcess.maximumStderr
        let kept = Array(stderr.prefix(PluginProcess.maximumStderr))
        if let stop { return Output(ending: stop, stdout: [], stderr: kept, stderrCut: cut) }
        let signal = status & 0x7f
        let ending: Ending = signal == 0 ? .exited((status >> 8) & 0xff) : .signalled(signal)
        return Output(ending: ending, stdout: stdout, stderr: kept, stderrCut: cut)
    }

    /// Writes `input`, reads both outputs until they close, the time is up or standard output
    /// passes its limit; closes all three. Standard error beyond its limit is read and dropped.
    private func exchange(input: [UInt8], inFD: Int32, outFD: Int32, errFD: Int32, seconds: Double)
        -> (stdout: [UInt8], stderr: [UInt8], stop: Ending?)
    {
        _ = fcntl(inFD, F_SETFL, fcntl(inFD, F_GETFL) | O_NONBLOCK)
        var stdout: [UInt8] = [], stderr: [UInt8] = []
        var written = 0
        var inOpen = true, outOpen = true, errOpen = true
        if input.isEmpty { close(inFD); inOpen = false }
        let deadline = Date().addingTimeInterval(seconds)
        var stop: Ending?
        var buffer = [UInt8](repeating: 0, count: 65536)
        while (outOpen || errOpen) && stop == nil {
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 { stop = .timedOut; break }
            var fds: [pollfd] = []
            if inOpen { fds.append(pollfd(fd: inFD, events: Int16(POLLOUT), revents: 0)) }
            if outOpen { fds.append(pollfd(fd: outFD, events: Int16(POLLIN), revents: 0)) }
            if errOpen { fds.append(pollfd(fd: errFD, events: Int16(POLLIN), revents: 0)) }
            let ready = poll(&fds, nfds_t(fds.count), Int32(min(remaining * 1000, 1000)) + 1)
            if ready < 0 { if errno == EINTR { continue } else { break } }
            for p in fds where p.revents != 0 {
                if p.fd == inFD {
                    let n = input.withUnsafeBytes { raw in
                        write(inFD, raw.baseAddress! + written, min(input.count - written, 65536))
                    }
                    if n > 0 { written += n }
                    // The plugin closed its input early: stop writing, keep reading.
                    if n < 0 && errno != EAGAIN && errno != EINTR { written = input.count }
                    if written >= input.count { close(inFD); inOpen = false }
                } else {
                    let n = read(p.fd, &buffer, buffer.count)
                    if n > 0 {
                        if p.fd == outFD {
                            stdout.append(contentsOf: buffer[0..<n])
                            if stdout.count > PluginProcess.maximumStdout { stop = .tooMuchOutput }
                        } else if stderr.count <= PluginProcess.maximumStderr {
                            stderr.append(contentsOf: buffer[0..<n])
                        }
                    } else if n == 0 || (errno != EAGAIN && errno != EINTR) {
                        if p.fd == outFD { outOpen = false } else { errOpen = false }
                    }
                }
            }
        }
        if inOpen { close(inFD) }
        close(outFD); close(errFD)
        return (stdout, stderr, stop)
    }

    /// A pipe whose ends are closed in spawned children (except where dup'ed to 0, 1, 2).
    /// Made under ``spawnLock`` so that a plugin spawned by another thread meanwhile cannot
    /// inherit an end before it is marked close-on-exec.
    private static func pipe() -> (read: Int32, write: Int32)? {
        var fds: [Int32] = [0, 0]
        #if canImport(Glibc)
        guard Glibc.pipe(&fds) == 0 else { return nil }
        #else
        guard Darwin.pipe(&fds) == 0 else { return nil }
        #endif
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        return (fds[0], fds[1])
    }

    /// Serialises pipe creation and spawning between threads.
    private static let spawnLock = NSLock()
}
