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
        let entities = merged(chunks.map(\.entities), key: { $0 })
        let phases = merged(chunks.map(\.phases), key: \.rawValue)
        let statements = merged(chunks.map(\.statements), key: \.rawValue)
        let items = merged(chunks.map(\.items), key: { $0 })
        let codes = mergedOptional(chunks.map(\.codes), key: \.rawValue)
        let econCodes = mergedOptional(chunks.map(\.econCodes), key: \.rawValue)
        let funds = mergedOptional(chunks.map(\.funds), key: \.rawValue)
        let measures = merged(chunks.map(\.measures), key: \.rawValue)
        let units = merged(chunks.map(\.units), key: \.description)
        let files = merged(chunks.map(\.files), key: { $0 })
        // Segments in about equal groups of rows, one group per task.
        let parts = max(1, min(segments.count, Parallel.threadCount * 4))
        var groups: [Range<Int>] = []
        var begin = 0
        for (s, segment) in segments.enumerated() where (segment.at + segment.rows.count) * parts >= n * (groups.count + 1) || s == segments.count - 1 {
            groups.append(begin..<(s + 1))
            begin = s + 1
        }
        func ids(_ column: WritableKeyPath<CSVChunkColumns, [Int32]>, _ remaps: [[Int32]]) -> [Int32] {
            gather(&chunks, column, segments, groups, n) { k, id in id < 0 ? -1 : remaps[k][Int(id)] }
        }
        func plain<T: BitwiseCopyable>(_ column: WritableKeyPath<CSVChunkColumns, [T]>) -> [T] {
            gather(&chunks, column, segments, groups, n) { _, x in x }
        }
        let entityIDs = ids(\.entity, entities.remaps), phaseIDs = ids(\.phase, phases.remaps)
        let statementIDs = ids(\.statement, statements.remaps), itemIDs = ids(\.item, items.remaps)
        let codeIDs = ids(\.code, codes.remaps), econIDs = ids(\.econ, econCodes.remaps), fundIDs = ids(\.fund, funds.remaps)
        let measureIDs = ids(\.measure, measures.remaps), unitIDs = ids(\.unit, units.remaps), fileIDs = ids(\.file, files.remaps)
        let years = plain(\.year), derived = plain(\.derived), mantissas = plain(\.mantissa), scales = plain(\.scale)
        let lines = plain(\.line)
        var endColumns = plain(\.endColumn)
        if !endColumns.contains(where: { $0 != 1 }) { endColumns = [] }
        return FactColumns(
            entityIDs: entityIDs, entities: entities.values, years: years, phaseIDs: phaseIDs, phases: phases.values,
            statementIDs: statementIDs, statements: statements.values, itemIDs: itemIDs, items: items.values,
            codeIDs: codeIDs, codes: codes.values, econIDs: econIDs, econCodes: econCodes.values,
            fundIDs: fundIDs, funds: funds.values, measureIDs: measureIDs, measures: measures.values,
            unitIDs: unitIDs, units: units.values, derived: derived, mantissas: mantissas, scales: scales,
            fileIDs: fileIDs, files: files.values, lines: lines, endColumns: endColumns)
    }

    /// One dictionary of the values of the chunks' dictionaries (each value once, by `key`, in
    /// the order met), and per chunk its ids' ids in it (-1 for a `nil` value, which no row uses).
    static func mergedOptional<T>(_ locals: [[T?]], key: (T) -> String) -> (values: [T], remaps: [[Int32]]) {
        var ids: [String: Int32] = [:]
        var values: [T] = []
        let remaps = locals.map { local in
            local.map { value -> Int32 in
                guard let value else { return -1 }
                let k = key(value)
                if let id = ids[k] { return id }
                let id = Int32(values.count)
                ids[k] = id
                values.append(value)
                return id
            }
        }
        return (values, remaps)
    }

    static func merged<T>(_ locals: [[T]], key: (T) -> String) -> (values: [T], remaps: [[Int32]]) {
        mergedOptional(locals.map { $0.map(Optional.some) }, key: key)
    }

    /// One column of the file: each segment's rows of its chunk's `column`, through
    /// `transform`, at the segment's place; the chunks' column is emptied.
    static func gather<T: BitwiseCopyable>(
        _ chunks: inout [CSVChunkResult], _ column: WritableKeyPath<CSVChunkColumns, [T]>, _ segments: [CSVSegment],
        _ groups: [Range<Int>], _ n: Int, _ transform: (Int, T) -> T
    ) -> [T] {
        let sources = chunks.map { $0.columns[keyPath: column] }
        for k in chunks.indices { chunks[k].columns[keyPath: column] = [] }
        guard n > 0 else { return [] }
        return [T](unsafeUninitializedCapacity: n) { buffer, initialized in
            let out = buffer.baseAddress!
            _ = Parallel.map(groups.count) { g in
                for segment in segments[groups[g]] {
                    sources[segment.chunk].withUnsafeBufferPointer { source in
                        var at = segment.at
                        for r in segment.rows {
                            (out + at).initialize(to: transform(segment.chunk, source[r]))
                            at += 1
                        }
                    }
                }
            }
            initialized = n
        }
    }
}
