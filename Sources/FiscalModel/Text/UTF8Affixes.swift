#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Beginnings and endings of text compared by their UTF-8 bytes.
///
/// `Substring.hasPrefix(_:)` and `hasSuffix(_:)` compare `Character`s, breaking graphemes at
/// every step; the readers ask them of every label and figure for dozens of fixed words
/// (`其中`, `万元`, `局`), and they were a tenth of the narrative reader's time. UTF-8 is
/// self-synchronising, so a byte match of a whole word starts and ends on scalar boundaries. The
/// one difference from the `Character` comparison is a word followed (for a prefix) or preceded
/// (for a suffix, when the word starts with one) by a combining mark, which it does not match
/// and this does; the readers compare CJK words and punctuation, where that does not arise in
/// real text (``Marks`` makes the same choice for single marks).
extension StringProtocol {
    /// Whether the text's bytes begin with `prefix`'s.
    @inlinable
    public func hasUTF8Prefix(_ prefix: some StringProtocol) -> Bool {
        UTF8Affix.compare(utf8, prefix.utf8, atEnd: false)
    }

    /// Whether the text's bytes end with `suffix`'s.
    @inlinable
    public func hasUTF8Suffix(_ suffix: some StringProtocol) -> Bool {
        UTF8Affix.compare(utf8, suffix.utf8, atEnd: true)
    }
}

extension Substring {
    /// The text without its first `bytes` UTF-8 bytes (a prefix ``hasUTF8Prefix(_:)`` matched).
    @inlinable
    public func droppingUTF8(first bytes: Int) -> Substring {
        self[utf8.index(startIndex, offsetBy: bytes)...]
    }

    /// The text without its last `bytes` UTF-8 bytes (a suffix ``hasUTF8Suffix(_:)`` matched).
    @inlinable
    public func droppingUTF8(last bytes: Int) -> Substring {
        self[..<utf8.index(endIndex, offsetBy: -bytes)]
    }
}

@usableFromInline
enum UTF8Affix {
    @inlinable
    static func compare<V: Collection, W: Collection>(_ text: V, _ word: W, atEnd: Bool) -> Bool
    where V.Element == UInt8, W.Element == UInt8 {
        if let answer = text.withContiguousStorageIfAvailable({ hay -> Bool? in
            word.withContiguousStorageIfAvailable { needle -> Bool in
                guard needle.count <= hay.count else { return false }
                guard needle.count > 0 else { return true }
                let start = atEnd ? hay.count - needle.count : 0
                return memcmp(hay.baseAddress! + start, needle.baseAddress!, needle.count) == 0
            }
        }), let answer {
            return answer
        }
        // Text not stored as contiguous UTF-8 (bridged): byte by byte.
        let n = word.count, count = text.count
        guard n <= count else { return false }
        return (atEnd ? text.dropFirst(count - n) : text.prefix(n)).elementsEqual(word)
    }
}
