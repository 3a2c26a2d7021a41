import FiscalModel
import Testing

/// `Marks` answers as `String.contains(Character)` does, for every scalar and for characters of
/// several scalars.
@Suite("marks")
struct MarksTests {
    /// The sets the readers use, and one with the marks that have canonical equivalents.
    static let sets = ["、，,。；;：: \u{3000}“”\"‘’", "“”\"‘’ \u{3000}", " \u{3000}、，,。；;：:", "“”\"‘’' \u{3000}\t", "(", ")",
                       "`´·\u{2002}\u{2003}〈〉;"]

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
            if set.contains(c) != expected { mismatches.append(v) }
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
}
