import TestSupport
import Testing
@testable import FiscalQuery

/// Random and mutated queries must produce a result or a QueryError with a span inside the
/// text, never a crash.
@Suite struct FuzzTests {
    static let pieces = ["facts", "|", "where", "group", "sum", "amount", "year", "=", "2020", "\"一般\"", "“接待”", "(",
                         ")", "[", "]", ",", "drill", "201", "depth", "2", "compare", "phase", "top", "by", "share",
                         "select", "derive", "x", "/", "0", "-", "~", "in", "under", "not", "and", "or", "agg", "count()",
                         "类", "款", "let", "sort", "desc", "limit", "avg(amount)", "`", "'", "！", "１", "Δ%", "null", "\\"]

    @Test func randomTokenSoup() {
        var rng = SplitMix(seed: 42)
        var context = Fixture.context
        for _ in 0..<3000 {
            let n = Int(rng.next() % 10) + 1
            let text = (0..<n).map { _ in Self.pieces[Int(rng.next() % UInt64(Self.pieces.count))] }.joined(separator: " ")
            check(text, &context)
        }
    }

    @Test func randomCharacters() {
        var rng = SplitMix(seed: 7)
        let alphabet = Array("facts|wher =\"“”()[]0123456789.-+*/~类款项年度，｜`'\\\n\t\u{0}é😀")
        var context = Fixture.context
        for _ in 0..<3000 {
            let n = Int(rng.next() % 30)
            let text = String((0..<n).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] })
            check(text, &context)
        }
    }

    func check(_ text: String, _ context: inout QueryContext) {
        do {
            _ = try QueryEngine.run(text, in: &context)
        } catch {
            if let span = error.span {
                #expect(span.lowerBound >= 0 && span.upperBound <= text.count + 1, "span \(span) outside \(text)")
            }
            #expect(!error.message.isEmpty)
        }
    }
}
