import Foundation
import Testing

/// Every reproducer of issue 11 (copied into Fixtures/repro from the bad-input campaign), run
/// on the real binary: each gives the right answer or one clear error naming the file, the
/// line or offset and what was expected, with exit 1 (query) or 3 (input), and never a crash.
@Suite("Hostile input (issue 11 reproducers)", .serialized)
struct HostileInputTests {
    let repro = "Tests/FiscalShellTests/Fixtures/repro/"
    let county = "Examples/county-office-2019-2021.csv"
    let seed = "Examples/wusheng-2020-决算.txt"

    /// No raw control character other than a line feed (colour is off: output is a pipe).
    func terminalSafe(_ text: String) -> Bool {
        !text.unicodeScalars.contains { $0 != "\n" && ($0.value < 0x20 || (0x7F...0x9F).contains($0.value)) }
    }

    @Test("00: a sum of a derived ratio is exact: 8769.43 / 10000 and the first 20 amounts / 83")
    func sumOfDerivedRatio() throws {
        // (A sum over every fact adds totals to their parts and is refused: the 三公 rows are parts only.)
        let a = try runFiscal(["-o", "json", "-e", "facts | where statement = \"三公经费\" | derive x = amount / 10000 | sum x", county])
        #expect(a.status == 0)
        #expect(a.out.contains("\"x\": 0.006059"))  // 10.53 + 11.42 + 7.54 + 11.1 + 8.00 + 12.00 = 60.59
        let b = try runFiscal(["-o", "json", "-e", "facts | where statement = \"三公经费\" | derive x = amount / 7 | sum x", county])
        #expect(b.status == 0)
        #expect(b.out.contains("\"x\": 8.655714285714285714"))  // 60.59 / 7, to 18 digits
    }

    @Test("00: an average whose exact value needs more than 38 digits is added up exactly and rounded once, with a note")
    func averageBeyond38Digits() throws {
        // Bound first: over the facts themselves, an average of totals with their parts is refused.
        // The 100 万元 rows' amount / line average to a fraction with a 44-digit denominator:
        // 5.579150355149182263 to 18 places (checked with Python's fractions.Fraction over `-o csv` of `t`).
        let r = try runFiscal(["-o", "json", "-e", "let t = facts | where unit = \"万元\" | select amount, line", "-e", "t | avg amount / line", seed])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("5.579150355149182263"))
        #expect(r.err.contains("the avg of `amount / line` was added up exactly, but as a fraction its denominator has 44 digits: it is kept rounded half away from zero to 18 decimal places"))
    }

    @Test("01: amounts beyond 20 digits before or 12 after the point are refused at load, naming each line")
    func outOfBoundsAmounts() throws {
        for query in ["facts | sum amount", "drill", "check", "facts | sort amount", "facts | share amount", "facts | compare year"] {
            let r = try runFiscal(["-e", query, repro + "01-sum-wraps-negative.csv"])
            #expect(r.status == 3, "\(query)")
            #expect(r.err.contains("01-sum-wraps-negative.csv:2: expected an amount of at most 20 digits before the point and 12 after in `amount`, found `999999999999999999999999999999`"))
            #expect(r.err.contains("01-sum-wraps-negative.csv:3:"))
            #expect(r.out.isEmpty)
        }
    }

    @Test("01: a sum that overflows 38 digits is a query error, never a wrapped negative number")
    func sumOverflowIsAnError() throws {
        // each row fits (about 10^37), their sum does not
        let r = try runFiscal(["-e", "let t = facts | select amount", "-e", "t | derive x = amount * 10000000000000000 * 100000000000000000 | sum x", county])
        #expect(r.status == 1)
        #expect(r.err.contains("arithmetic overflow in the sum of `x`"))
        #expect(!r.out.contains("-"))
    }

    @Test("01: a chart of values too large to add up is refused with a note, not a crash")
    func chartOfHugeValues() throws {
        let r = try runFiscal(["-e", "facts | derive x = amount * 10000000000000000 * 100000000000000000 | chart pie x by item", county])
        #expect(r.status == 0)
        #expect(r.err.contains("cannot chart `x`: its values have more than 30 digits"))
        #expect(r.out.contains("(34 rows)"))
    }

    @Test("02: big literals, chained * and / are one error naming the expression")
    func deriveOverflow() throws {
        let thirds = "1" + String(repeating: " / 3", count: 90)
        let cases = [
            (seed, "facts | derive x = amount * 9999999999999999999 * 9999999999999999999", "`(amount * 9999999999999999999) * 9999999999999999999`"),
            (seed, "facts | derive x = amount * amount * amount * amount * amount * amount * amount * amount", "arithmetic overflow in `"),
            (county, "facts | derive x = \(thirds)", "arithmetic overflow in `"),
        ]
        for (file, query, expected) in cases {
            let r = try runFiscal(["-e", query, file])
            #expect(r.status == 1, "\(query)")
            #expect(r.err.contains(expected), "\(r.err)")
            #expect(r.err.contains("the exact result needs more than 38 digits"))
        }
        // 3^20 still fits: the exact ratio is kept and rounds only when printed
        let fits = try runFiscal(["-o", "csv", "-e", "facts | limit 1 | derive x = 1" + String(repeating: " / 3", count: 20) + " | select x", county])
        #expect(fits.status == 0)
        #expect(fits.out == "x\n0.0000\n")
    }

    @Test("03: a JSON amount 1e-37 is an error naming the path, from the file and from a plugin's answer")
    func tinyExponent() throws {
        let r = try runFiscal(["-e", "facts", repro + "03-json-tiny-exponent.json"])
        #expect(r.status == 3)
        #expect(r.err.contains("$.reports[0].facts[0].amount: expected an amount of at most 20 digits before the point and 12 after, found 1e-37"))

        let dir = Fixture.temporaryFolder()
        let model = try String(contentsOfFile: Fixture.root + "/" + repro + "03-json-tiny-exponent.json", encoding: .utf8)
        try writeTestPlugin(dir, "tiny", readAnswer: #"{"type":"read","model":"# + model.trimmingCharacters(in: .whitespacesAndNewlines) + #","warnings":[]}"#)
        try "x\n".write(toFile: dir + "/any.tiny", atomically: true, encoding: .utf8)
        let p = try runFiscal(["--plugins", dir, "-e", "facts", dir + "/any.tiny"])
        #expect(p.status == 3)
        #expect(p.err.contains("expected an amount of at most 20 digits"))
        #expect(p.err.contains("1e-37"))
    }

    @Test("03/04: in a script the shell keeps what was loaded after a bad load and a bad query")
    func scriptKeepsGoing() throws {
        let parens = String(repeating: "(", count: 5000) + "amount > 1" + String(repeating: ")", count: 5000)
        let script = ":load \(repro)03-json-tiny-exponent.json\nfacts | where \(parens)\nfacts | count\n"
        let r = try runFiscal(["--keep-going", "-f", "-", county], input: script)
        #expect(r.status == 1)
        #expect(r.out.contains("34"))  // the county example is still loaded
        #expect(r.err.contains("expected expressions nested at most 200 levels deep"))
        #expect(r.err.contains("1e-37"))
    }

    @Test("04: 5,000 nested parentheses are an error, not a stack overflow; 150 are fine")
    func deepParentheses() throws {
        let deep = String(repeating: "(", count: 5000) + "amount > 1" + String(repeating: ")", count: 5000)
        let r = try runFiscal(["-e", "facts | where \(deep)", county])
        #expect(r.status == 1)
        #expect(r.err.contains("error: expected expressions nested at most 200 levels deep, found more"))
        #expect(r.err.split(separator: "\n").allSatisfy { $0.count < 200 })  // the excerpt is a window
        let ok = String(repeating: "(", count: 150) + "amount > 1" + String(repeating: ")", count: 150)
        #expect(try runFiscal(["-e", "facts | where \(ok) | count", county]).out.contains("34"))
    }

    @Test("05/13: long figure lines, unclosed tables and repeated sections load (speed: Benchmarks/readers.sh)")
    func pathologicalReportsLoad() throws {
        let narrative = try runFiscal(["-e", "facts | where item = \"卫生健康支出\" | count", repro + "05-min-1600.txt"])
        #expect(narrative.status == 0)
        // 1600 lines stating the same figure are one fact with 1600 mentions.
        #expect(narrative.out.contains("\n1\n"))
        for f in ["13-tables-section-repeated-200.txt", "13-tables-unclosed-table-3000-lines.txt"] {
            #expect(try runFiscal(["-e", "facts | count", repro + f]).status == 0)
        }
    }

    @Test("06: a plugin streaming without end is stopped at 64 MiB; a chatty one costs nothing")
    func misbehavingPlugins() throws {
        let plugins = repro + "06-plugins/"
        let start = Date()
        let unbounded = try runFiscal(["--plugins", plugins + "unbounded", "-e", "facts", plugins + "any.txt"])
        #expect(unbounded.status == 3)
        #expect(unbounded.err.contains("plugin `unbounded`"))
        #expect(unbounded.err.contains("wrote more than 64 MiB in answer to `read` and was stopped"))
        let flood = try runFiscal(["--plugins", plugins + "stderrflood", "-e", "facts | count", plugins + "any.txt"])
        #expect(flood.status == 0)
        #expect(flood.out.contains("1"))
        #expect(Date().timeIntervalSince(start) < 10)  // was 4.3 GB and 10 s, then 5 s per request
    }

    @Test("06/08: plugin errors keep what follows a NUL and show escapes, not control characters")
    func pluginErrorsAreSafe() throws {
        let plugins = repro + "06-plugins/"
        let nul = try runFiscal(["--plugins", plugins + "nul", "-e", "facts", plugins + "any.txt"])
        #expect(nul.status == 3)
        #expect(nul.err.contains("found `garbage\\x00after-nul` (format nul)\n"))
        let esc = try runFiscal(["--plugins", plugins + "esc", "-e", "facts", plugins + "any.txt"])
        #expect(esc.status == 3)
        #expect(esc.err.contains("\\x1B[2J\\x1B]0;PWNED\\x07oops"))
        #expect(terminalSafe(esc.err))
    }

    @Test("07: a minus sign before a figure is kept, with the item and its code")
    func negativeSign() throws {
        let r = try runFiscal(["-o", "csv", "-e", "facts | where line = 46 | select item, code, amount", repro + "07-negative-sign-dropped.txt"])
        #expect(r.status == 0)
        #expect(r.out == "item,code,amount\n行政运行支出,2013101,-372.14\n")
    }

    @Test("08: an amount written in another unit than column unit is an error per row")
    func csvUnitClash() throws {
        let r = try runFiscal(["-e", "facts", repro + "08-csv-unit-clash.csv"])
        #expect(r.status == 3)
        #expect(r.err.contains("08-csv-unit-clash.csv:2: expected the amount in 万元 as column `unit` says, found `1014.73元` in 元"))
        #expect(r.err.contains("08-csv-unit-clash.csv:3: expected the amount in 万元 as column `unit` says, found `1014.73亿元` in 亿元"))
        #expect(r.err.contains("08-csv-unit-clash.csv:4: expected the amount in 元 as column `unit` says, found `1014.73万元` in 万元"))
    }

    @Test("09: one invalid byte or a cut character: the report loads with a warning naming line and offset")
    func invalidBytes() throws {
        for arguments in [[String](), ["--format", "narrative"]] {
            let r = try runFiscal(arguments + ["-e", "facts | count", repro + "09-one-invalid-byte.txt"])
            #expect(r.status == 0)
            #expect(r.out.contains("122"))  // as the clean seed (174 figures, 122 facts)
            #expect(r.err.contains("09-one-invalid-byte.txt:27:1: warning: expected UTF-8, found byte 0xFF at byte offset 3000; read as U+FFFD"))
        }
        let cut = try runFiscal(["-e", "facts | count", repro + "09-truncated-mid-char.txt"])
        #expect(cut.status == 0)
        #expect(cut.err.contains("warning: expected UTF-8, found the file cut inside a character (byte 0xE9) at byte offset 30000"))
    }

    @Test("10: control characters of a file are shown escaped in errors, tables and source lines")
    func escapesFromFiles() throws {
        let error = try runFiscal(["-e", "facts", repro + "10-esc-in-error.csv"])
        #expect(error.status == 3)
        #expect(error.err.contains("found `\\x1B]0;PWNED\\x07\\x1B[2J\\x1B[31mRED`"))
        #expect(terminalSafe(error.err))
        for query in ["facts | select entity, item", "source 1.00"] {
            for mode in ["table", "csv", "markdown", "json"] {
                let r = try runFiscal(["-o", mode, "-e", query, repro + "10-esc-in-table.csv"])
                #expect(r.status == 0)
                #expect(terminalSafe(r.out + r.err), "\(query) -o \(mode)")
            }
        }
        let table = try runFiscal(["-e", "facts | select item", repro + "10-esc-in-table.csv"])
        #expect(table.out.contains("a\\x1B[2Jb\\x1B]0;TITLE\\x07c\\x07"))
    }

    @Test("11: a NUL inside an item cuts nothing: every row and the row count are printed")
    func nulDoesNotTruncate() throws {
        let json = try runFiscal(["-e", "facts | select statement, item", repro + "11-nul-truncates-output.json"])
        #expect(json.status == 0)
        #expect(json.out.contains("a\\x00b"))
        #expect(json.out.contains("(1 row)"))
        let clean = try runFiscal(["-o", "csv", "-e", "facts | select item", seed])
        for mode in ["table", "csv", "markdown"] {
            let r = try runFiscal(["-o", mode, "-e", "facts | select item", repro + "11-nul-truncates-output.txt"])
            #expect(r.status == 0)
            #expect(r.out.contains("\\x00"), "-o \(mode)")
            #expect(terminalSafe(r.out))
            if mode == "csv" { #expect(r.out.split(separator: "\n").count == clean.out.split(separator: "\n").count) }
            if mode == "table" { #expect(r.out.contains("(122 rows)")) }
        }
    }

    @Test("12: source shows lines only of loaded files: /dev/zero returns at once, /etc/passwd is not shown")
    func sourceOnlyLoadedFiles() throws {
        let r = try runFiscal(["-e", "source 1.5", repro + "12-source-span-dev-zero.json"])
        #expect(r.status == 0)
        #expect(r.out.contains("(source not shown: /dev/zero is not a loaded file)"))
        let dir = Fixture.temporaryFolder()
        let text = try String(contentsOfFile: Fixture.root + "/" + repro + "12-source-span-dev-zero.json", encoding: .utf8)
        try text.replacingOccurrences(of: "/dev/zero", with: "/etc/passwd").write(toFile: dir + "/p.json", atomically: true, encoding: .utf8)
        let p = try runFiscal(["-e", "source 1.5", dir + "/p.json"])
        #expect(p.out.contains("(source not shown: /etc/passwd is not a loaded file)"))
        #expect(!p.out.contains("root:"))
        // and a loaded file's lines are shown as before
        #expect(try runFiscal(["-e", "source 546.41", seed]).out.contains("基本支出[[546.41]]万元"))
    }

    @Test("12: an endless input such as /dev/zero is refused after 256 MiB")
    func endlessInput() throws {
        let r = try runFiscal(["-e", "facts", "/dev/zero"])
        #expect(r.status == 3)
        #expect(r.err.contains("/dev/zero: cannot read the file: expected at most 256 MiB, found more"))
    }

    @Test("14: a column named twice in a CSV header is an error on line 1")
    func duplicateColumn() throws {
        let r = try runFiscal(["-e", "facts", repro + "14-csv-duplicate-column.csv"])
        #expect(r.status == 3)
        #expect(r.err.contains("14-csv-duplicate-column.csv:1: expected each column once in the header, found `amount` twice"))
    }

    @Test("15: an error on a continuation line names that line of the script")
    func continuationLine() throws {
        let r = try runFiscal(["-f", repro + "15-continuation-line-number.fql", county])
        #expect(r.status == 1)
        #expect(r.err.contains("--> \(repro)15-continuation-line-number.fql:4\n"))
    }

    @Test("13 (issue item): fiscal --plugins DIR formats lists the plugin, as docs/PLUGINS.md says")
    func pluginsBeforeSubcommand() throws {
        let r = try runFiscal(["--plugins", "Examples/plugins", "formats"])
        #expect(r.status == 0)
        #expect(r.out.contains("budgetsheet"))
    }

    @Test("14 (issue item): smaller items — a query starting with -, :source row, let facts, JSON keys and spans")
    func smallerItems() throws {
        let minus = try runFiscal(["-e", "-1", county])
        #expect(minus.status == 1)
        #expect(minus.err.contains("expected a source such as `facts`"))  // reached the query parser
        let row = try runFiscal(["-e", "facts | count", "-e", ":source row 99999999999999999999", county])
        #expect(row.err.contains("found `99999999999999999999`"))
        let shadow = try runFiscal(["-e", "let facts = facts | limit 1", county])
        #expect(shadow.status == 1)
        #expect(shadow.err.contains("cannot bind `facts`: it names a built-in source"))
        let zero = try runFiscal(["-e", "facts | derive r = amount / (year - 2019) | count", county])
        #expect(zero.out.contains("note: `amount / (year - 2019)` divides by zero in 12 rows"))

        let dir = Fixture.temporaryFolder()
        let base = #"{"fiscal":"model","version":1,"reports":[{"entity":"x","year":YEAR,"phase":"决算","unit":"万元","source":"s","facts":[{"statement":"支出","item":"a","amount":1.5,"span":SPAN}]}]}"#
        let cases = [
            ("dup.json", base.replacingOccurrences(of: "YEAR", with: "2020").replacingOccurrences(of: #""item":"a""#, with: #""item":"a","item":"b""#)
                .replacingOccurrences(of: "SPAN", with: #"{"file":"s","line":1,"start":1,"end":2}"#), "expected each key once in an object, found `item` twice"),
            ("span.json", base.replacingOccurrences(of: "YEAR", with: "2020").replacingOccurrences(of: "SPAN", with: #"{"file":"s","line":1,"start":5,"end":2}"#),
             "expected columns with 1 ≤ start ≤ end, found start 5 and end 2"),
            ("year.json", base.replacingOccurrences(of: "YEAR", with: "-1").replacingOccurrences(of: "SPAN", with: #"{"file":"s","line":1,"start":1,"end":2}"#),
             "$.reports[0].year: expected a year from 1900 to 2200, found -1"),
        ]
        for (name, text, expected) in cases {
            try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
            let r = try runFiscal(["-e", "facts", dir + "/" + name])
            #expect(r.status == 3, "\(name)")
            #expect(r.err.contains(expected), "\(name): \(r.err)")
        }
    }

    @Test("14 (issue item): a relative XDG_DATA_HOME or HOME runs no plugin from the current folder")
    func relativeHomeRunsNoPlugin() throws {
        let dir = Fixture.temporaryFolder()
        let pluginDir = dir + "/rel/fiscal/plugins"
        try FileManager.default.createDirectory(atPath: pluginDir, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Fixture.root + "/Examples/plugins/fiscal-format-budgetsheet", toPath: pluginDir + "/fiscal-format-budgetsheet")
        let r = try runFiscal(["formats"], environment: ["XDG_DATA_HOME": "rel", "FISCAL_PLUGIN_PATH": ""], directory: dir)
        #expect(r.status == 0)
        #expect(!r.out.contains("budgetsheet"))
        let absolute = try runFiscal(["formats"], environment: ["XDG_DATA_HOME": dir + "/rel"], directory: dir)
        #expect(absolute.out.contains("budgetsheet"))
    }
}

/// Ctrl-C while `:load` reads a file (a slow plugin) keeps nothing and says so (issue 11 item 14).
@Suite(.serialized)
struct InterruptedLoadTests {
    @Test func ctrlCDuringLoadKeepsNothing() throws {
        let dir = Fixture.temporaryFolder()
        try writeTestPlugin(dir, "slow", delay: 4, readAnswer: #"{"type":"read","model":{"fiscal":"model","version":1,"reports":[{"entity":"慢","year":2024,"phase":"决算","unit":"万元","source":"x","facts":[{"statement":"支出","item":"a","amount":"10.00","span":{"file":"x","line":1,"start":1,"end":3}}]}]},"warnings":[]}"#)
        try "x\n".write(toFile: dir + "/a.slow", atomically: true, encoding: .utf8)
        let shell = try TmuxDriver(arguments: ["--plugins", dir, Fixture.exampleCSV],
                                   environment: ["XDG_STATE_HOME": Fixture.temporaryFolder(), "LANG": "C", "NO_COLOR": "1"])
        #expect(shell.waitFor { $0.contains("]> ") }.ok)
        try shell.type(":load \(dir)/a.slow")
        try shell.keys("Enter")
        Thread.sleep(forTimeInterval: 1.5)
        try shell.keys("C-c")
        let stopped = shell.waitFor(timeout: 15) { $0.contains("interrupted: nothing was loaded") }
        #expect(stopped.ok, "screen:\n\(stopped.screen)")
        try shell.type(":reports")
        try shell.keys("Enter")
        let reports = shell.waitFor { $0.contains("(1 row)") || $0.contains("rows)") }
        #expect(reports.ok, "screen:\n\(reports.screen)")
        #expect(!reports.screen.contains("慢"))
    }
}

/// A plugin script `fiscal-format-NAME` in `dir` that detects every file and answers `read`
/// with `readAnswer` (one JSON line, after `delay` seconds).
func writeTestPlugin(_ dir: String, _ name: String, delay: Int = 0, readAnswer: String) throws {
    let plugin = dir + "/fiscal-format-" + name
    try """
        #!/bin/bash
        IFS= read -r h; IFS= read -r req
        printf '{"type":"hello","protocol":1,"name":"\(name)","version":"0"}\\n'
        case "$req" in
          *'"describe"'*) ;;
          *'"detect"'*) echo '{"type":"detect","confidence":99}' ;;
          *) sleep \(delay); printf '%s\\n' '\(readAnswer)' ;;
        esac
        """.writeExecutable(to: plugin)
}
