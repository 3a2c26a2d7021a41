import FiscalModel

/// An explanation of a term: the report's own 名词解释 entry, or fiscal's bundled one.
public struct Explanation: Sendable, Hashable {
    public var term: String
    public var text: String
    /// The report whose 名词解释 it comes from; `nil` for the bundled glossary.
    public var report: String?
    /// Where the report explains it; `nil` for the bundled glossary.
    public var span: SourceSpan?
    /// Where a bundled definition's wording comes from.
    public var citation: String?
    /// Whether the report's definition stops mid-sentence (`…结转到下年或`).
    public var truncated: Bool

    public init(term: String, text: String, report: String?, span: SourceSpan?, citation: String? = nil, truncated: Bool = false) {
        self.term = term
        self.text = text
        self.report = report
        self.span = span
        self.citation = citation
        self.truncated = truncated
    }

    /// `Examples/x.txt:741` for a report entry, the citation for a bundled one.
    public var origin: String {
        if let span { return "\(span.file):\(span.line)" }
        return citation ?? "fiscal glossary"
    }
}

/// What `explain TERM` found: the entries, and nearby terms worth a look.
public struct GlossaryAnswer: Sendable, Hashable {
    public var entries: [Explanation]
    /// Other terms close to the query (`结转结余` → 年初结转和结余, 年末结转和结余).
    public var related: [String]
    /// Whether the entries were found only by similarity, not by name.
    public var approximate: Bool
}

/// Terms of budget and final-accounts disclosures, and `explain TERM`.
public enum Glossary {
    /// What `explain term` shows: every loaded report's own entry for the term (its
    /// 名词解释), and, when no report explains it or a report's entry is cut off, the bundled
    /// definition with its citation.
    ///
    /// A term matches when it contains the query or the query contains it (brackets and quotes
    /// ignored: `三公经费` finds `“三公”经费`) or an alias does; failing that, terms that hold the
    /// query's characters in order (`结转结余` ⊂ `年末结转和结余`) or share most of its
    /// character pairs are offered as approximate answers.
    public static func explain(_ query: String, in reports: [Report]) -> [Explanation] {
        answer(query, in: reports).entries
    }

    public static func answer(_ query: String, in reports: [Report]) -> GlossaryAnswer {
        let q = focus(Label.normalize(query.trimmingWhitespace))
        guard !q.isEmpty else { return GlossaryAnswer(entries: [], related: [], approximate: false) }
        func reportEntry(_ r: Report, _ g: GlossaryEntry) -> Explanation {
            Explanation(term: g.term, text: g.explanation, report: r.displayName, span: g.span, truncated: isTruncated(g.explanation))
        }
        func bundledEntry(_ t: Term) -> Explanation {
            Explanation(term: t.term, text: t.text, report: nil, span: nil, citation: t.citation.description)
        }
        // A report's entry named exactly as asked wins over entries that only contain the words
        // (`事业单位医疗支出` is not `其他行政事业单位医疗支出`).
        let named = reports.flatMap { r in r.glossary.filter { focus(Label.normalize($0.term)) == q }.map { reportEntry(r, $0) } }
        var entries = !named.isEmpty ? named : reports.flatMap { r in
            r.glossary.filter { matches(focus(Label.normalize($0.term)), q) }.map { reportEntry(r, $0) }
        }
        var bundledHits = bundled(q)
        if !entries.isEmpty {
            // A report's own entry wins, unless it is cut off: then the bundled one completes it.
            let cut = entries.filter(\.truncated).map { focus(Label.normalize($0.term)) }
            bundledHits = bundledHits.filter { t in cut.contains { names(t).contains($0) } }
        }
        entries += bundledHits.map(bundledEntry)
        var approximate = false
        let found = Set(entries.map { Label.normalize($0.term) })
        var candidates: [String] = reports.flatMap { $0.glossary.map(\.term) } + standard.map(\.term)
        var unique = Set<String>()
        candidates = candidates.filter { unique.insert(Label.normalize($0)).inserted && !found.contains(Label.normalize($0)) }
        var related = candidates.filter { c in
            let n = Label.normalize(c)
            return n.count <= 24 && (isSubsequence(q, of: n) || similarity(q, n) >= 0.5)
        }
        if entries.isEmpty, !related.isEmpty {
            approximate = true
            let near = Set(related.map(Label.normalize))
            entries = reports.flatMap { r in r.glossary.filter { near.contains(Label.normalize($0.term)) }.map { reportEntry(r, $0) } }
            let fromReports = Set(entries.map { Label.normalize($0.term) })
            entries += standard.filter { near.contains(Label.normalize($0.term)) && !fromReports.contains(Label.normalize($0.term)) }
                .map(bundledEntry)
            related = []
        }
        return GlossaryAnswer(entries: entries, related: related, approximate: approximate)
    }

    /// The words that name a classification line: the last level of a path written as the
    /// reports write it (`卫生健康支出（类）行政事业单位医疗（款）事业单位医疗支出（项）` is
    /// `事业单位医疗支出`); any other term as it is. `（室）` and other brackets are kept.
    public static func focus(_ term: String) -> String {
        var segments: [String] = []
        var current = ""
        var rest = Substring(term)
        while !rest.isEmpty {
            if let marker = levelMarkers.first(where: { rest.hasPrefix($0) }) {
                segments.append(current)
                current = ""
                rest = rest.dropFirst(marker.count)
            } else {
                current.append(rest.removeFirst())
            }
        }
        guard !segments.isEmpty else { return term }
        segments.append(current)
        return segments.last { !$0.isEmpty } ?? term
    }

    /// How a report marks the levels of a classification path (normalized brackets).
    static let levelMarkers = ["（类）", "（款）", "（项）"]

    /// The term and its aliases, normalized.
    static func names(_ t: Term) -> [String] { ([t.term] + t.aliases).map(Label.normalize) }

    /// The bundled entries matching `query` (normalized): the exact term or alias if there is
    /// one, else every term containing it or contained in it.
    static func bundled(_ q: String) -> [Term] {
        if let exact = standard.first(where: { names($0).contains(q) }) { return [exact] }
        return standard.filter { t in names(t).contains { matches($0, q) } }
    }

    static func matches(_ term: String, _ q: String) -> Bool {
        term == q || term.contains(q) || (q.count >= 2 && q.contains(term) && term.count >= 2)
    }

    /// Whether the characters of `q` appear in `s` in order (`结转结余` in `年末结转和结余`).
    static func isSubsequence(_ q: String, of s: String) -> Bool {
        guard q.count >= 2 else { return false }
        var it = s.makeIterator()
        outer: for c in q {
            while let d = it.next() { if d == c { continue outer } }
            return false
        }
        return true
    }

    /// Dice similarity of the character pairs of two strings (0 to 1).
    static func similarity(_ a: String, _ b: String) -> Double {
        func pairs(_ s: String) -> [String] {
            let cs = Array(s)
            return cs.count < 2 ? [s] : (0..<(cs.count - 1)).map { String(cs[$0...$0 + 1]) }
        }
        let pa = pairs(a), pb = pairs(b)
        var rest = pb
        var common = 0
        for p in pa { if let i = rest.firstIndex(of: p) { common += 1; rest.remove(at: i) } }
        return Double(2 * common) / Double(pa.count + pb.count)
    }

    /// One bundled definition.
    public struct Term: Sendable, Hashable {
        public var term: String
        public var aliases: [String]
        public var text: String
        /// Where the wording comes from.
        public var citation: Citation
        public init(_ term: String, aliases: [String] = [], _ text: String, from citation: Citation) {
            self.term = term
            self.aliases = aliases
            self.text = text
            self.citation = citation
        }
    }

    /// Where a bundled definition's wording comes from.
    public enum Citation: Sendable, Hashable, CustomStringConvertible {
        /// A report's own 名词解释, in the repository (`Examples/…`), at a line.
        case report(file: String, line: Int)
        /// A template or regulation, named as it names itself.
        case document(String)

        public var description: String {
            switch self {
            case .report(let file, let line): "\(file):\(line)"
            case .document(let name): name
            }
        }
    }
}

extension Glossary {
    /// Words after which a Chinese sentence cannot end: a definition ending in one was cut off
    /// (`…结转到下年或`). Sentence-final punctuation never needs to be there for this.
    public static let continuingEndings = ["或者", "以及", "或", "和", "及", "与", "、", "，", ",", "的", "按", "从", "向", "对", "并", "在", "为", "由", "包括", "其中", "：", ":", "（", "("]

    /// Whether a definition stops mid-sentence.
    public static func isTruncated(_ text: String) -> Bool {
        let t = text.trimmingWhitespace
        guard !t.isEmpty else { return true }
        return continuingEndings.contains { t.hasSuffix($0) }
    }
}
