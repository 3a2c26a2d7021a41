import Foundation
import Testing

/// The built binary without a terminal: piped input, `-f` scripts, exit statuses, colour.
struct BatchTests {
    @Test func pipedInputRunsQueriesAndMetaCommandsWithoutPrompts() throws {
        let r = try runFiscal([Fixture.exampleCSV], input: ":reports\nwarnings\n")
        #expect(r.status == 0)
        #expect(!r.out.contains("fiscal>") && !r.out.contains("fiscal["))
        #expect(r.out.contains("(3 rows)"))
        #expect(!r.out.contains("\u{1B}["), "no colour when output is not a terminal")
    }

    @Test func pipedInputStopsAtTheFirstErrorNamingTheLine() throws {
        let r = try runFiscal([Fixture.exampleCSV], input: "facts\n# a comment\nbogus\n:reports\n")
        #expect(r.status == 1)
        #expect(r.err.contains("unknown source `bogus`") && r.err.contains("--> <stdin>:3"))
        #expect(!r.out.contains("(3 rows)"), "stopped before :reports")
    }

    @Test func keepGoingRunsEverythingAndStillFails() throws {
        let r = try runFiscal(["--keep-going", Fixture.exampleCSV], input: "bogus\n:lod\n:reports\n")
        #expect(r.status == 1)
        #expect(r.out.contains("(3 rows)"))
        #expect(r.err.contains("did you mean `:load`?"))
    }

    @Test func scriptsWithCommentsMetaCommandsAndContinuationLines() throws {
        let folder = Fixture.temporaryFolder()
        let script = folder + "/s.fql"
        try """
            # comment
            -- another comment
            :load \(Fixture.exampleCSV)
            :set output csv
            facts
            :quit
            bogus
            """.write(toFile: script, atomically: true, encoding: .utf8)
        let r = try runFiscal(["-f", script])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.hasPrefix("entity,year,phase"))

        try "warnings |\n  oops\n".write(toFile: script, atomically: true, encoding: .utf8)
        let bad = try runFiscal(["-f", script, Fixture.exampleCSV])
        #expect(bad.status == 1)
        // `oops` is on line 2 of the statement that starts on line 1 (issue 11 item 15)
        #expect(bad.err.contains("--> \(script):2"), "\(bad.err)")
    }

    @Test func missingScriptOrReportGivesStatus3() throws {
        #expect(try runFiscal(["-f", "/no/such.fql"]).status == 3)
        #expect(try runFiscal(["-e", "facts", "/no/such.csv"]).status == 3)
    }

    @Test func invalidUTF8OnStandardInputIsAnErrorNotACrash() throws {
        let bytes = String(decoding: [0x66, 0x61, 0xFF, 0xFE, 0x0A], as: UTF8.self)
        let r = try runFiscal([Fixture.exampleCSV], input: bytes + "facts\n")
        #expect(r.status == 1)
        #expect(r.err.contains("error:"))
    }

    @Test func everyExampleScriptRuns() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Fixture.root + "/Examples").filter { $0.hasSuffix(".fql") }
        #expect(names.count >= 3)
        for name in names {
            let r = try runFiscal(["-f", "Examples/" + name])
            #expect(r.status == 0, "\(name): \(r.err)")
        }
    }
}
