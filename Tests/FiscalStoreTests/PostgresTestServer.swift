import BuiltinFormats
import FiscalPostgres
import FiscalShell
import Foundation

@testable import FiscalStore

/// The PostgreSQL server the tests compare against: named by `FISCAL_TEST_POSTGRES_URL`
/// (`.ci/run` starts a throwaway one with `.ci/postgres-start` and sets it); without it the
/// PostgreSQL comparisons are skipped with a printed reason.
enum PostgresTestServer {
    static let variable = "FISCAL_TEST_POSTGRES_URL"

    static var url: String? {
        let url = ProcessInfo.processInfo.environment[variable]
        if url == nil { print("skipped: the PostgreSQL engine (\(variable) is not set; .ci/run starts a server and sets it)") }
        return url
    }

    /// A connection to an empty database: everything in its schema dropped (tables, views,
    /// indexes), so each test starts anew.
    static func empty() throws -> PostgresServer? {
        guard let url else { return nil }
        let server = try PostgresServer(url: url)
        _ = try server.rows("DROP SCHEMA public CASCADE", [])
        _ = try server.rows("CREATE SCHEMA public", [])
        return server
    }

    /// The corpus the differential tests compare (``Fixture/asRead``: reports loading keeps as
    /// read) imported into an empty database (with `COPY`, as `fiscal import` does).
    static func database(loading workspace: Workspace) throws -> (any SQLDatabase)? {
        try database(loading: Fixture.asRead)
    }

    /// `paths` imported into an empty database.
    static func database(loading paths: [String]) throws -> (any SQLDatabase)? {
        guard let server = try empty() else { return nil }
        _ = try server.importSources(paths, registry: BuiltinFormats.registry, format: nil, refresh: false) { _ in }
        return server
    }
}

/// `csv` written to a file named `name`.csv and imported into a workspace, with a session over
/// the workspace and the databases to compare: the workspace and, when a server is given,
/// PostgreSQL with the same file imported.
func csvCorpus(_ csv: String, named name: String) throws -> (session: Session, databases: [any SQLDatabase]) {
    let folder = Fixture.temporaryFolder()
    let path = folder + "/\(name).csv"
    try csv.write(toFile: path, atomically: true, encoding: .utf8)
    let workspace = try Workspace(path: folder + "/\(name).fiscal", create: true)
    _ = try workspace.importSources([path], registry: BuiltinFormats.registry)
    let session = Session()
    session.stores = [WorkspaceOpener()]
    try session.load([workspace.path])
    var databases: [any SQLDatabase] = [SQLiteDatabase(workspace)]
    if let postgres = try PostgresTestServer.database(loading: [path]) { databases.append(postgres) }
    return (session, databases)
}
