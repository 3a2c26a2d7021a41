import FiscalFormat
@testable import FiscalModel
import TestSupport
import Testing

/// The byte search the readers use finds what the `Character` search finds, in text without
/// combining marks (the text readers search: CJK words, ASCII and full-width punctuation).
@Suite("UTF-8 search")
struct UTF8SearchTests {
    static let alphabet: [Character] = ["万", "元", "亿", "年", "比", "上", "增", "加", "。", "；", "1", "2", ".", " ", "a", "\u{3000}", "（", "）", "é", "😀"]

    @Test func agreesWithTheCharacterSearchOnRandomText() {
        var g = SplitMix(seed: 20261202)
        for _ in 0..<2000 {
            let text = String((0..<Int.random(in: 0...40, using: &g)).map { _ in Self.alphabet.randomElement(using: &g)! })
            let word = String((0..<Int.random(in: 1...3, using: &g)).map { _ in Self.alphabet.randomElement(using: &g)! })
            // On a Substring that starts inside the text, as the readers search the rest of a line.
            let cut = text.index(text.startIndex, offsetBy: Int.random(in: 0...text.count, using: &g))
            let sub = text[cut...]
            #expect(sub.utf8Ranges(of: word) == sub.ranges(of: word), "\(text) / \(word)")
            #expect(sub.firstUTF8Range(of: word) == sub.firstRange(of: word), "\(text) / \(word)")
            #expect(sub.lastUTF8Range(of: word) == sub.ranges(of: word).last, "\(text) / \(word)")
            #expect(sub.containsUTF8(word) == sub.contains(word), "\(text) / \(word)")
            if let from = sub.indices.randomElement(using: &g) {
                #expect(sub.firstUTF8Range(of: word, from: from) == sub[from...].firstRange(of: word), "\(text) / \(word) from \(from)")
            }
        }
    }

    @Test func edges() {
        let s: Substring = "万元比上年增加12万元"
        #expect(s.utf8Ranges(of: "万元").map { s.distance(from: s.startIndex, to: $0.lowerBound) } == [0, 9])
        #expect(s.firstUTF8Range(of: "") == nil)
        #expect(s.firstUTF8Range(of: "万元比上年增加12万元。") == nil)  // longer than the text
        #expect(s.lastUTF8Range(of: "万元").map { s.distance(from: s.startIndex, to: $0.lowerBound) } == 9)
        #expect(s.firstUTF8Range(of: "万元", from: s.endIndex) == nil)
        // `元` is the last byte's character of `万元` and of `亿元`: the bytes before must match too.
        #expect(!"亿元".containsUTF8("万元"))
        #expect(("a" as Substring).utf8Ranges(of: "aa").isEmpty)
        #expect(("aaa" as Substring).utf8Ranges(of: "aa").count == 1)  // not overlapping
    }
    @Test("byte prefixes and suffixes agree with the Character comparison, on contiguous text and not")
    func affixesAgreeWithTheCharacterComparison() {
        var g = SplitMix(seed: 20261203)
        var hits = 0
        for _ in 0..<3000 {
            let text = String((0..<Int.random(in: 0...12, using: &g)).map { _ in Self.alphabet.randomElement(using: &g)! })
            let word = String((0..<Int.random(in: 0...3, using: &g)).map { _ in Self.alphabet.randomElement(using: &g)! })
            let cut = text.index(text.startIndex, offsetBy: Int.random(in: 0...text.count, using: &g))
            let sub = text[cut...]
            #expect(sub.hasUTF8Prefix(word) == sub.hasPrefix(word), "\(sub) / \(word)")
            #expect(sub.hasUTF8Suffix(word) == sub.hasSuffix(word), "\(sub) / \(word)")
            #expect(text.hasUTF8Prefix(word[...]) == text.hasPrefix(word), "\(text) / \(word)")
            // Bytes not stored contiguously take the byte-by-byte comparison.
            let scattered = AnyCollection(Array(sub.utf8))
            #expect(UTF8Affix.compare(scattered, word.utf8, atEnd: false) == sub.hasPrefix(word), "\(sub) / \(word)")
            #expect(UTF8Affix.compare(scattered, word.utf8, atEnd: true) == sub.hasSuffix(word), "\(sub) / \(word)")
            if !word.isEmpty && sub.hasPrefix(word) { hits += 1 }
        }
        #expect(hits > 20, "\(hits)")  // matches occur, so agreement on them says something
        let s: Substring = "一般公共预算财政拨款收入万元"
        #expect(s.hasUTF8Suffix("万元") && s.droppingUTF8(last: "万元".utf8.count) == "一般公共预算财政拨款收入")
        #expect(s.hasUTF8Prefix("一般") && s.droppingUTF8(first: "一般".utf8.count) == "公共预算财政拨款收入万元")
        // `元` ends `万元` and `亿元`: the whole word's bytes must match.
        #expect(!s.hasUTF8Suffix("亿元") && !("亿元" as Substring).hasUTF8Suffix("万元"))
    }
}
