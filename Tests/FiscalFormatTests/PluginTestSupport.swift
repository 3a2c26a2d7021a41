import FiscalFormat
import FiscalModel
import Foundation
import TestSupport

/// A temporary folder of throwaway plugin scripts and data files.
struct PluginSandbox {
    let dir: String

    init() {
        dir = NSTemporaryDirectory() + "fiscal-plugin-tests-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    /// Writes an executable script `fiscal-format-<name>`.
    @discardableResult
    func plugin(_ name: String, _ script: String) -> String {
        let path = dir + "/fiscal-format-" + name
        try! script.writeExecutable(to: path)
        return path
    }

    /// Writes a data file.
    @discardableResult
    func file(_ name: String, _ text: String) -> String {
        let path = dir + "/" + name
        try! text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func remove() { try? FileManager.default.removeItem(atPath: dir) }

    /// A shell plugin that shakes hands as `name` (protocol `version`), claims files ending
    /// in `.\(name)` with confidence 90, and runs `onRead` (shell commands) for `read`.
    @discardableResult
    func shellPlugin(_ name: String, protocolVersion: Int = 1, onRead: String) -> String {
        plugin(name, """
            #!/bin/sh
            read hello
            read request
            echo '{"type":"hello","protocol":\(protocolVersion),"name":"\(name)","version":"0.1.0","fileKinds":["\(name)"]}'
            case "$request" in
              *'"detect"'*)
                case "$request" in
                  *'.\(name)"'*) echo '{"type":"detect","confidence":90}' ;;
                  *) echo '{"type":"detect","confidence":0}' ;;
                esac ;;
              *'"read"'*)
                \(onRead) ;;
            esac
            """)
    }
}

enum Paths {
    /// The package root (tests live in Tests/FiscalFormatTests).
    static var root: String {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }

    static var examplePlugins: String { root + "/Examples/plugins" }
}
