/// The memory of a ``ChunkColumn``: `capacity` values from `base`, freed with it. Both are
/// constants, so reading them costs no exclusivity check (a class's `var` would, on every row).
final class ChunkColumnStorage<T: BitwiseCopyable> {
    let base: UnsafeMutablePointer<T>
    let capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = UnsafeMutablePointer<T>.allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }
}

/// A column of one chunk, appended to in place: the reader makes it as long as the chunk has
/// lines (at most one row each), so an append is a store and a count, without the uniqueness
/// and capacity calls of `Array.append` (a tenth of a load went to them).
struct ChunkColumn<T: BitwiseCopyable> {
    private(set) var storage = ChunkColumnStorage<T>(capacity: 0)
    private(set) var count = 0

    init() {}

    /// A column with room for `capacity` values.
    init(capacity: Int) { storage = ChunkColumnStorage(capacity: capacity) }

    @inline(__always)
    mutating func append(_ x: T) {
        if count == storage.capacity { grow(to: count * 2) }
        (storage.base + count).initialize(to: x)
        count += 1
    }

    /// No values, the room kept.
    @inline(__always)
    mutating func removeAll() { count = 0 }

    /// Room for at least `n` values, the ones held kept.
    mutating func reserve(_ n: Int) {
        if n > storage.capacity { grow(to: n) }
    }

    @inline(never)
    private mutating func grow(to n: Int) {
        let bigger = ChunkColumnStorage<T>(capacity: n)
        bigger.base.initialize(from: storage.base, count: count)
        storage = bigger
    }

    @inline(__always)
    subscript(i: Int) -> T { storage.base[i] }

    /// The values, valid while this column (or a copy of it) is held.
    var buffer: UnsafeBufferPointer<T> { UnsafeBufferPointer(start: storage.base, count: count) }

    /// The values widened to `U` (exact: `U` holds every `T`).
    func map<U: BitwiseCopyable>(_ transform: (T) -> U) -> ChunkColumn<U> {
        var out = ChunkColumn<U>(capacity: count)
        for i in 0..<count { out.append(transform(storage.base[i])) }
        return out
    }

    /// Whether any value satisfies `predicate`.
    func contains(where predicate: (T) -> Bool) -> Bool {
        for i in 0..<count where predicate(storage.base[i]) { return true }
        return false
    }
}

/// A column of whole numbers held in `Narrow` until one does not fit, then in `Wide` (the
/// values so far converted once): exact either way, never wrapped.
struct WideningColumn<Narrow: FixedWidthInteger & BitwiseCopyable, Wide: FixedWidthInteger & BitwiseCopyable> {
    var narrow = ChunkColumn<Narrow>()
    var wide: ChunkColumn<Wide>?

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

    @inline(never)
    private mutating func appendWide(_ x: Wide) {
        if wide == nil {
            var w = ChunkColumn<Wide>(capacity: narrow.storage.capacity)
            for i in 0..<narrow.count { w.append(Wide(narrow[i])) }
            wide = w
            narrow = ChunkColumn()
        }
        wide!.append(x)
    }

    /// The values in `Wide`, whichever width holds them.
    var widened: ChunkColumn<Wide> { wide ?? narrow.map { Wide($0) } }
}
