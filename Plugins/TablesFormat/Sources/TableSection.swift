import FiscalModel

/// The lines of one 附表: from after its title to the next title or the narrative.
struct TableSection {
    var kind: TableKind
    /// The title's line.
    var titleLine: Int
    /// The unit the header states (`单位：万元`).
    var unit: MoneyUnit?
    /// The lines after the title, page markers and notes left out.
    var lines: [TextLine]

    /// Cuts the document into its tables (the table of contents, whose lines carry
    /// numbering, is not a table).
    static func split(_ lines: [TextLine]) -> [TableSection] {
        var sections: [TableSection] = []
        var current: TableSection?
        for line in lines {
            let compact = line.compact
            if let kind = TableKind.titled(compact) {
                if let c = current { sections.append(c) }
                current = TableSection(kind: kind, titleLine: line.number, lines: [])
                continue
            }
            guard current != nil else { continue }
            if compact.hasPrefix("第三部分") || compact.hasPrefix("第四部分") {
                sections.append(current!)
                current = nil
                continue
            }
            if compact.hasPrefix("===page") || compact.hasPrefix("注：") || compact.hasPrefix("说明：")
                || compact.hasPrefix("无政府性基金") || compact.hasPrefix("无国有资本") || compact.isEmpty
            {
                continue
            }
            if compact.hasPrefix("单位：") {
                current!.unit = MoneyUnit(rawValue: String(compact.dropFirst(3)))
                continue
            }
            current!.lines.append(line)
        }
        if let c = current { sections.append(c) }
        return sections
    }
}

/// Entity, region and year, from the document's first page.
struct DocumentHeader {
    var entity: String?
    var region: String?
    var year: Int?

    init(lines: [TextLine]) {
        // The year: on the cover (first page), wherever the extraction put it.
        var page = 0
        for line in lines {
            let text = line.compact
            if text.hasPrefix("===page") { page += 1; if page > 1 { break } else { continue } }
            if !text.hasPrefix("SOURCE:"), let y = DocumentHeader.year(in: text) { year = y; break }
        }
        // The entity: "第一部分 <entity>概况", the one line that names it whole (the cover wraps it).
        for line in lines {
            let text = line.compact
            if text.hasPrefix("第一部分"), text.hasSuffix("概况") {
                entity = String(text.dropFirst(4).dropLast(2))
                break
            }
        }
        if let e = entity, let r = e.range(of: "上海市") {
            let tail = e[r.upperBound...]
            if let district = tail.firstIndex(where: { $0 == "区" || $0 == "县" }) {
                region = String(e[r.lowerBound...district])
            }
        }
    }

    /// A year like 2024 in the text.
    static func year(in text: String) -> Int? {
        var digits = ""
        for c in text {
            if c.isASCII && c.isNumber { digits.append(c) } else {
                if digits.count == 4, let y = Int(digits), (2000...2099).contains(y) { return y }
                digits = ""
            }
        }
        if digits.count == 4, let y = Int(digits), (2000...2099).contains(y) { return y }
        return nil
    }
}
