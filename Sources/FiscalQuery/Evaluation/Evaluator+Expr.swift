import FiscalModel

/// An expression ready to run on physical rows of a frame.
struct Compiled {
    /// The type of its values; `nil` for the literal `null`.
    var type: ResultTable.ColumnType?
    /// The value at a physical row; throws when exact arithmetic overflows.
    var eval: (Int) throws(QueryError) -> Value

    /// The values at physical rows `0..<count`.
    func values(_ count: Int) throws(QueryError) -> [Value] {
        var out: [Value] = []
        out.reserveCapacity(count)
        for p in 0..<count { out.append(try eval(p)) }
        return out
    }
}

extension ResultTable.ColumnType {
    var isNumeric: Bool { self == .integer || self == .amount || self == .ratio || self == .percent }
    /// The type's name in messages (`text`, 文本).
    var name: Message { MessageKey(rawValue: "type." + rawValue).map { Message($0) } ?? .literal(rawValue) }
    /// The type with its article (`an amount`).
    var article: Message { MessageKey(rawValue: "typeA." + rawValue).map { Message($0) } ?? .literal(rawValue) }
}

extension Evaluator {
    /// Compiles `e` to a function of the physical row, checking types.
    func compile(_ e: Expr, _ f: Frame) throws(QueryError) -> Compiled {
        switch e {
        case .field(let name):
            let c = try column(name, in: f)
            return Compiled(type: c.type) { c.value($0) }
        case .number(let a, _):
            if a.scale == 0, let i = Int(exactly: a.mantissa) {
                return Compiled(type: .integer) { _ in .integer(i) }
            }
            return Compiled(type: .amount) { _ in .amount(a) }
        case .text(let s, _):
            return Compiled(type: .text) { _ in .text(s) }
        case .bool(let b, _):
            return Compiled(type: .bool) { _ in .bool(b) }
        case .null:
            return Compiled(type: nil) { _ in .null }
        case .negate(let inner, _):
            let c = try compile(inner, f)
            try requireNumeric(c, inner, "`-`")
            return Compiled(type: c.type) { p throws(QueryError) in
                let x = try c.eval(p)
                return try Evaluator.exactly(e) { () throws(AmountOverflow) in try Arithmetic.apply(.minus, .integer(0), x) }
            }
        case .binary(let op, let l, let r, let span) where [.plus, .minus, .times, .divide].contains(op):
            let a = try compile(l, f)
            let b = try compile(r, f)
            try requireNumeric(a, l, "`\(op.rawValue)`")
            try requireNumeric(b, r, "`\(op.rawValue)`")
            let type: ResultTable.ColumnType
            if op == .divide || a.type == .ratio || a.type == .percent || b.type == .ratio || b.type == .percent {
                type = .ratio
            } else if a.type == .integer && b.type == .integer {
                type = .integer
            } else {
                type = .amount
            }
            _ = span
            let zeroDivisions = self.zeroDivisions
            return Compiled(type: type) { p throws(QueryError) in
                let x = try a.eval(p), y = try b.eval(p)
                let v = try Evaluator.exactly(e) { () throws(AmountOverflow) in try Arithmetic.apply(op, x, y) }
                if op == .divide, v == .null, x != .null, y != .null { zeroDivisions.record(e.sourceText) }
                return v
            }
        case .call(let name, _, let span):
            if Aggregate(rawValue: name.text) != nil {
                throw QueryError(Message(.evalIsAggregate, name.text), at: span, hint: Message(.hintAggregateWith, name.text))
            }
            throw QueryError(Message(.evalUnknownFunction, name.text), at: name.span,
                             hint: Suggestion.nearest(name.text, among: Aggregate.allCases.map(\.rawValue)).map { Message(.didYouMean, $0) })
        default:
            let test = try predicate(e, f)
            return Compiled(type: .bool) { p throws(QueryError) in .bool(try test(p)) }
        }
    }

    func requireNumeric(_ c: Compiled, _ e: Expr, _ what: String) throws(QueryError) {
        guard let t = c.type, !t.isNumeric else { return }
        throw QueryError(Message(.evalNeedsNumbers, what, describe(e, t)), at: e.span)
    }

    /// How an operand reads in a message: "`item` (text)", "text \"2020\"".
    func describe(_ e: Expr, _ type: ResultTable.ColumnType?) -> Message {
        switch e {
        case .field(let n): Message(.describeField, n.text, type?.name ?? Message(.typeMissing))
        case .text(let s, _): Message(.describeText, s)
        case .number(let a, _): Message(.describeNumber, a)
        default: type.map { $0.article } ?? Message(.typeMissing)
        }
    }

    /// Compiles a condition. Text comparisons against literals are decided once per distinct
    /// string, so filtering millions of rows compares small integers.
    func predicate(_ e: Expr, _ f: Frame) throws(QueryError) -> Predicate {
        switch e {
        case .binary(.and, let l, let r, _):
            let a = try predicate(l, f), b = try predicate(r, f)
            return { p throws(QueryError) in
                if try !a(p) { return false }
                return try b(p)
            }
        case .binary(.or, let l, let r, _):
            let a = try predicate(l, f), b = try predicate(r, f)
            return { p throws(QueryError) in
                if try a(p) { return true }
                return try b(p)
            }
        case .not(let inner, _):
            let a = try predicate(inner, f)
            return { p throws(QueryError) in try !a(p) }
        case .bool(let b, _):
            return { _ in b }
        case .binary(let op, let l, let r, let span):
            let a = try compile(l, f), b = try compile(r, f)
            if op == .contains {
                for (c, x) in [(a, l), (b, r)] where c.type != nil && c.type != .text {
                    throw QueryError(Message(.evalTildeMatchesText, describe(x, c.type)), at: x.span, hint: Message(.hintCompareNumbers))
                }
            } else {
                try checkComparable(a, l, b, r, at: span)
            }
            if let fast = textTest(l, r, f, op == .notEqual, { Evaluator.test(op, .text($0), .text($1)) }) { return fast }
            if let fast = integerTest(op, l, r, f) { return fast }
            return { p throws(QueryError) in Evaluator.test(op, try a.eval(p), try b.eval(p)) }
        case .isIn(let l, let items, let negated, _):
            let a = try compile(l, f)
            var values: [Value] = []
            for item in items {
                let c = try compile(item, f)
                try checkComparable(a, l, c, item, at: item.span)
                values.append(try c.eval(0))
            }
            let test: Predicate = { p throws(QueryError) in
                let v = try a.eval(p)
                return v != .null && values.contains { Evaluator.order(v, $0) == 0 }
            }
            return negated ? { p throws(QueryError) in try !test(p) } : test
        case .under(let l, let code, _):
            let a = try compile(l, f)
            guard a.type == .text else {
                throw QueryError(Message(.evalUnderNeedsCode, describe(l, a.type)), at: l.span)
            }
            if case .field(let n) = l, case .text(let ids, let dictionary) = try column(n, in: f).storage {
                let inside = dictionary.map { ClassificationCode(rawValue: $0).map(code.contains) ?? false }
                return { p in let id = ids[p]; return id >= 0 && inside[Int(id)] }
            }
            return { p throws(QueryError) in
                if case .text(let s) = try a.eval(p), let c = ClassificationCode(rawValue: s) { return code.contains(c) }
                return false
            }
        default:
            let c = try compile(e, f)
            guard c.type == .bool else {
                throw QueryError(Message(.evalExpectedCondition, describe(e, c.type)), at: e.span, hint: Message(.hintCompareIt))
            }
            return { p throws(QueryError) in try c.eval(p) == .bool(true) }
        }
    }

    /// A condition decided by one interned text column alone (`code under 201`, `item = "…"`,
    /// `statement != "…"`): its ids, the verdict per dictionary id, and the verdict for a missing
    /// value. `filter` runs these as a loop over the ids, without a call per row.
    func idVerdict(_ e: Expr, _ f: Frame) -> (ids: IDColumn, verdict: [Bool], missing: Bool)? {
        switch e {
        case .under(.field(let n), let code, _):
            guard let c = try? column(n, in: f), case .text(let ids, let dictionary) = c.storage else { return nil }
            return (ids, dictionary.map { ClassificationCode(rawValue: $0).map(code.contains) ?? false }, false)
        case .binary(let op, .field(let n), .text(let literal, _), _) where op != .and && op != .or:
            guard let c = try? column(n, in: f), case .text(let ids, let dictionary) = c.storage else { return nil }
            return (ids, dictionary.map { Evaluator.test(op, .text($0), .text(literal)) }, op == .notEqual)
        default:
            return nil
        }
    }

    /// A test of a text column against a text literal, decided once per distinct string.
    func textTest(_ l: Expr, _ r: Expr, _ f: Frame, _ missing: Bool, _ test: (String, String) -> Bool) -> Predicate? {
        guard case .field(let n) = l, case .text(let literal, _) = r,
            let c = try? column(n, in: f), case .text(let ids, let dictionary) = c.storage
        else { return nil }
        let verdict = dictionary.map { test($0, literal) }
        return { p in let id = ids[p]; return id >= 0 ? verdict[Int(id)] : missing }
    }

    /// `year = 2020`, `line > 40`: an integer column against a whole-number literal, compared
    /// as machine integers without building a `Value` per row.
    func integerTest(_ op: BinaryOperator, _ l: Expr, _ r: Expr, _ f: Frame) -> Predicate? {
        guard case .field(let n) = l, case .number(let literal, _) = r, literal.scale == 0 || literal.normalized.scale == 0,
            let c = try? column(n, in: f), c.type == .integer, case .integer(let xs) = c.storage,
            let k = Int(exactly: literal.normalized.mantissa)
        else { return nil }
        let missing = Int.min
        switch op {
        case .equal: return { p in xs[p] == k }
        case .notEqual: return { p in xs[p] != k }  // a missing value differs from any number, as in `test`
        case .less: return { p in xs[p] < k && xs[p] != missing }
        case .lessEqual: return { p in xs[p] <= k && xs[p] != missing }
        case .greater: return { p in xs[p] > k }
        case .greaterEqual: return { p in xs[p] >= k }
        default: return nil
        }
    }

    func checkComparable(_ a: Compiled, _ l: Expr, _ b: Compiled, _ r: Expr, at span: QuerySpan) throws(QueryError) {
        guard let ta = a.type, let tb = b.type else { return }
        let same = (ta.isNumeric && tb.isNumeric) || ta == tb
        guard !same else { return }
        var hint: Message?
        if case .text(let s, _) = r, Amount.parseDecimal(s) != nil, ta.isNumeric { hint = Message(.hintNoQuotes, s) }
        if case .number(let n, _) = r, ta == .text { hint = Message(.hintQuoteText, n) }
        throw QueryError(Message(.evalCannotCompare, describe(l, ta), describe(r, tb)), at: span, hint: hint)
    }

    /// `op` applied to two values. A missing value equals only a missing value (`code = null`);
    /// an ordering comparison with a missing value is false.
    static func test(_ op: BinaryOperator, _ a: Value, _ b: Value) -> Bool {
        if a == .null || b == .null {
            switch op {
            case .equal: return a == b
            case .notEqual: return a != b
            default: return false
            }
        }
        if op == .contains {
            guard case .text(let s) = a, case .text(let t) = b else { return false }
            return t.isEmpty || s.contains(t)
        }
        guard let c = order(a, b) else { return false }
        switch op {
        case .equal: return c == 0
        case .notEqual: return c != 0
        case .less: return c < 0
        case .lessEqual: return c <= 0
        case .greater: return c > 0
        case .greaterEqual: return c >= 0
        default: return false
        }
    }

    /// -1, 0 or 1; `nil` when either is missing or they cannot be compared. A percentage
    /// compares with a plain number in percentage points (`pct < -10`).
    static func order(_ a: Value, _ b: Value) -> Int? {
        switch (a, b) {
        case (.text(let x), .text(let y)): return x == y ? 0 : (x < y ? -1 : 1)
        case (.bool(let x), .bool(let y)): return x == y ? 0 : (!x ? -1 : 1)
        default:
            guard let x = Arithmetic.ratio(a, percentPoints: true), let y = Arithmetic.ratio(b, percentPoints: true),
                !x.isUndefined, !y.isUndefined
            else { return nil }
            return x == y ? 0 : (x < y ? -1 : 1)
        }
    }
}

/// Exact arithmetic on values: integers stay integers, amounts stay amounts, and a
/// division or anything with a ratio is an exact ratio. Missing in, missing out.
enum Arithmetic {
    static func ratio(_ v: Value, percentPoints: Bool = false) -> Ratio? {
        switch v {
        case .integer(let i): Ratio(numerator: Amount(i), denominator: 1)
        case .amount(let a): Ratio(numerator: a, denominator: 1)
        case .ratio(let r): r
        case .percent(let r): percentPoints ? try? r.multiplied(by: Ratio.exact(100, 1)) : r
        default: nil
        }
    }

    /// `op` applied exactly; throws when the exact result needs more than 38 digits.
    static func apply(_ op: BinaryOperator, _ a: Value, _ b: Value) throws(AmountOverflow) -> Value {
        if case .integer(let x) = a, case .integer(let y) = b, op != .divide {
            let (v, overflow): (Int, Bool) =
                switch op {
                case .plus: x.addingReportingOverflow(y)
                case .minus: x.subtractingReportingOverflow(y)
                default: x.multipliedReportingOverflow(by: y)
                }
            if !overflow { return .integer(v) }
        }
        let simple = op != .divide && [a, b].allSatisfy { if case .ratio = $0 { false } else if case .percent = $0 { false } else { true } }
        if simple, let x = a.amountValue, let y = b.amountValue {
            switch op {
            case .plus: return .amount(try x.adding(y))
            case .minus: return .amount(try x.subtracting(y))
            default: return .amount(try x.multiplied(by: y))
            }
        }
        guard let x = try exactRatio(a), let y = try exactRatio(b) else { return .null }
        let r: Ratio
        switch op {
        case .plus: r = try x.adding(y)
        case .minus: r = try x.subtracting(y)
        case .times: r = try x.multiplied(by: y)
        default: r = try x.divided(by: y)
        }
        return r.isUndefined ? .null : .ratio(r)
    }

    /// The value as an exact ratio (a percentage as its fraction), `nil` when it is not a number.
    static func exactRatio(_ v: Value) throws(AmountOverflow) -> Ratio? {
        switch v {
        case .integer(let i): try Ratio.exact(Amount(i), 1)
        case .amount(let a): try Ratio.exact(a, 1)
        case .ratio(let r), .percent(let r): r
        default: nil
        }
    }
}

/// A compiled condition on a physical row.
typealias Predicate = (Int) throws(QueryError) -> Bool

extension Evaluator {
    /// Runs exact arithmetic for `e`; an overflow becomes an error that names the expression.
    static func exactly<T>(_ e: Expr, _ body: () throws(AmountOverflow) -> T) throws(QueryError) -> T {
        do { return try body() } catch {
            throw QueryError(Message(.evalOverflowExpr, e.sourceText), at: e.span, hint: Message(.hintOverflowExpr))
        }
    }

    /// Runs exact arithmetic for a stage (`sum`, `share`, `compare`); an overflow becomes an error
    /// naming what was computed. `what` is made only then: made for every figure a drill adds,
    /// it was a third of the drill's time.
    static func exactly<T>(_ what: @autoclosure () -> Message, at span: QuerySpan?, _ body: () throws(AmountOverflow) -> T) throws(QueryError) -> T {
        do { return try body() } catch {
            throw QueryError(Message(.evalOverflowIn, what()), at: span)
        }
    }
}
