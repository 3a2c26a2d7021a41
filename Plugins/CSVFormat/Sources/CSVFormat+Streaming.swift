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
        let file = open(path, O_RDONLY)
        guard file >= 0 else { return nil }
        defer { close(file) }
        var offset: off_t = 0  // where the next block's bytes are in the file
        var buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(blockSize, 64))
        defer { buffer.deallocate() }
        var digest = DocumentDigest()
        var pending = 0  // bytes carried over from the last block: the start of a record
        var first = true
        var line = 1
        var header: Header?
        var firstLine = SourceSpan(file: path, line: 1)
        var results: [CSVChunkResult] = []
        var readBytes = 0, readRows = 0  // so far: how much room a chunk's columns need
        while true {
            guard let got = CSVFormat.readBlock(file, at: offset, into: UnsafeMutableBufferPointer(rebasing: buffer[pending...])) else { return nil }
            offset += off_t(got)
            let atEnd = got < buffer.count - pending
            // The digest of the new bytes is worked out on its own thread while the block is
            // read on all cores (a chain over the file's words: about 0.3 s of one core for
            // 1.2 GB); it is waited for before the buffer changes and at the end of every pass.
            let digesting = DigestThread(digest, UnsafeBufferPointer(rebasing: buffer[pending..<(pending + got)]))
            defer { digest = digesting.wait() }
            let total = pending + got
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
            // Each block is checked (well-formed UTF-8, no carriage return) in the same pass on
            // all cores that counts its line ends, before its rows are read: a file that fails
            // goes to the whole-text path, which decodes and normalises it.
            if first {
                // The header is read before the rows are checked: its bytes are checked first.
                var head = min(region.count, 1 << 16)
                while head < region.count, head > 0, region[head] & 0xC0 == 0x80 { head -= 1 }  // on a character
                guard head == 0 || CSVBytes.survey(region.baseAddress!, 0, head, limit: region.count).streamable else { return nil }
                let h = try CSVFormat.header(region, path: path)
                if h.rowsStart > head, !CSVBytes.survey(region.baseAddress!, head, h.rowsStart, limit: region.count).streamable { return nil }
                firstLine = CSVFormat.firstLineSpan(region, path: path)
                guard let read = CSVFormat.streamedRows(region, from: h.rowsStart, line: h.rowsLine, layout: h.layout, path: path, bytesPerRow: 32) else { return nil }
                results += read.results
                line = h.rowsLine + read.lineEnds
                header = h
                first = false
            } else if let h = header {
                let bytesPerRow = max(16, readBytes / max(1, readRows) * 9 / 10)
                guard let read = CSVFormat.streamedRows(region, from: 0, line: line, layout: h.layout, path: path, bytesPerRow: bytesPerRow) else { return nil }
                results += read.results
                line += read.lineEnds
            }
            readBytes += region.count
            readRows = results.reduce(0) { $0 + $1.columns.count }
            if atEnd { break }
            pending = total - end
            _ = digesting.wait()  // the carried-over bytes move over the ones it reads
            if pending > 0 { memmove(buffer.baseAddress!, buffer.baseAddress! + end, pending) }
        }
        guard let header else { return nil }
        let result = try CSVFormat.reports(&results, path: path, warnings: header.warnings, firstLine: firstLine)
        return StreamedResult(result: result, digest: digest.value)
    }

    /// Reads the file's bytes from `offset` into `buffer`, its parts on all cores (else one core
    /// copies each block from the page cache while the others wait); how many were read (fewer
    /// than asked only at the end of the file), `nil` on an error.
    static func readBlock(_ file: Int32, at offset: off_t, into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int? {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        let parts = Parallel.ranges(buffer.count, minimum: 1 << 20, parts: Parallel.threadCount)
        let got = Parallel.map(parts.count) { k -> Int? in
            var done = 0
            let part = parts[k]
            while done < part.count {
                let n = pread(file, base + part.lowerBound + done, part.count - done, offset + off_t(part.lowerBound + done))
                if n < 0 {
                    if errno == EINTR { continue }
                    return nil
                }
                if n == 0 { break }  // the end of the file
                done += n
            }
            return done
        }
        // Parts after the end of the file read nothing: the bytes read are one run from the start.
        var total = 0
        for (k, n) in got.enumerated() {
            guard let n else { return nil }
            total += n
            if n < parts[k].count { break }
        }
        return total
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

extension CSVFormat {
    /// The rows of one block, from `start` (a record on line `line`), with how many line ends
    /// the rows hold; `nil` when the bytes are not well-formed UTF-8 or hold a carriage return.
    /// The block is read in chunks on all cores, each checking its bytes as it reads them
    /// (``CSVChunkReader/checking``) and counting its lines from 0, numbered in the file once
    /// every chunk is read; `bytesPerRow` (what the rows so far took) sizes their columns.
    /// A chunk that meets a quote (whose fields may hold line ends, where chunks may not start),
    /// or a bad row, has the block checked by a pass of its own first (``CSVBytes/survey(_:_:_:limit:)``):
    /// a file that is not text declines, whatever its rows; with quotes, ``rows(_:from:line:layout:path:)``
    /// finds where records start.
    static func streamedRows(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, line: Int, layout: CSVLayout, path: String, bytesPerRow: Int
    ) -> (results: [CSVChunkResult], lineEnds: Int)? {
        let end = bytes.count
        guard end > start, let base = bytes.baseAddress else { return ([], 0) }
        let parts = max(1, min(Parallel.threadCount * 4, (end - start) / (1 << 20) + 1))
        let bounds = CSVScanner.lineBounds(base, start, end, parts: parts)
        var results = Parallel.map(bounds.count - 1) { k in
            var reader = CSVChunkReader(bytes: bytes, layout: layout, path: path)
            reader.checking = true
            reader.read(bounds[k], bounds[k + 1], line: 0, capacity: (bounds[k + 1] - bounds[k]) / max(1, bytesPerRow) + 64)
            return reader.finish()
        }
        if results.contains(where: { $0.sawQuote || !$0.errors.isEmpty || $0.syntaxError != nil }) {
            let surveys = Parallel.map(bounds.count - 1) { k in CSVBytes.survey(base, bounds[k], bounds[k + 1], limit: end) }
            guard surveys.allSatisfy(\.streamable) else { return nil }
            if surveys.contains(where: \.quotes) {
                return (rows(bytes, from: start, line: line, layout: layout, path: path), surveys.reduce(0) { $0 + $1.lineEnds })
            }
        }
        if results.contains(where: \.notText) { return nil }
        var first = line
        for k in results.indices {
            results[k].placeLines(at: first)
            first += results[k].lineEnds
        }
        return (results, first - line)
    }
}

/// What one pass over some bytes found (``CSVBytes/survey(_:_:_:limit:)``).
struct CSVSurvey {
    /// Well-formed UTF-8 to the end, without a carriage return.
    var streamable: Bool
    /// How many line ends (`\n`) they hold.
    var lineEnds: Int
    /// Whether they hold a double quote.
    var quotes: Bool
}

extension CSVBytes {
    /// Checks `p[start..<end]` (which starts on a character) and counts its line ends in one
    /// pass: the checks of ``validUTF8(_:_:_:limit:)``, plus any carriage return, plus whether a
    /// quote is there. Runs of ASCII go eight bytes at a time, and so do two Chinese characters
    /// (six bytes) at a time.
    static func survey(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int, limit: Int) -> CSVSurvey {
        var lineEnds = 0, quotes = false
        var i = start
        let failed = CSVSurvey(streamable: false, lineEnds: 0, quotes: false)
        while i < end {
            if i + 8 <= end {
                let w = UInt64(littleEndian: UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self))
                if w & WordBytes.highs == 0 {
                    lineEnds += WordBytes.count(WordBytes.equal(w, 0x0A))
                    if WordBytes.firstEqual(w, 0x0D) != 0 { return failed }
                    if WordBytes.firstEqual(w, 0x22) != 0 { quotes = true }
                    i += 8
                    continue
                }
                // Two three-byte characters led by E1–EC or EE–EF (E0 and ED limit their second
                // byte, and go the long way).
                if w & 0x0000_C0C0_F0C0_C0F0 == 0x0000_8080_E080_80E0 {
                    let lead0 = w & 0x0F, lead1 = (w >> 24) & 0x0F
                    if lead0 != 0, lead0 != 0x0D, lead1 != 0, lead1 != 0x0D {
                        i += 6
                        continue
                    }
                }
            }
            let b = p[i]
            if b < 0x80 {
                if b == 0x0A { lineEnds += 1 } else if b == 0x22 { quotes = true } else if b == 0x0D { return failed }
                i += 1
                continue
            }
            guard let next = validUTF8(p, i, i + 1, limit: limit) else { return failed }
            i = next
        }
        return CSVSurvey(streamable: i == end, lineEnds: lineEnds, quotes: quotes)
    }

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
