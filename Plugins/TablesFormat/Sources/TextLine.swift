import FiscalFormat
import FiscalModel

/// One line of extracted PDF text, cut into whitespace-separated tokens with their ranges.
struct TextLine {
    /// A token and where it is on its line.
    struct Token {
        var text: Substring
        /// 1-based character columns `[start, end)`.
        var start: Int
        var end: Int
        /// The figure the token is, parsed once (see ``figure(_:)``).
        var amount: Amount?

        init(text: Substring, start: Int, end: Int) {
            self.text = text
            self.start = start
            self.end = end
            self.amount = Token.figure(text)
        }
        /// The amount, when the token is a figure with a decimal point (`1,511.90`) or with
        /// thousands separators (`6,397,096`, as tables in 元 print them), or `0`. Any other
        /// bare integer is no figure here: it may be a code, a page number or a count.
        static func figure(_ text: Substring) -> Amount? {
            if text == "0" { return .zero }  // an empty cell some templates print as 0
            // A figure starts with a digit or a sign (checked on the first byte, cheaply).
            guard let lead = text.utf8.first, (0x30...0x39).contains(lead) || lead == 0x2D || lead == 0x2B || lead == 0xEF else { return nil }
            let decimal = text.utf8.contains(0x2E) || text.contains("．")
            guard decimal || isGroupedInteger(text) else { return nil }
            return Amount.parse(text).flatMap { $0.unit == nil ? $0.amount : nil }
        }

        /// `6,397,096`: digits in groups of three after the first, separated by commas.
        static func isGroupedInteger(_ text: Substring) -> Bool {
            let groups = text.split(separator: ",", omittingEmptySubsequences: false)
            guard groups.count > 1, let first = groups.first, (1...3).contains(first.count) else { return false }
            return groups.allSatisfy { $0.allSatisfy { $0.isASCII && $0.isNumber } } && groups.dropFirst().allSatisfy { $0.count == 3 }
        }
        /// Whether the token is all ASCII digits of `count` length (a code part).
        func isDigits(_ count: Int) -> Bool {
            text.count == count && text.allSatisfy { $0.isASCII && $0.isNumber }
        }
    }

    /// The 1-based line number.
    var number: Int
    var text: Substring
    var tokens: [Token]

    init(number: Int, text: Substring) {
        self.number = number
        self.text = text
        // Every scalar a character of its own (ASCII, CJK, full-width forms): walk the scalars,
        // much cheaper than breaking graphemes; else the characters.
        let tokens = TextLine.scalarsAreCharacters(text)
            ? TextLine.tokens(of: text.unicodeScalars, in: text) { $0.value == 0x20 || $0.value == 0x09 || ($0.value > 0x7F && WhiteSpace.contains($0.value)) }
            : TextLine.tokens(of: text, in: text) { $0.isWhitespace }
        self.tokens = tokens
        self.compact = tokens.count == 1 ? String(tokens[0].text) : tokens.map(\.text).joined()
    }

    /// The whitespace-separated tokens of `text`, walking `view` (its characters or scalars),
    /// with 1-based columns counted in the view's elements.
    static func tokens<View: BidirectionalCollection>(of view: View, in text: Substring, isSpace: (View.Element) -> Bool) -> [Token]
    where View.Index == Substring.Index {
        var tokens: [Token] = []
        var start: (index: Substring.Index, column: Int)?
        var i = view.startIndex
        var column = 1
        while i < view.endIndex {
            if isSpace(view[i]) {
                if let s = start { tokens.append(Token(text: text[s.index..<i], start: s.column, end: column)); start = nil }
            } else if start == nil {
                start = (i, column)
            }
            i = view.index(after: i)
            column += 1
        }
        if let s = start { tokens.append(Token(text: text[s.index...], start: s.column, end: column)) }
        return tokens
    }

    /// Whether no scalar of `text` joins the one before it into one character: ASCII but CR,
    /// Latin-1, CJK symbols and ideographs but the combining kana and tone marks, full-width forms.
    static func scalarsAreCharacters(_ text: Substring) -> Bool {
        text.unicodeScalars.allSatisfy { u in
            let v = u.value
            if v < 0x80 { return v != 0x0D }
            if v < 0x300 { return true }
            if (0x3000...0x9FFF).contains(v) { return !(0x302A...0x302F).contains(v) && v != 0x3099 && v != 0x309A }
            return (0xFF00...0xFFEF).contains(v)
        }
    }

    /// The text with every kind of space removed (made once: every stage looks at it).
    let compact: String

    /// Whether the line is a table row: it starts with a code or holds a figure.
    var isRow: Bool {
        leadingCode != nil || tokens.contains { $0.amount != nil }
    }

    /// The leading classification code (`201`, `201 06`, `201 06 01`) and how many tokens it
    /// takes, when the line starts with one.
    var leadingCode: (code: ClassificationCode, tokens: Int)? {
        code(at: 0)
    }

    /// A classification code starting at token `index`.
    func code(at index: Int) -> (code: ClassificationCode, tokens: Int)? {
        guard index < tokens.count else { return nil }
        // Some extractions write the code whole (`2120101`).
        if tokens[index].isDigits(5) || tokens[index].isDigits(7) {
            return ClassificationCode(rawValue: String(tokens[index].text)).map { ($0, 1) }
        }
        guard tokens[index].isDigits(3) else { return nil }
        var digits = String(tokens[index].text)
        var used = 1
        while used < 3, index + used < tokens.count, tokens[index + used].isDigits(2) {
            digits += tokens[index + used].text
            used += 1
        }
        return ClassificationCode(rawValue: digits).map { ($0, used) }
    }
}

/// A figure read from a line, with its span.
struct Figure {
    var amount: Amount
    var span: SourceSpan
}

extension SourceText {
    /// The span of a token of line `line`.
    func span(_ line: TextLine, _ token: TextLine.Token) -> SourceSpan {
        SourceSpan(file: path, line: line.number, startColumn: token.start, endColumn: token.end)
    }
}
