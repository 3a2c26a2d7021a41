import Benchmark
import FiscalModel

let benchmarks: @Sendable () -> Void = {
    Benchmark("Amount.parse 1,014.73万元", configuration: .init(metrics: [.wallClock, .throughput])) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(Amount.parse("1,014.73万元"))
        }
    }
    Benchmark("Amount sum of 1M", configuration: .init(metrics: [.wallClock], maxIterations: 20)) { benchmark in
        let values = (0..<1_000_000).map { Amount(mantissa: Int128($0 % 100_000), scale: 2) }
        benchmark.startMeasurement()
        blackHole(Amount.sum(values))
    }
}
