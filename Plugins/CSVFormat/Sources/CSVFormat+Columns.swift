import FiscalModel

/// Rows `rows` of chunk `chunk`'s columns, which go to the file's columns from row `at` on.
struct CSVSegment {
    var chunk: Int
    var rows: Range<Int>
    var at: Int
}

extension CSVFormat {
    /// The file's columns from the chunks' (emptied on the way, column by column, so that a
    /// file's facts are held about once): one dictionary per dimension made of the chunks' (each
    /// value once), every id rewritten to it, the rows of each report put together in the
    /// order of ``segments``. The rows are copied on all cores.
    static func columns(_ chunks: inout [CSVChunkResult], _ segments: [CSVSegment], count n: Int) -> FactColumns {
        // Whether the reports put the rows in the file's order (each report's rows together,
        // as an export writes them): then the chunks' rows follow one another unchanged.
        let inFileOrder = zip(segments, segments.dropFirst()).allSatisfy { a, b in
            a.chunk < b.chunk || (a.chunk == b.chunk && a.rows.upperBound <= b.rows.lowerBound)
        }
        // Each dictionary in the order its values are first used by the file's rows (as the
        // reports put them), as a store built from the facts one by one numbers them.
        func inUseOrder<T, N>(
            _ column: KeyPath<CSVChunkColumns, WideningColumn<N, Int32>>, _ locals: [[T?]], key: (T) -> String
        ) -> (values: [T], remaps: [[Int32]]) {
            var ids: [String: Int32] = [:]
            var values: [T] = []
            var remaps = locals.map { [Int32](repeating: -1, count: $0.count) }
            if inFileOrder {
                // A chunk numbers its values in the order its rows first use them, and every
                // value it holds is used (a row that failed fails the file): its dictionary is
                // already in use order, and no row needs to be read.
                for (k, chunk) in locals.enumerated() {
                    for (local, value) in chunk.enumerated() {
                        guard let value else { continue }
                        let key = key(value)
                        let id = ids[key] ?? Int32(values.count)
                        if id == Int32(values.count) { ids[key] = id; values.append(value) }
                        remaps[k][local] = id
                    }
                }
                return (values, remaps)
            }
            for segment in segments {
                let source = chunks[segment.chunk].columns[keyPath: column]
                for r in segment.rows {
                    let local = source[r]
                    guard local >= 0, remaps[segment.chunk][Int(local)] < 0, let value = locals[segment.chunk][Int(local)] else { continue }
                    let k = key(value)
                    let id = ids[k] ?? Int32(values.count)
                    if id == Int32(values.count) { ids[k] = id; values.append(value) }
                    remaps[segment.chunk][Int(local)] = id
                }
            }
            return (values, remaps)
        }
        func some<T>(_ xs: [T]) -> [T?] { xs.map(Optional.some) }
        let entities = inUseOrder(\.entity, chunks.map { some($0.entities) }, key: { $0 })
        let phases = inUseOrder(\.phase, chunks.map { some($0.phases) }, key: \.rawValue)
        let statements = inUseOrder(\.statement, chunks.map { some($0.statements) }, key: \.rawValue)
        let items = inUseOrder(\.item, chunks.map { some($0.items) }, key: { $0 })
        let codes = inUseOrder(\.code, chunks.map(\.codes), key: \.rawValue)
        let econCodes = inUseOrder(\.econ, chunks.map(\.econCodes), key: \.rawValue)
        let funds = inUseOrder(\.fund, chunks.map(\.funds), key: \.rawValue)
        let measures = inUseOrder(\.measure, chunks.map { some($0.measures) }, key: \.rawValue)
        let units = inUseOrder(\.unit, chunks.map { some($0.units) }, key: \.description)
        let files = inUseOrder(\.file, chunks.map { some($0.files) }, key: { $0 })
        // Segments in about equal groups of rows, one group per task.
        let parts = max(1, min(segments.count, Parallel.threadCount * 4))
        var groups: [Range<Int>] = []
        var begin = 0
        for (s, segment) in segments.enumerated() where (segment.at + segment.rows.count) * parts >= n * (groups.count + 1) || s == segments.count - 1 {
            groups.append(begin..<(s + 1))
            begin = s + 1
        }
        // Each column made gives its chunks' memory back to the system before the next is made:
        // the chunks' columns are many small blocks, which the allocator keeps for reuse, and
        // the file's columns (large blocks) cannot reuse them. Without it a load's peak holds
        // every chunk and the whole file's columns at once (58 bytes a fact instead of about 40).
        func releasing<R>(_ make: () -> R) -> R {
            let made = make()
            FreedMemory.release()
            return made
        }
        // Ids in the width their dictionary needs (``IDColumn``), written narrow as they are gathered.
        // (The chunks' ids are narrow too unless one chunk's did not fit: those are widened.)
        func ids<V, N>(_ column: WritableKeyPath<CSVChunkColumns, WideningColumn<N, Int32>>,
                       _ dictionary: (values: [V], remaps: [[Int32]])) -> IDColumn {
            releasing { idsOf(column, dictionary) }
        }
        func idsOf<V, N>(_ column: WritableKeyPath<CSVChunkColumns, WideningColumn<N, Int32>>,
                         _ dictionary: (values: [V], remaps: [[Int32]])) -> IDColumn {
            let remaps = dictionary.remaps, distinct = dictionary.values.count
            let allNarrow = chunks.allSatisfy { $0.columns[keyPath: column].wide == nil }
            let narrowSources = allNarrow ? chunks.map { $0.columns[keyPath: column].narrow } : []
            let wideSources = allNarrow ? [] : chunks.map { $0.columns[keyPath: column].widened }
            for k in chunks.indices { chunks[k].columns[keyPath: column] = WideningColumn() }
            func made<U: FixedWidthInteger & BitwiseCopyable>(_: U.Type) -> [U] {
                func remapped<S: FixedWidthInteger & BitwiseCopyable>(_ sources: [ChunkColumn<S>]) -> [U] {
                    gather(sources, remaps: remaps, segments, groups, n)
                }
                return allNarrow ? remapped(narrowSources) : remapped(wideSources)
            }
            switch IDColumn.width(forDictionaryOf: distinct) {
            case 1: return IDColumn(int8: made(Int8.self))
            case 2: return IDColumn(int16: made(Int16.self))
            default: return IDColumn(made(Int32.self))
            }
        }
        func plain<T: BitwiseCopyable>(_ column: WritableKeyPath<CSVChunkColumns, ChunkColumn<T>>) -> [T] {
            releasing { gather(&chunks, column, segments, groups, n) }
        }
        let entityIDs = ids(\.entity, entities), phaseIDs = ids(\.phase, phases)
        let statementIDs = ids(\.statement, statements), itemIDs = ids(\.item, items)
        let codeIDs = ids(\.code, codes), econIDs = ids(\.econ, econCodes), fundIDs = ids(\.fund, funds)
        let measureIDs = ids(\.measure, measures), unitIDs = ids(\.unit, units), fileIDs = ids(\.file, files)
        /// A column that is narrow in every chunk stays narrow; else every chunk's is widened.
        func widening<N, W>(_ column: WritableKeyPath<CSVChunkColumns, WideningColumn<N, W>>) -> (narrow: [N]?, wide: [W]?) {
            releasing { widened(column) }
        }
        func widened<N, W>(_ column: WritableKeyPath<CSVChunkColumns, WideningColumn<N, W>>) -> (narrow: [N]?, wide: [W]?) {
            if chunks.allSatisfy({ $0.columns[keyPath: column].wide == nil }) {
                let sources = chunks.map { $0.columns[keyPath: column].narrow }
                for k in chunks.indices { chunks[k].columns[keyPath: column] = WideningColumn() }
                return (gather(sources, segments, groups, n), nil)
            }
            let sources = chunks.map { $0.columns[keyPath: column].widened }
            for k in chunks.indices { chunks[k].columns[keyPath: column] = WideningColumn() }
            return (nil, gather(sources, segments, groups, n))
        }
        let years = IntegerColumn(int16: plain(\.year)), derived = IntegerColumn(uint8: plain(\.derived))
        let mantissaParts = widening(\.mantissa)
        let mantissas = mantissaParts.narrow.map { MantissaColumn(int64: $0) } ?? MantissaColumn(mantissaParts.wide ?? [])
        let scales = plain(\.scale)
        let lineParts = widening(\.line)
        let lines = lineParts.narrow.map { IntegerColumn(int32: $0) } ?? IntegerColumn(lineParts.wide ?? [])
        let endParts = widening(\.endColumn)
        var endColumns = endParts.narrow.map { IntegerColumn(int16: $0) } ?? IntegerColumn(int32: endParts.wide ?? [])
        if !endColumns.contains(where: { $0 != 1 }) { endColumns = IntegerColumn(int16: []) }
        return FactColumns(
            entityIDs: entityIDs, entities: entities.values, years: years, phaseIDs: phaseIDs, phases: phases.values,
            statementIDs: statementIDs, statements: statements.values, itemIDs: itemIDs, items: items.values,
            codeIDs: codeIDs, codes: codes.values, econIDs: econIDs, econCodes: econCodes.values,
            fundIDs: fundIDs, funds: funds.values, measureIDs: measureIDs, measures: measures.values,
            unitIDs: unitIDs, units: units.values, derived: derived, mantissas: mantissas, scales: scales,
            fileIDs: fileIDs, files: files.values, lines: lines, endColumns: endColumns)
    }

    /// One column of the file: each segment's rows of its chunk's `column` at the segment's
    /// place; the chunks' column is emptied.
    static func gather<T: BitwiseCopyable>(
        _ chunks: inout [CSVChunkResult], _ column: WritableKeyPath<CSVChunkColumns, ChunkColumn<T>>, _ segments: [CSVSegment],
        _ groups: [Range<Int>], _ n: Int
    ) -> [T] {
        let sources = chunks.map { $0.columns[keyPath: column] }
        for k in chunks.indices { chunks[k].columns[keyPath: column] = ChunkColumn() }
        return gather(sources, segments, groups, n)
    }

    /// The file's column from the chunks' `sources` (each segment's rows copied to the
    /// segment's place), on all cores.
    static func gather<T: BitwiseCopyable>(_ sources: [ChunkColumn<T>], _ segments: [CSVSegment], _ groups: [Range<Int>], _ n: Int) -> [T] {
        filled(n, groups) { g, out in
            for segment in segments[groups[g]] {
                (out + segment.at).initialize(from: sources[segment.chunk].buffer.baseAddress! + segment.rows.lowerBound, count: segment.rows.count)
            }
        }
    }

    /// The file's ids from the chunks' (`sources`): each segment's rows, each id through its
    /// chunk's `remaps` (-1 stays -1), at the segment's place, on all cores.
    static func gather<S: FixedWidthInteger & BitwiseCopyable, U: FixedWidthInteger & BitwiseCopyable>(
        _ sources: [ChunkColumn<S>], remaps: [[Int32]], _ segments: [CSVSegment], _ groups: [Range<Int>], _ n: Int
    ) -> [U] {
        filled(n, groups) { g, out in
            for segment in segments[groups[g]] {
                let source = sources[segment.chunk].buffer.baseAddress!
                remaps[segment.chunk].withUnsafeBufferPointer { remap in
                    var at = out + segment.at
                    for r in segment.rows {
                        let id = source[r]
                        at.initialize(to: id < 0 ? -1 : U(truncatingIfNeeded: remap[Int(id)]))
                        at += 1
                    }
                }
            }
        }
    }

    /// An array of `n` values that `fill(g, out)` writes, for each group `g` on its own core.
    static func filled<T: BitwiseCopyable>(_ n: Int, _ groups: [Range<Int>], _ fill: (Int, UnsafeMutablePointer<T>) -> Void) -> [T] {
        guard n > 0 else { return [] }
        return [T](unsafeUninitializedCapacity: n) { buffer, initialized in
            let out = buffer.baseAddress!
            _ = Parallel.map(groups.count) { g in fill(g, out) }
            initialized = n
        }
    }
}
