@testable import FiscalModel
import TestSupport
import Testing

@Suite("Amount: exact decimal money")
struct AmountTests {
    @Test("parses the ways reports write figures", arguments: [
        ("1014.73", "1014.73", nil),
        ("1,014.73", "1014.73", nil),
        ("1014.73万元", "1014.73", MoneyUnit.wanYuan),
        ("47,483,458元", "47483458", MoneyUnit.yuan),
        ("0.00", "0.00", nil),
        ("-2.99", "-2.99", nil),
        ("１０１４．７３", "1014.73", nil),
        ("１，０１４．７３万元", "1014.73", MoneyUnit.wanYuan),
        ("－2.99", "-2.99", nil),
        (" 24.8 ", "24.8", nil),
        ("3亿元", "3", MoneyUnit.yiYuan),
    ] as [(String, String, MoneyUnit?)])
    func parses(input: String, printed: String, unit: MoneyUnit?) throws {
        let parsed = try #require(Amount.parse(input))
        #expect(parsed.amount.description == printed)
        #expect(parsed.unit == unit)
    }

    @Test("rejects what is not a figure", arguments: [
        "", "万元", "1,01", "12,3456", "1.2.3", "1.", ".", "abc", "1 014", "--1", "1e5", "12345678901234567890123456789012",
    ])
    func rejects(input: String) {
        #expect(Amount.parse(input) == nil)
    }

    @Test("plain digits read from their bytes read as the general reading reads them")
    func plainReadingAgrees() {
        var g = SplitMix(seed: 20261203)
        let alphabet = ["0", "1", "9", ".", ".", ",", " ", "-", "万", "元", "５"]
        var read = 0
        for _ in 0..<20000 {
            // One in ten long, of one digit: past the 30 digits a plain figure may have.
            let text = Int.random(in: 0..<10, using: &g) == 0 ? g.text(from: ["7"], maxPieces: 40) : g.text(from: alphabet, maxPieces: 8)
            let general = Amount.parseGeneral(text)
            let parsed = Amount.parse(text)
            #expect(parsed?.amount.mantissa == general?.amount.mantissa && parsed?.amount.scale == general?.amount.scale
                    && parsed?.unit == general?.unit, "\(text.debugDescription)")
            if parsed != nil { read += 1 }
        }
        #expect(read > 2000, "\(read)")
        #expect(Amount.parse(".5")?.amount.scale == 1 && Amount.parse("5.")?.amount == nil && Amount.parse("0012.30")?.amount.scale == 2)
    }

    @Test("0.1 + 0.2 is 0.3")
    func noFloatingPoint() {
        #expect(Amount("0.1")! + Amount("0.2")! == Amount("0.3")!)
        #expect((Amount("0.1")! + Amount("0.2")!).description == "0.3")
    }

    @Test("keeps the scale it was written with, compares by value")
    func scale() {
        #expect(Amount("24.8")!.description == "24.8")
        #expect(Amount("24.80")!.description == "24.80")
        #expect(Amount("24.8")! == Amount("24.80")!)
        #expect(Set([Amount("24.8")!, Amount("24.80")!]).count == 1)
        #expect(Amount("1014.73")!.description == "1014.73")
        #expect(Amount("865.22")! < Amount("865.23")!)
        #expect(Amount("-2.99")! < Amount.zero)
    }

    @Test("sums the seed's six 项 of 20131 exactly")
    func sums() {
        let parts = ["372.14", "24.8", "6.35", "255.57", "40.09", "166.28"].map { Amount($0)! }
        #expect(Amount.sum(parts).description == "865.23")
        #expect((Amount("7.54")! - Amount("10.53")!).description == "-2.99")
        #expect((Amount("1.5")! * Amount("3")!).description == "4.5")
    }

    @Test("normalises 元 and 万元 without loss")
    func units() {
        let yuan = Amount("47483458")!
        let wan = yuan.converted(from: .yuan, to: .wanYuan)
        #expect(wan.description == "4748.3458")
        #expect(wan.converted(from: .wanYuan, to: .yuan).description == "47483458")
        #expect(Amount("1014.73")!.converted(from: .wanYuan, to: .yuan).description == "10147300")
        #expect(Amount("1")!.converted(from: .yiYuan, to: .wanYuan).description == "10000")
    }

    @Test("ratios are exact and round half up only when printed")
    func ratios() throws {
        let share = Amount("927.15")! / Amount("1320.41")!
        #expect(share.percent(digits: 2)?.description == "70.22")
        #expect((Amount("1")! / Amount("3")!).rounded(toDigits: 4)?.description == "0.3333")
        #expect((Amount("2")! / Amount("3")!).rounded(toDigits: 2)?.description == "0.67")
        #expect((Amount("1")! / Amount("8")!).rounded(toDigits: 2)?.description == "0.13")  // 0.125 → half up
        #expect((Amount("-1")! / Amount("8")!).rounded(toDigits: 2)?.description == "-0.13")
        #expect((Amount("433.95")! / Amount("1754.36")!).percent(digits: 2)?.description == "24.74")
        #expect((Amount("1")! / Amount.zero).rounded(toDigits: 2) == nil)
        #expect(Amount("1")! / Amount("3")! == Amount("2")! / Amount("6")!)
        #expect(Amount("1")! / Amount("3")! < Amount("1")! / Amount("2")!)
    }

    @Test("rounds half away from zero", arguments: [
        ("2.345", 2, "2.35"), ("2.344", 2, "2.34"), ("-2.345", 2, "-2.35"), ("0.5", 0, "1"), ("7", 2, "7.00"),
    ])
    func rounding(input: String, digits: Int, expected: String) {
        #expect(Amount(input)!.rounded(toDigits: digits).description == expected)
    }

    @Test("prints with thousands separators on request")
    func grouping() {
        #expect(Amount("47483458.5")!.groupedDescription == "47,483,458.5")
        #expect(Amount("-1511.90")!.groupedDescription == "-1,511.90")
        #expect(Amount("999")!.groupedDescription == "999")
    }

    @Test("a property: parse(description) is the identity on random amounts")
    func roundTrip() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let mantissa = Int128(Int64.random(in: -999_999_999_999...999_999_999_999, using: &generator))
            let a = Amount(mantissa: mantissa, scale: Int.random(in: 0...6, using: &generator))
            #expect(Amount(a.description) == a)
            #expect(Amount(a.description)?.scale == a.scale)
            #expect(Amount(a.groupedDescription) == a)
        }
    }
}
