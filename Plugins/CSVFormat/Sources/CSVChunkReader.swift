import FiscalFormat
import FiscalModel

/// Reads the rows of one chunk of a CSV file into columns of facts (no ``Fact`` per row). Each text column goes through its own
/// ``ByteInterner``, so a value met before costs a hash of its bytes, and what follows from it
/// (a code checked, a measure normalised, a phase named) is worked out once per distinct value.
struct CSVChunkReader {
    let bytes: UnsafeBufferPointer<UInt8>
    let base: UnsafePointer<UInt8>
    let layout: CSVLayout
    let path: String
    var result = CSVChunkResult()

    var entities = ByteInterner(), phases = ByteInterner(), statements = ByteInterner(), items = ByteInterner()
    var codes = ByteInterner(), econCodes = ByteInterner(), funds = ByteInterner(), measures = ByteInterner()
    var units = ByteInterner(), deriveds = ByteInterner(), files = ByteInterner()
    var phaseValues: [Phase?] = []
    var codeValues: [ClassificationCode?] = [], econValues: [ClassificationCode?] = []
    var fundValues: [Fund?] = []
    var statementValues: [Statement] = []
    var derivedValues: [Bool?] = []
    /// Per measure id, the id of its measure in a 决算 and in a 预算 (a printed name normalises
    /// per phase) in ``CSVChunkResult/measures``; -1 until met.
    var measureSlots: [(final: Int32, budget: Int32, empty: Bool)] = []
    var measureIDs: [Measure: Int32] = [:]
    var unitIDs: [String: Int32] = [:]
    /// Per id of ``units``, the id of its unit in ``CSVChunkResult/units`` when the amount names
    /// none (-1 until met): a row's unit costs an array read, not a `String` hashed (its
    /// Unicode normalisation took 6% of a load).
    var unitSlots: [Int32] = []
    /// Per id of ``files``, the id of the file a span names (the CSV itself for an empty one),
    /// and whether the row names one.
    var fileSlots: [Int32] = [], fileNamed: [Bool] = []
    /// Per id of ``entities`` and ``statements``: whether the value is empty.
    var entityEmpty: [Bool] = [], statementEmpty: [Bool] = []
    /// Per id of ``codes``, ``econCodes`` and ``funds``: what the column stores (``classify(_:_:_:)``).
    var codeSlots: [Int32] = [], econSlots: [Int32] = [], fundSlots: [Int32] = []
    var fileIDs: [String: Int32] = [:]
    /// The ids of 预算 and 决算 in ``CSVChunkResult/phases``; -1 until met.
    var phaseIDs: [Int32] = [-1, -1]
    var lastRun: (entity: Int32, year: Int, phase: Phase)?
    /// Whether the reader checks that the bytes are text as it reads them (``RowCheck``), in
    /// place of a pass before it: then its lines are counted from 0 and a row's own line is kept
    /// as `-(line + 1)`, until ``CSVChunkResult/placeLines(at:)`` knows where the chunk starts.
    var checking = false

    init(bytes: UnsafeBufferPointer<UInt8>, layout: CSVLayout, path: String) {
        self.bytes = bytes
        self.base = bytes.baseAddress ?? UnsafePointer(bitPattern: 1)!
        self.layout = layout
        self.path = path
    }

    /// Reads the records of `start..<end` (which starts on a record on line `line`). `lineEnds`:
    /// how many line ends the bytes hold, when the caller has counted them; else `capacity`,
    /// how many rows the columns make room for at first.
    mutating func read(_ start: Int, _ end: Int, line: Int, lineEnds: Int? = nil, capacity: Int? = nil) {
        // At most one row per line end (and one after the last): with the line ends counted,
        // the columns are made that size once, without the spare room growing by doubling
        // leaves; a checking reader's `capacity` is a guess from the rows before, and they grow
        // past it only when it was short.
        if end > start {
            result.columns.reserve(capacity ?? (lineEnds ?? CSVBytes.lineEnds(UnsafeBufferPointer(rebasing: bytes[start..<end]))) + 1)
        }
        var scanner = CSVScanner(bytes: bytes, position: start, end: end, line: line)
        var fields = CSVFields(capacity: layout.count + 1)
        do {
            while let record = try scanner.next(&fields) {
                if checking, scanner.sawQuote { result.sawQuote = true; return }
                row(record, fields, scanner)
                if result.notText { return }
            }
        } catch {
            if checking, scanner.sawQuote { result.sawQuote = true; return }
            result.syntaxError = error
        }
        result.lineEnds = scanner.line - line
    }

    /// A field's trimmed bytes as an id of `interner` (the empty text's when the column is
    /// absent). Static, like the helpers below: a method on the reader, called with one of its own
    /// interners `inout`, made Swift copy the whole reader for every field (half the load time
    /// went to retains and releases).
    @inline(__always)
    static func field(_ base: UnsafePointer<UInt8>, _ column: Int, _ fields: CSVFields, _ scanner: CSVScanner, _ interner: inout ByteInterner, _ check: inout RowCheck) -> Int32 {
        guard column >= 0, column < fields.count else { return interner.id(base, 0, 0) }
        let f = fields[column]
        if f.quoted {
            let raw = scanner.unquoted(f)
            return raw.withUnsafeBufferPointer { b in
                guard let p = b.baseAddress else { return interner.id(base, 0, 0) }
                let (s, e) = CSVBytes.trimmed(p, 0, b.count)
                return interner.id(p, s, e)
            }
        }
        let (s, e) = CSVBytes.trimmed(base, f.start, f.end)
        let id = interner.id(base, s, e)
        if s == f.start, e == f.end { check.note(column, interner.info[Int(id)]) }
        return id
    }

    /// A field's trimmed text, for numbers and messages.
    static func text(_ column: Int, _ fields: CSVFields, _ scanner: CSVScanner) -> String {
        guard column >= 0, column < fields.count else { return "" }
        return CSVFormat.string(fields[column], scanner).trimmingSpaces
    }

    /// Whether a field is absent or white space only.
    @inline(__always)
    static func isEmpty(_ base: UnsafePointer<UInt8>, _ column: Int, _ fields: CSVFields, _ scanner: CSVScanner, _ check: inout RowCheck) -> Bool {
        guard column >= 0, column < fields.count else { return true }
        if fields[column].quoted { return text(column, fields, scanner).isEmpty }
        if fields[column].start == fields[column].end { check.note(column, 0) }
        let (s, e) = CSVBytes.trimmed(base, fields[column].start, fields[column].end)
        return s == e
    }

    /// A plain number (`-12.5`): its digits read straight into a mantissa; `nil` for anything
    /// else (thousands separators, units, full-width digits go through ``Amount/parse(_:)``).
    @inline(__always)
    static func plainAmount(_ base: UnsafePointer<UInt8>, _ column: Int, _ fields: CSVFields, _ check: inout RowCheck) -> Amount? {
        guard column >= 0, column < fields.count, !fields[column].quoted else { return nil }
        let (s, e) = CSVBytes.trimmed(base, fields[column].start, fields[column].end)
        var i = s
        var negative = false
        if i < e, base[i] == 0x2D || base[i] == 0x2B {
            negative = base[i] == 0x2D
            i += 1
        }
        var mantissa: Int64 = 0, digits = 0, scale = 0, point = false
        while i < e {
            let c = base[i]
            if c >= 0x30 && c <= 0x39 {
                mantissa = mantissa &* 10 &+ Int64(c &- 0x30)
                digits += 1
                if point { scale += 1 }
            } else if c == 0x2E && !point {
                point = true
            } else {
                return nil
            }
            i += 1
        }
        guard digits > 0, digits <= 18, !(point && scale == 0) else { return nil }
        if s == fields[column].start, e == fields[column].end { check.note(column, 0) }  // ASCII
        return Amount(mantissa: Int128(negative ? -mantissa : mantissa), scale: scale)
    }

    /// A whole number (`2020`) read from the bytes; `nil` for anything else.
    @inline(__always)
    static func integer(_ base: UnsafePointer<UInt8>, _ column: Int, _ fields: CSVFields, _ scanner: CSVScanner, _ check: inout RowCheck) -> Int? {
        guard column >= 0, column < fields.count else { return nil }
        if fields[column].quoted { return Int(text(column, fields, scanner)) }
        let (s, e) = CSVBytes.trimmed(base, fields[column].start, fields[column].end)
        guard e > s, e - s <= 18 else { return e > s ? Int(text(column, fields, scanner)) : nil }
        var i = s
        var negative = false
        if base[i] == 0x2D || base[i] == 0x2B {
            negative = base[i] == 0x2D
            i += 1
        }
        guard i < e else { return nil }
        var n = 0
        while i < e {
            let c = base[i]
            guard c >= 0x30 && c <= 0x39 else { return nil }
            n = n * 10 + Int(c - 0x30)
            i += 1
        }
        if s == fields[column].start, e == fields[column].end { check.note(column, 0) }  // ASCII
        return negative ? -n : n
    }

    mutating func row(_ record: CSVScanner.Record, _ fields: CSVFields, _ scanner: CSVScanner) {
        if fields.count == 1, CSVFormat.isBlank(fields, scanner) {
            if checking, CSVBytes.textInfo(base, fields[0].start, fields[0].end) == CSVBytes.notText { result.notText = true }
            return
        }
        result.rows += 1
        var check = RowCheck()
        func bad(_ message: Message) { result.errors.append(FormatError(file: path, line: record.line, message)) }
        guard fields.count == layout.count else {
            bad(Message(.csvFieldCount, "\(layout.count)", "\(fields.count)"))
            return
        }
        // Every check below reads what was worked out once for the field's value (by its id):
        // a row reads no `String` (copying one out of a table cost a retain and a release).
        let entityID = Self.field(base, layout.entity, fields, scanner, &entities, &check)
        while entityEmpty.count < entities.strings.count { entityEmpty.append(entities.strings[entityEmpty.count].isEmpty) }
        guard !entityEmpty[Int(entityID)] else { bad(Message(.csvNoEntity)); return }
        guard let year = Self.integer(base, layout.year, fields, scanner, &check), (1900...2200).contains(year) else {
            bad(Message(.csvBadYear, Self.text(layout.year, fields, scanner))); return
        }
        let phaseID = Int(Self.field(base, layout.phase, fields, scanner, &phases, &check))
        while phaseValues.count < phases.strings.count { phaseValues.append(Phase(name: phases.strings[phaseValues.count])) }
        guard let phase = phaseValues[phaseID] else {
            bad(Message(.csvBadPhase, phases.strings[phaseID])); return
        }
        let statementID = Int(Self.field(base, layout.statement, fields, scanner, &statements, &check))
        while statementValues.count < statements.strings.count {
            let name = statements.strings[statementValues.count]
            statementValues.append(Statement(rawValue: name))
            statementEmpty.append(name.isEmpty)
        }
        guard !statementEmpty[statementID] else { bad(Message(.csvNoStatement)); return }
        let unitID = Int(Self.field(base, layout.unit, fields, scanner, &units, &check))
        var amount: Amount
        var writtenUnit: MoneyUnit?
        if let plain = Self.plainAmount(base, layout.amount, fields, &check) {
            amount = plain
        } else {
            guard let parsed = Amount.parse(Self.text(layout.amount, fields, scanner)) else {
                bad(Message(.csvBadAmount, Self.text(layout.amount, fields, scanner))); return
            }
            amount = parsed.amount
            writtenUnit = parsed.unit
        }
        guard amount.withinModelBounds else {
            bad(Message(.csvAmountDigits, "\(Amount.maximumIntegerDigits)", "\(Amount.maximumFileScale)", Self.text(layout.amount, fields, scanner))); return
        }
        if let written = writtenUnit {
            let unitText = units.strings[unitID]
            if !unitText.isEmpty, written.rawValue != unitText {
                bad(Message(.csvAmountUnit, unitText, Self.text(layout.amount, fields, scanner), written.rawValue)); return
            }
        }
        let codeID = Int(Self.field(base, layout.code, fields, scanner, &codes, &check))
        Self.classify(codes, &codeValues, &codeSlots)
        guard codeSlots[codeID] != Self.badCode else { bad(Message(.csvBadCode, codes.strings[codeID])); return }
        let econID = Int(Self.field(base, layout.econCode, fields, scanner, &econCodes, &check))
        Self.classify(econCodes, &econValues, &econSlots)
        guard econSlots[econID] != Self.badCode else { bad(Message(.csvBadEconCode, econCodes.strings[econID])); return }
        let derivedID = Int(Self.field(base, layout.derived, fields, scanner, &deriveds, &check))
        while derivedValues.count < deriveds.strings.count {
            switch deriveds.strings[derivedValues.count].lowercased() {
            case "", "false", "0", "no": derivedValues.append(false)
            case "true", "1", "yes": derivedValues.append(true)
            default: derivedValues.append(nil)
            }
        }
        guard let derived = derivedValues[derivedID] else {
            bad(Message(.csvBadDerived, deriveds.strings[derivedID])); return
        }
        let fileID = Int(Self.field(base, layout.file, fields, scanner, &files, &check))
        while fileSlots.count < files.strings.count {
            let name = files.strings[fileSlots.count]
            fileSlots.append(Self.id(of: name.isEmpty ? path : name, in: &fileIDs, &result.files))
            fileNamed.append(!name.isEmpty)
        }
        var spanLine: Int?
        if fileNamed[fileID] || !Self.isEmpty(base, layout.line, fields, scanner, &check) {
            guard let line = Self.integer(base, layout.line, fields, scanner, &check), line >= 1 else {
                bad(Message(.csvBadLine, Self.text(layout.line, fields, scanner))); return
            }
            spanLine = line
        }
        var measureID = Int(Self.field(base, layout.measure, fields, scanner, &measures, &check))
        while measureSlots.count < measures.strings.count { measureSlots.append((-1, -1, measures.strings[measureSlots.count].isEmpty)) }
        if measureSlots[measureID].empty, layout.column >= 0 {
            measureID = Int(Self.field(base, layout.column, fields, scanner, &measures, &check))
            while measureSlots.count < measures.strings.count { measureSlots.append((-1, -1, measures.strings[measureSlots.count].isEmpty)) }
        }
        var measure = phase == .final ? measureSlots[measureID].final : measureSlots[measureID].budget
        if measure < 0 {
            let value = measureSlots[measureID].empty ? Measure.total : Measure(printed: measures.strings[measureID], phase: phase)
            measure = Self.id(of: value, in: &measureIDs, &result.measures)
            if phase == .final { measureSlots[measureID].final = measure } else { measureSlots[measureID].budget = measure }
        }
        let fundID = Int(Self.field(base, layout.fund, fields, scanner, &funds, &check))
        while fundValues.count < funds.strings.count {
            let name = funds.strings[fundValues.count]
            let fund = name.isEmpty ? nil : Fund(rawValue: name)
            fundSlots.append(fund == nil ? -1 : Int32(fundValues.count))
            fundValues.append(fund)
        }
        let unit: Int32
        if writtenUnit == nil, unitID < unitSlots.count, unitSlots[unitID] >= 0 {
            unit = unitSlots[unitID]
        } else {
            let name = unitName(unitID, written: writtenUnit)
            if let known = unitIDs[name] {
                unit = known
            } else {
                unit = Int32(result.units.count)
                unitIDs[name] = unit
                result.units.append(FactUnit(name: name))
            }
            if writtenUnit == nil {
                while unitSlots.count <= unitID { unitSlots.append(-1) }
                unitSlots[unitID] = unit
            }
        }
        let itemID = Self.field(base, layout.item, fields, scanner, &items, &check)
        check.finish(base, fields)
        if checking, !check.text { result.notText = true; return }
        let endColumn: Int32
        if spanLine == nil {
            // The row itself, as ``SourceText/span(line:)`` gives it: its whole first line.
            endColumn = Int32(clamping: check.characters(base, record) + 1)
            spanLine = checking ? -(record.line + 1) : record.line
        } else {
            endColumn = 1
        }
        let row = result.columns.count
        result.columns.entity.append(entityID)
        result.columns.year.append(Int16(year))
        let phaseSlot = phase == .final ? 1 : 0
        if phaseIDs[phaseSlot] < 0 { phaseIDs[phaseSlot] = Int32(result.phases.count); result.phases.append(phase) }
        result.columns.phase.append(phaseIDs[phaseSlot])
        result.columns.statement.append(Int32(statementID))
        result.columns.item.append(itemID)
        result.columns.code.append(codeSlots[codeID])
        result.columns.econ.append(econSlots[econID])
        result.columns.fund.append(fundSlots[fundID])
        result.columns.measure.append(measure)
        result.columns.unit.append(unit)
        result.columns.derived.append(derived ? 1 : 0)
        result.columns.mantissa.append(amount.mantissa)
        result.columns.scale.append(Int8(amount.scale))
        result.columns.file.append(fileSlots[fileID])
        result.columns.line.append(spanLine!)
        result.columns.endColumn.append(endColumn)
        if let last = lastRun, last.entity == entityID, last.year == year, last.phase == phase {
            result.runs[result.runs.count - 1].rows = result.runs[result.runs.count - 1].rows.lowerBound..<(row + 1)
        } else {
            lastRun = (entityID, year, phase)
            let key = CSVReportKey(entity: entities.strings[Int(entityID)], year: year, phase: phase)
            result.runs.append(CSVRun(key: key, unitName: unitName(unitID, written: writtenUnit), rows: row..<(row + 1)))
        }
    }

    /// A row's unit: the `unit` field, else the unit its amount names, else 万元.
    func unitName(_ unitID: Int, written: MoneyUnit?) -> String {
        let text = units.strings[unitID]
        return text.isEmpty ? (written?.rawValue ?? MoneyUnit.wanYuan.rawValue) : text
    }

    /// What a code column stores for a value that is no code: ``badCode`` fails the row.
    static let badCode: Int32 = -2

    /// Codes met since the last call classified: per id of `interner`, the code (`nil` when
    /// empty or bad) and what the column stores (the id; -1 when empty; ``badCode``).
    @inline(__always)
    static func classify(_ interner: ByteInterner, _ values: inout [ClassificationCode?], _ slots: inout [Int32]) {
        while values.count < interner.strings.count {
            let text = interner.strings[values.count]
            let code = ClassificationCode(rawValue: text)
            slots.append(code != nil ? Int32(values.count) : text.isEmpty ? -1 : badCode)
            values.append(code)
        }
    }

    /// The id of `value` in `values` (added when new), found through `ids`.
    static func id<T: Hashable>(of value: T, in ids: inout [T: Int32], _ values: inout [T]) -> Int32 {
        if let known = ids[value] { return known }
        let id = Int32(values.count)
        ids[value] = id
        values.append(value)
        return id
    }

    /// The reader's result with its dictionaries (once every row is read).
    mutating func finish() -> CSVChunkResult {
        result.entities = entities.strings
        result.statements = statementValues
        result.items = items.strings
        result.codes = codeValues
        result.econCodes = econValues
        result.funds = fundValues
        return result
    }
}
