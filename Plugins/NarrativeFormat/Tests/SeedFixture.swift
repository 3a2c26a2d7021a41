import FiscalFormat
import FiscalModel
import Foundation
import NarrativeFormat
import Testing

/// The seed and its variants, read once per use.
enum Seed {
    static let name = "wusheng-2020-决算.txt"

    static func path(_ file: String = name) -> String {
        Bundle.module.url(forResource: "Fixtures/\(file)", withExtension: nil)!.path
    }

    static func text(_ file: String = name) -> String {
        String(decoding: FileManager.default.contents(atPath: path(file))!, as: UTF8.self)
    }

    /// The seed read through the registry, as `fiscal` reads it.
    static func report(_ file: String = name) throws -> Report {
        let result = try FormatRegistry([NarrativeFormat()]).load(file: path(file))
        return try #require(result.reports.first)
    }

    /// A made-up 2026 部门预算 in the templates' shape: 第一部分, and 第二部分 with one section
    /// headed `heading` (`一、支出预算情况说明`) holding `body`.
    static func budget(_ heading: String, _ body: String) -> String {
        """
        某市某区某某局2026年部门预算
        第一部分 部门概况
        第二部分 2026年部门预算情况说明
        \(heading)
        \(body)
        """
    }

    /// Text read directly (variants).
    static func read(_ text: String, path: String = "variant.txt") throws -> Report {
        let result = try NarrativeFormat().read(SourceText(text: text, path: path))
        return try #require(result.reports.first)
    }
}

extension Report {
    /// The facts read (not derived) from `line`.
    func facts(line: Int) -> [Fact] { facts.filter { $0.span.line == line && !$0.derived } }

    /// The one fact of `item` in `statement` for `year`.
    func fact(_ item: String, _ statement: Statement, year: Int? = nil, derived: Bool = false) -> Fact? {
        let hits = facts.filter { $0.item == item && $0.statement == statement && $0.derived == derived && (year == nil || $0.year == year) }
        return hits.count == 1 ? hits[0] : nil
    }
}
