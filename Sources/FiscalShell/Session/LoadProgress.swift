import CLibedit
import Dispatch
import FiscalFormat
import FiscalModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How far a load has got: files and bytes read of those named, and the reports, facts,
/// warnings and failures so far. The threads reading files report here
/// (``Session/read(_:progress:)``); on a terminal it is drawn as one line on standard error,
/// redrawn in place at most ten times a second and erased when the load ends.
///
/// The line appears only once a load has taken a fifth of a second (a quick load draws
/// nothing). Only ``terminal(language:)`` draws; a progress made with a `draw` closure hands
/// each line to it (tests).
public final class LoadProgress: @unchecked Sendable {
    /// The counts at one moment.
    public struct Counts: Sendable, Equatable {
        public var files = 0, totalFiles = 0
        public var bytes = 0, totalBytes = 0
        public var reports = 0, facts = 0, warnings = 0, failed = 0
    }

    private let lock = Lock()
    private var counts = Counts()
    private var started: UInt64 = 0
    private var drawn = false
    private var ended = true
    private var timer: DispatchSourceTimer?
    private let language: Language
    /// Writes one control sequence and line (raw: the text is built here, file names never enter it).
    private let write: @Sendable (String) -> Void
    private let width: @Sendable () -> Int

    /// How often the line is redrawn, and how long a load runs before it is first drawn.
    static let interval = DispatchTimeInterval.milliseconds(100)
    static let delay = DispatchTimeInterval.milliseconds(200)

    /// A progress that hands what it would draw to `write` (``terminal(language:)`` writes to
    /// standard error), fitting lines into `width()` columns.
    public init(language: Language, width: @escaping @Sendable () -> Int = { 80 }, write: @escaping @Sendable (String) -> Void) {
        self.language = language
        self.width = width
        self.write = write
    }

    /// A progress drawn on standard error when it is a terminal; `nil` otherwise.
    public static func terminal(language: Language) -> LoadProgress? {
        guard Terminal.isTerminal(2) else { return nil }
        return LoadProgress(language: language, width: { Terminal.errorWidth() }, write: { text in
            var text = text
            text.withUTF8 { bytes in
                if let base = bytes.baseAddress, bytes.count > 0 { _ = fwrite(base, 1, bytes.count, fiscal_stderr()) }
            }
            fflush(fiscal_stderr())
        })
    }

    /// The counts so far.
    public var snapshot: Counts { lock.withLock { counts } }

    /// A load of `files` files holding `bytes` bytes starts.
    func begin(files: Int, bytes: Int) {
        lock.withLock {
            counts = Counts(totalFiles: files, totalBytes: bytes)
            started = DispatchTime.now().uptimeNanoseconds
            ended = false
            drawn = false
        }
        let timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "fiscal.load-progress"))
        timer.schedule(deadline: .now() + LoadProgress.delay, repeating: LoadProgress.interval)
        timer.setEventHandler { [weak self] in self?.redraw() }
        lock.withLock { self.timer = timer }
        timer.resume()
    }

    /// A file of `bytes` bytes was read (or failed).
    func finished(bytes: Int, _ read: Result<FormatResult, LoadError>) {
        lock.withLock {
            counts.files += 1
            counts.bytes += bytes
            switch read {
            case .success(let r):
                counts.reports += r.reports.count
                counts.facts += r.reports.reduce(0) { $0 + $1.facts.count }
                counts.warnings += r.warnings.count + r.reports.reduce(0) { $0 + $1.warnings.count }
            case .failure(.unknownFormat):
                break
            case .failure:
                counts.failed += 1
            }
        }
    }

    /// The load ended: the line is erased (when it was drawn) and never drawn again.
    func end() {
        let timer = lock.withLock { () -> DispatchSourceTimer? in
            ended = true
            if drawn { write("\r\u{1B}[K") }
            drawn = false
            defer { self.timer = nil }
            return self.timer
        }
        timer?.cancel()
    }

    private func redraw() {
        lock.withLock {
            guard !ended else { return }
            let seconds = (DispatchTime.now().uptimeNanoseconds - started) / 100_000_000
            write("\r" + LoadProgress.line(counts, tenths: Int(seconds), width: width(), language: language) + "\u{1B}[K")
            drawn = true
        }
    }

    /// The line drawn for `counts` after `tenths` tenths of a second: a bar of the bytes read,
    /// then the counts, cut to `width` columns.
    static func line(_ c: Counts, tenths: Int, width: Int, language: Language) -> String {
        let cells = 20
        let done = c.totalBytes > 0 ? min(cells, c.bytes * cells / c.totalBytes) : (c.totalFiles > 0 ? c.files * cells / c.totalFiles : 0)
        let bar = "[" + String(repeating: "#", count: done) + String(repeating: "-", count: cells - done) + "] "
        let text = bar + Message(.loadProgress, c.files, c.totalFiles, megabytes(c.bytes), megabytes(c.totalBytes),
                                 c.reports, c.facts, c.warnings, c.failed, "\(tenths / 10).\(tenths % 10)").text(language)
        return DisplayWidth.truncate(text, to: max(10, width - 1))
    }

    /// Bytes in megabytes with one decimal (`12.3`).
    static func megabytes(_ bytes: Int) -> String {
        "\(bytes / 1_000_000).\(bytes / 100_000 % 10)"
    }

    /// The size of the file at `path` in bytes (0 when it cannot be asked).
    static func size(of path: String) -> Int {
        var st = stat()
        return stat(path, &st) == 0 ? Int(st.st_size) : 0
    }
}

extension Terminal {
    /// The width of the terminal on standard error (80 when unknown).
    static func errorWidth() -> Int {
        var size = winsize()
        if ioctl(2, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 10 { return Int(size.ws_col) }
        return 80
    }
}
