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
    /// Every place the report states the figure, the first the one the amount was taken from.
    /// Never empty.
    public var mentions: [Mention]

    /// Where the figure was first written (the first mention's span).
    public var span: SourceSpan { mentions[0].span }

    /// How the figure was read (the first mention's reading).
    public var reading: Reading { mentions[0].reading }

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
        self.mentions = [Mention(span: span, amount: amount, reading: derived ? .derived : reading)]
    }
}

/// A fact's position in its report's ``Report/facts``.
public typealias FactIndex = Int

extension Fact {
    /// The column of a figure a report states again in its 附件 (the 绩效评价报告 and 绩效自评报告
    /// that repeat the explanation's totals and project amounts): the repeat is kept apart from
    /// the explanation's own figure, so sums over the explanation do not count money twice,
    /// and `check` can compare the two.
    ///
    /// TODO(issue 10): the 附件 copies become mentions of the explanation's facts; until then they
    /// keep this measure of their own.
    public static let annexColumn: Measure = "附件"
}
