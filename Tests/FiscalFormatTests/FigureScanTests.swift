@testable import FiscalFormat
import TestSupport
import Testing

/// The figure scanner jumps to the next byte a digit can start with; stepping one `Character`
/// at a time finds the same figures, with the same ranges, on text full of digits, full-width
/// digits and punctuation, combining marks and a prefix scalar (U+0600) that joins the digit
/// after it into one character.
@Suite("figure scan")
struct FigureScanTests {
    static let alphabet: [String] = ["1", "2", "0", "１", "２", "，", "：", "（", "万元", "元", "%", "％", "-", "—", ".", "．", ",", " ",
                                     "年", "辆", "增长", "\u{0600}", "\u{0301}", "ａ", "A", "😀", "\u{FF0C}"]

    @Test("jumping by bytes finds what stepping by characters finds")
    func agreesWithCharacterSteps() {
        var g = SplitMix(seed: 20261204)
        var found = 0
        for _ in 0..<4000 {
            let text = (0..<Int.random(in: 0...30, using: &g)).map { _ in Self.alphabet.randomElement(using: &g)! }.joined()
            let cut = text.index(text.startIndex, offsetBy: Int.random(in: 0...text.count, using: &g))
            let sub = text[cut...]
            let jumped = NarrativeFigure.scan(sub, limit: .max, skippingByBytes: true)
            #expect(jumped == NarrativeFigure.scan(sub, limit: .max, skippingByBytes: false), "\(sub.unicodeScalars.map { $0.value })")
            found += jumped.count
        }
        #expect(found > 2000)  // figures, not only empty scans
        // A digit inside a character of several scalars is no figure either way.
        #expect(NarrativeFigure.scan("\u{0600}12万元"[...]).map(\.amount) == [2])
    }
}
