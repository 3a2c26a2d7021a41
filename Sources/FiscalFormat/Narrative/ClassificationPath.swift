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
    }

    /// The names from the 类 down, duplicates removed.
    public var parts: [Part]

    /// The chain in `text`, or `nil` when it holds no `（类）/（款）/（项）` mark. Text after
    /// the last mark is ignored.
    public init?(_ text: some StringProtocol) {
        var parts: [Part] = []
        var rest = Substring(text)
        while let (mark, level) = Self.firstMark(in: rest) {
            let raw = rest[rest.startIndex..<mark.lowerBound]
            let name = SentenceReader.cleanLabel(raw)
            if let last = parts.last, last.level == level,
               ClassificationCatalog.normalizedName(last.name) == ClassificationCatalog.normalizedName(name) {
                // 一般公共服务（类）一般公共服务（类）: said twice.
            } else {
                parts.append(Part(level: level, name: name))
            }
            rest = rest[mark.upperBound...]
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

    static let marks: [(String, ClassificationCode.Level)] = [
        ("（类）", .lei), ("(类)", .lei), ("（款）", .kuan), ("(款)", .kuan), ("（项）", .xiang), ("(项)", .xiang),
    ]

    static func firstMark(in text: Substring) -> (Range<Substring.Index>, ClassificationCode.Level)? {
        var best: (Range<Substring.Index>, ClassificationCode.Level)?
        for (mark, level) in marks {
            if let r = text.firstRange(of: mark), best == nil || r.lowerBound < best!.0.lowerBound { best = (r, level) }
        }
        return best
    }
}

/// Comparing labels the way narratives repeat them: `收、支总计` and `收支总计各`,
/// `一般公共预算财政拨款` and `一般公共预算财政拨款支出` name the same thing.
public enum NarrativeLabel {
    /// How many facts a reader looks back (or around) for the figure a label names: a whole
    /// and its shares, a change and its figure, are written close together, and a bounded look
    /// keeps reading linear in the length of the report.
    public static let reach = 2_000

    /// The label without punctuation, spaces, quotes and the verbs and suffixes that vary
    /// between mentions (`支出决算`, `决算数`, `支出`, `各`).
    public static func normalized(_ label: some StringProtocol) -> String {
        var s = String(label.filter { !"、，,。；;：: \u{3000}“”\"‘’".contains($0) })
        var changed = true
        while changed {
            changed = false
            for suffix in ["各", "支出决算数", "支出决算", "决算数", "决算", "支出", "总额", "数"] where s.hasSuffix(suffix) && s.count > suffix.count {
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
        return x == y || x.hasSuffix(y) || y.hasSuffix(x)
    }
}
