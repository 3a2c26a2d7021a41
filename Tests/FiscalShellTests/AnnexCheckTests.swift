import Foundation
import Testing

/// The seed's 附件 (第四部分) repeats figures of sections 二 and 五 and the projects: `check`
/// finds the two places equal, finds a changed copy, and sums do not count the copy twice.
@Suite("the seed's 附件 in check and queries", .serialized)
struct AnnexCheckTests {
    let seed = "Examples/wusheng-2020-决算.txt"

    func rows(_ r: RunResult) throws -> [[String: Any]] {
        try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [[String: Any]] ?? []
    }

    @Test("the seed's 附件 agrees with its explanation")
    func agrees() throws {
        let r = try runFiscal(["check", "-o", "json", seed])
        #expect(try rows(r).filter { $0["rule"] as? String == "annex" }.isEmpty)
    }

    @Test("a 附件 figure changed by one cent is an error naming both lines")
    func changedCopy() throws {
        let text = try String(contentsOfFile: Fixture.root + "/" + seed, encoding: .utf8)
        var lines = text.components(separatedBy: "\n")
        #expect(lines[801].contains("一般公共预算财政拨款收入927.15万元"))
        lines[801] = lines[801].replacingOccurrences(of: "927.15", with: "927.16")
        let path = Fixture.temporaryFolder() + "/wusheng-changed.txt"
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let r = try runFiscal(["check", "-o", "json", "--format", "narrative", path])
        #expect(r.status == 1)
        let annex = try rows(r).filter { $0["rule"] as? String == "annex" }
        #expect(annex.count == 1)
        let f = try #require(annex.first)
        let severity = f["severity"] as? String, subject = f["subject"] as? String, named = f["lines"] as? String
        #expect(severity == "error")
        #expect(subject == "一般公共预算财政拨款收入 in the explanation and 附件")
        #expect(named == "\(path):27, \(path):802")
    }

    @Test("the 附件's copy is a mention of the explanation's fact: counted once, its figure disputed when changed")
    func sumsAreNotDoubled() throws {
        // Line 27 and line 802 state the same eight figures: eight facts, each stated twice.
        let count = try runFiscal(["-e", "facts | where statement = \"收入\" | count", "-o", "csv", seed])
        #expect(count.out == "n\n8\n")
        // The parts of 本年收入合计 once: 927.15 + 305.68 (+ six zeros).
        let parts = try runFiscal(["-e", "facts | where statement = \"收入\" and item != \"本年收入合计\" | sum amount", "-o", "csv", seed])
        #expect(parts.out == "amount\n1232.83\n")
        // The total with its parts is refused, naming both.
        let both = try runFiscal(["-e", "facts | where statement = \"收入\" | sum amount", seed])
        #expect(both.status == 1)
        #expect(both.err.contains("`本年收入合计` is the total of"))
        let classes = try runFiscal(["-e", "facts | group 类 | sum amount", "-o", "csv", seed])
        #expect(classes.out.contains("201,一般公共服务支出,865.23\n"))
    }

    @Test("a 附件 figure changed by one cent makes the fact disputed in facts")
    func disputedInFacts() throws {
        let text = try String(contentsOfFile: Fixture.root + "/" + seed, encoding: .utf8)
        let path = Fixture.temporaryFolder() + "/wusheng-changed.txt"
        var lines = text.components(separatedBy: "\n")
        lines[801] = lines[801].replacingOccurrences(of: "927.15", with: "927.16")
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let r = try runFiscal(["-e", "facts | where statement = \"收入\" and disputed = true | select item, amount, line", "-o", "csv", "--format", "narrative", path])
        #expect(r.status == 0)
        #expect(r.out == "item,amount,line\n一般公共预算财政拨款收入,927.15,27\n")
        #expect(r.err.contains("1 fact is disputed"))
    }
}

@Suite("Findings about the 附件 say so")
struct AnnexSubjectTests {
    @Test("the 附件's repeat of the income error is marked (附件) and names line 802")
    func marked() throws {
        let r = try runFiscal(["-e", "check | where severity = \"error\" and subject ~ \"附件\" | select subject, lines", "-o", "csv",
                               "Examples/wusheng-2020-决算.txt"])
        #expect(r.status == 0)
        #expect(r.out == """
            subject,lines
            政府性基金预算财政拨款收入 share of 本年收入合计 (附件),Examples/wusheng-2020-决算.txt:802

            """)
    }
}
