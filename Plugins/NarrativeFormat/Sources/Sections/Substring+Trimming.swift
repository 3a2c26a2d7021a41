import FiscalModel

extension Substring {
    /// The substring without the characters of `set` (each one scalar that stands alone, as
    /// the space, tab and ideographic space do) at either end.
    ///
    /// An end scalar that stands alone next to a neighbour that does too is a character of its
    /// own and equals a member exactly when it is that scalar (``StandaloneScalars``), so it is
    /// compared as a scalar; anywhere else the ends are compared as `Character`s.
    func trimmingCharacters(_ set: String) -> Substring {
        assert(set.unicodeScalars.allSatisfy(\.standsAlone), "a trimmed character that does not stand alone")
        var s = self
        while !s.isEmpty {
            let scalars = s.unicodeScalars
            let u = scalars[scalars.startIndex]
            let next = scalars.index(after: scalars.startIndex)
            if u.standsAlone && (next == scalars.endIndex || scalars[next].standsAlone) {
                guard set.unicodeScalars.contains(u) else { break }
                s = s[next...]
            } else {
                guard let f = s.first, set.contains(f) else { break }
                s = s.dropFirst()
            }
        }
        while !s.isEmpty {
            let scalars = s.unicodeScalars
            let last = scalars.index(before: scalars.endIndex)
            let u = scalars[last]
            if u.standsAlone && (last == scalars.startIndex || scalars[scalars.index(before: last)].standsAlone) {
                guard set.unicodeScalars.contains(u) else { break }
                s = s[..<last]
            } else {
                guard let l = s.last, set.contains(l) else { break }
                s = s.dropLast()
            }
        }
        return s
    }

    /// ``trimmingCharacters(_:)`` by `Character`s only (the definition the tests hold it to).
    func trimmingCharactersByCharacters(_ set: String) -> Substring {
        var s = self
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return s
    }
}
