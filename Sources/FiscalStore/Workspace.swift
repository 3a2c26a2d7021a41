import FiscalFormat
import FiscalModel
import Foundation
import GRDB

/// A workspace: a SQLite file holding reports read once (`fiscal import PATH… --into corpus.fiscal`),
/// opened again without re-reading any source (`fiscal corpus.fiscal`, `:load corpus.fiscal`).
///
/// The schema is in ``WorkspaceSchema`` and docs/WORKSPACE.md. Every report is stored with all it
/// carries (facts and their mentions, claims, projects, glossary, warnings, year mentions) and
/// the decoded text of its source file, so a report read back is equal to the report the source
/// gives, and `source` shows the lines the figures came from even after the file moved.
public final class Workspace: Sendable {
    /// The file, as the user named it.
    public let path: String
    let database: DatabaseQueue
    /// The most bytes of one piece of a source's text (``WorkspaceSchema/pieces(of:limit:)``).
    let textPieceBytes: Int

    /// Opens a workspace; `create` makes the file (and the schema) when it does not exist.
    /// `textPieceBytes` is for tests: how long a piece of an imported source's text may be.
    public init(path: String, create: Bool = false, textPieceBytes: Int = WorkspaceSchema.sourceTextPieceBytes) throws(StoreError) {
        self.path = path
        self.textPieceBytes = max(4, textPieceBytes)
        let exists = FileSystem.exists(path)
        if !exists && !create { throw StoreError(.storeWorkspaceMissing, path) }
        if exists && !Workspace.isWorkspace(path) && !Workspace.isEmptyFile(path) {
            throw StoreError(.storeNotAWorkspace, path)
        }
        do {
            var configuration = Configuration()
            configuration.readonly = !create && !FileSystem.isWritable(path)
            configuration.label = "fiscal workspace"
            database = try DatabaseQueue(path: path, configuration: configuration)
            if !configuration.readonly {
                try database.write { db in try WorkspaceSchema.migrate(db) }
            }
            let version = try database.read { db in try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0 }
            if version > WorkspaceSchema.version {
                throw StoreError(.storeTooNew, path, String(version), String(WorkspaceSchema.version))
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.storeDatabaseFailed, path, "\(error)")
        }
    }

    /// The first 16 bytes of every SQLite database file.
    static let sqliteHeader = Array("SQLite format 3\u{0}".utf8)

    /// Whether `path` is a fiscal workspace: a SQLite file whose application id is fiscal's
    /// (bytes 68–71 of the header), so no other SQLite file is taken for one.
    public static func isWorkspace(_ path: String) -> Bool {
        // Only a regular file is looked into: opening a named pipe to peek at it would wait for
        // its writer and then throw away what it sent.
        var st = stat()
        guard stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return false }
        guard let f = fopen(path, "rb") else { return false }
        defer { fclose(f) }
        var header = [UInt8](repeating: 0, count: 100)
        guard fread(&header, 1, 100, f) == 100, Array(header[0..<16]) == sqliteHeader else { return false }
        let id = header[68..<72].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        return id == WorkspaceSchema.applicationID
    }

    static func isEmptyFile(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && st.st_size == 0
    }

    /// Runs `body` on the database, turning GRDB's errors into a ``StoreError`` naming the file.
    public func reading<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try database.read(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.storeDatabaseFailed, path, "\(error)")
        }
    }

    /// The sources the workspace holds, in import order.
    public func sources() throws(StoreError) -> [StoredSource] {
        try reading { db in
            try Row.fetchAll(db, sql: "SELECT id, path, format, size, content_hash, imported_at FROM sources ORDER BY id").map {
                StoredSource(id: $0[0], path: $0[1], format: $0[2], size: $0[3], contentHash: $0[4], importedAt: $0[5])
            }
        }
    }

    /// The decoded text of a source the workspace holds (what `source` shows lines of).
    public func sourceText(_ path: String) throws(StoreError) -> SourceText? {
        try reading { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT text, encoding, id FROM sources WHERE path = ?", arguments: [path]) else {
                return nil
            }
            let encoding = SourceText.Encoding(rawValue: row[1]) ?? .utf8
            var text: String = row[0]
            for piece in try String.fetchAll(db, sql: "SELECT text FROM source_text_chunks WHERE source_id = ? ORDER BY chunk", arguments: [row[2]]) {
                text += piece
            }
            return SourceText(text: text, path: path, encoding: encoding)
        }
    }
}

/// A source file the workspace holds.
public struct StoredSource: Sendable, Hashable {
    public var id: Int64
    /// The path as it was imported (the `file` of every span of its reports).
    public var path: String
    public var format: String?
    /// The file's size in bytes when it was imported.
    public var size: Int64
    /// FNV-1a (64 bits) of the file's bytes, in hex: tells a changed file from the stored one.
    public var contentHash: String
    /// When it was imported (UTC, ISO 8601).
    public var importedAt: String
}

extension FileSystem {
    /// Whether the process may write `path`.
    static func isWritable(_ path: String) -> Bool { access(path, W_OK) == 0 }
}
