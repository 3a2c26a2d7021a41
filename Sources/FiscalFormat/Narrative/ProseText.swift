import FiscalModel

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
        self.init(lines: lines, byScalars: true)
    }

    /// ``init(lines:)``, walking a line by its Unicode scalars when each is a character of its
    /// own (``StringProtocol/scalarsAreCharacters``) and `byScalars`, by `Character`s
    /// otherwise: the same text either way (a test holds the two walks to each other).
    init(lines: [(number: Int, text: Substring)], byScalars: Bool) {
        let bytes = lines.reduce(0) { $0 + $1.text.utf8.count + 1 }
        var joiner = Joiner(text: UTF8Builder(capacity: bytes))
        joiner.origins.reserveCapacity(bytes)
        var previous: Glyph?  // the last character of the lines so far, spaces included
        for (number, line) in lines {
            let n = Int32(clamping: number)
            if previous?.isASCIIDigit == true, let first = line.first, first.isASCII && first.isNumber {
                joiner.add(" " as Unicode.Scalar, n, 0)
            }
            var column: Int32 = 0
            if byScalars, line.scalarsAreCharacters {
                for s in line.unicodeScalars {
                    column += 1
                    joiner.add(s, n, column)
                }
                if let s = line.unicodeScalars.last { previous = Glyph(s) }
            } else {
                for c in line {
                    column += 1
                    joiner.add(c, n, column)
                }
                if let c = line.last { previous = Glyph(c) }
            }
        }
        joiner.keepSpaces()  // trailing spaces stay
        self.text = joiner.text.string
        self.origins = joiner.origins
    }

    /// What joining asks of a character: its first scalar, and whether that is all of it.
    struct Glyph {
        let first: Unicode.Scalar
        let single: Bool
        init(_ s: Unicode.Scalar) { first = s; single = true }
        init(_ c: Character) {
            let scalars = c.unicodeScalars
            first = scalars.first!
            single = scalars.index(after: scalars.startIndex) == scalars.endIndex
        }
        /// A space, ASCII or ideographic (`c == " " || c == "\u{3000}"`).
        var isSpace: Bool { single && (first.value == 0x20 || first.value == 0x3000) }
        /// One ASCII digit (`c.isASCII && c.isNumber`).
        var isASCIIDigit: Bool { single && (0x30...0x39).contains(first.value) }
    }

    /// The text being joined. A run of spaces waits until the character after it says whether
    /// it is layout (dropped) or meaning (kept).
    struct Joiner {
        var text: UTF8Builder
        var origins: [(line: Int32, column: Int32)] = []
        var last: Glyph?  // the last character kept
        var spaces: [(Unicode.Scalar, Int32, Int32)] = []  // the run of spaces since then

        mutating func keepSpaces() {
            for (s, l, k) in spaces { keep(s, l, k) }
            spaces.removeAll(keepingCapacity: true)
        }

        mutating func keep(_ s: Unicode.Scalar, _ line: Int32, _ column: Int32) {
            text.append(s)
            for _ in 0..<UTF8.width(s) { origins.append((line: line, column: column)) }
        }

        /// Decides the run of spaces before `g`: dropped between two wide characters or between
        /// a digit and `年`, kept otherwise. Whether `g` is kept is the caller's.
        mutating func settleSpaces(before g: Glyph) -> Bool {
            if g.isSpace { return false }
            if !spaces.isEmpty {
                if let last, ProseText.isLayoutSpace(between: last, and: g) {
                    spaces.removeAll(keepingCapacity: true)
                } else {
                    keepSpaces()
                }
            }
            last = g
            return true
        }

        mutating func add(_ s: Unicode.Scalar, _ line: Int32, _ column: Int32) {
            let g = Glyph(s)
            if settleSpaces(before: g) {
                keep(s, line, column)
            } else {
                spaces.append((s, line, column))
            }
        }

        mutating func add(_ c: Character, _ line: Int32, _ column: Int32) {
            let g = Glyph(c)
            if settleSpaces(before: g) {
                text.append(c)
                origins.append(contentsOf: repeatElement((line: line, column: column), count: c.utf8.count))
            } else {
                spaces.append((g.first, line, column))
            }
        }
    }

    /// Whether spaces between `a` and `b` are layout, not meaning: between two wide characters,
    /// and between a digit and `年`.
    static func isLayoutSpace(between a: Glyph, and b: Glyph) -> Bool {
        if isWide(a.first) && isWide(b.first) { return true }
        // U+F98E is a compatibility ideograph canonically equivalent to 年 (`Character` equality).
        if a.isASCIIDigit && b.single && (b.first == "年" || b.first == "\u{F98E}") { return true }
        return false
    }

    /// CJK ideographs and full-width punctuation (by a character's first scalar).
    static func isWide(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
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
        for line in lines where !line.hasUTF8Prefix("\t") {
            let (length, endsSentence) = proseLength(line, byScalars: true)
            guard length >= 8 else { continue }
            lengths.append(length)
            if endsSentence { ended += 1 }
        }
        guard lengths.count >= 10 else { return false }
        let median = lengths.sorted()[lengths.count / 2]
        return ended * 2 < lengths.count && median <= 80
    }

    /// A line's characters other than white space, and whether the last of them ends a
    /// sentence (`。；：;:）)`); walked by scalars when each is a character of its own.
    static func proseLength(_ line: Substring, byScalars: Bool) -> (length: Int, endsSentence: Bool) {
        var length = 0
        if byScalars {
            var last: Unicode.Scalar?
            var simple = true
            for s in line.unicodeScalars {
                guard s.standsAlone else { simple = false; break }
                if s.isWhitespaceQuickly { continue }
                length += 1
                last = s
            }
            if simple {
                guard let last else { return (0, false) }
                return (length, "。；：;:）)".unicodeScalars.contains(last))
            }
            length = 0
        }
        var last: Character?
        for c in line where !c.isWhitespaceQuickly {
            length += 1
            last = c
        }
        guard let last else { return (0, false) }
        return (length, "。；：;:）)".contains(last))
    }

    /// Whether a line is page furniture in a hard-wrapped text: a printed page number (`12`,
    /// `— 5 —`, `- 5 -`, `第 3 页`), quote marks pushed to a line of their own (`“ ”`), or the
    /// page marker an extraction writes between pages (`=== page 7 ===`).
    public static func isFurniture(_ line: Substring) -> Bool {
        // Most lines are prose: more than 9 characters other than white space are furniture
        // only as a page marker or quote marks (a page number's wrappers take at most 6).
        // By scalars while each stands alone; the shortcut's answer needs only the first ten
        // characters other than white space, and those are scalars when every scalar up to the
        // one after them stands alone.
        var length = 0
        var quotes = true
        var first: Unicode.Scalar?
        var simple = true
        for s in line.unicodeScalars {
            guard s.standsAlone else { simple = false; break }
            if length > 9, !quotes { break }  // decided, and the scalar after stands alone
            if s.isWhitespaceQuickly { continue }
            length += 1
            if first == nil { first = s }
            if quotes, !"“”‘’\"".unicodeScalars.contains(s) { quotes = false }
        }
        if simple {
            if length > 9 && !quotes && first != "=" { return false }
            return isFurnitureByDefinition(line)
        }
        length = 0
        quotes = true
        for c in line where !c.isWhitespaceQuickly {
            length += 1
            if quotes, !"“”‘’\"".contains(c) { quotes = false }
            if length > 9, !quotes { break }
        }
        if length > 9 && !quotes && line.first(where: { !$0.isWhitespaceQuickly }) != "=" { return false }
        return isFurnitureByDefinition(line)
    }

    /// ``isFurniture(_:)`` without its shortcut for long lines: the definition, on the line
    /// without white space.
    static func isFurnitureByDefinition(_ line: Substring) -> Bool {
        let t = line.removingWhiteSpaceCharacters
        if t.isEmpty { return true }
        if t.hasUTF8Prefix("===page"), t.hasUTF8Suffix("==="), t.count > 10 { return true }
        if t.allSatisfy({ "“”‘’\"".contains($0) }) { return true }
        var core = Substring(t)
        for (open, close) in [("—", "—"), ("-", "-"), ("第", "页")] where core.hasUTF8Prefix(open) && core.hasUTF8Suffix(close) && core.count > 2 {
            core = core.dropFirst().dropLast()
        }
        return !core.isEmpty && core.count <= 3 && core.allSatisfy { $0.isASCII && $0.isNumber }
    }
}
