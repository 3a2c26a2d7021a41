import Benchmark
import FiscalFormat
import FiscalModel
import NarrativeFormat

#if canImport(Glibc)
import Glibc
#endif

/// The seed narrative (Examples/wusheng-2020-决算.txt), read from the repository so the
/// benchmark measures the reader, not file I/O.
let seedPath = #filePath.split(separator: "/").dropLast(4).joined(separator: "/") + "/Examples/wusheng-2020-决算.txt"

let benchmarks: @Sendable () -> Void = {
    // Throughput counts one iteration per copy of the seed read; MB/s = throughput × seed size
    // (the size is in the benchmark's name).
    let bytes = (try? FileSystem.read("/" + seedPath)) ?? []
    let source = SourceText(bytes: bytes, path: "wusheng-2020-决算.txt")!
    let megabytes = Double(bytes.count) / 1_000_000
    Benchmark("narrative read of the seed (\(bytes.count) bytes = \(megabytes) MB per iteration)",
              configuration: .init(metrics: [.wallClock, .throughput], maxIterations: 200)) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try? NarrativeFormat().read(source))
        }
    }
    Benchmark("SentenceReader over the seed's lines",
              configuration: .init(metrics: [.wallClock, .throughput], maxIterations: 200)) { benchmark in
        for _ in benchmark.scaledIterations {
            for line in source.lines { blackHole(SentenceReader.mentions(in: line)) }
        }
    }
}
