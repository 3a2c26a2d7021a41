import FiscalModel

/// A 类/款/项 name chain as narratives write it
/// (`一般公共服务（类）党委办公厅（室）及相关机构事务（款）行政运行支出（项）`), split into its
/// names and resolved against the catalog.
///
/// Tolerates a repeated 类 (`一般公共服务（类）一般公共服务（类）…`), half-width brackets,
/// a list number before the chain (`12住房保障支出（类）`) and names that differ from the
/// catalog's by `支出` or known synonyms (一般行政事务 for 一般行政管理事务).
public struct ClassificationPath: Sendable, Hashable {
    /// One name of the chain.
    public struct Part: Sendable, Hashable {
        public var level: ClassificationCode.Level
        /// The name as written, without its `（类）` mark.
        public var name: String

        /// A name at `level`, as written.
        public init(level: ClassificationCode.Level, name: String) {
            self.level = level
            self.name = name
        }
    }

    /// The names from the 类 down, duplicates removed.
    public var parts: [Part]

    /// The chain in `text`, or `nil` when it holds no `（类）/（款）/（项）` mark. Text after
    /// the last mark is ignored.
    public init?(_ text: some StringProtocol) {
        var parts: [Part] = []
        let text = Substring(text)
        var nameStart = text.startIndex
        for (mark, level) in Self.marks(in: text) {
            let raw = text[nameStart..<mark.lowerBound]
            let name = SentenceReader.cleanLabel(raw)
            if let last = parts.last, last.level == level,
               ClassificationCatalog.normalizedName(last.name) == ClassificationCatalog.normalizedName(name) {
                // 一般公共服务（类）一般公共服务（类）: said twice.
            } else {
                parts.append(Part(level: level, name: name))
            }
            nameStart = mark.upperBound
        }
        guard !parts.isEmpty else { return nil }
        self.parts = parts
    }

    /// The codes of the chain, from the 类 down, as far as the catalog places them (each name
    /// within the code above it). Shorter than ``parts`` when a name cannot be placed, or
    /// when the chain does not start at the 类.
    public func resolve(in catalog: ClassificationCatalog = .functional) -> [ClassificationCode] {
        guard parts.first?.level == .lei,
              parts.enumerated().allSatisfy({ $0.element.level.rawValue == $0.offset + 1 }) else { return [] }
        return catalog.resolve(path: parts.map(\.name))
    }

    /// The code of the deepest name, when every name of the chain resolves.
    public func code(in catalog: ClassificationCatalog = .functional) -> ClassificationCode? {
        let codes = resolve(in: catalog)
        return codes.count == parts.count ? codes.last : nil
    }

    /// Every `（类）` `（款）` `（项）` mark of `text` (full- or half-width brackets, as pairs), in
    /// order, found in one pass: searching for each mark again after every name was quadratic
    /// on a long text of many marks (a mutated report took 15 s).
    static func marks(in text: Substring) -> [(Range<Substring.Index>, ClassificationCode.Level)] {
        var found: [(Range<Substring.Index>, ClassificationCode.Level)] = []
        var from = text.startIndex
        while let mark = nextMark(in: text, from: from) {
            found.append(mark)
            from = mark.0.upperBound
        }
        return found
    }

    /// The first mark of `text`.
    static func firstMark(in text: Substring) -> (Range<Substring.Index>, ClassificationCode.Level)? {
        nextMark(in: text, from: text.startIndex)
    }

    /// The first mark of `text` at or after `start`.
    private static func nextMark(in text: Substring, from start: Substring.Index) -> (Range<Substring.Index>, ClassificationCode.Level)? {
        var i = start
        while i < text.endIndex {
            let open = text[i]
            if open.isScalar("（") || open.isScalar("(") {
                let j = text.index(after: i)
                if j < text.endIndex, let level = level(named: text[j]) {
                    let k = text.index(after: j)
                    if k < text.endIndex, text[k] == (open == "（" ? "）" : ")") { return (i..<text.index(after: k), level) }
                }
            }
            i = text.index(after: i)
        }
        return nil
    }

    private static func level(named c: Character) -> ClassificationCode.Level? {
        switch c {
        case "类": .lei
        case "款": .kuan
        case "项": .xiang
        default: nil
        }
    }
}

/// Comparing labels the way narratives repeat them: `收、支总计` and `收支总计各`,
/// `一般公共预算财政拨款` and `一般公共预算财政拨款支出` name the same thing.
public enum NarrativeLabel {
    /// How many facts a reader looks back (or around) for the figure a label names: a whole
    /// and its shares, a change and its figure, are written close together, and a bounded look
    /// keeps reading linear in the length of the report.
    public static let reach = 2_000

    /// What ``normalized(_:)`` leaves out.
    static let ignored = Marks("、，,。；;：: \u{3000}“”\"‘’")

    /// The label without punctuation, spaces, quotes and the verbs and suffixes that vary
    /// between mentions (`支出决算`, `决算数`, `支出`, `各`).
    public static func normalized(_ label: some StringProtocol) -> String {
        var s = ignored.removed(from: label)
        var changed = true
        while changed {
            changed = false
            for suffix in ["各", "支出决算数", "支出决算", "决算数", "决算", "支出", "总额", "数"] where s.hasUTF8Suffix(suffix) && s.count > suffix.count {
                s.removeLast(suffix.count)
                changed = true
            }
        }
        return s
    }

    /// Whether two labels name the same thing: equal after ``normalized(_:)``, or one ends
    /// the other (`收支总计` ends `财政拨款收支总计`, `采购支出总额` ends `政府采购支出总额`).
    public static func matches(_ a: some StringProtocol, _ b: some StringProtocol) -> Bool {
        matchesNormalized(normalized(a), normalized(b))
    }

    /// ``matches(_:_:)`` for labels already ``normalized(_:)``.
    public static func matchesNormalized(_ x: String, _ y: String) -> Bool {
        guard !x.isEmpty, !y.isEmpty else { return false }
        return x == y || x.hasUTF8Suffix(y) || y.hasUTF8Suffix(x)
    }
}

extension ClassificationPath {
    /// The chain a text opens with when it states no figure of its own before the chain ends
    /// at a 类 (`（一）一般公共服务（类）`, `1、工资福利支出（类）2,097.51 万元`): the context of
    /// the 款/项 list items that follow. `nil` when the text opens with no such chain.
    public init?(leadingChainIn text: some StringProtocol) {
        let t = Substring(text)
        guard let (mark, level) = Self.firstMark(in: t), level == .lei else { return nil }
        let head = t[t.startIndex..<mark.lowerBound]
        guard !head.contains(where: { "。，,；;".contains($0) }), let path = ClassificationPath(head + "（类）") else { return nil }
        self = path
    }

    /// This 类 (and 款) followed by `lower`'s parts: `一般公共服务（类）` + `党委办公厅…（款）行政运行（项）`.
    public func extended(by lower: ClassificationPath) -> ClassificationPath {
        guard let first = lower.parts.first else { return self }
        var copy = self
        copy.parts = parts.filter { $0.level < first.level } + lower.parts
        return copy
    }
}

/// How budget (预算) narratives word their figures, as data: the phrases a 部门预算 adds to
/// the names a 部门决算 uses (`本年支出预算合计` is `本年支出合计`, `基本支出预算数` is
/// `基本支出`, `公务接待费预算支出` is `公务接待费`). A province that words its budget
/// differently extends these tables.
public enum BudgetWording {
    /// Phrases replaced anywhere in a name, in order.
    public static let infixes: [(String, String)] = [
        ("预算合计", "合计"), ("预算总计", "总计"), ("预算总额", "总额"), ("预算总金额", "总额"), ("总预算", "总计"),
        ("收入、支出", "收支"), ("收、支", "收支"), ("拨款安排的", ""),
    ]
    /// Endings replaced, longest first; applied until none applies.
    public static let suffixes: [(String, String)] = [
        ("预算支出数", ""), ("预算支出", "支出"), ("支出预算数", "支出"), ("预算安排数", ""), ("安排数", ""), ("预算数", ""),
        ("收入预算", "收入"), ("支出预算", "支出"), ("经费预算", "经费"), ("费预算", "费"), ("预算为", ""),
    ]
    /// Verbs before a name (`拟购买货物` is `购买货物`).
    public static let prefixes = ["拟采购", "拟购买"]

    /// `name` in the words a 决算 would use.
    public static func itemName(_ name: String) -> String {
        var s = name
        for (from, to) in infixes where s.containsUTF8(from) { s = s.replacingAll(from, with: to) }
        var changed = true
        while changed {
            changed = false
            // `支出预算` alone is `支出`; `预算数` alone stays (it would name nothing).
            for (from, to) in suffixes where s.hasUTF8Suffix(from) && (s.count > from.count || (s.count == from.count && !to.isEmpty && s != to)) {
                s = String(s.dropLast(from.count)) + to
                changed = true
            }
        }
        for p in prefixes where s.hasUTF8Prefix(p) && s.count > p.count {
            s = (p == "拟采购" ? "采购" : "购买") + s.dropFirst(p.count)
        }
        return s
    }
}

extension NarrativeLabel {
    /// Words by which a report names its own body (`本部门一般公共预算机关运行经费`).
    public static let ownBodyWords = ["本部门", "我部门", "本单位", "我单位"]

    /// How the names of government bodies end.
    public static let entityEndings = ["局", "部", "委", "办", "院", "会", "中心", "所", "站", "队", "馆", "室", "处", "厅", "府", "本部门", "我部门", "本单位"]

    /// What ``withoutEntityAndYear(_:entity:)`` leaves out first.
    static let quotesAndSpaces = Marks("“”\"‘’ \u{3000}")

    /// A label without the entity and year a report writes before it: `上海市普陀区财政局2024年度
    /// 收入支出总计` and `江苏省委办公厅2018年度财政拨款基本支出预算` lose both; in `编报绩效目标的
    /// 2024年度项目` only the year goes (the words before it are no body's name).
    public static func withoutEntityAndYear(_ label: String, entity: String? = nil) -> String {
        var s = quotesAndSpaces.removed(from: label)
        for own in ownBodyWords where s.hasUTF8Prefix(own) && s.count > own.count { s.removeFirst(own.count) }
        guard let r = yearMark(in: s) else {
            // `上海市普陀区文化和旅游局收入预算`, `普陀区城市管理行政执法局收入预算` (the body is printed
            // 上海市普陀区城市管理行政执法局): the document's own body, or the end of its name, goes.
            if let entity, !entity.isEmpty, s.firstUTF8Range(of: "本年") == nil {
                var end = s.startIndex
                var cut: String.Index?
                let entityLength = entity.count
                var length = 0
                while end < s.endIndex, length < entityLength {
                    end = s.index(after: end)
                    length += 1
                    let prefix = s[..<end]
                    if length >= 3, end < s.endIndex, entityEndings.contains(where: { prefix.hasUTF8Suffix($0) }), entity.hasUTF8Suffix(prefix) { cut = end }
                }
                if let cut { return String(s[cut...]) }
            }
            // `省委办公厅本年收入合计`, `江苏省人大常委会办公厅部门本年支出合计`: a body's name before
            // `本年` goes, and a `部门` after it.
            if let b = s.firstUTF8Range(of: "本年"), b.lowerBound > s.startIndex {
                var prefix = s[..<b.lowerBound]
                if prefix.hasUTF8Suffix("部门") { prefix = prefix.dropLast(2) }
                if entityEndings.contains(where: { prefix.hasUTF8Suffix($0) }) || (entity.map { !$0.isEmpty && $0.hasUTF8Suffix(prefix) } ?? false) {
                    s = String(s[b.lowerBound...])
                }
            }
            return s
        }
        let prefix = s[..<r.lowerBound]
        let isEntity = prefix.isEmpty || entityEndings.contains { prefix.hasUTF8Suffix($0) }
            || (entity.map { !$0.isEmpty && prefix.hasUTF8Suffix($0) } ?? false)
        s = isEntity ? String(s[r.upperBound...]) : String(prefix) + s[r.upperBound...]
        return s
    }

    /// ``yearMark(in:)`` for text whose scalars are its characters (so `年` and `度` are their
    /// bytes): the first `年` with exactly four ASCII digits before it.
    static func yearMarkByBytes(in s: String) -> Range<String.Index>? {
        let u = s.utf8
        var from = s.startIndex
        while let r = s.firstUTF8Range(of: "年", from: from) {
            var start = r.lowerBound
            var digits = 0
            while digits < 5, start > u.startIndex {
                let p = u.index(before: start)
                guard (0x30...0x39).contains(u[p]) else { break }
                digits += 1
                start = p
            }
            if digits == 4 {
                let end = s[r.upperBound...].hasUTF8Prefix("度") ? u.index(r.upperBound, offsetBy: 3) : r.upperBound
                return start..<end
            }
            from = r.upperBound
        }
        return nil
    }

    /// The first `2024年度` (or `2024年`) in `s`.
    public static func yearMark(in s: String) -> Range<String.Index>? {
        s.scalarsAreCharacters ? yearMarkByBytes(in: s) : yearMarkByCharacters(in: s)
    }

    /// ``yearMark(in:)`` by `Character`s: any text.
    static func yearMarkByCharacters(in s: String) -> Range<String.Index>? {
        var i = s.startIndex
        while i < s.endIndex {
            var j = i
            var digits = 0
            while j < s.endIndex, s[j].isASCII, s[j].isNumber { digits += 1; j = s.index(after: j) }
            if digits == 4, j < s.endIndex, s[j] == "年" {
                var end = s.index(after: j)
                if end < s.endIndex, s[end] == "度" { end = s.index(after: end) }
                return i..<end
            }
            i = digits > 0 ? j : s.index(after: i)
        }
        return nil
    }
}
