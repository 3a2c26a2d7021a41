/// A set of marks (punctuation, quotes, spaces) that tests a character by its scalar.
///
/// `"、，。".contains(c)` compares `c` with each mark as a `String`, under canonical equivalence,
/// which for non-ASCII text means normalising as it goes: labels filtered that way were a tenth
/// of the narrative reader's time. A character equals a mark of one scalar exactly when it is
/// one scalar and that scalar is the mark or canonically equivalent to it (U+037E GREEK
/// QUESTION MARK is `;`), so this answers the same (`MarksTests` checks every scalar).
public struct Marks: Sendable {
    private let scalars: Set<UInt32>

    /// `marks`: each character one scalar.
    public init(_ marks: String) {
        var set = Set<UInt32>()
        for c in marks {
            precondition(c.unicodeScalars.count == 1, "a mark of more than one scalar: \(c.unicodeScalars.map { $0.value })")
            set.insert(c.unicodeScalars.first!.value)
        }
        for (equivalent, mark) in Self.singletons where set.contains(mark) { set.insert(equivalent) }
        scalars = set
    }

    /// Scalars whose canonical decomposition is one other scalar, for the marks that have one:
    /// U+037E GREEK QUESTION MARK (`;`), U+0387 GREEK ANO TELEIA (`·`), U+1FEF GREEK VARIA
    /// (`` ` ``), U+1FFD GREEK OXIA (`´`), U+2000 EN QUAD and U+2001 EM QUAD (the en and em space),
    /// U+2329 and U+232A (`〈` `〉`).
    static let singletons: [(UInt32, UInt32)] = [
        (0x037E, 0x003B), (0x0387, 0x00B7), (0x1FEF, 0x0060), (0x1FFD, 0x00B4), (0x2000, 0x2002), (0x2001, 0x2003),
        (0x2329, 0x3008), (0x232A, 0x3009),
    ]

    /// Whether a character of the one scalar `s` is one of the marks.
    @inline(__always)
    public func contains(scalar s: Unicode.Scalar) -> Bool { scalars.contains(s.value) }

    /// `text` without the marks: `String(text.filter { !contains($0) })`, walked by scalars when
    /// each is a character of its own (``StandaloneScalars``).
    public func removed(from text: some StringProtocol) -> String {
        var out = UTF8Builder(capacity: text.utf8.count)
        for u in text.unicodeScalars {
            guard u.standsAlone else { return String(text.filter { !contains($0) }) }
            if !scalars.contains(u.value) { out.append(u) }
        }
        return out.string
    }

    /// Whether `c` is one of the marks.
    @inline(__always)
    public func contains(_ c: Character) -> Bool {
        let view = c.unicodeScalars
        guard let first = view.first, scalars.contains(first.value) else { return false }
        return view.index(after: view.startIndex) == view.endIndex
    }
}

extension Character {
    /// ``isWhitespace``, answered without Unicode's property tables for ASCII and for every
    /// scalar above U+3000 (no white space is: Unicode's White_Space ends at U+3000); the
    /// readers ask it of every character of a report. `isWhitespace` is the first scalar's
    /// property, so this gives the same answer for every character.
    @inlinable
    public var isWhitespaceQuickly: Bool {
        let v = unicodeScalars.first!.value
        if v < 0x80 { return v == 0x20 || (0x09...0x0D).contains(v) }
        if v > 0x3000 { return false }
        return isWhitespace
    }
}

extension Unicode.Scalar {
    /// `properties.isWhitespace` (which is `Character.isWhitespace` of a one-scalar character),
    /// answered without the property tables for ASCII and above U+3000.
    @inlinable
    public var isWhitespaceQuickly: Bool {
        let v = value
        if v < 0x80 { return v == 0x20 || (0x09...0x0D).contains(v) }
        if v > 0x3000 { return false }
        return properties.isWhitespace
    }
}

extension Character {
    /// Whether the character is the one scalar `s`: `self == Character(s)` without the
    /// normalising comparison, for a scalar no other scalar is canonically equivalent to
    /// (ASCII and full-width digits and punctuation, spaces, `万`; not `;`, which U+037E is,
    /// nor `年`, which U+F98E is). `MarksTests` holds it to `==` for the scalars the readers ask.
    @inlinable
    public func isScalar(_ s: Unicode.Scalar) -> Bool {
        let v = unicodeScalars
        return v.first == s && v.index(after: v.startIndex) == v.endIndex
    }
}
