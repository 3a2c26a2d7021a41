import FiscalModel

/// What a load did with its files: which reports they made, which merged into another file's
/// report, which were skipped as repeats of a loaded file. The load message and its notes
/// come from here, so nothing is folded silently.
public struct LoadOutcome: Sendable {
    /// The reports the loaded files are part of (indices into the session's reports).
    public var reports: [Int] = []
    /// Files merged into the report of another: the file, its report, and the report's other files.
    public var merged: [(file: String, report: Int, with: [String])] = []
    /// Files skipped: the file, why, and the loaded file it repeats.
    public var skipped: [(file: String, reason: ReportAssembly.DuplicateReason, kept: String)] = []
    /// How many files were read.
    public var files: Int = 0
    let assembled: [Report]

    init(assembly: ReportAssembly, documents: [Report], range: Range<Int>) {
        assembled = assembly.reports
        var seen = Set<Int>()
        for i in range {
            files += 1
            switch assembly.outcomes[i] {
            case .report(let r):
                if seen.insert(r).inserted { reports.append(r) }
            case .merged(let r):
                if seen.insert(r).inserted { reports.append(r) }
                let path = documents[i].sourceDocuments.first?.path ?? documents[i].source
                merged.append((path, r, assembly.reports[r].sourceDocuments.map(\.path).filter { $0 != path }))
            case .duplicate(let k, let reason):
                skipped.append((documents[i].source, reason, documents[k].source))
            }
        }
    }

    /// `loaded 9 reports from 12 files (…): 3 merged …, 0 skipped` (or the short form when
    /// every file is a report of its own).
    public func message(_ language: Language) -> String {
        let facts = reports.reduce(0) { $0 + assembled[$1].facts.count }
        let warnings = reports.reduce(0) { $0 + assembled[$1].warnings.count }
        if merged.isEmpty && skipped.isEmpty {
            return Message(.loadedReports, reports.count, facts, warnings).text(language)
        }
        return Message(.loadedFromDocuments, reports.count, files, facts, warnings, merged.count, skipped.count).text(language)
    }

    /// One note per merged or skipped file.
    public func notes(_ language: Language) -> [String] {
        merged.map { m in
            let r = assembled[m.report]
            return Message(.mergedDocument, LoadOutcome.fileName(m.file), r.displayName, r.year, r.phase.rawValue,
                           m.with.map(LoadOutcome.fileName).joined(separator: ", ")).text(language)
        } + skipped.map { s in
            Message(.skippedRepeat, LoadOutcome.fileName(s.file),
                    Message(s.reason == .sameText ? .repeatSameText : .repeatSameFigures), LoadOutcome.fileName(s.kept)).text(language)
        }
    }

    /// The last part of a path.
    static func fileName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
