import FiscalFormat
import FiscalModel

/// The entity, year and phase a narrative's title states (`江苏省委办公厅 2017 年度部门预算`,
/// `江苏省委办公厅2018年度部门预算公开`), read from its first lines.
///
/// TODO: replace with the shared report-identity helper of FiscalFormat once it lands.
struct DocumentTitle {
    var entity: String?
    var year: Int?
    var phase: Phase?

    /// Title words that say the phase.
    static let phaseWords: [(String, Phase)] = [("部门决算", .final), ("部门预算", .budget), ("决算", .final), ("预算", .budget)]

    init(lines: [Substring]) {
        for raw in lines.prefix(6) {
            let line = String(raw.filter { !$0.isWhitespace })
            guard !line.isEmpty, let r = NarrativeLabel.yearMark(in: line) else { continue }
            let after = line[r.upperBound...]
            guard let (word, phase) = Self.phaseWords.first(where: { after.hasPrefix($0.0) || after.contains($0.0) }),
                  after.distance(from: after.startIndex, to: after.range(of: word)!.lowerBound) <= 2 else { continue }
            year = Int(line[r].prefix(4))
            self.phase = phase
            let before = line[..<r.lowerBound]
            if before.count >= 2 { entity = String(before) }
            return
        }
    }
}
