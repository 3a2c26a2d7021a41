import CLibedit

#if canImport(Glibc)
import Glibc
#endif

/// What reading one line came to.
public enum LineInput: Sendable, Hashable {
    case line(String)
    /// Ctrl-C: the line was dropped.
    case cancelled
    /// Ctrl-D on an empty line, or the end of input.
    case end
}

/// Reads lines from the user.
protocol LineReader: AnyObject {
    func read(prompt: String) -> LineInput
    func addHistory(_ line: String)
    /// The history, oldest first.
    var history: [String] { get }
}

/// Line editing with libedit's wide-character API: Chinese text moves and deletes by
/// character, history with Ctrl-R search, Tab completion, and Ctrl-C that cancels the line.
///
/// libedit calls back through C function pointers that cannot capture context, so the state
/// they need lives in ``EditorGlue`` (one editor per process).
final class LineEditor: LineReader {
    private let editor: OpaquePointer
    private let historyHandle: OpaquePointer
    private let historyPath: String?

    /// Opens an editor on standard input and output, loading the history file if there is one.
    init?(historyPath: String?, historySize: Int32 = 1000, complete: @escaping (String, Int) -> Completion,
          width: @escaping () -> Int) {
        guard let el = el_init("fiscal", fiscal_stdin(), fiscal_stdout(), fiscal_stderr()) else { return nil }
        guard let h = history_winit() else {
            el_end(el)
            return nil
        }
        editor = el
        historyHandle = h
        self.historyPath = historyPath
        EditorGlue.complete = complete
        EditorGlue.width = width
        fiscal_history_set_size(h, historySize)
        fiscal_history_set_unique(h, 1)
        if let path = historyPath { _ = fiscal_history_load(h, path) }
        fiscal_el_set_editor_emacs(el)
        fiscal_el_set_signal(el, 1)
        fiscal_el_set_history(el, h)
        fiscal_el_set_prompt(el, { _ in EditorGlue.prompt })
        fiscal_el_tty_no_isig(el)
        fiscal_el_add_function(el, Self.lasting("fiscal-complete"), Self.lasting("complete the word"),
                               { el, _ in EditorGlue.completeKey(el) })
        fiscal_el_add_function(el, Self.lasting("fiscal-cancel"), Self.lasting("cancel the line"),
                               { el, _ in EditorGlue.cancelKey(el) })
        fiscal_el_add_function(el, Self.lasting("fiscal-search"), Self.lasting("search the history for any text"),
                               { el, _ in EditorGlue.searchKey(el) })
        fiscal_el_add_function(el, Self.lasting("fiscal-suspend"), Self.lasting("suspend fiscal (job control)"),
                               { el, _ in EditorGlue.suspendKey(el) })
        fiscal_el_bind(el, Self.wide("^I"), Self.wide("fiscal-complete"))
        fiscal_el_bind(el, Self.wide("^C"), Self.wide("fiscal-cancel"))
        // libedit's own incremental search looks keys up by their low byte, so a Chinese
        // character (三 is U+4E09, low byte Tab) ends the search: fiscal searches itself.
        fiscal_el_bind(el, Self.wide("^R"), Self.wide("fiscal-search"))
        // With `isig` off while editing, Ctrl-Z reaches the editor as a key: suspend by hand.
        fiscal_el_bind(el, Self.wide("^Z"), Self.wide("fiscal-suspend"))
        EditorGlue.history = { [unowned self] in self.history }
    }

    deinit {
        el_end(editor)
        history_wend(historyHandle)
    }

    func read(prompt: String) -> LineInput {
        EditorGlue.promptText = prompt
        EditorGlue.setPrompt(prompt)
        EditorGlue.cancelled = false
        var count: Int32 = 0
        let result = el_wgets(editor, &count)
        if EditorGlue.cancelled {
            EditorGlue.cancelled = false
            return .cancelled
        }
        guard let result, count > 0 else { return .end }
        var scalars = String.UnicodeScalarView()
        for i in 0..<Int(count) {
            if let s = Unicode.Scalar(UInt32(bitPattern: result[i])) { scalars.append(s) }
        }
        var line = String(scalars)
        if line.hasSuffix("\n") { line.removeLast() }
        return .line(line)
    }

    func addHistory(_ line: String) {
        fiscal_history_enter(historyHandle, Self.wide(line))
        if let path = historyPath { _ = fiscal_history_save(historyHandle, path) }
    }

    var history: [String] {
        var lines: [String] = []
        var entry = fiscal_history_oldest(historyHandle)
        while let e = entry {
            var line = String(decodingWide: e)
            if line.hasSuffix("\n") { line.removeLast() }
            lines.append(line)
            entry = fiscal_history_newer(historyHandle)
        }
        return lines
    }

    /// A wide string that lives as long as the process: libedit keeps the pointers it is
    /// given for function names and help instead of copying them.
    static func lasting(_ text: String) -> UnsafePointer<wchar_t> {
        let w = wide(text)
        let p = UnsafeMutablePointer<wchar_t>.allocate(capacity: w.count)
        p.initialize(from: w, count: w.count)
        return UnsafePointer(p)
    }

    static func wide(_ text: String) -> [wchar_t] {
        text.unicodeScalars.map { wchar_t(bitPattern: $0.value) } + [0]
    }
}

/// The state libedit's C callbacks reach: the prompt buffer, the cancel flag and completion.
enum EditorGlue {
    /// A stable buffer for the prompt callback; grown (never moved while libedit reads it).
    nonisolated(unsafe) static var prompt: UnsafeMutablePointer<wchar_t> = {
        let p = UnsafeMutablePointer<wchar_t>.allocate(capacity: 1)
        p.initialize(to: 0)
        return p
    }()
    nonisolated(unsafe) static var promptCapacity = 1
    nonisolated(unsafe) static var cancelled = false
    nonisolated(unsafe) static var complete: (String, Int) -> Completion = { _, c in Completion(replacement: c..<c, candidates: []) }
    nonisolated(unsafe) static var width: () -> Int = { 80 }
    nonisolated(unsafe) static var history: () -> [String] = { [] }
    nonisolated(unsafe) static var promptText = ""

    /// Writes to the terminal at once.
    static func write(_ text: String) {
        fputs(text, fiscal_stdout())
        fflush(fiscal_stdout())
    }

    /// The line being edited and the cursor (in wide characters).
    static func currentLine(_ el: OpaquePointer) -> (text: [wchar_t], cursor: Int)? {
        guard let info = el_wline(el) else { return nil }
        let length = info.pointee.lastchar - info.pointee.buffer
        let cursor = info.pointee.cursor - info.pointee.buffer
        return (Array(UnsafeBufferPointer(start: info.pointee.buffer, count: length)), cursor)
    }

    /// Replaces the whole line with `text`, the cursor at its end.
    static func replaceLine(_ el: OpaquePointer, with text: String) {
        guard let (line, cursor) = currentLine(el) else { return }
        el_cursor(el, Int32(line.count - cursor))
        el_deletestr(el, Int32(line.count))
        if !text.isEmpty { _ = el_winsertstr(el, LineEditor.wide(text)) }
    }

    /// Puts the terminal's cursor after the last character of the line by writing out the part
    /// after the cursor again (libedit wraps long lines itself, so this also follows a wrap).
    static func moveToEnd(_ el: OpaquePointer) {
        if let (line, cursor) = currentLine(el), cursor < line.count {
            write(String(decodingWide: Array(line[cursor...]) + [0]))
        }
    }

    /// Ctrl-C: like bash and psql, `^C` after the line, a new line, and a fresh prompt.
    static func cancelKey(_ el: OpaquePointer?) -> UInt8 {
        cancelled = true
        if let el { moveToEnd(el) }
        write("^C\r\n")
        return UInt8(CC_NEWLINE)
    }

    /// Ctrl-Z: the terminal back in the user's mode, the process group stopped as the terminal
    /// would stop it; on `fg`, editing mode again and the line redrawn.
    static func suspendKey(_ el: OpaquePointer?) -> UInt8 {
        guard let el else { return UInt8(CC_ERROR) }
        moveToEnd(el)
        write("^Z")  // the job-control shell starts its "Stopped" line on a new line itself
        _ = fiscal_el_prep_term(el, 0)
        let previous = signal(SIGTSTP, SIG_DFL)
        kill(0, SIGTSTP)
        signal(SIGTSTP, previous)
        _ = fiscal_el_prep_term(el, 1)
        return UInt8(CC_REDISPLAY)
    }

    /// Ctrl-R: reverse incremental search through the history for any text, Chinese included.
    ///
    /// Typed characters extend the search, Ctrl-R finds the next older match, Backspace
    /// shortens it, Enter runs the match, Ctrl-G or Ctrl-C gives up, and any other key takes
    /// the match into the line and then does what it does.
    static func searchKey(_ el: OpaquePointer?) -> UInt8 {
        guard let el, let (original, _) = currentLine(el) else { return UInt8(CC_ERROR) }
        let originalText = String(decodingWide: original + [0])
        let entries = Array(history().reversed())  // newest first
        var query = ""
        var index: Int? = nil  // into entries
        var failing = false
        func find(from start: Int) -> Int? {
            guard !query.isEmpty, start < entries.count else { return nil }
            return entries[start...].firstIndex { $0.contains(query) }
        }
        func draw() {
            let label = failing ? "(failing reverse-i-search)`" : "(reverse-i-search)`"
            let match = index.map { entries[$0] } ?? (query.isEmpty ? originalText : "")
            let text = DisplayWidth.truncate(label + query + "': " + match, to: max(20, width() - 1))
            write("\r\u{1B}[K" + text)
        }
        draw()
        while true {
            var wc: wchar_t = 0
            guard el_wgetc(el, &wc) == 1 else { return giveUp() }
            let c = UInt32(bitPattern: wc)
            switch c {
            case 0x12:  // ^R: the next older match
                if let i = index, let next = find(from: i + 1) { index = next; failing = false } else { failing = !query.isEmpty }
            case 0x7F, 0x08:  // Backspace
                if !query.isEmpty { query.removeLast() }
                index = find(from: 0)
                failing = index == nil && !query.isEmpty
            case 0x0D, 0x0A:  // Enter: run the match
                let text = index.map { entries[$0] } ?? originalText
                replaceLine(el, with: text)
                write("\r\u{1B}[K" + promptText + text + "\r\n")
                return UInt8(CC_NEWLINE)
            case 0x07, 0x03:  // ^G, ^C: give up
                return giveUp()
            default:
                if c >= 0x20, let scalar = Unicode.Scalar(c) {
                    query.unicodeScalars.append(scalar)
                    if let next = find(from: index ?? 0) { index = next; failing = false } else { failing = true }
                } else {
                    // Another key: keep the match and let the editor handle the key.
                    replaceLine(el, with: index.map { entries[$0] } ?? originalText)
                    el_wpush(el, [wc, 0])
                    write("\r\u{1B}[K")
                    return UInt8(CC_REDISPLAY)
                }
            }
            draw()
        }
        func giveUp() -> UInt8 {
            replaceLine(el, with: originalText)
            write("\r\u{1B}[K")
            return UInt8(CC_REDISPLAY)
        }
    }

    static func setPrompt(_ text: String) {
        let wide = LineEditor.wide(text)
        if wide.count > promptCapacity {
            prompt.deallocate()
            prompt = .allocate(capacity: wide.count)
            promptCapacity = wide.count
        }
        for (i, w) in wide.enumerated() { prompt[i] = w }
    }

    /// Tab: insert the common prefix of the candidates, or list them in columns.
    static func completeKey(_ el: OpaquePointer?) -> UInt8 {
        guard let el, let info = el_wline(el) else { return UInt8(CC_ERROR) }
        let length = info.pointee.lastchar - info.pointee.buffer
        let cursor = info.pointee.cursor - info.pointee.buffer
        let line = String(decodingWide: info.pointee.buffer, count: length)
        let completion = complete(line, cursor)
        guard !completion.candidates.isEmpty, completion.replacement.upperBound == cursor else {
            return UInt8(CC_REFRESH_BEEP)
        }
        let current = String(String.UnicodeScalarView(Array(line.unicodeScalars)[completion.replacement]))
        var insert = completion.commonPrefix
        if completion.candidates.count == 1, !insert.hasSuffix("/") { insert += " " }
        if insert.unicodeScalars.count > current.unicodeScalars.count || completion.candidates.count == 1 {
            el_deletestr(el, Int32(completion.replacement.count))
            _ = el_winsertstr(el, LineEditor.wide(insert))
            return UInt8(CC_REFRESH)
        }
        let listing = "\n" + CandidateColumns.layout(completion.candidates, width: width())
        fputs(listing, fiscal_stdout())
        fflush(fiscal_stdout())
        return UInt8(CC_REDISPLAY)
    }
}

extension String {
    /// Decodes a NUL-terminated wide string (one Unicode scalar per `wchar_t`).
    init(decodingWide pointer: UnsafePointer<wchar_t>) {
        var n = 0
        while pointer[n] != 0 { n += 1 }
        self.init(decodingWide: pointer, count: n)
    }

    /// Decodes `count` wide characters; invalid scalars become U+FFFD.
    init(decodingWide pointer: UnsafePointer<wchar_t>, count: Int) {
        var scalars = String.UnicodeScalarView()
        for i in 0..<Swift.max(0, count) {
            scalars.append(Unicode.Scalar(UInt32(bitPattern: pointer[i])) ?? "\u{FFFD}")
        }
        self.init(scalars)
    }
}
