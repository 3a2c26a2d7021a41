import FiscalModel
/// Turns query text into tokens with character spans.
///
/// Chinese names work anywhere a name does; full-width punctuation (`｜ ，（ ） ［ ］ ＝ ＜ ＞ ～`)
/// reads as its ASCII twin, and strings may be quoted with `"…"`, `'…'`, `“…”`, `‘…’` or `「…」`.
/// A name may be written in backticks to use any characters (`` `2019` ``).
public enum Lexer {
    /// The tokens of `text`, ending with an ``TokenKind/end`` token.
    public static func tokenize(_ text: String) throws(QueryError) -> [Token] {
        let chars = Array(text)
        var tokens: [Token] = []
        var i = 0
        while i < chars.count {
            let c = chars[i]
            let start = i
            if c.isWhitespace {
                i += 1
                continue
            }
            if c == "#" {  // a comment runs to the end of the line
                while i < chars.count && chars[i] != "\n" { i += 1 }
                continue
            }
            if let close = closingQuote(c) {
                i += 1
                var value = ""
                var closed = false
                while i < chars.count {
                    let d = chars[i]
                    if d == "\\" && i + 1 < chars.count && c == "\"" {
                        value.append(chars[i + 1])
                        i += 2
                        continue
                    }
                    if d == close {
                        closed = true
                        i += 1
                        break
                    }
                    value.append(d)
                    i += 1
                }
                guard closed else {
                    throw QueryError(
                        Message(.unterminatedString, String(close)), at: start..<chars.count,
                        hint: Message(.closeTheString, String(close)))
                }
                tokens.append(Token(.string(value), start..<i))
                continue
            }
            if c == "`" {
                i += 1
                var value = ""
                while i < chars.count && chars[i] != "`" {
                    value.append(chars[i])
                    i += 1
                }
                guard i < chars.count, !value.isEmpty else {
                    throw QueryError(Message(.unterminatedName), at: start..<max(i, start + 1))
                }
                i += 1
                tokens.append(Token(.identifier(value), start..<i))
                continue
            }
            if isDigit(c) {
                while i < chars.count && isDigit(chars[i]) { i += 1 }
                if i + 1 < chars.count && chars[i] == "." && isDigit(chars[i + 1]) {
                    i += 1
                    while i < chars.count && isDigit(chars[i]) { i += 1 }
                }
                tokens.append(Token(.number(String(chars[start..<i])), start..<i))
                continue
            }
            if isNameStart(c) {
                while i < chars.count && isNameContinue(chars[i]) { i += 1 }
                let word = String(chars[start..<i])
                let kind: TokenKind = Keyword(rawValue: word).map(TokenKind.keyword) ?? .identifier(word)
                tokens.append(Token(kind, start..<i))
                continue
            }
            let next: Character? = i + 1 < chars.count ? chars[i + 1] : nil
            let kind: TokenKind
            var length = 1
            switch c {
            case "|", "｜": kind = .pipe
            case ",", "，", "、": kind = .comma
            case "(", "（": kind = .leftParen
            case ")", "）": kind = .rightParen
            case "[", "［", "【": kind = .leftBracket
            case "]", "］", "】": kind = .rightBracket
            case "~", "～": kind = .tilde
            case "+", "＋": kind = .plus
            case "-", "－": kind = .minus
            case "*", "＊", "×": kind = .star
            case "/", "／", "÷": kind = .slash
            case "=", "＝":
                kind = .equal
                if next == "=" { length = 2 }
            case "!", "！":
                guard next == "=" || next == "＝" else {
                    throw QueryError(Message(.unexpectedBang, String(c)), at: start..<start + 1, hint: Message(.hintUseNot))
                }
                kind = .notEqual
                length = 2
            case "<", "＜":
                if next == "=" || next == "＝" {
                    kind = .lessEqual
                    length = 2
                } else if next == ">" {
                    kind = .notEqual
                    length = 2
                } else {
                    kind = .less
                }
            case ">", "＞":
                if next == "=" || next == "＝" {
                    kind = .greaterEqual
                    length = 2
                } else {
                    kind = .greater
                }
            case "≠": kind = .notEqual
            case "≤": kind = .lessEqual
            case "≥": kind = .greaterEqual
            default:
                throw QueryError(Message(.unexpectedCharacter, String(c)), at: start..<start + 1,
                                 hint: Message(.namesAreLetters))
            }
            i += length
            tokens.append(Token(kind, start..<i))
        }
        tokens.append(Token(.end, chars.count..<chars.count))
        return tokens
    }

    static func closingQuote(_ c: Character) -> Character? {
        switch c {
        case "\"": "\""
        case "'": "'"
        case "“": "”"
        case "‘": "’"
        case "「": "」"
        case "『": "』"
        default: nil
        }
    }

    static func isDigit(_ c: Character) -> Bool { c.isASCII && c.isNumber }

    static func isNameStart(_ c: Character) -> Bool {
        c == "_" || (c.isLetter && !c.isPunctuation) || c == "Δ"
    }

    static func isNameContinue(_ c: Character) -> Bool {
        isNameStart(c) || isDigit(c) || c == "%"
    }
}
