import FiscalModel

/// Comparisons said in words, as data a province's wording extends: a relation word
/// (`小于`) followed by what it compares with (`预算数`: the budget; `上年预算数`: last year),
/// and phrases that say only the direction after a year (`与上年相比有所增加`).
public enum ComparisonWording {
    public static let relations: [(String, Claim.Relation)] = [
        ("大于", .greater), ("高于", .greater), ("多于", .greater), ("超过", .greater),
        ("小于", .less), ("低于", .less), ("少于", .less), ("等于", .equal),
    ]
    /// Objects that name the budget of the same year, longest first.
    public static let budgetObjects = ["年初预算数", "全年预算数", "调整预算数", "年初预算", "全年预算", "预算数"]
    /// Objects that name last year, longest first.
    public static let priorObjects = ["上一年度预算数", "上一年度决算数", "上年预算数", "上年决算数", "上一年度", "上年数", "上年度", "上年"]
    /// Direction-only phrases, valid after a prior-year phrase in the same sentence.
    public static let directions: [(String, Claim.Relation)] = [
        ("有所增加", .greater), ("略有增加", .greater), ("有所增长", .greater), ("有所上升", .greater),
        ("有所减少", .less), ("略有减少", .less), ("有所下降", .less), ("有所降低", .less), ("略有下降", .less),
    ]

    /// A relation and its object at `text[i...]`: the relation, the prior year (nil for the
    /// budget) and where it ends.
    static func phrase(at i: Substring.Index, in text: Substring, reportYear: Int?) -> (Claim.Relation, Int?, Substring.Index)? {
        let rest = text[i...]
        guard let (word, relation) = relations.first(where: { rest.hasUTF8Prefix($0.0) }) else { return nil }
        var j = text.index(i, offsetBy: word.count)
        while j < text.endIndex, text[j] == " " { j = text.index(after: j) }
        let obj = text[j...]
        if let o = priorObjects.first(where: { obj.hasUTF8Prefix($0) }) {
            guard let reportYear else { return nil }
            return (relation, reportYear - 1, text.index(j, offsetBy: o.count))
        }
        let digits = obj.prefix { $0.isASCII && $0.isNumber }
        if digits.count == 4, let year = Int(digits), obj.dropFirst(4).first == "年" {
            var end = text.index(j, offsetBy: 5)
            for suffix in ["度", "预算数", "决算数", "数"] where text[end...].hasUTF8Prefix(suffix) { end = text.index(end, offsetBy: suffix.count) }
            return (relation, year, end)
        }
        if let o = budgetObjects.first(where: { obj.hasUTF8Prefix($0) }) {
            return (relation, nil, text.index(j, offsetBy: o.count))
        }
        return nil
    }

    /// The comparison `tail` ends with (`…本年数小于上年预算数`), for a figure that follows it.
    static func phrase(endingAt tail: Substring, reportYear: Int?) -> (relation: Claim.Relation, priorYear: Int?, start: Substring.Index)? {
        // Every object ends in 数, 年, 度 or 算: a tail ending otherwise holds no comparison.
        guard let last = tail.last(where: { $0 != " " }), "数年度算".contains(last) else { return nil }
        for (word, _) in relations {
            guard let r = tail.lastUTF8Range(of: word) else { continue }
            if let (relation, year, end) = phrase(at: r.lowerBound, in: tail, reportYear: reportYear),
               tail[end...].allSatisfy({ $0 == " " }) {
                return (relation, year, r.lowerBound)
            }
        }
        return nil
    }

    /// Every comparison in `text` (sentence numbers left 0 for the caller to set).
    static func mentions(in text: Substring, reportYear: Int?) -> [ComparisonMention] {
        var out: [ComparisonMention] = []
        // Only where a relation word stands (a scan of every position costs a prefix test per
        // character and word); each word is one search of the bytes.
        for (word, _) in relations {
            var from = text.startIndex
            while let r = text.firstUTF8Range(of: word, from: from) {
                if let (relation, year, end) = phrase(at: r.lowerBound, in: text, reportYear: reportYear) {
                    out.append(ComparisonMention(relation: relation, priorYear: year, range: r.lowerBound..<end, sentence: 0))
                }
                from = r.upperBound
            }
        }
        for (word, relation) in directions {
            var from = text.startIndex
            while let r = text.firstUTF8Range(of: word, from: from) {
                let sentenceStart = text[..<r.lowerBound].lastIndex(of: "。").map { text.index(after: $0) } ?? text.startIndex
                if let year = SentenceReader.priorYearPhrase(in: text[sentenceStart..<r.lowerBound], reportYear: reportYear).year {
                    out.append(ComparisonMention(relation: relation, priorYear: year, range: r, sentence: 0))
                }
                from = r.upperBound
            }
        }
        return out
    }
}
