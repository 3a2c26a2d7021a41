/// A column of whole numbers held in `Narrow` until one does not fit, then in `Wide` (the
/// values so far converted once): exact either way, never wrapped.
struct WideningColumn<Narrow: FixedWidthInteger & BitwiseCopyable, Wide: FixedWidthInteger & BitwiseCopyable> {
    var narrow: [Narrow] = []
    var wide: [Wide]?

    var count: Int { wide?.count ?? narrow.count }

    @inline(__always)
    subscript(i: Int) -> Wide { wide.map { $0[i] } ?? Wide(narrow[i]) }

    @inline(__always)
    mutating func append(_ x: Wide) {
        if wide == nil, let n = Narrow(exactly: x) {
            narrow.append(n)
        } else {
            appendWide(x)
        }
    }

    private mutating func appendWide(_ x: Wide) {
        if wide == nil {
            var w = [Wide]()
            w.reserveCapacity(narrow.capacity)
            w.append(contentsOf: narrow.lazy.map { Wide($0) })
            wide = w
            narrow = []
        }
        wide!.append(x)
    }
}
