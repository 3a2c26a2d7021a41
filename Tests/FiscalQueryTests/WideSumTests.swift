import FiscalModel
@testable import FiscalQuery
import Testing

/// Sums of quotients whose common denominator outgrows 38 digits (issue 11: `avg(amount / line)`
/// reported an overflow): added up exactly in whole numbers of any size, rounded only at the end.
@Suite struct WideSumTests {
    /// 1 万元 on each of lines 1…n: `amount / line` is 1/k, and its sum the harmonic number H(n).
    static func context(lines n: Int) -> QueryContext {
        let facts = (1...n).map { k in
            Fixture.fact(2020, .threePublic, "x\(k)", nil, "1", line: k)
        }
        return QueryContext(reports: [Report(entity: "县委办", year: 2020, phase: .final, unit: .wanYuan, source: "t.csv", facts: facts)])
    }

    static func run(_ query: String, lines n: Int) throws(QueryError) -> ResultTable {
        var c = context(lines: n)
        return try QueryEngine.run(query, in: &c)
    }

    @Test func harmonicSumIsExactThenRounded() throws {
        // H(100) = 14466636279520351160221518043104131447711 / 2788815009188499086581352357412492142272
        // (a 40-digit denominator; Python's fractions.Fraction): 5.187377517639620261 to 18 places,
        // and the average H(100)/100 = 0.051873775176396203.
        let t = try Self.run("facts | agg s = sum(amount / line), a = avg(amount / line)", lines: 100)
        #expect(t.rows[0][0] == .ratio(try Ratio.exact(Amount(mantissa: 5_187377517639620261, scale: 18), 1)))
        #expect(t.rows[0][1] == .ratio(try Ratio.exact(Amount(mantissa: 51873775176396203, scale: 18), 1)))
        #expect(t.notes.contains("the sum of `amount / line` was added up exactly, but as a fraction its denominator has 40 digits: it is kept rounded half away from zero to 18 decimal places"))
        #expect(t.notes.contains { $0.hasPrefix("the avg of `amount / line` was added up exactly") })
    }

    @Test func aSumThatFitsStaysExactAndSaysNothing() throws {
        // H(20) = 55835135 / 15519504: within 38 digits, exact, no note.
        let t = try Self.run("facts | agg s = sum(amount / line)", lines: 20)
        #expect(t.rows[0][0] == .ratio(Ratio(numerator: 55835135, denominator: 15519504)))
        #expect(!t.notes.contains { $0.contains("added up exactly") })
    }

    @Test func wideSumThatComesBackWithinBoundsIsExact() {
        // Terms whose running denominator outgrows Int128 but whose total reduces: 1/p + (p-1)/p = 1.
        let p = Amount(mantissa: 170_141_183_460_469_231_731_687_303_715_884_105_727)  // 2^127 - 1, prime
        var w = WideRatio(Ratio(numerator: 1, denominator: p))
        w.add(Ratio(numerator: Amount(mantissa: p.mantissa - 1), denominator: p))
        let v = w.value()
        #expect(v?.ratio == Ratio(numerator: 1, denominator: 1) && v?.roundedTo == nil)
    }

    @Test func groupsKeepTheirOwnSums() throws {
        // Lines 1…50 sum to H(50) = 13943237577224054960759 / 3099044504245996706400: it fits, exact.
        // Lines 51…100: a 41-digit denominator, 0.688172179310195203 to 18 places (Python's Fraction).
        let t = try Self.run("facts | derive high = line > 50 | group high | agg s = sum(amount / line)", lines: 100)
        #expect(t.rows.count == 2)
        let low = t.rows.first { $0[0] == .bool(false) }?[1], high = t.rows.first { $0[0] == .bool(true) }?[1]
        #expect(low == .ratio(Ratio(numerator: Amount(mantissa: 13943237577224054960759), denominator: Amount(mantissa: 3099044504245996706400))))
        #expect(high == .ratio(try Ratio.exact(Amount(mantissa: 688172179310195203, scale: 18), 1)))
        #expect(t.notes.contains { $0.contains("its denominator has 41 digits") })
    }
}
