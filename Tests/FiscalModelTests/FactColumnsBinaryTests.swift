import TestSupport
import Testing
@testable import FiscalModel

/// ``FactColumns`` as bytes (what a workspace keeps of a CSV source): read back, they are the
/// same columns, held as narrow as before; damaged, they give an error that says where, never a
/// crash and never columns outside the model's bounds.
@Suite struct FactColumnsBinaryTests {
    /// Columns that use every kind the layout has: 16-bit entity ids, 32-bit lines, 128-bit
    /// mantissas, end columns, a count unit, missing codes and funds, a derived fact.
    static func wide() -> FactColumns {
        let n = 300
        let entities = (0..<200).map { "单位\($0)" }
        return FactColumns(
            entityIDs: (0..<n).map { Int32($0 % 200) }, entities: entities, years: (0..<n).map { 2016 + $0 % 10 },
            phaseIDs: (0..<n).map { Int32($0 % 2) }, phases: [.final, .budget],
            statementIDs: Array(repeating: 0, count: n), statements: [.generalBudgetExpenditure],
            itemIDs: (0..<n).map { Int32($0 % 3) }, items: ["行政运行", "机关服务", "公务用车（辆）"],
            codeIDs: (0..<n).map { $0 % 3 == 2 ? -1 : Int32($0 % 3) }, codes: ["2013101", "2013103"],
            econIDs: (0..<n).map { $0 % 5 == 0 ? 0 : -1 }, econCodes: ["30101"],
            fundIDs: (0..<n).map { $0 % 4 == 0 ? -1 : 0 }, funds: [.generalBudget], measureIDs: Array(repeating: 0, count: n),
            measures: [.total], unitIDs: (0..<n).map { $0 % 3 == 2 ? 1 : 0 }, units: [.money(.wanYuan), .count("辆")],
            derived: (0..<n).map { $0 % 7 == 0 ? 1 : 0 },
            mantissas: (0..<n).map { i in i == 5 ? Int128(Int64.max) * 1000 + 7 : Int128(i * 1013 - 4000) },
            scales: (0..<n).map { Int8($0 % 3) }, fileIDs: (0..<n).map { Int32($0 % 2) }, files: ["a.csv", "原文.txt"],
            lines: (0..<n).map { $0 == 7 ? 3_000_000_000 : $0 + 2 }, endColumns: (0..<n).map { Int32($0 % 40 + 1) })
    }

    static func decode(_ bytes: [UInt8]) throws(FactColumnsDecodingError) -> FactColumns {
        try bytes.withUnsafeBytes { raw in Result { () throws(FactColumnsDecodingError) in try FactColumns(binary: raw) } }.get()
    }

    static func sameColumns(_ a: FactColumns, _ b: FactColumns) -> Bool {
        a.count == b.count && a.entityIDs == b.entityIDs && a.entities == b.entities && a.years == b.years
            && a.phaseIDs == b.phaseIDs && a.phases == b.phases && a.statementIDs == b.statementIDs && a.statements == b.statements
            && a.itemIDs == b.itemIDs && a.items == b.items && a.codeIDs == b.codeIDs && a.codes == b.codes
            && a.econIDs == b.econIDs && a.econCodes == b.econCodes && a.fundIDs == b.fundIDs && a.funds == b.funds
            && a.measureIDs == b.measureIDs && a.measures == b.measures && a.unitIDs == b.unitIDs && a.units == b.units
            && a.derived == b.derived && a.mantissas == b.mantissas && a.scales == b.scales && a.fileIDs == b.fileIDs
            && a.files == b.files && a.lines == b.lines && a.endColumns == b.endColumns
    }

    @Test("read back, the columns are the same, in the same widths, and give the same facts", arguments: [false, true])
    func roundTrip(wide: Bool) throws {
        let c = wide ? Self.wide() : FactColumnsTests.columns()
        let back = try Self.decode(c.binary())
        #expect(Self.sameColumns(c, back))
        #expect(Array(FactList(columns: back, range: 0..<back.count)) == Array(FactList(columns: c, range: 0..<c.count)))
        if wide {
            // The cases the layout has to carry, so that the round trip above tests them.
            #expect(c.entityIDs.byteCount == 2 * c.count && c.lines.byteCount == 8 * c.count && c.mantissas.byteCount == 16 * c.count)
            #expect(!c.endColumns.isEmpty && c.derived.byteCount == c.count && c.units.contains(.count("辆")))
            #expect(back.fact(5).amount == Amount(mantissa: Int128(Int64.max) * 1000 + 7, scale: 2))
            #expect(back.span(7) == SourceSpan(file: "原文.txt", line: 3_000_000_000, startColumn: 1, endColumn: 8))
        }
    }

    @Test("every shortened encoding is an error, never columns")
    func truncated() {
        let bytes = FactColumnsTests.columns().binary()
        for n in 0..<bytes.count {
            #expect(throws: FactColumnsDecodingError.self) { try Self.decode(Array(bytes[0..<n])) }
        }
        #expect(throws: FactColumnsDecodingError.self) { try Self.decode(bytes + [0]) }
    }

    @Test("damaged bytes are an error naming the place, or columns within the model's bounds")
    func damaged() throws {
        let bytes = Self.wide().binary()
        var rng = SplitMix(seed: 16)
        var failures = 0
        for _ in 0..<3000 {
            var b = bytes
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                b[Int.random(in: 0..<b.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
            }
            do {
                let c = try Self.decode(b)
                // Whatever decodes is usable: every fact can be built, and is within bounds.
                for i in 0..<c.count { _ = c.fact(i) }
                #expect(c.boundsViolation(0..<c.count) == nil)
            } catch {
                failures += 1
                #expect(error.offset >= 0 && error.offset <= b.count && error.description.contains("expected"))
            }
        }
        // Most single-byte changes fall in ids, amounts and names, and many of those still
        // decode (an amount is any amount); the checks above must have refused a good share.
        #expect(failures > 300)
    }

    @Test("what is wrong is said: an id past its dictionary, a code that is none, another version")
    func errors() throws {
        let c = FactColumnsTests.columns()
        var bytes = c.binary()
        // The first entity id (the byte after magic, version, count and the id width).
        let firstID = 4 + 1 + 8 + 1
        bytes[firstID] = 5
        #expect(throws: FactColumnsDecodingError(offset: firstID + 4 + 4 + 4 + "县委办".utf8.count,
                                                 expected: "ids of entity from 0 to 0, found 5 (fact 0)")) { try Self.decode(bytes) }
        var version = c.binary()
        version[4] = 9
        #expect(throws: FactColumnsDecodingError(offset: 4, expected: "version 1, found 9")) { try Self.decode(version) }
        let code = Array("2013101".utf8)
        var badCode = c.binary()
        let at = try #require(badCode.indices.first { Array(badCode[$0..<min($0 + code.count, badCode.count)]) == code })
        badCode[at] = UInt8(ascii: "x")
        #expect {
            try Self.decode(badCode)
        } throws: { error in
            (error as? FactColumnsDecodingError)?.expected == "a known code, found `x013101`"
        }
    }
}
