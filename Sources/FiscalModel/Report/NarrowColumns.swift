/// Whole numbers of one column, held in the narrowest type their range allows: years in 16
/// bits, flags in 8, lines in 32, a column of zeros in none. Reading one gives an `Int`, so a
/// column of ten million facts costs 2 bytes a year instead of 8 and no reader sees the
/// difference. Nothing is ever narrowed by truncation: a value that does not fit the narrow
/// type is kept in a wider one (``init(_:)`` picks the type from the values).
public struct IntegerColumn: RandomAccessCollection, Sendable, Equatable {
    @usableFromInline
    enum Storage: Sendable, Equatable {
        case int([Int])
        case int32([Int32])
        case int16([Int16])
        case uint8([UInt8])
        case zeros(Int)
    }

    @usableFromInline let storage: Storage

    /// `values` as they are (`Int.min`, the engine's missing value, included).
    public init(_ values: [Int]) { storage = .int(values) }
    public init(int32 values: [Int32]) { storage = .int32(values) }
    public init(int16 values: [Int16]) { storage = .int16(values) }
    public init(uint8 values: [UInt8]) { storage = .uint8(values) }
    /// `count` zeros, which take no memory.
    public init(zeros count: Int) { storage = .zeros(count) }

    /// `values` in the narrowest of the column's types that holds every one exactly.
    public init(narrowest values: [Int]) {
        guard let low = values.min(), let high = values.max() else { storage = .int([]); return }
        if low == 0 && high == 0 {
            storage = .zeros(values.count)
        } else if low >= 0 && high <= Int(UInt8.max) {
            storage = .uint8(values.map { UInt8($0) })
        } else if low >= Int(Int16.min) && high <= Int(Int16.max) {
            storage = .int16(values.map { Int16($0) })
        } else if low >= Int(Int32.min) && high <= Int(Int32.max) {
            storage = .int32(values.map { Int32($0) })
        } else {
            storage = .int(values)
        }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int {
        switch storage {
        case .int(let xs): xs.count
        case .int32(let xs): xs.count
        case .int16(let xs): xs.count
        case .uint8(let xs): xs.count
        case .zeros(let n): n
        }
    }

    @inlinable @inline(__always)
    public subscript(i: Int) -> Int {
        switch storage {
        case .int(let xs): return xs[i]
        case .int32(let xs): return Int(xs[i])
        case .int16(let xs): return Int(xs[i])
        case .uint8(let xs): return Int(xs[i])
        case .zeros(let n):
            precondition(i >= 0 && i < n, "index out of range")
            return 0
        }
    }

    /// The values at `rows`, in that order, held in the same type.
    public func gathered(_ rows: [Int32]) -> IntegerColumn {
        switch storage {
        case .int(let xs): return IntegerColumn(rows.map { xs[Int($0)] })
        case .int32(let xs): return IntegerColumn(int32: rows.map { xs[Int($0)] })
        case .int16(let xs): return IntegerColumn(int16: rows.map { xs[Int($0)] })
        case .uint8(let xs): return IntegerColumn(uint8: rows.map { xs[Int($0)] })
        case .zeros(let n):
            precondition(rows.allSatisfy { $0 >= 0 && Int($0) < n }, "row out of range")
            return IntegerColumn(zeros: rows.count)
        }
    }

    /// The values as ids sharing this column's storage (no copy), when they are held in 16 or
    /// 32 bits: what grouping on a year reads as its key.
    public var sharedIDs: IDColumn? {
        switch storage {
        case .int16(let xs): return IDColumn(int16: xs)
        case .int32(let xs): return IDColumn(xs)
        case .uint8, .int, .zeros: return nil
        }
    }

    /// Bytes the values take.
    public var byteCount: Int {
        switch storage {
        case .int(let xs): xs.count * 8
        case .int32(let xs): xs.count * 4
        case .int16(let xs): xs.count * 2
        case .uint8(let xs): xs.count
        case .zeros: 0
        }
    }
}

/// The mantissas of a column of exact amounts: 64-bit when every one fits (any amount of up
/// to 18 digits), else 128-bit. Reading one gives an `Int128`; the column is chosen from the
/// values, never truncated.
public struct MantissaColumn: RandomAccessCollection, Sendable, Equatable {
    @usableFromInline
    enum Storage: Sendable, Equatable {
        case int64([Int64])
        case int128([Int128])
    }

    @usableFromInline let storage: Storage

    public init(_ values: [Int128]) { storage = .int128(values) }
    public init(int64 values: [Int64]) { storage = .int64(values) }

    /// `values`, 64-bit when every one fits.
    public init(narrowest values: [Int128]) {
        if values.allSatisfy({ Int64(exactly: $0) != nil }) {
            storage = .int64(values.map { Int64($0) })
        } else {
            storage = .int128(values)
        }
    }

    /// The values at `rows`, in that order, held in the same type.
    public func gathered(_ rows: [Int32]) -> MantissaColumn {
        switch storage {
        case .int64(let xs): MantissaColumn(int64: rows.map { xs[Int($0)] })
        case .int128(let xs): MantissaColumn(rows.map { xs[Int($0)] })
        }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int {
        switch storage {
        case .int64(let xs): xs.count
        case .int128(let xs): xs.count
        }
    }

    @inlinable @inline(__always)
    public subscript(i: Int) -> Int128 {
        switch storage {
        case .int64(let xs): Int128(xs[i])
        case .int128(let xs): xs[i]
        }
    }

    /// Calls `body` with the mantissas in the type they are held in (a loop over them is then
    /// compiled once per type, without a choice per value).
    @inlinable
    public func withValues<R>(_ body64: ([Int64]) throws -> R, _ body128: ([Int128]) throws -> R) rethrows -> R {
        switch storage {
        case .int64(let xs): try body64(xs)
        case .int128(let xs): try body128(xs)
        }
    }

    /// Bytes the values take.
    public var byteCount: Int {
        switch storage {
        case .int64(let xs): xs.count * 8
        case .int128(let xs): xs.count * 16
        }
    }
}

/// Ids into a dictionary of distinct values (-1: none), one per row, held in the narrowest
/// signed type the dictionary's size allows: 8 bits for up to 127 values (phases, statements,
/// funds, units …), 16 for up to 32,767 (entities of a province, codes, items), else 32.
/// Reading one gives an `Int32`; an id is never truncated (the type is chosen from the
/// largest id, or checked against it).
public struct IDColumn: RandomAccessCollection, Sendable, Equatable {
    @usableFromInline
    enum Storage: Sendable, Equatable {
        case int8([Int8])
        case int16([Int16])
        case int32([Int32])
    }

    @usableFromInline let storage: Storage

    /// `ids` as they are, 32 bits each.
    public init(_ ids: [Int32]) { storage = .int32(ids) }
    public init(int8 ids: [Int8]) { storage = .int8(ids) }
    public init(int16 ids: [Int16]) { storage = .int16(ids) }
    public init() { storage = .int8([]) }

    /// `ids` in the narrowest type that holds every one.
    public init(narrowest ids: [Int32]) {
        let high = ids.max() ?? -1
        if high <= Int32(Int8.max) {
            storage = .int8(ids.map { Int8(truncatingIfNeeded: $0) })
        } else if high <= Int32(Int16.max) {
            storage = .int16(ids.map { Int16(truncatingIfNeeded: $0) })
        } else {
            storage = .int32(ids)
        }
    }

    /// The width (in bytes) that ids into a dictionary of `count` values need.
    public static func width(forDictionaryOf count: Int) -> Int {
        count <= Int(Int8.max) + 1 ? 1 : count <= Int(Int16.max) + 1 ? 2 : 4
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int {
        switch storage {
        case .int8(let xs): xs.count
        case .int16(let xs): xs.count
        case .int32(let xs): xs.count
        }
    }

    @inlinable @inline(__always)
    public subscript(i: Int) -> Int32 {
        switch storage {
        case .int8(let xs): Int32(xs[i])
        case .int16(let xs): Int32(xs[i])
        case .int32(let xs): xs[i]
        }
    }

    /// The ids at `rows`, in that order, held in the same type.
    public func gathered(_ rows: [Int32]) -> IDColumn {
        switch storage {
        case .int8(let xs): IDColumn(int8: rows.map { xs[Int($0)] })
        case .int16(let xs): IDColumn(int16: rows.map { xs[Int($0)] })
        case .int32(let xs): IDColumn(rows.map { xs[Int($0)] })
        }
    }

    /// Calls the body for the type the ids are held in with them (a loop over them is then
    /// compiled once per type, without a choice per id): pass one generic function three times.
    @inlinable
    public func withUnsafeIDs<R>(
        _ body8: (UnsafeBufferPointer<Int8>) throws -> R, _ body16: (UnsafeBufferPointer<Int16>) throws -> R,
        _ body32: (UnsafeBufferPointer<Int32>) throws -> R
    ) rethrows -> R {
        switch storage {
        case .int8(let xs): try xs.withUnsafeBufferPointer(body8)
        case .int16(let xs): try xs.withUnsafeBufferPointer(body16)
        case .int32(let xs): try xs.withUnsafeBufferPointer(body32)
        }
    }

    /// Whether the two are the same ids in the same memory (one column shared, not copied).
    public func sharesStorage(with other: IDColumn) -> Bool {
        func same<T>(_ a: [T], _ b: [T]) -> Bool {
            a.count == b.count && a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { y in x.baseAddress == y.baseAddress } }
        }
        switch (storage, other.storage) {
        case (.int8(let a), .int8(let b)): return same(a, b)
        case (.int16(let a), .int16(let b)): return same(a, b)
        case (.int32(let a), .int32(let b)): return same(a, b)
        default: return false
        }
    }

    /// The ids as 32-bit integers (a copy unless they are held so).
    public var int32: [Int32] {
        switch storage {
        case .int8(let xs): xs.map { Int32($0) }
        case .int16(let xs): xs.map { Int32($0) }
        case .int32(let xs): xs
        }
    }

    /// Bytes the ids take.
    public var byteCount: Int {
        switch storage {
        case .int8(let xs): xs.count
        case .int16(let xs): xs.count * 2
        case .int32(let xs): xs.count * 4
        }
    }
}
