#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Searching text by its UTF-8 bytes.
///
/// The readers look for fixed words (units such as `万元`, wordings such as `持平`, marks such as
/// `。`) in every line of a report. `Substring.firstRange(of:)` and `ranges(of:)` compare
/// `Character`s, breaking graphemes as they go, and were a third of the narrative reader's time.
/// UTF-8 is self-synchronising, so a byte match of a whole word starts and ends on scalar
/// boundaries: the same places for these words. The one difference is a word followed by a
/// combining mark (`元` + U+0301), which a `Character` search does not match and this does; the
/// readers look for CJK words and punctuation, where that does not arise in real text.
extension StringProtocol where SubSequence == Substring {
    /// The first place of `word` at or after `from` (the start when nil).
    @inlinable
    public func firstUTF8Range(of word: String, from: Index? = nil) -> Range<Index>? {
        let start = from ?? startIndex
        guard start < endIndex else { return nil }
        // Text not stored as contiguous UTF-8 (bridged): the Character search.
        return utf8Range(of: word, in: self[start...], UTF8Search.first) { $0.firstRange(of: word) }
    }

    /// The last place of `word` in the text.
    @inlinable
    public func lastUTF8Range(of word: String) -> Range<Index>? {
        utf8Range(of: word, in: self[...], UTF8Search.last) { $0.ranges(of: word).last }
    }

    /// The place of `word` in `text` that `search` finds in its bytes, or, when the text is not
    /// stored as contiguous UTF-8, that `fallback` finds by `Character`s.
    @inlinable
    func utf8Range(
        of word: String, in text: Substring,
        _ search: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>) -> Int?,
        fallback: (Substring) -> Range<Index>?
    ) -> Range<Index>? {
        guard !word.isEmpty else { return nil }
        var needle = word
        return needle.withUTF8 { n -> Range<Index>? in
            let view = text.utf8
            if let hit = view.withContiguousStorageIfAvailable({ hay in search(n, hay) }) {
                guard let k = hit else { return nil }
                let lower = view.index(view.startIndex, offsetBy: k)
                return lower..<view.index(lower, offsetBy: n.count)
            }
            return fallback(text)
        }
    }

    /// Every place of `word`, left to right, not overlapping.
    @inlinable
    public func utf8Ranges(of word: String) -> [Range<Index>] {
        var out: [Range<Index>] = []
        var from = startIndex
        while let r = firstUTF8Range(of: word, from: from) {
            out.append(r)
            from = r.upperBound
        }
        return out
    }

    /// Whether the text holds `word` (as ``firstUTF8Range(of:from:)`` finds it).
    @inlinable
    public func containsUTF8(_ word: String) -> Bool { firstUTF8Range(of: word) != nil }
}

public enum UTF8Search {
    /// The offset of the first occurrence of `needle` in `hay`: the C library's `memchr` finds
    /// each place of the needle's last byte (a UTF-8 continuation byte for CJK words, spread
    /// over 64 values, where lead bytes are a handful), then the bytes before it are compared.
    @inlinable
    public static func first(_ needle: UnsafeBufferPointer<UInt8>, in hay: UnsafeBufferPointer<UInt8>) -> Int? {
        let m = needle.count, n = hay.count
        guard m > 0, m <= n, let h = hay.baseAddress else { return nil }
        let lastByte = Int32(needle[m - 1])
        var from = m - 1
        while from < n, let hit = memchr(h + from, lastByte, n - from) {
            let end = UnsafeRawPointer(hit) - UnsafeRawPointer(h)
            let start = end - (m - 1)
            var j = 0
            while j < m - 1 && hay[start + j] == needle[j] { j += 1 }
            if j == m - 1 { return start }
            from = end + 1
        }
        return nil
    }

    /// The offsets of every line feed in `bytes`, in order (the C library's `memchr`).
    @inlinable
    public static func lineFeeds(in bytes: UnsafeBufferPointer<UInt8>) -> [Int] {
        guard let base = bytes.baseAddress else { return [] }
        var out: [Int] = []
        var offset = 0
        while offset < bytes.count, let hit = memchr(base + offset, 10, bytes.count - offset) {
            let k = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
            out.append(k)
            offset = k + 1
        }
        return out
    }

    /// The offset of the last occurrence of `needle` in `hay`.
    @inlinable
    public static func last(_ needle: UnsafeBufferPointer<UInt8>, in hay: UnsafeBufferPointer<UInt8>) -> Int? {
        let m = needle.count, n = hay.count
        guard m > 0, m <= n else { return nil }
        let b0 = needle[0]
        var i = n - m
        while i >= 0 {
            if hay[i] == b0 {
                var j = 1
                while j < m && hay[i + j] == needle[j] { j += 1 }
                if j == m { return i }
            }
            i -= 1
        }
        return nil
    }
}
