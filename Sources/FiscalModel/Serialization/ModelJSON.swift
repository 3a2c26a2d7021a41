/// The canonical JSON form of the model: the `json` format writes and reads it, external
/// plugins answer with it, and `-o json` of `facts` uses the same fact objects.
///
/// ```json
/// {"fiscal": "model", "version": 1, "reports": [{"entity": "…", "year": 2020, "phase": "决算",
///   "unit": "万元", "source": "…", "facts": [{"statement": "收入", "item": "…", "amount": 927.15,
///   "unit": "万元", "span": {"file": "…", "line": 9, "start": 1, "end": 8}, …}], "claims": […], …}]}
/// ```
/// docs/FORMATS.md describes every field.
public enum ModelJSON {
    /// The version of the canonical model written by this build.
    public static let version = 2

    /// Why a JSON document is not a valid model: the JSON path and what was expected.
    public struct DecodingError: Error, Sendable, Hashable, CustomStringConvertible {
        public var path: String
        public var message: String
        public var description: String { "\(path): \(message)" }
    }

    // MARK: Encoding

    /// The whole document for a list of reports.
    public static func encode(_ reports: [Report]) -> JSON {
        .object([
            ("fiscal", .string("model")),
            ("version", .int(version)),
            ("reports", .array(reports.map(encode))),
        ])
    }

    public static func encode(_ r: Report) -> JSON {
        var members: [(String, JSON)] = [("entity", .string(r.entity))]
        if let s = r.shortName { members.append(("shortName", .string(s))) }
        if let s = r.region { members.append(("region", .string(s))) }
        members += [
            ("year", .int(r.year)), ("phase", .string(r.phase.rawValue)), ("unit", .string(r.unit.rawValue)),
            ("source", .string(r.source)),
        ]
        if let f = r.format { members.append(("format", .string(f))) }
        members += [
            ("facts", .array(r.facts.map(encode))),
            ("claims", .array(r.claims.map(encode))),
            ("projects", .array(r.projects.map(encode))),
            ("glossary", .array(r.glossary.map { .object([("term", .string($0.term)), ("explanation", .string($0.explanation)), ("span", encode($0.span))]) })),
            ("warnings", .array(r.warnings.map(encode))),
            ("year_mentions", .array(r.yearMentions.map { .object([("year", .int($0.year)), ("text", .string($0.text)), ("span", encode($0.span))]) })),
        ]
        return .object(members)
    }

    public static func encode(_ f: Fact) -> JSON {
        var m: [(String, JSON)] = [
            ("entity", .string(f.entity)), ("year", .int(f.year)), ("phase", .string(f.phase.rawValue)),
            ("statement", .string(f.statement.rawValue)), ("item", .string(f.item)),
        ]
        m.append(("code", f.code.map { .string($0.rawValue) } ?? .null))
        m.append(("econCode", f.econCode.map { .string($0.rawValue) } ?? .null))
        m.append(("fund", f.fund.map { .string($0.rawValue) } ?? .null))
        m.append(("measure", .string(f.measure.rawValue)))
        m += [
            ("amount", .amount(f.amount)), ("unit", .string(f.unit.description)), ("derived", .bool(f.derived)),
            ("span", encode(f.span)),
            ("mentions", .array(f.mentions.map { m in
                .object([("span", encode(m.span)), ("amount", .amount(m.amount)), ("reading", .string(m.reading.rawValue))])
            })),
        ]
        return .object(m)
    }

    public static func encode(_ s: SourceSpan) -> JSON {
        .object([("file", .string(s.file)), ("line", .int(s.line)), ("start", .int(s.startColumn)), ("end", .int(s.endColumn))])
    }

    public static func encode(_ c: Claim) -> JSON {
        var m: [(String, JSON)] = [("fact", .int(c.fact))]
        switch c.kind {
        case .share(let percent, let whole):
            m += [("kind", .string("share")), ("percent", .amount(percent)), ("whole", whole.map(JSON.int) ?? .null)]
        case .change(let prior, let delta, let percent):
            m += [
                ("kind", .string("change")), ("priorYear", .int(prior)), ("delta", delta.map(JSON.amount) ?? .null),
                ("percent", percent.map(JSON.amount) ?? .null),
            ]
        case .unchanged(let prior):
            m += [("kind", .string("unchanged")), ("priorYear", .int(prior))]
        case .completion(let percent, let budget):
            m += [("kind", .string("completion")), ("percent", .amount(percent)), ("budget", budget.map(JSON.int) ?? .null)]
        case .comparison(let relation, let prior, let other):
            m += [("kind", .string("comparison")), ("relation", .string(relation.rawValue)),
                  ("priorYear", prior.map(JSON.int) ?? .null), ("other", other.map(JSON.int) ?? .null)]
        }
        m.append(("span", encode(c.span)))
        return .object(m)
    }

    public static func encode(_ p: Project) -> JSON {
        .object([
            ("name", .string(p.name)), ("unit", p.unit.map(JSON.string) ?? .null),
            ("facts", .array(p.facts.map(JSON.int))),
            ("goalExpected", p.goalExpected.map(JSON.string) ?? .null),
            ("goalAchieved", p.goalAchieved.map(JSON.string) ?? .null),
            ("indicators", .array(p.indicators.map { i in
                .object([
                    ("level1", .string(i.level1)), ("level2", .string(i.level2)), ("level3", .string(i.level3)),
                    ("expected", .string(i.expected)), ("actual", .string(i.actual)), ("span", encode(i.span)),
                ])
            })),
            ("span", encode(p.span)),
        ])
    }

    public static func encode(_ d: Diagnostic) -> JSON {
        .object([
            ("severity", .string(d.severity.rawValue)), ("code", .string(d.code)), ("message", .string(d.message)),
            ("span", d.span.map(encode) ?? .null),
        ])
    }
}
