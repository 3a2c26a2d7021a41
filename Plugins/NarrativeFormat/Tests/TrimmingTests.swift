import FiscalModel
@testable import NarrativeFormat
import TestSupport
import Testing

/// Trimming by scalars where each end stands alone trims what trimming by characters trims.
@Suite("trimming")
struct TrimmingTests {
    @Test("random lines, with marks that join the space or tab beside them")
    func agreesWithCharacters() {
        // U+0301 extends the space before it; U+0600 (a prepend) joins the character after it.
        let alphabet: [String] = [" ", " ", "\t", "\u{3000}", "一", "般", "2", "\u{301}", "\u{600}", "\r", "\n"]
        var g = SplitMix(seed: 20261203)
        var trimmed = 0
        for _ in 0..<20000 {
            let line = Substring(g.text(from: alphabet, maxPieces: 8))
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
        var g = SplitMix(seed: 20261209)
        var opened = 0
        for _ in 0..<20000 {
            let line = g.text(from: alphabet, maxPieces: 8)
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
    @Test("n characters back, by bytes, scalars or characters, lands where the Character walk lands")
    func charactersBack() {
        let alphabet: [String] = ["一", "般", "a", "1", " ", "。", "\u{301}", "\u{600}", "😀", "e"]
        var g = SplitMix(seed: 20261210)
        var checked = 0
        for _ in 0..<5000 {
            let line = g.text(from: alphabet, maxPieces: 63)
            let text = Substring(line)
            let indices = Array(text.indices) + [text.endIndex]
            let k = Int.random(in: 0..<indices.count, using: &g)
            let i = indices[k]
            let limit = indices[Int.random(in: 0...k, using: &g)]
            for n in [0, 1, 3, 7, 20] {
                let reference = text.index(i, offsetBy: -n, limitedBy: limit) ?? limit
                #expect(NarrativeReader.characters(back: n, from: i, limit: limit, in: text) == reference,
                        "\(line.unicodeScalars.map(\.value)) n=\(n)")
                checked += 1
            }
        }
        #expect(checked == 25000)
        // A sentence longer than the reach, of CJK only (the scalar walk) and with a combining
        // mark inside the reach (the Character walk).
        for line in [String(repeating: "一般", count: 150), String(repeating: "一般", count: 100) + "e\u{301}" + String(repeating: "一般", count: 100)] {
            let text = Substring(line)
            let expected = text.index(text.endIndex, offsetBy: -200)
            #expect(NarrativeReader.characters(back: 200, from: text.endIndex, limit: text.startIndex, in: text) == expected)
            #expect(text.distance(from: expected, to: text.endIndex) == 200)
        }
    }
    @Test("headings rejected by their first scalar are the headings the Character reading rejects")
    func headingsByFirstScalar() {
        func section(_ line: Substring) -> Substring? {
            let t = line.drop { $0 == " " || $0 == "\u{3000}" || $0 == "\t" }
            let n = t.prefix { Heading.numerals.contains($0) }
            guard !n.isEmpty, n.count <= 3, t.dropFirst(n.count).first == "、" else { return nil }
            return t.dropFirst(n.count + 1)
        }
        func subsection(_ line: Substring) -> Substring? {
            let t = line.drop { $0 == " " || $0 == "\u{3000}" || $0 == "\t" }
            guard t.first == "（" || t.first == "(" else { return nil }
            let body = t.dropFirst()
            let n = body.prefix { Heading.numerals.contains($0) || $0 == " " }
            guard !n.isEmpty, let close = body.dropFirst(n.count).first, close == "）" || close == ")" else { return nil }
            return body.dropFirst(n.count + 1)
        }
        // U+F9D1 is canonically 六: the Character reading takes it for a numeral.
        let alphabet: [String] = [" ", "\u{3000}", "\t", "一", "六", "\u{F9D1}", "、", "（", "(", "）", "收入", "\u{301}"]
        var g = SplitMix(seed: 20261211)
        var headings = 0
        for _ in 0..<20000 {
            let line = g.text(from: alphabet, maxPieces: 8)
            let l = Substring(line)
            #expect(Heading.section(l) == section(l), "\(line.unicodeScalars.map(\.value))")
            #expect(Heading.subsection(l) == subsection(l), "\(line.unicodeScalars.map(\.value))")
            if section(l) != nil || subsection(l) != nil { headings += 1 }
        }
        #expect(headings > 500, "\(headings)")
        #expect(Heading.section("\u{F9D1}、收入") == "收入")
    }
    @Test("standalone part titles, their trailing space trimmed by index, are those the byte slices found")
    func standaloneTitleTail() {
        // The definition before the trailing space was trimmed by index.
        func reference(_ line: Substring) -> TemplatePart? {
            var tail = line.utf8[...]
            while true {
                if let b = tail.last, b == 0x20 || b == 0x09 || b == 0x0D {
                    tail = tail.dropLast()
                } else if tail.count >= 3, tail.suffix(3).elementsEqual("\u{3000}".utf8) {
                    tail = tail.dropLast(3)
                } else {
                    break
                }
            }
            guard TemplatePart.standaloneTitles.contains(where: { tail.count >= $0.ending.utf8.count && tail.suffix($0.ending.utf8.count).elementsEqual($0.ending.utf8) })
            else { return nil }
            let t = line.removingWhiteSpaceCharacters
            guard (4...40).contains(t.count), Heading.section(line) == nil, Heading.subsection(line) == nil, !ListItem.starts(line),
                  !t.contains(where: { "，。：；,;:…、.．".contains($0) }),
                  let row = TemplatePart.standaloneTitles.first(where: { t.hasUTF8Suffix($0.ending) }) else { return nil }
            return row.part
        }
        let alphabet: [String] = [" ", "\t", "\r", "\u{3000}", "名词解释", "2026年", "预算编制说明", "主要职能", "一、", "，", "\u{301}", "局"]
        var g = SplitMix(seed: 20261217)
        var titles = 0
        for _ in 0..<20000 {
            let line = g.text(from: alphabet, maxPieces: 8)
            let l = Substring(line)
            #expect(TemplatePart(standaloneTitle: l) == reference(l), "\(line.unicodeScalars.map(\.value))")
            if reference(l) != nil { titles += 1 }
        }
        #expect(titles > 300, "\(titles)")
    }
}
