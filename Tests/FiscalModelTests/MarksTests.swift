import Foundation
import FiscalModel
import TestSupport
import Testing

/// `Marks` answers as `String.contains(Character)` does, for every scalar and for characters of
/// several scalars.
@Suite("marks")
struct MarksTests {
    /// The sets the readers use, and one with the marks that have canonical equivalents.
    static let sets = ["、，,。；;：: \u{3000}“”\"‘’", "“”\"‘’ \u{3000}", " \u{3000}、，,。；;：:", "“”\"‘’' \u{3000}\t", "(", ")",
                       "`´·\u{2002}\u{2003}〈〉;", "-－−—–﹣", " \u{3000}“”\""]

    @Test("every Unicode scalar, as a character of its own", arguments: sets)
    func everyScalar(_ marks: String) {
        let set = Marks(marks)
        var mismatches: [UInt32] = []
        var members = 0
        for v in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(v) else { continue }
            let c = Character(scalar)
            let expected = marks.contains(c)
            if expected { members += 1 }
            if set.contains(c) != expected || set.contains(scalar: scalar) != expected { mismatches.append(v) }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(20).map { String($0, radix: 16) })")
        #expect(members >= marks.count)  // each mark, and its equivalents
    }

    @Test("a mark with a combining mark after it is no mark; neither are letters or CJK")
    func severalScalars() {
        let set = Marks("、，。；;")
        for c: Character in ["，\u{0301}", ";\u{0308}", "\u{037E}\u{0301}", "a", "万", "😀", "\r\n"] {
            #expect(set.contains(c) == "、，。；;".contains(c), "\(c.unicodeScalars.map { $0.value })")
        }
        #expect(set.contains("\u{037E}") && set.contains("，") && !set.contains("，\u{0301}"))
    }

    @Test("quick white space answers as isWhitespace does, for every scalar")
    func quickWhitespace() {
        var spaces = 0
        var mismatches: [UInt32] = []
        for v in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(v) else { continue }
            // Alone, and as the first scalar of a longer character.
            let c = Character(scalar), longer = (String(scalar) + "\u{301}").first!
            if scalar.isWhitespaceQuickly != scalar.properties.isWhitespace || c.isWhitespaceQuickly != c.isWhitespace
                || longer.isWhitespaceQuickly != longer.isWhitespace {
                mismatches.append(v)
            }
            if scalar.isWhitespaceQuickly { spaces += 1 }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10).map { String($0, radix: 16) })")
        #expect(spaces == 25)  // Unicode's White_Space property has 25 code points
    }

    @Test("a scalar that stands alone is a character of its own beside any other that does")
    func standaloneScalars() {
        // Neighbours of every class that stands alone: ASCII, tab, line feed, Latin-1, CJK,
        // punctuation, full-width forms.
        let neighbours: [Unicode.Scalar] = ["a", "1", "\t", "\n", "\u{A0}", "\u{2014}", "中", "\u{3000}", "\u{FF0C}", "\u{F98E}"]
        var alone = 0
        var joined: [String] = []
        for v in UInt32(0)...0x10FFFF {
            guard let s = Unicode.Scalar(v), s.standsAlone else { continue }
            alone += 1
            for t in neighbours + [s] {
                for (x, y) in [(t, s), (s, t)] {
                    var pair = ""
                    pair.unicodeScalars.append(x)
                    pair.unicodeScalars.append(y)
                    if pair.count != 2 { joined.append("U+\(String(x.value, radix: 16)) U+\(String(y.value, radix: 16))") }
                }
            }
        }
        #expect(joined.isEmpty, "\(joined.prefix(10))")
        // Each is its own canonical form (NFC), so comparing scalars is comparing characters.
        var unstable: [UInt32] = []
        for v in UInt32(0)...0x10FFFF {
            guard let s = Unicode.Scalar(v), s.standsAlone else { continue }
            if String(s).precomposedStringWithCanonicalMapping.unicodeScalars.map(\.value) != [v] { unstable.append(v) }
        }
        #expect(unstable.isEmpty, "\(unstable.prefix(10).map { String($0, radix: 16) })")
        #expect(alone > 28_000)
        // Marks that extend, CR (which joins LF) and Hangul jamo (which join each other) do not.
        for s: Unicode.Scalar in ["\u{301}", "\r", "\u{F98E}", "\u{302A}", "\u{FF9E}", "\u{1100}", "\u{200D}", "\u{1F1E8}"] {
            #expect(!s.standsAlone)
        }
        #expect("一般公共预算 2018 年，（万元）".scalarsAreCharacters && !"e\u{301}".scalarsAreCharacters)
    }
    @Test("removing marks by scalars leaves what filtering characters leaves")
    func removedAgreesWithFilter() {
        let set = Marks("“”\"‘’ \u{3000}、，;")
        let alphabet: [String] = ["“", "”", " ", "\u{3000}", "、", "，", ";", "\u{37E}", "支", "出", "a", "\u{301}", "\u{F98E}"]
        var g = SplitMix(seed: 20261207)
        var fast = 0
        for _ in 0..<5000 {
            let s = g.text(from: alphabet, maxPieces: 15)
            if s.scalarsAreCharacters { fast += 1 }
            #expect(set.removed(from: s) == String(s.filter { !set.contains($0) }), "\(s.unicodeScalars.map(\.value))")
            #expect(set.removed(from: s).utf8.elementsEqual(String(s.filter { !set.contains($0) }).utf8))
        }
        #expect(fast > 1000, "\(fast)")
        #expect(set.removed(from: "“三公”经费 ，") == "三公经费")
    }
    @Test("isScalar answers as == does, for every scalar, for the scalars the readers ask")
    func isScalarAgreesWithEquality() {
        let asked: [Unicode.Scalar] = [",", "，", ".", "．", " ", "\u{3000}", "万", "约", "为", "与", "比", "较", "同", "（", "("]
        var mismatches: [String] = []
        for v in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(v) else { continue }
            let c = Character(scalar), longer = (String(scalar) + "\u{301}").first!
            for s in asked where c.isScalar(s) != (c == Character(s)) || longer.isScalar(s) != (longer == Character(s)) {
                mismatches.append("U+\(String(v, radix: 16)) / \(s)")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
        // Where a twin exists, isScalar is not ==: the reason the readers keep == there.
        #expect(Character("\u{37E}") == ";" && !Character("\u{37E}").isScalar(";"))
    }
    @Test("white space removed by scalars is the white space filtering characters removes")
    func removingWhiteSpace() {
        let alphabet: [String] = [" ", "\u{3000}", "\t", "\n", "\u{A0}", "\u{2003}", "支", "出", "1", "\u{301}", "\u{600}", "\r\n"]
        var g = SplitMix(seed: 20261216)
        var fast = 0
        for _ in 0..<5000 {
            let s = g.text(from: alphabet, maxPieces: 15)
            if s.scalarsAreCharacters { fast += 1 }
            #expect(s.removingWhiteSpaceCharacters.utf8.elementsEqual(String(s.filter { !$0.isWhitespaceQuickly }).utf8), "\(s.unicodeScalars.map(\.value))")
        }
        #expect(fast > 500, "\(fast)")  // both walks are taken
    }
}
