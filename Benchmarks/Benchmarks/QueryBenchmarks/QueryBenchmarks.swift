import Benchmark
import FiscalModel
import FiscalQuery

/// Synthetic facts: `count` 项-level facts spread over 40 entities, 3 years, 2 funds and
/// 60 codes under 6 类, in one statement (like a region's 部门决算 loaded together).
func syntheticContext(_ count: Int) -> QueryContext {
    let entities = (0..<40).map { "单位\($0)" }
    let codes: [ClassificationCode] = (0..<60).map { i in
        ClassificationCode(rawValue: String(201 + i % 6) + String(format2(i / 6 + 1)) + "01")!
    }
    let funds: [Fund] = [.generalBudget, .governmentFund]
    let span = SourceSpan(file: "synthetic.csv", line: 1)
    var facts: [Fact] = []
    facts.reserveCapacity(count)
    for i in 0..<count {
        var s = span
        s.line = i + 2
        facts.append(Fact(
            entity: entities[i % 40], year: 2019 + i % 3, phase: .final, statement: .generalBudgetExpenditure,
            item: "项目", code: codes[i % 60], fund: funds[i % 2], amount: Amount(mantissa: Int128(i % 100_000), scale: 2),
            unit: .money(.wanYuan), reading: .data, span: s))
    }
    var context = QueryContext(reports: [Report(entity: "合并", year: 2020, phase: .final, unit: .wanYuan, source: "synthetic.csv", facts: facts)])
    context.prepare()
    return context
}

func format2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

let benchmarks: @Sendable () -> Void = {
    Benchmark("parse+evaluate typical query (34 facts)", configuration: .init(metrics: [.wallClock, .throughput])) { benchmark in
        var context = syntheticContext(34)
        for _ in benchmark.scaledIterations {
            blackHole(try? QueryEngine.run("facts | where year = 2020 and fund = \"一般公共预算\" | group 类 | sum amount | sort amount desc", in: &context))
        }
    }
    for n in [1_000_000, 10_000_000] {
        Benchmark("group fund | sum amount over \(n / 1_000_000)M facts", configuration: .init(metrics: [.wallClock], maxDuration: .seconds(600), maxIterations: 5)) { benchmark in
            var context = syntheticContext(n)
            blackHole(try? QueryEngine.run("facts | group fund | sum amount", in: &context))  // warm: pages touched once
            benchmark.startMeasurement()
            blackHole(try? QueryEngine.run("facts | group fund | sum amount", in: &context))
            benchmark.stopMeasurement()  // the model is dropped after this: "drop a loaded model" times that
        }
        Benchmark("group 类 | sum amount over \(n / 1_000_000)M facts", configuration: .init(metrics: [.wallClock], maxDuration: .seconds(600), maxIterations: 5)) { benchmark in
            var context = syntheticContext(n)
            blackHole(try? QueryEngine.run("facts | where year = 2020 | group 类 | sum amount", in: &context))
            benchmark.startMeasurement()
            blackHole(try? QueryEngine.run("facts | where year = 2020 | group 类 | sum amount", in: &context))
            benchmark.stopMeasurement()
        }
    }
    // The query benchmarks above stop the clock before the model is dropped; what dropping it
    // costs (every fact's destroy, the store's columns) is timed on its own here, so it is seen
    // rather than hidden inside a query's figure.
    Benchmark("drop a loaded model of 10M facts", configuration: .init(metrics: [.wallClock], maxIterations: 1)) { benchmark in
        var context: QueryContext? = syntheticContext(10_000_000)
        blackHole(try? QueryEngine.run("facts | group fund | sum amount", in: &context!))
        benchmark.startMeasurement()
        context = nil
        benchmark.stopMeasurement()
        blackHole(context)
    }
    Benchmark("build the columnar fact store, 1M facts", configuration: .init(metrics: [.wallClock], maxIterations: 3)) { benchmark in
        let context = syntheticContext(1_000_000)
        var fresh = QueryContext(reports: context.reports)
        benchmark.startMeasurement()
        fresh.prepare()
        blackHole(fresh)
    }
}
