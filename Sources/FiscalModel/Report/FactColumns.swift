/// Facts stored as columns: what a reader of structured data (the canonical CSV) builds
/// instead of one ``Fact`` per row. Each dimension is dictionary-encoded — per row a small id
/// into the column's distinct values (-1: none), 8, 16 or 32 bits wide as the dictionary's
/// size needs (``IDColumn``) —, amounts are exact mantissas and scales,
/// and where a figure was written is a file id and a line.
///
/// Immutable once built and shared by reference: the reports of one file each hold a range
/// of the same columns (``FactList``), and the query engine's fact store takes the arrays as
/// they are instead of copying them. Every fact it holds is stated once (one mention, read as
/// ``Reading/data``, or ``Reading/derived`` when `derived`).
///
/// Numbers are held as narrow as their values allow (``IntegerColumn``: years in 16 bits,
/// the derived flag in 8, lines in 32; ``MantissaColumn``: mantissas in 64 bits when every
/// one fits), never truncated; the query engine takes these columns as they are rather than
/// converting a copy.
public final class FactColumns: Sendable {
    /// How many facts.
    public let count: Int
    public let entityIDs: IDColumn, entities: [String]
    public let years: IntegerColumn
    public let phaseIDs: IDColumn, phases: [Phase]
    public let statementIDs: IDColumn, statements: [Statement]
    public let itemIDs: IDColumn, items: [String]
    public let codeIDs: IDColumn, codes: [ClassificationCode]
    public let econIDs: IDColumn, econCodes: [ClassificationCode]
    public let fundIDs: IDColumn, funds: [Fund]
    public let measureIDs: IDColumn, measures: [Measure]
    public let unitIDs: IDColumn, units: [FactUnit]
    /// 1 for a figure fiscal derived, else 0.
    public let derived: IntegerColumn
    public let mantissas: MantissaColumn, scales: [Int8]
    /// Where each figure was written: the file (an id into ``files``) and the 1-based line.
    public let fileIDs: IDColumn, files: [String]
    public let lines: IntegerColumn
    /// Per fact, the end column of its span (the start is column 1); empty when every span is
    /// `file:line` with no columns (start and end 1).
    public let endColumns: IntegerColumn

    /// The columns as given; every per-row array holds `count` elements (``endColumns`` may
    /// be empty) and every id is -1 or an index into its dictionary. Dictionaries hold
    /// distinct values.
    public convenience init(
        entityIDs: [Int32], entities: [String], years: [Int], phaseIDs: [Int32], phases: [Phase],
        statementIDs: [Int32], statements: [Statement], itemIDs: [Int32], items: [String],
        codeIDs: [Int32], codes: [ClassificationCode], econIDs: [Int32], econCodes: [ClassificationCode],
        fundIDs: [Int32], funds: [Fund], measureIDs: [Int32], measures: [Measure], unitIDs: [Int32], units: [FactUnit],
        derived: [Int], mantissas: [Int128], scales: [Int8], fileIDs: [Int32], files: [String], lines: [Int],
        endColumns: [Int32]
    ) {
        func narrow(_ ids: [Int32]) -> IDColumn { IDColumn(narrowest: ids) }
        self.init(
            entityIDs: narrow(entityIDs), entities: entities, years: IntegerColumn(narrowest: years), phaseIDs: narrow(phaseIDs),
            phases: phases, statementIDs: narrow(statementIDs), statements: statements, itemIDs: narrow(itemIDs), items: items,
            codeIDs: narrow(codeIDs), codes: codes, econIDs: narrow(econIDs), econCodes: econCodes, fundIDs: narrow(fundIDs),
            funds: funds, measureIDs: narrow(measureIDs), measures: measures, unitIDs: narrow(unitIDs), units: units,
            derived: IntegerColumn(narrowest: derived), mantissas: MantissaColumn(narrowest: mantissas),
            scales: scales, fileIDs: narrow(fileIDs), files: files, lines: IntegerColumn(narrowest: lines),
            endColumns: IntegerColumn(narrowest: endColumns.map { Int($0) }))
    }

    /// The columns as given, numbers already in their column types (what a reader that
    /// builds them narrow gives).
    public init(
        entityIDs: IDColumn, entities: [String], years: IntegerColumn, phaseIDs: IDColumn, phases: [Phase],
        statementIDs: IDColumn, statements: [Statement], itemIDs: IDColumn, items: [String],
        codeIDs: IDColumn, codes: [ClassificationCode], econIDs: IDColumn, econCodes: [ClassificationCode],
        fundIDs: IDColumn, funds: [Fund], measureIDs: IDColumn, measures: [Measure], unitIDs: IDColumn, units: [FactUnit],
        derived: IntegerColumn, mantissas: MantissaColumn, scales: [Int8], fileIDs: IDColumn, files: [String],
        lines: IntegerColumn, endColumns: IntegerColumn
    ) {
        count = entityIDs.count
        for column in [years.count, phaseIDs.count, statementIDs.count, itemIDs.count, codeIDs.count, econIDs.count,
                       fundIDs.count, measureIDs.count, unitIDs.count, derived.count, mantissas.count, scales.count,
                       fileIDs.count, lines.count] {
            precondition(column == count, "every column of facts has one value per fact")
        }
        precondition(endColumns.isEmpty || endColumns.count == count, "end columns: none or one per fact")
        self.entityIDs = entityIDs; self.entities = entities; self.years = years
        self.phaseIDs = phaseIDs; self.phases = phases; self.statementIDs = statementIDs; self.statements = statements
        self.itemIDs = itemIDs; self.items = items; self.codeIDs = codeIDs; self.codes = codes
        self.econIDs = econIDs; self.econCodes = econCodes; self.fundIDs = fundIDs; self.funds = funds
        self.measureIDs = measureIDs; self.measures = measures; self.unitIDs = unitIDs; self.units = units
        self.derived = derived; self.mantissas = mantissas; self.scales = scales
        self.fileIDs = fileIDs; self.files = files; self.lines = lines; self.endColumns = endColumns
    }

    /// The amount of fact `i`.
    @inline(__always) public func amount(_ i: Int) -> Amount { Amount(mantissa: mantissas[i], scale: Int(scales[i])) }

    /// The span of fact `i`.
    @inline(__always) public func span(_ i: Int) -> SourceSpan {
        SourceSpan(file: files[Int(fileIDs[i])], line: lines[i], startColumn: 1,
                   endColumn: endColumns.isEmpty ? 1 : Int(endColumns[i]))
    }

    /// Fact `i`, built from the columns (with `entity` in place of its entity when given).
    public func fact(_ i: Int, entity: String? = nil) -> Fact {
        func pick<T>(_ ids: IDColumn, _ values: [T]) -> T? { ids[i] < 0 ? nil : values[Int(ids[i])] }
        return Fact(
            entity: entity ?? entities[Int(entityIDs[i])], year: years[i], phase: phases[Int(phaseIDs[i])],
            statement: statements[Int(statementIDs[i])], item: items[Int(itemIDs[i])],
            code: pick(codeIDs, codes), econCode: pick(econIDs, econCodes), fund: pick(fundIDs, funds),
            measure: measures[Int(measureIDs[i])], amount: amount(i), unit: units[Int(unitIDs[i])],
            derived: derived[i] != 0, reading: .data, span: span(i))
    }
}

/// The facts of a report: a collection of ``Fact`` values, stored either as an array or as a
/// range of shared ``FactColumns`` whose facts are built when read. Reading the columnar form
/// builds each fact on demand (nothing is kept); changing it turns it into an array first.
/// Hot paths ask ``columns`` and work on the columns instead.
public struct FactList: RandomAccessCollection, MutableCollection, RangeReplaceableCollection, ExpressibleByArrayLiteral,
    Sendable, Hashable
{
    enum Storage: Sendable {
        case array([Fact])
        /// Facts `range` of the columns; `entity`, when set, is every fact's entity (a report
        /// renamed by assembly: the columns are shared, so the name is kept beside them).
        case columns(FactColumns, range: Range<Int>, entity: String?)
    }

    var storage: Storage

    public init() { storage = .array([]) }
    public init(_ facts: [Fact]) { storage = .array(facts) }
    public init(arrayLiteral elements: Fact...) { storage = .array(elements) }
    public init<S: Sequence>(_ elements: S) where S.Element == Fact { storage = .array(Array(elements)) }

    /// Facts `range` of `columns`.
    public init(columns: FactColumns, range: Range<Int>) {
        precondition(range.lowerBound >= 0 && range.upperBound <= columns.count, "facts beyond the columns")
        storage = .columns(columns, range: range, entity: nil)
    }

    /// The columns and range the facts are, and the entity they all take instead of their own
    /// when one is set; `nil` when they are an array.
    public var columns: (columns: FactColumns, range: Range<Int>, entity: String?)? {
        if case .columns(let c, let r, let e) = storage { return (c, r, e) }
        return nil
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int {
        switch storage {
        case .array(let a): a.count
        case .columns(_, let r, _): r.count
        }
    }

    public subscript(position: Int) -> Fact {
        get {
            switch storage {
            case .array(let a): return a[position]
            case .columns(let c, let r, let e):
                precondition(position >= 0 && position < r.count, "fact index out of range")
                return c.fact(r.lowerBound + position, entity: e)
            }
        }
        set {
            var a = takeArray()
            a[position] = newValue
            storage = .array(a)
        }
        _modify {
            var a = takeArray()
            defer { storage = .array(a) }
            yield &a[position]
        }
    }

    /// The facts as an array, leaving the storage empty (no copy of an array held alone).
    private mutating func takeArray() -> [Fact] {
        switch storage {
        case .array(let a):
            storage = .array([])
            return a
        case .columns(let c, let r, let e):
            storage = .array([])
            return r.map { c.fact($0, entity: e) }
        }
    }

    public mutating func replaceSubrange<C: Collection>(_ subrange: Range<Int>, with newElements: C) where C.Element == Fact {
        var a = takeArray()
        a.replaceSubrange(subrange, with: newElements)
        storage = .array(a)
    }

    public mutating func reserveCapacity(_ n: Int) {
        var a = takeArray()
        a.reserveCapacity(n)
        storage = .array(a)
    }

    /// Every fact whose entity is `printed` takes the entity `name`. Columns stay shared when
    /// every fact has that entity (as every fact of a report read from the canonical CSV does).
    public mutating func renameEntity(_ printed: String, to name: String) {
        if case .columns(let c, let r, let e) = storage {
            if let e {
                if e == printed { storage = .columns(c, range: r, entity: name) }
                return
            }
            if r.allSatisfy({ c.entityIDs[$0] >= 0 && c.entities[Int(c.entityIDs[$0])] == printed }) {
                storage = .columns(c, range: r, entity: name)
                return
            }
            if !r.contains(where: { c.entityIDs[$0] >= 0 && c.entities[Int(c.entityIDs[$0])] == printed }) { return }
        }
        for f in indices where self[f].entity == printed { self[f].entity = name }
    }

    /// When the facts are columns that all have `year` and `phase`, `true`; `false` when that is
    /// not known without reading them.
    public func allHave(year: Int, phase: Phase) -> Bool {
        guard case .columns(let c, let r, _) = storage else { return false }
        return r.allSatisfy { c.years[$0] == year && c.phases[Int(c.phaseIDs[$0])] == phase }
    }

    public static func == (lhs: FactList, rhs: FactList) -> Bool {
        if case .columns(let a, let ra, let ea) = lhs.storage, case .columns(let b, let rb, let eb) = rhs.storage,
           a === b, ra == rb, ea == eb {
            return true
        }
        return lhs.count == rhs.count && lhs.elementsEqual(rhs)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for f in self { hasher.combine(f) }
    }
}

extension FactColumns {
    /// Whether two facts of `range` may be one cell (``FactKey``), so that folding them could
    /// change anything: their keys without the fund are compared (a fact without a fund may
    /// fold into one with a fund), on the ids, without building a fact.
    ///
    /// A first pass mixes each key into 64 bits in an open-addressing table: distinct mixes
    /// are distinct keys, so a range without a repeated mix (nearly every one) is answered
    /// there, at a few nanoseconds a fact; a repeated mix is checked key by key
    /// (``mayFoldComparingKeys(_:)``), so the answer is always exact.
    public func mayFold(_ range: Range<Int>) -> Bool {
        guard range.count > 1 else { return false }
        var lines = FoldLines(self)
        var capacity = 8
        while capacity < range.count * 2 { capacity <<= 1 }
        var table = [UInt64](repeating: 0, count: capacity)
        let mask = capacity - 1
        @inline(__always) func mix(_ h: UInt64, _ x: Int) -> UInt64 {
            var m = (h ^ UInt64(bitPattern: Int64(x))) &* 0x9E37_79B9_7F4A_7C15
            m ^= m >> 29
            return m
        }
        for i in range {
            let (kind, line) = lines.line(i)
            var h: UInt64 = 0x243F_6A88_85A3_08D3
            h = mix(h, Int(entityIDs[i])); h = mix(h, years[i]); h = mix(h, Int(phaseIDs[i]))
            h = mix(h, Int(statementIDs[i])); h = mix(h, Int(measureIDs[i])); h = mix(h, Int(kind)); h = mix(h, Int(line))
            h = mix(h, Int(econIDs[i])); h = mix(h, Int(lines.unitClass[Int(unitIDs[i])])); h = mix(h, derived[i])
            if h == 0 { h = 1 }
            var slot = Int(truncatingIfNeeded: h >> 17) & mask
            while table[slot] != 0 {
                if table[slot] == h { return mayFoldComparingKeys(range) }
                slot = (slot + 1) & mask
            }
            table[slot] = h
        }
        return false
    }

    /// ``mayFold(_:)`` by comparing the keys themselves.
    func mayFoldComparingKeys(_ range: Range<Int>) -> Bool {
        struct Key: Hashable {
            var entity: Int32, year: Int, phase: Int32, statement: Int32, measure: Int32
            var lineKind: Int8, line: Int32, econ: Int32, countUnit: Int32, derived: Int
        }
        var lines = FoldLines(self)
        var seen = Set<Key>()
        seen.reserveCapacity(range.count)
        for i in range {
            let (kind, line) = lines.line(i)
            let unitClass = lines.unitClass[Int(unitIDs[i])]
            let key = Key(entity: entityIDs[i], year: years[i], phase: phaseIDs[i], statement: statementIDs[i],
                          measure: measureIDs[i], lineKind: kind, line: line, econ: econIDs[i], countUnit: unitClass,
                          derived: derived[i])
            if !seen.insert(key).inserted { return true }
        }
        return false
    }

    /// What the keys of ``mayFold(_:)`` take from a fact beyond its ids: its line (its code,
    /// else its economic code, else its item's stem, numbered as met) and its unit's class.
    private struct FoldLines {
        let columns: FactColumns
        /// Per unit id: -1 for money (a sum in 万元 and one in 元 are one line), else the id.
        let unitClass: [Int32]
        var stemIDs: [Int32: Int32] = [:]
        var stems: [String: Int32] = [:]

        init(_ columns: FactColumns) {
            self.columns = columns
            unitClass = columns.units.indices.map { columns.units[$0].isMoney ? -1 : Int32($0) }
        }

        /// The kind of line (0 code, 1 economic code, 2 item) and its id.
        mutating func line(_ i: Int) -> (kind: Int8, line: Int32) {
            if columns.codeIDs[i] >= 0 { return (0, columns.codeIDs[i]) }
            if columns.econIDs[i] >= 0 { return (1, columns.econIDs[i]) }
            let item = columns.itemIDs[i]
            if let known = stemIDs[item] { return (2, known) }
            let stem = FactKey.itemStem(columns.items[Int(item)])
            let id = stems[stem] ?? Int32(stems.count)
            stems[stem] = id
            stemIDs[item] = id
            return (2, id)
        }
    }

    /// The first fact of `range` outside the bounds ``Report/boundsViolation`` names, with why.
    func boundsViolation(_ range: Range<Int>) -> (span: SourceSpan?, message: String)? {
        for i in range {
            let value = self.amount(i)
            if !value.withinModelBounds {
                return (span(i), "expected an amount of at most \(Amount.maximumIntegerDigits) digits before the point and \(Amount.maximumFileScale) after, found \(value)")
            }
            if !Fact.years.contains(years[i]) {
                return (span(i), "expected a year from \(Fact.years.lowerBound) to \(Fact.years.upperBound), found \(years[i])")
            }
            if lines[i] < 1 || (!endColumns.isEmpty && endColumns[i] < 1), let problem = span(i).problem {
                return (span(i), problem)
            }
        }
        return nil
    }
}
