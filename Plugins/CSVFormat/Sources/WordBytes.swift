/// Tests on the eight bytes of a word at once (SWAR), as the CSV reader's scans use them. A
/// "mark" is the high bit of a byte (0x80 in its place).
enum WordBytes {
    // Computed, not stored: a constant folded into the loops, never a global read on first use.
    @inline(__always) static var lows: UInt64 { 0x0101_0101_0101_0101 }
    @inline(__always) static var highs: UInt64 { 0x8080_8080_8080_8080 }
    @inline(__always) static var sevenBits: UInt64 { 0x7F7F_7F7F_7F7F_7F7F }

    /// Marks every byte of `w` equal to `byte`, exactly (no carry or borrow leaves a byte).
    @inline(__always)
    static func equal(_ w: UInt64, _ byte: UInt8) -> UInt64 {
        let t = w ^ (UInt64(byte) &* lows)
        return ~(((t & sevenBits) &+ sevenBits) | t) & highs
    }

    /// Marks the first byte of `w` (in memory order, for a little-endian load) equal to `byte`,
    /// and maybe bytes after it; 0 when none is. The has-zero-byte test: cheaper than
    /// ``equal(_:_:)``, and its borrows can mark bytes only past one that is equal, so whether
    /// it is 0, and its lowest mark, are exact.
    @inline(__always)
    static func firstEqual(_ w: UInt64, _ byte: UInt8) -> UInt64 {
        let t = w ^ (UInt64(byte) &* lows)
        return (t &- lows) & ~t & highs
    }

    /// How many bytes `marks` marks (summed into the top byte by a multiplication: the
    /// baseline x86-64 Swift builds for has no popcount instruction).
    @inline(__always)
    static func count(_ marks: UInt64) -> Int {
        Int(truncatingIfNeeded: ((marks >> 7) &* lows) >> 56)
    }
}
