import FiscalModel

/// One result of a consistency check: which rule, which figures (each with its place),
/// what the report says, what the arithmetic gives, and how far apart they are.
public struct Finding: Sendable, Hashable {
    /// How serious a finding is.
    public enum Severity: String, Sendable, Hashable, CaseIterable, Comparable {
        /// Informational: a check could not be completed (a zero whole, a missing figure).
        case note
        /// The figures disagree by no more than rounding of the stated figures can explain.
        case rounding
        /// The figures disagree by more than rounding can explain, but at least one of them
        /// rests on a reading fiscal is not sure of (an item it had to guess, a table cell
        /// placed by arithmetic): the disagreement may be the reader's, not the report's.
        case unsure
        /// The figures, each read with certainty, disagree by more than rounding can explain:
        /// the report contradicts itself.
        case error

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    /// A figure a finding involves: its label, its value and where it was written.
    public struct Figure: Sendable, Hashable {
        /// The figure's label: the report's item, or what fiscal calls a figure it read from a
        /// sentence (增减额, 增减率), in the catalogue.
        public var labelText: Message
        /// The label in English.
        public var label: String {
            get { labelText.text(.english) }
            set { labelText = .literal(newValue) }
        }
        public var amount: Amount
        /// `%` for a stated percentage, the fact's unit otherwise.
        public var unit: String
        public var span: SourceSpan
        /// How the figure was read; `nil` for a percentage or change the report states in words
        /// (read from the sentence itself).
        public var reading: Reading?

        public init(label: String, amount: Amount, unit: String, span: SourceSpan, reading: Reading? = nil) {
            self.init(label: .literal(label), amount: amount, unit: unit, span: span, reading: reading)
        }

        public init(label: Message, amount: Amount, unit: String, span: SourceSpan, reading: Reading? = nil) {
            self.labelText = label
            self.amount = amount
            self.unit = unit
            self.span = span
            self.reading = reading
        }

        /// Whether a contradiction resting on this figure may be the reader's: it was read by a
        /// guess (``Reading/narrativeInferred``, ``Reading/tableInferred``). A figure derived
        /// by exact arithmetic from stated ones is as sure as they are.
        public var isUncertain: Bool {
            guard let reading else { return false }
            return !reading.isCertain && reading != .derived
        }

        /// `基本支出 546.41万元 (seed.txt:30)`
        public var description: String { text(.english) }

        /// The figure in `language`: its label, amount and place.
        public func text(_ language: Language) -> String {
            "\(labelText.text(language)) \(amount)\(unit) (\(span.file):\(span.line))"
        }
    }

    public var severity: Severity
    /// The id of the rule that found it (`sum`, `share`, …; see ``CheckRules``).
    public var rule: String
    /// The report's display name.
    public var report: String
    /// What was checked, in a few words (`本年收入合计 = its parts`), in the catalogue.
    public var subjectText: Message
    /// What was checked, in English.
    public var subject: String {
        get { subjectText.text(.english) }
        set { subjectText = .literal(newValue) }
    }
    /// Every figure involved, the stated one first.
    public var figures: [Figure]
    /// What the report says.
    public var stated: Amount?
    /// What the arithmetic gives from the other figures.
    public var computed: Amount?
    /// `stated − computed`.
    public var difference: Amount?
    /// The arithmetic written out, and why the severity was chosen, in the catalogue.
    public var detailText: Message
    /// The detail in English.
    public var detail: String {
        get { detailText.text(.english) }
        set { detailText = .literal(newValue) }
    }

    public init(
        _ severity: Severity, rule: String, report: String, subject: Message, figures: [Figure],
        stated: Amount?, computed: Amount?, detail: Message
    ) {
        self.severity = severity
        self.rule = rule
        self.report = report
        self.subjectText = subject
        self.figures = figures
        self.stated = stated
        self.computed = computed
        if let stated, let computed { difference = stated - computed } else { difference = nil }
        self.detailText = detail
    }

    /// A finding whose subject and detail are not (yet) in the message catalogue.
    public init(
        _ severity: Severity, rule: String, report: String, subject: String, figures: [Figure],
        stated: Amount?, computed: Amount?, detail: String
    ) {
        self.init(severity, rule: rule, report: report, subject: .literal(subject), figures: figures,
                  stated: stated, computed: computed, detail: .literal(detail))
    }

    /// A finding about uncertain readings is never the report's error: an `error` whose
    /// figures include one read by a guess becomes ``Severity/unsure``, and its detail says
    /// which figures were guessed.
    public func certified() -> Finding {
        guard severity == .error else { return self }
        let guessed = figures.filter(\.isUncertain)
        guard !guessed.isEmpty else { return self }
        var f = self
        f.severity = .unsure
        let which = guessed.map { $0.labelText + .literal(" (\($0.reading!.rawValue), \($0.span.file):\($0.span.line))") }
        f.detailText = f.detailText + Message(.checkUnsureBecause, Message.joined(which, separator: ", "))
        return f
    }

    /// The places of the figures, in order, without repeats.
    public var spans: [SourceSpan] {
        var seen = Set<SourceSpan>()
        return figures.map(\.span).filter { seen.insert($0).inserted }
    }

    /// `file:line` of every figure, without repeats (`seed.txt:30, seed.txt:60`).
    public var lines: String {
        var seen = Set<String>()
        return figures.map { "\($0.span.file):\($0.span.line)" }.filter { seen.insert($0).inserted }
            .joined(separator: ", ")
    }
}
