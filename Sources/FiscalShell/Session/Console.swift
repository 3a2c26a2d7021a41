import CLibedit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the shell writes: standard output for results, standard error for messages.
/// Tests substitute closures that collect the text.
public struct Console: Sendable {
    public var out: @Sendable (String) -> Void
    public var err: @Sendable (String) -> Void

    public init(out: @escaping @Sendable (String) -> Void, err: @escaping @Sendable (String) -> Void) {
        self.out = out
        self.err = err
    }

    /// The process's standard output and error, unbuffered per call. Every byte of the text is
    /// written (a NUL does not end it), with control characters escaped by
    /// ``TerminalText/guarded(_:)``.
    public static let standard = Console(
        out: { text in Console.write(TerminalText.guarded(text), to: fiscal_stdout()) },
        err: { text in Console.write(TerminalText.guarded(text), to: fiscal_stderr()) })

    private static func write(_ text: String, to stream: UnsafeMutablePointer<FILE>?) {
        var text = text
        text.withUTF8 { bytes in
            if let base = bytes.baseAddress, bytes.count > 0 { _ = fwrite(base, 1, bytes.count, stream) }
        }
        fflush(stream)
    }
}

/// Facts about the terminal the shell runs in.
public enum Terminal {
    /// Whether file descriptor `fd` is a terminal.
    public static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }

    /// Whether colour may be used on standard output: a terminal, and `NO_COLOR` unset.
    public static func colorAllowed(environment: [String: String]) -> Bool {
        guard isTerminal(1) else { return false }
        if let v = environment["NO_COLOR"], !v.isEmpty { return false }
        return environment["TERM"] != "dumb"
    }

    /// The terminal's width in columns (`COLUMNS` wins; 80 when unknown).
    public static func width(environment: [String: String]) -> Int {
        if let c = environment["COLUMNS"].flatMap(Int.init), c > 10 { return c }
        var size = winsize()
        if ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 10 { return Int(size.ws_col) }
        return 80
    }

    /// The width of the terminal on standard output now, asked of the terminal itself (not
    /// `COLUMNS`, which a resize does not change); nil when it is not a terminal.
    public static func currentWidth() -> Int? {
        var size = winsize()
        if ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 10 { return Int(size.ws_col) }
        return nil
    }

    /// The height of the terminal on standard output now; nil when it is not a terminal.
    public static func currentHeight() -> Int? {
        var size = winsize()
        if ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 3 { return Int(size.ws_row) }
        return nil
    }

    /// The terminal's height in rows (`LINES` wins; 24 when unknown).
    public static func height(environment: [String: String]) -> Int {
        if let c = environment["LINES"].flatMap(Int.init), c > 3 { return c }
        var size = winsize()
        if ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 3 { return Int(size.ws_row) }
        return 24
    }
}
