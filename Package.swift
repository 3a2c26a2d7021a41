// swift-tools-version:6.1
// fiscal: a shell for reading Chinese government budget and final-accounts disclosures.
// Module graph (dependencies point one way; see ARCHITECTURE.md):
//   FiscalModel ← FiscalFormat ← Plugins/* ← BuiltinFormats
//   FiscalModel ← FiscalQuery
//   FiscalModel ← FiscalCheck (consistency checks, provenance, glossary)
//   FiscalShell (rendering, REPL) ← fiscal (executable)
//   FiscalShell ← FiscalStore (workspace, SQL engine; GRDB) ← FiscalPostgres (postgres-nio) ← fiscal
import PackageDescription

/// A format plugin: sources in Plugins/<name>/Sources, tests in Plugins/<name>/Tests.
func formatPlugin(_ name: String, dependencies: [Target.Dependency] = [], testResources: [Resource] = []) -> [Target] {
    [
        .target(
            name: name,
            dependencies: ["FiscalModel", "FiscalFormat"] + dependencies,
            path: "Plugins/\(name)/Sources"
        ),
        .testTarget(
            name: "\(name)Tests",
            dependencies: [.target(name: name), "FiscalModel", "FiscalFormat", "TestSupport"],
            path: "Plugins/\(name)/Tests",
            resources: testResources
        ),
    ]
}

/// The libFuzzer targets (Fuzz/<name>): `swift build --product NAME --sanitize fuzzer -Xswiftc -DFUZZING`.
let fuzzTargets = ["FuzzNarrative", "FuzzTables", "FuzzCSV", "FuzzJSON", "FuzzQuery"]

let package = Package(
    name: "fiscal",
    products: [
        .executable(name: "fiscal", targets: ["fiscal"]),
        .library(name: "FiscalModel", targets: ["FiscalModel"]),
        .library(name: "FiscalFormat", targets: ["FiscalFormat"]),
        .library(name: "NarrativeFormat", targets: ["NarrativeFormat"]),
        .library(name: "TablesFormat", targets: ["TablesFormat"]),
        .library(name: "FiscalQuery", targets: ["FiscalQuery"]),
    ] + fuzzTargets.map { .executable(name: $0, targets: [$0]) },
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // HTML and SVG (charts, handouts, `-o html`): a typed DSL that escapes text and attributes.
        .package(url: "https://github.com/JohnSundell/Plot", exact: "0.14.0"),
        // Whole numbers of any size: the n-th root behind `compare year cagr`, exact to the digits shown.
        .package(url: "https://github.com/attaswift/BigInt", from: "6.0.0"),
        // The workspace (`fiscal import … --into corpus.fiscal`) and the SQL engine: SQLite through GRDB,
        // only in FiscalStore so that nothing else compiles against it.
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        // PostgreSQL (`--db postgres://…`, `fiscal import … --into postgres://…`): only in FiscalPostgres.
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
    ],
    targets: [
        .target(name: "FiscalModel"),
        .target(name: "FiscalFormat", dependencies: ["FiscalModel"]),
        .target(name: "FiscalQuery", dependencies: ["FiscalModel", .product(name: "BigInt", package: "BigInt")]),
        .target(name: "FiscalCheck", dependencies: ["FiscalModel"]),
        .systemLibrary(
            name: "CLibedit",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        .target(
            name: "BuiltinFormats",
            dependencies: ["FiscalFormat", "JSONFormat", "CSVFormat", "TablesFormat", "NarrativeFormat"]
        ),
        .target(
            name: "FiscalShell",
            dependencies: [
                "FiscalModel", "FiscalFormat", "FiscalQuery", "FiscalCheck", "BuiltinFormats", "CLibedit",
                .product(name: "Plot", package: "Plot"),
            ]
        ),
        // Workspaces and SQL engines (SQLite): opened by the executable through FiscalShell's store hook.
        .target(
            name: "FiscalStore",
            dependencies: [
                "FiscalModel", "FiscalFormat", "FiscalQuery", "FiscalShell",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // The same tables and SQL on a PostgreSQL server (postgres-nio, COPY-based import).
        .target(
            name: "FiscalPostgres",
            dependencies: [
                "FiscalModel", "FiscalFormat", "FiscalShell", "FiscalStore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(
            name: "FiscalStoreTests",
            dependencies: ["FiscalStore", "FiscalPostgres", "FiscalShell", "FiscalModel", "FiscalFormat", "FiscalQuery", "BuiltinFormats", "fiscal",
                           "TestSupport", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .executableTarget(
            name: "fiscal",
            dependencies: [
                "FiscalShell", "FiscalModel", "FiscalStore", "FiscalPostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "FiscalFuzz", dependencies: ["FiscalModel", "FiscalFormat", "FiscalQuery", "BuiltinFormats", "FiscalShell"]),
        .testTarget(name: "FiscalModelTests", dependencies: ["FiscalModel", "TestSupport"]),
        .testTarget(name: "FiscalFormatTests", dependencies: ["FiscalFormat", "FiscalModel", "TestSupport"]),
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "FiscalQueryTests", dependencies: ["FiscalQuery", "FiscalModel", "TestSupport"]),
        .testTarget(
            name: "FiscalCheckTests",
            dependencies: ["FiscalCheck", "FiscalModel", "FiscalShell", "TestSupport", "fiscal"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "FiscalShellTests",
            dependencies: ["FiscalShell", "FiscalModel", "FiscalFormat", "BuiltinFormats", "TestSupport", "fiscal"]
                + ["FiscalFuzz"] + fuzzTargets.map { .target(name: $0) },
            exclude: ["Golden", "Fixtures", "Scripts"]
        ),
    ]
        + fuzzTargets.map { .executableTarget(name: $0, dependencies: ["FiscalFuzz"], path: "Fuzz/\($0)") }
        + formatPlugin("JSONFormat")
        + formatPlugin("CSVFormat")
        + formatPlugin("TablesFormat", dependencies: ["NarrativeFormat"], testResources: [.copy("Fixtures")])
        + formatPlugin("NarrativeFormat", testResources: [.copy("Fixtures")])
)
