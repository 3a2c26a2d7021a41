import FiscalFormat
import FiscalModel
import Foundation
import TablesFormat

/// The real reports in Examples/corpus (the repository's copy), read with the tables format.
enum Corpus {
    /// The package root (this file is Plugins/TablesFormat/Tests/CorpusSupport.swift).
    static var root: String {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }

    static func path(_ relative: String) -> String { root + "/Examples/corpus/" + relative }

    static func source(_ relative: String) throws -> SourceText {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path(relative))))
        return SourceText(bytes: bytes, path: path(relative))!
    }

    static func report(_ relative: String) throws -> Report {
        try TablesFormat().read(source(relative)).reports[0]
    }

    /// The facts read from table cells (not the narrative's).
    static func tableFacts(_ report: Report) -> [Fact] {
        report.facts.filter { $0.reading.isTable }
    }
}

extension Report {
    /// The table facts of `statement` in the item's total measure, as `code = amount`, in
    /// the order of the table.
    func codeRows(_ statement: Statement, measure: Measure = .total) -> [String] {
        facts.filter { $0.reading.isTable && $0.statement == statement && $0.measure == measure && ($0.code ?? $0.econCode) != nil }
            .map { "\(($0.code ?? $0.econCode)!) = \($0.amount)" }
    }
}
