/// The national classification of government expenditure, bundled into the binary:
/// 支出功能分类科目 (``functional``, `201` 一般公共服务支出 → `20131` 党委办公厅（室）及相关机构事务 →
/// `2013101` 行政运行) and 部门预算支出经济分类科目 (``economic``, `301` 工资福利支出 → `30101` 基本工资).
///
/// The tables are Swift string literals (see `ClassificationCatalog+FunctionalData.swift` and
/// `ClassificationCatalog+EconomicData.swift`, whose headers cite their sources), parsed once on
/// first use. Lookups go both ways: code → name and level (for `drill`), and name → code in a
/// way that survives how reports write names (``normalizedName(_:)``).
public struct ClassificationCatalog: Sendable {
    /// Which classification a catalog holds.
    public enum Scheme: String, Sendable, Hashable {
        /// 支出功能分类: what the money is for (2xx).
        case functional
        /// 支出经济分类: what the money buys (3xx).
        case economic
    }

    /// One 类, 款 or 项 of the catalog.
    public struct Entry: Sendable, Hashable {
        public let code: ClassificationCode
        /// The name in the newest edition the catalog records.
        public let name: String
        /// The first year the name holds, when recorded (卫生健康支出: 2019).
        public let firstYear: Int?
        /// The last year the name holds, when recorded.
        public let lastYear: Int?
        /// Names the same code had before (医疗卫生与计划生育支出).
        public let formerNames: [String]

        /// 类, 款 or 项.
        public var level: ClassificationCode.Level { code.level }
    }

    /// The classification this catalog holds.
    public let scheme: Scheme
    /// Every entry, sorted by code.
    public let entries: [Entry]
    private let byCode: [ClassificationCode: Int]
    private let byParent: [String: [Int]]
    /// Entry indices by canonical name (the name and every former name), so that resolving a
    /// name is a look-up, not a normalisation of the whole catalog.
    private let byCanonicalName: [String: [Int]]

    /// The 支出功能分类科目 (functional classification), parsed on first use.
    public static let functional = ClassificationCatalog(scheme: .functional, table: functionalTable)
    /// The 部门预算支出经济分类科目 (economic classification), parsed on first use.
    public static let economic = ClassificationCatalog(scheme: .economic, table: economicTable)

    /// Names reports write for an entry that differ from the catalog's in more than
    /// suffixes: report spelling → catalog spelling, both normalized.
    static let synonyms: [String: String] = [
        "一般行政事务": "一般行政管理事务",
        // Jiangsu 11 l.590, 12 l.535 (法院（款）一般行政事务管理（项）): the table prints 2040502.
        "一般行政事务管理": "一般行政管理事务",
        // Jiangsu 04 l.741 (`未归口管理行政单位离退休费（项）`): the table prints 2080504 未归口管理的行政单位离退休.
        "未归口管理行政单位离退休费": "未归口管理的行政单位离退休",
    ]

    /// A catalog from a table: one entry per line, tab-separated `code, name, first year,
    /// last year, former names ("|"-separated)`; blank lines and lines starting with `#` are skipped.
    public init(scheme: Scheme, table: String) {
        var entries: [Entry] = []
        for line in table.split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
                .map { $0.trimmingSpaces() }
            guard fields.count >= 2, !fields[0].hasPrefix("#"),
                  let code = ClassificationCode(rawValue: fields[0]) else { continue }
            let firstYear = fields.count > 2 ? Int(fields[2]) : nil
            let lastYear = fields.count > 3 ? Int(fields[3]) : nil
            let former = fields.count > 4 ? fields[4].split(separator: "|").map(String.init) : []
            entries.append(Entry(code: code, name: fields[1], firstYear: firstYear, lastYear: lastYear, formerNames: former))
        }
        entries.sort { $0.code < $1.code }
        var byCode: [ClassificationCode: Int] = [:]
        var byParent: [String: [Int]] = [:]
        var byCanonicalName: [String: [Int]] = [:]
        for (i, e) in entries.enumerated() {
            byCode[e.code] = i
            byParent[e.code.parent?.rawValue ?? "", default: []].append(i)
            for name in Set(([e.name] + e.formerNames).map { Self.canonical($0) }) {
                byCanonicalName[name, default: []].append(i)
            }
        }
        self.scheme = scheme
        self.entries = entries
        self.byCode = byCode
        self.byParent = byParent
        self.byCanonicalName = byCanonicalName
    }

    /// The entry of `code`, `nil` when the catalog does not hold it.
    public subscript(code: ClassificationCode) -> Entry? {
        byCode[code].map { entries[$0] }
    }

    /// The name of `code`; for a `year` before the name's first year, the most recent
    /// former name, when one is recorded.
    public func name(of code: ClassificationCode, year: Int? = nil) -> String? {
        guard let entry = self[code] else { return nil }
        if let year, let first = entry.firstYear, year < first, let former = entry.formerNames.first {
            return former
        }
        return entry.name
    }

    /// The entries directly under `code` (the 类 when `code` is `nil`), sorted by code.
    public func children(of code: ClassificationCode?) -> [Entry] {
        (byParent[code?.rawValue ?? ""] ?? []).map { entries[$0] }
    }

    /// The code of the entry named `name` at `level`, looked for under `parent` when given
    /// (a 项 within its 款, a 款 within its 类). Names are compared after
    /// ``normalizedName(_:)``, former names and known synonyms count. Without a parent, a name
    /// that several entries share (行政运行) resolves to `nil`: the catalog never guesses; but a
    /// name one entry in force bears today and others bore before is that entry's.
    public func resolve(_ name: String, level: ClassificationCode.Level, within parent: ClassificationCode? = nil) -> ClassificationCode? {
        let wanted = Self.canonical(name)
        guard !wanted.isEmpty else { return nil }
        if let parent, parent.level >= level { return nil }
        let hits = (byCanonicalName[wanted] ?? []).map { entries[$0] }.filter { entry in
            entry.level == level && (parent.map { $0.contains(entry.code) } ?? true)
        }
        if hits.count > 1 {
            // A name that is one entry's name today and others' former or dropped name (住房公积金:
            // 30113, and 30311 before 2018) is today's entry.
            let current = hits.filter { $0.lastYear == nil && Self.canonical($0.name) == wanted }
            return current.count == 1 ? current[0].code : nil
        }
        return hits.first?.code
    }

    /// Resolves a chain of names from the 类 down (`["一般公共服务", "党委办公厅（室）及相关机构事务",
    /// "行政运行支出"]` → `2013101`), each name within the code of the one before.
    /// Returns the codes resolved, from the 类 down; it stops at the first name it cannot place,
    /// so a result shorter than `names` means the rest stays unclassified.
    public func resolve(path names: [String]) -> [ClassificationCode] {
        var codes: [ClassificationCode] = []
        for (offset, name) in names.enumerated() {
            guard let level = ClassificationCode.Level(rawValue: offset + 1),
                  let code = resolve(name, level: level, within: codes.last) else { break }
            codes.append(code)
        }
        return codes
    }

    /// A 项 written with its 款's name fused in front (`人大事务行政运行（项）` for 人大事务（款）
    /// 行政运行（项）): the 款 and the 项, when exactly one 款 (under `lei` when given) has a name
    /// the written name starts with and the rest of the name is a 项 of that 款. `nil` when no
    /// split or several place it: the catalog never guesses.
    public func resolveFused(_ name: String, within lei: ClassificationCode? = nil) -> (kuan: ClassificationCode, xiang: ClassificationCode)? {
        let wanted = Self.normalizedName(name)
        var found: [(ClassificationCode, ClassificationCode)] = []
        for e in entries where e.level == .kuan && (lei.map { $0.contains(e.code) } ?? true) {
            for kuan in Set(([e.name] + e.formerNames).map { Self.normalizedName($0) }) where wanted.count > kuan.count && wanted.hasUTF8Prefix(kuan) {
                if let xiang = resolve(String(wanted.dropFirst(kuan.count)), level: .xiang, within: e.code),
                   !found.contains(where: { $0 == (e.code, xiang) }) {
                    found.append((e.code, xiang))
                }
            }
        }
        return found.count == 1 ? (found[0].0, found[0].1) : nil
    }

    /// A name as comparisons see it: no spaces or quotation marks (`“文化旅游体育与传媒支出(类)…”`
    /// quotes the chain), full-width brackets, without the level marks `（类）（款）（项）` and
    /// without a trailing `支出` (reports write 住房保障支出 and 住房保障（类） alike).
    public static func normalizedName(_ name: some StringProtocol) -> String {
        normalizedName(name, byScalars: true)
    }

    /// ``normalizedName(_:)``, walking the name by scalars when each is a character of its own
    /// (``StandaloneScalars``) and `byScalars`, by `Character`s otherwise: the same name either
    /// way (a test holds the two walks to each other).
    static func normalizedName(_ name: some StringProtocol, byScalars: Bool) -> String {
        var s = ""
        if byScalars, name.scalarsAreCharacters {
            var out = UTF8Builder(capacity: name.utf8.count)
            for u in name.unicodeScalars {
                switch u {
                case " ", "\u{3000}", "\t", "“", "”", "\"", "‘", "’": continue
                case "(": out.append("（" as Unicode.Scalar)
                case ")": out.append("）" as Unicode.Scalar)
                default: out.append(u)
                }
            }
            s = out.string
        } else {
            for c in name {
                switch c {
                case " ", "\u{3000}", "\t", "“", "”", "\"", "‘", "’": continue
                case "(": s.append("（")
                case ")": s.append("）")
                default: s.append(c)
                }
            }
        }
        for mark in ["（类）", "（款）", "（项）"] { s = s.replacingAll(mark, with: "") }
        while s.hasUTF8Suffix("支出") && s.count > 2 { s.removeLast(2) }
        return s
    }

    /// The normalized name with synonyms mapped to the catalog's spelling.
    static func canonical(_ name: some StringProtocol) -> String {
        let n = normalizedName(name)
        return synonyms[n] ?? n
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> String {
        // A space is looked at as a Character only where its scalar is one (the catalog's
        // thousands of names have none at either end, and reversing them was its load's cost).
        var s = self
        while s.unicodeScalars.first == " ", s.first == " " { s = s.dropFirst() }
        while s.unicodeScalars.last == " ", s.last == " " { s = s.dropLast() }
        return String(s)
    }
}

extension String {
    /// Every occurrence of `target` replaced (no Foundation in the model).
    public func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty, var r = firstUTF8Range(of: target) else { return self }
        var out = ""
        var rest = self[...]
        while true {
            out += rest[..<r.lowerBound]
            out += replacement
            rest = rest[r.upperBound...]
            guard let next = rest.firstUTF8Range(of: target) else { break }
            r = next
        }
        out += rest
        return out
    }
}
