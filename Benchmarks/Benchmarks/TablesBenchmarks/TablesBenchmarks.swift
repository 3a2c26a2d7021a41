import Benchmark
import FiscalFormat
import FiscalModel
import TablesFormat

/// The tables reader over the real reports of Examples/corpus (Jiangsu 预算 and Shanghai 决算
/// and 预算), read from memory so the benchmark measures the reader, not file I/O. MB/s =
/// throughput × the bytes per iteration in the benchmark's name.
let corpusRoot = #filePath.split(separator: "/").dropLast(4).joined(separator: "/") + "/Examples/corpus"

let corpusFiles = [
    "jiangsu/01_江苏省人大办公厅_2017_部门预算.txt", "jiangsu/02_江苏省人大办公厅_2018_部门预算.txt",
    "jiangsu/03_江苏省人民检察院_2017_部门预算.txt", "jiangsu/04_江苏省人民检察院_2018_部门预算.txt",
    "jiangsu/06_江苏省委办公厅_2017_部门预算_表格.txt", "jiangsu/08_江苏省委办公厅_2018_部门预算_表格.txt",
    "jiangsu/10_江苏省政协办公厅_2017_部门预算_表格.txt", "jiangsu/11_江苏省高级人民法院_2017_部门预算.txt",
    "jiangsu/12_江苏省高级人民法院_2018_部门预算.txt",
    "shanghai-putuo/01_普陀区财政局_2024_部门决算.txt", "shanghai-putuo/04_普陀区生态环境局_2025_部门决算.txt",
    "shanghai-putuo/05_普陀区城市管理行政执法局_2026_部门预算.txt", "shanghai-putuo/06_普陀区文化和旅游局_2026_部门预算.txt",
    "shanghai-putuo/07_普陀区文化和旅游局_2025_部门决算.txt",
]

let benchmarks: @Sendable () -> Void = {
    let sources = corpusFiles.compactMap { name -> SourceText? in
        guard let bytes = try? FileSystem.read("/" + corpusRoot + "/" + name) else { return nil }
        return SourceText(bytes: bytes, path: name)
    }
    let bytes = sources.reduce(0) { $0 + $1.text.utf8.count }
    Benchmark("tables read of \(sources.count) corpus reports (\(bytes) bytes per iteration)",
              configuration: .init(metrics: [.wallClock, .cpuTotal, .throughput], maxIterations: 200)) { benchmark in
        for _ in benchmark.scaledIterations {
            for source in sources { blackHole(try? TablesFormat().read(source)) }
        }
    }
    Benchmark("tables detect over the same reports",
              configuration: .init(metrics: [.wallClock, .cpuTotal, .throughput], maxIterations: 200)) { benchmark in
        for _ in benchmark.scaledIterations {
            for source in sources {
                blackHole(TablesFormat().detect(FileSample(path: source.path, bytes: Array(source.text.utf8.prefix(FileSample.size)))))
            }
        }
    }
}
