import Foundation
import Testing

/// The narrative's words held against its figures (rules `comparison` and `heading-year`), on
/// real wording: the real document passes; the same document with one word changed fails on
/// the changed line, naming the figures it speaks of.
@Suite("claims in words", .serialized)
struct ClaimsInWordsTests {
    /// `fiscal check -o json` on `file` after replacing `from` by `to` (once, the text must hold it).
    func findings(_ file: String, replacing from: String, with to: String) throws -> [[String: Any]] {
        let text = try String(contentsOfFile: Fixture.root + "/" + file, encoding: .utf8)
        #expect(text.contains(from))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fiscal-claims-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent((file as NSString).lastPathComponent).path
        try text.replacingOccurrences(of: from, with: to).write(toFile: path, atomically: true, encoding: .utf8)
        let r = try runFiscal(["check", "-o", "json", path])
        return try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [[String: Any]] ?? []
    }

    static let shanghai01 = "Examples/shanghai-putuo/01_普陀区财政局_2024_部门决算.txt"
    static let jiangsu01 = "Examples/corpus/jiangsu/01_江苏省人大办公厅_2017_部门预算.txt"

    @Test("`决算数小于预算数` after 年初预算 1560.05 and 支出决算 1511.89 holds; `大于` is an error on both lines")
    func finalAgainstBudget() throws {
        let same = try findings(Self.shanghai01, replacing: "决算数小于预算数的主要原因：人员进出", with: "决算数小于预算数的主要原因：人员进出")
        #expect(!same.contains { $0["rule"] as? String == "comparison" })
        let wrong = try findings(Self.shanghai01, replacing: "决算数小于预算数的主要原因：人员进出", with: "决算数大于预算数的主要原因：人员进出")
        let f = try #require(wrong.first { $0["rule"] as? String == "comparison" })
        #expect(f["severity"] as? String == "error")
        #expect(f["subject"] as? String == "行政运行 greater than its budget")
        // The figures on l.574 (`年初预算为 万元，支出决算为 万元` with their numbers), the words on l.575.
        #expect((f["lines"] as? String ?? "").components(separatedBy: ", ").compactMap { $0.split(separator: ":").last.map(String.init) } == ["574", "575"])
        #expect((f["detail"] as? String ?? "").contains("1511.89 − 1560.05 = -48.16"))
    }

    @Test("a 2016 heading inside the 2017 report is an error; the real 2017 heading is not")
    func headingYear() throws {
        let same = try findings(Self.jiangsu01, replacing: "十二、2017 年部门政府采购", with: "十二、2017 年部门政府采购")
        #expect(!same.contains { $0["rule"] as? String == "heading-year" })
        let wrong = try findings(Self.jiangsu01, replacing: "十二、2017 年部门政府采购", with: "十二、2016 年部门政府采购")
        let f = try #require(wrong.first { $0["rule"] as? String == "heading-year" })
        #expect(f["severity"] as? String == "error")
        #expect((f["lines"] as? String ?? "").hasSuffix(":595"))
        #expect(f["stated"] as? Double == 2016 && f["computed"] as? Double == 2017)
    }
}
