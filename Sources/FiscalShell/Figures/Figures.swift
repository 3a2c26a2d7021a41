import FiscalFormat
import FiscalModel
import FiscalQuery
import Foundation

/// A figure a report announces (`（图1：收、支决算总计变动情况图）（柱状图）`).
public struct FigureAnnouncement: Sendable, Hashable {
    /// `图1`, or `图` when unnumbered.
    public var label: String
    /// The title as the report writes it.
    public var title: String
    /// `bar` or `pie` when the report says (柱状图, 饼状图).
    public var kind: String?
    public var file: String
    public var line: Int

    /// Every announcement in `text`: a line holding `图N：TITLE` (brackets optional), possibly
    /// followed by the kind in brackets. Lines that only mention 图 in prose (图书馆) do not count.
    public static func find(in text: String, file: String) -> [FigureAnnouncement] {
        var found: [FigureAnnouncement] = []
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = Substring(line)
            while let at = rest.range(of: "图") {
                var after = rest[at.upperBound...]
                let digits = after.prefix { $0.isNumber && $0.isASCII }
                after = after.dropFirst(digits.count)
                guard let colon = after.first, colon == "：" || colon == ":" else {
                    rest = rest[at.upperBound...]
                    continue
                }
                // The title runs to the closing bracket or the end of the line.
                let body = after.dropFirst()
                let title = body.prefix { $0 != "）" && $0 != ")" }.trimmingCharacters(in: .whitespaces)
                let tail = body.dropFirst(title.count)
                let kind = FigureCatalog.kindWords.first { tail.prefix(12).contains($0.word) || title.hasSuffix($0.word) }?.kind
                if !title.isEmpty && title.count <= 40 {
                    found.append(FigureAnnouncement(label: "图" + digits, title: String(title), kind: kind, file: file, line: n + 1))
                }
                rest = tail
            }
        }
        return found
    }
}

/// One recreated figure: what it is, the query that recreates it, and the chart (or why not).
public struct Figure: Sendable {
    public var label: String?
    public var title: String
    public var announcement: FigureAnnouncement?
    public var query: String
    public var table: ResultTable?
    public var chart: Result<Chart, ChartError>
}

/// `figures`: the figures each loaded report announces, recreated from its facts; for a
/// report that announces none, the standard set where the facts allow.
public enum Figures {
    public static func make(session: Session) -> [(report: Report, figures: [Figure])] {
        var seen = Set<String>()
        return session.reports.compactMap { report in
            let key = "\(report.source)|\(report.entity)|\(report.year)|\(report.phase.rawValue)"
            guard seen.insert(key).inserted else { return nil }
            return (report, make(for: report, session: session))
        }
    }

    public static func make(for report: Report, session: Session) -> [Figure] {
        let text = (try? FileSystem.read(report.source)).flatMap { SourceText(bytes: $0, path: report.source)?.text } ?? ""
        let announced = FigureAnnouncement.find(in: text, file: report.source)
        if announced.isEmpty {
            return FigureCatalog.defaultOrder.compactMap { FigureCatalog.standard(id: $0) }.map { standard in
                var figure = run(standard, title: standard.title, kind: standard.kind, label: nil, announcement: nil,
                                 report: report, session: session)
                // Unannounced figures are drawn only where the facts allow; the others say why not.
                if case .success(let chart) = figure.chart, chart.categories.count < 2 {
                    let what = chart.categories.first.map { "`\($0)`" } ?? "—"
                    figure.chart = .failure(ChartError(Message(chart.kind == .bars ? .figOneBar : .figOnePart, what)
                        .text(session.options.language)))
                }
                return figure
            }
        }
        return announced.map { a in
            let title = a.label == "图" ? a.title : "\(a.label)：\(a.title)"
            guard let standard = FigureCatalog.standard(forTitle: a.title) else {
                return Figure(label: a.label, title: title, announcement: a, query: "", table: nil,
                              chart: .failure(ChartError(Message(.figNoStandard).text(session.options.language))))
            }
            return run(standard, title: title, kind: a.kind ?? standard.kind, label: a.label, announcement: a,
                       report: report, session: session)
        }
    }

    static func run(_ standard: FigureCatalog.Standard, title: String, kind: String, label: String?,
                    announcement: FigureAnnouncement?, report: Report, session: Session) -> Figure {
        var query = standard.query
            .replacingAll("{entity}", with: report.entity.replacingAll("\"", with: "\\\""))
            .replacingAll("{year}", with: String(report.year))
            .replacingAll("{phase}", with: report.phase.rawValue)
        if kind != standard.kind {
            query = query.replacingAll("| chart \(standard.kind) ", with: "| chart \(kind) ")
        }
        do throws(QueryError) {
            let (table, spec) = try session.evaluate(query)
            guard !table.rows.isEmpty else {
                return Figure(label: label, title: title, announcement: announcement, query: query, table: table,
                              chart: .failure(ChartError(Message(.figNoFacts).text(session.options.language))))
            }
            var chart = ChartOutput.chart(table, session: session, spec: spec, query: query, title: title)
            if case .success(var c) = chart {
                c.notes = table.notes + c.notes
                if standard.query.contains("max(amount)") {
                    c.notes.append(Message(.figLargest).text(session.options.language))
                }
                chart = .success(c)
            }
            return Figure(label: label, title: title, announcement: announcement, query: query, table: table, chart: chart)
        } catch {
            return Figure(label: label, title: title, announcement: announcement, query: query, table: nil,
                          chart: .failure(ChartError(error.message)))
        }
    }
}
