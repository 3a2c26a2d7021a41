import Dispatch
import FiscalModel
import FiscalStore
import Foundation
import PostgresNIO

/// A PostgreSQL database holding the workspace tables (docs/WORKSPACE.md): what `--db postgres://…`
/// opens, `fiscal import … --into postgres://…` fills, and the SQL engine queries.
///
/// The shell is synchronous; each call waits for postgres-nio's answer on the calling thread
/// (never an event-loop thread).
public final class PostgresServer: SQLDatabase, @unchecked Sendable {
    public let location: String
    let connection: PostgresConnection
    let logger: Logger

    /// Connects to `url`: `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE`, or a local socket
    /// folder as `postgres:///DATABASE?host=/var/run/postgresql&port=5432&user=NAME` (libpq's
    /// spelling); `sslmode=require` asks for TLS.
    public init(url: String) throws(StoreError) {
        location = PostgresServer.redacted(url)
        var logger = Logger(label: "fiscal.postgres")
        logger.logLevel = .critical
        self.logger = logger
        guard let parts = URLComponents(string: url), ["postgres", "postgresql"].contains(parts.scheme ?? "") else {
            throw StoreError(.storeDatabaseFailed, location, "expected a URL such as postgres://user@localhost:5432/fiscal")
        }
        let query = Dictionary((parts.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
        let user = parts.user.flatMap { $0.removingPercentEncoding } ?? query["user"] ?? ProcessInfo.processInfo.environment["USER"] ?? "postgres"
        let password = parts.password.flatMap { $0.removingPercentEncoding } ?? query["password"]
        var database = String(parts.path.drop { $0 == "/" })
        if database.isEmpty { database = user }
        let host = query["host"] ?? parts.host.flatMap { $0.isEmpty ? nil : $0 } ?? "/var/run/postgresql"
        let port = parts.port ?? Int(query["port"] ?? "") ?? 5432
        var configuration: PostgresConnection.Configuration
        if host.hasPrefix("/") {
            configuration = .init(unixSocketPath: host + "/.s.PGSQL.\(port)", username: user, password: password, database: database)
        } else {
            var tls = PostgresConnection.Configuration.TLS.disable
            if query["sslmode"] == "require" {
                do {
                    tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
                } catch {
                    throw StoreError(.storeDatabaseFailed, location, "\(error)")
                }
            }
            configuration = .init(host: host, port: port, username: user, password: password, database: database, tls: tls)
        }
        let config = configuration
        do {
            connection = try PostgresServer.wait { [logger] in
                try await PostgresConnection.connect(configuration: config, id: 1, logger: logger)
            }
        } catch {
            throw StoreError(.storeDatabaseFailed, location, PostgresServer.describe(error))
        }
    }

    deinit {
        let connection = self.connection
        _ = try? PostgresServer.wait { try await connection.close() }
    }

    public var dialect: SQLDialect { .postgres }

    /// Whether `location` names a PostgreSQL database.
    public static func isURL(_ location: String) -> Bool {
        location.hasPrefix("postgres://") || location.hasPrefix("postgresql://")
    }

    /// The URL without its password, for messages.
    static func redacted(_ url: String) -> String {
        guard var parts = URLComponents(string: url), parts.password != nil else { return url }
        parts.password = "***"
        return parts.string ?? url
    }

    static func describe(_ error: any Error) -> String {
        if let e = error as? PSQLError {
            return e.serverInfo?[.message] ?? "\(e.code)"
        }
        return "\(error)"
    }

    public func rows(_ sql: String, _ arguments: [SQLValue]) throws(StoreError) -> [[SQLValue]] {
        var binds = PostgresBindings(capacity: arguments.count)
        for a in arguments {
            switch a {
            case .null: binds.appendNull()
            case .integer(let i): binds.append(i)
            case .text(let s): binds.append(s)
            }
        }
        let query = PostgresQuery(unsafeSQL: sql, binds: binds)
        let connection = self.connection, logger = self.logger
        do {
            return try PostgresServer.wait {
                var out: [[SQLValue]] = []
                for try await row in try await connection.query(query, logger: logger) {
                    var values: [SQLValue] = []
                    for cell in row {
                        values.append(try PostgresServer.value(cell))
                    }
                    out.append(values)
                }
                return out
            }
        } catch {
            throw StoreError(.storeDatabaseFailed, location, PostgresServer.describe(error))
        }
    }

    /// Runs a statement whose binds are not ``SQLValue``s (binary data), ignoring what it returns.
    func run(_ query: PostgresQuery) throws(StoreError) {
        let connection = self.connection, logger = self.logger
        do {
            try PostgresServer.wait {
                for try await _ in try await connection.query(query, logger: logger) {}
            }
        } catch {
            throw StoreError(.storeDatabaseFailed, location, PostgresServer.describe(error))
        }
    }

    /// Runs statements that return nothing (DDL, BEGIN/COMMIT, DELETE).
    func execute(_ sql: String, _ arguments: [SQLValue] = []) throws(StoreError) {
        _ = try rows(sql, arguments)
    }

    static func value(_ cell: PostgresCell) throws -> SQLValue {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .int2, .int4, .int8: return .integer(try cell.decode(Int64.self))
        default: return .text(try cell.decode(String.self))
        }
    }

    /// Waits for `body` on the calling thread.
    static func wait<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        Task {
            do { box.result = .success(try await body()) } catch { box.result = .failure(error) }
            done.signal()
        }
        done.wait()
        return try box.result!.get()
    }

    /// Streams rows into `table` with `COPY … FROM STDIN`: `next` gives the next chunk of lines
    /// in COPY's text format (each ending in a newline), `nil` at the end.
    func copy(into table: String, columns: [String], next: @escaping @Sendable () throws -> String?) throws(StoreError) {
        try copy(into: table, columns: columns, bytes: { try next().map { Array($0.utf8) } })
    }

    /// ``copy(into:columns:next:)`` with chunks given as UTF-8 bytes.
    func copy(into table: String, columns: [String], bytes next: @escaping @Sendable () throws -> [UInt8]?) throws(StoreError) {
        let connection = self.connection, logger = self.logger
        do {
            try PostgresServer.wait {
                try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
                    while let chunk = try next() {
                        try await writer.write(ByteBuffer(bytes: chunk))
                    }
                }
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.storeDatabaseFailed, location, PostgresServer.describe(error))
        }
    }
}

final class ResultBox<T>: @unchecked Sendable {
    var result: Result<T, any Error>?
}
