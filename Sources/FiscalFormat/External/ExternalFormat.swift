import FiscalModel
import Foundation

/// How long a plugin may take, in seconds, per kind of request.
public struct PluginTimeLimits: Sendable, Hashable {
    /// `hello` + `describe` at discovery.
    public var handshake: Double
    /// `hello` + `detect`.
    public var detect: Double
    /// `hello` + `read`.
    public var read: Double

    public init(handshake: Double = 2, detect: Double = 2, read: Double = 10) {
        self.handshake = handshake
        self.detect = detect
        self.read = read
    }

    /// The limits fiscal uses: 2 s to shake hands or detect, 10 s to read a file.
    public static let standard = PluginTimeLimits()
}

/// A format implemented by an external plugin: an executable `fiscal-format-<name>` that
/// speaks ``PluginProtocol`` over its standard input and output.
///
/// Each request starts a fresh process (no state is kept between files), so a plugin that
/// crashes, hangs or answers garbage costs one ``FormatError`` naming the plugin and quoting
/// its standard error; fiscal and the reports already loaded are unaffected.
public struct ExternalFormat: ReportFormat {
    /// The executable's path.
    public let executable: String
    /// What the plugin said about itself at discovery.
    public let hello: PluginProtocol.Hello
    /// The time limits of its requests.
    public var limits: PluginTimeLimits

    public var descriptor: FormatDescriptor {
        FormatDescriptor(
            name: hello.name, version: hello.version, summary: hello.summary, fileKinds: hello.fileKinds,
            origin: executable)
    }

    /// Starts the plugin once to learn its name, version and file kinds.
    ///
    /// Throws a ``FormatError`` (naming the executable) when the plugin does not start,
    /// does not answer in time, answers garbage, or speaks another major protocol version.
    public init(executable: String, limits: PluginTimeLimits = .standard) throws(FormatError) {
        self.executable = executable
        self.limits = limits
        let lines = try ExternalFormat.exchange(
            executable: executable, label: executable, request: [("type", .string("describe"))],
            seconds: limits.handshake, requestName: "describe")
        do {
            self.hello = try PluginProtocol.parseHello(lines.first)
        } catch {
            throw ExternalFormat.error(error, label: executable, file: executable, output: nil)
        }
    }

    /// Asks the plugin how confident it is; a plugin that fails counts as not confident
    /// (``checkedDetect(_:)`` says why).
    public func detect(_ sample: FileSample) -> Confidence {
        (try? checkedDetect(sample)) ?? .none
    }

    /// Asks the plugin how confident it is, throwing when the plugin fails.
    public func checkedDetect(_ sample: FileSample) throws(FormatError) -> Confidence {
        var request: [(String, JSON)] = [("type", .string("detect")), ("path", .string(sample.path))]
        request.append(("text", sample.text.map(JSON.string) ?? .null))
        request.append(("base64", .string(Data(sample.bytes).base64EncodedString())))
        let answer = try call(request, type: "detect", file: sample.path, seconds: limits.detect)
        guard let value = answer["confidence"]?.intValue, (0...100).contains(value) else {
            throw FormatError(file: sample.path, Message(.pluginBadConfidence, "\(hello.name)", "\(executable)", "\(answer["confidence"].map { $0.text() } ?? "none")"))
        }
        return Confidence(value)
    }

    /// Sends the file's text to the plugin and reads the canonical model it answers with.
    public func read(_ source: SourceText) throws(FormatError) -> FormatResult {
        let request: [(String, JSON)] = [
            ("type", .string("read")), ("path", .string(source.path)), ("text", .string(source.text)),
            ("encoding", .string(source.encoding.rawValue)),
        ]
        let answer = try call(request, type: "read", file: source.path, seconds: limits.read)
        guard let model = answer["model"] else {
            throw FormatError(file: source.path, Message(.pluginNoModel, "\(hello.name)", "\(executable)"))
        }
        do {
            let reports = try ModelJSON.decodeReports(model)
            var warnings: [Diagnostic] = []
            for w in answer["warnings"]?.arrayValue ?? [] {
                if let m = w.stringValue { warnings.append(Diagnostic(.warning, code: "plugin-warning", m)) }
            }
            return FormatResult(reports: reports.map { r in
                var r = r
                if r.format == nil { r.format = hello.name }
                return r
            }, warnings: warnings)
        } catch {
            throw FormatError(file: source.path, Message(.pluginInvalidModel, "\(hello.name)", "\(executable)", "\(error)"))
        }
    }

    /// One request: hello + `request`, answer line checked.
    private func call(_ request: [(String, JSON)], type: String, file: String, seconds: Double) throws(FormatError) -> JSON {
        let label = "`\(hello.name)` (\(executable))"
        let lines = try ExternalFormat.exchange(
            executable: executable, label: label, request: request, seconds: seconds, requestName: type, file: file)
        do {
            _ = try PluginProtocol.parseHello(lines.first)
            return try PluginProtocol.parseAnswer(lines.dropFirst().first, type: type)
        } catch {
            throw ExternalFormat.error(error, label: label, file: file, output: nil)
        }
    }

    /// Runs the plugin once and returns its output lines, or the error of a failed run.
    static func exchange(
        executable: String, label: String, request: [(String, JSON)], seconds: Double, requestName: String,
        file: String? = nil
    ) throws(FormatError) -> [String] {
        let input = PluginProtocol.helloLine + PluginProtocol.requestLine(request)
        let output = PluginProcess(path: executable).run(input: Array(input.utf8), seconds: seconds)
        let stderr = output.stderrText.isEmpty ? "" : "; its stderr said:\n\(output.stderrText)"
        let where_ = file ?? executable
        switch output.ending {
        case .notStarted(let reason):
            throw FormatError(file: where_, Message(.pluginNotStarted, "\(label)", "\(reason)"))
        case .timedOut:
            throw FormatError(file: where_, Message(.pluginTimeout, "\(label)", "\(requestName)", "\(seconds)", "\(stderr)"))
        case .tooMuchOutput:
            throw FormatError(file: where_, Message(.pluginTooMuch, "\(label)", "\(PluginProcess.maximumStdout >> 20)", "\(requestName)", "\(stderr)"))
        case .signalled(let signal):
            throw FormatError(file: where_, Message(.pluginCrashed, "\(label)", "\(signal)", "\(requestName)", "\(stderr)"))
        case .exited(let status) where status != 0:
            throw FormatError(file: where_, Message(.pluginFailed, "\(label)", "\(status)", "\(requestName)", "\(stderr)"))
        case .exited:
            return PluginProtocol.lines(output.stdout)
        }
    }

    static func error(_ v: PluginProtocol.Violation, label: String, file: String, output: String?) -> FormatError {
        switch v {
        case .message(let m):
            FormatError(file: file, Message(.pluginBrokeProtocol, "\(label)", "\(m)"))
        case .incompatible(let plugin):
            FormatError(file: file, Message(.pluginVersion, "\(label)", "\(plugin)", "\(PluginProtocol.version)"))
        case .pluginError(let message, let line):
            FormatError(file: file, line: line, "plugin \(label): \(message)")
        }
    }
}
