import FiscalModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The formats fiscal knows, and the one place that picks a format for a file.
public struct FormatRegistry: Sendable {
    /// The formats, in registration order (which breaks ties in detection).
    public private(set) var formats: [any ReportFormat]

    /// A registry of `formats`, in that order.
    public init(_ formats: [any ReportFormat]) {
        self.formats = formats
    }

    /// Adds a format; one with the same name as an existing format replaces it.
    public mutating func register(_ format: any ReportFormat) {
        formats.removeAll { $0.descriptor.name == format.descriptor.name }
        formats.append(format)
    }

    /// The names of the known formats, in registration order.
    public var names: [String] { formats.map(\.descriptor.name) }

    /// The format named `name`.
    public func format(named name: String) -> (any ReportFormat)? {
        formats.first { $0.descriptor.name == name }
    }

    /// Every format's confidence for a sample, most confident first (ties keep registration
    /// order); formats with no confidence are left out.
    public func candidates(for sample: FileSample) -> [(format: any ReportFormat, confidence: Confidence)] {
        detect(sample).candidates
    }

    /// Every format's confidence for a sample (as ``candidates(for:)``), and the errors of
    /// the formats that failed while detecting (external plugins that crashed or hung).
    public func detect(_ sample: FileSample) -> (candidates: [(format: any ReportFormat, confidence: Confidence)], failures: [(format: String, error: FormatError)]) {
        var scored: [(offset: Int, format: any ReportFormat, confidence: Confidence)] = []
        var failures: [(format: String, error: FormatError)] = []
        for (offset, format) in formats.enumerated() {
            do {
                let confidence = try format.checkedDetect(sample)
                if confidence > .none { scored.append((offset, format, confidence)) }
            } catch {
                failures.append((format.descriptor.name, error))
            }
        }
        scored.sort { a, b in a.confidence != b.confidence ? a.confidence > b.confidence : a.offset < b.offset }
        return (scored.map { (format: $0.format, confidence: $0.confidence) }, failures)
    }

    /// The descriptors of the known formats, in registration order (for `fiscal formats`).
    public var descriptors: [FormatDescriptor] { formats.map(\.descriptor) }

    /// Reads one file: with the named format, or with the most confident one. Each report's
    /// facts are folded by key (``FiscalModel/Report/folded()``).
    public func load(file path: String, format name: String? = nil) throws(LoadError) -> FormatResult {
        if let streamed = try loadStreaming(file: path, format: name) { return streamed }
        return try read(bytes: FileSystem.read(path), path: path, format: name)
    }

    /// Reads a regular file larger than a sample with a format that streams it
    /// (``StreamingReportFormat``), chosen by name or detected with certainty; `nil` when no
    /// such format takes the file (the caller reads the whole text).
    func loadStreaming(file path: String, format name: String?) throws(LoadError) -> FormatResult? {
        guard let prefix = FileSystem.prefix(ofRegularFile: path, count: FileSample.size, ifLargerThan: FileSample.size) else {
            return nil
        }
        let chosen: any ReportFormat
        var detected: Confidence?
        if let name {
            guard let f = format(named: name) else { throw .noSuchFormat(name: name, known: names) }
            chosen = f
        } else {
            let detection = detect(FileSample(path: path, bytes: prefix))
            guard let best = detection.candidates.first, best.confidence >= FormatRegistry.weakEvidence,
                  detection.failures.isEmpty else { return nil }
            chosen = best.format
            detected = best.confidence
        }
        guard let streaming = chosen as? any StreamingReportFormat else { return nil }
        let streamed: StreamedResult
        do throws(FormatError) {
            guard let read = try streaming.readStreaming(path: path) else { return nil }
            try FormatRegistry.checkBounds(read.result, path: path)
            streamed = read
        } catch {
            throw .failed(format: chosen.descriptor.name, error)
        }
        let judged = try FormatRegistry.judged(streamed.result, format: chosen.descriptor.name, path: path, detected: detected, warnings: [])
        // A report that takes its identity from the document's text reads the whole text.
        let base = path.split(separator: "/").last.map(String.init) ?? path
        if judged.reports.contains(where: { $0.year == 0 || $0.entity.isEmpty || $0.entity == path || $0.entity == base }) {
            return nil
        }
        return FormatRegistry.folded(judged, path: path, digest: streamed.digest)
    }

    /// Fails on the first report with something outside fiscal's bounds (``FiscalModel/Report/boundsViolation``).
    static func checkBounds(_ read: FormatResult, path: String) throws(FormatError) {
        // Reports are checked on all cores (a file of 30,000 reports checks ten million facts);
        // the first one in file order with a violation is the one named.
        let reports = read.reports
        let parts = Parallel.ranges(reports.count, minimum: 16)
        let firstInPart = Parallel.map(parts.count) { k in
            parts[k].lazy.compactMap { reports[$0].boundsViolation }.first
        }
        for violation in firstInPart {
            if let (span, message) = violation {
                let line = span.flatMap { $0.file == path ? $0.line : nil }
                let place = span.flatMap { $0.file == path ? nil : " (at \($0))" } ?? ""
                throw FormatError(file: path, line: line, message + place)
            }
        }
    }

    /// Every report folded (on all cores), each remembering its document: the entity as printed
    /// and a digest of the file's bytes (`digest`) with its place in the file.
    static func folded(_ result: FormatResult, path: String, digest: UInt64) -> FormatResult {
        var judged = result
        let unfolded = judged.reports
        judged.reports = Parallel.map(unfolded.count) { unfolded[$0].folded() }
        for i in judged.reports.indices where judged.reports[i].documents.isEmpty {
            let r = judged.reports[i]
            judged.reports[i].documents = [ReportDocument(path: path, printedEntity: r.entity, format: r.format,
                                                          digest: ReportDocument.digest(digest, part: i))]
        }
        return judged
    }

    /// Reads the bytes of one file (named `path` in spans and messages): detection, decoding,
    /// the format's reader and the model's bounds, as ``load(file:format:)`` does after
    /// reading the file. The fuzz targets drive this.
    public func read(bytes: [UInt8], path: String, format name: String? = nil) throws(LoadError) -> FormatResult {
        let chosen: any ReportFormat
        var detectWarnings: [Diagnostic] = []
        var detected: Confidence?
        if let name {
            guard let f = format(named: name) else { throw .noSuchFormat(name: name, known: names) }
            chosen = f
        } else {
            let sample = FileSample(path: path, bytes: Array(bytes.prefix(FileSample.size)))
            let detection = detect(sample)
            guard let best = detection.candidates.first else {
                // A plugin that failed may have been the one for this file: say so rather
                // than "no format recognises this file".
                if let failure = detection.failures.first { throw .failed(format: failure.format, failure.error) }
                throw .unknownFormat(file: path, known: names)
            }
            chosen = best.format
            detected = best.confidence
            detectWarnings = detection.failures.map {
                Diagnostic(.warning, code: "plugin-failed", Message(.loadPluginFailedDetecting, "\($0.format)", "\($0.error)"))
            }
        }
        guard let source = SourceText(bytes: bytes, path: path) else {
            let bad = SourceText.firstInvalidUTF8(bytes)
            throw .failed(format: chosen.descriptor.name,
                          FormatError(file: path, line: bad?.line,
                                      Message(.loadNotText, bad.map { Message(.loadFirstBadByte, $0.offset, $0.byteDescription) } ?? .literal(""))))
        }
        let result: FormatResult
        do throws(FormatError) {
            var read = try chosen.read(source)
            try FormatRegistry.checkBounds(read, path: path)
            read.warnings = source.decodingWarnings + read.warnings
            result = read
        } catch {
            throw .failed(format: chosen.descriptor.name, error)
        }
        var judged = try FormatRegistry.judged(result, format: chosen.descriptor.name, path: path, detected: detected, warnings: detectWarnings)
        try FormatRegistry.completeIdentity(&judged, source: source)
        // Whatever read the file (built-in, external plugin, JSON, CSV), a figure stated several
        // times becomes one fact with several mentions.
        // Reports fold independently: on all cores. Each then remembers its document: the entity
        // as printed and a digest of the bytes, by which the host recognises the same document
        // loaded twice (``ReportAssembly``).
        return FormatRegistry.folded(judged, path: path, digest: ReportDocument.digest(of: bytes))
    }

    /// A report whose reader found no year (0) or named its entity after the file takes the
    /// document's identity (``DocumentIdentity``), said in a warning; when the document gives no
    /// year either, the load fails: year 0 never reaches the model.
    static func completeIdentity(_ result: inout FormatResult, source: SourceText) throws(LoadError) {
        let base = source.path.split(separator: "/").last.map(String.init) ?? source.path
        for i in result.reports.indices {
            let r = result.reports[i]
            let namedAfterFile = r.entity.isEmpty || r.entity == source.path || r.entity == base
            guard r.year == 0 || namedAfterFile else { continue }
            let identity: DocumentIdentity
            do {
                identity = try DocumentIdentity.read(source)
            } catch {
                if r.year == 0 { throw .failed(format: r.format ?? "?", error) }
                continue
            }
            var report = r
            let oldEntity = r.entity, oldYear = r.year
            if namedAfterFile { report.entity = identity.entity; report.region = report.region ?? identity.region }
            if r.year == 0 { report.year = identity.year }
            for f in report.facts.indices {
                if namedAfterFile, report.facts[f].entity == oldEntity { report.facts[f].entity = report.entity }
                if oldYear == 0, report.facts[f].year == 0 { report.facts[f].year = report.year }
            }
            let what = Message.joined([namedAfterFile ? Message(.loadTakenEntity, report.entity) : nil,
                                        oldYear == 0 ? Message(.loadTakenYear, report.year) : nil].compactMap { $0 }, separator: ", ")
            report.warnings.insert(Diagnostic(.warning, code: "identity-from-document",
                Message(.loadIdentityFromDocument, r.format ?? "?", Message(namedAfterFile ? .loadWordEntity : .loadWordYear), what)), at: 0)
            report.warnings += identity.warnings
            result.reports[i] = report
        }
    }

    /// Below this confidence a format has only weak evidence that a file is its own.
    public static let weakEvidence = Confidence.high

    /// What a read gave, judged by how sure detection was: a format chosen on weak evidence
    /// that reads no figure is no reading at all (an error, not an empty report); one that reads
    /// figures says that its evidence was weak.
    static func judged(_ read: FormatResult, format: String, path: String, detected: Confidence?,
                       warnings: [Diagnostic]) throws(LoadError) -> FormatResult {
        var result = read
        if let detected, detected < weakEvidence {
            if result.reports.allSatisfy({ $0.facts.isEmpty }) {
                throw .failed(format: format, FormatError(file: path,
                    Message(.loadWeakNothing, "\(format)", "\(detected)")))
            }
            result.warnings.insert(Diagnostic(.warning, code: "weak-detection",
                Message(.loadWeakDetection, "\(path)", "\(format)", "\(detected)")), at: 0)
        }
        result.warnings = warnings + result.warnings
        for i in result.reports.indices where result.reports[i].format == nil {
            result.reports[i].format = format
        }
        return result
    }

    /// Whether a file found in a folder is worth reading: its extension is one a format reads
    /// (a format that names none may read anything; a forced format reads everything).
    public func mayRead(fileInFolder file: String, format name: String? = nil) -> Bool {
        let kinds: Set<String>? = name != nil || formats.contains(where: { $0.descriptor.fileKinds.isEmpty }) ? nil
            : Set(formats.flatMap { $0.descriptor.fileKinds.map { $0.lowercased() } })
        let ext = FileSample(path: file, bytes: []).fileExtension
        return kinds == nil || ext.isEmpty || kinds!.contains(ext)
    }

    /// Reads files and folders (a folder loads every file in it that some format recognises;
    /// files no format recognises inside a folder are skipped, named in the warnings, and so
    /// are files whose extension no format reads — a folder's README.md is not a report).
    /// Stops at the first path that fails.
    public func load(paths: [String], format name: String? = nil) throws(LoadError) -> FormatResult {
        var all = FormatResult(reports: [])
        for path in paths {
            if FileSystem.isDirectory(path) {
                for file in try FileSystem.listFiles(path) {
                    let ext = FileSample(path: file, bytes: []).fileExtension
                    if !mayRead(fileInFolder: file, format: name) {
                        all.warnings.append(Diagnostic(.note, code: "skipped-file", Message(.loadSkippedExtension, "\(file)", ext)))
                        continue
                    }
                    do {
                        let r = try load(file: file, format: name)
                        all.reports += r.reports
                        all.warnings += r.warnings
                    } catch .unknownFormat(let f, _) {
                        all.warnings.append(Diagnostic(.note, code: "skipped-file", Message(.loadSkippedFile, "\(f)")))
                    }
                }
            } else {
                let r = try load(file: path, format: name)
                all.reports += r.reports
                all.warnings += r.warnings
            }
        }
        return all
    }
}
