/// Prose lines joined into one text for the sentence layer, with the line and column every
/// character came from.
///
/// PDF extraction hard-wraps narrative at a fixed width, so words, numbers and their units
/// are split across lines (`增` / `加`, `增长` / `8.85 %`, `20702.25` / `万元`). Joining the
/// lines of a paragraph puts them back together. While joining, the layout noise of
/// justified text goes too: spaces between two CJK characters (letter-spaced lines such as
/// `一 般 公 共 预 算 收 入 17981.68 万 元`) and between a year's digits and `年`
/// (`2018 年`). Nothing else is changed, so every range of ``text`` maps back to the
/// place it was written (``origin(of:)``).
public struct ProseText: Sendable {
    /// The joined, normalised text.
    public private(set) var text: String
    /// The line and 1-based column of the character each UTF-8 byte of ``text`` belongs to, so
    /// that ``origin(of:)`` finds a range's place in constant time (by character it counted from
    /// the start: quadratic on a line of thousands of figures).
    private var origins: [(line: Int32, column: Int32)] = []

    /// Joins `lines` (number and text) in order. Between two lines nothing is inserted,
    /// except one space between a digit ending one line and a digit starting the next.
    public init(lines: [(number: Int, text: Substring)]) {
        var chars: [(Character, Int, Int)] = []
        for (number, line) in lines {
            if let last = chars.last?.0, last.isASCII && last.isNumber, line.first?.isASCII == true && line.first?.isNumber == true {
                chars.append((" ", number, 0))
            }
            var column = 0
            for c in line {
                column += 1
                chars.append((c, number, column))
            }
        }
        // Drop layout spaces: between two CJK characters, and between digits and 年.
        var kept: [(Character, Int, Int)] = []
        kept.reserveCapacity(chars.count)
        var i = 0
        while i < chars.count {
            let c = chars[i].0
            if c == " " || c == "\u{3000}" {
                var j = i
                while j < chars.count, chars[j].0 == " " || chars[j].0 == "\u{3000}" { j += 1 }
                if let before = kept.last?.0, j < chars.count, Self.isLayoutSpace(between: before, and: chars[j].0) {
                    i = j
                    continue
                }
            }
            kept.append(chars[i])
            i += 1
        }
        text = String(kept.map(\.0))
        origins.reserveCapacity(text.utf8.count)
        for (c, line, column) in kept {
            origins.append(contentsOf: repeatElement((line: Int32(clamping: line), column: Int32(clamping: column)), count: c.utf8.count))
        }
    }

    /// Whether spaces between `a` and `b` are layout, not meaning.
    static func isLayoutSpace(between a: Character, and b: Character) -> Bool {
        if isWide(a) && isWide(b) { return true }
        if a.isASCII && a.isNumber && b == "年" { return true }
        return false
    }

    /// CJK ideographs and full-width punctuation.
    static func isWide(_ c: Character) -> Bool {
        guard let v = c.unicodeScalars.first?.value else { return false }
        return (0x3000...0x303F).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xFF00...0xFFEF).contains(v)
            || (0x2018...0x201D).contains(v)
    }

    /// The line and columns `[start, end)` of a range of ``text``: the line where it starts;
    /// the columns run to its last character when that is on the same line.
    public func origin(of range: Range<String.Index>) -> (line: Int, columns: Range<Int>)? {
        let lower = text.utf8.distance(from: text.startIndex, to: range.lowerBound)
        let upper = text.utf8.distance(from: text.startIndex, to: range.upperBound)
        guard lower >= 0, lower < origins.count else { return nil }
        let first = (line: Int(origins[lower].line), column: Int(origins[lower].column))
        var end = first.column + 1
        if upper > lower, upper - 1 < origins.count, Int(origins[upper - 1].line) == first.line {
            end = Int(origins[upper - 1].column) + 1
        }
        return (first.line, first.column..<max(end, first.column + 1))
    }

    /// The line a range of ``text`` starts on.
    public func line(of range: Range<String.Index>) -> Int? { origin(of: range)?.line }

    /// The first line joined.
    public var firstLine: Int? { origins.first.map { Int($0.line) } }
}

/// How a narrative's lines are laid out, and which lines are page furniture.
public enum ProseLayout {
    /// Whether prose is hard-wrapped at a fixed width (PDF extraction: lines of about 26 CJK
    /// characters), so a paragraph spans several lines, rather than one line per paragraph
    /// (text saved from a word processor). Decided from the lines of text outside tables
    /// (tab-indented cells are left out): wrapped when most of them end in mid-sentence
    /// (not on `。；：` or a closing bracket) and their median length is that of a printed page (at most 80 characters).
    public static func isHardWrapped(_ lines: [Substring]) -> Bool {
        // Per line of prose: its characters other than white space, and whether the last ends a sentence.
        var lengths: [Int] = []
        var ended = 0
        for line in lines where !line.hasPrefix("\t") {
            var length = 0
            var last: Character?
            for c in line where !c.isWhitespace {
                length += 1
                last = c
            }
            guard length >= 8, let last else { continue }
            lengths.append(length)
            if "。；：;:）)".contains(last) { ended += 1 }
        }
        guard lengths.count >= 10 else { return false }
        let median = lengths.sorted()[lengths.count / 2]
        return ended * 2 < lengths.count && median <= 80
    }

    /// Whether a line is page furniture in a hard-wrapped text: a printed page number (`12`,
    /// `— 5 —`, `- 5 -`, `第 3 页`), quote marks pushed to a line of their own (`“ ”`), or the
    /// page marker an extraction writes between pages (`=== page 7 ===`).
    public static func isFurniture(_ line: Substring) -> Bool {
        // Most lines are prose: more than 9 characters other than white space are furniture
        // only as a page marker or quote marks (a page number's wrappers take at most 6).
        var length = 0
        var quotes = true
        for c in line where !c.isWhitespace {
            length += 1
            if quotes, !"“”‘’\"".contains(c) { quotes = false }
            if length > 9, !quotes { break }
        }
        if length > 9 && !quotes && line.first(where: { !$0.isWhitespace }) != "=" { return false }
        return isFurnitureByDefinition(line)
    }

    /// ``isFurniture(_:)`` without its shortcut for long lines: the definition, on the line
    /// without white space.
    static func isFurnitureByDefinition(_ line: Substring) -> Bool {
        let t = line.filter { !$0.isWhitespace }
        if t.isEmpty { return true }
        if t.hasPrefix("===page"), t.hasSuffix("==="), t.count > 10 { return true }
        if t.allSatisfy({ "“”‘’\"".contains($0) }) { return true }
        var core = Substring(t)
        for (open, close) in [("—", "—"), ("-", "-"), ("第", "页")] where core.hasPrefix(open) && core.hasSuffix(close) && core.count > 2 {
            core = core.dropFirst().dropLast()
        }
        return !core.isEmpty && core.count <= 3 && core.allSatisfy { $0.isASCII && $0.isNumber }
    }
}
