import FiscalModel

/// An explanation of a term: the report's own 名词解释 entry, or fiscal's bundled one.
public struct Explanation: Sendable, Hashable {
    public var term: String
    public var text: String
    /// The report whose 名词解释 it comes from; `nil` for the bundled glossary.
    public var report: String?
    /// Where the report explains it; `nil` for the bundled glossary.
    public var span: SourceSpan?

    public init(term: String, text: String, report: String?, span: SourceSpan?) {
        self.term = term
        self.text = text
        self.report = report
        self.span = span
    }
}

/// Terms of budget and final-accounts disclosures, and `explain TERM`.
public enum Glossary {
    /// What `explain term` shows: every loaded report's own entry for the term (its
    /// 名词解释), and, when no report explains it, the bundled standard definition.
    ///
    /// A report entry matches when its term contains the query or the query contains its
    /// term (brackets and quotes ignored: `三公经费` finds `“三公”经费`); bundled terms
    /// match the same way, exact names first.
    public static func explain(_ query: String, in reports: [Report]) -> [Explanation] {
        let q = Label.normalize(query.trimmingWhitespace)
        guard !q.isEmpty else { return [] }
        let fromReports = reports.flatMap { r in
            r.glossary.filter { matches(Label.normalize($0.term), q) }
                .map { Explanation(term: $0.term, text: $0.explanation, report: r.displayName, span: $0.span) }
        }
        if !fromReports.isEmpty { return fromReports }
        return bundled(q).map { Explanation(term: $0.term, text: $0.text, report: nil, span: nil) }
    }

    /// The bundled entries matching `query` (normalized): the exact term if there is one,
    /// else every term containing it or contained in it.
    static func bundled(_ q: String) -> [(term: String, text: String)] {
        if let exact = standard.first(where: { Label.normalize($0.term) == q || $0.aliases.map(Label.normalize).contains(q) }) {
            return [(exact.term, exact.text)]
        }
        return standard.filter { matches(Label.normalize($0.term), q) }.map { ($0.term, $0.text) }
    }

    static func matches(_ term: String, _ q: String) -> Bool {
        term == q || term.contains(q) || (q.count >= 2 && q.contains(term) && term.count >= 2)
    }

    /// One bundled definition.
    public struct Term: Sendable, Hashable {
        public var term: String
        public var aliases: [String]
        public var text: String
        public init(_ term: String, aliases: [String] = [], _ text: String) {
            self.term = term
            self.aliases = aliases
            self.text = text
        }
    }
}
