import Foundation
import Synchronization
@testable import FiscalShell
// `TestPaths`, `runFiscal`, `runProgram` and `RunResult`, shared with FiscalStoreTests.
@_exported import TestSupport

/// Paths the tests need: the package root, the example data, the built binary.
enum Fixture {
    static let root = TestPaths.root

    static let exampleCSV = root + "/Examples/county-office-2019-2021.csv"

    /// The `fiscal` binary built beside the test bundle, else under `.build/debug`.
    static let binary = TestPaths.binary

    /// A fresh empty folder.
    static func temporaryFolder() -> String { TestPaths.temporaryFolder() }
}

/// A console that collects what is written.
final class CollectingConsole: Sendable {
    private let outText = Mutex("")
    private let errText = Mutex("")

    var console: Console {
        Console(out: { s in self.outText.withLock { $0 += s } }, err: { s in self.errText.withLock { $0 += s } })
    }

    var out: String { outText.withLock { $0 } }
    var err: String { errText.withLock { $0 } }
}
