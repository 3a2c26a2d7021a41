import FiscalModel

/// A number written in a line of narrative text, with the unit written after it.
///
/// Found by ``NarrativeFigure/scan(_:)``: `1320.41万元`, `70.22%`, `2辆`, `95批次`, `１，０１４．７３万元`;
/// `0.39万（含…）`, a `万` without `元` before a clause mark or parenthesis, is 万元.
/// Ranges are indices of the scanned substring, so a caller turns them into spans with
/// `SourceText.span(line:range:)`.
public struct NarrativeFigure: Sendable, Hashable {
    /// What the number measures.
    public enum Unit: Sendable, Hashable {
        /// Money: 元, 万元, 亿元.
        case money(MoneyUnit)
        /// Things counted: 辆, 人, 人次, 批次, 次, 个, 台（套）.
        case count(String)
        /// A percentage (`%` or `％`).
        case percent
        /// Part of a date (年, 月, 日): not a figure.
        case date
        /// No unit fiscal knows (a list number, `300平米`).
        case none
    }

    /// The value as written (full-width digits and separators read as ASCII).
    public var amount: Amount
    public var unit: Unit
    /// The digits of the number itself.
    public var range: Range<Substring.Index>
    /// The number and its unit.
    public var fullRange: Range<Substring.Index>
    /// Whether the number is a bound rather than a value (`单价50万元以上`, `单价100万元（含）以上`).
    public var isThreshold: Bool

    /// Whether the figure states a value a report would hold as a fact (money or a count).
    public var isValue: Bool {
        switch unit {
        case .money, .count: !isThreshold
        default: false
        }
    }

    /// The fact unit of a money or count figure.
    public var factUnit: FactUnit? {
        switch unit {
        case .money(let u): .money(u)
        case .count(let name): .count(name)
        default: nil
        }
    }

    /// Units recognised after a number, longest first.
    ///
    /// Template knowledge, extended by a province's wording: money units; the measure words of
    /// a count (`5辆`, `3项`, `2家`), which are never money and never the change of a money
    /// figure; and units that measure neither (`个百分点`, `平方米`, `倍`), which make no figure.
    static let units: [(String, Unit)] = [
        ("万元", .money(.wanYuan)), ("亿元", .money(.yiYuan)), ("元", .money(.yuan)),
        ("%", .percent), ("％", .percent),
        ("个百分点", .none), ("百分点", .none), ("平方米", .none), ("平米", .none), ("倍", .none),
        ("台（套）", .count("台（套）")), ("台(套)", .count("台（套）")),
        ("人次", .count("人次")), ("批次", .count("批次")), ("辆", .count("辆")), ("人", .count("人")),
        ("次", .count("次")), ("个", .count("个")), ("台", .count("台")), ("套", .count("套")),
        ("项", .count("项")), ("家", .count("家")), ("所", .count("所")), ("名", .count("名")),
        ("批", .count("批")), ("件", .count("件")),
        ("年", .date), ("月", .date), ("日", .date),
    ]

    /// ``units`` by the first scalar of their spelling, in their order: a spelling matches only
    /// where the text's next scalar is its first, so most figures try one or two.
    static let unitsByFirstScalar: [UInt32: [(String, Unit)]] = Dictionary(grouping: units) { $0.0.unicodeScalars.first!.value }

    /// Every number in `text`, in order, with its unit. Spaces between a number and its unit
    /// are allowed (PDF extraction writes `1,234.56 万元`); `，` separates thousands only between
    /// full-width digits (`１，０１４．７３`).
    public static func scan(_ text: Substring, limit: Int = .max) -> [NarrativeFigure] {
        scan(text, limit: limit, skippingByBytes: true)
    }

    /// ``scan(_:limit:)``; `skippingByBytes` false steps over the text one `Character` at a
    /// time instead of jumping to the next byte a digit can start with (the tests compare the two).
    static func scan(_ text: Substring, limit: Int, skippingByBytes: Bool) -> [NarrativeFigure] {
        var figures: [NarrativeFigure] = []
        var i = text.startIndex
        while i < text.endIndex && figures.count < limit {
            guard digit(text[i]) != nil else {
                i = text.index(after: i)
                if skippingByBytes { i = nextDigitStart(in: text, from: i) }
                continue
            }
            if i > text.startIndex {
                let p = text[text.index(before: i)]
                if p.isScalar(".") || p.isScalar("．") || p.isLetter && p.isASCII { // part of "v1.2", "A3"
                    i = skipDigits(text, from: i)
                    continue
                }
            }
            let start = i
            var digits = ""
            var j = i
            while j < text.endIndex, let d = digit(text[j]) { digits.append(d); j = text.index(after: j) }
            // Thousands groups: ",ddd" not followed by another digit; "，" only inside a
            // number written in full-width digits (in ASCII text it ends a clause).
            let fullWidth = text[start].unicodeScalars.first!.value >= 0xFF10
            while j < text.endIndex, text[j].isScalar(",") || (fullWidth && text[j].isScalar("，")) {
                var k = text.index(after: j)
                var group = ""
                while k < text.endIndex, let d = digit(text[k]), group.count < 4 { group.append(d); k = text.index(after: k) }
                guard group.count == 3 else { break }
                digits += group
                j = k
            }
            if j < text.endIndex, text[j].isScalar(".") || text[j].isScalar("．") {
                let k = text.index(after: j)
                if k < text.endIndex, digit(text[k]) != nil {
                    digits.append(".")
                    j = k
                    while j < text.endIndex, let d = digit(text[j]) { digits.append(d); j = text.index(after: j) }
                }
            }
            let numberEnd = j
            guard var amount = Amount(digits) else { i = numberEnd; continue }
            // A minus sign written before the number (`为-372.14万元`, `—12万元`, `－１２万元`) is
            // part of it, unless it joins two numbers (`2019-2020年`, `1—3月`).
            var numberStart = start
            if let sign = minusSign(before: start, in: text) {
                amount = -amount
                numberStart = sign
            }
            var u = numberEnd
            while u < text.endIndex, text[u].isScalar(" ") || text[u].isScalar("\u{3000}") { u = text.index(after: u) }
            var unit = Unit.none
            var end = numberEnd
            let after = text[u...]
            for (spelling, kind) in after.unicodeScalars.first.flatMap({ unitsByFirstScalar[$0.value] }) ?? [] where after.hasUTF8Prefix(spelling) {
                unit = kind
                end = text.index(u, offsetBy: spelling.count)
                break
            }
            if case .none = unit, u < text.endIndex, text[u].isScalar("万"), isMoneyEnd(text[text.index(after: u)...]) {
                unit = .money(.wanYuan)  // `国内公务接待支出0.39万（含外宾接待支出0.00万元）`
                end = text.index(after: u)
            }
            let rest = text[end...].drop(while: { $0.isScalar(" ") })
            let threshold = thresholdWords.contains { rest.hasUTF8Prefix($0) }
            figures.append(NarrativeFigure(amount: amount, unit: unit, range: numberStart..<numberEnd,
                                           fullRange: numberStart..<end, isThreshold: threshold))
            i = end
        }
        return figures
    }

    /// The characters reports use as a minus sign: ASCII and full-width hyphen-minus, the
    /// minus sign, and the dashes PDF extraction and typists put in their place.
    static let minusSigns = Marks("-－−—–﹣")

    /// Words after a figure that make it a threshold (`50万元以上`), not an amount.
    static let thresholdWords = ["以上", "以下", "以内", "（含）以上", "(含)以上", "（含）以下", "(含)以下"]

    /// The index of a minus sign just before `start`, when it is a sign rather than a dash
    /// between two numbers or words (`2019-2020`, `A-3`).
    static func minusSign(before start: Substring.Index, in text: Substring) -> Substring.Index? {
        guard start > text.startIndex else { return nil }
        let s = text.index(before: start)
        guard minusSigns.contains(text[s]) else { return nil }
        if s > text.startIndex {
            let p = text[text.index(before: s)]
            if digit(p) != nil || (p.isASCII && p.isLetter) || minusSigns.contains(p) || p.isScalar(".") || p.isScalar("．") { return nil }
        }
        return s
    }

    /// Whether a `万` written without `元` ends there: before a clause mark, a parenthesis or
    /// the end of the text, not before another unit (`万人次`).
    static func isMoneyEnd(_ rest: Substring) -> Bool {
        guard let next = rest.first else { return true }
        return "（(，,。；;、：:）)".contains(next)
    }

    private static func skipDigits(_ text: Substring, from i: Substring.Index) -> Substring.Index {
        var j = i
        while j < text.endIndex, digit(text[j]) != nil || text[j].isScalar(".") { j = text.index(after: j) }
        return j
    }

    /// The first place at or after `i` (a character boundary) where a character can start that
    /// is a digit: an ASCII digit, or a full-width one (U+FF10–FF19, bytes EF BC 90–99), with a
    /// grapheme break before it. Before a digit, only the scalar just before decides the break
    /// (a prefix such as U+0600 joins the digit after it into one character, which is no digit),
    /// so after a non-ASCII scalar the two are asked how many characters they make.
    static func nextDigitStart(in text: Substring, from i: Substring.Index) -> Substring.Index {
        let bytes = text.utf8
        var j = i
        while j < bytes.endIndex {
            let b = bytes[j]
            var width = 0
            if b >= 0x30 && b <= 0x39 {
                width = 1
            } else if b == 0xEF {
                let k = bytes.index(after: j)
                if k < bytes.endIndex, bytes[k] == 0xBC {
                    let l = bytes.index(after: k)
                    if l < bytes.endIndex, (0x90...0x99).contains(bytes[l]) { width = 3 }
                }
            }
            if width > 0 {
                guard j > text.startIndex else { return j }
                let scalars = text.unicodeScalars
                let before = scalars.index(before: j)
                let after = bytes.index(j, offsetBy: width)
                if scalars[before].isASCII || text[before..<after].count == 2 { return j }
                j = after
                continue
            }
            bytes.formIndex(after: &j)
        }
        return bytes.endIndex
    }

    /// The ASCII digit a character stands for (full-width digits included).
    static func digit(_ c: Character) -> Character? {
        guard let s = c.unicodeScalars.first, c.unicodeScalars.count == 1 else { return nil }
        switch s.value {
        case 0x30...0x39: return c
        case 0xFF10...0xFF19: return Character(Unicode.Scalar(s.value - 0xFF10 + 0x30)!)
        default: return nil
        }
    }
}
