import FiscalModel

/// Where a fact sits in the functional classification: from its `code` (`2013101` →
/// `201`, `20131`, `2013101`), or else from an item written with the template's markers
/// (`一般公共服务（类）党委办公厅（室）及相关机构事务（款）行政运行支出（项）`).
///
/// Names are compared without markers, list numbers and a trailing `支出`, so the 类 of
/// `卫生健康支出（类）…` is the fact `卫生健康支出`.
struct ClassPath: Hashable {
    /// The nodes from the 类 down, each a level and a key (code digits or a name).
    var nodes: [(level: ClassificationCode.Level, key: String)]

    static func == (a: ClassPath, b: ClassPath) -> Bool { a.id == b.id }
    func hash(into h: inout Hasher) { h.combine(id) }

    var id: String { nodes.map { "\($0.level.name):\($0.key)" }.joined(separator: "/") }
    var level: ClassificationCode.Level { nodes.last!.level }
    /// The path one node up, `nil` for a 类.
    var parent: ClassPath? { nodes.count > 1 ? ClassPath(nodes: Array(nodes.dropLast())) : nil }
    var classKey: ClassPath { ClassPath(nodes: [nodes[0]]) }

    /// The path of a fact, when it has a code or markers.
    init?(_ fact: Fact) {
        if let code = fact.code {
            nodes = code.lineage.map { ($0.level, $0.rawValue) }
            return
        }
        var rest = Substring(Label.normalize(fact.item))
        rest = rest.drop { $0.isNumber || $0 == "." || $0 == "、" || $0 == "．" }
        var found: [(level: ClassificationCode.Level, key: String)] = []
        let markers: [(String, ClassificationCode.Level)] = [("（类）", .lei), ("（款）", .kuan), ("（项）", .xiang)]
        while true {
            var next: (Range<Substring.Index>, ClassificationCode.Level)?
            for (marker, level) in markers {
                if let r = rest.firstRange(of: marker), next == nil || r.lowerBound < next!.0.lowerBound { next = (r, level) }
            }
            guard let (range, level) = next else { break }
            let name = ClassPath.key(String(rest[..<range.lowerBound]))
            // Templates sometimes repeat the 类 (`一般公共服务（类）一般公共服务（类）…`).
            if !(found.last.map { $0.level == level && $0.key == name } ?? false) { found.append((level, name)) }
            rest = rest[range.upperBound...]
        }
        guard !found.isEmpty, found[0].level == .lei else { return nil }
        nodes = found
    }

    init(nodes: [(level: ClassificationCode.Level, key: String)]) { self.nodes = nodes }

    /// A name as a key: without a trailing 支出.
    static func key(_ name: String) -> String {
        name.hasSuffix("支出") && name.count > 2 ? String(name.dropLast(2)) : name
    }

    /// The facts of `members` that stand for a whole 类: a 3-digit code, an item ending in
    /// `（类）` (or `（类）支出`), or an unmarked item named like the 类 of a marked 款/项.
    static func classFacts(_ members: [(index: FactIndex, fact: Fact)]) -> Set<FactIndex> {
        var result = Set<FactIndex>()
        var namedClasses = Set<String>()
        for m in members {
            guard let p = ClassPath(m.fact) else { continue }
            if p.nodes.count == 1 { result.insert(m.index) } else if m.fact.code == nil { namedClasses.insert(p.nodes[0].key) }
        }
        for m in members where m.fact.code == nil && ClassPath(m.fact) == nil {
            if namedClasses.contains(key(Label.normalize(m.fact.item))) { result.insert(m.index) }
        }
        return result
    }

    /// The path of a fact, counting an unmarked item named like a known 类 as that 类.
    static func of(_ fact: Fact, classes: Set<String>) -> ClassPath? {
        if let p = ClassPath(fact) { return p }
        let k = key(Label.normalize(fact.item))
        return classes.contains(k) ? ClassPath(nodes: [(.lei, k)]) : nil
    }
}

/// 项 add up to their 款, and 款 (or, where no 款 is stated, 项) to their 类.
public struct ClassificationRule: CheckRule {
    public let id = "classification"
    public let summary = "项 add up to their 款, 款 (or 项 when no 款 is stated) to their 类"

    public init() {}

    public func check(_ report: Report) -> [Finding] {
        var findings: [Finding] = []
        for (_, group) in report.statedGroups() {
            for statement in Set(group.map(\.fact.statement)).sorted() {
                findings += check(group.filter { $0.fact.statement == statement }, report)
            }
        }
        return findings
    }

    func check(_ members: [(index: FactIndex, fact: Fact)], _ report: Report) -> [Finding] {
        let namedClasses = Set(members.compactMap { m -> String? in
            guard m.fact.code == nil, let p = ClassPath(m.fact), p.nodes.count > 1 else { return nil }
            return p.nodes[0].key
        })
        var byPath: [ClassPath: [(index: FactIndex, fact: Fact)]] = [:]
        for m in members {
            if let p = ClassPath.of(m.fact, classes: namedClasses) { byPath[p, default: []].append(m) }
        }
        guard byPath.count > 1 else { return [] }
        var findings: [Finding] = []
        for (path, facts) in byPath.sorted(by: { $0.key.id < $1.key.id }) where path.level < .xiang {
            let children = byPath.keys.filter { $0.parent == path }
            var partPaths = children
            if partPaths.isEmpty && path.level == .lei {
                // No 款 stated: the 项 of the 类 stand in for them.
                partPaths = byPath.keys.filter { $0.level == .xiang && $0.classKey == path }
            }
            guard !partPaths.isEmpty else { continue }
            let partFacts = partPaths.flatMap { byPath[$0]! }
            guard let firstLine = partFacts.map(\.fact.span.line).min(),
                  let total = nearest(facts, to: firstLine) else { continue }
            let parts = partPaths.compactMap { nearest(byPath[$0]!, to: total.fact.span.line) }
                .sorted { $0.fact.span < $1.fact.span }
            let levelName = partPaths.first!.level.name
            let check = SumCheck(
                report: report, rule: id, subject: Message(.checkSubjectLevel, total.fact.item, path.level.name, levelName),
                total: total.index, parts: parts.map(\.index))
            guard var f = check.finding() else { continue }
            // A list item the reader could not classify, written between the total and its last
            // part, may be the missing part: the sum cannot say the report is wrong.
            let lines = ([total] + parts).map(\.fact.span.line)
            if f.severity == .error, let lo = lines.min(), let hi = lines.max(),
               let unplaced = members.first(where: { $0.fact.code == nil && ClassPath.of($0.fact, classes: namedClasses) == nil
                   && $0.fact.span.line > lo && $0.fact.span.line <= hi && $0.fact.span.line != total.fact.span.line }) {
                f.severity = .unsure
                f.detailText = f.detailText + Message(.checkUnsureUnclassified, unplaced.fact.item, unplaced.fact.amount, unplaced.fact.span.line)
            }
            findings.append(f)
        }
        return findings
    }
}

/// Breakdowns written as paths add up: a fact whose item is `X/Y` is a part of the fact
/// `X` of the same statement and group (`国内公务接待费/省市领导来武胜调研`, `职工/在编职工`).
public struct BreakdownRule: CheckRule {
    public let id = "breakdown"
    public let summary = "a breakdown `X/part` adds up to `X` (reception details, staff, other 其中 lists)"

    public init() {}

    public func check(_ report: Report) -> [Finding] {
        var findings: [Finding] = []
        for (_, group) in report.statedGroups() {
            var children: [String: [(index: FactIndex, fact: Fact)]] = [:]
            for m in group {
                let item = Label.normalize(m.fact.item)
                guard let slash = item.lastIndex(of: "/") else { continue }
                children[m.fact.statement.rawValue + "\u{1}" + item[..<slash], default: []].append(m)
            }
            for (key, parts) in children.sorted(by: { $0.key < $1.key }) {
                let totals = group.filter { $0.fact.statement.rawValue + "\u{1}" + Label.normalize($0.fact.item) == key }
                guard let total = nearest(totals, to: parts.map(\.fact.span.line).min()!) else { continue }
                let distinct = distinctByItem(parts, near: total.fact.span.line)
                let check = SumCheck(
                    report: report, rule: id, subject: Message(.checkSubjectBreakdown, total.fact.item),
                    total: total.index, parts: distinct.map(\.index))
                if let f = check.finding() { findings.append(f) }
            }
        }
        return findings
    }
}
