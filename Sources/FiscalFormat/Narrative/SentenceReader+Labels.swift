import FiscalModel

/// Labels: the words before a figure made into the name of what it measures.
extension SentenceReader {
    /// Characters that end a clause, for labels.
    static let clauseBreaks = Marks("，,；;：:。")

    /// `text` cut at every clause mark (empty clauses kept); by scalars when each is a
    /// character of its own (``StandaloneScalars``).
    static func splitClauses(_ text: Substring) -> [Substring] {
        guard text.scalarsAreCharacters else { return splitClausesByCharacters(text) }
        let scalars = text.unicodeScalars
        var out: [Substring] = []
        var start = scalars.startIndex
        var i = start
        while i < scalars.endIndex {
            let next = scalars.index(after: i)
            if clauseBreaks.contains(scalar: scalars[i]) {
                out.append(text[start..<i])
                start = next
            }
            i = next
        }
        out.append(text[start..<scalars.endIndex])
        return out
    }

    /// ``splitClauses(_:)`` by `Character`s: any text.
    static func splitClausesByCharacters(_ text: Substring) -> [Substring] {
        text.split(omittingEmptySubsequences: false, whereSeparator: { clauseBreaks.contains($0) })
    }

    /// Labels that name nothing by themselves.
    static let genericLabels: Set<String> = ["", "支出", "支出决算", "决算", "决算数", "支出决算数", "共计", "共计支出", "合计", "金额", "共"]

    static func isGeneric(_ label: String) -> Bool { genericLabels.contains(label) }

    /// Spaces and clause marks trimmed off a label's ends.
    static let labelEdges = Marks(" \u{3000}、，,。；;：:")
    static let labelEdgesAndTab = Marks(" \u{3000}、，,。；;：:\t")
    static let openingBrackets = Marks("（(")
    static let closingBrackets = Marks("）)")

    /// A clause made into a label: no list number (`1.`, `12`, `①`, `（一）`), no leading
    /// year (`2020年度`), no `其中`/`其中包含`/`主要用于以下方面`, nothing before `共有`, no trailing
    /// `为`/`约`/`共计`, no clause that is only a parenthesis.
    public static func cleanLabel(_ raw: Substring) -> String {
        var s = raw.trimmingBoth { labelEdgesAndTab.contains($0) }
        if let f = s.first, openingBrackets.contains(f), let l = s.last, closingBrackets.contains(l),
           !s.dropFirst().contains(where: { openingBrackets.contains($0) }) { return "" }
        var changed = true
        while changed {
            changed = false
            let before = s
            s = s.trimmingBoth { labelEdges.contains($0) }
            // list numbers
            if let f = s.first, NarrativeFigure.digit(f) != nil {
                let digits = s.prefix { NarrativeFigure.digit($0) != nil }
                let rest = s.dropFirst(digits.count)
                if rest.first == "年" && digits.count == 4 {
                    s = rest.dropFirst()
                    if s.hasUTF8Prefix("度") { s = s.dropFirst() }
                } else if digits.count <= 2 {
                    s = rest
                    if let p = s.first, ".．、".contains(p) { s = s.dropFirst() }
                }
            }
            if let f = s.unicodeScalars.first, (0x2460...0x2473).contains(f.value) { s = s.dropFirst() }
            if let f = s.first, openingBrackets.contains(f), let close = s.firstIndex(where: { closingBrackets.contains($0) }),
               s[s.index(after: s.startIndex)..<close].allSatisfy({ "一二三四五六七八九十".contains($0) || ($0.isASCII && $0.isNumber) }),
               s.distance(from: s.startIndex, to: close) <= 3, close > s.index(after: s.startIndex) {
                s = s[s.index(after: close)...]
            }
            for prefix in ["其中包含", "其中：", "其中:", "其中", "主要用于以下方面", "包括", "约"] where s.hasUTF8Prefix(prefix) {
                s = s.dropFirst(prefix.count)
            }
            if let r = s.firstUTF8Range(of: "共有") { s = s[r.upperBound...] }
            for suffix in ["为", "约", "共计", "达", "是"] where s.hasUTF8Suffix(suffix) && s.count > suffix.count {
                s = s.dropLast(suffix.count)
            }
            // `s` is a part of `before`: the same text exactly when it is the same part.
            changed = s.startIndex != before.startIndex || s.endIndex != before.endIndex
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
