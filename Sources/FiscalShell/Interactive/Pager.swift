import CLibedit

#if canImport(Glibc)
import Glibc
#endif

/// Long results in the interactive shell go through a pager (`$PAGER`, default `less -S`),
/// as in psql. Never used in pipes or scripts: ``ShellSettings/pagerAllowed`` is set only by
/// the interactive shell on a terminal.
enum Pager {
    /// Whether `text` has more lines than `height`.
    static func isTaller(_ text: String, than height: Int) -> Bool {
        var lines = 0
        for byte in text.utf8 where byte == 10 {
            lines += 1
            if lines > height { return true }
        }
        return false
    }

    /// Runs `command` through `/bin/sh` with `text` on its standard input and waits for it.
    /// Returns false when the pager could not be started (the caller prints instead).
    static func show(_ text: String, command: String) -> Bool {
        // less: UTF-8 even under LANG=C, and colour escapes passed through (unless the user set these).
        setenv("LESSCHARSET", "utf-8", 0)
        setenv("LESS", "-R", 0)
        let previous = signal(SIGPIPE, SIG_IGN)
        defer { signal(SIGPIPE, previous) }
        fflush(fiscal_stdout())
        guard let pipe = popen(command, "w") else { return false }
        Interrupt.paging = 1
        defer { Interrupt.paging = 0 }
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, pipe) }
        let status = pclose(pipe)
        // Ctrl-C inside the pager (to stop a search in less) is the pager's, not a query's.
        Interrupt.reset()
        // 127: the shell could not find the pager.
        return status != -1 && (status >> 8) & 0xFF != 127
    }
}
