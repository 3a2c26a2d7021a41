import FiscalFormat
import FiscalModel
import Foundation
import TablesFormat

/// The Shanghai 部门决算 fixtures, read with the tables format.
enum Fixtures {
    static let documents = ["01_普陀区财政局_2024_部门决算", "02_普陀区规划和自然资源局_2024_部门决算", "03_中共普陀区委社会工作部_2024_部门决算"]

    static func path(_ name: String) -> String {
        Bundle.module.path(forResource: name, ofType: nil, inDirectory: "Fixtures")!
    }

    /// The report of a fixture; `pypdf` picks the pypdf extraction. Without `narrative`, only
    /// the facts of the 附表 (before 第三部分 情况说明) and no claims.
    static func report(_ document: String, pypdf: Bool = false, narrative: Bool = false) throws -> Report {
        let file = path(document + (pypdf ? ".pypdf.txt" : ".txt"))
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: file)))
        let source = SourceText(bytes: bytes, path: file)!
        var report = try TablesFormat().read(source).reports[0]
        if !narrative {
            let start = source.lines.lastIndex { $0.filter { !$0.isWhitespace }.hasPrefix("第三部分") }.map { $0 + 1 } ?? Int.max
            report.facts.removeAll { $0.span.line >= start }
            report.claims = []
        }
        return report
    }

    /// The narrative facts and claims of a fixture, as lines comparable between extractions:
    /// statement, item, code, column, phase, year, derived, amount; claims by kind and fact.
    static func narrative(_ document: String, pypdf: Bool) throws -> (facts: [String], claims: [String]) {
        let r = try report(document, pypdf: pypdf, narrative: true)
        let tables = try report(document, pypdf: pypdf).facts.count
        func key(_ i: FactIndex?) -> String {
            guard let i else { return "-" }
            let f = r.facts[i]
            return "\(f.statement)|\(f.item)|\(f.code?.rawValue ?? "")|\(f.measure == .total ? "" : f.measure.rawValue)|\(f.phase.rawValue)|\(f.year)|\(f.derived) = \(f.amount)"
        }
        let facts = (tables..<r.facts.count).map { key($0) }
        let claims = r.claims.map { c -> String in
            switch c.kind {
            case .share(let p, let w): "share \(p) of \(key(w)): \(key(c.fact))"
            case .change(let y, let d, let p): "change \(y) \(d.map { "\($0)" } ?? "-") \(p.map { "\($0)" } ?? "-"): \(key(c.fact))"
            case .unchanged(let y): "unchanged \(y): \(key(c.fact))"
            case .completion(let p, let b): "completion \(p) of \(key(b)): \(key(c.fact))"
            case .comparison(let r, let y, let o): "comparison \(r.rawValue) \(y.map(String.init) ?? "budget") \(key(o)): \(key(c.fact))"
            }
        }
        return (facts, claims)
    }
}

extension Report {
    /// Facts of a statement, as `item|code|measure|fund = amount` lines, for comparisons.
    func rows(_ statement: Statement? = nil, names: Bool = true) -> [String] {
        facts.filter { statement == nil || $0.statement == statement }.map { f in
            "\(f.statement)|\(names ? f.item : "")|\(f.code?.rawValue ?? f.econCode?.rawValue ?? "")|\(f.measure.rawValue)|\(f.fund?.rawValue ?? "") = \(f.amount)"
        }
    }
}
