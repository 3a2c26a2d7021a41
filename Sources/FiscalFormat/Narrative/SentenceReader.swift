import FiscalModel

/// Reads the sentence patterns that budget narratives share, one line (or joined text) at
/// a time: money and count figures with their labels, shares (`占X%`), changes from a prior
/// year with direction words (增加/减少/增长/下降/上升/降低), `持平`, and `完成预算X%`.
///
/// Template-free: a format plugin decides what the labels mean (statement, fund, code) and
/// which fact a ratio belongs to. Ranges are indices of the text given, for spans.
public enum SentenceReader {
    /// Words that say a change goes up (+) or down (−).
    public static let directionWords: [(word: String, sign: Int)] = [
        ("减少", -1), ("下降", -1), ("降低", -1), ("降幅", -1), ("增加", 1), ("增长", 1), ("上升", 1), ("增幅", 1),
    ]

    /// The most figures one line (or joined paragraph) is read for: a real line states tens;
    /// a line of more is a damaged or hostile file, and the rest of it is left unread (the
    /// reader says so) rather than filling memory.
    public static let maximumFiguresPerLine = 10_000

    /// Whether `text` holds more figures than ``maximumFiguresPerLine`` (then ``mentions(in:reportYear:)``
    /// reads only the first of them).
    public static func exceedsFigureLimit(_ text: Substring) -> Bool {
        NarrativeFigure.scan(text, limit: maximumFiguresPerLine + 1).count > maximumFiguresPerLine
    }

    /// Characters that end a clause, for labels.
    static let clauseBreaks: Set<Character> = ["，", ",", "；", ";", "：", ":", "。"]

    /// The mentions of `text`, in the order written. With `reportYear`, a year written relative
    /// to it (`与上一年度持平`, `比上年减少…`) is `reportYear − 1`; without, such phrases name no year.
    public static func mentions(in text: Substring, reportYear: Int? = nil) -> [NarrativeMention] {
        var out: [NarrativeMention] = []
        let sentenceStarts = sentenceStarts(of: text)
        func sentence(of i: Substring.Index) -> Int { sentenceIndex(sentenceStarts, i) }

        var previousEnd = text.startIndex
        var lastLabel: (sentence: Int, label: String)?
        var consumedComparisons = Set<Substring.Index>()
        for figure in NarrativeFigure.scan(text, limit: maximumFiguresPerLine) {
            switch figure.unit {
            case .date, .none: continue
            default: break
            }
            if figure.isThreshold { continue }
            let s = sentence(of: figure.range.lowerBound)
            let leadStart = max(previousEnd, sentenceStarts[s])
            let lead = text[previousEnd..<figure.range.lowerBound]
            let tail = lead.trimmingTrailing { $0 == " " || $0 == "\u{3000}" || $0 == "约" || $0 == "为" || $0 == "了" }
            defer { previousEnd = figure.fullRange.upperBound }

            var comparisonDelta: (Int, Substring.Index, Int?)?
            if figure.unit != .percent, let c = ComparisonWording.phrase(endingAt: tail, reportYear: reportYear), c.relation != .equal {
                // `本年数小于上年预算数 220 万元`: the difference, not a figure of its own.
                comparisonDelta = (c.relation == .less ? -1 : 1, c.start, c.priorYear)
                consumedComparisons.insert(c.start)
            }
            if let (sign, wordStart, comparedYear) = comparisonDelta.map({ ($0.0, $0.1, Optional($0.2)) }) ?? direction(endingAt: tail).map({ ($0.0, $0.1, Int??.none) }) {
                let value = sign < 0 ? Amount.zero - figure.amount : figure.amount
                if figure.unit == .percent,
                   case .change(var last)? = out.last, last.sentence == s, last.percent == nil {
                    last.percent = value
                    last.range = last.range.lowerBound..<figure.fullRange.upperBound
                    out[out.count - 1] = .change(last)
                    continue
                }
                let sentenceText = text[phraseWindowStart(sentenceStarts[s], wordStart, in: text)..<wordStart]
                var (year, phrase) = priorYearPhrase(in: sentenceText, reportYear: reportYear)
                if let comparedYear { (year, phrase) = (comparedYear, nil) }
                let segmentStart = max(leadStart, sentenceStarts[s])
                var subject = cleanLabel(text[segmentStart..<wordStart])
                if let phrase, phrase.lowerBound >= segmentStart {
                    let after = cleanLabel(text[phrase.upperBound..<wordStart])
                    subject = after.isEmpty ? cleanLabel(text[segmentStart..<phrase.lowerBound]) : after
                }
                if selfReferences.contains(subject) { subject = "" }  // `本年数小于上年预算数…`: the figure before
                var change = ChangeMention(priorYear: year, subject: subject, delta: nil, deltaUnit: nil,
                                           deltaRange: nil, percent: nil, range: wordStart..<figure.fullRange.upperBound, sentence: s)
                if figure.unit == .percent {
                    change.percent = value
                } else {
                    change.delta = value
                    change.deltaUnit = figure.factUnit
                    change.deltaRange = figure.range
                }
                out.append(.change(change))
                continue
            }
            if figure.unit == .percent {
                if let share = share(tail: tail) {
                    out.append(.share(ShareMention(percent: figure.amount, whole: share, range: figure.range, sentence: s)))
                } else if ["完成预算", "完成预算的", "完成年初预算的", "完成率", "完成"].contains(where: { tail.hasSuffix($0) }) {
                    out.append(.completion(CompletionMention(percent: figure.amount, range: figure.range, sentence: s)))
                } else {
                    out.append(.strayPercent(figure))
                }
                continue
            }
            // A value: name it from its clause.
            let clauses = splitClauses(text[leadStart..<figure.range.lowerBound])
            var label = cleanLabel(clauses.last ?? "")
            let borrowed = isGeneric(label)
            if isGeneric(label) {
                let before = clauses.count > 1 ? cleanLabel(clauses[clauses.count - 2]) : ""
                if !before.isEmpty && !isGeneric(before) && leadStart == previousEnd {
                    label = before
                } else if let lastLabel, lastLabel.sentence == s {
                    label = lastLabel.label
                } else if !before.isEmpty {
                    label = before
                }
            }
            let isPart = lead.contains("其中")
            lastLabel = (s, label)
            out.append(.figure(FigureMention(label: label, figure: figure, isPart: isPart, sentence: s, isBorrowedLabel: borrowed && !label.isEmpty)))
        }
        out += unchangedMentions(in: text, sentenceStarts: sentenceStarts, reportYear: reportYear)
        out += ComparisonWording.mentions(in: text, reportYear: reportYear).filter { !consumedComparisons.contains($0.range.lowerBound) }
            .map { m in
                var m = m
                m.sentence = sentence(of: m.range.lowerBound)
                return .comparison(m)
            }
        return out.sorted { $0.start < $1.start }
    }

    /// `与2019年决算数持平`; `与上年持平` only with a report year (else it names no year).
    static func unchangedMentions(in text: Substring, sentenceStarts: [Substring.Index], reportYear: Int?) -> [NarrativeMention] {
        var out: [NarrativeMention] = []
        let scalars = Set(text.unicodeScalars.lazy.filter { $0.value >= 0x4E00 })
        for (word, adjacent) in unchangedWords where word.unicodeScalars.allSatisfy(scalars.contains) {
            var from = text.startIndex
            while let r = text[from...].firstRange(of: word) {
                let s = sentenceIndex(sentenceStarts, r.lowerBound)
                let (year, phrase) = priorYearPhrase(in: text[phraseWindowStart(sentenceStarts[s], r.lowerBound, in: text)..<r.lowerBound], reportYear: reportYear)
                // The year phrase must be the words just before (`与上年预算数一致`, `与上年保持一致`),
                // not a clause away.
                let negated = r.lowerBound > text.startIndex && text[text.index(before: r.lowerBound)] == "不"
                if let year, let phrase, !negated, !adjacent || text[phrase.upperBound..<r.lowerBound].count <= 2 {
                    out.append(.unchanged(UnchangedMention(priorYear: year, range: phrase.lowerBound..<r.upperBound, sentence: s)))
                }
                from = r.upperBound
            }
        }
        return out
    }

    /// Words that open the reason a narrative gives for a change (`主要原因是…`): amounts in it are
    /// cited, not lines of the section.
    public static let reasonWords = ["主要原因是", "主要原因为", "主要原因：", "原因是"]

    /// Words that say a change is measured on another basis than the figure stated
    /// (`按与上年统计口径一致相比`): such a change is of another figure.
    public static let otherBasisWords = ["口径"]

    /// Words that say a figure did not change from the year named before them
    /// (`与2019年决算数持平`, `与上年预算数一致`, `与上年相同`); `adjacent` when the year phrase
    /// must come right before the word (`一致` also says other things: `与上年统计口径一致`).
    public static let unchangedWords: [(word: String, adjacent: Bool)] = [("持平", false), ("一致", true), ("相同", true), ("相等", true)]

    /// Subjects that name the figure just stated (`本年数小于上年预算数 29.65 万元`).
    public static let selfReferences: Set<String> = ["本年数", "本年", "本年预算数", "本年决算数"]

    /// Ways of writing the year before the report's, longest first.
    static let previousYearWords = ["上一年度", "上一年", "上年度", "上年"]

    /// The prior year of the last `与2019年(度)(决算数)(相比)` / `比2019年` / `较2019年` in `text`;
    /// with `reportYear`, also of `与上一年度` / `比上年` (`reportYear − 1`).
    public static func priorYearPhrase(in text: Substring, reportYear: Int? = nil) -> (year: Int?, range: Range<Substring.Index>?) {
        var found: (Int, Range<Substring.Index>)?
        var i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            if c == "与" || c == "比" || c == "较" || c == "同" {
                var j = text.index(after: i)
                while j < text.endIndex, text[j] == " " { j = text.index(after: j) }
                var digits = ""
                var k = j
                while k < text.endIndex, let d = NarrativeFigure.digit(text[k]), digits.count < 5 { digits.append(d); k = text.index(after: k) }
                while k < text.endIndex, text[k] == " " { k = text.index(after: k) }
                var yearEnd: (Int, Substring.Index)?
                if digits.count == 4, k < text.endIndex, text[k] == "年", let year = Int(digits) {
                    yearEnd = (year, text.index(after: k))
                } else if digits.isEmpty, let reportYear, let word = previousYearWords.first(where: { text[j...].hasPrefix($0) }) {
                    yearEnd = (reportYear - 1, text.index(j, offsetBy: word.count))
                }
                if let (year, yearEnd) = yearEnd {
                    var end = yearEnd
                    for suffix in ["度", "决算数", "预算数", "决算", "预算", "数", "相比", "相较", "同期"] {
                        while text[end...].hasPrefix(suffix) { end = text.index(end, offsetBy: suffix.count) }
                    }
                    found = (year, i..<end)
                    i = end
                    continue
                }
            }
            i = text.index(after: i)
        }
        return (found?.0, found?.1)
    }

    /// The direction word `tail` ends with, its sign and where it starts.
    static func direction(endingAt tail: Substring) -> (Int, Substring.Index)? {
        for (word, sign) in directionWords where tail.hasSuffix(word) {
            return (sign, tail.index(tail.endIndex, offsetBy: -word.count))
        }
        return nil
    }

    /// `占…的?` at the end of the lead: the named whole (`nil` inside when unnamed), or `nil` when it is no share.
    static func share(tail: Substring) -> String?? {
        guard let zhan = tail.lastIndex(of: "占") else { return nil }
        var whole = tail[tail.index(after: zhan)...]
        if whole.contains(where: { clauseBreaks.contains($0) }) { return nil }
        if whole.hasSuffix("的") { whole = whole.dropLast() }
        whole = whole.trimmingTrailing { $0 == " " }
        return .some(whole.isEmpty ? nil : String(whole))
    }

    /// The sentence (index into `starts`, which is sorted) that `i` falls in: a binary search,
    /// so a line of thousands of sentences costs no more per figure than a short one.
    static func sentenceIndex(_ starts: [Substring.Index], _ i: Substring.Index) -> Int {
        var lo = 0, hi = starts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if starts[mid] <= i { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// How far back from a direction word or `持平` a prior-year phrase (`比上年`, `与2019年决算数相比`)
    /// is looked for: the sentence, but at most this many characters, so that a sentence of
    /// thousands of clauses is not searched again for each of them.
    static let phraseWindow = 160

    static func phraseWindowStart(_ sentenceStart: Substring.Index, _ end: Substring.Index, in text: Substring) -> Substring.Index {
        let windowStart = text.index(end, offsetBy: -phraseWindow, limitedBy: sentenceStart) ?? sentenceStart
        return max(windowStart, sentenceStart)
    }

    static func sentenceStarts(of text: Substring) -> [Substring.Index] {
        var starts = [text.startIndex]
        var i = text.startIndex
        while i < text.endIndex {
            if text[i] == "。" { starts.append(text.index(after: i)) }
            i = text.index(after: i)
        }
        return starts
    }

    static func splitClauses(_ text: Substring) -> [Substring] {
        text.split(omittingEmptySubsequences: false, whereSeparator: { clauseBreaks.contains($0) })
    }

    /// Labels that name nothing by themselves.
    static let genericLabels: Set<String> = ["", "支出", "支出决算", "决算", "决算数", "支出决算数", "共计", "共计支出", "合计", "金额", "共"]

    static func isGeneric(_ label: String) -> Bool { genericLabels.contains(label) }

    /// A clause made into a label: no list number (`1.`, `12`, `①`, `（一）`), no leading
    /// year (`2020年度`), no `其中`/`其中包含`/`主要用于以下方面`, nothing before `共有`, no trailing
    /// `为`/`约`/`共计`, no clause that is only a parenthesis.
    public static func cleanLabel(_ raw: Substring) -> String {
        var s = raw.trimmingBoth { $0 == " " || $0 == "\u{3000}" || $0 == "\t" || "、，,。；;：:".contains($0) }
        if s.first == "（" || s.first == "(" , s.last == "）" || s.last == ")",
           !s.dropFirst().contains(where: { $0 == "（" || $0 == "(" }) { return "" }
        var changed = true
        while changed {
            changed = false
            let before = s
            s = s.trimmingBoth { $0 == " " || $0 == "\u{3000}" || "、，,。；;：:".contains($0) }
            // list numbers
            if let f = s.first, NarrativeFigure.digit(f) != nil {
                let digits = s.prefix { NarrativeFigure.digit($0) != nil }
                let rest = s.dropFirst(digits.count)
                if rest.first == "年" && digits.count == 4 {
                    s = rest.dropFirst()
                    if s.hasPrefix("度") { s = s.dropFirst() }
                } else if digits.count <= 2 {
                    s = rest
                    if let p = s.first, ".．、".contains(p) { s = s.dropFirst() }
                }
            }
            if let f = s.unicodeScalars.first, (0x2460...0x2473).contains(f.value) { s = s.dropFirst() }
            if s.first == "（" || s.first == "(", let close = s.firstIndex(where: { $0 == "）" || $0 == ")" }),
               s[s.index(after: s.startIndex)..<close].allSatisfy({ "一二三四五六七八九十".contains($0) || ($0.isASCII && $0.isNumber) }),
               s.distance(from: s.startIndex, to: close) <= 3, close > s.index(after: s.startIndex) {
                s = s[s.index(after: close)...]
            }
            for prefix in ["其中包含", "其中：", "其中:", "其中", "主要用于以下方面", "包括", "约"] where s.hasPrefix(prefix) {
                s = s.dropFirst(prefix.count)
            }
            if let r = s.firstRange(of: "共有") { s = s[r.upperBound...] }
            for suffix in ["为", "约", "共计", "达", "是"] where s.hasSuffix(suffix) && s.count > suffix.count {
                s = s.dropLast(suffix.count)
            }
            changed = s != before
        }
        return String(s)
    }
}

extension Substring {
    func trimmingTrailing(_ drop: (Character) -> Bool) -> Substring {
        var end = endIndex
        while end > startIndex, drop(self[index(before: end)]) { end = index(before: end) }
        return self[startIndex..<end]
    }

    func trimmingBoth(_ drop: (Character) -> Bool) -> Substring {
        var start = startIndex
        while start < endIndex, drop(self[start]) { start = index(after: start) }
        return self[start..<endIndex].trimmingTrailing(drop)
    }
}

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
        guard let (word, relation) = relations.first(where: { rest.hasPrefix($0.0) }) else { return nil }
        var j = text.index(i, offsetBy: word.count)
        while j < text.endIndex, text[j] == " " { j = text.index(after: j) }
        let obj = text[j...]
        if let o = priorObjects.first(where: { obj.hasPrefix($0) }) {
            guard let reportYear else { return nil }
            return (relation, reportYear - 1, text.index(j, offsetBy: o.count))
        }
        let digits = obj.prefix { $0.isASCII && $0.isNumber }
        if digits.count == 4, let year = Int(digits), obj.dropFirst(4).first == "年" {
            var end = text.index(j, offsetBy: 5)
            for suffix in ["度", "预算数", "决算数", "数"] where text[end...].hasPrefix(suffix) { end = text.index(end, offsetBy: suffix.count) }
            return (relation, year, end)
        }
        if let o = budgetObjects.first(where: { obj.hasPrefix($0) }) {
            return (relation, nil, text.index(j, offsetBy: o.count))
        }
        return nil
    }

    /// The comparison `tail` ends with (`…本年数小于上年预算数`), for a figure that follows it.
    static func phrase(endingAt tail: Substring, reportYear: Int?) -> (relation: Claim.Relation, priorYear: Int?, start: Substring.Index)? {
        // Every object ends in 数, 年, 度 or 算: a tail ending otherwise holds no comparison.
        guard let last = tail.last(where: { $0 != " " }), "数年度算".contains(last) else { return nil }
        for (word, _) in relations {
            guard let r = tail.range(of: word, options: .backwards) else { continue }
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
        // Most lines hold no comparison: a pass over the scalars for the characters every
        // relation and direction word contains saves a search per word.
        let scalars = Set(text.unicodeScalars.lazy.filter { $0.value >= 0x4E00 })
        let hasRelation = relations.contains { $0.0.unicodeScalars.allSatisfy(scalars.contains) }
        let hasDirection = directions.contains { $0.0.unicodeScalars.allSatisfy(scalars.contains) }
        guard hasRelation || hasDirection else { return [] }
        // Only where a relation word stands (a scan of every position costs a prefix test per
        // character and word).
        for (word, _) in relations where word.unicodeScalars.allSatisfy(scalars.contains) {
            var from = text.startIndex
            while let r = text[from...].firstRange(of: word) {
                if let (relation, year, end) = phrase(at: r.lowerBound, in: text, reportYear: reportYear) {
                    out.append(ComparisonMention(relation: relation, priorYear: year, range: r.lowerBound..<end, sentence: 0))
                }
                from = r.upperBound
            }
        }
        for (word, relation) in directions where word.unicodeScalars.allSatisfy(scalars.contains) {
            var from = text.startIndex
            while let r = text[from...].firstRange(of: word) {
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
