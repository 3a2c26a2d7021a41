import FiscalModel

/// One thing a sentence of a narrative says about money: a figure with its label, or a ratio
/// or change stated beside a figure. Produced by ``SentenceReader``, in the order written.
public enum NarrativeMention: Sendable, Hashable {
    /// `一般公共预算财政拨款收入927.15万元`: a value and the name written before it.
    case figure(FigureMention)
    /// `占70.22%`, `占本年支出合计的76.85%`.
    case share(ShareMention)
    /// `与2019年相比，收支总计减少433.95万元，下降24.74%`, `比2019年减少2.99万元`.
    case change(ChangeMention)
    /// `与2019年决算数持平`.
    case unchanged(UnchangedMention)
    /// `完成预算100%`, `完成预算的100%`.
    case completion(CompletionMention)
    /// `决算数小于预算数`, `本年数等于上年预算数`, `与上年相比有所增加`: a comparison in words.
    case comparison(ComparisonMention)
    /// A percentage no pattern explains (`文件会议较2019年同比分别减少33%、31%` reads as a change;
    /// a bare `100%` does not).
    case strayPercent(NarrativeFigure)

    /// Where the mention starts in the line.
    public var start: Substring.Index {
        switch self {
        case .figure(let m): m.figure.range.lowerBound
        case .share(let m): m.range.lowerBound
        case .change(let m): m.range.lowerBound
        case .unchanged(let m): m.range.lowerBound
        case .completion(let m): m.range.lowerBound
        case .comparison(let m): m.range.lowerBound
        case .strayPercent(let f): f.range.lowerBound
        }
    }
}

/// A value with its label (see ``NarrativeMention/figure(_:)``).
public struct FigureMention: Sendable, Hashable {
    /// The name written before the figure, cleaned of list numbers, years, `其中：` and verbs
    /// (`支出决算为`); when the clause names nothing (`，共计支出7.54万元`), the label of the
    /// figure before it in the same sentence, or the clause before when it holds no figure.
    public var label: String
    public var figure: NarrativeFigure
    /// Whether the clause introduces the figure as a part (`其中：…`, `其中包含…`).
    public var isPart: Bool
    /// The sentence of the line (split at `。`) the figure belongs to, from 0.
    public var sentence: Int
    /// Whether the label was not written in the figure's own clause but taken from the
    /// clause or figure before in the same sentence (`，共计支出7.54万元`, `年初预算为…，支出决算为…`).
    public var isBorrowedLabel: Bool = false

    public init(label: String, figure: NarrativeFigure, isPart: Bool, sentence: Int, isBorrowedLabel: Bool = false) {
        self.label = label
        self.figure = figure
        self.isPart = isPart
        self.sentence = sentence
        self.isBorrowedLabel = isBorrowedLabel
    }
}

/// `占X%` (see ``NarrativeMention/share(_:)``).
public struct ShareMention: Sendable, Hashable {
    public var percent: Amount
    /// The whole when the text names it (`占本年支出合计的76.85%` → `本年支出合计`).
    public var whole: String?
    /// The percentage's digits.
    public var range: Range<Substring.Index>
    public var sentence: Int
}

/// A stated change from a prior year (see ``NarrativeMention/change(_:)``).
public struct ChangeMention: Sendable, Hashable {
    /// `2019` in `与2019年相比` / `比2019年` / `与 2023 年度相比`; `nil` when the sentence names no year.
    public var priorYear: Int?
    /// What changed, as written (`收支总计`, `公务接待费支出决算`); empty when the sentence
    /// leaves it to the figure before.
    public var subject: String
    /// The signed change (减少/下降/降低 negative) and its unit, when stated.
    public var delta: Amount?
    public var deltaUnit: FactUnit?
    /// The range of the delta's digits, when stated.
    public var deltaRange: Range<Substring.Index>?
    /// The signed percentage change, when stated.
    public var percent: Amount?
    /// From the direction word to the end of the last number.
    public var range: Range<Substring.Index>
    public var sentence: Int
    /// The words around a number the text has lost (`总计 万元`), when this sentence or the
    /// one before it has one (``SentenceReader/lostNumbers(in:)``): the figure this change
    /// speaks of may be that number, so no earlier year's figure is derived from it.
    public var lostNumber: String? = nil

    /// Why no earlier year's figure may be derived from `figure` and this change, or `nil`:
    /// the sentence has lost a number (``lostNumber``), or it says a rise larger than the
    /// figure itself (`总计0.3万元…增加56.95万元`: the figure stated is not the one the change
    /// is of). A rise equal to the figure is a new item (the year before was 0).
    public func underivableReason(figure: Amount) -> String? {
        if let lostNumber { return lostNumber }
        if let delta, !delta.isNegative, !figure.isNegative, figure < delta {
            return "增加\(delta)，大于\(figure)"
        }
        return nil
    }

    /// Whether this change can be a change of a figure measured in `unit`: a change of money
    /// speaks of money, a change of a count (`比2025年增加2辆`) only of the same count, and a
    /// change stated as a percentage alone of anything.
    public func speaks(of unit: FactUnit) -> Bool {
        switch (deltaUnit, unit) {
        case (nil, _), (.money?, .money): true
        case (.count(let a)?, .count(let b)): a == b
        default: false
        }
    }
}

/// `与2019年决算数持平` (see ``NarrativeMention/unchanged(_:)``).
public struct UnchangedMention: Sendable, Hashable {
    public var priorYear: Int
    public var range: Range<Substring.Index>
    public var sentence: Int
    /// As ``ChangeMention/lostNumber``.
    public var lostNumber: String? = nil
}

/// `完成预算100%` (see ``NarrativeMention/completion(_:)``).
public struct CompletionMention: Sendable, Hashable {
    public var percent: Amount
    public var range: Range<Substring.Index>
    public var sentence: Int
}

/// `决算数小于预算数` (see ``NarrativeMention/comparison(_:)``).
public struct ComparisonMention: Sendable, Hashable {
    public var relation: Claim.Relation
    /// The year compared with (`上年预算数` → the report's year − 1); `nil` when the figure is
    /// compared with its budget.
    public var priorYear: Int?
    /// From the relation word to the end of what it compares with.
    public var range: Range<Substring.Index>
    public var sentence: Int
}
