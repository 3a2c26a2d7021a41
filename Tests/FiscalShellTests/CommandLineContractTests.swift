import Foundation
import Testing

/// The command-line contract of the foundation issue, run on the real binary.
@Suite("The fiscal command line", .serialized)
struct CommandLineContractTests {
    let example = "Examples/county-office-2019-2021.csv"

    @Test("-e facts prints every fact with the contract's columns; exit 0")
    func facts() throws {
        let r = try runFiscal(["-e", "facts", "-o", "csv", example])
        #expect(r.status == 0)
        let lines = r.out.split(separator: "\n")
        #expect(lines.first == "entity,year,phase,statement,item,code,econ_code,fund,measure,amount,unit,derived,file,line,disputed")
        #expect(lines.count == 35)  // header + 34 facts
        #expect(lines.contains("示例县委办公室,2020,决算,一般公共预算财政拨款支出,一般行政管理事务,2013102,,一般公共预算,合计,24.8,万元,false,Examples/county-office-2019-2021.csv,17,false"))
    }

    @Test("-o json prints one array of row objects with exact numbers")
    func json() throws {
        let r = try runFiscal(["-e", "facts", "-o", "json", example])
        #expect(r.status == 0)
        let rows = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [[String: Any]]
        #expect(rows?.count == 34)
        #expect(r.out.contains("\"amount\": 865.22,"))
        #expect(r.out.contains("\"amount\": 24.8,"))
        #expect(!r.out.contains("865.2199"))
    }

    @Test("a failed query exits 1 and points at the query")
    func queryFails() throws {
        let r = try runFiscal(["-e", "fakts", example])
        #expect(r.status == 1)
        #expect(r.err.contains("error: unknown source `fakts`"))
        #expect(r.err.contains("^^^^^"))
    }

    @Test("wrong usage exits 2")
    func usage() throws {
        #expect(try runFiscal(["--no-such-option"]).status == 2)
        #expect(try runFiscal(["-o", "yaml", "-e", "facts", example]).status == 2)
        #expect(try runFiscal(["--lang", "fr", "-e", "facts", example]).status == 2)
        #expect(try runFiscal(["--format", "nope", "-e", "facts", example]).status == 2)
    }

    @Test("-c is -e; with -f the queries run first, then the script (as psql does)")
    func queriesThenScript() throws {
        let folder = Fixture.temporaryFolder()
        try "facts | count\n".write(toFile: folder + "/s.fql", atomically: true, encoding: .utf8)
        let both = try runFiscal(["-X", "-c", ":reports", "-f", folder + "/s.fql", example])
        #expect(both.status == 0)
        let reports = both.out.range(of: "(3 rows)"), count = both.out.range(of: "(1 row)")
        #expect(reports != nil && count != nil && reports!.lowerBound < count!.lowerBound, "\(both.out)")
        let missing = try runFiscal(["-X", "-c", ":reports", "-f", folder + "/none.fql", example])
        #expect(missing.status == 3)
    }

    @Test("an unreadable or unknown input file exits 3 and names the file and the known formats")
    func unreadable() throws {
        let missing = try runFiscal(["-e", "facts", "Examples/no-such-file.csv"])
        #expect(missing.status == 3)
        #expect(missing.err.contains("Examples/no-such-file.csv: cannot read the file"))
        let unknown = try runFiscal(["-e", "facts", "Package.swift"])
        #expect(unknown.status == 3)
        #expect(unknown.err.contains("Package.swift: no format recognises this file (known formats: json"))
    }

    @Test("a CSV with a bad row names file and line and exits 3")
    func badRow() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fiscal-cli-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("bad.csv")
        try "entity,year,phase,statement,item,amount\n县委办,2020,决算,收入,合计,1320.41\n县委办,2020,决算,收入,合计,abc\n"
            .write(to: file, atomically: true, encoding: .utf8)
        let r = try runFiscal(["-e", "facts", file.path])
        #expect(r.status == 3)
        #expect(r.err.contains("bad.csv:3: expected an amount such as 1014.73 in `amount`, found `abc`"))
    }

    @Test("scripts: -f and piped input run statement by statement; errors name the script line and exit 1")
    func scripts() throws {
        let ok = try runFiscal([example], input: "# a comment\nfacts\n")
        #expect(ok.status == 0)
        #expect(ok.out.contains("(34 rows)"))
        let bad = try runFiscal([example], input: "facts\n\n-- next is wrong\nfcts\nfacts\n")
        #expect(bad.status == 1)
        #expect(bad.err.contains("--> <stdin>:4"))
        #expect(bad.out.components(separatedBy: "(34 rows)").count == 2)  // stopped at the error
        let going = try runFiscal(["--keep-going", example], input: "fcts\nfacts\n")
        #expect(going.status == 1)
        #expect(going.out.contains("(34 rows)"))
    }

    @Test("fiscal formats lists the formats with versions; --version and --help exit 0")
    func formats() throws {
        let r = try runFiscal(["formats", "-o", "csv"])
        #expect(r.status == 0)
        #expect(r.out.contains("json,1.0.0,json,built-in"))
        #expect(r.out.contains("csv,1.0.0,csv,built-in"))
        #expect(try runFiscal(["--version"]).out == "0.1.0\n")
        #expect(try runFiscal(["--help"]).status == 0)
        let help = try runFiscal(["help", "check"])
        #expect(help.status == 0)
        #expect(help.out.hasPrefix("OVERVIEW: Check the reports' figures against each other"))
    }

    @Test("a folder loads every report in it")
    func folder() throws {
        let r = try runFiscal(["-e", "facts", "-o", "csv", "Examples"])
        #expect(r.status == 0)
        #expect(r.out.contains("示例县委办公室,2021,预算"))
    }

    @Test("external plugins: found with --plugins or FISCAL_PLUGIN_PATH, listed by formats, used for loading")
    func externalPlugins() throws {
        let listed = try runFiscal(["formats", "--plugins", "Examples/plugins", "-o", "csv"])
        #expect(listed.status == 0)
        #expect(listed.out.contains("budgetsheet,1.0.0,tsv budget,Examples/plugins/fiscal-format-budgetsheet,"))
        let loaded = try runFiscal(["-e", "facts", "-o", "csv", "Examples/plugins/sample.budget.tsv"],
                                          environment: ["FISCAL_PLUGIN_PATH": "Examples/plugins"])
        #expect(loaded.status == 0)
        #expect(loaded.out.contains("示例区财政局,2024,决算,支出,行政运行,2010601,,,合计,1511.89,万元"))
        let without = try runFiscal(["-e", "facts", "Examples/plugins/sample.budget.tsv"])
        #expect(without.status == 3)
    }

    @Test("a plugin that fails its handshake is reported, and everything else still loads")
    func brokenPlugin() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fiscal-broken-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let plugin = dir.appendingPathComponent("fiscal-format-broken")
        try "#!/bin/sh\necho 'Segmentation fault (pretend)' >&2\nkill -SEGV $$\n".writeExecutable(to: plugin.path)
        let r = try runFiscal(["-e", "facts", "-o", "csv", "--plugins", dir.path, example])
        #expect(r.status == 0)
        #expect(r.err.contains("fiscal-format-broken"))
        #expect(r.out.split(separator: "\n").count == 35)
    }
}
