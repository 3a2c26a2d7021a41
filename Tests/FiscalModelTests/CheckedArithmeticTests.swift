import FiscalModel
import Testing

/// 10^n exactly (a Double literal such as 1e30 is not).
func tenTo(_ n: Int) -> Int128 { (0..<n).reduce(Int128(1)) { r, _ in r * 10 } }

/// Amounts never overflow silently: checked operations throw, comparisons never overflow,
/// ratios stay exact in lowest terms until printed (issue 11).
@Suite("Checked amount arithmetic and exact ratios")
struct CheckedArithmeticTests {
    let big = Amount(mantissa: Int128.max / 2)

    @Test("sums, differences and products that do not fit 38 digits throw")
    func overflowThrows() {
        #expect(throws: AmountOverflow.self) { try big.adding(big).adding(big) }
        #expect(throws: AmountOverflow.self) { try (-big).subtracting(big).subtracting(big) }
        #expect(throws: AmountOverflow.self) { try Amount(mantissa: 10_000_000_000_000_000_000).multiplied(by: Amount(mantissa: 100_000_000_000_000_000_000)) }
        // a rescale that would not fit: 10^30 written with 12 more digits
        #expect(throws: AmountOverflow.self) { try Amount(mantissa: tenTo(30)).adding(Amount(mantissa: 1, scale: 12)) }
        #expect((try? Amount(mantissa: 1014_73, scale: 2).adding(Amount(mantissa: 1, scale: 3))) == Amount(mantissa: 1014_731, scale: 3))
    }

    @Test("comparison of any two amounts is exact and never traps")
    func comparisonNeverOverflows() {
        let huge = Amount(mantissa: tenTo(37))             // 10^37
        let tiny = Amount(mantissa: 1, scale: 36)              // 10^-36
        #expect(tiny < huge)
        #expect(!(huge < tiny))
        #expect(huge != tiny)
        #expect(Amount(mantissa: 248, scale: 1) == Amount(mantissa: 2480, scale: 2))
        #expect(Amount(mantissa: -5, scale: 1) < Amount(mantissa: -4, scale: 36))
    }

    @Test("figures read from files are bounded to 20 digits before the point and 12 after")
    func modelBounds() {
        #expect(Amount(mantissa: tenTo(20) - 1).withinModelBounds)
        #expect(!Amount(mantissa: tenTo(20)).withinModelBounds)
        #expect(Amount(mantissa: 1, scale: 12).withinModelBounds)
        #expect(!Amount(mantissa: 1, scale: 13).withinModelBounds)
    }

    @Test("a million figures at the bound add up without overflow")
    func boundedSumsFit() throws {
        let largest = Amount(mantissa: tenTo(32) - 1, scale: 12)  // 20 digits . 12 digits
        #expect(largest.withinModelBounds)
        var total = Amount.zero
        for _ in 0..<1_000 { total = try total.adding(largest) }
        #expect(try total.multiplied(by: Amount(1_000)).isNegative == false)
    }

    @Test("ratios are kept in lowest terms, so chains stay exact")
    func ratiosReduce() throws {
        var r = try Ratio.exact(1, 3)
        for _ in 0..<20 { r = try r.divided(by: Ratio.exact(3, 1)) }
        #expect(r.denominator == Amount(mantissa: 10_460_353_203))  // 3^21
        // the sum of a third and two thirds is exactly one
        let one = try Ratio.exact(1, 3).adding(Ratio.exact(2, 3))
        #expect(one == Ratio(numerator: 1, denominator: 1))
        #expect(one.rounded(toDigits: 4) == Amount(mantissa: 10_000, scale: 4))
        // a sum of quotients by 10000 keeps a small denominator
        var s = try Ratio.exact(0, 1)
        for a in 1...1_000 { s = try s.adding(Ratio.exact(Amount(mantissa: Int128(a), scale: 2), 10_000)) }
        #expect(s.denominator.mantissa <= 1_000_000)
        #expect(s.rounded(toDigits: 6) == Amount(mantissa: 500_500, scale: 6))  // 5005.00 / 10000
    }

    @Test("a quotient that needs more than 38 digits throws")
    func ratioOverflow() {
        #expect(throws: AmountOverflow.self) {
            var r = try Ratio.exact(1, 3)
            for _ in 0..<90 { r = try r.divided(by: Ratio.exact(3, 1)) }
        }
    }

    @Test("rounding a huge ratio gives as many digits as fit, never a trap")
    func hugeRounding() throws {
        let r = try Ratio.exact(Amount(mantissa: tenTo(35)), 3)
        let rounded = try #require(r.rounded(toDigits: 4))
        #expect(rounded.mantissa > 0)
        #expect(r.percent(digits: 2) != nil)
    }

    @Test("machine output is exact where the decimal ends")
    func decimals() throws {
        #expect(try Ratio.exact(1, 8).decimal() == Amount(mantissa: 125, scale: 3))
        #expect(try Ratio.exact(1, 3).decimal()?.description == "0.333333333333333333")
        #expect(try Ratio.exact(70_225, 100_000).percentDecimal()?.description == "70.225")
    }
}

@Suite("JSON numbers: exact, with a bounded exponent")
struct JSONNumberTests {
    func amount(_ text: String) -> Amount? {
        (try? JSON.parse("[\(text)]"))?.arrayValue?.first?.amountValue
    }

    @Test("exponents are applied exactly", arguments: [("1.5e2", "150"), ("1e-3", "0.001"), ("-2.5E+1", "-25"), ("865.22", "865.22"), ("0", "0")])
    func exact(text: String, printed: String) throws {
        #expect(try #require(amount(text)).description == printed)
    }

    @Test("an exponent beyond what an amount holds is no amount, not a crash", arguments: ["1e-37", "1e40", "1e99999999999999999999", "1e-99999999999999999999"])
    func outOfRange(text: String) {
        #expect(amount(text) == nil)
    }

    @Test("a key written twice in one object is an error naming where")
    func duplicateKey() {
        #expect(throws: JSONSyntaxError.self) { try JSON.parse(#"{"a":1,"a":2}"#) }
        #expect((try? JSON.parse(#"{"a":{"b":1},"b":2}"#)) != nil)
    }
}
