import FiscalModel
import FiscalStore

/// The assembled reports' facts as `COPY` text for the narrow tables (``PostgresLayout``):
/// `assembled_rows` a chunk at a time as the facts are visited, then the contexts, labels and
/// extra mentions met on the way. Row `seq` is the fact's place among all facts and
/// `report_id` its report's place, as in a workspace's `assembled_facts`.
final class AssembledRowWriter: @unchecked Sendable {
    static let rowColumns = ["seq", "amount_e4", "report_id", "ordinal", "context_id", "label_id", "line", "mention_count",
                             "m_label", "m_line", "m_start", "m_end", "amount_scale", "derived", "disputed", "amount_text", "m_amount"]
    static let moreMentionColumns = ["report_id", "fact_ordinal", "ordinal", "label_id", "line", "start_col", "end_col", "amount"]
    static let factsPerChunk = 20_000

    /// A fact's context. Labels are told apart by their UTF-8 (two spellings of one name stay
    /// two labels, each giving back its own text): hashing bytes is several times faster than
    /// hashing Unicode-normalised strings, which was a tenth of an import.
    struct Context: Hashable {
        var entity: String
        var year: Int
        var phase: String

        static func == (a: Context, b: Context) -> Bool { a.year == b.year && a.entity.utf8.elementsEqual(b.entity.utf8) && a.phase.utf8.elementsEqual(b.phase.utf8) }
        func hash(into h: inout Hasher) {
            h.combine(year)
            entity.hashBytes(into: &h)
            phase.hashBytes(into: &h)
        }
    }

    struct Label: Hashable {
        var statement: String
        var item: String
        var code: String?
        var econCode: String?
        var fund: String?
        var measure: String
        var unit: String
        var file: String

        var fields: [String?] { [statement, item, code, econCode, fund, measure, unit, file] }
        static func == (a: Label, b: Label) -> Bool {
            sameBytes(a.code, b.code) && sameBytes(a.item, b.item) && sameBytes(a.statement, b.statement) && sameBytes(a.econCode, b.econCode)
                && sameBytes(a.fund, b.fund) && sameBytes(a.measure, b.measure) && sameBytes(a.unit, b.unit) && sameBytes(a.file, b.file)
        }
        func hash(into h: inout Hasher) {
            statement.hashBytes(into: &h)
            item.hashBytes(into: &h)
            code.hashBytes(into: &h)
            econCode.hashBytes(into: &h)
            fund.hashBytes(into: &h)
            measure.hashBytes(into: &h)
            unit.hashBytes(into: &h)
            file.hashBytes(into: &h)
        }
    }

    struct MentionLabel: Hashable {
        var file: String
        var reading: String
        var unit: String?
        var part: String?

        static func == (a: MentionLabel, b: MentionLabel) -> Bool {
            sameBytes(a.file, b.file) && sameBytes(a.reading, b.reading) && sameBytes(a.unit, b.unit) && sameBytes(a.part, b.part)
        }
        func hash(into h: inout Hasher) {
            file.hashBytes(into: &h)
            reading.hashBytes(into: &h)
            unit.hashBytes(into: &h)
            part.hashBytes(into: &h)
        }
    }

    let reports: [Report]
    private var report = 0
    private var ordinal = 0
    /// How many facts were written.
    private(set) var written = 0
    private var contexts = Interned<Context>()
    private var labels = Interned<Label>()
    private var mentionLabels = Interned<MentionLabel>()
    private var moreMentions = CopyText()

    init(_ reports: [Report]) {
        self.reports = reports
    }

    /// The next rows of `assembled_rows`, `nil` after the last fact.
    func nextRows() -> [UInt8]? {
        var out = CopyText()
        var n = 0
        while report < reports.count && n < AssembledRowWriter.factsPerChunk {
            let facts = reports[report].facts
            guard ordinal < facts.count else {
                report += 1
                ordinal = 0
                continue
            }
            append(facts[ordinal], to: &out)
            ordinal += 1
            written += 1
            n += 1
        }
        return n == 0 ? nil : out.bytes
    }

    private func append(_ f: Fact, to out: inout CopyText) {
        let context = contexts.id(Context(entity: f.entity, year: f.year, phase: f.phase.rawValue))
        let label = labels.id(Label(statement: f.statement.rawValue, item: f.item, code: f.code?.rawValue, econCode: f.econCode?.rawValue,
                                    fund: f.fund?.rawValue, measure: f.measure.rawValue, unit: f.unit.description, file: f.span.file))
        // `amount_e4` writes the amount back exactly (same mantissa and scale) whenever it exists:
        // the text is kept only without it.
        let fixed = StoredAmount.fixed(f.amount)
        let first = f.firstMention
        let mentionLabel = mentionLabels.id(first.label)
        out.int(written)
        out.optionalInt(fixed.map(Int.init))
        out.int(report)
        out.int(ordinal)
        out.int(context)
        out.int(label)
        out.int(f.span.line)
        out.int(f.mentionCount)
        out.int(mentionLabel)
        out.optionalInt(first.span.line == f.span.line ? nil : first.span.line)
        out.int(first.span.startColumn)
        out.int(first.span.endColumn)
        out.int(f.amount.scale)
        out.int(f.derived ? 1 : 0)
        out.int(f.isDisputed ? 1 : 0)
        out.text(fixed == nil ? f.amount.description : nil)
        let sameAmount = first.amount.mantissa == f.amount.mantissa && first.amount.scale == f.amount.scale
        out.text(sameAmount ? nil : first.amount.description, last: true)
        for (j, m) in f.otherMentions.enumerated() {
            moreMentions.int(report)
            moreMentions.int(ordinal)
            moreMentions.int(j + 1)
            moreMentions.int(mentionLabels.id(m.label))
            moreMentions.int(m.span.line)
            moreMentions.int(m.span.startColumn)
            moreMentions.int(m.span.endColumn)
            moreMentions.text(m.amount.description, last: true)
        }
    }

    /// The rows of `assembled_more_mentions` (a fact's mentions after its first), once.
    func takeMoreMentions() -> [UInt8]? {
        defer { moreMentions = CopyText() }
        return moreMentions.bytes.isEmpty ? nil : moreMentions.bytes
    }

    func takeContexts() -> [UInt8]? {
        contexts.take { c, out in
            out.text(c.entity)
            out.int(c.year)
            out.text(c.phase, last: true)
        }
    }

    func takeLabels() -> [UInt8]? {
        labels.take { l, out in
            for (i, f) in l.fields.enumerated() { out.text(f, last: i == 7) }
        }
    }

    func takeMentionLabels() -> [UInt8]? {
        mentionLabels.take { m, out in
            out.text(m.file)
            out.text(m.reading)
            out.text(m.unit)
            out.text(m.part, last: true)
        }
    }
}

/// Rows in COPY's text format, as bytes: fields separated by tabs, rows ended by a newline, `\N`
/// for none, backslash escapes in text.
struct CopyText {
    var bytes: [UInt8] = []

    mutating func end(_ last: Bool) { bytes.append(last ? 0x0A : 0x09) }

    mutating func int(_ value: Int, last: Bool = false) {
        var v = value.magnitude
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        let start = bytes.count
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(v % 10))
            v /= 10
        } while v > 0
        bytes[start...].reverse()
        end(last)
    }

    mutating func optionalInt(_ value: Int?, last: Bool = false) {
        if let value { int(value, last: last) } else { none(last) }
    }

    mutating func none(_ last: Bool) {
        bytes.append(UInt8(ascii: "\\"))
        bytes.append(UInt8(ascii: "N"))
        end(last)
    }

    mutating func text(_ value: String?, last: Bool = false) {
        guard let value else { return none(last) }
        for b in value.utf8 {
            switch b {
            case UInt8(ascii: "\\"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x0A: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x09: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            default: bytes.append(b)
            }
        }
        end(last)
    }
}

func sameBytes(_ a: String?, _ b: String?) -> Bool {
    switch (a, b) {
    case (nil, nil): true
    case (let a?, let b?): a.utf8.elementsEqual(b.utf8)
    default: false
    }
}

extension Optional where Wrapped == String {
    func hashBytes(into h: inout Hasher) {
        if let s = self { s.hashBytes(into: &h) } else { h.combine(0xFF as UInt8) }
    }
}

extension String {
    /// Hashes the UTF-8 bytes (with the length, so that fields cannot run into each other).
    func hashBytes(into h: inout Hasher) {
        var s = self
        s.withUTF8 { h.combine(bytes: UnsafeRawBufferPointer($0)) }
        h.combine(utf8.count)
    }
}

/// Distinct values numbered 0, 1, … in the order first met.
struct Interned<Value: Hashable> {
    private var ids: [Value: Int] = [:]
    private var values: [Value] = []
    private var taken = false

    mutating func id(_ value: Value) -> Int {
        if let id = ids[value] { return id }
        ids[value] = values.count
        values.append(value)
        return values.count - 1
    }

    /// Every value as a COPY row (`id`, then its fields), once.
    mutating func take(_ fields: (Value, inout CopyText) -> Void) -> [UInt8]? {
        guard !taken, !values.isEmpty else { return nil }
        taken = true
        var out = CopyText()
        for (i, v) in values.enumerated() {
            out.int(i)
            fields(v, &out)
        }
        return out.bytes
    }
}

extension Mention {
    /// What a mention shares with many others: where and how it was read.
    var label: AssembledRowWriter.MentionLabel {
        AssembledRowWriter.MentionLabel(file: span.file, reading: reading.rawValue, unit: unit?.description, part: part)
    }
}
