/// Text from files, plugins and queries made safe for a terminal: every control character
/// is shown as an escape (`\x1B`, `\x00`, `\u202E`) instead of being sent raw, so a
/// report cannot clear the screen, set the window title or hide text, and a NUL never
/// ends the output. The renderer, the error printer and the console all go through here.
public enum TerminalText {
    /// `text` with every control character escaped. `keepNewlines` leaves line feeds (for
    /// messages of several lines); tabs, carriage returns and all others are escaped.
    public static func escaped(_ text: String, keepNewlines: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: { needsEscape($0, keepNewlines: keepNewlines) }) else { return text }
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            if needsEscape(s, keepNewlines: keepNewlines) { out.append(contentsOf: escape(s).unicodeScalars) } else { out.append(s) }
        }
        return String(out)
    }

    /// `text` with every control character (line feeds too) replaced by a space, for chart
    /// labels where an escape would not fit.
    public static func sanitized(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { needsEscape($0, keepNewlines: false) }) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { needsEscape($0, keepNewlines: false) ? " " : $0 }))
    }

    /// What ``Console/standard`` writes: `text` with control characters escaped except line
    /// feeds and the colour sequences fiscal itself writes (`ESC [ digits ; … m`). The last
    /// guard, should a string from a file reach the console without ``escaped(_:keepNewlines:)``.
    public static func guarded(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { needsEscape($0, keepNewlines: true) }) else { return text }
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let s = scalars[i]
            if s == "\u{1B}", let end = sgrEnd(scalars, from: i) {
                out.append(contentsOf: scalars[i...end])
                i = end + 1
                continue
            }
            if needsEscape(s, keepNewlines: true) { out.append(contentsOf: escape(s).unicodeScalars) } else { out.append(s) }
            i += 1
        }
        return String(out)
    }

    /// The index of the `m` ending a colour sequence that starts at `start`, if it is one.
    private static func sgrEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int? {
        guard start + 2 < scalars.count, scalars[start + 1] == "[" else { return nil }
        var j = start + 2
        while j < scalars.count, j - start < 24 {
            let c = scalars[j]
            if c == "m" { return j }
            guard ("0"..."9").contains(c) || c == ";" else { return nil }
            j += 1
        }
        return nil
    }

    /// C0 and C1 controls, DEL, and the bidirectional overrides and isolates that reorder
    /// what a terminal shows.
    static func needsEscape(_ s: Unicode.Scalar, keepNewlines: Bool) -> Bool {
        switch s.value {
        case 0x0A: !keepNewlines
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    static func escape(_ s: Unicode.Scalar) -> String {
        switch s {
        case "\n": "\\n"
        case "\t": "\\t"
        case "\r": "\\r"
        default:
            s.value <= 0xFF
                ? "\\x" + (s.value < 0x10 ? "0" : "") + String(s.value, radix: 16, uppercase: true)
                : "\\u" + String(s.value, radix: 16, uppercase: true)
        }
    }
}
