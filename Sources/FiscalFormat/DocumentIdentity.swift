import FiscalModel

/// Who a disclosure document is about, which year and which phase, read from the document
/// itself — the one place every reader (tables, narrative) takes a report's identity from.
///
/// The entity is taken as printed, from the strongest evidence the document offers:
///
/// 1. the heading of its first part, `第一部分 上海市普陀区财政局概况`;
/// 2. the labelled line the table headers and covers carry (`部门：江苏省人民检察院 单位：万元`,
///    `预算主管部门：…`, `部门名称：…`, `编制部门：…`): the value most lines agree on, so a
///    header the PDF wrapped (`部门名称：江苏省人大` / `常委会办公厅`) is outvoted;
/// 3. the cover title with its year and the document kind taken off
///    (`江苏省人大常委会办公厅` / `2017 年度部门预算`).
///
/// The year is the cover's (`2017 年度`, `年部门预算` / `2017`), else the first year a table
/// title or part heading prints (`第二部分 2018年度部门预算表`, `2026年部门收入预算总表`). The
/// phase is the cover's word (`部门决算`, `部门预算`, `预算公开`), else what most table
/// titles end in (`…决算表` or `…预算表`).
///
/// What the document does not print is guessed from the file name, always with a warning
/// that says so; the file name never supplies the entity while the text names one. A year
/// neither the text nor the file name gives is a load error: year 0 never reaches the model.
///
/// The words the evidence is looked for with are data (``labels``, ``coverKinds``); a
/// template that prints its identity another way extends those tables.
public struct DocumentIdentity: Sendable, Hashable {
    /// The 预算单位 as printed.
    public var entity: String
    /// The province, city or district the entity belongs to, when its name begins with one.
    public var region: String?
    public var year: Int
    public var phase: Phase
    /// What had to be guessed, and from where (file name, a minority of the table titles).
    public var warnings: [Diagnostic]

    public init(entity: String, region: String?, year: Int, phase: Phase, warnings: [Diagnostic] = []) {
        self.entity = entity
        self.region = region
        self.year = year
        self.phase = phase
        self.warnings = warnings
    }

    /// Labels of lines that name the entity (`label：entity`), in any order; the value ends
    /// where the line goes on to the unit (`单位：万元`).
    public static let labels = ["预算主管部门", "决算主管部门", "主管部门", "编制部门", "编制单位", "部门名称", "单位名称", "部门"]

    /// Words that end the entity on a cover title (`…2017 年度部门预算`), and the phase each
    /// names. Longer words first.
    public static let coverKinds: [(word: String, phase: Phase?)] = [
        ("区级部门预算", .budget), ("省级部门预算", .budget), ("市级部门预算", .budget), ("县级部门预算", .budget),
        ("部门预算公开", .budget), ("部门决算公开", .final), ("部门预算", .budget), ("部门决算", .final),
        ("预算公开", .budget), ("决算公开", .final), ("单位预算", .budget), ("单位决算", .final),
        ("预算", .budget), ("决算", .final),
    ]

    /// Table-title endings that say the phase (`收支预算总表`, `支出决算表`).
    static let titleEndings: [(word: String, phase: Phase)] = [
        ("预算总表", .budget), ("预算表", .budget), ("决算总表", .final), ("决算表", .final),
    ]

    /// Reads the identity of `source`. `expected` is the phase a reader assumes when the
    /// document says none (a reader of 决算 tables); without it an unknown phase is guessed
    /// from the file name.
    public static func read(_ source: SourceText, expected: Phase? = nil) throws(FormatError) -> DocumentIdentity {
        try read(lines: source.lines, path: source.path, expected: expected)
    }

    /// Reads the identity from the lines of a document (`lines[0]` is line 1).
    public static func read(lines: [Substring], path: String, expected: Phase? = nil) throws(FormatError) -> DocumentIdentity {
        let evidence = Evidence(lines: lines)
        var warnings: [Diagnostic] = []
        let file = FileName(path: path)
        func span(_ line: Int?) -> SourceSpan? { line.map { SourceSpan(file: path, line: $0) } }

        // Entity.
        var entity: String
        if let e = evidence.partEntity ?? evidence.labelledEntity ?? evidence.coverEntity {
            entity = e
        } else if let guess = file.entity {
            entity = guess
            warnings.append(Diagnostic(.warning, code: "entity-from-file-name",
                Message(.idEntityFromFile, "\(guess)")))
        } else {
            throw FormatError(file: path, Message(.idNoEntity))
        }

        // Year.
        let year: Int
        if let y = evidence.coverYear ?? evidence.headingYear {
            year = y.year
            if let f = file.year, f != y.year {
                warnings.append(Diagnostic(.warning, code: "year-differs-from-file-name",
                    Message(.idYearDiffers, "\(y.year)", "\(y.line)", "\(f)", "\(y.year)"), at: span(y.line)))
            }
        } else if let guess = file.year {
            year = guess
            warnings.append(Diagnostic(.warning, code: "year-from-file-name",
                Message(.idYearFromFile, "\(guess)")))
        } else {
            throw FormatError(file: path, Message(.idNoYear))
        }

        // Phase.
        let phase: Phase
        if let p = evidence.coverPhase {
            phase = p
        } else if let p = evidence.titlePhase {
            phase = p.phase
            if p.against > 0 {
                warnings.append(Diagnostic(.warning, code: "mixed-phase-titles",
                    Message(.idMixedPhase, "\(p.for)", "\(p.phase.rawValue)", "\(p.against)", "\(p.phase.rawValue)")))
            }
        } else if let p = expected {
            phase = p
        } else if let p = file.phase {
            phase = p
            warnings.append(Diagnostic(.warning, code: "phase-from-file-name",
                Message(.idPhaseFromFile, "\(p.rawValue)")))
        } else {
            throw FormatError(file: path, Message(.idNoPhase))
        }
        return DocumentIdentity(entity: entity, region: region(of: entity) ?? evidence.coverRegion, year: year, phase: phase, warnings: warnings)
    }

    /// The region an entity's name begins with: `上海市普陀区财政局` → 上海市普陀区,
    /// `江苏省人民检察院` → 江苏省, `中共上海市普陀区委社会工作部` → 上海市普陀区
    /// (``FiscalModel/EntityName/region(of:)``, where entities are compared).
    public static func region(of entity: String) -> String? {
        EntityName.region(of: entity)
    }
}

extension DocumentIdentity {
    /// What the text offers, each with its line.
    struct Evidence {
        var partEntity: String?
        var labelledEntity: String?
        var coverEntity: String?
        var coverRegion: String?
        var coverYear: (year: Int, line: Int)?
        var headingYear: (year: Int, line: Int)?
        var coverPhase: Phase?
        var titlePhase: (phase: Phase, for: Int, against: Int)?

        init(lines: [Substring]) {
            // Per label (in ``DocumentIdentity/labels`` order): each value and how many lines print it.
            var labelled: [Int: [String: Int]] = [:]
            var labelledOrder: [Int: [String]] = [:]
            var cover: [(text: String, line: Int)] = []
            var coverDone = false
            var titles: [Phase: Int] = [:]
            for (offset, raw) in lines.enumerated() {
                let number = offset + 1
                let text = DocumentIdentity.compact(raw)
                if text.isEmpty || text.hasUTF8Prefix("===page") || text.hasUTF8Prefix("SOURCE:") { continue }
                if partEntity == nil, text.hasUTF8Prefix("第一部分"), text.hasSuffix("概况") {
                    let name = String(text.dropFirst(4).dropLast(2))
                    if !name.isEmpty && name != "部门" && name != "单位" { partEntity = name }
                }
                if let (label, value) = DocumentIdentity.labelledValue(text) {
                    if labelled[label]?[value] == nil { labelledOrder[label, default: []].append(value) }
                    labelled[label, default: [:]][value, default: 0] += 1
                    coverDone = true
                }
                if !coverDone {
                    if text == "目录" || text.hasPrefix("第一部分") || text.hasPrefix("一、") || cover.count >= 6 || DocumentIdentity.isTableTitle(text) {
                        coverDone = true
                    } else {
                        cover.append((text, number))
                    }
                }
                // Years and phases of table titles and part headings.
                if text.utf8.count <= 180, DocumentIdentity.isTableTitle(text) || text.hasUTF8Prefix("第") && text.containsUTF8("部分") {
                    if headingYear == nil, let y = DocumentIdentity.firstYear(in: text) { headingYear = (y, number) }
                    if let p = DocumentIdentity.titleEndings.first(where: { text.hasSuffix($0.word) || text.containsUTF8($0.word + "（") })?.phase {
                        titles[p, default: 0] += 1
                    }
                }
            }
            // The most specific label printed (预算主管部门 before 编制部门), and within it the value
            // most lines print (ties: the longer).
            if let label = labelledOrder.keys.min(), let counts = labelled[label],
               let best = labelledOrder[label]!.max(by: { (counts[$0]!, $0.count) < (counts[$1]!, $1.count) }) {
                labelledEntity = best
            }
            // The cover: its lines joined (titles wrap), the year and the kind taken off.
            let joined = cover.map(\.text).joined()
            if let y = DocumentIdentity.firstYear(in: joined) {
                var line = cover.first?.line ?? 1
                var seen = ""
                for c in cover {
                    seen += c.text
                    if DocumentIdentity.firstYear(in: seen) != nil { line = c.line; break }
                }
                coverYear = (y, line)
            }
            var name = DocumentIdentity.removingYears(joined)
            while name.hasPrefix("年度") || name.hasPrefix("年") { name.removeFirst(name.hasPrefix("年度") ? 2 : 1) }
            var cut = name.endIndex
            for kind in DocumentIdentity.coverKinds {
                if let r = name.firstUTF8Range(of: kind.word), r.lowerBound <= cut {
                    if r.lowerBound < cut || coverPhase == nil { coverPhase = kind.phase }
                    cut = r.lowerBound
                }
            }
            var entity = String(name[..<cut])
            while entity.hasSuffix("年度") || entity.hasSuffix("年") { entity.removeLast(entity.hasSuffix("年度") ? 2 : 1) }
            if !entity.isEmpty, entity.count <= 40, cut < name.endIndex {
                // A cover that names only a place (`上海市普陀区2026年区级部门预算`) names no entity.
                if DocumentIdentity.region(of: entity) == entity { coverRegion = entity } else { coverEntity = entity }
            }
            let b = titles[.budget] ?? 0, f = titles[.final] ?? 0
            if b != f { titlePhase = b > f ? (.budget, b, f) : (.final, f, b) }
        }
    }

    /// The text without any whitespace.
    static func compact(_ s: Substring) -> String {
        // Most lines of a PDF extraction have no space at all: checked on the bytes first.
        func hasSpace(_ bytes: some Sequence<UInt8>) -> Bool {
            var previous: (UInt8, UInt8) = (0, 0)
            for b in bytes {
                // ASCII space, tab, CR; U+3000 (E3 80 80); U+00A0 (C2 A0).
                if b == 0x20 || b == 0x09 || b == 0x0D || (previous == (0xE3, 0x80) && b == 0x80) || (previous.1 == 0xC2 && b == 0xA0) {
                    return true
                }
                previous = (previous.1, b)
            }
            return false
        }
        // On the stored bytes where they are contiguous (the UTF-8 view's iterator was the cost).
        let spaced = s.utf8.withContiguousStorageIfAvailable { hasSpace($0) } ?? hasSpace(s.utf8)
        guard spaced else { return String(s) }
        return WhiteSpace.removed(from: s)
    }

    /// The entity a labelled line names (`部门：中共江苏省委办公厅单位：万元` → 中共江苏省委办公厅).
    static func labelledValue(_ compact: String) -> (label: Int, value: String)? {
        for (index, label) in labels.enumerated() where compact.hasUTF8Prefix(label) {
            var rest = compact.dropFirst(label.count)
            guard let colon = rest.first, colon == "：" || colon == ":" else { continue }
            rest = rest.dropFirst()
            for unit in ["单位：", "单位:", "金额单位"] {
                if let r = rest.firstUTF8Range(of: unit) { rest = rest[..<r.lowerBound] }
            }
            let value = String(rest)
            guard !value.isEmpty, value.count <= 40, !value.contains(where: { "，。；、".contains($0) }) else { return nil }
            return (index, value)
        }
        return nil
    }

    /// Whether a line is a table title (`收支预算总表`, `公开 01 表：…`, `一、2017年度…预算总表`).
    static func isTableTitle(_ compact: String) -> Bool {
        compact.utf8.count <= 180 && compact.utf8.last == 0xA8 && titleEndings.contains { compact.hasSuffix($0.word) }
    }

    /// The first year (2000–2099) written in `text`, four ASCII digits standing alone.
    static func firstYear(in text: String) -> Int? {
        var digits = 0, value = 0
        for c in text + " " {
            if c.isASCII, let d = c.wholeNumberValue {
                digits += 1
                // Only a run of exactly four digits is a year: a longer run stops counting its
                // value (a run of 20 digits overflowed Int; found by FuzzNarrative).
                if digits <= 4 { value = value * 10 + d }
            } else {
                if digits == 4, (2000...2099).contains(value) { return value }
                digits = 0
                value = 0
            }
        }
        return nil
    }

    /// The text with every 4-digit run of ASCII digits taken out.
    static func removingYears(_ text: String) -> String {
        var out = "", run = ""
        for c in text + " " {
            if c.isASCII && c.isNumber { run.append(c); continue }
            if run.count != 4 { out += run }
            run = ""
            out.append(c)
        }
        return String(out.dropLast())
    }

    /// What a file name suggests (`06_江苏省委办公厅_2017_部门预算_表格.txt`).
    struct FileName {
        var entity: String?
        var year: Int?
        var phase: Phase?

        init(path: String) {
            let base = path.split(separator: "/").last.map(String.init) ?? path
            let stem = base.split(separator: ".").first.map(String.init) ?? base
            year = DocumentIdentity.firstYear(in: stem.map { $0.isASCII && $0.isNumber ? $0 : " " }.reduce("") { $0 + String($1) })
            if stem.contains("决算") { phase = .final } else if stem.contains("预算") { phase = .budget }
            let parts = stem.split(whereSeparator: { "_- ".contains($0) }).map(String.init)
            entity = parts.first { part in
                part.contains { !$0.isASCII } && !["部门预算", "部门决算", "表格", "预算", "决算"].contains(part)
            }
        }
    }
}
