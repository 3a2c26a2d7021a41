import FiscalFormat
import Testing

@Suite("white space by scalar value")
struct WhiteSpaceTests {
    @Test("the same scalars as Unicode's White_Space property, over every scalar")
    func sameAsTheProperty() {
        for v in UInt32(0)...0x10FFFF {
            guard let u = Unicode.Scalar(v) else { continue }
            if WhiteSpace.contains(v) != u.properties.isWhitespace {
                Issue.record("U+\(String(v, radix: 16)): \(WhiteSpace.contains(v)) vs the property's \(u.properties.isWhitespace)")
            }
        }
    }

    @Test("removed: ASCII, ideographic and no-break spaces go, everything else stays in order")
    func removed() {
        #expect(WhiteSpace.removed(from: "部门： 上海市\u{3000}普陀区\u{A0}财政局\t单位：万元 ") == "部门：上海市普陀区财政局单位：万元")
        #expect(WhiteSpace.removed(from: "207 17,127.62") == "20717,127.62")
        #expect(WhiteSpace.removed(from: "") == "")
        #expect(WhiteSpace.removed(from: "e\u{301} 😀") == "e\u{301}😀")
    }
}
