import BuiltinFormats
import FiscalFormat
import FiscalModel
import FiscalShell
import Foundation
import GRDB
import TestSupport
import XCTest

@testable import FiscalStore

/// Paths the tests need: the package root, the examples, the built binary, temporary folders.
enum Fixture {
    static let root = TestPaths.root

    static let wusheng = root + "/Examples/wusheng-2020-决算.txt"
    static let csv = root + "/Examples/county-office-2019-2021.csv"
    static let jiangsu = root + "/Examples/corpus/jiangsu"
    /// The Putuo reports (the folder also holds a JSON file of expected rows, not a report).
    static let putuo: [String] = {
        let folder = root + "/Examples/corpus/shanghai-putuo"
        return (try! FileManager.default.contentsOfDirectory(atPath: folder)).filter { $0.hasSuffix(".txt") }.sorted().map { folder + "/" + $0 }
    }()

    /// Every example the project carries: narratives, tables, PDF extractions, CSV.
    static let corpus = [wusheng, csv, jiangsu] + putuo
    /// Reports that loading keeps as read (no narrative and tables to merge, no repeats, no
    /// other year's figures to count once): where the SQL tables and the assembled in-memory
    /// reports hold the same facts, so the engines can be compared.
    static let asRead = [wusheng, csv] + putuo.filter { ["/01_", "/02_", "/03_", "/04_", "/05_"].contains(where: $0.contains) && !$0.hasSuffix(".pypdf.txt") }

    static let binary = TestPaths.binary

    static func temporaryFolder() -> String { TestPaths.temporaryFolder() }
}

/// The canonical JSON of reports: equal only when every field and every amount's written
/// scale agree (`Report ==` compares amounts by value).
func canonical(_ reports: [Report]) -> String {
    ModelJSON.encode(reports).text(pretty: false)
}

final class WorkspaceTests: XCTestCase {
    func makeWorkspace(_ paths: [String], in folder: String = Fixture.temporaryFolder()) throws -> Workspace {
        let workspace = try Workspace(path: folder + "/corpus.fiscal", create: true)
        _ = try workspace.importSources(paths, registry: BuiltinFormats.registry)
        return workspace
    }

    /// Reports read back from a workspace are the reports the sources give: every fact, mention
    /// (with its unit and part), claim, project, glossary entry, warning and year mention, in
    /// order, with each amount's decimals as written; and the load's own warnings.
    func testReportsReadBackEqualTheSources() throws {
        let loaded = try BuiltinFormats.registry.load(paths: Fixture.corpus)
        XCTAssertGreaterThan(loaded.reports.count, 20)
        let stored = try makeWorkspace(Fixture.corpus).corpus()
        XCTAssertEqual(stored.reports.count, loaded.reports.count)
        for (a, b) in zip(stored.reports, loaded.reports) {
            XCTAssertEqual(a, b, "\(b.source)")
        }
        XCTAssertEqual(canonical(stored.reports), canonical(loaded.reports))
        // A file that is no report (the Jiangsu folder's README.md) is named by the import
        // (`skipped`), not stored: the workspace keeps its sources' warnings.
        XCTAssertEqual(stored.warnings, loaded.warnings.filter { $0.code != "skipped-file" })
        XCTAssertTrue(loaded.warnings.contains { $0.code == "skipped-file" })
        // The corpus exercises what is stored beyond facts (a test over empty tables proves nothing).
        let all = loaded.reports
        XCTAssertGreaterThan(all.reduce(0) { $0 + $1.claims.count }, 0)
        XCTAssertGreaterThan(all.reduce(0) { $0 + $1.projects.count }, 0)
        XCTAssertGreaterThan(all.reduce(0) { $0 + $1.glossary.count }, 0)
        XCTAssertGreaterThan(all.reduce(0) { $0 + $1.warnings.count }, 0)
        XCTAssertGreaterThan(all.reduce(0) { $0 + $1.yearMentions.count }, 0)
        XCTAssertTrue(all.contains { $0.facts.contains { $0.mentions.count > 1 } })
    }

    /// The shell shows the same thing for a workspace as for its sources, and `source` finds the
    /// lines after the source file is gone.
    func testShellOnAWorkspaceMatchesTheSourcesAndKeepsTheirLines() throws {
        let folder = Fixture.temporaryFolder()
        let copy = folder + "/wusheng.txt"
        try FileManager.default.copyItem(atPath: Fixture.wusheng, toPath: copy)
        let workspace = try makeWorkspace([copy], in: folder)
        let direct = Session()
        try direct.load([copy])
        try FileManager.default.removeItem(atPath: copy)
        let opened = Session()
        opened.stores = [WorkspaceOpener()]
        try opened.load([workspace.path])
        for q in ["facts | group statement | agg n = count()", "drill 201", "check | count", "warnings", "glossary | count"] {
            XCTAssertEqual(try opened.query(q), try direct.query(q), q)
        }
        let span = opened.reports[0].facts[0].span
        XCTAssertFalse(FileManager.default.fileExists(atPath: span.file))
        let line = try XCTUnwrap(opened.sourceCache.line(span.line, of: span.file))
        XCTAssertEqual(String(line), String(SourceText(bytes: try FileSystem.read(Fixture.wusheng), path: copy)!.line(span.line)!))
    }

    /// Importing again: an unchanged source is left alone, a changed one has its reports
    /// replaced (in its place in the load order), and no other report is touched.
    func testReimportReplacesOnlyTheChangedSource() throws {
        let folder = Fixture.temporaryFolder()
        let a = folder + "/a.csv", b = folder + "/b.txt"
        let csv = try String(contentsOfFile: Fixture.csv, encoding: .utf8)
        try csv.write(toFile: a, atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(atPath: Fixture.wusheng, toPath: b)
        let workspace = try makeWorkspace([a, b], in: folder)
        let reportIDs = { try workspace.reading { db in try Int64.fetchAll(db, sql: "SELECT id FROM reports ORDER BY id") } }
        let before = try reportIDs()
        let bReports = try workspace.reading { db in try Int64.fetchAll(db, sql: "SELECT r.id FROM reports r JOIN sources s ON s.id = r.source_id WHERE s.path = ?", arguments: [b]) }

        var outcomes = try workspace.importSources([a, b], registry: BuiltinFormats.registry)
        XCTAssertEqual(outcomes.map(\.kind), [.unchanged, .unchanged])
        XCTAssertEqual(try reportIDs(), before)

        let changed = csv.replacingOccurrences(of: "1080.50", with: "1080.70")
        XCTAssertNotEqual(changed, csv)
        try changed.write(toFile: a, atomically: true, encoding: .utf8)
        outcomes = try workspace.importSources([a, b], registry: BuiltinFormats.registry)
        XCTAssertEqual(outcomes.map(\.kind), [.replaced, .unchanged])
        let after = try reportIDs()
        for id in bReports { XCTAssertTrue(after.contains(id), "the unchanged source's reports keep their rows") }
        XCTAssertEqual(canonical(try workspace.corpus().reports), canonical(try BuiltinFormats.registry.load(paths: [a, b]).reports))
    }

    /// A source that cannot be read fails the whole import, and the workspace is as it was.
    func testFailedImportLeavesTheWorkspaceAsItWas() throws {
        let folder = Fixture.temporaryFolder()
        let workspace = try makeWorkspace([Fixture.wusheng], in: folder)
        let before = canonical(try workspace.corpus().reports)
        let bad = folder + "/bad.json"
        try "{\"fiscal\": \"model\", \"version\": 1, \"reports\": [{\"entity\": 3}]}".write(toFile: bad, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try workspace.importSources([Fixture.csv, bad], registry: BuiltinFormats.registry)) { error in
            XCTAssertTrue("\(error)".contains("bad.json"), "\(error)")
            XCTAssertTrue("\(error)".contains("the workspace is as it was"), "\(error)")
        }
        XCTAssertEqual(try workspace.sources().map(\.path), [Fixture.wusheng])
        XCTAssertEqual(canonical(try workspace.corpus().reports), before)
    }

    /// `fiscal import` killed in the middle of an import (after it has written some sources):
    /// the workspace opens with what it held before, and SQLite finds it intact.
    func testKilledImportLeavesTheWorkspaceAsItWas() throws {
        let folder = Fixture.temporaryFolder()
        let workspace = folder + "/corpus.fiscal"
        let first = try run(["import", Fixture.wusheng, "--into", workspace])
        XCTAssertEqual(first.status, 0, first.err)
        let many = folder + "/many"
        try FileManager.default.createDirectory(atPath: many, withIntermediateDirectories: true)
        for i in 0..<60 {
            try FileManager.default.copyItem(atPath: Fixture.wusheng, toPath: many + String(format: "/copy-%02d.txt", i))
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Fixture.binary)
        process.arguments = ["import", many, "--into", workspace]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // Wait until the import has stored at least one source (inside its transaction), then kill it.
        var seen = ""
        while !seen.contains("imported") {
            let chunk = err.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen += String(decoding: chunk, as: UTF8.self)
        }
        XCTAssertTrue(seen.contains("copy-00.txt: imported"), seen)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationReason, .uncaughtSignal, "the import finished before it was killed")

        let reopened = try Workspace(path: workspace)
        XCTAssertEqual(try reopened.sources().map(\.path), [Fixture.wusheng])
        XCTAssertEqual(try reopened.reading { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") }, "ok")
        XCTAssertEqual(canonical(try reopened.corpus().reports), canonical(try BuiltinFormats.registry.load(paths: [Fixture.wusheng]).reports))
    }

    /// `fiscal corpus.fiscal -e …` prints what `fiscal SOURCES -e …` prints.
    func testCommandLineOpensAWorkspaceLikeItsSources() throws {
        let folder = Fixture.temporaryFolder()
        let workspace = folder + "/corpus.fiscal"
        let sources = [Fixture.wusheng, Fixture.csv, Fixture.jiangsu]
        let imported = try run(["import"] + sources + ["--into", workspace])
        XCTAssertEqual(imported.status, 0, imported.err)
        XCTAssertTrue(imported.out.contains("reports"), imported.out)
        for q in ["drill 201", "facts | where unit = \"万元\" | top 5 by amount", "check | group severity | agg n = count()"] {
            let a = try run(["-X", "-e", q] + sources)
            let b = try run(["-X", "-e", q, workspace])
            XCTAssertEqual(a.out, b.out, q)
            // Loading the folder names the README it skips; the workspace has no such file.
            let skipped = "note: \(Fixture.jiangsu)/README.md: no format reads .md files; skipped\n"
            XCTAssertTrue(a.err.contains(skipped), a.err)
            XCTAssertEqual(a.err.replacingOccurrences(of: skipped, with: ""), b.err, q)
            XCTAssertEqual(a.status, b.status, q)
            XCTAssertFalse(a.out.isEmpty)
        }
    }

    /// A workspace made before the assembled tables (schema version 2) gets them, filled, when
    /// it is next opened for writing; the SQL engine then reads them.
    func testAnOlderWorkspaceGetsTheAssembledFacts() throws {
        let workspace = try makeWorkspace([Fixture.jiangsu])
        let count = { (w: Workspace) in try w.reading { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM assembled_facts") ?? -1 } }
        let assembled = try count(workspace)
        let session = Session()
        session.stores = [WorkspaceOpener()]
        try session.load([workspace.path])
        XCTAssertEqual(assembled, session.reports.reduce(0) { $0 + $1.facts.count })
        try workspace.database.write { db in
            try db.execute(sql: "DROP TABLE assembled_mentions")
            try db.execute(sql: "DROP TABLE assembled_facts")
            try db.execute(sql: "PRAGMA user_version = 2")
        }
        let reopened = try Workspace(path: workspace.path)
        XCTAssertEqual(try reopened.reading { db in try Int.fetchOne(db, sql: "PRAGMA user_version") }, WorkspaceSchema.version)
        XCTAssertEqual(try count(reopened), assembled)
        XCTAssertGreaterThan(assembled, 0)
    }

    /// A CSV source is kept as columns (``ColumnSnapshot``) and opening reads them instead of its
    /// rows: with its fact rows deleted, its reports still come back whole (and as columns, which
    /// the engine shares without a copy); a narrative comes back from its rows.
    func testCSVSourcesOpenFromTheirColumns() throws {
        let paths = [Fixture.csv, Fixture.wusheng]
        let workspace = try makeWorkspace(paths)
        let loaded = try BuiltinFormats.registry.load(paths: paths).reports
        XCTAssertEqual(try workspace.reading { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM column_snapshots") }, 1)
        try workspace.database.write { db in
            try db.execute(sql: """
                DELETE FROM facts WHERE report_id IN (SELECT r.id FROM reports r JOIN sources s ON s.id = r.source_id WHERE s.path = ?)
                """, arguments: [Fixture.csv])
            XCTAssertGreaterThan(db.changesCount, 0)
        }
        let stored = try workspace.corpus().reports
        XCTAssertEqual(canonical(stored), canonical(loaded))
        let csv = stored.filter { $0.source == Fixture.csv }, narrative = stored.filter { $0.source == Fixture.wusheng }
        XCTAssertFalse(csv.isEmpty || narrative.isEmpty)
        XCTAssertTrue(csv.allSatisfy { $0.facts.columns != nil && !$0.facts.isEmpty })
        XCTAssertTrue(narrative.allSatisfy { $0.facts.columns == nil && !$0.facts.isEmpty })
        // Importing the CSV again after a change replaces its columns with the new ones.
        let folder = Fixture.temporaryFolder()
        let copy = folder + "/a.csv"
        try String(contentsOfFile: Fixture.csv, encoding: .utf8).replacingOccurrences(of: "1080.50", with: "1080.70")
            .write(toFile: copy, atomically: true, encoding: .utf8)
        let changing = try makeWorkspace([copy], in: folder)
        try String(contentsOfFile: Fixture.csv, encoding: .utf8).write(toFile: copy, atomically: true, encoding: .utf8)
        XCTAssertEqual(try changing.importSources([copy], registry: BuiltinFormats.registry).map(\.kind), [.replaced])
        XCTAssertEqual(try changing.reading { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM column_snapshots") }, 1)
        XCTAssertEqual(canonical(try changing.corpus().reports), canonical(try BuiltinFormats.registry.load(paths: [copy]).reports))
    }

    /// A damaged snapshot is an error that names it, from the library and from the command line
    /// (which exits non-zero naming the workspace), never facts that are not the source's.
    func testADamagedSnapshotIsAnError() throws {
        for (damage, expected) in [
            ("UPDATE column_snapshot_chunks SET data = substr(data, 1, 60)", "expected columns of facts"),
            ("UPDATE column_snapshots SET facts = facts + 1", "report fact counts adding up to"),
            ("DELETE FROM reports WHERE id = (SELECT MAX(id) FROM reports)", "expected the fact counts of"),
        ] {
            let workspace = try makeWorkspace([Fixture.csv])
            try workspace.database.write { db in try db.execute(sql: damage) }
            XCTAssertThrowsError(try workspace.corpus(), damage) { error in
                XCTAssertTrue("\(error)".contains("column_snapshots") && "\(error)".contains(expected), "\(damage): \(error)")
            }
            let shell = try run(["-X", "-e", "facts | count", workspace.path])
            XCTAssertNotEqual(shell.status, 0, damage)
            XCTAssertTrue(shell.err.contains(workspace.path) && shell.err.contains(expected), shell.err)
        }
    }

    /// A workspace made before the snapshots (schema version 3) gets their tables when next
    /// opened for writing, and opens from its rows, the same reports, until it is imported again.
    func testAWorkspaceWithoutSnapshotsOpensFromItsRows() throws {
        let workspace = try makeWorkspace([Fixture.csv])
        let loaded = canonical(try BuiltinFormats.registry.load(paths: [Fixture.csv]).reports)
        try workspace.database.write { db in
            try db.execute(sql: "DROP TABLE column_snapshot_chunks")
            try db.execute(sql: "DROP TABLE column_snapshots")
            try db.execute(sql: "PRAGMA user_version = 3")
        }
        let before = try workspace.corpus().reports
        XCTAssertEqual(canonical(before), loaded)
        XCTAssertTrue(before.allSatisfy { $0.facts.columns == nil })
        let reopened = try Workspace(path: workspace.path)
        XCTAssertEqual(try reopened.reading { db in try Int.fetchOne(db, sql: "PRAGMA user_version") }, WorkspaceSchema.version)
        XCTAssertEqual(try reopened.reading { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM column_snapshots") }, 0)
        XCTAssertEqual(canonical(try reopened.corpus().reports), loaded)
        _ = try reopened.importSources([Fixture.csv], registry: BuiltinFormats.registry, refresh: true)
        let after = try reopened.corpus().reports
        XCTAssertEqual(canonical(after), loaded)
        XCTAssertTrue(after.allSatisfy { $0.facts.columns != nil })
    }

    /// A source's text is cut into pieces of whole lines (between scalars where a line is longer
    /// than a piece) that join back to it byte for byte, whatever it holds.
    func testSourceTextPiecesJoinBackToTheText() {
        var rng = SplitMix(seed: 7)
        let alphabet = ["a", "\n", "一般公共预算", "é", "e\u{301}", "\r\n", "𠀀", "1014.73万元", " "]
        for _ in 0..<2000 {
            let text = rng.text(from: alphabet, maxPieces: 40)
            let limit = Int.random(in: 4...24, using: &rng)
            let pieces = WorkspaceSchema.pieces(of: text, limit: limit)
            XCTAssertEqual(Array(pieces.joined().utf8), Array(text.utf8), text)
            XCTAssertTrue(pieces.allSatisfy { $0.utf8.count <= limit }, text)
            XCTAssertTrue(pieces.dropLast().allSatisfy { !$0.isEmpty && ($0.utf8.last == UInt8(ascii: "\n") || !$0.utf8.contains(UInt8(ascii: "\n"))) }, text)
        }
    }

    /// A source longer than one value of the database holds (1 GB; here, pieces of 300 bytes) is
    /// kept in pieces, and `source` still shows any of its lines once the file is gone.
    func testALongSourceIsKeptInPieces() throws {
        let folder = Fixture.temporaryFolder()
        let copy = folder + "/wusheng.txt"
        try FileManager.default.copyItem(atPath: Fixture.wusheng, toPath: copy)
        let workspace = try Workspace(path: folder + "/corpus.fiscal", create: true, textPieceBytes: 300)
        _ = try workspace.importSources([copy], registry: BuiltinFormats.registry)
        let original = try XCTUnwrap(SourceText(bytes: try FileSystem.read(copy), path: copy))
        XCTAssertGreaterThan(try workspace.reading { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM source_text_chunks") ?? 0 },
                             original.text.utf8.count / 300)
        XCTAssertEqual(try workspace.sourceText(copy)?.text, original.text)
        try FileManager.default.removeItem(atPath: copy)
        let opened = Session()
        opened.stores = [WorkspaceOpener()]
        try opened.load([workspace.path])
        let last = try XCTUnwrap(opened.reports.flatMap { $0.facts.map(\.span) }.max { $0.line < $1.line })
        XCTAssertEqual(opened.sourceCache.line(last.line, of: last.file).map(String.init), original.line(last.line).map(String.init))
        // Imported again, shorter, its pieces are replaced (none of the old ones is left).
        let shorter = String(original.text.prefix(original.text.count / 2))
        try shorter.write(toFile: copy, atomically: true, encoding: .utf8)
        XCTAssertEqual(try workspace.importSources([copy], registry: BuiltinFormats.registry).map(\.kind), [.replaced])
        XCTAssertEqual(try workspace.sourceText(copy)?.text, shorter)
        XCTAssertEqual(try workspace.reading { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM source_text_chunks") },
                       WorkspaceSchema.pieces(of: shorter, limit: 300).count - 1)
    }

    /// Files that are not workspaces are named as such, and a missing one says how to make it.
    func testNotAWorkspace() throws {
        let folder = Fixture.temporaryFolder()
        let missing = try run(["-X", "-e", "facts | count", folder + "/none.fiscal"])
        XCTAssertEqual(missing.status, 3)
        XCTAssertTrue(missing.err.contains("no such workspace; make one with `fiscal import"), missing.err)
        let other = folder + "/other.fiscal"
        try "plain text".write(toFile: other, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try Workspace(path: other)) { error in
            XCTAssertTrue("\(error)".contains("expected a fiscal workspace"), "\(error)")
        }
        XCTAssertFalse(Workspace.isWorkspace(Fixture.wusheng))
    }

    func run(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) { try Fixture.run(arguments) }
}

extension Fixture {
    /// Runs the `fiscal` binary with `arguments` (English messages); its status, output and errors.
    static func run(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        let result = try runFiscal(arguments)
        return (result.status, result.out, result.err)
    }
}
