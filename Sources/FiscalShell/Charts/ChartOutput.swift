import FiscalCheck
import FiscalModel
import FiscalQuery
import Foundation

/// Where the shell draws charts: the `chart` stage in a terminal, `-o svg`, `:save x.svg|x.png`.
public enum ChartOutput {
    /// `-o svg` without a session (the renderer's fallback): the result drawn as fiscal chooses.
    static func svg(_ table: ResultTable, _ options: RenderOptions) -> Renderer.Output {
        switch Chart.make(table, spec: nil, title: "fiscal", language: options.language) {
        case .success(let chart): return Renderer.Output(body: chart.svgDocument(), notes: table.notes + chart.notes)
        case .failure(let error): return Renderer.Output(body: "", notes: table.notes + [Message(.chartCannotDraw, error.message).text(options.language)])
        }
    }

    /// The chart of `table` in `session`: the last query's `chart` stage (if any), a title, the
    /// unit of the facts behind it and the reports and lines they came from.
    public static func chart(_ table: ResultTable, session: Session, spec: ChartSpec?, query: String?,
                             title: String? = nil) -> Result<Chart, ChartError> {
        let heading = title ?? query.map { ChartOutput.defaultTitle(of: $0, spec: spec) } ?? "fiscal"
        let units = self.units(of: table, in: session.reports)
        let language = session.options.language
        var made = Chart.make(table, spec: spec, title: heading, unit: units.count == 1 ? units.first : nil,
                              source: source(of: table, in: session.reports, language: language), language: language)
        if units.count > 1, case .success(var chart) = made {
            chart.notes.append(Message(.chartUnitsDiffer, units.sorted().joinedAsList(in: language)).text(language))
            made = .success(chart)
        }
        let derived = derivedRows(of: table, in: session.reports)
        if !derived.isEmpty, !table.notes.contains(where: { $0.contains("derived") || $0.contains("推算") }), case .success(var chart) = made,
           let label = Chart.labelColumn(of: table, spec: spec, values: []) {
            let names = derived.prefix(4).map { Renderer.displayText(table.rows[$0][label], RenderOptions()) }
            chart.notes.append(Message(.chartDerived, (Array(names) + (derived.count > 4 ? ["…"] : [])).joinedAsList(in: language)).text(language))
            made = .success(chart)
        }
        return made
    }

    /// The query without its `chart` stage: what the chart shows.
    static func defaultTitle(of query: String, spec: ChartSpec?) -> String {
        var text = query
        if let spec {
            text = String(Array(query).prefix(spec.span.lowerBound))
        }
        text = text.trimmedWhitespace
        while text.hasSuffix("|") { text = String(text.dropLast()).trimmedWhitespace }
        return text.replacingAll("\n", with: " ")
    }

    /// The rows fed by a fact fiscal derived (a prior-year value from a stated change).
    static func derivedRows(of table: ResultTable, in reports: [Report]) -> [Int] {
        (0..<min(table.rows.count, 200)).filter { r in
            Provenance.facts(at: Array(table.sources(ofRow: r).prefix(20)), in: reports).contains { $0.derived }
        }
    }

    /// The units of the facts the rows came from (万元, 元, 辆); with no provenance (a table
    /// built by a command), the reports' money unit when they share one.
    static func units(of table: ResultTable, in reports: [Report]) -> Set<String> {
        var spans: [SourceSpan] = []
        for r in 0..<min(table.rows.count, 200) { spans += table.sources(ofRow: r).prefix(20) }
        let units = Set(Provenance.facts(at: spans, in: reports).map(\.unit))
        if !units.isEmpty { return units }
        let money = Set(reports.map(\.unit.rawValue))
        return money.count == 1 ? money : []
    }

    /// `县委办 2020 决算 (wusheng-2020-决算.txt) lines 27, 30, 42–57`: per file, the report it
    /// holds and the lines the rows came from.
    public static func source(of table: ResultTable, in reports: [Report], language: Language = .english) -> String? {
        var lines: [String: Set<Int>] = [:]
        var order: [String] = []
        for r in 0..<table.rows.count {
            for span in table.sources(ofRow: r) {
                if lines[span.file] == nil { order.append(span.file) }
                lines[span.file, default: []].insert(span.line)
            }
        }
        guard !order.isEmpty else { return nil }
        return order.map { file in
            let name = file.split(separator: "/").last.map(String.init) ?? file
            let held = reports.filter { $0.source == file }
            let who = held.first.map { r in
                var seen = Set<String>()
                let when = held.sorted { $0.year < $1.year }.map { "\($0.year) \($0.phase.rawValue)" }.filter { seen.insert($0).inserted }
                return "\(r.displayName) \(when.joined(separator: ", ")) (\(name))"
            } ?? name
            return Message(lines[file]!.count == 1 ? .chartLine : .chartLines, who, ranges(lines[file]!.sorted())).text(language)
        }.joined(separator: "; ")
    }

    /// `27, 30, 42–57`: sorted numbers with runs of three or more as ranges.
    static func ranges(_ numbers: [Int]) -> String {
        var parts: [String] = []
        var i = 0
        while i < numbers.count {
            var j = i
            while j + 1 < numbers.count && numbers[j + 1] == numbers[j] + 1 { j += 1 }
            if j - i >= 2 {
                parts.append("\(numbers[i])–\(numbers[j])")
            } else {
                parts += numbers[i...j].map(String.init)
            }
            i = j + 1
        }
        return parts.joined(separator: ", ")
    }

    /// Writes `chart` to `path` as SVG, or as PNG through `rsvg-convert` (librsvg).
    public static func save(_ chart: Chart, to path: String) throws(ChartError) {
        let lower = path.lowercased()
        if lower.hasSuffix(".svg") {
            try write(chart.svgDocument(), to: path, language: chart.language)
        } else if lower.hasSuffix(".png") {
            try PNGRenderer.convert(svg: chart.svgDocument(), to: path, language: chart.language)
        } else {
            throw ChartError(Message(.chartExpectedFile, path).text(chart.language))
        }
    }

    static func write(_ text: String, to path: String, language: Language = .english) throws(ChartError) {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        } catch {
            throw ChartError(Message(.cannotWrite, path, error.localizedDescription).text(language))
        }
    }
}

/// SVG to PNG through `rsvg-convert` (Debian's librsvg2-bin), found on `PATH`.
public enum PNGRenderer {
    /// The renderer's path, or `nil` when it is not installed.
    public static var executable: String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/rsvg-convert"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Renders `svg` to a PNG file at twice the SVG's size (sharp in print).
    public static func convert(svg: String, to path: String, language: Language = .english) throws(ChartError) {
        guard let tool = executable else {
            throw ChartError(Message(.chartNoRsvg).text(language))
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = ["--zoom=2", "--format=png", "--output", path]
        let input = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw ChartError(Message(.chartCannotRun, error.localizedDescription).text(language))
        }
        input.fileHandleForWriting.write(Data(svg.utf8))
        try? input.fileHandleForWriting.close()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let text = String(decoding: message, as: UTF8.self).trimmedWhitespace
            throw ChartError(Message(.chartRsvgFailed, Int(process.terminationStatus), text).text(language))
        }
    }
}

extension StatementRunner {
    /// Shows a result that ends in `chart` (or any result under `-o svg`): bars in table and
    /// markdown mode, an SVG document in svg mode, the data itself in csv and json.
    public func showChart(_ result: ResultTable, query: String) {
        let options = session.options
        switch options.mode {
        case .csv, .json:
            show(result)
            return
        case .table, .markdown, .html, .svg:
            break
        }
        switch ChartOutput.chart(result, session: session, spec: session.lastChart, query: query) {
        case .success(let chart):
            if options.mode == .markdown || options.mode == .html {
                // In a document: the chart itself in HTML, its text drawing in Markdown.
                write(.chart(svg: chart.svgElement(), text: chart.terminalText(width: 80, color: false), notes: result.notes))
            } else if options.mode == .svg {
                console.out(chart.svgDocument())
                let notes = noteLines(result.notes + chart.notes)
                if !notes.isEmpty { console.err(notes) }
            } else {
                console.out(chart.terminalText(width: options.maxWidth ?? 80, color: options.color))
                console.out(noteLines(result.notes))
            }
        case .failure(let error):
            console.err(Message(.notePrefix, Message(.chartShowingTable, error.message)).text(options.language) + "\n")
            show(result)
        }
    }
}

extension ChartOutput {
    /// `:save x.svg` / `:save x.png`: the last result's chart. `nil` for other extensions.
    static func save(_ result: ResultTable, to path: String, context: MetaCommandContext) throws(MetaCommandError) -> MetaOutcome? {
        let lower = path.lowercased()
        guard lower.hasSuffix(".svg") || lower.hasSuffix(".png") else { return nil }
        let session = context.session
        switch chart(result, session: session, spec: session.lastChart, query: session.lastQuery) {
        case .success(let chart):
            do throws(ChartError) {
                try save(chart, to: path)
            } catch {
                throw MetaCommandError(error.message)
            }
            context.runner.console.err(Message(chart.kind == .bars ? .chartSavedBars : .chartSavedParts, chart.categories.count, path).text(session.options.language) + "\n")
            return .done
        case .failure(let error):
            throw MetaCommandError(Message(.chartCannotDrawLast, error.message))
        }
    }
}
