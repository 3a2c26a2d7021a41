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

    struct Context: Hashable {
        var entity: String
        var year: Int
        var phase: String
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
    }

    struct MentionLabel: Hashable {
        var file: String
        var reading: String
        var unit: String?
        var part: String?
    }

    let reports: [Report]
    private var report = 0
    private var ordinal = 0
    /// How many facts were written.
    private(set) var written = 0
    private var contexts = Interned<Context>()
    private var labels = Interned<Label>()
    private var mentionLabels = Interned<MentionLabel>()
    private var moreMentions = ""

    init(_ reports: [Report]) {
        self.reports = reports
    }

    /// The next rows of `assembled_rows`, `nil` after the last fact.
    func nextRows() -> String? {
        var out = ""
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
        return n == 0 ? nil : out
    }

    private func append(_ f: Fact, to out: inout String) {
        let context = contexts.id(Context(entity: f.entity, year: f.year, phase: f.phase.rawValue))
        let label = labels.id(Label(statement: f.statement.rawValue, item: f.item, code: f.code?.rawValue, econCode: f.econCode?.rawValue,
                                    fund: f.fund?.rawValue, measure: f.measure.rawValue, unit: f.unit.description, file: f.span.file))
        let text = f.amount.description
        let fixed = StoredAmount.fixed(f.amount)
        // The text is kept only where the fixed-point value does not write it.
        let canonical = fixed.map { StoredAmount.fromFixed(Int128($0), scale: f.amount.scale).description == text } ?? false
        let first = f.firstMention
        let mentionLabel = mentionLabels.id(first.label)
        let mentionText = first.amount.description
        let fields: [String] = [
            String(written), fixed.map { String($0) } ?? "\\N", String(report), String(ordinal), String(context), String(label),
            String(f.span.line), String(f.mentionCount), String(mentionLabel),
            first.span.line == f.span.line ? "\\N" : String(first.span.line), String(first.span.startColumn), String(first.span.endColumn),
            String(f.amount.scale), f.derived ? "1" : "0", f.isDisputed ? "1" : "0",
            canonical ? "\\N" : AssembledRowWriter.escaped(text), mentionText == text ? "\\N" : AssembledRowWriter.escaped(mentionText),
        ]
        out += fields.joined(separator: "\t")
        out += "\n"
        for (j, m) in f.otherMentions.enumerated() {
            let more: [String] = [
                String(report), String(ordinal), String(j + 1), String(mentionLabels.id(m.label)), String(m.span.line),
                String(m.span.startColumn), String(m.span.endColumn), AssembledRowWriter.escaped(m.amount.description),
            ]
            moreMentions += more.joined(separator: "\t") + "\n"
        }
    }

    /// The rows of `assembled_more_mentions` (a fact's mentions after its first), once.
    func takeMoreMentions() -> String? {
        defer { moreMentions = "" }
        return moreMentions.isEmpty ? nil : moreMentions
    }

    func takeContexts() -> String? {
        contexts.take { c in [AssembledRowWriter.escaped(c.entity), String(c.year), AssembledRowWriter.escaped(c.phase)] }
    }

    func takeLabels() -> String? {
        labels.take { l in
            [AssembledRowWriter.escaped(l.statement), AssembledRowWriter.escaped(l.item), AssembledRowWriter.escaped(l.code),
             AssembledRowWriter.escaped(l.econCode), AssembledRowWriter.escaped(l.fund), AssembledRowWriter.escaped(l.measure),
             AssembledRowWriter.escaped(l.unit), AssembledRowWriter.escaped(l.file)]
        }
    }

    func takeMentionLabels() -> String? {
        mentionLabels.take { m in
            [AssembledRowWriter.escaped(m.file), AssembledRowWriter.escaped(m.reading), AssembledRowWriter.escaped(m.unit),
             AssembledRowWriter.escaped(m.part)]
        }
    }

    /// A value in COPY's text format: `\N` for none, backslash escapes for the rest.
    static func escaped(_ s: String?) -> String {
        guard let s else { return "\\N" }
        guard s.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 < 0x20 }) else { return s }
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
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

    /// Every value as a COPY row (`id`, then `fields`), once.
    mutating func take(_ fields: (Value) -> [String]) -> String? {
        guard !taken, !values.isEmpty else { return nil }
        taken = true
        var out = ""
        for (i, v) in values.enumerated() {
            out += ([String(i)] + fields(v)).joined(separator: "\t") + "\n"
        }
        return out
    }
}

extension Mention {
    /// What a mention shares with many others: where and how it was read.
    var label: AssembledRowWriter.MentionLabel {
        AssembledRowWriter.MentionLabel(file: span.file, reading: reading.rawValue, unit: unit?.description, part: part)
    }
}
