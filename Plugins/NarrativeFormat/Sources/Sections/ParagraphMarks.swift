import FiscalFormat

/// Where one paragraph's sentence marks (`。`), clause marks (`。` `；`) and cue words are, found
/// in one pass each. Asking which sentence a figure is in, and whether the words before it say
/// something, then costs a binary search instead of a scan back to the paragraph's start: a line
/// of 1,600 figures without a `。` was quadratic that way (seconds on a 64 KB line).
struct ParagraphMarks {
    private let text: Substring
    private let sentenceMarks: [Substring.Index]
    private let clauseMarks: [Substring.Index]
    /// Each word given and where it occurs. A list, not a dictionary: hashing a CJK word
    /// normalises it, and a paragraph is asked of a dozen words; the lookup compares bytes.
    private let occurrences: [(word: String, ranges: [Range<Substring.Index>])]

    init(_ text: Substring, words: [String]) {
        self.text = text
        let sentences = text.utf8Ranges(of: "。").map(\.lowerBound)
        sentenceMarks = sentences
        clauseMarks = (sentences + text.utf8Ranges(of: "；").map(\.lowerBound)).sorted()
        occurrences = words.map { ($0, text.utf8Ranges(of: $0)) }
    }

    /// Where `word` occurs, if it was given to `init` (the same spelling, byte for byte).
    private func ranges(of word: String) -> [Range<Substring.Index>]? {
        occurrences.first { $0.word.utf8.count == word.utf8.count && $0.word.hasUTF8Prefix(word) }?.ranges
    }

    /// The start of the sentence holding `position`: just after the last `。` before it.
    func sentenceStart(before position: Substring.Index) -> Substring.Index { start(before: position, marks: sentenceMarks) }

    /// The start of the clause group holding `position`: just after the last `。` or `；` before it.
    func clauseStart(before position: Substring.Index) -> Substring.Index { start(before: position, marks: clauseMarks) }

    /// The first of `words` (in their order; each must have been given to `init`) that occurs
    /// wholly inside `range`.
    func firstWord(of words: [String], in range: Range<Substring.Index>) -> String? {
        words.first { word in
            guard let ranges = ranges(of: word) else { return false }
            let k = firstIndex(in: ranges.count) { ranges[$0].lowerBound >= range.lowerBound }
            return k < ranges.count && ranges[k].upperBound <= range.upperBound
        }
    }

    private func start(before position: Substring.Index, marks: [Substring.Index]) -> Substring.Index {
        let k = firstIndex(in: marks.count) { marks[$0] >= position }
        return k == 0 ? text.startIndex : text.index(after: marks[k - 1])
    }

    /// The first of `0..<count` for which `isAtOrAfter` holds (it holds for a suffix of them).
    private func firstIndex(in count: Int, where isAtOrAfter: (Int) -> Bool) -> Int {
        var low = 0, high = count
        while low < high {
            let mid = (low + high) / 2
            if isAtOrAfter(mid) { high = mid } else { low = mid + 1 }
        }
        return low
    }
}
