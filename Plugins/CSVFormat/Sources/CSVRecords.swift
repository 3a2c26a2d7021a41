import FiscalModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A field of a CSV record: the bytes `start..<end` of the text, quotes included when
/// ``quoted`` (``CSVScanner/unquoted(_:)`` removes them).
struct CSVField {
    var start: Int
    var end: Int
    var quoted: Bool
}

/// The fields of one record, read into the same memory record after record (an array's
/// `removeAll` and `append` cost uniqueness checks on every field of every row).
typealias CSVFields = ChunkColumn<CSVField>

/// Reads RFC 4180 records from UTF-8 bytes: quoted fields may hold commas, quotes (`""`) and
/// line breaks. It works on the bytes as they are (no `Character`, no `String` per field), so
/// that a file of millions of rows is read at the speed of memory.
struct CSVScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    /// Where the next record starts.
    var position: Int
    /// Where reading stops (a record boundary, or the end of the text).
    let end: Int
    /// The 1-based line ``position`` is on.
    var line: Int
    /// Whether a quote has been met.
    var sawQuote = false

    /// One record: the line it starts on and where its first line ends (the line a span names).
    struct Record {
        var line: Int
        var start: Int
        var firstLineEnd: Int
    }

    /// Reads the next record into `fields` (cleared first); `nil` at the end. Blank lines are
    /// records of one empty field (the reader skips them).
    mutating func next(_ fields: inout CSVFields) throws(CSVSyntaxError) -> Record? {
        guard position < end else { return nil }
        fields.removeAll()
        let record = Record(line: line, start: position, firstLineEnd: -1)
        var firstLineEnd = -1
        var fieldStart = position, quoted = false
        var i = position
        let base = bytes.baseAddress ?? UnsafePointer(bitPattern: 1)!
        while i < end {
            // Straight to the next comma, line end or quote, eight bytes at a time.
            while i + 8 <= end {
                let m = Self.specialBytes(UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)))
                if m != 0 {
                    i += m.trailingZeroBitCount >> 3
                    break
                }
                i += 8
            }
            guard i < end else { break }
            let c = base[i]
            if c == 0x2C {  // ,
                fields.append(CSVField(start: fieldStart, end: i, quoted: quoted))
                fieldStart = i + 1
                quoted = false
            } else if c == 0x0A {
                fields.append(CSVField(start: fieldStart, end: i, quoted: quoted))
                if firstLineEnd < 0 { firstLineEnd = i }
                line += 1
                position = i + 1
                return Record(line: record.line, start: record.start, firstLineEnd: firstLineEnd)
            } else if c == 0x22 {  // "
                quoted = true
                sawQuote = true
                let quoteLine = line
                i += 1
                var closed = false
                while i < end {
                    let q = bytes[i]
                    if q == 0x22 {
                        if i + 1 < end && bytes[i + 1] == 0x22 { i += 2; continue }
                        closed = true
                        break
                    }
                    if q == 0x0A {
                        line += 1
                        if firstLineEnd < 0 { firstLineEnd = i }
                    }
                    i += 1
                }
                if !closed { throw CSVSyntaxError(line: quoteLine, message: "unterminated quoted field") }
            }
            i += 1
        }
        // The last record, without a line end.
        fields.append(CSVField(start: fieldStart, end: end, quoted: quoted))
        position = end
        return Record(line: record.line, start: record.start, firstLineEnd: firstLineEnd < 0 ? end : firstLineEnd)
    }

    /// A word whose lowest set bit is the high bit of its first byte that is a comma, a line end
    /// or a quote (0 when none is): the has-zero-byte test, whose borrows can mark bytes only
    /// past a byte that is one, so the lowest mark is exact.
    @inline(__always)
    static func specialBytes(_ w: UInt64) -> UInt64 {
        WordBytes.firstEqual(w, 0x2C) | WordBytes.firstEqual(w, 0x0A) | WordBytes.firstEqual(w, 0x22)
    }

    /// A quoted field's bytes without its quotes (`""` is one quote).
    func unquoted(_ f: CSVField) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(f.end - f.start)
        var inQuotes = false
        var i = f.start
        while i < f.end {
            let c = bytes[i]
            if c == 0x22 {
                if inQuotes && i + 1 < f.end && bytes[i + 1] == 0x22 {
                    out.append(0x22)
                    i += 1
                } else {
                    inQuotes.toggle()
                }
            } else {
                out.append(c)
            }
            i += 1
        }
        return out
    }

    /// `start`, the first line end after each of `parts - 1` equal shares of `start..<end` (the
    /// byte after it), and `end`: where chunks of a file without quotes start and end.
    static func lineBounds(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int, parts: Int) -> [Int] {
        var bounds = [start]
        for k in 1..<max(1, parts) {
            let target = max(bounds.last!, start + (end - start) * k / parts)
            guard target < end, let nl = memchr(base + target, 0x0A, end - target) else { break }
            let b = UnsafePointer<UInt8>(nl.assumingMemoryBound(to: UInt8.self)) - base + 1
            if b > bounds.last!, b < end { bounds.append(b) }
        }
        bounds.append(end)
        return bounds
    }

    /// Where records start near each of `parts` equal shares of `start..<end`, with the line each
    /// starts on (`line` is the line at `start`): the chunks parse on their own threads. A line
    /// end inside quotes is not a boundary (an even number of quotes before it says so).
    static func chunks(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, line: Int, parts: Int) -> [(start: Int, end: Int, line: Int)] {
        let end = bytes.count
        guard end > start else { return [] }
        let parts = max(1, min(parts, (end - start) / (1 << 20) + 1))
        guard let base = bytes.baseAddress else { return [] }
        let hasQuotes = memchr(base + start, 0x22, end - start) != nil
        var bounds: [Int] = [start]
        var lines: [Int] = [line]
        if !hasQuotes {
            bounds = lineBounds(base, start, end, parts: parts)
            // Line numbers: each chunk's line ends counted on its own thread.
            let counts = Parallel.map(bounds.count - 1) { k in
                var n = 0
                var p = base + bounds[k]
                let stop = base + bounds[k + 1]
                while p < stop, let nl = memchr(p, 0x0A, stop - p) {
                    n += 1
                    p = UnsafePointer<UInt8>(nl.assumingMemoryBound(to: UInt8.self)) + 1
                }
                return n
            }
            for k in 0..<(counts.count - 1) { lines.append(lines[k] + counts[k]) }
        } else {
            var inQuotes = false
            var l = line
            var next = start + (end - start) / parts
            var i = start
            while i < end {
                let c = bytes[i]
                if c == 0x22 {
                    inQuotes.toggle()
                } else if c == 0x0A {
                    l += 1
                    if !inQuotes && i + 1 >= next && i + 1 < end {
                        bounds.append(i + 1)
                        lines.append(l)
                        next = start + (end - start) * (bounds.count) / parts
                    }
                }
                i += 1
            }
            bounds.append(end)
        }
        return (0..<(bounds.count - 1)).map { (bounds[$0], bounds[$0 + 1], lines[$0]) }
    }
}

struct CSVSyntaxError: Error {
    var line: Int
    var message: String
}

/// Byte-level helpers: trimming Unicode white space and counting characters without building
/// a `String`.
enum CSVBytes {
    /// `start..<end` without the white space (Unicode `White_Space`) at either end.
    @inline(__always)
    static func trimmed(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> (start: Int, end: Int) {
        var s = start, e = end
        while s < e {
            let b = p[s]
            if b < 0x80 {
                if b == 0x20 || (b >= 0x09 && b <= 0x0D) { s += 1; continue }
                break
            }
            // A CJK ideograph (led by E4–E9) is not white space: no decoding.
            if b >= 0xE4 && b <= 0xE9 { break }
            let (scalar, length) = decode(p, s, e)
            if isWhiteSpace(scalar) { s += length; continue }
            break
        }
        while e > s {
            let b = p[e - 1]
            if b < 0x80 {
                if b == 0x20 || (b >= 0x09 && b <= 0x0D) { e -= 1; continue }
                break
            }
            if e - 3 >= s, p[e - 3] >= 0xE4, p[e - 3] <= 0xE9, p[e - 2] & 0xC0 == 0x80 { break }
            var k = e - 1
            while k > s && p[k] & 0xC0 == 0x80 { k -= 1 }
            if isWhiteSpace(decode(p, k, e).scalar) { e = k; continue }
            break
        }
        return (s, e)
    }

    /// Whether a scalar past ASCII is white space (Unicode `White_Space`, as
    /// `properties.isWhitespace` says, without its table lookup: a CJK character, the common
    /// case at a field's end, is answered by one comparison).
    @inline(__always)
    static func isWhiteSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    /// The scalar starting at `i` (valid UTF-8: the text came from a `String`) and its length.
    @inline(__always)
    static func decode(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> (scalar: Unicode.Scalar, length: Int) {
        let b = UInt32(p[i])
        func cont(_ k: Int) -> UInt32 { i + k < end ? UInt32(p[i + k] & 0x3F) : 0 }
        let value: UInt32, length: Int
        switch b {
        case 0..<0x80: (value, length) = (b, 1)
        case 0xC0..<0xE0: (value, length) = ((b & 0x1F) << 6 | cont(1), 2)
        case 0xE0..<0xF0: (value, length) = ((b & 0x0F) << 12 | cont(1) << 6 | cont(2), 3)
        default: (value, length) = ((b & 0x07) << 18 | cont(1) << 12 | cont(2) << 6 | cont(3), 4)
        }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }

    /// How many characters `start..<end` holds (what ``FiscalFormat/SourceText/span(line:)``
    /// counts): scalars, when every one is ASCII or a CJK ideograph (U+4000–U+9FFF, which
    /// never combine); otherwise the `String`'s count.
    static func characterCount(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        // The bytes are well-formed UTF-8 (the text was checked, or is a `String`): a character
        // is a byte that is not a continuation byte (10xxxxxx), as long as every character
        // stands alone — ASCII other than a carriage return (CR LF is one character), or a
        // three-byte CJK ideograph led by E4–E9 (U+4000–U+9FFF, none of which joins its
        // neighbours). Anything else (combining marks, variation selectors, emoji, …) is
        // counted as `String` counts it. Eight bytes at a time: a line of a report's CSV is
        // mostly Chinese, which a byte-at-a-time loop walked a character at a time (6% of a load).
        let lows = WordBytes.lows, highs = WordBytes.highs
        var n = 0
        var i = start
        while i + 8 <= end {
            let w = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
            if WordBytes.firstEqual(w, 0x0D) != 0 { return slowCount(p, start, end) }
            if w & highs != 0 {
                let lead = w & (w << 1) & highs  // 11xxxxxx
                if lead != 0 {
                    // A lead byte's low seven bits are 0x40–0x7F; E4–E9 are 0x64–0x69.
                    let y = w & WordBytes.sevenBits
                    let atLeast64 = (y &+ ((0x80 - 0x64) &* lows)) & highs
                    let atLeast6A = (y &+ ((0x80 - 0x6A) &* lows)) & highs
                    if lead & ~(atLeast64 & ~atLeast6A) != 0 { return slowCount(p, start, end) }
                }
                let continuation = w & ~(w << 1) & highs  // 10xxxxxx
                n -= WordBytes.count(continuation)
            }
            n += 8
            i += 8
        }
        while i < end {
            let b = p[i]
            if b < 0x80 {
                if b == 0x0D { return slowCount(p, start, end) }
                n += 1
            } else if b & 0xC0 == 0xC0 {
                guard b >= 0xE4 && b <= 0xE9 else { return slowCount(p, start, end) }
                n += 1
            }
            i += 1
        }
        return n
    }

    /// What `p[start..<end]` is as text: ``notText`` when it is not well-formed UTF-8 or holds
    /// a carriage return (a file with one goes the whole-text way); ``notPlain`` when it is,
    /// but holds a character other than ASCII and the ideographs led by E4–E9 (its characters
    /// are counted as `String` counts them); else how many continuation bytes it holds (its
    /// characters are its bytes less those).
    static func textInfo(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int32 {
        guard end > start else { return 0 }
        guard validUTF8(p, start, end, limit: end) == end, memchr(p + start, 0x0D, end - start) == nil else { return notText }
        var continuations: Int32 = 0
        for i in start..<end {
            let b = p[i]
            if b & 0xC0 == 0x80 {
                continuations += 1
            } else if b >= 0xC0, b < 0xE4 || b > 0xE9 {
                return notPlain
            }
        }
        return continuations
    }

    /// ``textInfo(_:_:_:)`` of bytes that are not well-formed UTF-8 or hold a carriage return.
    static let notText: Int32 = -2
    /// ``textInfo(_:_:_:)`` of text whose characters are not all ASCII or E4–E9 ideographs.
    static let notPlain: Int32 = -1

    static func slowCount(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        String(decoding: UnsafeBufferPointer(start: p + start, count: end - start), as: UTF8.self).count
    }
}
