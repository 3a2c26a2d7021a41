import FiscalModel

extension Parser {
    /// `or` < `and` < `not` < comparison < `+ -` < `* /` < unary minus < primary.
    mutating func parseExpr() throws(QueryError) -> Expr {
        try enter()
        defer { depth -= 1 }
        var left = try parseAnd()
        while let t = accept(.keyword(.or)) {
            try countOperator(at: t.span)
            let right = try parseAnd()
            left = .binary(.or, left, right, left.span.lowerBound..<right.span.upperBound)
        }
        return left
    }

    mutating func parseAnd() throws(QueryError) -> Expr {
        var left = try parseNot()
        while let t = accept(.keyword(.and)) {
            try countOperator(at: t.span)
            let right = try parseNot()
            left = .binary(.and, left, right, left.span.lowerBound..<right.span.upperBound)
        }
        return left
    }

    mutating func parseNot() throws(QueryError) -> Expr {
        if let t = accept(.keyword(.not)) {
            try enter()
            defer { depth -= 1 }
            let e = try parseNot()
            return .not(e, t.span.lowerBound..<e.span.upperBound)
        }
        return try parseComparison()
    }

    mutating func parseComparison() throws(QueryError) -> Expr {
        let left = try parseAdditive()
        let ops: [TokenKind: BinaryOperator] = [
            .equal: .equal, .notEqual: .notEqual, .less: .less, .lessEqual: .lessEqual, .greater: .greater,
            .greaterEqual: .greaterEqual, .tilde: .contains,
        ]
        if let op = ops[current.kind] {
            try countOperator(at: advance().span)
            let right = try parseAdditive()
            return .binary(op, left, right, left.span.lowerBound..<right.span.upperBound)
        }
        var negated = false
        if current.kind == .keyword(.not), peekNext.kind == .keyword(.in) {
            _ = advance()
            negated = true
        }
        if accept(.keyword(.in)) != nil {
            _ = try expect(.leftBracket, Message(.whatListOpen))
            var items: [Expr] = []
            if current.kind != .rightBracket {
                items = try parseList { (p: inout Parser) throws(QueryError) in try p.parseAdditive() }
            }
            let close = try expect(.rightBracket, Message(.whatListClose))
            return .isIn(left, items, negated: negated, left.span.lowerBound..<close.span.upperBound)
        }
        if accept(.keyword(.under)) != nil {
            let at = current.span
            var digits: String?
            switch current.kind {
            case .number(let s), .string(let s): digits = s
            default: break
            }
            guard let d = digits else { throw unexpected(Message(.whatCodeAfterUnder)) }
            guard let code = ClassificationCode(rawValue: d) else {
                throw QueryError(Message(.codeDigits, d), at: at)
            }
            _ = advance()
            return .under(left, code, left.span.lowerBound..<at.upperBound)
        }
        return left
    }

    mutating func parseAdditive() throws(QueryError) -> Expr {
        var left = try parseMultiplicative()
        while true {
            let op: BinaryOperator
            switch current.kind {
            case .plus: op = .plus
            case .minus: op = .minus
            default: return left
            }
            try countOperator(at: advance().span)
            let right = try parseMultiplicative()
            left = .binary(op, left, right, left.span.lowerBound..<right.span.upperBound)
        }
    }

    mutating func parseMultiplicative() throws(QueryError) -> Expr {
        var left = try parseUnary()
        while true {
            let op: BinaryOperator
            switch current.kind {
            case .star: op = .times
            case .slash: op = .divide
            default: return left
            }
            try countOperator(at: advance().span)
            let right = try parseUnary()
            left = .binary(op, left, right, left.span.lowerBound..<right.span.upperBound)
        }
    }

    mutating func parseUnary() throws(QueryError) -> Expr {
        if let t = accept(.minus) {
            try enter()
            defer { depth -= 1 }
            let e = try parseUnary()
            if case .number(let a, let s) = e { return .number(-a, t.span.lowerBound..<s.upperBound) }
            return .negate(e, t.span.lowerBound..<e.span.upperBound)
        }
        return try parsePrimary()
    }

    mutating func parsePrimary() throws(QueryError) -> Expr {
        let t = current
        switch t.kind {
        case .number(let s):
            _ = advance()
            guard let a = Amount.parseDecimal(s) else { throw QueryError(Message(.expectedNumber, s), at: t.span) }
            return .number(a, t.span)
        case .string(let s):
            _ = advance()
            return .text(s, t.span)
        case .keyword(.true), .keyword(.false):
            _ = advance()
            return .bool(t.kind == .keyword(.true), t.span)
        case .keyword(.null):
            _ = advance()
            return .null(t.span)
        case .identifier(let s):
            _ = advance()
            if current.kind == .leftParen {
                _ = advance()
                var args: [Expr] = []
                if current.kind != .rightParen {
                    args = try parseList { (p: inout Parser) throws(QueryError) in try p.parseExpr() }
                }
                let close = try expect(.rightParen, Message(.whatCloseCall, s))
                return .call(Name(s, t.span), args, t.span.lowerBound..<close.span.upperBound)
            }
            return .field(Name(s, t.span))
        case .leftParen:
            _ = advance()
            let e = try parseExpr()
            _ = try expect(.rightParen, Message(.whatCloseParen))
            return e
        case .keyword(let k):
            throw unexpected(Message(.whatValueOrColumn), hint: Message(.hintKeywordAsColumn, k.rawValue))
        default:
            throw unexpected(Message(.whatValueOrColumn))
        }
    }
}

extension Amount {
    /// A plain decimal (`2019`, `865.22`, `-3.5`) without units or separators; `nil` otherwise.
    static func parseDecimal(_ s: String) -> Amount? {
        var negative = false
        var text = Substring(s)
        if text.first == "-" {
            negative = true
            text = text.dropFirst()
        }
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, whole.count <= 30, whole.allSatisfy({ $0.isASCII && $0.isNumber })
        else { return nil }
        let fraction = parts.count > 1 ? parts[1] : ""
        guard fraction.count <= Amount.maximumScale, fraction.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        guard let m = Int128(String(whole) + String(fraction)) else { return nil }
        return Amount(mantissa: negative ? -m : m, scale: fraction.count)
    }
}
