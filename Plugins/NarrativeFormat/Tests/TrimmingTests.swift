import FiscalModel
@testable import NarrativeFormat
import Testing

/// Trimming by scalars where each end stands alone trims what trimming by characters trims.
@Suite("trimming")
struct TrimmingTests {
    @Test("random lines, with marks that join the space or tab beside them")
    func agreesWithCharacters() {
        // U+0301 extends the space before it; U+0600 (a prepend) joins the character after it.
        let alphabet: [String] = [" ", " ", "\t", "\u{3000}", "一", "般", "2", "\u{301}", "\u{600}", "\r", "\n"]
        var state: UInt64 = 20261203
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        var trimmed = 0
        for _ in 0..<20000 {
            let line = Substring((0..<next(9)).map { _ in alphabet[next(alphabet.count)] }.joined())
            for set in [" \t\u{3000}", " \u{3000}"] {
                let fast = line.trimmingCharacters(set), slow = line.trimmingCharactersByCharacters(set)
                #expect(fast.startIndex == slow.startIndex && fast.endIndex == slow.endIndex, "\(line.unicodeScalars.map(\.value)) / \(set.debugDescription)")
                if fast.count < line.count { trimmed += 1 }
            }
        }
        #expect(trimmed > 5000, "\(trimmed)")
        #expect(("\u{3000} 一般\t " as Substring).trimmingCharacters(" \t\u{3000}") == "一般")
        #expect((" \u{301}一" as Substring).trimmingCharacters(" ") == " \u{301}一")  // the space is no space
    }
    @Test("part headings found after an indent skipped by bytes are those found by characters")
    func partHeadingsAfterIndent() {
        let alphabet: [String] = [" ", "\t", "\u{3000}", "\u{301}", "第", "三", "部分", "情况说明", "附表", "一"]
        var state: UInt64 = 20261209
        var opened = 0
        for _ in 0..<20000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            var line = ""
            for k in 0..<Int(state >> 61) + 1 { line += alphabet[Int((state >> UInt64(k * 4)) & 0xF) % alphabet.count] }
            let t = Substring(line).drop { $0 == " " || $0 == "\u{3000}" || $0 == "\t" }
            // The byte search of `部分` as the reader uses it (a word with a combining mark after it
            // is still the word); only the indent is skipped by characters here.
            let reference = t.hasUTF8Prefix("第") && t.firstUTF8Range(of: "部分").map { t.distance(from: t.startIndex, to: $0.lowerBound) <= 3 } == true
            #expect(TemplatePart.opensPart(Substring(line)) == reference, "\(line.unicodeScalars.map(\.value))")
            let title = t.firstUTF8Range(of: "部分").map { t[$0.upperBound...] } ?? ""
            #expect((TemplatePart(heading: Substring(line)) != nil) == (reference && ["概况", "情况说明", "名词解释", "附件", "附表"].contains { title.containsUTF8($0) }))
            if reference { opened += 1 }
        }
        #expect(opened > 200, "\(opened)")
    }
}
