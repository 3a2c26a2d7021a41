import Testing
@testable import FiscalModel

/// ``FactColumns`` and the ``FactList`` over them: the facts built from the columns are the
/// facts the columns encode, changing a list turns it into an array without changing its
/// facts, and what loading asks of the columns (bounds, whether anything folds) answers as it
/// would for the facts one by one.
@Suite struct FactColumnsTests {
    /// Three facts of 县委办 `year` 决算 and a fourth (in 2019, counted in 辆, not derived, unless
    /// `last` says otherwise): the third and fourth are one key when the fourth is of `year`,
    /// in money and derived.
    static func columns(year: Int = 2020, last: (year: Int, unit: Int32, derived: Int) = (2019, 1, 0)) -> FactColumns {
        FactColumns(
            entityIDs: [0, 0, 0, 0], entities: ["县委办"], years: [year, year, year, last.year], phaseIDs: [0, 0, 0, 0], phases: [.final],
            statementIDs: [0, 0, 1, 1], statements: [.generalBudgetExpenditure, .threePublic],
            itemIDs: [0, 1, 2, 2], items: ["行政运行", "机关服务", "公务接待费"],
            codeIDs: [0, 1, -1, -1], codes: ["2013101", "2013103"], econIDs: [-1, -1, -1, -1], econCodes: [],
            fundIDs: [0, 0, -1, -1], funds: [.generalBudget], measureIDs: [0, 0, 0, 0], measures: [.total],
            unitIDs: [0, 0, 0, last.unit], units: [.money(.wanYuan), .count("辆")], derived: [0, 0, 1, last.derived],
            mantissas: [6000, 4001, -754, 3], scales: [2, 2, 2, 0], fileIDs: [0, 0, 0, 1], files: ["a.csv", "原文.txt"],
            lines: [2, 3, 4, 9], endColumns: [])
    }

    @Test("a fact built from the columns is the fact they encode")
    func facts() {
        let c = Self.columns()
        let list = FactList(columns: c, range: 0..<4)
        #expect(list.count == 4)
        #expect(list[0] == Fact(entity: "县委办", year: 2020, phase: .final, statement: .generalBudgetExpenditure, item: "行政运行",
                                code: "2013101", fund: .generalBudget, amount: Amount(mantissa: 6000, scale: 2),
                                unit: .money(.wanYuan), reading: .data, span: SourceSpan(file: "a.csv", line: 2)))
        #expect(list[2].derived && list[2].reading == .derived && list[2].code == nil && list[2].fund == nil)
        #expect(list[2].amount.description == "-7.54")
        #expect(list[3].unit == .count("辆") && list[3].span == SourceSpan(file: "原文.txt", line: 9))
        let part = FactList(columns: c, range: 1..<3)
        #expect(Array(part) == Array(list[1..<3]))
    }

    @Test("changing a list of columns makes it an array of the same facts, changed; equality does not care how they are held")
    func mutation() {
        let c = Self.columns()
        var list = FactList(columns: c, range: 0..<4)
        let before = Array(list)
        #expect(list == FactList(before))
        list[1].item = "机关服务（改）"
        #expect(list.columns == nil)
        #expect(list[1].item == "机关服务（改）" && list[0] == before[0] && list.count == 4)
        var appended = FactList(columns: c, range: 0..<2)
        appended.append(before[3])
        #expect(Array(appended) == [before[0], before[1], before[3]])
        #expect(FactList(columns: c, range: 0..<2) != FactList(columns: c, range: 1..<3))
    }

    @Test("renaming the entity keeps the columns when every fact has it, and builds facts otherwise")
    func rename() {
        let c = Self.columns()
        var list = FactList(columns: c, range: 0..<4)
        list.renameEntity("别的单位", to: "x")
        #expect(list.columns?.entity == nil && list.allSatisfy { $0.entity == "县委办" })
        list.renameEntity("县委办", to: "中共示例县委员会办公室")
        #expect(list.columns?.entity == "中共示例县委员会办公室")
        #expect(list.allSatisfy { $0.entity == "中共示例县委员会办公室" })
        var report = Report(entity: "县委办", year: 2020, phase: .final, unit: .wanYuan, source: "a.csv")
        report.facts = FactList(columns: c, range: 0..<3)
        #expect(report.facts.allHave(year: 2020, phase: .final))
        report.facts = FactList(columns: c, range: 0..<4)
        #expect(!report.facts.allHave(year: 2020, phase: .final))
    }

    @Test("folding columns: nothing to fold leaves them columns; a repeated key folds as the facts one by one do")
    func folding() {
        var report = Report(entity: "县委办", year: 2020, phase: .final, unit: .wanYuan, source: "a.csv")
        report.facts = FactList(columns: Self.columns(), range: 0..<4)
        let same = report.folded()
        #expect(same.facts.columns != nil && same == report)
        var twice = report
        twice.facts = FactList(columns: Self.columns(last: (2020, 0, 1)), range: 0..<4)
        #expect(twice.facts.columns!.columns.mayFold(0..<4))
        var arrays = twice
        arrays.facts = FactList(Array(twice.facts))
        let folded = twice.folded()
        #expect(folded.facts.count == 3 && folded == arrays.folded())
        // A count unit and a money unit are different cells; so are a figure and one fiscal derived.
        #expect(!Self.columns().mayFold(0..<4))
        #expect(!Self.columns(last: (2020, 1, 1)).mayFold(0..<4))
        #expect(!Self.columns(last: (2020, 0, 0)).mayFold(0..<4))
    }

    @Test("the fast first pass of mayFold answers as comparing the keys does, on random columns and ranges")
    func mayFoldMatchesKeys() {
        var state: UInt64 = 0x5EED_0016
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        let n = 400
        func ids(_ values: Int, none: Bool = false) -> [Int32] {
            (0..<n).map { _ in none && next(3) == 0 ? -1 : Int32(next(values)) }
        }
        let c = FactColumns(
            entityIDs: (0..<n).map { _ in next(8) == 0 ? 1 : 0 }, entities: ["县委办", "县政府办"],
            years: (0..<n).map { _ in next(8) == 0 ? 2021 : 2020 }, phaseIDs: ids(1), phases: [.final], statementIDs: ids(2),
            statements: [.generalBudgetExpenditure, .threePublic, .expenditure],
            itemIDs: ids(4), items: ["行政运行", "其他支出", "公务接待费", "公务接待费支出"],
            codeIDs: ids(4, none: true), codes: ["2013101", "2013102", "20131", "201"],
            econIDs: (0..<n).map { _ in next(2) == 0 ? -1 : Int32(next(3)) }, econCodes: ["30101", "30201", "302"],
            fundIDs: ids(2, none: true), funds: [.generalBudget, .governmentFund], measureIDs: ids(1), measures: [.total],
            unitIDs: ids(3), units: [.money(.wanYuan), .money(.yuan), .count("辆")], derived: (0..<n).map { _ in next(8) == 0 ? 1 : 0 },
            mantissas: (0..<n).map { _ in Int128(next(10_000)) }, scales: [Int8](repeating: 2, count: n),
            fileIDs: [Int32](repeating: 0, count: n), files: ["a.csv"], lines: (0..<n).map { $0 + 2 }, endColumns: [])
        var answers: [Bool: Int] = [:]
        for _ in 0..<3000 {
            let start = next(n), length = next(min(40, n - start) + 1)
            let range = start..<(start + length)
            let fast = c.mayFold(range)
            #expect(fast == c.mayFoldComparingKeys(range), "\(range)")
            answers[fast, default: 0] += 1
        }
        // Both answers were met many times.
        #expect(answers[true, default: 0] > 100 && answers[false, default: 0] > 100)
    }

    @Test("bounds are checked on the columns as on facts")
    func bounds() {
        var report = Report(entity: "县委办", year: 2020, phase: .final, unit: .wanYuan, source: "a.csv")
        report.facts = FactList(columns: Self.columns(), range: 0..<4)
        #expect(report.boundsViolation == nil)
        report.facts = FactList(columns: Self.columns(year: 1800), range: 0..<4)
        let v = report.boundsViolation
        #expect(v?.span == SourceSpan(file: "a.csv", line: 2) && v?.message.contains("found 1800") == true)
        var arrays = report
        arrays.facts = FactList(Array(report.facts))
        #expect(arrays.boundsViolation?.message == v?.message)
    }
}
