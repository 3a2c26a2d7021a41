import FiscalModel

/// What the fields of one row showed of its bytes as they were read: which fields are known
/// to be text (a bit each, the first 64), how many continuation bytes they hold, and whether
/// every character is plain (ASCII or an E4–E9 ideograph, ``CSVBytes/textInfo(_:_:_:)``).
///
/// A field read through an interner is known from its value's info, worked out once per value;
/// a number read straight from its digits is ASCII. ``finish(_:_:)`` looks at the rest (white
/// space around a value, quoted fields, columns the reader does not use), so that every byte of
/// the row is checked once: a file is checked as it is read, without a pass of its own, and a
/// row's character count (its span's end column) comes from its fields, not a count of its bytes.
struct RowCheck {
    var known: UInt64 = 0
    var continuations = 0
    var plain = true
    var text = true

    @inline(__always)
    mutating func note(_ column: Int, _ info: Int32) {
        guard column < 64 else { return }
        add(info)
        known |= 1 << UInt64(column)
    }

    /// Counts one field's ``CSVBytes/textInfo(_:_:_:)``.
    @inline(__always)
    private mutating func add(_ info: Int32) {
        if info >= 0 {
            continuations += Int(info)
        } else if info == CSVBytes.notPlain {
            plain = false
        } else {
            text = false
        }
    }

    /// Checks the fields not yet known, from their bytes as they are in the row.
    @inline(__always)
    mutating func finish(_ base: UnsafePointer<UInt8>, _ fields: CSVFields) {
        let all: UInt64 = fields.count >= 64 ? ~0 : (1 << UInt64(fields.count)) - 1
        guard known != all || fields.count > 64 else { return }
        finishSlowly(base, fields)
    }

    @inline(never)
    private mutating func finishSlowly(_ base: UnsafePointer<UInt8>, _ fields: CSVFields) {
        for k in 0..<fields.count where k >= 64 || known & (1 << UInt64(k)) == 0 {
            let f = fields[k]
            // A quoted field may hold line ends: the row's span is counted from its bytes.
            if f.quoted { plain = false }
            add(CSVBytes.textInfo(base, f.start, f.end))
        }
        known = ~0
    }

    /// How many characters the record's first line holds (as ``CSVBytes/characterCount(_:_:_:)``
    /// counts them), once ``finish(_:_:)`` has run.
    @inline(__always)
    func characters(_ base: UnsafePointer<UInt8>, _ record: CSVScanner.Record) -> Int {
        if plain, text { return record.firstLineEnd - record.start - continuations }
        return CSVBytes.characterCount(base, record.start, record.firstLineEnd)
    }
}

extension CSVChunkResult {
    /// Numbers the lines of a chunk read by a checking reader (from 0) from `first`, the line
    /// it starts on: its rows' own lines (kept as `-(line + 1)`) and its errors'.
    mutating func placeLines(at first: Int) {
        columns.line.place(at: first)
        for k in errors.indices {
            if let line = errors[k].line { errors[k].line = first + line }
        }
        syntaxError?.line += first
    }
}

extension WideningColumn where Narrow == Int32, Wide == Int {
    /// Each value `-(n + 1)` made `first + n` (a line counted from the chunk's start placed in
    /// the file); the others stay. Narrow still when every value fits.
    mutating func place(at first: Int) {
        // Placed values are at least 1, and placing leaves them as they are.
        func placed(_ x: Int) -> Int { x < 0 ? first - x - 1 : x }
        if wide == nil, let out = UnsafeMutablePointer(mutating: narrow.buffer.baseAddress) {
            var fits = true
            for i in 0..<narrow.count where out[i] < 0 {
                guard let x = Int32(exactly: placed(Int(out[i]))) else { fits = false; break }
                out[i] = x
            }
            if fits { return }
        }
        let old = self
        self = WideningColumn()
        for i in 0..<old.count { append(placed(old[i])) }
    }
}
