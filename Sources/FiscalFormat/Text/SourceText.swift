import FiscalModel
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The text of an input file, decoded, split into lines, with its path for spans.
///
/// UTF-8 (with or without a byte-order mark) is read as is; anything else is decoded as
/// GB18030, the superset of GBK and GB2312 that Chinese government files are written in.
/// CRLF and CR line ends become LF.
public struct SourceText: Sendable {
    /// The encodings fiscal recognises.
    public enum Encoding: String, Sendable { case utf8 = "UTF-8", gb18030 = "GB18030" }

    /// The path as the user gave it, used in spans and messages.
    public let path: String
    public let text: String
    public let encoding: Encoding
    /// The lines without their line ends; `lines[0]` is line 1.
    public let lines: [Substring]
    /// Where decoding had to replace bytes (a UTF-8 file with a few invalid bytes, or cut
    /// inside a character): one warning naming the line and byte offset of the first.
    public private(set) var decodingWarnings: [Diagnostic] = []
    private let columnCache = ColumnCache()

    /// Decodes `bytes` read from `path`. A UTF-8 file with a few invalid bytes is read with
    /// each replaced by U+FFFD and a warning naming the first; returns `nil` when the bytes
    /// are neither UTF-8 nor GB18030 (a binary file).
    public init?(bytes: [UInt8], path: String) {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if let utf8 = String(validating: body, as: UTF8.self) {
            self.init(text: utf8, path: path, encoding: .utf8)
            return
        }
        let scan = UTF8Scan(body)
        var gb: String?
        if !scan.mostlyUTF8 { gb = SourceText.decodeGB18030(Array(body)) }
        if let gb {
            self.init(text: gb, path: path, encoding: .gb18030)
        } else if scan.mostlyUTF8 || scan.fewErrors {
            self.init(text: String(decoding: body, as: UTF8.self), path: path, encoding: .utf8)
            if let first = scan.firstInvalid {
                let offset = first + (bytes.count - body.count)
                let line = bytes[..<offset].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
                let more = scan.invalidCount > 1 ? Message(.loadSuchPlaces, scan.invalidCount) : .literal("")
                decodingWarnings = [Diagnostic(
                    .warning, code: "invalid-utf8",
                    Message(.loadInvalidUTF8, SourceText.describe(bytes, at: offset), offset, more),
                    at: SourceSpan(file: path, line: line))]
            }
        } else {
            return nil
        }
    }

    /// Where the first byte that is not UTF-8 lies (offset from the start of the file,
    /// 1-based line), and how it reads in a message; `nil` for valid UTF-8.
    public static func firstInvalidUTF8(_ bytes: [UInt8]) -> (offset: Int, line: Int, byteDescription: Message)? {
        guard let offset = UTF8Scan(bytes[...]).firstInvalid else { return nil }
        let line = bytes[..<offset].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
        return (offset, line, describe(bytes, at: offset))
    }

    static func describe(_ bytes: [UInt8], at offset: Int) -> Message {
        guard offset < bytes.count else { return Message(.loadEndInsideCharacter) }
        if UTF8Scan.sequenceLength(bytes[offset]) > 1, offset + UTF8Scan.sequenceLength(bytes[offset]) > bytes.count {
            return Message(.loadCutInsideCharacter, String(bytes[offset], radix: 16, uppercase: true))
        }
        return Message(.loadByte, String(bytes[offset], radix: 16, uppercase: true))
    }

    /// Text already decoded (tests, standard input, plugins).
    public init(text: String, path: String, encoding: Encoding = .utf8) {
        var probe = text
        let hasCR = probe.withUTF8 { b in b.baseAddress.map { memchr($0, 13, b.count) != nil } ?? false }
        let normalized = hasCR ? text.replacingCRLF() : text
        self.path = path
        self.text = normalized
        self.encoding = encoding
        // Split on the line feed byte: a Character split costs grapheme breaking on every line.
        var copy = normalized
        let feeds = copy.withUTF8 { UTF8Search.lineFeeds(in: $0) }
        var lines: [Substring] = []
        lines.reserveCapacity(feeds.count + 1)
        let utf8 = normalized.utf8
        var start = normalized.startIndex
        for k in feeds {
            let nl = utf8.index(utf8.startIndex, offsetBy: k)
            lines.append(normalized[start..<nl])
            start = utf8.index(after: nl)
        }
        lines.append(normalized[start...])
        if lines.count > 1, lines.last?.isEmpty == true { lines.removeLast() }
        self.lines = lines
    }

    /// The text of 1-based line `number`, or `nil` outside the file.
    public func line(_ number: Int) -> Substring? {
        number >= 1 && number <= lines.count ? lines[number - 1] : nil
    }

    /// A span covering `range` of line `line`, in 1-based character columns.
    /// Readers ask for spans left to right, so the column of the last index asked is kept and
    /// counting goes on from there: spans of every figure of a long line cost one pass over
    /// it, not one pass per figure.
    public func span(line: Int, range: Range<Substring.Index>) -> SourceSpan {
        guard let text = self.line(line) else { return SourceSpan(file: path, line: line) }
        let start = columnCache.column(of: range.lowerBound, line: line, in: text)
        let end = columnCache.column(of: range.upperBound, line: line, in: text)
        return SourceSpan(file: path, line: line, startColumn: start, endColumn: end)
    }

    /// A span covering the whole of line `line`.
    public func span(line: Int) -> SourceSpan {
        let count = self.line(line)?.count ?? 0
        return SourceSpan(file: path, line: line, startColumn: 1, endColumn: count + 1)
    }

    /// Decodes GB18030 (and so GBK/GB2312) with the C library's iconv; `nil` when the bytes are
    /// not valid GB18030.
    static func decodeGB18030(_ bytes: [UInt8]) -> String? {
        if bytes.isEmpty { return "" }
        let cd = iconv_open("UTF-8", "GB18030")
        if cd == iconv_t(bitPattern: -1) { return nil }
        defer { iconv_close(cd) }
        var input = bytes.map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: bytes.count * 2 + 16)
        var written = -1
        input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                var inPtr: UnsafeMutablePointer<CChar>? = inBuf.baseAddress
                var inLeft = inBuf.count
                var outPtr: UnsafeMutablePointer<CChar>? = outBuf.baseAddress
                var outLeft = outBuf.count
                let r = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                if r != -1 && inLeft == 0 { written = outBuf.count - outLeft }
            }
        }
        guard written >= 0 else { return nil }
        // Exactly the bytes iconv wrote: a NUL in the input stays a NUL, never an end.
        return String(validating: output[..<written].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

extension String {
    fileprivate func replacingCRLF() -> String {
        var out = ""
        out.reserveCapacity(utf8.count)
        var previousCR = false
        for scalar in unicodeScalars {
            if scalar == "\r" {
                out.unicodeScalars.append("\n")
                previousCR = true
                continue
            }
            if scalar == "\n" && previousCR {
                previousCR = false
                continue
            }
            previousCR = false
            out.unicodeScalars.append(scalar)
        }
        return out
    }
}

/// One pass over bytes counting what is and is not UTF-8.
struct UTF8Scan {
    /// Offset of the first byte that does not start a valid sequence.
    var firstInvalid: Int?
    /// How many invalid sequences there are.
    var invalidCount = 0
    /// How many valid multi-byte sequences there are.
    var multibyteCount = 0
    var byteCount = 0

    init(_ bytes: ArraySlice<UInt8>) {
        byteCount = bytes.count
        var i = bytes.startIndex
        let base = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            let n = UTF8Scan.sequenceLength(b)
            var ok = n > 1 && i + n <= bytes.endIndex
            if ok {
                for k in 1..<n where bytes[i + k] & 0xC0 != 0x80 { ok = false }
                // overlong, surrogate and out-of-range forms
                if ok && n == 3 && b == 0xE0 && bytes[i + 1] < 0xA0 { ok = false }
                if ok && n == 3 && b == 0xED && bytes[i + 1] > 0x9F { ok = false }
                if ok && n == 4 && b == 0xF0 && bytes[i + 1] < 0x90 { ok = false }
                if ok && n == 4 && b == 0xF4 && bytes[i + 1] > 0x8F { ok = false }
            }
            if ok {
                multibyteCount += 1
                i += n
            } else {
                if firstInvalid == nil { firstInvalid = i - base }
                invalidCount += 1
                i += 1
            }
        }
    }

    /// The length of the sequence `lead` starts (1 for ASCII, 0 for a byte that cannot lead).
    static func sequenceLength(_ lead: UInt8) -> Int {
        switch lead {
        case 0x00...0x7F: 1
        case 0xC2...0xDF: 2
        case 0xE0...0xEF: 3
        case 0xF0...0xF4: 4
        default: 0
        }
    }

    /// UTF-8 with a few bad bytes (a corrupted or cut file) rather than another encoding: at
    /// most 1 invalid sequence in 64 valid multi-byte ones (GB18030 text is nearly all
    /// invalid), or a handful in a file that is otherwise ASCII.
    /// Few enough bad bytes to read the file as damaged UTF-8 when it is not GB18030 either.
    var fewErrors: Bool { invalidCount * 4 <= multibyteCount }

    var mostlyUTF8: Bool {
        guard invalidCount > 0 else { return true }
        if multibyteCount == 0 { return invalidCount <= 4 && invalidCount * 1000 <= byteCount }
        return invalidCount * 64 <= multibyteCount
    }
}

/// The 1-based character column of the last index asked for, per source text.
private final class ColumnCache: @unchecked Sendable {
    private let lock = NSLock()
    private var last: (line: Int, index: Substring.Index, column: Int)?

    func column(of index: Substring.Index, line: Int, in text: Substring) -> Int {
        lock.lock()
        defer { lock.unlock() }
        var from = text.startIndex, column = 1
        if let l = last, l.line == line, l.index <= index, l.index >= text.startIndex, l.index <= text.endIndex {
            from = l.index
            column = l.column
        }
        let clamped = min(max(index, text.startIndex), text.endIndex)
        if clamped > from { column += text.distance(from: from, to: clamped) }
        last = (line, clamped, column)
        return column
    }
}
