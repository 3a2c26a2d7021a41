/// A ratio or change a report states about one of its facts ("占70.22%",
/// "减少433.95万元，下降24.74%", "完成预算100%", "与2019年决算数持平").
///
/// Claims are kept as the report wrote them so that checks can recompute them.
public struct Claim: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// "占70.22%": the fact is this percentage of `whole` (a fact of the same report, when
        /// fiscal could tell which).
        case share(percent: Amount, whole: FactIndex?)
        /// "与2019年相比减少433.95万元，下降24.74%": a change from `priorYear`; `delta` and
        /// `percent` carry their sign (减少/下降 are negative). Either may be missing.
        case change(priorYear: Int, delta: Amount?, percent: Amount?)
        /// "与2019年决算数持平": no change from `priorYear`.
        case unchanged(priorYear: Int)
        /// "完成预算100%": executed as a percentage of the budget (`budget` when stated).
        case completion(percent: Amount, budget: FactIndex?)
        /// "决算数小于预算数", "本年数等于上年预算数", "与上年相比有所增加": the fact stands in
        /// `relation` to another figure, said in words: the item's budget (`priorYear` nil;
        /// `other` the budget fact when the text states it) or its value in `priorYear`.
        case comparison(relation: Relation, priorYear: Int?, other: FactIndex?)
    }

    /// How a figure compares with another, as the text says it.
    public enum Relation: String, Sendable, Hashable, CaseIterable {
        /// 小于, 低于, 减少
        case less = "<"
        /// 等于, 一致, 持平
        case equal = "="
        /// 大于, 高于, 超过, 增加
        case greater = ">"

        /// Whether `a` stands in this relation to `b`.
        public func holds(_ a: Amount, _ b: Amount) -> Bool {
            switch self {
            case .less: a < b
            case .equal: a == b
            case .greater: b < a
            }
        }
    }

    /// The fact the claim speaks of.
    public var fact: FactIndex
    public var kind: Kind
    /// Where the claim was written.
    public var span: SourceSpan

    public init(fact: FactIndex, kind: Kind, span: SourceSpan) {
        self.fact = fact
        self.kind = kind
        self.span = span
    }
}
