import FiscalModel

/// Turns tokens into a ``Query``.
///
/// ```
/// query    = ["let" name "="] pipeline
/// pipeline = source {"|" stage}
/// source   = name | drill
/// stage    = "where" expr | "group" expr {"," expr} | "agg" aggregate {"," aggregate}
///          | ("sum"|"count"|"avg"|"min"|"max") [expr] | "sort" key {"," key} | "limit" n
///          | "top" n "by" expr | "share" expr ["by" expr {"," expr}] ["as" name] | "select" expr {"," expr}
///          | "derive" name "=" expr {"," name "=" expr} | drill | compare
/// drill    = "drill" [code | name] ["depth" n]
/// compare  = "compare" expr {value | "base" value | "overall" | "cagr"}
/// ```
public struct Parser {
    var tokens: [Token]
    var position = 0
    /// How deep the expression being read nests (parentheses, `not`, unary minus).
    var depth = 0
    /// How many binary operators the query has used so far.
    var operators = 0

    /// The longest query text read, in characters.
    public static let maximumLength = 65_536
    /// How deep parentheses, `not` and unary minus may nest.
    public static let maximumDepth = 200
    /// How many binary operators (`+ - * / and or` and comparisons) one query may hold.
    public static let maximumOperators = 2_000

    /// Parses query text (lexing it first). Text longer than ``maximumLength`` is refused
    /// before it is read.
    public static func parse(_ text: String) throws(QueryError) -> Query {
        let count = text.count
        guard count <= maximumLength else {
            throw QueryError("expected a query of at most \(maximumLength) characters, found \(count)",
                             at: maximumLength..<count, hint: "split it into several statements with `let`")
        }
        return try parse(Lexer.tokenize(text))
    }

    /// Enters one more level of nesting; throws past ``maximumDepth``.
    mutating func enter() throws(QueryError) {
        depth += 1
        guard depth <= Parser.maximumDepth else {
            throw QueryError("expected expressions nested at most \(Parser.maximumDepth) levels deep, found more", at: current.span,
                             hint: "remove redundant parentheses")
        }
    }

    /// Counts one binary operator; throws past ``maximumOperators``.
    mutating func countOperator(at span: QuerySpan) throws(QueryError) {
        operators += 1
        guard operators <= Parser.maximumOperators else {
            throw QueryError("expected at most \(Parser.maximumOperators) operators in one query, found more", at: span,
                             hint: "split the computation with `derive` or `let`")
        }
    }

    /// Parses a token list that ends with ``TokenKind/end``.
    public static func parse(_ tokens: [Token]) throws(QueryError) -> Query {
        var parser = Parser(tokens: tokens.isEmpty ? [Token(.end, 0..<0)] : tokens)
        let query = try parser.parseQuery()
        guard parser.current.kind == .end else {
            throw parser.unexpected(Message(.whatPipeOrEnd))
        }
        return query
    }

    var current: Token { tokens[min(position, tokens.count - 1)] }
    var peekNext: Token { tokens[min(position + 1, tokens.count - 1)] }

    mutating func advance() -> Token {
        let t = current
        if position < tokens.count - 1 { position += 1 }
        return t
    }

    func unexpected(_ expected: Message, hint: Message? = nil) -> QueryError {
        QueryError(Message(.expectedFound, expected, current.kind.displayMessage), at: current.span, hint: hint)
    }

    mutating func expect(_ kind: TokenKind, _ what: Message) throws(QueryError) -> Token {
        guard current.kind == kind else { throw unexpected(what) }
        return advance()
    }

    mutating func accept(_ kind: TokenKind) -> Token? {
        current.kind == kind ? advance() : nil
    }

    mutating func name(_ what: Message) throws(QueryError) -> Name {
        guard case .identifier(let s) = current.kind else { throw unexpected(what) }
        return Name(s, advance().span)
    }

    mutating func integer(_ what: Message) throws(QueryError) -> Int {
        guard case .number(let s) = current.kind, let n = Int(s) else { throw unexpected(what) }
        _ = advance()
        return n
    }

    // MARK: Query and pipeline

    mutating func parseQuery() throws(QueryError) -> Query {
        var binding: Name?
        if accept(.keyword(.let)) != nil {
            binding = try name(Message(.whatNameAfterLet))
            _ = try expect(.equal, Message(.whatEqualsAfterLet, binding!.text))
        }
        if current.kind == .end {
            throw unexpected(Message(.whatSource), hint: Message(.hintTryFacts))
        }
        let source = try parseSource()
        var stages: [Stage] = []
        while accept(.pipe) != nil {
            if case .chart(let c)? = stages.last {
                throw QueryError("expected the end of the query after `chart`, found `|`", at: c.span,
                                 hint: "`chart` draws the final result: put it last")
            }
            stages.append(try parseStage())
        }
        return Query(binding: binding, pipeline: Pipeline(source: source, stages: stages))
    }

    mutating func parseSource() throws(QueryError) -> Source {
        if current.kind == .keyword(.drill) { return .drill(try parseDrill()) }
        guard case .identifier(let s) = current.kind else {
            throw unexpected(Message(.whatSource))
        }
        return .named(Name(s, advance().span))
    }

    mutating func parseDrill() throws(QueryError) -> DrillSpec {
        let start = advance().span.lowerBound
        var code: ClassificationCode?
        var name: Name?
        var end = current.span.lowerBound
        switch current.kind {
        case .number(let s):
            guard let c = ClassificationCode(rawValue: s) else {
                throw QueryError(Message(.codeDigits, s), at: current.span)
            }
            code = c
            end = advance().span.upperBound
        case .string(let s), .identifier(let s):
            // `drill "201"` is a code; `drill 一般公共服务支出` a name the evaluator resolves.
            if let c = ClassificationCode(rawValue: s) { code = c } else { name = Name(s, current.span) }
            end = advance().span.upperBound
        default: break
        }
        var depth = 1
        if let d = accept(.keyword(.depth)) {
            let at = current.span
            depth = try integer(Message(.whatDepthNumber))
            guard (1...3).contains(depth) else {
                throw QueryError(Message(.depthRange, depth), at: at, hint: Message(.hintThreeLevels))
            }
            end = at.upperBound
            _ = d
        }
        return DrillSpec(code: code, depth: depth, span: start..<max(end, start + 5), name: name)
    }

    // MARK: Stages

    mutating func parseStage() throws(QueryError) -> Stage {
        let start = current.span.lowerBound
        func span(_ p: Parser) -> QuerySpan { start..<max(start + 1, p.tokens[max(0, p.position - 1)].span.upperBound) }
        switch current.kind {
        case .keyword(.where):
            _ = advance()
            let e = try parseExpr()
            return .filter(e, span: span(self))
        case .keyword(.group):
            _ = advance()
            let keys = try parseList { (p: inout Parser) throws(QueryError) in try p.parseExpr() }
            return .group(keys, span: span(self))
        case .keyword(.agg):
            _ = advance()
            let aggs = try parseList { (p: inout Parser) throws(QueryError) in try p.parseAggregate() }
            return .aggregate(aggs, span: span(self))
        case .identifier(let word) where Aggregate(rawValue: word) != nil:
            // Short form: `sum amount`, `count`.
            let f = Aggregate(rawValue: word)!
            let fSpan = advance().span
            var arg: Expr?
            if current.kind != .pipe && current.kind != .end {
                arg = try parseExpr()
            } else if f != .count {
                throw unexpected(Message(.whatColumnFor, f.rawValue))
            }
            let name = arg.map { f == .sum ? $0.columnName : "\(f.rawValue)_\($0.columnName)" } ?? "n"
            return .aggregate([AggregateSpec(name: name, function: f, argument: arg, span: fSpan.lowerBound..<span(self).upperBound)], span: span(self))
        case .keyword(.sort):
            _ = advance()
            let keys = try parseList { (p: inout Parser) throws(QueryError) -> SortKey in
                let e = try p.parseExpr()
                if p.accept(.keyword(.desc)) != nil { return SortKey(e, descending: true) }
                _ = p.accept(.keyword(.asc))
                return SortKey(e, descending: false)
            }
            return .sort(keys, span: span(self))
        case .keyword(.limit):
            _ = advance()
            let n = try integer(Message(.whatRowsAfter, "limit"))
            return .limit(n, span: span(self))
        case .keyword(.top):
            _ = advance()
            let n = try integer(Message(.whatRowsAfter, "top"))
            _ = try expect(.keyword(.by), Message(.whatBy))
            let key = try parseExpr()
            return .top(n, by: key, span: span(self))
        case .keyword(.share):
            _ = advance()
            let e = try parseExpr()
            var by: [Expr] = []
            if accept(.keyword(.by)) != nil {
                by = try parseList { (p: inout Parser) throws(QueryError) in try p.parseExpr() }
            }
            var name = "share"
            if accept(.keyword(.as)) != nil { name = try self.name(Message(.whatColumnAfterAs)).text }
            return .share(e, by: by, name: name, span: span(self))
        case .keyword(.select):
            _ = advance()
            let fields = try parseList { (p: inout Parser) throws(QueryError) in try p.parseExpr() }
            return .select(fields, span: span(self))
        case .keyword(.derive):
            _ = advance()
            let assignments = try parseList { (p: inout Parser) throws(QueryError) -> Assignment in
                let n = try p.name(Message(.whatNewColumn))
                _ = try p.expect(.equal, Message(.whatEqualsAfter, n.text))
                return Assignment(n, try p.parseExpr())
            }
            return .derive(assignments, span: span(self))
        case .keyword(.drill):
            return .drill(try parseDrill())
        case .keyword(.compare):
            return .compare(try parseCompare())
        case .keyword(.chart):
            return .chart(try parseChart())
        case .identifier(let word):
            let hint = Suggestion.nearest(word, among: Parser.stageNames).map { Message(.didYouMean, $0) }
            throw QueryError(Message(.unknownStage, word, Parser.stageNames.joined(separator: ", ")), at: current.span, hint: hint)
        default:
            throw unexpected(Message(.whatStage, Parser.stageNames.joined(separator: ", ")))
        }
    }

    /// The words that start a stage, for messages and suggestions.
    public static let stageNames = ["where", "group", "agg", "sum", "count", "avg", "min", "max", "sort", "limit",
                                    "top", "share", "select", "derive", "drill", "compare", "chart"]

    mutating func parseList<T>(_ item: (inout Parser) throws(QueryError) -> T) throws(QueryError) -> [T] {
        var items = [try item(&self)]
        while accept(.comma) != nil { items.append(try item(&self)) }
        return items
    }

    mutating func parseAggregate() throws(QueryError) -> AggregateSpec {
        let start = current.span.lowerBound
        var name: Name?
        if case .identifier = current.kind, peekNext.kind == .equal {
            name = try self.name(Message(.whatColumnName))
            _ = advance()
        }
        let f = try self.name(Message(.whatAggregate))
        guard let function = Aggregate(rawValue: f.text) else {
            let names = Aggregate.allCases.map(\.rawValue)
            throw QueryError(Message(.unknownAggregate, f.text, names.joined(separator: ", ")), at: f.span,
                             hint: Suggestion.nearest(f.text, among: names).map { Message(.didYouMean, $0) })
        }
        _ = try expect(.leftParen, Message(.whatParenAfter, f.text))
        var arg: Expr?
        if current.kind != .rightParen { arg = try parseExpr() }
        let close = try expect(.rightParen, Message(.whatCloseCall, f.text))
        if arg == nil && function != .count {
            throw QueryError(Message(.needsColumn, f.text), at: f.span.lowerBound..<close.span.upperBound)
        }
        let column = name?.text ?? (function == .count ? "n" : "\(function.rawValue)_\(arg!.columnName)")
        return AggregateSpec(name: column, function: function, argument: arg, span: start..<close.span.upperBound)
    }
}
