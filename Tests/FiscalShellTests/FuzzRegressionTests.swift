import FiscalFuzz
import Foundation
import Testing

/// Every input that ever crashed a fuzz target (Fuzz/crashes/TARGET/), and the seeds, run
/// through the target's replay executable: the properties the fuzzers check (no crash, a
/// loaded report within bounds and surviving a JSON round trip, no raw control character in
/// rendered output) hold for them.
@Suite("Fuzz regressions", .serialized)
struct FuzzRegressionTests {
    static let targets = ["FuzzNarrative", "FuzzTables", "FuzzCSV", "FuzzJSON", "FuzzQuery"]

    static func executable(_ name: String) -> String {
        URL(fileURLWithPath: Fixture.binary).deletingLastPathComponent().appendingPathComponent(name).path
    }

    static func files(in folder: String) -> [String] {
        let dir = Fixture.root + "/" + folder
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { !$0.hasSuffix(".md") }.sorted().map { dir + "/" + $0 }
    }

    @Test("each crash input replays cleanly through its target", arguments: targets)
    func crashes(target: String) throws {
        let inputs = Self.files(in: "Fuzz/crashes/\(target)")
        #expect(!inputs.isEmpty, "no regression inputs for \(target)")
        let r = try runProgram(Self.executable(target), inputs, environment: ["SWIFT_BACKTRACE": "enable=no"])
        #expect(r.status == 0, "\(target): \(r.err)")
        #expect(r.out.contains("\(target): \(inputs.count) input"))
    }

    @Test("the query target's seeds replay cleanly")
    func querySeeds() throws {
        let inputs = Self.files(in: "Fuzz/seeds/query")
        let r = try runProgram(Self.executable("FuzzQuery"), inputs, environment: ["SWIFT_BACKTRACE": "enable=no"])
        #expect(r.status == 0, "\(r.err)")
    }

    @Test("the terminal-safety property sees a raw control character and passes escaped text")
    func terminalProperty() {
        #expect(FuzzEntry.rawControl(in: "表\u{1B}[2J") == "\u{1B}")
        #expect(FuzzEntry.rawControl(in: "a\u{0}b") == "\u{0}")
        #expect(FuzzEntry.rawControl(in: "a\u{9B}b") == "\u{9B}")
        #expect(FuzzEntry.rawControl(in: "line\nnext \\x1B[2J") == nil)
    }
}
