import FiscalFormat
import FiscalModel
import Foundation
import TestSupport
import Testing

/// Short limits, so that the hang test takes seconds, not minutes; long enough for Python to start on a
/// loaded two-core machine.
private let fast = PluginTimeLimits(handshake: 5, detect: 5, read: 3)

@Suite("external plugins through the real process boundary")
struct ExternalPluginTests {
    @Test("the Python example plugin is discovered and reads its sample exactly")
    func examplePlugin() throws {
        let (formats, diagnostics) = PluginDiscovery.discover(
            extraDirectories: [Paths.examplePlugins], environment: [:])
        #expect(diagnostics.isEmpty)
        let sheet = try #require(formats.first { $0.descriptor.name == "budgetsheet" })
        #expect(sheet.descriptor.version == "1.0.0")
        #expect(sheet.descriptor.fileKinds == ["tsv", "budget"])
        #expect(sheet.descriptor.origin.hasSuffix("Examples/plugins/fiscal-format-budgetsheet"))
        #expect(!sheet.descriptor.isBuiltin)

        let registry = FormatRegistry(formats)
        let result = try registry.load(file: Paths.examplePlugins + "/sample.budget.tsv")
        let report = try #require(result.reports.first)
        #expect(report.entity == "示例区财政局")
        #expect(report.region == "上海市普陀区")
        #expect(report.year == 2024 && report.phase == .final && report.format == "budgetsheet")
        #expect(report.facts.count == 7)
        let admin = try #require(report.facts.first { $0.code == "2010602" })
        #expect(admin.amount.description == "10.00")
        #expect(admin.measure == .total && admin.statement == .expenditure)
        #expect(admin.span.line == 11 && admin.span.startColumn == 20)
        #expect(Amount.sum(report.facts.filter { $0.code?.level == .xiang }.map(\.amount)) == Amount("2106.66")!)
    }

    @Test("plugins are found in FISCAL_PLUGIN_PATH and XDG_DATA_HOME, first of a name wins")
    func searchPath() throws {
        let a = PluginSandbox(), b = PluginSandbox()
        defer { a.remove(); b.remove() }
        a.shellPlugin("one", onRead: "exit 1")
        try FileManager.default.createDirectory(atPath: b.dir + "/fiscal/plugins", withIntermediateDirectories: true)
        let shadowed = PluginSandbox(), dataHome = b.dir
        defer { shadowed.remove() }
        try "#!/bin/sh\nexit 1\n".writeExecutable(to: dataHome + "/fiscal/plugins/fiscal-format-one")
        let env = ["FISCAL_PLUGIN_PATH": "/nonexistent:" + a.dir, "XDG_DATA_HOME": dataHome, "HOME": "/nonexistent"]
        #expect(PluginDiscovery.searchDirectories(extraDirectories: ["/x"], environment: env)
            == ["/x", "/nonexistent", a.dir, dataHome + "/fiscal/plugins"])
        #expect(PluginDiscovery.searchDirectories(extraDirectories: [], environment: ["HOME": "/h"])
            == ["/h/.local/share/fiscal/plugins"])
        let (formats, diagnostics) = PluginDiscovery.discover(environment: env, limits: fast)
        #expect(formats.map(\.executable) == [a.dir + "/fiscal-format-one"])
        #expect(diagnostics.isEmpty)
    }

    @Test("a plugin speaking another protocol version is reported at load time with both versions")
    func wrongProtocolVersion() {
        let box = PluginSandbox()
        defer { box.remove() }
        box.shellPlugin("future", protocolVersion: 2, onRead: "exit 0")
        let (formats, diagnostics) = PluginDiscovery.discover(extraDirectories: [box.dir], environment: [:], limits: fast)
        #expect(formats.isEmpty)
        #expect(diagnostics.count == 1)
        let d = diagnostics[0]
        #expect(d.code == "plugin-incompatible" && d.severity == .error)
        #expect(d.message.contains("fiscal-format-future"))
        #expect(d.message.contains("protocol version 2, but this fiscal speaks version 1"))
    }

    @Test("a plugin that writes garbage at the handshake is reported, others still load")
    func garbageHandshake() {
        let box = PluginSandbox()
        defer { box.remove() }
        box.plugin("noise", "#!/bin/sh\necho 'hello there, not json'\n")
        let (formats, diagnostics) = PluginDiscovery.discover(
            extraDirectories: [box.dir, Paths.examplePlugins], environment: [:], limits: fast)
        #expect(formats.map(\.descriptor.name) == ["budgetsheet"])
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.message.contains("fiscal-format-noise") == true)
        #expect(diagnostics.first?.message.contains("expected a JSON line, found `hello there, not json`") == true)
    }

    /// Loads `file` with a registry of the broken plugin and the example plugin, expects an
    /// error that contains each of `expected`, then checks that the same registry still
    /// loads the example sample.
    private func expectFailure(plugin: String, onRead: String, expected: [String]) throws {
        let box = PluginSandbox()
        defer { box.remove() }
        box.shellPlugin(plugin, onRead: onRead)
        let (formats, diagnostics) = PluginDiscovery.discover(
            extraDirectories: [box.dir, Paths.examplePlugins], environment: [:], limits: fast)
        #expect(diagnostics.isEmpty)
        let registry = FormatRegistry(formats)
        let file = box.file("data.\(plugin)", "anything\n")
        do {
            _ = try registry.load(file: file)
            Issue.record("expected the \(plugin) plugin to fail")
        } catch {
            guard case .failed(let format, let formatError) = error else {
                Issue.record("expected .failed, found \(error)")
                return
            }
            #expect(format == plugin)
            #expect(formatError.file == file)
            for text in expected {
                #expect(error.description.contains(text), "\(error.description) lacks \(text)")
            }
        }
        let after = try registry.load(file: Paths.examplePlugins + "/sample.budget.tsv")
        #expect(after.reports.first?.facts.count == 7)
    }

    @Test("a plugin that crashes costs one error naming it, with its stderr")
    func crash() throws {
        try expectFailure(
            plugin: "crashy", onRead: "echo 'segfault in parser' >&2; kill -SEGV $$",
            expected: ["plugin `crashy`", "crashed (signal 11) during `read`", "segfault in parser"])
    }

    @Test("a plugin that hangs is stopped at the time limit")
    func hang() throws {
        let start = Date()
        try expectFailure(
            plugin: "sleepy", onRead: "echo 'thinking' >&2; sleep 30",
            expected: ["plugin `sleepy`", "did not answer `read` within 3.0 s", "thinking"])
        #expect(Date().timeIntervalSince(start) < 25)  // stopped, not waited out (the plugin sleeps 30 s)
    }

    @Test("a plugin that exits with an error status is reported with its stderr")
    func exitStatus() throws {
        try expectFailure(
            plugin: "grumpy", onRead: "echo 'Traceback: KeyError' >&2; exit 3",
            expected: ["failed (exit status 3) during `read`", "Traceback: KeyError"])
    }

    @Test("a plugin that answers garbage breaks the protocol")
    func garbageAnswer() throws {
        try expectFailure(
            plugin: "noisy", onRead: "echo '<html>oops</html>'",
            expected: ["plugin `noisy`", "broke the protocol", "expected a JSON line, found `<html>oops</html>`"])
    }

    @Test("a plugin that answers an invalid model is refused with the JSON path")
    func invalidModel() throws {
        try expectFailure(
            plugin: "sloppy",
            onRead: #"echo '{"type":"read","model":{"reports":[{"entity":"x","year":"2024","phase":"决算","unit":"万元","source":"s"}]}}'"#,
            expected: ["plugin `sloppy`", "answered an invalid model", "$.reports[0].year: expected an integer, found a string"])
    }

    @Test("a plugin's own error answer is passed on with its line")
    func pluginError() throws {
        try expectFailure(
            plugin: "picky", onRead: #"echo '{"type":"error","message":"expected a header","line":4}'"#,
            expected: [":4: plugin `picky`", "expected a header"])
    }

    @Test("a plugin that crashes while detecting is named; other formats still read the file")
    func crashWhileDetecting() throws {
        let box = PluginSandbox()
        defer { box.remove() }
        // Shakes hands, then dies on `detect`.
        box.plugin("fragile", """
            #!/bin/sh
            read hello
            read request
            echo '{"type":"hello","protocol":1,"name":"fragile","version":"0.1.0"}'
            case "$request" in *'"detect"'*) echo 'detector broke' >&2; exit 2 ;; esac
            """)
        let (formats, _) = PluginDiscovery.discover(
            extraDirectories: [box.dir, Paths.examplePlugins], environment: [:], limits: fast)
        let registry = FormatRegistry(formats)
        let result = try registry.load(file: Paths.examplePlugins + "/sample.budget.tsv")
        #expect(result.reports.first?.format == "budgetsheet")
        #expect(result.warnings.contains { $0.code == "plugin-failed" && $0.message.contains("detector broke") })
        // A file only the broken plugin might read: its failure is the error, not "unknown format".
        let other = box.file("x.unknown", "?\n")
        #expect {
            try registry.load(file: other)
        } throws: { error in
            (error as? LoadError)?.description.contains("failed (exit status 2) during `detect`") == true
        }
    }
}
