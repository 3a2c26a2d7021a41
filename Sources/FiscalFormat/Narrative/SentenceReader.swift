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
            // (`了` by ==: U+F9BA is canonically 了.)
            let tail = lead.trimmingTrailing { $0.isScalar(" ") || $0.isScalar("\u{3000}") || $0.isScalar("约") || $0.isScalar("为") || $0 == "了" }
            defer { previousEnd = figure.fullRange.upperBound }

            var comparisonDelta: (Int, Substring.Index, Int?)?
            if figure.unit != .percent, let c = ComparisonWording.phrase(endingAt: tail, reportYear: reportYear), c.relation != .equal {
                // `本年数小于上年预算数 220 万元`: the difference, not a figure of its own.
                comparisonDelta = (c.relation == .less ? -1 : 1, c.start, c.priorYear)
                consumedComparisons.insert(c.start)
            }
            if let (sign, wordStart, comparedYear) = comparisonDelta.map({ ($0.0, $0.1, Optional($0.2)) }) ?? direction(endingAt: tail).map({ ($0.0, $0.1, Int??.none) }) {
                // `增加（减少）0万元`: no change; `增加（减少）5万元` says no direction, so it is no
                // figure and no change.
                if sign == 0 && !figure.amount.isZero { continue }
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
                // `比2025年预算增加增加27.45万元`: a direction word said twice names no figure.
                if directionWords.contains(where: { $0.word == subject }) { subject = "" }
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
                } else if ["完成预算", "完成预算的", "完成年初预算的", "完成率", "完成"].contains(where: { tail.hasUTF8Suffix($0) }) {
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
            let isPart = lead.containsUTF8("其中")
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
        markLostNumbers(&out, in: text, sentenceStarts: sentenceStarts)
        return out.sorted { $0.start < $1.start }
    }

    /// Marks each change and `持平` whose sentence, or the sentence before (where the figure it
    /// speaks of is stated: `…总计 万元。与2023年度相比，减少56.95万元`), has lost a number.
    static func markLostNumbers(_ mentions: inout [NarrativeMention], in text: Substring, sentenceStarts: [Substring.Index]) {
        for k in mentions.indices {
            // `总计0.3万元。与2023年度相比，总计持平。主要原因：…等原因减少支付。`: a 持平 whose stated
            // reason is a change says two things; the figure or the change was lost.
            if case .unchanged(var m) = mentions[k], let word = changeInReason(after: m.range.upperBound, in: text) {
                m.lostNumber = "持平…\(word)"
                mentions[k] = .unchanged(m)
            }
        }
        let lost = lostNumbers(in: text)
        guard !lost.isEmpty else { return }
        let lostSentences = Dictionary(lost.map { (sentenceIndex(sentenceStarts, text.index(before: $0.upperBound)), String(text[$0].filter { $0 != "。" && !$0.isNewline })) }, uniquingKeysWith: { a, _ in a })
        func lostNear(_ s: Int) -> String? { lostSentences[s] ?? (s > 0 ? lostSentences[s - 1] : nil) }
        for k in mentions.indices {
            switch mentions[k] {
            case .change(var m):
                if let words = lostNear(m.sentence) { m.lostNumber = words; mentions[k] = .change(m) }
            case .unchanged(var m):
                if let words = lostNear(m.sentence) { m.lostNumber = words; mentions[k] = .unchanged(m) }
            default: break
            }
        }
    }

    /// The direction word of the reason given right after `i` (in the same sentence, or the next
    /// when it opens with a reason word: `持平。主要原因：…减少支付。`), or `nil`.
    static func changeInReason(after i: Substring.Index, in text: Substring) -> String? {
        var rest = text[i...]
        rest = rest.drop { $0 == " " || $0 == "，" || $0 == "," || $0 == "。" || $0 == "；" || $0 == "\u{3000}" }
        guard let word = (reasonWords + ["主要原因"]).first(where: { rest.hasUTF8Prefix($0) }) else { return nil }
        let reason = rest.dropFirst(word.count).prefix { $0 != "。" && $0 != "；" }
        return directionWords.first { reason.containsUTF8($0.word) }?.word
    }

    /// Whether `lead` (the sentence up to a figure) ends inside a parenthesis that speaks of
    /// the year before (`（上年财政仅安排…`, `(去年…`): the figure is last year's, said in passing.
    /// The last `（` or `(` of `lead` found walking back by scalars: `.some(nil)` when there is
    /// none, `nil` when the walk meets a scalar that does not stand alone (or one stands before
    /// the bracket), where characters must be walked instead. Only the end after the bracket is
    /// walked, not the whole lead.
    static func lastOpening(inStandaloneEnd lead: Substring) -> Substring.Index?? {
        let scalars = lead.unicodeScalars
        var i = scalars.endIndex
        while i > scalars.startIndex {
            let p = scalars.index(before: i)
            let u = scalars[p]
            guard u.standsAlone else { return nil }
            if u == "（" || u == "(" {
                // A bracket is a character of its own when the scalar before it stands alone too.
                if p > scalars.startIndex, !scalars[scalars.index(before: p)].standsAlone { return nil }
                return .some(p)
            }
            i = p
        }
        return .some(nil)
    }

    public static func isPriorYearAside(_ lead: Substring) -> Bool {
        let aside: Substring
        if let found = lastOpening(inStandaloneEnd: lead) {  // the same walk by scalars (``StandaloneScalars``)
            guard let open = found else { return false }
            aside = lead[lead.unicodeScalars.index(after: open)...]
            guard !aside.unicodeScalars.contains(where: { $0 == "）" || $0 == ")" }) else { return false }
        } else {
            guard let open = lead.lastIndex(where: { $0 == "（" || $0 == "(" }) else { return false }
            aside = lead[lead.index(after: open)...]
            guard !aside.contains(where: { $0 == "）" || $0 == ")" }) else { return false }
        }
        return (previousYearWords + ["去年"]).contains { aside.hasUTF8Prefix($0) || aside.containsUTF8($0) }
    }

    /// Units that a number must stand before: where one follows a word with no number between
    /// (`收入支出总计 万元`, `比上年增加万元`, `下降 %`), the text has lost that number.
    public static let unitsNeedingNumber = ["万元", "亿元", "%", "％"]

    /// What may stand before one of ``unitsNeedingNumber`` without a number: a heading's unit
    /// (`单位：万元`, `(万元)`), a list (`万元/人`), and numerals in words (`数万元`, `上千万元`).
    static let standsBeforeUnit: Set<Character> = ["：", ":", "（", "(", "［", "[", "【", "/", "、", "十", "百", "千", "万", "亿", "数", "几", "近", "上"]

    /// The places where the text has lost a number: the words before a unit that must follow a
    /// number, and the unit (`总计 万元`), in order.
    public static func lostNumbers(in text: Substring) -> [Range<Substring.Index>] {
        var out: [Range<Substring.Index>] = []
        for unit in unitsNeedingNumber {
            var from = text.startIndex
            while let r = text.firstUTF8Range(of: unit, from: from) {
                from = r.upperBound
                // `亿元` is also read as `元` after `亿`; `万元` inside a longer unit is its own.
                var i = r.lowerBound
                while i > text.startIndex, text[text.index(before: i)] == " " || text[text.index(before: i)] == "\u{3000}" {
                    i = text.index(before: i)
                }
                guard i > text.startIndex else { continue }
                let p = text[text.index(before: i)]
                if NarrativeFigure.digit(p) != nil || standsBeforeUnit.contains(p) || p.isNewline { continue }
                guard p.unicodeScalars.first.map({ $0.value >= 0x4E00 && $0.value <= 0x9FFF }) == true || p == "）" || p == ")" else { continue }
                let start = text.index(i, offsetBy: -4, limitedBy: text.startIndex) ?? text.startIndex
                out.append(start..<r.upperBound)
            }
        }
        return out.sorted { $0.lowerBound < $1.lowerBound }
    }

    /// `与2019年决算数持平`; `与上年持平` only with a report year (else it names no year).
    static func unchangedMentions(in text: Substring, sentenceStarts: [Substring.Index], reportYear: Int?) -> [NarrativeMention] {
        var out: [NarrativeMention] = []
        for (word, adjacent) in unchangedWords {
            var from = text.startIndex
            while let r = text.firstUTF8Range(of: word, from: from) {
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
    /// (`与2019年决算数持平`, `与上年预算数一致`, `与上年相同`, `与上年相比未发生变化`); `adjacent`
    /// when the year phrase must come right before the word, at most two characters apart (`一致`
    /// also says other things: `与上年统计口径一致`; a reason may say `…预算无变化` a clause away).
    /// The two characters let a phrase that lost one (`与上年相未发生变化`, 相比 short of 比)
    /// still be read. No word here is part of another, so a phrase is read once.
    public static let unchangedWords: [(word: String, adjacent: Bool)] = [
        ("持平", false), ("一致", true), ("相同", true), ("相等", true),
        ("未发生变化", true), ("没有发生变化", true), ("未发生变动", true), ("无变化", true), ("没有变化", true), ("未变化", true),
        ("保持不变", true),
    ]

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
            if c.isScalar("与") || c.isScalar("比") || c.isScalar("较") || c.isScalar("同") {
                var j = text.index(after: i)
                while j < text.endIndex, text[j].isScalar(" ") { j = text.index(after: j) }
                var digits = ""
                var k = j
                while k < text.endIndex, let d = NarrativeFigure.digit(text[k]), digits.count < 5 { digits.append(d); k = text.index(after: k) }
                while k < text.endIndex, text[k].isScalar(" ") { k = text.index(after: k) }
                var yearEnd: (Int, Substring.Index)?
                if digits.count == 4, k < text.endIndex, text[k] == "年", let year = Int(digits) {
                    yearEnd = (year, text.index(after: k))
                } else if digits.isEmpty, let reportYear, let word = previousYearWords.first(where: { text[j...].hasUTF8Prefix($0) }) {
                    yearEnd = (reportYear - 1, text.index(j, offsetBy: word.count))
                }
                if let (year, yearEnd) = yearEnd {
                    var end = yearEnd
                    for suffix in ["度", "决算数", "预算数", "决算", "预算", "数", "相比", "相较", "同期"] {
                        while text[end...].hasUTF8Prefix(suffix) { end = text.index(end, offsetBy: suffix.count) }
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

    /// The direction word `tail` ends with, its sign and where it starts. The template's own
    /// either-or (`增加（减少）`, `增长(降低)`), left in by a report that had nothing to change, is a
    /// direction word of no sign (0).
    static func direction(endingAt tail: Substring) -> (Int, Substring.Index)? {
        for (word, sign) in directionWords where tail.hasUTF8Suffix(word) {
            return (sign, tail.index(tail.endIndex, offsetBy: -word.count))
        }
        let t = tail.trimmingTrailing { $0 == " " }
        guard let close = t.last, close == "）" || close == ")" else { return nil }
        let inner = t.dropLast()
        for (second, _) in directionWords where inner.hasUTF8Suffix(second) {
            let beforeSecond = inner.dropLast(second.count)
            guard let open = beforeSecond.last, open == "（" || open == "(" else { continue }
            if let (_, start) = direction(endingAt: beforeSecond.dropLast()) { return (0, start) }
        }
        return nil
    }

    /// `占…的?` at the end of the lead: the named whole (`nil` inside when unnamed), or `nil` when it is no share.
    static func share(tail: Substring) -> String?? {
        // By scalars where each is a character (``StandaloneScalars``): a backward Character
        // walk over the whole lead for every percentage was a tenth of a paragraph's time.
        let found = tail.scalarsAreCharacters ? tail.unicodeScalars.lastIndex(of: "占") : tail.lastIndex(of: "占")
        guard let zhan = found else { return nil }
        var whole = tail[tail.index(after: zhan)...]
        if whole.contains(where: { clauseBreaks.contains($0) }) { return nil }
        if whole.hasUTF8Suffix("的") { whole = whole.dropLast() }
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

    /// Where each sentence starts: the text's start and after every `。` (found in the UTF-8 bytes).
    static func sentenceStarts(of text: Substring) -> [Substring.Index] {
        [text.startIndex] + text.utf8Ranges(of: "。").map(\.upperBound)
    }
}
