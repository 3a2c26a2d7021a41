import FiscalModel
import TestSupport
import Testing
@testable import FiscalQuery

/// Filters, groupings and sums split rows into ranges, one per thread. Whatever the split, a
/// query must give what the serial evaluation gives: the same rows in the same order, the same
/// notes, the same sources, the same errors.
@Suite struct ParallelEvaluationTests {
    /// Facts of several entities, years, funds and 项 codes, with a few 类 totals, count units,
    /// missing codes and disputed figures, so that filters, groupings and notes all have work.
    static func context(seed: UInt64, facts count: Int) -> QueryContext {
        var rng = SplitMix(seed: seed)
        func pick<T>(_ xs: [T]) -> T { xs[Int(rng.next() % UInt64(xs.count))] }
        let entities = ["县委办", "县财政局", "县教育局", "县卫健委", "县公安局"]
        let codes = ["2010101", "2010102", "2013101", "2013103", "2040101", "2050201", "2050202", "2080501", "2100101"]
        let items = ["行政运行", "机关服务", "一般行政管理事务", "事业运行", "其他支出"]
        var reports: [Report] = []
        var line = 2
        for entity in entities {
            for year in 2018...2021 {
                var facts: [Fact] = []
                for _ in 0..<(count / (entities.count * 4)) {
                    let coded = rng.next() % 10 != 0
                    let amount = Amount(mantissa: Int128(rng.next() % 1_000_000) - 1000, scale: Int(rng.next() % 3))
                    var fact = Fact(
                        entity: entity, year: year, phase: rng.next() % 5 == 0 ? .budget : .final,
                        statement: coded ? .generalBudgetExpenditure : .threePublic, item: pick(items),
                        code: coded ? ClassificationCode(rawValue: pick(codes)) : nil,
                        fund: rng.next() % 3 == 0 ? .governmentFund : .generalBudget,
                        measure: rng.next() % 4 == 0 ? .basic : .total, amount: amount,
                        unit: rng.next() % 20 == 0 ? .count("辆") : .money(.wanYuan), reading: .data,
                        span: SourceSpan(file: "p.csv", line: line))
                    line += 1
                    if rng.next() % 50 == 0 {
                        var m = fact.mentions
                        m.append(Mention(span: SourceSpan(file: "p.csv", line: line), amount: Amount(mantissa: amount.mantissa + 1, scale: amount.scale), reading: .data))
                        fact.mentions = m
                        line += 1
                    }
                    facts.append(fact)
                }
                reports.append(Report(entity: entity, year: year, phase: .final, unit: .wanYuan, source: "p.csv", facts: facts))
            }
        }
        return QueryContext(reports: reports)
    }

    static let filters = [
        "year = 2020", "year > 2018", "code under 201", "code under 20501", "item ~ \"运行\"", "amount > 5000",
        "fund = \"一般公共预算\"", "phase = \"决算\"", "entity in [\"县委办\", \"县教育局\"]", "not (year = 2019)",
        "unit = \"万元\" and amount < 100", "code = null", "disputed", "amount / (year - 2019) > 100",
    ]
    static let groupings = ["类", "款", "项", "year", "entity", "fund", "entity, year", "statement, unit", "measure", "year, 类"]
    static let aggregates = ["sum amount", "agg n = count()", "agg total = sum(amount), n = count()", "agg low = min(amount), high = max(amount)",
                             "agg mean = avg(amount)"]
    static let tails = ["", " | sort amount desc", " | top 3 by amount", " | limit 4", " | sort entity, year",
                        // Sorts and tops on all cores: text by rank, integers, booleans, amounts of mixed
                        // scales, computed keys, missing values, many ties (kept in row order).
                        " | sort item desc, amount", " | top 7 by year", " | sort code desc, entity", " | top 5 by amount * 2",
                        " | sort year desc | top 40 by entity", " | top 1000 by amount", " | sort amount / 3",
                        " | sort code | limit 30"]

    /// A random pipeline of `where`s, a grouping with aggregates (or none), and a sort or limit.
    static func pipeline(_ rng: inout SplitMix) -> String {
        func pick(_ xs: [String]) -> String { xs[Int(rng.next() % UInt64(xs.count))] }
        var q = "facts"
        for _ in 0..<Int(rng.next() % 3) { q += " | where " + pick(filters) }
        switch rng.next() % 4 {
        case 0: q += " | select entity, year, item, code, amount" + pick(tails)
        case 1: q += " | " + pick(aggregates)
        default: q += " | group " + pick(groupings) + " | " + pick(aggregates) + (rng.next() % 2 == 0 ? pick(tails) : "")
        }
        return q
    }

    func outcome(_ query: String, _ context: inout QueryContext) -> String {
        do {
            let t = try QueryEngine.run(query, in: &context)
            let sources = (0..<t.rows.count).map { t.sources(ofRow: $0).map(\.description).joined(separator: " ") }
            return "\(t.columns.map(\.name))\n\(t.rows)\n\(t.notes)\n\(sources)"
        } catch {
            return "error: \(error.message) at \(String(describing: error.span))"
        }
    }

    @Test("random pipelines give the same result on one thread and on several", arguments: [1, 2, 3] as [UInt64])
    func sameResults(seed: UInt64) {
        var serial = Self.context(seed: seed, facts: 2000)
        serial.threads = 1
        var parallel = serial
        parallel.threads = 4
        parallel.minimumRowsPerThread = 64
        var rng = SplitMix(seed: seed &* 7919)
        var grouped = 0
        for _ in 0..<60 {
            let q = Self.pipeline(&rng)
            let a = outcome(q, &serial), b = outcome(q, &parallel)
            #expect(a == b, "\(q)")
            if q.contains("group"), !a.hasPrefix("error") { grouped += 1 }
        }
        // The pipelines did exercise groupings that succeed, not only errors.
        #expect(grouped >= 5)
    }

    @Test("each group's rows (a grouping's provenance) come out in the serial order from several ranges",
          arguments: [(5000, 7), (5000, 600), (300, 1)] as [(Int, Int)])
    func sameMembers(rows n: Int, groups: Int) {
        var rng = SplitMix(seed: UInt64(n * 31 + groups))
        let rows = (0..<n).map { _ in Int32(rng.next() % 100_000) }
        let gid = (0..<n).map { _ in Int32(rng.next() % UInt64(groups)) }
        let serial = Evaluator.members(rows, gid: gid, groupCount: groups)
        let ranges = Parallel.ranges(n, minimum: 64, parts: 8)
        #expect(ranges.count > 1 && groups <= n / ranges.count)  // the parallel path
        let parallel = Evaluator.members(rows, gid: gid, groupCount: groups, ranges: ranges, threads: 4)
        #expect(parallel == serial)
        #expect(serial.count == groups && serial.flat.count == n && Array(serial[0]) == zip(rows, gid).filter { $0.1 == 0 }.map(\.0))
    }

    @Test("the fact store built from runs of reports on several threads is the serial one")
    func sameStore() {
        let reports = Self.context(seed: 5, facts: 2000).reports
        let serial = FactStore(reports, threads: 1)
        let parallel = FactStore(reports, threads: 4, minimumFactsPerThread: 64)
        #expect(parallel.count == serial.count && serial.count > 1000)
        for (a, b) in zip(serial.columns, parallel.columns) {
            #expect((0..<serial.count).allSatisfy { a.value($0) == b.value($0) }, "\(a.name)")
            if case .text(_, let d1) = a.storage, case .text(_, let d2) = b.storage { #expect(d1 == d2, "\(a.name)") }
        }
        #expect(parallel.spans.all == serial.spans.all && serial.spans.count >= serial.count)
        #expect(parallel.mentionOffsets == serial.mentionOffsets && !serial.mentionOffsets.isEmpty)
        #expect(parallel.contextIDs == serial.contextIDs && parallel.contextCount == serial.contextCount)
        #expect(parallel.disputedCount == serial.disputedCount && serial.disputedCount > 0)
        #expect(parallel.itemNameByCode == serial.itemNameByCode)
    }

    @Test("sort and top on several threads give the serial order, ties in row order", arguments: [11, 12] as [UInt64])
    func sameOrder(seed: UInt64) {
        var serial = Self.context(seed: seed, facts: 4000)
        serial.threads = 1
        var parallel = serial
        parallel.threads = 3
        parallel.minimumRowsPerThread = 50
        let queries = [
            "facts | sort amount", "facts | sort amount desc", "facts | sort entity desc, year, amount",
            "facts | top 10 by amount", "facts | top 25 by year", "facts | top 2000 by code", "facts | sort code",
            "facts | sort disputed desc, line", "facts | where code = null | sort amount", "facts | top 0 by amount",
            "facts | sort -amount", "facts | sort item, entity | top 15 by phase",
        ]
        for q in queries {
            let a = outcome(q, &serial), b = outcome(q, &parallel)
            #expect(a == b, "\(q)")
            #expect(!a.hasPrefix("error"), "\(q): \(a)")
        }
        // The order really is the sorted one: amounts ascending, ties by their place in `facts`.
        let t = try? QueryEngine.run("facts | select line, amount | sort amount", in: &parallel)
        let pairs = (t?.rows ?? []).map { (line: $0[0], amount: $0[1].amountValue) }
        #expect(pairs.count > 3000)
        for (x, y) in zip(pairs, pairs.dropFirst()) {
            guard let a = x.amount, let b = y.amount else { continue }
            #expect(a < b || (a == b && x.line < y.line))
        }
    }

    @Test("the parallel paths are taken: more than one range of rows")
    func splits() {
        var context = Self.context(seed: 1, facts: 2000)
        context.threads = 4
        context.minimumRowsPerThread = 64
        #expect(context.rowRanges(2000).count == 8)
        #expect(context.rowRanges(2000).map(\.count).reduce(0, +) == 2000)
        context.threads = 1
        #expect(context.rowRanges(2000) == [0..<2000])
    }
}
