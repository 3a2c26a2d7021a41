import FiscalModel

/// A parsed query: an optional `let name =` and a pipeline.
public struct Query: Sendable, Hashable {
    /// The name a `let` binds the result to, and where it was written.
    public var binding: Name?
    public var pipeline: Pipeline

    public init(binding: Name? = nil, pipeline: Pipeline) {
        self.binding = binding
        self.pipeline = pipeline
    }
}

/// A name as written, with its span.
public struct Name: Sendable, Hashable {
    public var text: String
    public var span: QuerySpan
    public init(_ text: String, _ span: QuerySpan) {
        self.text = text
        self.span = span
    }
}

/// A source followed by stages joined by `|`.
public struct Pipeline: Sendable, Hashable {
    public var source: Source
    public var stages: [Stage]
    public init(source: Source, stages: [Stage] = []) {
        self.source = source
        self.stages = stages
    }
}

/// Where rows come from.
public enum Source: Sendable, Hashable {
    /// A named source: `facts`, `warnings`, a `let` binding, or one registered in ``QueryContext/sources``.
    case named(Name)
    /// `drill [code] [depth n]` at the start: drill-down over every fact.
    case drill(DrillSpec)
}

/// What `drill` was asked for.
public struct DrillSpec: Sendable, Hashable {
    /// The code to drill into; `nil` for the 类 of everything.
    public var code: ClassificationCode?
    /// How many levels below `code` to show (1: the children only).
    public var depth: Int
    public var span: QuerySpan
    /// A classification name written instead of a code (`drill 一般公共服务支出`), with its span;
    /// the evaluator resolves it to ``code``.
    public var name: Name?
    public init(code: ClassificationCode?, depth: Int, span: QuerySpan, name: Name? = nil) {
        self.code = code
        self.depth = depth
        self.span = span
        self.name = name
    }
}

/// One `name = aggregate(arg)` of `agg` (or the short form `sum amount`).
public struct AggregateSpec: Sendable, Hashable {
    public var name: String
    public var function: Aggregate
    /// The argument; `nil` for `count()`.
    public var argument: Expr?
    public var span: QuerySpan
    public init(name: String, function: Aggregate, argument: Expr?, span: QuerySpan) {
        self.name = name
        self.function = function
        self.argument = argument
        self.span = span
    }
}

/// The aggregate functions.
public enum Aggregate: String, Sendable, Hashable, CaseIterable {
    case sum, count, avg, min, max
}

/// One key of `sort`.
public struct SortKey: Sendable, Hashable {
    public var expr: Expr
    public var descending: Bool
    public init(_ expr: Expr, descending: Bool) {
        self.expr = expr
        self.descending = descending
    }
}

/// One `name = expression` of `derive`.
public struct Assignment: Sendable, Hashable {
    public var name: Name
    public var expr: Expr
    public init(_ name: Name, _ expr: Expr) {
        self.name = name
        self.expr = expr
    }
}

/// A stage of a pipeline.
public enum Stage: Sendable, Hashable {
    /// `where condition`: keeps the rows for which it holds.
    case filter(Expr, span: QuerySpan)
    /// `group key, …`: the next `agg` (or `sum x`) computes per group.
    case group([Expr], span: QuerySpan)
    /// `agg n = f(x), …` or the short form `sum amount`.
    case aggregate([AggregateSpec], span: QuerySpan)
    /// `sort key [asc|desc], …`
    case sort([SortKey], span: QuerySpan)
    /// `limit n`
    case limit(Int, span: QuerySpan)
    /// `top n by key`: sort descending by key, keep n.
    case top(Int, by: Expr, span: QuerySpan)
    /// `share column [by keys] [as name]`: adds each row's percentage of the column's total
    /// over the rows (or over the rows of its group, `by 类`).
    case share(Expr, by: [Expr], name: String, span: QuerySpan)
    /// `select field, …`
    case select([Expr], span: QuerySpan)
    /// `derive name = expression, …`
    case derive([Assignment], span: QuerySpan)
    /// `drill [code] [depth n]` as a stage.
    case drill(DrillSpec)
    /// `compare field [value …] [base v] [overall] [cagr]`: one column per value and the
    /// changes between them (see ``CompareSpec``).
    case compare(CompareSpec)
    /// `chart [bar|pie] [column, …] [by label] [title "…"]`: draws the result; always the last stage.
    case chart(ChartSpec)

    /// Where the stage was written.
    public var span: QuerySpan {
        switch self {
        case .filter(_, let s), .group(_, let s), .aggregate(_, let s), .sort(_, let s), .limit(_, let s),
            .top(_, _, let s), .share(_, _, _, let s), .select(_, let s), .derive(_, let s):
            s
        case .compare(let c): c.span
        case .drill(let d): d.span
        case .chart(let c): c.span
        }
    }
}

/// Operators with two operands.
public enum BinaryOperator: String, Sendable, Hashable {
    case and, or
    case equal = "=", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    /// Substring match of text.
    case contains = "~"
    case plus = "+", minus = "-", times = "*", divide = "/"
}

/// An expression, as written.
public indirect enum Expr: Sendable, Hashable {
    case field(Name)
    case number(Amount, QuerySpan)
    case text(String, QuerySpan)
    case bool(Bool, QuerySpan)
    case null(QuerySpan)
    case not(Expr, QuerySpan)
    case negate(Expr, QuerySpan)
    case binary(BinaryOperator, Expr, Expr, QuerySpan)
    /// `x in [a, b]` (`negated` for `not in`).
    case isIn(Expr, [Expr], negated: Bool, QuerySpan)
    /// `code under 201`: the code or any code below it.
    case under(Expr, ClassificationCode, QuerySpan)
    /// `f(x, …)`
    case call(Name, [Expr], QuerySpan)

    /// Where the expression was written.
    public var span: QuerySpan {
        switch self {
        case .field(let n): n.span
        case .number(_, let s), .text(_, let s), .bool(_, let s), .null(let s), .not(_, let s), .negate(_, let s),
            .binary(_, _, _, let s), .isIn(_, _, _, let s), .under(_, _, let s), .call(_, _, let s):
            s
        }
    }

    /// The expression written back as text, for messages (`amount / 10000`); long ones are
    /// cut with `…`.
    public var sourceText: String {
        let full = written
        return full.count <= 80 ? full : String(full.prefix(79)) + "…"
    }

    private var written: String {
        switch self {
        case .field(let n): n.text
        case .number(let a, _): a.description
        case .text(let s, _): "\"\(s)\""
        case .bool(let b, _): b ? "true" : "false"
        case .null: "null"
        case .not(let e, _): "not \(e.operand)"
        case .negate(let e, _): "-\(e.operand)"
        case .binary(let op, let l, let r, _):
            "\(l.operand) \(op == .and ? "and" : op == .or ? "or" : op.rawValue) \(r.operand)"
        case .isIn(let l, let items, let negated, _):
            "\(l.operand) \(negated ? "not in" : "in") (\(items.map(\.written).joined(separator: ", ")))"
        case .under(let l, let code, _): "\(l.operand) under \(code.rawValue)"
        case .call(let f, let args, _): "\(f.text)(\(args.map(\.written).joined(separator: ", ")))"
        }
    }

    private var operand: String {
        switch self {
        case .binary, .isIn, .under, .not: "(\(written))"
        default: written
        }
    }

    /// The name a column computed from this expression gets (`amount`, `sum_amount`).
    public var columnName: String {
        switch self {
        case .field(let n): n.text
        case .call(let f, let args, _): ([f.text] + args.map(\.columnName)).joined(separator: "_")
        default: "value"
        }
    }
}

/// What `chart` was asked for: `chart [bar|pie] [column, …] [by label] [title "…"]`.
///
/// The evaluator only checks that the columns exist and are of the right kind; the rows pass
/// through unchanged and the shell draws them (terminal bars, SVG, PNG).
public struct ChartSpec: Sendable, Hashable {
    /// How the rows are drawn.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// Horizontal bars, one per row (grouped when several value columns are drawn).
        case bar
        /// A structure: each row's part of the whole (a 100% bar in a terminal, a pie in SVG).
        case pie
    }

    /// The kind asked for; `nil` lets the shell choose (bars).
    public var kind: Kind?
    /// The value columns to draw; empty lets the shell choose (a `compare` result's years,
    /// else the first amount column).
    public var values: [Name]
    /// The column whose text labels the bars; `nil` lets the shell choose.
    public var label: Name?
    /// The chart's title; `nil` lets the shell choose.
    public var title: String?
    public var span: QuerySpan

    public init(kind: Kind? = nil, values: [Name] = [], label: Name? = nil, title: String? = nil, span: QuerySpan) {
        self.kind = kind
        self.values = values
        self.label = label
        self.title = title
        self.span = span
    }
}
