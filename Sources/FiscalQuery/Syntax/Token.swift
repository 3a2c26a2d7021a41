import FiscalModel
/// A character range of the query text (`0..<4` is the first four characters).
public typealias QuerySpan = Range<Int>

/// The words the language reserves. Each becomes a token case once, in the lexer.
public enum Keyword: String, Sendable, Hashable, CaseIterable {
    case `let`, `where`, group, agg, sort, limit, top, by, share, select, derive, drill, depth, compare, chart
    case and, or, not, `in`, under, asc, desc, `as`, `true`, `false`, null
}

/// The kind of a token, with its payload.
public enum TokenKind: Sendable, Hashable {
    /// A name: a field, a source, a function (`year`, `年度`, `sum`, or `` `2019` `` in backticks).
    case identifier(String)
    /// A decimal number as written (`2019`, `865.22`).
    case number(String)
    /// A string literal's contents (`"接待"`, `“接待”`).
    case string(String)
    case keyword(Keyword)
    case pipe, comma, leftParen, rightParen, leftBracket, rightBracket
    case equal, notEqual, less, lessEqual, greater, greaterEqual, tilde
    case plus, minus, star, slash
    /// The end of the query.
    case end

    /// How the token reads in a message ("`|`", "identifier `yaer`", "end of query").
    /// How the token is named in an error, in the reader's language.
    public var displayMessage: Message {
        switch self {
        case .identifier(let s): Message(.tokenName, s)
        case .number(let s): Message(.tokenNumber, s)
        case .string(let s): Message(.tokenString, s)
        case .end: Message(.tokenEnd)
        default: .literal(display)
        }
    }

    public var display: String {
        switch self {
        case .identifier(let s): "name `\(s)`"
        case .number(let s): "number `\(s)`"
        case .string(let s): "string \"\(s)\""
        case .keyword(let k): "`\(k.rawValue)`"
        case .pipe: "`|`"
        case .comma: "`,`"
        case .leftParen: "`(`"
        case .rightParen: "`)`"
        case .leftBracket: "`[`"
        case .rightBracket: "`]`"
        case .equal: "`=`"
        case .notEqual: "`!=`"
        case .less: "`<`"
        case .lessEqual: "`<=`"
        case .greater: "`>`"
        case .greaterEqual: "`>=`"
        case .tilde: "`~`"
        case .plus: "`+`"
        case .minus: "`-`"
        case .star: "`*`"
        case .slash: "`/`"
        case .end: "end of query"
        }
    }
}

/// One token and where it was written.
public struct Token: Sendable, Hashable, CustomStringConvertible {
    public var kind: TokenKind
    /// The characters of the query the token covers.
    public var span: QuerySpan

    public init(_ kind: TokenKind, _ span: QuerySpan) {
        self.kind = kind
        self.span = span
    }

    public var description: String { "\(kind.display)@\(span.lowerBound)..<\(span.upperBound)" }
}
