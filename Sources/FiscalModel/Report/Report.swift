/// One disclosure document read into the model: who, which year, which phase, and every
/// figure it states.
public struct Report: Sendable, Hashable {
    /// The 预算单位 (中共武胜县委员会办公室).
    public var entity: String
    /// The short name the text uses (县委办), when it uses one.
    public var shortName: String?
    /// The region (四川省武胜县, 上海市普陀区), when known.
    public var region: String?
    /// The fiscal year reported on.
    public var year: Int
    /// 决算 or 预算.
    public var phase: Phase
    /// The unit the document states amounts in.
    public var unit: MoneyUnit
    /// The file the report was read from.
    public var source: String
    /// The format plugin that read it.
    public var format: String?
    public var facts: [Fact]
    public var claims: [Claim]
    public var projects: [Project]
    public var glossary: [GlossaryEntry]
    /// What the reader could not place or had to guess, with places.
    public var warnings: [Diagnostic]
    /// The years the document's headings and titles name (`三、2023年度部门决算情况说明`), so
    /// `check` can hold them against ``year``.
    public var yearMentions: [YearMention] = []

    public init(
        entity: String, shortName: String? = nil, region: String? = nil, year: Int, phase: Phase,
        unit: MoneyUnit, source: String, format: String? = nil, facts: [Fact] = [], claims: [Claim] = [],
        projects: [Project] = [], glossary: [GlossaryEntry] = [], warnings: [Diagnostic] = []
    ) {
        self.entity = entity
        self.shortName = shortName
        self.region = region
        self.year = year
        self.phase = phase
        self.unit = unit
        self.source = source
        self.format = format
        self.facts = facts
        self.claims = claims
        self.projects = projects
        self.glossary = glossary
        self.warnings = warnings
    }

    /// The name to show where space is short: the short name, else the entity.
    public var displayName: String { shortName ?? entity }
}

/// A year a heading or title of a report names, where.
public struct YearMention: Sendable, Hashable {
    public var year: Int
    /// The heading as written (for the finding's subject).
    public var text: String
    public var span: SourceSpan

    public init(year: Int, text: String, span: SourceSpan) {
        self.year = year
        self.text = text
        self.span = span
    }
}
