/// ``FactColumns`` as bytes, and back: how a workspace keeps the facts of a structured source
/// (the canonical CSV) so that opening it copies arrays instead of building a fact per row.
///
/// The layout (little-endian throughout; docs/WORKSPACE.md): the magic `FCOL`, a version byte,
/// the fact count (8 bytes), then each column in the order of ``FactColumns``' properties: an id
/// column is its width (1, 2 or 4) and `count` ids; an integer column its kind (0 zeros, 1
/// unsigned 8 bits, 2 16 bits, 3 32 bits, 4 64 bits), its length (8 bytes) and its values; the
/// mantissas their width (8 or 16) and values; scales one byte each; a dictionary its length (4
/// bytes) and each string as a length (4 bytes) and UTF-8. A unit is a kind byte (0 money, 1 a
/// count) before its name.
///
/// Decoding trusts nothing: every length is checked against the bytes left, every id against
/// its dictionary, every name against its type, and every fact against the model's bounds, so
/// a damaged file gives an error that says where, never a crash or a wrong figure.
extension FactColumns {
    /// The first bytes of every encoding.
    public static let binaryMagic: [UInt8] = Array("FCOL".utf8)
    /// The version this build writes and reads.
    public static let binaryVersion: UInt8 = 1

    /// The columns as bytes (``init(binary:)`` reads them back).
    public func binary() -> [UInt8] {
        var w = BinaryWriter()
        w.bytes += FactColumns.binaryMagic
        w.u8(FactColumns.binaryVersion)
        w.u64(UInt64(count))
        w.ids(entityIDs); w.strings(entities)
        w.integers(years)
        w.ids(phaseIDs); w.strings(phases.map(\.rawValue))
        w.ids(statementIDs); w.strings(statements.map(\.rawValue))
        w.ids(itemIDs); w.strings(items)
        w.ids(codeIDs); w.strings(codes.map(\.rawValue))
        w.ids(econIDs); w.strings(econCodes.map(\.rawValue))
        w.ids(fundIDs); w.strings(funds.map(\.rawValue))
        w.ids(measureIDs); w.strings(measures.map(\.rawValue))
        w.ids(unitIDs)
        w.u32(UInt32(units.count))
        for unit in units {
            w.u8(unit.isMoney ? 0 : 1)
            w.string(unit.description)
        }
        w.integers(derived)
        switch mantissas.storage {
        case .int64(let xs): w.u8(8); w.raw(xs)
        case .int128(let xs): w.u8(16); w.raw(xs)
        }
        w.raw(scales)
        w.ids(fileIDs); w.strings(files)
        w.integers(lines)
        w.integers(endColumns)
        return w.bytes
    }

    /// The columns `bytes` encode (``binary()``).
    public convenience init(binary bytes: UnsafeRawBufferPointer) throws(FactColumnsDecodingError) {
        var r = BinaryReader(bytes)
        guard try r.take(4) == FactColumns.binaryMagic[...] else { throw r.error("the bytes FCOL") }
        let version = try r.u8()
        guard version == FactColumns.binaryVersion else {
            throw r.error("version \(FactColumns.binaryVersion), found \(version)", at: r.offset - 1)
        }
        let n64 = try r.u64()
        guard n64 <= UInt64(Int32.max) else { throw r.error("a fact count of at most \(Int32.max), found \(n64)") }
        let n = Int(n64)
        /// Ids and their dictionary; every fact has a value but of the optional columns.
        func text(_ name: String, optional: Bool = false) throws(FactColumnsDecodingError) -> (IDColumn, [String]) {
            let ids = try r.ids(n, name)
            let values = try r.strings(name)
            try r.check(ids, within: values.count, name, optional: optional)
            return (ids, values)
        }
        func named<T>(_ name: String, _ values: [String], _ make: (String) -> T?) throws(FactColumnsDecodingError) -> [T] {
            var out: [T] = []
            out.reserveCapacity(values.count)
            for v in values {
                guard let x = make(v) else { throw r.error("a known \(name), found `\(v)`") }
                out.append(x)
            }
            return out
        }
        let (entityIDs, entities) = try text("entity")
        let years = try r.integers(n, "year")
        let (phaseIDs, phaseNames) = try text("phase")
        let phases = try named("phase", phaseNames, Phase.init(rawValue:))
        let (statementIDs, statementNames) = try text("statement")
        let (itemIDs, items) = try text("item")
        let (codeIDs, codeNames) = try text("code", optional: true)
        let codes = try named("code", codeNames, ClassificationCode.init(rawValue:))
        let (econIDs, econNames) = try text("econ_code", optional: true)
        let econCodes = try named("code", econNames, ClassificationCode.init(rawValue:))
        let (fundIDs, fundNames) = try text("fund", optional: true)
        let (measureIDs, measureNames) = try text("measure")
        let unitIDs = try r.ids(n, "unit")
        let unitCount = Int(try r.u32())
        var units: [FactUnit] = []
        for _ in 0..<min(unitCount, r.remaining) {
            let kind = try r.u8()
            let name = try r.string("unit")
            switch kind {
            case 0:
                guard let money = MoneyUnit(rawValue: name) else { throw r.error("a money unit, found `\(name)`") }
                units.append(.money(money))
            case 1: units.append(.count(name))
            default: throw r.error("a unit kind of 0 or 1, found \(kind)")
            }
        }
        guard units.count == unitCount else { throw r.error("\(unitCount) units") }
        try r.check(unitIDs, within: units.count, "unit", optional: false)
        let derived = try r.integers(n, "derived")
        let mantissas: MantissaColumn
        switch try r.u8() {
        case 8: mantissas = MantissaColumn(int64: try r.array(n, "amount"))
        case 16: mantissas = MantissaColumn(try r.array(n, "amount"))
        default: throw r.error("a mantissa width of 8 or 16", at: r.offset - 1)
        }
        let scales: [Int8] = try r.array(n, "scale")
        let (fileIDs, files) = try text("file")
        let lines = try r.integers(n, "line")
        let endColumns = try r.integers(nil, "end column")
        guard endColumns.isEmpty || endColumns.count == n else { throw r.error("no end columns or one per fact") }
        guard r.remaining == 0 else { throw r.error("the end of the columns, found \(r.remaining) more bytes") }
        for i in scales.indices where scales[i] < 0 || Int(scales[i]) > Amount.maximumFileScale {
            throw r.error("a scale from 0 to \(Amount.maximumFileScale), found \(scales[i]) (fact \(i))")
        }
        self.init(
            entityIDs: entityIDs, entities: entities, years: years, phaseIDs: phaseIDs, phases: phases,
            statementIDs: statementIDs, statements: statementNames.map(Statement.init(rawValue:)), itemIDs: itemIDs, items: items,
            codeIDs: codeIDs, codes: codes, econIDs: econIDs, econCodes: econCodes, fundIDs: fundIDs,
            funds: fundNames.map(Fund.init(rawValue:)), measureIDs: measureIDs, measures: measureNames.map(Measure.init(rawValue:)),
            unitIDs: unitIDs, units: units, derived: derived, mantissas: mantissas, scales: scales, fileIDs: fileIDs, files: files,
            lines: lines, endColumns: endColumns)
        if let (_, message) = boundsViolation(0..<n) { throw r.error(message) }
    }
}

/// Why bytes are not ``FactColumns``: what was expected, and where.
public struct FactColumnsDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The byte offset where decoding stopped.
    public var offset: Int
    /// What was expected there (`expected …`).
    public var expected: String

    public var description: String { "at byte \(offset): expected \(expected)" }
}

/// Appends little-endian numbers, arrays and strings.
struct BinaryWriter {
    var bytes: [UInt8] = []

    mutating func u8(_ x: UInt8) { bytes.append(x) }
    mutating func u32(_ x: UInt32) { withUnsafeBytes(of: x.littleEndian) { bytes += $0 } }
    mutating func u64(_ x: UInt64) { withUnsafeBytes(of: x.littleEndian) { bytes += $0 } }

    mutating func raw<T: FixedWidthInteger>(_ xs: [T]) {
        #if _endian(big)
        xs.map(\.littleEndian).withUnsafeBytes { bytes += $0 }
        #else
        xs.withUnsafeBytes { bytes += $0 }
        #endif
    }

    mutating func string(_ s: String) {
        var s = s
        s.withUTF8 { u32(UInt32($0.count)); bytes += $0 }
    }

    mutating func strings(_ values: [String]) {
        u32(UInt32(values.count))
        for v in values { string(v) }
    }

    mutating func ids(_ c: IDColumn) {
        switch c.storage {
        case .int8(let xs): u8(1); raw(xs)
        case .int16(let xs): u8(2); raw(xs)
        case .int32(let xs): u8(4); raw(xs)
        }
    }

    mutating func integers(_ c: IntegerColumn) {
        switch c.storage {
        case .zeros(let n): u8(0); u64(UInt64(n))
        case .uint8(let xs): u8(1); u64(UInt64(xs.count)); raw(xs)
        case .int16(let xs): u8(2); u64(UInt64(xs.count)); raw(xs)
        case .int32(let xs): u8(3); u64(UInt64(xs.count)); raw(xs)
        case .int(let xs): u8(4); u64(UInt64(xs.count)); raw(xs.map { Int64($0) })
        }
    }
}

/// Reads what ``BinaryWriter`` wrote, every length checked against the bytes left.
struct BinaryReader {
    let bytes: UnsafeRawBufferPointer
    var offset = 0

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    var remaining: Int { bytes.count - offset }

    func error(_ expected: String, at: Int? = nil) -> FactColumnsDecodingError {
        FactColumnsDecodingError(offset: at ?? offset, expected: expected)
    }

    mutating func take(_ n: Int) throws(FactColumnsDecodingError) -> ArraySlice<UInt8> {
        guard n >= 0, n <= remaining else { throw error("\(n) more bytes, found \(remaining)") }
        defer { offset += n }
        return Array(bytes[offset..<(offset + n)])[...]
    }

    mutating func u8() throws(FactColumnsDecodingError) -> UInt8 {
        guard remaining >= 1 else { throw error("1 more byte, found none") }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func u32() throws(FactColumnsDecodingError) -> UInt32 {
        let a: [UInt32] = try array(1, "a length")
        return a[0]
    }

    mutating func u64() throws(FactColumnsDecodingError) -> UInt64 {
        let a: [UInt64] = try array(1, "a count")
        return a[0]
    }

    /// `n` values of `T`, copied out of the bytes.
    mutating func array<T: FixedWidthInteger>(_ n: Int, _ what: String) throws(FactColumnsDecodingError) -> [T] {
        let (size, overflow) = n.multipliedReportingOverflow(by: MemoryLayout<T>.stride)
        guard n >= 0, !overflow, size <= remaining else {
            throw error("\(n) values of \(what) (\(MemoryLayout<T>.stride) bytes each), found \(remaining) bytes")
        }
        let start = offset
        offset += size
        let values = [T](unsafeUninitializedCapacity: n) { buffer, initialized in
            if n > 0 { UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[start..<(start + size)])) }
            initialized = n
        }
        #if _endian(big)
        return values.map { T(littleEndian: $0) }
        #else
        return values
        #endif
    }

    mutating func string(_ what: String) throws(FactColumnsDecodingError) -> String {
        let start = offset
        let length = Int(try u32())
        let utf8 = try take(length)
        guard let s = String(validating: utf8, as: UTF8.self) else { throw error("a name of \(what) in UTF-8", at: start) }
        return s
    }

    /// A dictionary: distinct strings.
    mutating func strings(_ what: String) throws(FactColumnsDecodingError) -> [String] {
        let start = offset
        let n = Int(try u32())
        var values: [String] = []
        for _ in 0..<min(n, remaining) { values.append(try string(what)) }
        guard values.count == n else { throw error("\(n) names of \(what)", at: start) }
        guard Set(values).count == n else { throw error("distinct names of \(what)", at: start) }
        return values
    }

    mutating func ids(_ n: Int, _ what: String) throws(FactColumnsDecodingError) -> IDColumn {
        switch try u8() {
        case 1: return IDColumn(int8: try array(n, what))
        case 2: return IDColumn(int16: try array(n, what))
        case 4: return IDColumn(try array(n, what))
        case let width: throw error("an id width of 1, 2 or 4 for \(what), found \(width)", at: offset - 1)
        }
    }

    /// An integer column of `n` values (any length when `n` is nil).
    mutating func integers(_ n: Int?, _ what: String) throws(FactColumnsDecodingError) -> IntegerColumn {
        let kind = try u8()
        let start = offset
        let count64 = try u64()
        guard count64 <= UInt64(Int32.max), n.map({ UInt64($0) == count64 }) ?? true else {
            throw error("\(n.map(String.init) ?? "a number of") values of \(what), found \(count64)", at: start)
        }
        let count = Int(count64)
        switch kind {
        case 0: return IntegerColumn(zeros: count)
        case 1: return IntegerColumn(uint8: try array(count, what))
        case 2: return IntegerColumn(int16: try array(count, what))
        case 3: return IntegerColumn(int32: try array(count, what))
        case 4: return IntegerColumn((try array(count, what) as [Int64]).map { Int($0) })
        default: throw error("an integer kind from 0 to 4 for \(what), found \(kind)", at: start - 1)
        }
    }

    /// Every id of `ids` is below `count`, and not negative but for -1 (none) in an `optional` column.
    func check(_ ids: IDColumn, within count: Int, _ what: String, optional: Bool) throws(FactColumnsDecodingError) {
        let least = optional ? -1 : 0
        func bad<T: FixedWidthInteger>(_ xs: UnsafeBufferPointer<T>) -> Int? {
            var low = T.max, high = T.min
            for x in xs { low = Swift.min(low, x); high = Swift.max(high, x) }
            if xs.isEmpty { return nil }
            if Int(low) < least { return xs.firstIndex(of: low) }
            if Int(high) >= count { return xs.firstIndex(of: high) }
            return nil
        }
        if let i = ids.withUnsafeIDs(bad, bad, bad) {
            throw error("ids of \(what) from \(least) to \(count - 1), found \(ids[i]) (fact \(i))")
        }
    }
}
