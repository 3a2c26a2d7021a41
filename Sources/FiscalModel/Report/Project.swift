/// A project of the 绩效 section: what was budgeted, what was spent, and its indicators.
public struct Project: Sendable, Hashable {
    /// One row of a 绩效指标 table.
    public struct Indicator: Sendable, Hashable {
        /// 一级指标 (项目完成指标, 项目效果指标, …).
        public var level1: String
        /// 二级指标 (数量指标, 质量指标, …).
        public var level2: String
        /// 三级指标.
        public var level3: String
        /// 预期指标值.
        public var expected: String
        /// 实际完成指标值.
        public var actual: String
        public var span: SourceSpan

        public init(level1: String, level2: String, level3: String, expected: String, actual: String, span: SourceSpan) {
            self.level1 = level1
            self.level2 = level2
            self.level3 = level3
            self.expected = expected
            self.actual = actual
            self.span = span
        }
    }

    public var name: String
    /// The 预算单位 named in the project table.
    public var unit: String?
    /// Facts of this project (budget, executed, their 财政拨款/其它资金 parts), by index.
    public var facts: [FactIndex]
    /// 年度目标: expected and achieved.
    public var goalExpected: String?
    public var goalAchieved: String?
    public var indicators: [Indicator]
    public var span: SourceSpan

    public init(
        name: String, unit: String? = nil, facts: [FactIndex] = [], goalExpected: String? = nil,
        goalAchieved: String? = nil, indicators: [Indicator] = [], span: SourceSpan
    ) {
        self.name = name
        self.unit = unit
        self.facts = facts
        self.goalExpected = goalExpected
        self.goalAchieved = goalAchieved
        self.indicators = indicators
        self.span = span
    }
}

/// A term the report explains in its 名词解释.
public struct GlossaryEntry: Sendable, Hashable {
    public var term: String
    public var explanation: String
    public var span: SourceSpan

    public init(term: String, explanation: String, span: SourceSpan) {
        self.term = term
        self.explanation = explanation
        self.span = span
    }
}
