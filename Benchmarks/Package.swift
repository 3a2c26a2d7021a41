// swift-tools-version:6.1
// Benchmarks for fiscal, kept out of the main package so CI and the tests do not build
// the benchmark harness. Run: cd Benchmarks && swift package benchmark
import PackageDescription

let package = Package(
    name: "fiscal-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "fiscal", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.0", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "AmountBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "FiscalModel", package: "fiscal"),
            ],
            path: "Benchmarks/AmountBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "NarrativeBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "FiscalModel", package: "fiscal"),
                .product(name: "FiscalFormat", package: "fiscal"),
                .product(name: "NarrativeFormat", package: "fiscal"),
            ],
            path: "Benchmarks/NarrativeBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "TablesBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "FiscalModel", package: "fiscal"),
                .product(name: "FiscalFormat", package: "fiscal"),
                .product(name: "TablesFormat", package: "fiscal"),
            ],
            path: "Benchmarks/TablesBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "QueryBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "FiscalModel", package: "fiscal"),
                .product(name: "FiscalQuery", package: "fiscal"),
            ],
            path: "Benchmarks/QueryBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
