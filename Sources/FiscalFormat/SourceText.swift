import FiscalModel

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

    /// Decodes `bytes` read from `path`. Returns `nil` when the bytes are neither UTF-8 nor
    /// GB18030 (a binary file).
    public init?(bytes: [UInt8], path: String) {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if let utf8 = String(validating: body, as: UTF8.self) {
            self.init(text: utf8, path: path, encoding: .utf8)
        } else if let gb = SourceText.decodeGB18030(Array(body)) {
            self.init(text: gb, path: path, encoding: .gb18030)
        } else {
            return nil
        }
    }

    /// Text already decoded (tests, standard input, plugins).
    public init(text: String, path: String, encoding: Encoding = .utf8) {
        let normalized = text.utf8.contains(13) ? text.replacingCRLF() : text
        self.path = path
        self.text = normalized
        self.encoding = encoding
        var lines = normalized.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.count > 1, lines.last?.isEmpty == true { lines.removeLast() }
        self.lines = lines
    }

    /// The text of 1-based line `number`, or `nil` outside the file.
    public func line(_ number: Int) -> Substring? {
        number >= 1 && number <= lines.count ? lines[number - 1] : nil
    }

    /// A span covering `range` of line `line`, in 1-based character columns.
    public func span(line: Int, range: Range<Substring.Index>) -> SourceSpan {
        guard let text = self.line(line) else { return SourceSpan(file: path, line: line) }
        let start = text.distance(from: text.startIndex, to: range.lowerBound) + 1
        let end = text.distance(from: text.startIndex, to: range.upperBound) + 1
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
        let ok: Bool = input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                var inPtr: UnsafeMutablePointer<CChar>? = inBuf.baseAddress
                var inLeft = inBuf.count
                var outPtr: UnsafeMutablePointer<CChar>? = outBuf.baseAddress
                var outLeft = outBuf.count
                let r = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                if r == -1 || inLeft != 0 { return false }
                return true
            }
        }
        guard ok else { return nil }
        // The buffer is zero-filled beyond what iconv wrote; valid GB18030 never yields NUL
        // except for a NUL byte in the input, which text files do not contain.
        let written = output.firstIndex(of: 0) ?? output.count
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
