#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Gives each distinct byte string of one column a small id and its `String`, made once: a
/// column of ten million rows with a few thousand distinct values builds a few thousand strings,
/// and every fact shares their storage.
struct ByteInterner {
    private var slots: [Int32]
    private var mask: Int
    private var hashes: [UInt64] = []
    private var keyBytes: [UInt8] = []
    private var keyOffsets: [Int] = [0]
    private(set) var strings: [String] = []
    /// Per id, what the bytes are as text (``CSVBytes/textInfo(_:_:_:)``): worked out once per
    /// value, so that a reader checking a file as it goes checks each value once, not each row.
    private(set) var info: [Int32] = []
    private var lastID: Int32 = -1
    /// Where the bytes of ``lastID`` start in ``keyBytes``, and how many there are.
    private var lastFrom = 0, lastCount = -1

    init() {
        slots = [Int32](repeating: -1, count: 64)
        mask = 63
    }

    /// The id of `p[start..<end]`, adding it when new. Most fields of a row repeat the row
    /// before's (its entity, year, statement, unit): that case is compared here, inlined; the
    /// rest goes through the table.
    @inline(__always)
    mutating func id(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int32 {
        let n = end - start
        if n == lastCount, lastID >= 0, n == 0 || keyBytes.withUnsafeBufferPointer({ Self.same($0.baseAddress! + lastFrom, p + start, n) }) {
            return lastID
        }
        return lookUp(p, start, end)
    }

    /// Whether `n` bytes at `a` and `b` are equal (short fields: a word at a time, no call).
    @inline(__always)
    static func same(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        let q = UnsafeRawPointer(a), r = UnsafeRawPointer(b)
        var i = 0
        while i + 8 <= n {
            if q.loadUnaligned(fromByteOffset: i, as: UInt64.self) != r.loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
            i += 8
        }
        while i < n {
            if q.load(fromByteOffset: i, as: UInt8.self) != r.load(fromByteOffset: i, as: UInt8.self) { return false }
            i += 1
        }
        return true
    }

    @inline(never)
    private mutating func lookUp(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int32 {
        let n = end - start
        let h = Self.hash(p + start, n)
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let id = slots[slot]
            if id < 0 { break }
            if hashes[Int(id)] == h, equals(id, p + start, n) {
                remember(id)
                return id
            }
            slot = (slot + 1) & mask
        }
        let id = Int32(strings.count)
        slots[slot] = id
        hashes.append(h)
        keyBytes.append(contentsOf: UnsafeBufferPointer(start: p + start, count: n))
        keyOffsets.append(keyBytes.count)
        strings.append(String(decoding: UnsafeBufferPointer(start: p + start, count: n), as: UTF8.self))
        info.append(CSVBytes.textInfo(p, start, end))
        if strings.count * 2 > slots.count { grow() }
        remember(id)
        return id
    }

    @inline(__always)
    private mutating func remember(_ id: Int32) {
        lastID = id
        lastFrom = keyOffsets[Int(id)]
        lastCount = keyOffsets[Int(id) + 1] - lastFrom
    }

    /// The id of `bytes` (an unquoted field's), adding it when new.
    mutating func id(_ bytes: [UInt8]) -> Int32 {
        bytes.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress else {
                return withUnsafePointer(to: UInt8(0)) { id($0, 0, 0) }
            }
            return id(base, 0, b.count)
        }
    }

    @inline(__always)
    private func equals(_ id: Int32, _ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        let from = keyOffsets[Int(id)], to = keyOffsets[Int(id) + 1]
        guard to - from == n else { return false }
        if n == 0 { return true }
        // Fields are short (a code, a name): compared a word at a time here, not by a call.
        return keyBytes.withUnsafeBufferPointer { Self.same($0.baseAddress! + from, p, n) }
    }

    /// A hash of `n` bytes, a word at a time (a byte-at-a-time FNV-1a was a tenth of a load),
    /// mixed at the end so that the low bits the table uses depend on every byte.
    @inline(__always)
    static func hash(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
        let raw = UnsafeRawPointer(p)
        var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(truncatingIfNeeded: n)
        var i = 0
        while i + 8 <= n {
            h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0x9E37_79B9_7F4A_7C15
            h ^= h >> 32
            i += 8
        }
        if i < n {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while i < n {
                tail |= UInt64(p[i]) << shift
                shift += 8
                i += 1
            }
            h = (h ^ tail) &* 0x9E37_79B9_7F4A_7C15
        }
        // fmix64 (MurmurHash3's finaliser).
        h ^= h >> 33
        h &*= 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        h &*= 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return h
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        mask = slots.count - 1
        for (id, h) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: h) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(id)
        }
    }
}
