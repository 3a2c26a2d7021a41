import FiscalModel
import Foundation

extension MetaCommandTable {
    /// Teaching: the report's own figures, recreated. (`:save lesson.html` writes a handout.)
    static let teaching: [MetaCommand] = [
        MetaCommand(
            "figures", arguments: "[save DIR [png]]",
            summary: Message(.cmdFiguresSummary), details: Message(.cmdFiguresDetails),
            completion: .words(["save"], then: [:]),
            action: { arguments, context throws(MetaCommandError) in
                let session = context.session
                guard !session.reports.isEmpty else {
                    throw MetaCommandError("no report is loaded", hint: "`:load FILE` first")
                }
                let all = Figures.make(session: session)
                if arguments.first == "save" {
                    guard arguments.count >= 2 else { throw MetaCommandError("expected a folder after `figures save`") }
                    try saveFigures(all, to: arguments[1], png: arguments.dropFirst(2).contains("png"), context: context)
                    return .done
                }
                guard arguments.isEmpty else {
                    throw MetaCommandError("expected nothing or `save DIR` after `figures`; found `\(arguments[0])`")
                }
                var out = ""
                let width = session.options.maxWidth ?? 80
                for (report, figures) in all {
                    let announced = figures.contains { $0.announcement != nil }
                    out += "── \(report.displayName) \(report.year) \(report.phase.rawValue): "
                        + (announced ? "\(figures.count) figure\(figures.count == 1 ? "" : "s") announced" : "announces no figure; the standard set where the facts allow")
                        + "\n\n"
                    if figures.isEmpty { out += "(its facts allow none of the standard figures)\n\n" }
                    for figure in figures {
                        switch figure.chart {
                        case .success(let chart): out += chart.terminalText(width: width, color: session.options.color)
                        case .failure(let error): out += "\(figure.title)\n  not drawn: \(error.message)\n"
                        }
                        if let a = figure.announcement { out += "announced at \(a.file):\(a.line)\n" }
                        if !figure.query.isEmpty { out += "query: \(figure.query)\n" }
                        out += "\n"
                    }
                }
                context.runner.console.out(out)
                return .done
            }),
    ]

    static func saveFigures(_ all: [(report: Report, figures: [Figure])], to directory: String, png: Bool,
                            context: MetaCommandContext) throws(MetaCommandError) {
        do {
            try FigureFiles.createDirectory(directory)
        } catch {
            throw MetaCommandError("cannot create `\(directory)`: \(error)")
        }
        var written = 0
        for (report, figures) in all {
            for (i, figure) in figures.enumerated() {
                guard case .success(let chart) = figure.chart else { continue }
                let base = "\(directory)/\(FigureFiles.safeName(report.displayName))-\(report.year)-\(figure.label.map { FigureFiles.safeName($0) } ?? "fig\(i + 1)")"
                do throws(ChartError) {
                    try ChartOutput.save(chart, to: base + ".svg")
                    if png { try ChartOutput.save(chart, to: base + ".png") }
                } catch {
                    throw MetaCommandError(error.message)
                }
                written += 1
            }
        }
        context.runner.console.err("saved \(written) figure\(written == 1 ? "" : "s") to \(directory)\(png ? " (SVG and PNG)" : "")\n")
    }
}


/// Where `figures save` writes: the folder, and file names made from report and figure names.
enum FigureFiles {
    static func createDirectory(_ path: String) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// A file-name part with path separators and control characters replaced.
    static func safeName(_ s: String) -> String {
        String(s.map { "/\\:*?\"<>|".contains($0) || $0.isNewline ? "_" : $0 })
    }
}
