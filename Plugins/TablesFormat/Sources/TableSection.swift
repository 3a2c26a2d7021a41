import FiscalFormat
import FiscalModel

/// The lines of one table: from after its title to the next title or the narrative.
struct TableSection {
    var kind: TableKind
    /// The phase the title belongs to (`…决算表` or `…预算表`).
    var phase: Phase
    /// The title as printed, spaces removed (both lines of a wrapped title).
    var title: String
    /// The title's key in ``TableTitle/all``.
    var key: String
    /// The title's line.
    var titleLine: Int
    /// The unit the header states (`单位：万元`).
    var unit: MoneyUnit?
    /// The lines after the title: page numbers, page markers, notes and repeated headers
    /// left out.
    var lines: [TextLine]
    /// The columns the header shows (one of the kind's ``TableKind/columnSets``).
    var columns: [String] = []
    /// The last line that belongs to the table: its last row, or a note (`注：本表…`) or unit
    /// line after it. The narrative starts after it.
    var endLine: Int = 0

    /// Whether the first column is the sum of the others.
    var firstColumnIsTotal: Bool {
        columns.count > 1 && Measure(printed: columns[0], phase: phase).role == .total
    }

    /// How many lines after a title its unit line may come (`公开 01表` / `收支预算总表` /
    /// `部门名称：…` / `单位:万元`).
    static let unitDistance = 4

    /// Lines in a table that are notes, not rows.
    static let notes = ["注：", "注:", "说明：", "无政府性基金", "无国有资本"]

    /// How many lines under the title a table's header may take.
    static let headerLines = 16

    /// Cuts the document into its tables. A line is a table's title when it names one of
    /// ``TableTitle/all`` (alone, or with the line after it when the title wraps) and a unit
    /// line (`单位：万元`) follows within ``unitDistance`` lines: a table of contents names the
    /// tables too, but no unit follows its lines.
    static func split(_ lines: [TextLine], entity: String?) -> [TableSection] {
        var sections: [TableSection] = []
        var current: TableSection?
        var header: Set<String> = []  // the current table's header lines, to skip when repeated
        var rowsStarted = false
        var skip = 0
        var furniture = 0  // the current table's last note or unit line
        func close() {
            if var c = current {
                c.endLine = max(c.lines.last?.number ?? c.titleLine, furniture, c.titleLine)
                sections.append(c)
            }
            current = nil
        }
        var previous: TextLine?
        for (index, line) in lines.enumerated() {
            if skip > 0 { skip -= 1; continue }
            let compact = line.compact
            if compact.isEmpty || compact.hasUTF8Prefix("===page") { continue }
            // A bare number after a line that starts with a 类 code and holds no figure (`302` /
            // `40`, `310 信息网络及软件购置更` / `07`) is the 款 part of that code, wrapped;
            // otherwise a printed page number.
            defer { previous = line }
            let awaitsPart = previous.map { p in p.tokens.first?.isDigits(3) == true && !p.tokens.contains { $0.amount != nil } } ?? false
            if PageFurniture.isPageNumber(compact), !awaitsPart { continue }
            if let (title, used) = TableSection.title(at: index, lines, entity: entity) {
                close()
                let printed = lines[index..<(index + used)].map(\.compact).joined()
                current = TableSection(kind: title.kind, phase: title.phase, title: printed, key: title.key, titleLine: line.number, lines: [])
                header = []
                rowsStarted = false
                furniture = 0
                skip = used - 1
                continue
            }
            guard current != nil else { continue }
            if ["第三部分", "第四部分", "第二部分"].contains(where: { compact.hasUTF8Prefix($0) }) {
                close()
                continue
            }
            if let unit = PageFurniture.unit(in: compact), current!.unit == nil, !rowsStarted {
                current!.unit = unit
                furniture = line.number
                continue
            }
            if TableSection.notes.contains(where: { compact.hasUTF8Prefix($0) }) || PageFurniture.unit(in: compact) != nil {
                furniture = line.number
                continue
            }
            // Prose after the last table of a part: a sentence ends the table (never in a table
            // with codes, whose cells hold no full stops). The lines without a figure or code
            // since the table's last row are the prose's headings (`其他相关情况说明` /
            // `一、2026年“三公”经费预算情况说明`), not the table's.
            if current!.kind.layout != .summary, UTF8Search.contains(compact, "。") {
                if rowsStarted {
                    while let last = current!.lines.last, last.number > furniture, !last.isRow { current!.lines.removeLast() }
                }
                close()
                continue
            }
            let isRow = line.isRow
            if !rowsStarted {
                if isRow { rowsStarted = true } else { header.insert(compact) }
            } else if header.contains(compact) {
                continue  // the header repeated on a continuation page
            }
            current!.lines.append(line)
        }
        close()
        for i in sections.indices { sections[i].columns = sections[i].headerColumns() }
        return sections
    }

    /// The kinds whose tables run on over a page break printing their title and header again
    /// (the Jiangsu 政府采购预算表, 10 l.241): the other readers see each page of a table in one
    /// section, the title printed once.
    static let continuedKinds: Set<TableKind> = [.procurement]

    /// `sections` with each continuation joined to the table it continues: a section of a
    /// ``continuedKinds`` kind that straight follows a section of the same title and whose rows
    /// start with no total of their own (a table printed twice starts with its 合计 again, and is
    /// read once). The header printed again is left out.
    static func joiningContinuations(_ sections: [TableSection]) -> [TableSection] {
        var out: [TableSection] = []
        for section in sections {
            guard var last = out.last, continuedKinds.contains(section.kind), last.key == section.key else {
                out.append(section)
                continue
            }
            let header = Set(last.lines.prefix { !$0.isRow }.map(\.compact))
            let body = section.lines.filter { !header.contains($0.compact) }
            let first = body.first { $0.isRow }?.tokens.first.map { String($0.text) }
            guard first != ProcurementTable.total, first != "总计" else {
                out.append(section)
                continue
            }
            last.lines += body
            last.endLine = max(last.endLine, section.endLine)
            out[out.count - 1] = last
        }
        return out
    }

    /// The title starting at line `index` and how many lines it takes (1, or 2 when wrapped).
    static func title(at index: Int, _ lines: [TextLine], entity: String?) -> (TableTitle, Int)? {
        let compact = lines[index].compact
        guard !compact.isEmpty, compact.utf8.count <= 240, !UTF8Search.contains(compact, "…"), !UTF8Search.contains(compact, "......") else { return nil }
        var found: (TableTitle, Int)?
        if let t = TableTitle.named(compact, entity: entity) {
            found = (t, 1)
        } else if index + 1 < lines.count, UTF8Search.contains(lines[index + 1].text, "表") || UTF8Search.contains(compact, "表"),
                  let t = TableTitle.named(compact + lines[index + 1].compact, entity: entity) {
            found = (t, 2)
        }
        guard let found else { return nil }
        // Evidence: a unit line follows before any other title.
        let end = min(lines.count, index + found.1 + unitDistance)
        for j in (index + found.1)..<end {
            let c = lines[j].compact
            if PageFurniture.unit(in: c) != nil { return found }
            if TableTitle.named(c, entity: entity) != nil { return nil }
        }
        return nil
    }

    /// The column set of the kind whose names the header shows: the set with the most names
    /// found (at least half of its names). Header names wrap over lines, so a name is found in the header's
    /// lines joined or as its parts on separate lines.
    func headerColumns() -> [String] {
        let sets = kind.columnSets
        var headerText = ""
        // A header is a few lines; a longer run without figures is no header (bounded so that a
        // hostile file cannot make this quadratic).
        for line in lines.prefix(TableSection.headerLines) {
            if line.leadingCode != nil || line.tokens.contains(where: { $0.amount != nil }) { break }
            headerText += line.compact
        }
        if headerText.isEmpty { return sets[0] }
        let shown = TableSection.columnNames(in: headerText, known: Set(sets.joined()))
        var best: (found: Int, share: Double, set: [String])?
        for set in sets where !set.isEmpty {
            let found = set.filter { shown.contains($0) || !headerText.contains($0) && TableSection.containsInOrder(headerText, $0) }.count
            let share = Double(found) / Double(set.count)
            guard found * 2 >= set.count else { continue }
            // The set that names the most columns the header shows (`合计` is part of `本年支出合计`
            // too), then the one the header shows the most of.
            if best == nil || found > best!.found || (found == best!.found && share > best!.share) { best = (found, share, set) }
        }
        // A 决算 table keeps the 决算 template's columns (the first set) unless the header shows
        // every name of another set: PDF extraction breaks 决算 headers into pieces
        // (`本年收入合` / `计`) that no name survives.
        if phase == .final, let b = best, b.set != sets[0], b.share < 1 { return sets[0] }
        return best?.set ?? sets[0]
    }

    /// The known column names printed in `header`, each occurrence given to the longest name
    /// that covers it (`本年收入合计` shows 本年收入合计, not 合计).
    static func columnNames(in header: String, known: Set<String>) -> Set<String> {
        let chars = Array(header)
        var owned = Array(repeating: false, count: chars.count)
        var shown: Set<String> = []
        for name in known.sorted(by: { $0.count > $1.count || ($0.count == $1.count && $0 < $1) }) {
            let n = Array(name)
            guard !n.isEmpty, n.count <= chars.count else { continue }
            var i = 0
            while i + n.count <= chars.count {
                if chars[i..<(i + n.count)].elementsEqual(n), !owned[i..<(i + n.count)].contains(true) {
                    for k in i..<(i + n.count) { owned[k] = true }
                    shown.insert(name)
                    i += n.count
                } else {
                    i += 1
                }
            }
        }
        return shown
    }

    /// Whether `name`'s characters occur in `text` in order (a name wrapped around the words
    /// of the columns beside it: `事业单位` … `经营收入`), for names of four characters or more.
    static func containsInOrder(_ text: String, _ name: String) -> Bool {
        guard name.count >= 4 else { return false }
        // Split in two halves; each must be present, the first before the second.
        let chars = Array(name)
        let half = chars.count / 2
        let first = String(chars[..<half]), second = String(chars[half...])
        guard let a = text.range(of: first) else { return false }
        return text[a.upperBound...].contains(second)
    }
}

/// Lines a PDF page adds to the text that are no part of a table: page numbers, and the unit
/// line of a table's header.
enum PageFurniture {
    /// `15`, `— 1 —`, `- 3 -`, `第 5 页`: a printed page number alone on its line. A bare number
    /// below 200 only: 201…399 may be a classification code alone on its line.
    static func isPageNumber(_ compact: String) -> Bool {
        // `第999页` or `—999—` is at most 9 bytes of UTF-8: a longer line is no page number.
        guard compact.utf8.count <= 9 else { return false }
        var s = Substring(compact)
        for dash in ["—", "－", "-", "–"] {
            if s.hasPrefix(dash) && s.hasSuffix(dash) && s.count > 2 { s = s.dropFirst().dropLast(); break }
        }
        if s.hasPrefix("第") && s.hasSuffix("页") { s = s.dropFirst().dropLast() }
        guard !s.isEmpty, s.count <= 3, s.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(s) else { return false }
        // `0` is no page: a cell's figure displaced onto a line of its own.
        return n > 0 && (n < 200 || s.count < compact.count)
    }

    /// The unit a header line states: `单位：万元`, `单位:元`, `部门：… 单位：万元`, `金额单位：万元`.
    static func unit(in compact: String) -> MoneyUnit? {
        guard UTF8Search.contains(compact, "单位") else { return nil }
        var rest = Substring(compact)
        while let r = rest.range(of: "单位") {
            var after = rest[r.upperBound...]
            if after.first == "：" || after.first == ":" {
                after = after.dropFirst()
                for unit in [MoneyUnit.wanYuan, .yiYuan, .yuan] where after.hasPrefix(unit.rawValue) {
                    let tail = after.dropFirst(unit.rawValue.count)
                    if tail.isEmpty || tail.first == ")" || tail.first == "）" || !(tail.first!.isLetter) { return unit }
                }
            }
            rest = rest[r.upperBound...]
        }
        return nil
    }
}

/// Byte-wise substring search in UTF-8: no grapheme breaking or normalisation, for the checks
/// every line goes through.
enum UTF8Search {
    static func contains(_ text: some StringProtocol, _ needle: StaticString) -> Bool {
        let n = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
        if let found = text.utf8.withContiguousStorageIfAvailable({ ByteSearch.contains($0, n) }) { return found }
        return Array(text.utf8).withUnsafeBufferPointer { ByteSearch.contains($0, n) }
    }
}
