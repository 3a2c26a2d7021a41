import FiscalModel
import TestSupport
import Testing

/// A document's digest is the same however its bytes are cut into pieces (a file read in
/// blocks or whole), and tells apart texts that differ anywhere, by length too.
@Suite struct DocumentDigestTests {
    static func digest(_ bytes: [UInt8], cuts: [Int]) -> UInt64 {
        var d = DocumentDigest()
        var start = 0
        for cut in cuts.sorted() + [bytes.count] where cut >= start {
            bytes[start..<cut].withUnsafeBufferPointer { d.add($0) }
            start = cut
        }
        return d.value
    }

    @Test func piecesOfAnySizeGiveTheWholeDigest() {
        var rng = SplitMix(seed: 3)
        for length in [0, 1, 7, 8, 9, 15, 16, 17, 100, 1000] {
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            let whole = ReportDocument.digest(of: bytes)
            for _ in 0..<20 {
                let cuts = (0..<Int(rng.next() % 6)).map { _ in length == 0 ? 0 : Int(rng.next() % UInt64(length + 1)) }
                #expect(Self.digest(bytes, cuts: cuts) == whole, "length \(length), cuts \(cuts)")
            }
        }
    }

    @Test func differentTextsHaveDifferentDigests() {
        let text = Array("一般公共预算财政拨款支出1014.73万元\n".utf8)
        var seen: Set<UInt64> = [ReportDocument.digest(of: text)]
        // One byte changed anywhere, a zero byte added or taken away, the empty text.
        for i in text.indices {
            var other = text
            other[i] ^= 1
            #expect(seen.insert(ReportDocument.digest(of: other)).inserted, "byte \(i)")
        }
        for other in [text + [0], Array(text.dropLast()), [], [0], [0, 0]] {
            #expect(seen.insert(ReportDocument.digest(of: other)).inserted, "\(other.count) bytes")
        }
    }
}
