import FiscalModel

/// How sure a format is that it can read a file, from 0 (not at all) to 100 (certain).
public struct Confidence: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The confidence, 0...100.
    public let value: Int
    /// A confidence, clamped to 0...100.
    public init(_ value: Int) { self.value = min(max(value, 0), 100) }

    /// The format cannot read this file.
    public static let none = Confidence(0)
    /// Only the extension matches, or a weak sign in the content.
    public static let low = Confidence(25)
    /// The content looks right.
    public static let high = Confidence(75)
    /// The content carries the format's own signature.
    public static let certain = Confidence(100)

    public static func < (lhs: Confidence, rhs: Confidence) -> Bool { lhs.value < rhs.value }
    public var description: String { String(value) }
}

/// What a format says about itself: shown by `fiscal formats`, checked at load time.
public struct FormatDescriptor: Sendable, Hashable {
    /// The name `--format` takes (`json`, `csv`, `narrative`, …).
    public var name: String
    /// The format's own version.
    public var version: String
    /// One line saying what it reads.
    public var summary: String
    /// File extensions it usually reads (`json`, `csv`, `txt`), without dots.
    public var fileKinds: [String]
    /// Where the format lives: built in, or the path of an external plugin.
    public var origin: String

    /// Whether the format is built into fiscal (rather than an external plugin).
    public var isBuiltin: Bool { origin == FormatDescriptor.builtinOrigin }

    /// The ``origin`` of the formats built into fiscal.
    public static let builtinOrigin = "built-in"

    /// A descriptor; `origin` defaults to built-in.
    public init(name: String, version: String, summary: String, fileKinds: [String], origin: String = FormatDescriptor.builtinOrigin) {
        self.name = name
        self.version = version
        self.summary = summary
        self.fileKinds = fileKinds
        self.origin = origin
    }
}

/// The start of a file, for ``ReportFormat/detect(_:)``: cheap to make, cheap to look at.
public struct FileSample: Sendable {
    /// The path as the user gave it.
    public var path: String
    /// Up to the first 64 KiB of the file.
    public var bytes: [UInt8]
    /// Those bytes decoded (UTF-8 or GB18030), when they decode.
    public var text: String?

    /// How many bytes a sample holds at most.
    public static let size = 64 * 1024

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
        var decoded = SourceText(bytes: bytes, path: path)?.text
        if decoded == nil && bytes.count == FileSample.size {
            // The cut may split a multi-byte character: drop up to three bytes and retry.
            for cut in 1...3 where decoded == nil {
                decoded = SourceText(bytes: Array(bytes.dropLast(cut)), path: path)?.text
            }
        }
        self.text = decoded
        self.utf8 = decoded.map { Array($0.utf8) } ?? []
        self.compactUTF8 = FileSample.compacted(utf8)
    }

    /// The decoded text as UTF-8 bytes (empty when it did not decode).
    private let utf8: [UInt8]
    /// `utf8` without whitespace, for ``compactContains(_:)``.
    private let compactUTF8: [UInt8]

    /// Whether the decoded text contains `needle`, compared byte for byte in UTF-8 (fast: no
    /// Unicode normalisation or grapheme walking, which a 64 KiB sample cannot afford in
    /// `detect`). Whitespace is not ignored; `compactContains` ignores it.
    public func textContains(_ needle: String) -> Bool {
        FileSample.search(utf8, Array(needle.utf8))
    }

    /// Whether the text with every space, tab and line break removed contains `needle` (PDF
    /// extractions break titles over lines and put spaces between characters).
    public func compactContains(_ needle: String) -> Bool {
        FileSample.search(compactUTF8, Array(needle.utf8))
    }

    /// Whether `needle` occurs in `hay` (see ``ByteSearch``).
    static func search(_ hay: [UInt8], _ needle: [UInt8]) -> Bool {
        hay.withUnsafeBufferPointer { h in needle.withUnsafeBufferPointer { n in ByteSearch.contains(h, n) } }
    }

    /// `bytes` without ASCII whitespace and U+3000.
    private static func compacted(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { i += 1; continue }
            if b == 0xE3, i + 2 < bytes.count, bytes[i + 1] == 0x80, bytes[i + 2] == 0x80 { i += 3; continue }  // U+3000
            out.append(b)
            i += 1
        }
        return out
    }

    /// The file's extension, lowercased, without the dot.
    public var fileExtension: String {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return "" }
        return path[path.index(after: dot)...].lowercased()
    }
}

/// What reading a file produced: reports, and what the format noticed on the way.
public struct FormatResult: Sendable {
    public var reports: [Report]
    /// Warnings that belong to no single report (each report keeps its own too).
    public var warnings: [Diagnostic]

    public init(reports: [Report], warnings: [Diagnostic] = []) {
        self.reports = reports
        self.warnings = warnings
    }
}

/// Why a format could not read a file: the place, what it expected, what it found.
public struct FormatError: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    /// The 1-based line, when the problem has one.
    public var line: Int?
    public var message: String
    /// Further problems of the same file (e.g. every bad row of a CSV file).
    public var more: [FormatError]
    /// The message as a catalogue entry, written in the reader's language where it is shown;
    /// `nil` for a message not in the catalogue (an external plugin's), shown as it is.
    public var text: Message? {
        get { translation.message }
        set { translation.message = newValue }
    }
    private var translation = Translation()

    public init(file: String, line: Int? = nil, _ message: String, more: [FormatError] = []) {
        self.file = file
        self.line = line
        self.message = message
        self.more = more
    }

    /// An error whose message comes from the catalogue.
    public init(file: String, line: Int? = nil, _ text: Message, more: [FormatError] = []) {
        self.init(file: file, line: line, text.text(.english), more: more)
        self.text = text
    }

    /// `file:line: message`, one per problem.
    public var description: String { text(.english) }

    /// `file:line: message` in `language`, one per problem.
    public func text(_ language: Language) -> String {
        ([self] + more).map { e in
            let place = e.line.map { "\(e.file):\($0)" } ?? e.file
            return "\(place): \(e.text?.text(language) ?? e.message)"
        }.joined(separator: "\n")
    }
}

/// A report format: recognises its files and reads them into the model.
///
/// Built-in formats implement this protocol directly and are listed once, in
/// `BuiltinFormats.all`; external plugins (any language) are wrapped by ``ExternalFormat``.
/// Several formats may claim a file: ``FormatRegistry`` asks each for its ``Confidence``
/// and the most confident wins (ties go to the earlier registered); `--format NAME`
/// bypasses detection. A format never prints: it returns reports and diagnostics.
///
/// A minimal format:
///
/// ```swift
/// public struct TSVFormat: ReportFormat {
///     public var descriptor: FormatDescriptor {
///         FormatDescriptor(name: "tsv", version: "1.0.0", summary: "tab-separated budget sheets", fileKinds: ["tsv"])
///     }
///     public func detect(_ sample: FileSample) -> Confidence {
///         sample.text?.hasPrefix("# entity:") == true ? .certain : .none
///     }
///     public func read(_ source: SourceText) throws(FormatError) -> FormatResult { … }
/// }
/// ```
public protocol ReportFormat: Sendable {
    /// Name, version, summary, file kinds and origin: what `fiscal formats` lists.
    var descriptor: FormatDescriptor { get }
    /// How confident the format is that it reads `sample`'s file; must be cheap and must
    /// not throw (a format unsure of a file answers ``Confidence/none``).
    func detect(_ sample: FileSample) -> Confidence
    /// Like ``detect(_:)``, but a format that can fail while detecting (an external
    /// plugin that crashes) says why. The registry calls this one; the default calls
    /// ``detect(_:)``.
    func checkedDetect(_ sample: FileSample) throws(FormatError) -> Confidence
    /// Reads a whole file into reports; problems it can work around go into the reports'
    /// warnings (with spans), problems it cannot are thrown.
    func read(_ source: SourceText) throws(FormatError) -> FormatResult
    /// Writes reports in this format, for `:save`; `nil` when the format only reads.
    func write(_ reports: [Report]) -> String?
}

extension ReportFormat {
    public func write(_ reports: [Report]) -> String? { nil }
    public func checkedDetect(_ sample: FileSample) throws(FormatError) -> Confidence { detect(sample) }
}

/// Byte-wise substring search: a plain scan for the first byte, then a compare. No Unicode
/// normalisation or grapheme walking, for the checks detection and readers run on every line.
public enum ByteSearch {
    /// Whether `needle` occurs in `hay`.
    public static func contains(_ hay: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = needle.first else { return true }
        guard hay.count >= needle.count else { return false }
        var i = 0
        let last = hay.count - needle.count
        while i <= last {
            if hay[i] == first {
                var j = 1
                while j < needle.count && hay[i + j] == needle[j] { j += 1 }
                if j == needle.count { return true }
            }
            i += 1
        }
        return false
    }
}

/// White space by scalar value (Unicode's White_Space property), without the property
/// look-up `Unicode.Scalar.Properties.isWhitespace` makes for every scalar: the per-line
/// checks of the readers ask it of every character of a document.
public enum WhiteSpace {
    /// Whether the scalar of value `v` is white space.
    @inline(__always)
    public static func contains(_ v: UInt32) -> Bool {
        if v < 0x80 { return v == 0x20 || (0x09...0x0D).contains(v) }
        if v < 0x1680 { return v == 0x85 || v == 0xA0 }
        return v == 0x1680 || (0x2000...0x200A).contains(v) || v == 0x2028 || v == 0x2029 || v == 0x202F || v == 0x205F || v == 0x3000
    }

    /// `text` without its white space.
    public static func removed(from text: Substring) -> String {
        var out = UTF8Builder(capacity: text.utf8.count)
        for u in text.unicodeScalars where !contains(u.value) { out.append(u) }
        return out.string
    }
}

/// A format that reads a file itself, a bounded piece at a time, so that the host never holds
/// the whole file (a canonical CSV of ten million facts is over a gigabyte). The host offers
/// it the file when detection is sure (``FormatRegistry/weakEvidence`` or better); the format
/// may decline a file it cannot stream (not valid UTF-8, CRLF line ends, …), and the host
/// then reads the whole text as for any other format. What it returns is checked, judged and
/// folded as ``ReportFormat/read(_:)``'s result is.
public protocol StreamingReportFormat: ReportFormat {
    /// Reads the file at `path`; `nil` when the file needs the whole-text path. A file the
    /// format cannot read at all throws, as ``ReportFormat/read(_:)`` does.
    func readStreaming(path: String) throws(FormatError) -> StreamedResult?
}

/// What a ``StreamingReportFormat`` read, with the digest of the file's bytes
/// (``FiscalModel/ReportDocument/digest(of:)``), which it computed on the way.
public struct StreamedResult: Sendable {
    public var result: FormatResult
    public var digest: UInt64

    public init(result: FormatResult, digest: UInt64) {
        self.result = result
        self.digest = digest
    }
}
