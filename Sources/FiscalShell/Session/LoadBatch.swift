import FiscalFormat
import FiscalModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What reading the paths of one load gave, before the session keeps it: the documents read
/// (in the order the paths and each folder's files name them), the warnings, the stores opened,
/// and every file that could not be read — each with the load's own message (file, line, what
/// was expected).
///
/// A bad file never loses the others: the session keeps what was read and lists the failures
/// (``Session/loadAll(_:progress:)``). Only ``Session/load(_:)`` keeps the old contract —
/// nothing kept when anything failed — for callers that want all or nothing.
public struct LoadBatch: Sendable {
    /// The documents read and the warnings of their loads.
    public var result = FormatResult(reports: [])
    /// The stores (workspaces, databases) opened, in path order.
    public var stores: [OpenedStore] = []
    /// The files (or stores, or folders) that could not be read, in path order.
    public var failures: [LoadError] = []
    /// How many files (and stores) the paths named, skipped files not counted.
    public var files = 0

    /// Whether the paths named exactly one file or store (not a folder): a load that fails
    /// then fails as a whole, as it always has.
    public var isSingleFile = false
}

/// One thing a load reads, in the order its results are kept.
enum LoadItem {
    /// A file no format reads, named in a note (a folder's README.md).
    case note(Diagnostic)
    /// A folder that could not be listed.
    case failed(LoadError)
    /// A workspace or database.
    case store(String, any ReportStoreOpener)
    /// A file; `inFolder` when a folder named it (then no format recognising it is a note).
    case file(String, inFolder: Bool)
}

extension Session {
    /// Reads `paths` without changing the session: folders list their files, every file is read
    /// on all cores, stores are opened; failures are collected, never thrown. `progress` hears
    /// of each file as it starts and ends.
    public func read(_ paths: [String], progress: LoadProgress? = nil) -> LoadBatch {
        var items: [LoadItem] = []
        for path in paths {
            if let opener = stores.first(where: { $0.recognizes(path) }) {
                items.append(.store(path, opener))
            } else if FileSystem.isDirectory(path) {
                do {
                    for file in try FileSystem.listFiles(path) {
                        if registry.mayRead(fileInFolder: file, format: forcedFormat) {
                            items.append(.file(file, inFolder: true))
                        } else {
                            let ext = FileSample(path: file, bytes: []).fileExtension
                            items.append(.note(Diagnostic(.note, code: "skipped-file", Message(.loadSkippedExtension, "\(file)", ext))))
                        }
                    }
                } catch {
                    items.append(.failed(error))
                }
            } else {
                items.append(.file(path, inFolder: false))
            }
        }
        var batch = LoadBatch()
        batch.isSingleFile = paths.count == 1 && items.count == 1 && !FileSystem.isDirectory(paths[0])
        let files = items.compactMap { item -> (String, Int)? in
            if case .file(let path, _) = item { return (path, LoadProgress.size(of: path)) }
            return nil
        }
        let storePaths = items.compactMap { item -> String? in
            if case .store(let path, _) = item { return path }
            return nil
        }
        batch.files = files.count + storePaths.count
        // Stores count as files (a workspace's size as its bytes); the line is up until the last opens.
        progress?.begin(files: batch.files, bytes: files.reduce(0) { $0 + $1.1 } + storePaths.reduce(0) { $0 + LoadProgress.size(of: $1) })
        defer { progress?.end() }
        // Files read on all cores; each result lands in its item's slot, so the order is the paths'.
        let registry = self.registry, format = forcedFormat
        let reads: [Result<FormatResult, LoadError>] = Parallel.map(files.count) { i in
            let read = Result { () throws(LoadError) in try registry.load(file: files[i].0, format: format) }
            progress?.finished(bytes: files[i].1, read)
            return read
        }
        var next = 0
        for item in items {
            switch item {
            case .note(let note):
                batch.result.warnings.append(note)
            case .failed(let error):
                batch.failures.append(error)
            case .store(let path, let opener):
                do {
                    let store = try opener.open(path)
                    batch.result.reports += store.reports
                    batch.result.warnings += store.warnings
                    batch.stores.append(store)
                    progress?.finished(bytes: LoadProgress.size(of: path), .success(FormatResult(reports: store.reports, warnings: store.warnings)))
                } catch {
                    batch.failures.append(error)
                    progress?.finished(bytes: LoadProgress.size(of: path), .failure(error))
                }
            case .file(_, let inFolder):
                defer { next += 1 }
                switch reads[next] {
                case .success(let read):
                    batch.result.reports += read.reports
                    batch.result.warnings += read.warnings
                case .failure(.unknownFormat(let file, _)) where inFolder:
                    // A file in a folder that no format recognises is not a report: a note, as always.
                    batch.result.warnings.append(Diagnostic(.note, code: "skipped-file", Message(.loadSkippedFile, "\(file)")))
                case .failure(let error):
                    batch.failures.append(error)
                }
            }
        }
        return batch
    }

    /// Reads `paths` and keeps everything that could be read, whatever failed: a folder with a
    /// bad file loads the rest. The batch lists the failures; what was loaded before stays.
    @discardableResult
    public func loadAll(_ paths: [String], progress: LoadProgress? = nil) -> LoadBatch {
        let batch = read(paths, progress: progress)
        keep(batch)
        return batch
    }

    /// The lines that list a batch's failures: `could not load 1 of 12 files:` and one line per
    /// file with its load message; empty when nothing failed.
    public static func failureList(_ batch: LoadBatch, language: Language) -> String {
        guard !batch.failures.isEmpty else { return "" }
        var out = Message(.loadFailedFiles, batch.failures.count, batch.files).text(language) + "\n"
        for failure in batch.failures {
            let lines = failure.text(language).split(separator: "\n", omittingEmptySubsequences: false)
            for (i, line) in lines.enumerated() {
                out += (i == 0 ? "  - " : "    ") + TerminalText.escaped(String(line)) + "\n"
            }
        }
        return out
    }
}
