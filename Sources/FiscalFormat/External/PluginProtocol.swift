import FiscalModel

/// The JSON-lines protocol fiscal speaks with external format plugins (docs/PLUGINS.md).
///
/// One process per request: fiscal starts the plugin, writes a `hello` line and one request
/// line (`describe`, `detect` or `read`), closes standard input, and reads the plugin's
/// `hello` line and one answer line from standard output. The protocol is versioned apart
/// from fiscal; a plugin speaking another major version is refused with both versions named.
public enum PluginProtocol {
    /// The major version of the protocol this fiscal speaks.
    public static let version = 1
    /// The prefix of a plugin executable's name: `fiscal-format-<name>`.
    public static let executablePrefix = "fiscal-format-"

    /// What a plugin says about itself in its `hello` line.
    public struct Hello: Sendable, Hashable {
        /// The major protocol version the plugin speaks.
        public var protocolVersion: Int
        /// The format's name (what `--format` takes).
        public var name: String
        /// The plugin's own version.
        public var version: String
        /// One line saying what it reads.
        public var summary: String
        /// File extensions it usually reads.
        public var fileKinds: [String]
    }

    /// A request line, as fiscal writes it.
    static func requestLine(_ members: [(String, JSON)]) -> String {
        JSON.object(members).text() + "\n"
    }

    /// The `hello` line fiscal sends first.
    static var helloLine: String {
        requestLine([("type", .string("hello")), ("protocol", .int(version))])
    }

    /// The non-empty lines of a plugin's standard output, split on `\n` only (U+2028 and
    /// friends may occur inside JSON strings).
    static func lines(_ bytes: [UInt8]) -> [String] {
        bytes.split(separator: UInt8(ascii: "\n")).map { String(decoding: $0, as: UTF8.self) }
            .filter { !$0.allSatisfy(\.isWhitespace) }
    }

    /// Why a plugin's answer is not one fiscal can use.
    enum Violation: Error {
        case message(String)
        case incompatible(plugin: Int)
        case pluginError(message: String, line: Int?)
    }

    /// Reads a `hello` line.
    static func parseHello(_ line: String?) throws(Violation) -> Hello {
        guard let line else { throw .message("expected a `hello` line first, found no output") }
        let json = try parseLine(line)
        guard json["type"]?.stringValue == "hello" else {
            throw .message("expected a `hello` line first, found \(preview(line))")
        }
        guard let major = protocolMajor(json["protocol"]) else {
            throw .message("the `hello` line has no protocol version")
        }
        if major != version { throw .incompatible(plugin: major) }
        guard let name = json["name"]?.stringValue, !name.isEmpty else {
            throw .message("the `hello` line has no `name`")
        }
        return Hello(
            protocolVersion: major, name: name,
            version: json["version"]?.stringValue ?? "unknown",
            summary: json["summary"]?.stringValue ?? "external format plugin",
            fileKinds: json["fileKinds"]?.arrayValue?.compactMap(\.stringValue) ?? [])
    }

    /// Reads the answer line of a request of `type`; an `error` answer becomes a violation
    /// carrying the plugin's message.
    static func parseAnswer(_ line: String?, type: String) throws(Violation) -> JSON {
        guard let line else { throw .message("expected a `\(type)` answer after `hello`, found no more output") }
        let json = try parseLine(line)
        switch json["type"]?.stringValue {
        case type?: return json
        case "error"?:
            throw .pluginError(message: json["message"]?.stringValue ?? "no message", line: json["line"]?.intValue)
        default:
            throw .message("expected a `\(type)` answer, found \(preview(line))")
        }
    }

    /// `1`, `1.2` or `"1.2"` → 1.
    static func protocolMajor(_ json: JSON?) -> Int? {
        switch json {
        case .number(let n)?: Int(n.split(separator: ".").first ?? "")
        case .string(let s)?: Int(s.split(separator: ".").first ?? "")
        default: nil
        }
    }

    static func parseLine(_ line: String) throws(Violation) -> JSON {
        do {
            let json = try JSON.parse(line)
            guard case .object = json else { throw Violation.message("expected a JSON object, found \(preview(line))") }
            return json
        } catch let v as Violation {
            throw v
        } catch {
            throw .message("expected a JSON line, found \(preview(line))")
        }
    }

    static func preview(_ line: String) -> String {
        let cut = line.count > 80 ? String(line.prefix(80)) + "…" : line
        return "`\(cut)`"
    }
}
