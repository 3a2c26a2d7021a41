import Testing
@testable import FiscalModel

/// `\u` escapes in JSON strings: surrogate pairs, lone surrogates and malformed digits.
struct JSONStringTests {
    func string(_ literal: String) throws -> String? {
        try JSON.parse("[\(literal)]").arrayValue?.first?.stringValue
    }

    @Test func aSurrogatePairIsOneCharacter() throws {
        #expect(try string(#""\uD83D\uDE00""#) == "\u{1F600}")
        #expect(try string(#""a\u00e9\u4E2D""#) == "aé中")
    }

    /// A high surrogate followed by anything but a low one (found by FuzzJSON on 2026-12-02:
    /// `\uDBBB\uDBBB` subtracted past zero and trapped). Each lone surrogate becomes U+FFFD and
    /// what follows it is read on its own.
    @Test(arguments: [
        (#""\uDBBB\uDBBB""#, "\u{FFFD}\u{FFFD}"),
        (#""\uD800\u0041""#, "\u{FFFD}A"),
        (#""\uD800x""#, "\u{FFFD}x"),
        (#""\uDC00""#, "\u{FFFD}"),
        (#""\uDBFF\uDFFF""#, "\u{10FFFF}"),
    ])
    func loneSurrogates(literal: String, expected: String) throws {
        #expect(try string(literal) == expected)
    }

    @Test(arguments: [#""\u+0FF""#, #""\u-0FF""#, #""\u12""#, #""\uD800\u+DC0""#])
    func fourHexDigitsExactly(literal: String) {
        #expect(throws: JSONSyntaxError.self) { try string(literal) }
    }
}
