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

    /// The report of a fixture; `pypdf` picks the pypdf extraction.
    static func report(_ document: String, pypdf: Bool = false) throws -> Report {
        let file = path(document + (pypdf ? ".pypdf.txt" : ".txt"))
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: file)))
        let source = SourceText(bytes: bytes, path: file)!
        return try TablesFormat().read(source).reports[0]
    }
}

extension Report {
    /// Facts of a statement, as `item|code|column|fund = amount` lines, for comparisons.
    func rows(_ statement: Statement? = nil, names: Bool = true) -> [String] {
        facts.filter { statement == nil || $0.statement == statement }.map { f in
            "\(f.statement)|\(names ? f.item : "")|\(f.code?.rawValue ?? f.econCode?.rawValue ?? "")|\(f.column ?? "")|\(f.fund?.rawValue ?? "") = \(f.amount)"
        }
    }
}
