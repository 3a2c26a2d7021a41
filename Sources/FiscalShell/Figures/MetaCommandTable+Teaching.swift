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
                    throw MetaCommandError(Message(.figNoReport), hint: Message(.figLoadFirst))
                }
                let all = Figures.make(session: session)
                if arguments.first == "save" {
                    guard arguments.count >= 2 else { throw MetaCommandError(Message(.figExpectedFolder)) }
                    try saveFigures(all, to: arguments[1], png: arguments.dropFirst(2).contains("png"), context: context)
                    return .done
                }
                guard arguments.isEmpty else {
                    throw MetaCommandError(Message(.figExpectedNothing, arguments[0]))
                }
                var out = ""
                let width = session.options.maxWidth ?? 80
                let language = session.options.language
                for (report, figures) in all {
                    let announced = figures.contains { $0.announcement != nil }
                    out += "── \(report.displayName) \(report.year) \(report.phase.rawValue): "
                        + (announced ? Message(.figAnnounced, figures.count) : Message(.figNoneAnnounced)).text(language)
                        + "\n\n"
                    if !figures.contains(where: { (try? $0.chart.get()) != nil }) { out += Message(.figNoneAllowed).text(language) + "\n\n" }
                    for figure in figures {
                        switch figure.chart {
                        case .success(let chart): out += chart.terminalText(width: width, color: session.options.color)
                        case .failure(let error): out += "\(figure.title)\n  " + Message(.figNotDrawn, error.message).text(language) + "\n"
                        }
                        if let a = figure.announcement { out += Message(.figAnnouncedAt, "\(a.file):\(a.line)").text(language) + "\n" }
                        if !figure.query.isEmpty { out += Message(.figQuery, figure.query).text(language) + "\n" }
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
            throw MetaCommandError(Message(.figCannotCreate, directory, "\(error)"))
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
        context.runner.console.err(Message(png ? .figSavedPNG : .figSaved, written, directory).text(context.session.options.language) + "\n")
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
