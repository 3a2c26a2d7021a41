import FiscalModel

/// Every fact of the loaded reports in columns (the columns of ``FactTable``), built once
/// per set of reports so that queries over millions of facts do not touch a `Fact` per row.
struct FactStore {
    var columns: [FrameColumn]
    /// The span of every mention of every fact: fact `p`'s are
    /// `spans[mentionOffsets[p]..<mentionOffsets[p + 1]]`, its first mention first. Over
    /// shared ``FactColumns`` the pool works each span out from the columns when it is asked
    /// for (a span held per fact would cost some 40 bytes a fact).
    var spans: SpanPool
    /// Per fact, where its mentions start in ``spans`` (and one past the end); empty when every
    /// fact has one mention (fact `p`'s span is then `spans[p]`).
    var mentionOffsets: [Int32]
    var count: Int
    /// How many facts are disputed (their mentions disagree).
    var disputedCount: Int
    /// Per fact, an id of its (entity, year, phase, statement, fund, column): the facts that
    /// can be parts of one another's totals share it.
    var contextIDs: IDColumn
    var contextCount: Int
    /// The item name each code is written with (the latest year's), for names of codes.
    var itemNameByCode: [String: String]
    /// What queries work out from the facts alone, kept once worked out (FactStore+Analysis.swift).
    private(set) var analysis = FactStoreAnalysis()

    static let statementColumn = 3, codeColumn = 5, amountColumn = 9, unitColumn = 10

    /// The text columns, by index into ``FactTable/columns``.
    static let textColumns = [0, 2, 3, 4, 5, 6, 7, 8, 10, 12]

    /// The store of every fact of `reports`. Runs of reports (about equal in facts) are put into
    /// columns on their own threads, each with its own dictionaries; the dictionaries are then
    /// merged run by run, which gives every string the id a single pass gives it (the order
    /// of first use), and the ids are rewritten on all threads.
    init(_ reports: [Report], threads: Int = Parallel.threadCount, minimumFactsPerThread: Int = 65_536) {
        if let columns = FactStore.sharedColumns(reports) {
            self = FactStore(sharing: columns, threads: threads, minimumFactsPerThread: minimumFactsPerThread)
            return
        }
        let n = reports.reduce(0) { $0 + $1.facts.count }
        // Runs of whole reports, about n / parts facts each.
        let parts = threads <= 1 || n < 2 * minimumFactsPerThread ? 1 : threads * 2
        var runs: [Range<Int>] = []
        var begin = 0, acc = 0
        for (i, r) in reports.enumerated() {
            acc += r.facts.count
            if acc * parts >= n * (runs.count + 1) || i == reports.count - 1 {
                runs.append(begin..<(i + 1))
                begin = i + 1
            }
        }
        let pieces = Parallel.map(runs.count, threads: threads) { k in FactStore.Piece(reports[runs[k]]) }

        // Dictionaries merged piece by piece: per piece, its local ids' global ids.
        var text = [Interner](repeating: Interner(), count: FactTable.columns.count)
        var remaps = [[[Int32]]](repeating: [], count: pieces.count)
        for (k, piece) in pieces.enumerated() {
            remaps[k] = [[Int32]](repeating: [], count: FactTable.columns.count)
            for c in FactStore.textColumns {
                remaps[k][c] = piece.text[c].dictionary.map { text[c].id($0) }
            }
        }
        // Contexts numbered in the order of first use, as ids of global strings.
        var contexts: [ContextKey: Int32] = [:]
        var contextRemaps: [[Int32]] = []
        for (k, piece) in pieces.enumerated() {
            contextRemaps.append(piece.contexts.map { local in
                func g(_ c: Int, _ id: Int32) -> Int32 { id < 0 ? id : remaps[k][c][Int(id)] }
                let key = ContextKey(entity: g(0, local.entity), year: local.year, phase: g(2, local.phase),
                                     statement: g(3, local.statement), fund: g(7, local.fund), column: g(8, local.column))
                if let known = contexts[key] { return known }
                let id = Int32(contexts.count)
                contexts[key] = id
                return id
            })
        }
        var names: [String: (Int, String)] = [:]
        for piece in pieces {
            for (code, entry) in piece.names where names[code].map({ $0.0 <= entry.0 }) ?? true { names[code] = entry }
        }

        // The columns: each piece's rows rewritten to global ids at its offset, on all threads.
        var offsets = [0]
        for piece in pieces { offsets.append(offsets.last! + piece.count) }
        let multiMention = pieces.contains { $0.multiMention }
        var textIDs = [[Int32]](repeating: [], count: FactTable.columns.count)
        for c in FactStore.textColumns { textIDs[c] = [Int32](repeating: -1, count: n) }
        var years = [Int](repeating: 0, count: n), lines = [Int](repeating: 0, count: n)
        var derived = [Int](repeating: 0, count: n), disputed = [Int](repeating: 0, count: n)
        var mantissas = [Int128](repeating: 0, count: n), scales = [Int8](repeating: 0, count: n)
        var contextIDs = [Int32](repeating: 0, count: n)
        for c in FactStore.textColumns {
            textIDs[c].withUnsafeMutableBufferPointer { out in
                _ = Parallel.map(pieces.count, threads: threads) { k in
                    let remap = remaps[k][c]
                    for (i, id) in pieces[k].text[c].column.enumerated() { out[offsets[k] + i] = id < 0 ? -1 : remap[Int(id)] }
                }
            }
        }
        contextIDs.withUnsafeMutableBufferPointer { out in
            _ = Parallel.map(pieces.count, threads: threads) { k in
                for (i, id) in pieces[k].contextIDs.enumerated() { out[offsets[k] + i] = contextRemaps[k][Int(id)] }
            }
        }
        for (k, piece) in pieces.enumerated() {
            let o = offsets[k]
            years.replaceSubrange(o..<(o + piece.count), with: piece.years)
            lines.replaceSubrange(o..<(o + piece.count), with: piece.lines)
            derived.replaceSubrange(o..<(o + piece.count), with: piece.derived)
            disputed.replaceSubrange(o..<(o + piece.count), with: piece.disputed)
            mantissas.replaceSubrange(o..<(o + piece.count), with: piece.mantissas)
            scales.replaceSubrange(o..<(o + piece.count), with: piece.scales)
        }
        var spans: [SourceSpan] = []
        spans.reserveCapacity(pieces.reduce(0) { $0 + $1.spans.count })
        var mentionOffsets: [Int32] = []
        if multiMention { mentionOffsets.reserveCapacity(n + 1); mentionOffsets.append(0) }
        for piece in pieces {
            if multiMention {
                let base = Int32(spans.count)
                for i in 0..<piece.count { mentionOffsets.append(base + piece.mentionEnds[i]) }
            }
            spans.append(contentsOf: piece.spans)
        }

        columns = FactTable.columns.enumerated().map { c, column in
            let storage: Storage
            switch column.name {
            case "year": storage = .integer(IntegerColumn(narrowest: years))
            case "line": storage = .integer(IntegerColumn(narrowest: lines))
            case "derived": storage = .integer(IntegerColumn(narrowest: derived))
            case "disputed": storage = .integer(IntegerColumn(narrowest: disputed))
            case "amount": storage = .amount(mantissas: MantissaColumn(narrowest: mantissas), scales: scales)
            default: storage = .text(ids: IDColumn(narrowest: textIDs[c]), dictionary: text[c].dictionary)
            }
            return FrameColumn(name: column.name, type: column.type, storage: storage)
        }
        self.spans = SpanPool(spans)
        self.mentionOffsets = mentionOffsets
        self.disputedCount = pieces.reduce(0) { $0 + $1.disputedCount }
        self.count = n
        self.contextIDs = IDColumn(narrowest: contextIDs)
        self.contextCount = contexts.count
        self.itemNameByCode = names.mapValues(\.1)
    }

    /// The columns of a run of reports, with ids local to it.
    struct Piece {
        var text = [Interner](repeating: Interner(), count: FactTable.columns.count)
        var years: [Int] = [], lines: [Int] = [], derived: [Int] = [], disputed: [Int] = []
        var mantissas: [Int128] = [], scales: [Int8] = []
        /// Every mention's span, fact by fact; per fact, where its mentions end in ``spans``.
        var spans: [SourceSpan] = []
        var mentionEnds: [Int32] = []
        var multiMention = false
        var disputedCount = 0
        /// The contexts in the order of first use (local text ids), and each fact's.
        var contexts: [ContextKey] = []
        var contextIDs: [Int32] = []
        var names: [String: (Int, String)] = [:]
        var count = 0

        init(_ reports: ArraySlice<Report>) {
            let n = reports.reduce(0) { $0 + $1.facts.count }
            count = n
            for c in FactStore.textColumns { text[c].column.reserveCapacity(n) }
            years.reserveCapacity(n); lines.reserveCapacity(n); derived.reserveCapacity(n); disputed.reserveCapacity(n)
            mantissas.reserveCapacity(n); scales.reserveCapacity(n); spans.reserveCapacity(n); mentionEnds.reserveCapacity(n)
            contextIDs.reserveCapacity(n)
            var numbering = KeyNumbering<ContextKey>()
            /// Fact by fact, the id of its context (numbered in the order of first use).
            func addContext(_ key: ContextKey) {
                contextIDs.append(numbering.id(key))
            }
            defer { contexts = numbering.keys }
            var remaps: [ObjectIdentifier: ColumnRemap] = [:]
            var bestNames: (columns: FactColumns, names: [(year: Int, item: Int32)])?
            func flushNames() {
                guard let pending = bestNames else { return }
                let (c, best) = (pending.columns, pending.names)
                for (code, entry) in best.enumerated() where entry.item >= 0 {
                    let name = c.codes[code].rawValue
                    if names[name].map({ $0.0 <= entry.year }) ?? true { names[name] = (entry.year, c.items[Int(entry.item)]) }
                }
                bestNames = nil
            }
            for report in reports {
                if case let (c, range, entity)? = report.facts.columns {
                    if bestNames.map({ $0.columns !== c }) ?? false { flushNames() }
                    if bestNames == nil { bestNames = (c, Array(repeating: (0, -1), count: c.codes.count)) }
                    var remap = remaps[ObjectIdentifier(c)] ?? ColumnRemap(c)
                    var entityOverride: Int32?
                    if let entity { entityOverride = text[0].id(entity) }
                    for i in range {
                        let entity = entityOverride ?? remap.id(0, c.entityIDs[i], &text) { c.entities[$0] }
                        text[0].column.append(entity)
                        let phase = remap.id(2, c.phaseIDs[i], &text) { c.phases[$0].rawValue }
                        text[2].column.append(phase)
                        let statement = remap.id(3, c.statementIDs[i], &text) { c.statements[$0].rawValue }
                        text[3].column.append(statement)
                        text[4].column.append(remap.id(4, c.itemIDs[i], &text) { c.items[$0] })
                        text[5].column.append(remap.id(5, c.codeIDs[i], &text) { c.codes[$0].rawValue })
                        text[6].column.append(remap.id(6, c.econIDs[i], &text) { c.econCodes[$0].rawValue })
                        let fund = remap.id(7, c.fundIDs[i], &text) { c.funds[$0].rawValue }
                        text[7].column.append(fund)
                        let measure = remap.id(8, c.measureIDs[i], &text) { c.measures[$0].rawValue }
                        text[8].column.append(measure)
                        text[10].column.append(remap.id(10, c.unitIDs[i], &text) { c.units[$0].description })
                        text[12].column.append(remap.id(12, c.fileIDs[i], &text) { c.files[$0] })
                        years.append(c.years[i]); lines.append(c.lines[i]); derived.append(c.derived[i])
                        mantissas.append(c.mantissas[i]); scales.append(c.scales[i])
                        spans.append(c.span(i))
                        mentionEnds.append(Int32(spans.count))
                        disputed.append(0)
                        let key = ContextKey(entity: entity, year: Int32(truncatingIfNeeded: c.years[i]), phase: phase,
                                             statement: statement, fund: fund, column: measure)
                        addContext(key)
                        let code = c.codeIDs[i]
                        if code >= 0, bestNames!.names[Int(code)].year <= c.years[i] || bestNames!.names[Int(code)].item < 0 {
                            bestNames!.names[Int(code)] = (c.years[i], c.itemIDs[i])
                        }
                    }
                    remaps[ObjectIdentifier(c)] = remap
                    continue
                }
                flushNames()
                for f in report.facts {
                    let entity = text[0].add(f.entity), phase = text[2].add(f.phase.rawValue)
                    let statement = text[3].add(f.statement.rawValue)
                    text[4].add(f.item); text[5].add(f.code?.rawValue); text[6].add(f.econCode?.rawValue)
                    let fund = text[7].add(f.fund?.rawValue), measure = text[8].add(f.measure.rawValue)
                    text[10].add(f.unit.description); text[12].add(f.span.file)
                    years.append(f.year); lines.append(f.span.line); derived.append(f.derived ? 1 : 0)
                    mantissas.append(f.amount.mantissa); scales.append(Int8(f.amount.scale))
                    spans.append(f.span)
                    if f.mentionCount > 1 {
                        multiMention = true
                        for m in f.otherMentions { spans.append(m.span) }
                    }
                    mentionEnds.append(Int32(spans.count))
                    let isDisputed = f.isDisputed
                    disputed.append(isDisputed ? 1 : 0)
                    if isDisputed { disputedCount += 1 }
                    let key = ContextKey(entity: entity, year: Int32(truncatingIfNeeded: f.year), phase: phase,
                                         statement: statement, fund: fund, column: measure)
                    addContext(key)
                    if let code = f.code?.rawValue, names[code].map({ $0.0 <= f.year }) ?? true {
                        names[code] = (f.year, f.item)
                    }
                }
            }
            flushNames()
        }
    }

    /// Per text column, the ids of one ``FactColumns``' dictionary in a piece's (-1: not yet).
    struct ColumnRemap {
        var ids: [[Int32]]

        init(_ c: FactColumns) {
            ids = Array(repeating: [], count: FactTable.columns.count)
            for (column, count) in [(0, c.entities.count), (2, c.phases.count), (3, c.statements.count), (4, c.items.count),
                                    (5, c.codes.count), (6, c.econCodes.count), (7, c.funds.count), (8, c.measures.count),
                                    (10, c.units.count), (12, c.files.count)] {
                ids[column] = Array(repeating: -1, count: count)
            }
        }

        /// The piece's id of `id` of column `column` (-1 stays -1), interning `name(id)` when new.
        @inline(__always)
        mutating func id(_ column: Int, _ id: Int32, _ text: inout [Interner], _ name: (Int) -> String) -> Int32 {
            guard id >= 0 else { return -1 }
            let known = ids[column][Int(id)]
            if known >= 0 { return known }
            let new = text[column].id(name(Int(id)))
            ids[column][Int(id)] = new
            return new
        }
    }

    /// The columns every report's facts are, when they are one ``FactColumns`` whole and in
    /// order (one file of the canonical CSV loaded): the store then shares its arrays.
    static func sharedColumns(_ reports: [Report]) -> FactColumns? {
        guard let first = reports.first?.facts.columns else { return nil }
        var next = 0
        for r in reports {
            guard case let (c, range, entity)? = r.facts.columns, c === first.columns, entity == nil, range.lowerBound == next else {
                return nil
            }
            next = range.upperBound
        }
        return next == first.columns.count ? first.columns : nil
    }

    /// The store of the facts of `c`, whose arrays its columns share (no copy): the dictionaries
    /// become text, spans are worked out from them when asked for, and only what the columns
    /// do not hold (contexts, the disputed flag) is built.
    init(sharing c: FactColumns, threads: Int, minimumFactsPerThread: Int) {
        let n = c.count
        let ranges = threads <= 1 ? (n == 0 ? [] : [0..<n]) : Parallel.ranges(n, minimum: minimumFactsPerThread, parts: threads * 2)
        columns = FactTable.columns.map { column in
            let storage: Storage
            switch column.name {
            case "entity": storage = .text(ids: c.entityIDs, dictionary: c.entities)
            case "year": storage = .integer(c.years)
            case "phase": storage = .text(ids: c.phaseIDs, dictionary: c.phases.map(\.rawValue))
            case "statement": storage = .text(ids: c.statementIDs, dictionary: c.statements.map(\.rawValue))
            case "item": storage = .text(ids: c.itemIDs, dictionary: c.items)
            case "code": storage = .text(ids: c.codeIDs, dictionary: c.codes.map(\.rawValue))
            case "econ_code": storage = .text(ids: c.econIDs, dictionary: c.econCodes.map(\.rawValue))
            case "fund": storage = .text(ids: c.fundIDs, dictionary: c.funds.map(\.rawValue))
            case "measure": storage = .text(ids: c.measureIDs, dictionary: c.measures.map(\.rawValue))
            case "amount": storage = .amount(mantissas: c.mantissas, scales: c.scales)
            case "unit": storage = .text(ids: c.unitIDs, dictionary: c.units.map(\.description))
            case "derived": storage = .integer(c.derived)
            case "file": storage = .text(ids: c.fileIDs, dictionary: c.files)
            case "line": storage = .integer(c.lines)
            default: storage = .integer(IntegerColumn(zeros: n))  // disputed: a fact stated once is not
            }
            return FrameColumn(name: column.name, type: column.type, storage: storage)
        }
        spans = SpanPool(columns: c)
        mentionOffsets = []
        count = n
        disputedCount = 0
        // Contexts in the order of first use: each range numbers its own in place, then they are
        // merged and the ids rewritten in place (one array of ids, not two).
        var contexts: [ContextKey: Int32] = [:]
        let contextIDs = [Int32](unsafeUninitializedCapacity: n) { buffer, initialized in
            guard let out = buffer.baseAddress else { initialized = 0; return }
            let local = Parallel.map(ranges.count, threads: threads) { k -> [ContextKey] in
                var numbering = KeyNumbering<ContextKey>()
                for i in ranges[k] {
                    (out + i).initialize(to: numbering.id(ContextKey(
                        entity: c.entityIDs[i], year: Int32(truncatingIfNeeded: c.years[i]), phase: c.phaseIDs[i],
                        statement: c.statementIDs[i], fund: c.fundIDs[i], column: c.measureIDs[i])))
                }
                return numbering.keys
            }
            let remaps = local.map { keys in
                keys.map { key -> Int32 in
                    if let id = contexts[key] { return id }
                    let id = Int32(contexts.count)
                    contexts[key] = id
                    return id
                }
            }
            _ = Parallel.map(ranges.count, threads: threads) { k in
                let remap = remaps[k]
                for i in ranges[k] { out[i] = remap[Int(out[i])] }
            }
            initialized = n
        }
        // Held as narrow as their number allows (a province's reports: 16 bits).
        self.contextIDs = IDColumn(narrowest: contextIDs)
        contextCount = contexts.count
        // The item of each code in its latest year (the later fact on a tie).
        var best = [(year: Int, item: Int32)](repeating: (0, -1), count: c.codes.count)
        for i in 0..<n {
            let code = c.codeIDs[i]
            if code >= 0, best[Int(code)].item < 0 || best[Int(code)].year <= c.years[i] { best[Int(code)] = (c.years[i], c.itemIDs[i]) }
        }
        var names: [String: String] = [:]
        for (code, entry) in best.enumerated() where entry.item >= 0 { names[c.codes[code].rawValue] = c.items[Int(entry.item)] }
        itemNameByCode = names
    }

    /// Appends the indices into ``spans`` of fact `p`'s mentions.
    @inline(__always) func appendMentions(of p: Int, to indices: inout [Int32]) {
        if mentionOffsets.isEmpty {
            indices.append(Int32(p))
        } else {
            for i in mentionOffsets[p]..<mentionOffsets[p + 1] { indices.append(i) }
        }
    }

    /// A frame over every fact.
    var frame: Frame {
        Frame(columns: columns, selection: nil, physicalCount: count, provenance: .base)
    }
}

struct ContextKey: Hashable {
    var entity: Int32, year: Int32, phase: Int32, statement: Int32, fund: Int32, column: Int32
}
