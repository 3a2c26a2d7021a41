import FiscalFormat
import Foundation
import FiscalModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension CSVFormat: StreamingReportFormat {
    /// How many bytes of a file are held at once: each block of whole records is read on all
    /// cores into columns, then the next is read into the same buffer. A record longer than a
    /// block doubles it.
    static let blockSize = 32 << 20

    /// Reads the file a block at a time, straight into columns: the host never holds the
    /// whole file, and the facts are the same as ``read(_:)`` gives for its text. Declines
    /// (`nil`) a file that is not valid UTF-8 or has carriage returns: the whole-text path
    /// decodes and normalises those.
    public func readStreaming(path: String) throws(FormatError) -> StreamedResult? {
        try CSVFormat.readStreaming(path: path, blockSize: CSVFormat.blockSize)
    }

    static func readStreaming(path: String, blockSize: Int) throws(FormatError) -> StreamedResult? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(blockSize, 64))
        defer { buffer.deallocate() }
        var digest = DocumentDigest()
        var pending = 0  // bytes carried over from the last block: the start of a record
        var first = true
        var line = 1
        var header: Header?
        var firstLine = SourceSpan(file: path, line: 1)
        var results: [CSVChunkResult] = []
        while true {
            let got = fread(buffer.baseAddress! + pending, 1, buffer.count - pending, file)
            if got < buffer.count - pending, ferror(file) != 0 { return nil }
            let atEnd = got < buffer.count - pending
            // The digest of the new bytes is worked out on its own thread while the block is
            // read on all cores (a chain over the file's words: about 0.3 s of one core for
            // 1.2 GB); it is waited for before the buffer changes and at the end of every pass.
            let digesting = DigestThread(digest, UnsafeBufferPointer(rebasing: buffer[pending..<(pending + got)]))
            defer { digest = digesting.wait() }
            let total = pending + got
            if memchr(buffer.baseAddress! + pending, 0x0D, got) != nil { return nil }
            var start = 0
            if first, total >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { start = 3 }
            // Whole records only: up to the last line end outside quotes (all of it at the end).
            let end: Int
            if atEnd {
                end = total
            } else if let e = CSVFormat.lastRecordEnd(buffer.baseAddress!, start, total) {
                end = e
            } else {
                // One record longer than the buffer: a bigger buffer, and read on.
                _ = digesting.wait()  // it reads the buffer about to be freed
                let bigger = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: buffer.count * 2)
                _ = bigger.initialize(from: buffer[0..<total])
                buffer.deallocate()
                buffer = bigger
                pending = total
                continue
            }
            let region = UnsafeBufferPointer(rebasing: buffer[start..<end])
            guard CSVBytes.isValidUTF8(region) else { return nil }
            if first {
                let h = try CSVFormat.header(region, path: path)
                firstLine = CSVFormat.firstLineSpan(region, path: path)
                results += CSVFormat.rows(region, from: h.rowsStart, line: h.rowsLine, layout: h.layout, path: path)
                header = h
                first = false
            } else if let h = header {
                results += CSVFormat.rows(region, from: 0, line: line, layout: h.layout, path: path)
            }
            line += CSVBytes.lineEnds(region)
            if atEnd { break }
            pending = total - end
            _ = digesting.wait()  // the carried-over bytes move over the ones it reads
            if pending > 0 { memmove(buffer.baseAddress!, buffer.baseAddress! + end, pending) }
        }
        guard let header else { return nil }
        let result = try CSVFormat.reports(&results, path: path, warnings: header.warnings, firstLine: firstLine)
        return StreamedResult(result: result, digest: digest.value)
    }

    /// Where the last whole record of `p[start..<end]` ends (one past its line end); `nil`
    /// when the bytes hold no line end outside quotes. `start` is the start of a record.
    static func lastRecordEnd(_ p: UnsafeMutablePointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
        guard end > start else { return nil }
        if memchr(p + start, 0x22, end - start) == nil {
            var i = end - 1
            while i >= start {
                if p[i] == 0x0A { return i + 1 }
                i -= 1
            }
            return nil
        }
        var inQuotes = false
        var last: Int?
        for i in start..<end {
            let c = p[i]
            if c == 0x22 {
                inQuotes.toggle()
            } else if c == 0x0A, !inQuotes {
                last = i + 1
            }
        }
        return last
    }
}

/// The digest (``FiscalModel/DocumentDigest``) of some bytes continued from `start`, worked
/// out on a thread of its own; ``wait()`` gives it. The bytes must stay as they are until then.
final class DigestThread: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: DocumentDigest
    private var waited = false
    private let bytes: UnsafeBufferPointer<UInt8>

    init(_ start: DocumentDigest, _ bytes: UnsafeBufferPointer<UInt8>) {
        result = start
        self.bytes = bytes
        let thread = Thread { [self] in
            var d = result
            d.add(self.bytes)
            result = d
            done.signal()
        }
        thread.start()
    }

    /// The digest, once the thread has worked it out (waits the first time only).
    func wait() -> DocumentDigest {
        if !waited {
            done.wait()
            waited = true
        }
        return result
    }
}

extension CSVBytes {
    /// How many line ends (`\n`) `bytes` holds.
    static func lineEnds(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        var n = 0
        var p = base
        let stop = base + bytes.count
        while p < stop, let nl = memchr(p, 0x0A, stop - p) {
            n += 1
            p = UnsafePointer<UInt8>(nl.assumingMemoryBound(to: UInt8.self)) + 1
        }
        return n
    }

    /// Whether `bytes` is well-formed UTF-8 (no overlong forms, surrogates or values past
    /// U+10FFFF), checked on all cores: runs of ASCII eight bytes at a time.
    static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return true }
        let n = bytes.count
        // Parts that start on the first byte of a character (or on a stray continuation
        // byte, which the part before it then finds unexpected: a part reads a character to
        // its end, past its own end if need be).
        var bounds = Parallel.ranges(n, minimum: 1 << 20, parts: Parallel.threadCount * 2).map(\.lowerBound)
        for k in bounds.indices.dropFirst() {
            var b = bounds[k]
            while b < n, b - bounds[k] < 4, base[b] & 0xC0 == 0x80 { b += 1 }
            bounds[k] = b
        }
        bounds.append(n)
        let ends = Parallel.map(bounds.count - 1) { k in
            validUTF8(base, bounds[k], bounds[k + 1], limit: n)
        }
        // Each part ends where the next starts: no byte between them went unread.
        return ends.indices.allSatisfy { ends[$0] == bounds[$0 + 1] }
    }

    /// Where the well-formed characters starting in `start..<end` end (a character may end
    /// past `end`, not past `limit`); `nil` at a malformed one.
    static func validUTF8(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int, limit: Int) -> Int? {
        var i = start
        while i < end {
            if i + 8 <= end {
                let word = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 == 0 { i += 8; continue }
            }
            let b = p[i]
            if b < 0x80 { i += 1; continue }
            // Most characters of a report: three bytes led by E1–EC or EE–EF (Chinese), whose
            // two continuation bytes may be any of 80–BF.
            if b &- 0xE1 <= 0x0E, b != 0xED, i + 3 <= limit, p[i + 1] & 0xC0 == 0x80, p[i + 2] & 0xC0 == 0x80 {
                i += 3
                continue
            }
            let length: Int, lower: UInt8, upper: UInt8
            switch b {
            case 0xC2...0xDF: (length, lower, upper) = (2, 0x80, 0xBF)
            case 0xE0: (length, lower, upper) = (3, 0xA0, 0xBF)
            case 0xE1...0xEC, 0xEE...0xEF: (length, lower, upper) = (3, 0x80, 0xBF)
            case 0xED: (length, lower, upper) = (3, 0x80, 0x9F)
            case 0xF0: (length, lower, upper) = (4, 0x90, 0xBF)
            case 0xF1...0xF3: (length, lower, upper) = (4, 0x80, 0xBF)
            case 0xF4: (length, lower, upper) = (4, 0x80, 0x8F)
            default: return nil
            }
            guard i + length <= limit, p[i + 1] >= lower, p[i + 1] <= upper else { return nil }
            for k in 2..<max(2, length) where p[i + k] & 0xC0 != 0x80 { return nil }
            i += length
        }
        return i
    }
}
