/// One figure of a report — a cell: its key (entity, year, phase, statement, measure, item,
/// codes, fund, unit) and one amount — with every place the report states it (``mentions``).
public struct Fact: Sendable, Hashable {
    /// The 预算单位 the report is about (e.g. 中共武胜县委员会办公室).
    public var entity: String
    /// The fiscal year the figure refers to (a prior-year value derived from a stated change
    /// is a fact of that prior year, with ``derived`` set).
    public var year: Int
    /// 决算 or 预算: a budget figure stated in a 决算 report is a 预算 fact.
    public var phase: Phase
    /// The table or section the figure belongs to.
    public var statement: Statement
    /// The line's name as the report writes it.
    public var item: String
    /// The functional classification (支出功能分类) code, when there is one.
    public var code: ClassificationCode?
    /// The economic classification (支出经济分类) code, when there is one.
    public var econCode: ClassificationCode?
    /// The budget the figure is funded from, when the report says.
    public var fund: Fund?
    /// What the figure measures (合计, 基本支出, 项目支出, 年初预算 …): the table column it
    /// sits in, normalised (see ``Measure``). A narrative figure measures the item's ``Measure/total``
    /// unless its sentence says otherwise.
    public var measure: Measure
    /// The value.
    public var amount: Amount
    /// What the value counts.
    public var unit: FactUnit
    /// Whether fiscal computed the figure from others the report states (a prior-year value
    /// from a stated change) rather than reading it.
    public var derived: Bool
    /// The mention the amount was taken from, stored in the fact itself: most facts are stated
    /// once, and a fact that needs no heap block of its own costs no allocation to build and no
    /// `free` to drop (10M facts with one array each took 0.5 s of `free` alone — issue 10).
    public private(set) var firstMention: Mention
    /// The mentions after the first; empty (no allocation) for a fact stated once.
    public private(set) var otherMentions: [Mention]

    /// Every place the report states the figure, the first the one the amount was taken from.
    /// Never empty: setting an empty array is a programming error.
    ///
    /// Reading it builds an array; hot loops use ``firstMention``, ``otherMentions`` and
    /// ``mentionCount`` instead.
    public var mentions: [Mention] {
        get {
            if otherMentions.isEmpty { return [firstMention] }
            var all = [firstMention]
            all.reserveCapacity(1 + otherMentions.count)
            all.append(contentsOf: otherMentions)
            return all
        }
        set {
            precondition(!newValue.isEmpty, "a fact has at least one mention")
            firstMention = newValue[0]
            otherMentions = newValue.count == 1 ? [] : Array(newValue.dropFirst())
        }
    }

    /// How many places state the figure (at least 1).
    public var mentionCount: Int { 1 + otherMentions.count }

    /// Where the figure was first written (the first mention's span).
    public var span: SourceSpan { firstMention.span }

    /// How the figure was read (the first mention's reading).
    public var reading: Reading { firstMention.reading }

    public init(
        entity: String, year: Int, phase: Phase, statement: Statement, item: String,
        code: ClassificationCode? = nil, econCode: ClassificationCode? = nil, fund: Fund? = nil,
        measure: Measure = .total, amount: Amount, unit: FactUnit, derived: Bool = false, reading: Reading,
        span: SourceSpan
    ) {
        self.entity = entity
        self.year = year
        self.phase = phase
        self.statement = statement
        self.item = item
        self.code = code
        self.econCode = econCode
        self.fund = fund
        self.measure = measure
        self.amount = amount
        self.unit = unit
        self.derived = derived
        self.firstMention = Mention(span: span, amount: amount, reading: derived ? .derived : reading)
        self.otherMentions = []
    }
}

/// A fact's position in its report's ``Report/facts``.
public typealias FactIndex = Int
