/// Text whose every Unicode scalar is a `Character` of its own.
///
/// Walking a `Substring` by `Character` breaks grapheme clusters at every step, and for CJK
/// text that is the stdlib's slow path (a table lookup and a string comparison per character);
/// the narrative reader walks every line of a report that way several times. Most lines of a
/// report are CJK ideographs, CJK and ASCII punctuation, digits and Latin letters, and between
/// two such scalars Unicode always puts a grapheme boundary (rules GB4, GB5 and GB999 of UAX #29:
/// none of them extends, joins or prepends). For such a line, walking `unicodeScalars` visits
/// exactly the line's characters, and a reader can take the fast walk when
/// ``StringProtocol/scalarsAreCharacters`` holds and the `Character` walk otherwise.
extension Unicode.Scalar {
    /// Whether the scalar is in ranges whose Grapheme_Cluster_Break is Other or Control (not CR):
    /// tab and line feed, ASCII, Latin-1 and Latin Extended (below the combining marks at
    /// U+0300), general punctuation, CJK symbols and punctuation (without the tone marks
    /// U+302A–U+302F), CJK ideographs (extension A and the unified block), and the full-width
    /// forms (without the sound marks U+FF9E–U+FF9F and the half-width Hangul). Scalars outside
    /// these ranges answer false, whatever their class: the caller then walks by `Character`,
    /// which is always right.
    ///
    /// Each of these scalars is also its own canonical form, and none is canonically equivalent to
    /// another (the compatibility ideographs U+F900–U+FAFF, which are: U+F98E is 年, are left
    /// out), so a character that stands alone equals a one-scalar literal exactly when the
    /// scalars are the same: a reader may compare scalars or bytes where `Character` equality
    /// would normalise.
    @inlinable
    public var standsAlone: Bool {
        let v = value
        if v < 0x80 { return v != 0x0D }
        if v < 0x300 { return v >= 0xA0 }
        switch v {
        case 0x2010...0x2027, 0x2030...0x205E,
             0x3000...0x3029, 0x3030...0x303F,
             0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xFF01...0xFF9D, 0xFFE0...0xFFEE:
            return true
        default:
            return false
        }
    }
}

extension StringProtocol {
    /// Whether every Unicode scalar of the text ``Unicode/Scalar/standsAlone``, so that its
    /// `unicodeScalars` are its `Character`s, one for one.
    @inlinable
    public var scalarsAreCharacters: Bool {
        unicodeScalars.allSatisfy(\.standsAlone)
    }
}

/// Text built from scalars as UTF-8 bytes, made a `String` once at the end: appending to
/// `String.unicodeScalars` one scalar at a time was a third of the cost of joining a paragraph.
public struct UTF8Builder {
    public var bytes: [UInt8] = []

    public init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    @inlinable
    public mutating func append(_ s: Unicode.Scalar) {
        let v = s.value
        switch v {
        case ..<0x80:
            bytes.append(UInt8(v))
        case ..<0x800:
            bytes.append(UInt8(0xC0 | (v >> 6)))
            bytes.append(UInt8(0x80 | (v & 0x3F)))
        case ..<0x10000:
            bytes.append(UInt8(0xE0 | (v >> 12)))
            bytes.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            bytes.append(UInt8(0x80 | (v & 0x3F)))
        default:
            bytes.append(UInt8(0xF0 | (v >> 18)))
            bytes.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
            bytes.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            bytes.append(UInt8(0x80 | (v & 0x3F)))
        }
    }

    @inlinable
    public mutating func append(_ c: Character) { bytes.append(contentsOf: c.utf8) }

    @inlinable
    public mutating func append(_ s: some StringProtocol) { bytes.append(contentsOf: s.utf8) }

    /// The text built so far.
    public var string: String { String(decoding: bytes, as: UTF8.self) }
}

extension StringProtocol {
    /// The text without its white-space characters: `String(filter { !$0.isWhitespaceQuickly })`,
    /// by scalars while each stands alone.
    public var removingWhiteSpaceCharacters: String {
        var out = UTF8Builder(capacity: utf8.count)
        for u in unicodeScalars {
            guard u.standsAlone else { return String(filter { !$0.isWhitespaceQuickly }) }
            if !u.isWhitespaceQuickly { out.append(u) }
        }
        return out.string
    }
}
