/// Narrative text whose numbers a PDF extraction pushed out of their sentences, put back.
///
/// pdfplumber writes the digits of a Shanghai 情况说明 (set in another font) on a line of
/// their own after the words, leaving a gap where each stood:
///
///     本年收入合计 万元，其中：财政拨款收入 万元，占 ；其他
///     2946.25 2940.05 99.79%
///
/// ``rejoin(_:)`` fills the gaps in order with the numbers in order, so the shared
/// ``SentenceReader`` reads `本年收入合计2946.25万元，其中：财政拨款收入2940.05万元，占99.79%；其他`.
/// A gap is a run of spaces, or a line break, before a unit or a clause mark (`万元`, `%`,
/// `年`, `个`, `，`, `；`, `、`…); a number waits for the next gap when none is open (a
/// number may come after the following line of words). When a line of numbers brings fewer
/// numbers than gaps are open, the gaps no number needs are dropped first: before a word that
/// only begins like a unit (`人员`), or before a clause mark after words that call for no number. Lines of
/// quote marks only (`“ ”`,
/// pushed out the same way) are dropped. ``origin(of:)`` maps a range of the joined text
/// back to the line and columns it came from, so facts point at the number where it is.
public struct RejoinedText: Sendable {
    /// A run of the joined text and where it came from.
    struct Piece: Sendable {
        var text: String
        /// 1-based line number and 1-based column of the first character.
        var line: Int
        var column: Int
    }

    /// The joined text.
    public private(set) var text: String
    private var pieces: [Piece]
    /// Offsets (in UTF-8 bytes) where each piece starts in `text`, in order: a range's piece is
    /// found by binary search, in constant time per character (counting characters from the
    /// start for every figure was quadratic in a long text).
    private var starts: [Int]

    /// Characters a pushed-out number stood before.
    static let followers: Set<Character> = [
        "万", "亿", "元", "%", "％", "年", "月", "日", "个", "辆", "分", "台", "人", "批", "次", "项",
        "，", "。", "；", "、", "：", "）",
    ]

    /// Whether `line` holds only numbers (`2946.25 2940.05 99.79%`, `1`), possibly with quote
    /// marks pushed out beside them (`“ ” 0.95 0.00`, `0% 2024 “ ” “`).
    public static func isNumberLine(_ line: Substring) -> Bool {
        let tokens = line.split(whereSeparator: \.isWhitespaceQuickly)
        return tokens.contains(where: isNumberToken) && tokens.allSatisfy { isNumberToken($0) || isQuoteToken($0) }
    }

    static func isNumberToken(_ t: Substring) -> Bool {
        t.first!.isASCII && t.first!.isNumber && t.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "." || $0 == ",") || $0 == "%" }
    }

    static func isQuoteToken(_ t: Substring) -> Bool { t.allSatisfy { "“”\"‘’".contains($0) } }

    /// Whether a number can have been pushed out between `previous` and `next`, two segments
    /// of words: not when the number is written in place (`1560.05` `万元`) nor inside a unit
    /// (`…1511.89万` `元。`).
    static func gapPossible(after previous: String?, before next: Substring) -> Bool {
        guard let last = previous?.last else { return true }
        if last.isASCII && last.isNumber { return false }
        if (last == "万" || last == "亿") && next.first == "元" { return false }
        return true
    }

    static func isQuoteLine(_ line: Substring) -> Bool {
        let rest = line.removingWhiteSpaceCharacters
        return !rest.isEmpty && rest.allSatisfy { "“”\"‘’".contains($0) }
    }

    /// Words that begin with a unit character but are no unit (`…缴纳在职` / `人员住房购房补贴`):
    /// a line starting with one opens a gap only if the numbers leave nothing else for it.
    static let wordsLikeUnits = ["人员", "人民", "人数", "个别", "个人", "项目", "分别", "分配", "次年", "台账"]

    /// Whether the gap at `slots[index]` is one a number can do without: before a word that
    /// only begins like a unit (``wordsLikeUnits``), or before a clause mark rather than a unit,
    /// after words that do not call for a number (`占`, `为`, `的`, `达`, `计`).
    private static func isWeakGap(_ index: Int, _ slots: [Slot]) -> Bool {
        guard index + 1 < slots.count, case .words(let next) = slots[index + 1], let first = next.text.first else { return false }
        if wordsLikeUnits.contains(where: { next.text.hasUTF8Prefix($0) }) { return true }
        guard "，。；、：）".contains(first) else { return false }
        if index > 0, case .words(let previous) = slots[index - 1], let last = previous.text.last, "占为的达计".contains(last) {
            return false
        }
        return true
    }

    enum Slot { case words(Piece), gap(Piece?) }

    /// Joins `lines` (number, text) into one text with the pushed numbers put back.
    public static func rejoin(_ lines: [(number: Int, text: Substring)]) -> RejoinedText {
        var slots: [Slot] = []
        var openGaps: [Int] = []  // indices of unfilled gaps in `slots`, in order
        var waiting: [Piece] = []  // numbers with no gap yet
        func openGap() {
            if let number = waiting.first {
                waiting.removeFirst()
                slots.append(.gap(number))
            } else {
                openGaps.append(slots.count)
                slots.append(.gap(nil))
            }
        }
        var previousWasWords = false
        var lastWords: String?  // the last segment of words, for `gapPossible`
        for (number, text) in lines {
            if isQuoteLine(text) { continue }
            var segments: [(text: Substring, column: Int)] = []
            var column = 1
            var start: (String.Index, Int)?
            var i = text.startIndex
            while i < text.endIndex {
                if text[i].isWhitespaceQuickly {
                    if let s = start { segments.append((text[s.0..<i], s.1)); start = nil }
                } else if start == nil { start = (i, column) }
                i = text.index(after: i)
                column += 1
            }
            if let s = start { segments.append((text[s.0...], s.1)) }
            guard !segments.isEmpty else { continue }
            if isNumberLine(text) {
                let numbers = segments.filter { !isQuoteToken($0.text) }
                // Fewer numbers than gaps: a space before a clause mark (`保险费 。年初预算为`)
                // was no gap. Such weak gaps are dropped, earliest first.
                while numbers.count < openGaps.count, let weak = openGaps.firstIndex(where: { isWeakGap($0, slots) }) {
                    openGaps.remove(at: weak)
                }
                for s in numbers {
                    let piece = Piece(text: String(s.text), line: number, column: s.column)
                    if let gap = openGaps.first {
                        openGaps.removeFirst()
                        slots[gap] = .gap(piece)
                    } else {
                        waiting.append(piece)
                    }
                }
                continue
            }
            for (k, s) in segments.enumerated() {
                let startsWithFollower = s.text.first.map { followers.contains($0) } ?? false
                // A gap before this segment: spaces inside the line, or the line break.
                if startsWithFollower, k > 0 || previousWasWords, gapPossible(after: lastWords, before: s.text) { openGap() }
                slots.append(.words(Piece(text: String(s.text), line: number, column: s.column)))
                lastWords = String(s.text)
            }
            previousWasWords = true
        }
        var result = RejoinedText(text: "", pieces: [], starts: [])
        var offset = 0
        for slot in slots {
            let piece: Piece?
            switch slot {
            case .words(let p): piece = p
            case .gap(let p): piece = p
            }
            guard let piece else { continue }
            result.pieces.append(piece)
            result.starts.append(offset)
            result.text += piece.text
            offset += piece.text.utf8.count
        }
        return result
    }

    /// The line and 1-based columns `[start, end)` a range of ``text`` came from: those of
    /// the piece where it starts (a number's range lies in one piece).
    public func origin(of range: Range<String.Index>) -> (line: Int, columns: Range<Int>)? {
        let lower = text.utf8.distance(from: text.startIndex, to: range.lowerBound)
        // The last piece starting at or before `lower`.
        var lo = 0, hi = starts.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if starts[mid] <= lower { lo = mid + 1 } else { hi = mid }
        }
        guard lo > 0 else { return nil }
        let k = lo - 1
        let pieceStart = text.utf8.index(text.startIndex, offsetBy: starts[k])
        let column = pieces[k].column + text.distance(from: pieceStart, to: range.lowerBound)
        let length = text.distance(from: range.lowerBound, to: range.upperBound)
        return (pieces[k].line, column..<(column + length))
    }
}
