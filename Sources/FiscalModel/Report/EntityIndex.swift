/// The entities a set of printed names stands for, and the one place a typed name is matched
/// against them.
///
/// Names are grouped by their normalised key (``EntityName``) after the user's aliases; a name
/// whose region is missing or shorter joins the one entity with a longer region and the same
/// rest, and stays apart when there are several. Each entity is shown under one of its printed
/// names: the one with the longest region, then the one most documents print, then the first.
public struct EntityIndex: Sendable {
    /// One entity.
    public struct Entity: Sendable, Hashable {
        /// The canonical name (one of the printed names, or the name an alias points to).
        public var name: String
        /// Every name printed for it, in the order first seen.
        public var printed: [String]
        /// The user's aliases of it.
        public var aliases: [String]
        /// The short names the reports give it (县委办).
        public var shortNames: [String]
        /// Every name it answers to, normalised.
        var forms: [EntityName]
    }

    /// One name to place: as printed, with the region its report states elsewhere and its
    /// short name.
    public struct Input: Sendable, Hashable {
        public var printed: String
        public var regionHint: String?
        public var shortName: String?

        public init(printed: String, regionHint: String? = nil, shortName: String? = nil) {
            self.printed = printed
            self.regionHint = regionHint
            self.shortName = shortName
        }
    }

    /// The entities, in the order their first name was given.
    public private(set) var entities: [Entity] = []
    /// For each input, the index of its entity in ``entities``.
    public private(set) var assignment: [Int] = []

    /// Groups `inputs` into entities, `aliases` applied.
    public init(_ inputs: [Input], aliases: EntityAliases = EntityAliases()) {
        // Each input's name once the aliases are followed (worked out once per printed name and
        // hint: a file of 30,000 reports names a few thousand entities).
        // The distinct names are read on all cores (normalising a name is slow, and a load of
        // 30,000 reports waited for 3,000 of them on one core).
        struct Printed: Hashable { var printed: String, regionHint: String? }
        var distinct: [Printed] = []
        var distinctIndex: [Printed: Int] = [:]
        let inputIndex: [Int] = inputs.map { input in
            let p = Printed(printed: input.printed, regionHint: input.regionHint)
            if let known = distinctIndex[p] { return known }
            distinctIndex[p] = distinct.count
            distinct.append(p)
            return distinct.count - 1
        }
        let named: [(name: EntityName, resolved: EntityName)] = Parallel.map(distinct.count) { k in
            let name = EntityName(distinct[k].printed, regionHint: distinct[k].regionHint)
            return (name, aliases.target(of: name) ?? aliases.target(of: EntityName(distinct[k].printed)) ?? name)
        }
        let resolved: [EntityName] = inputIndex.map { named[$0].resolved }
        // The distinct keys, each with a name to read its region and rest from.
        var keys: [String] = []
        var nameOfKey: [String: EntityName] = [:]
        for n in resolved where nameOfKey[n.key] == nil {
            keys.append(n.key)
            nameOfKey[n.key] = n
        }
        // A weaker region joins the one stronger key with the same rest.
        var parent: [String: String] = [:]
        func root(_ k: String) -> String {
            var k = k
            while let p = parent[k] { k = p }
            return k
        }
        // The keys by the rest of their name: only keys with the same rest can be stronger (a
        // comparison with every other key made this quadratic in the entities).
        var keysOfLocal: [String: [String]] = [:]
        for key in keys { keysOfLocal[nameOfKey[key]!.local, default: []].append(key) }
        for key in keys.sorted(by: { (nameOfKey[$0]!.region?.count ?? 0) < (nameOfKey[$1]!.region?.count ?? 0) }) {
            let n = nameOfKey[key]!
            let readings = [n] + (n.wholeReading.map { [$0] } ?? [])
            var stronger: [EntityName] = []
            var candidates: [String] = []
            for reading in readings {
                for other in keysOfLocal[reading.local] ?? [] where other != key && !candidates.contains(other) {
                    candidates.append(other)
                }
            }
            for other in candidates {
                let o = nameOfKey[other]!
                if readings.contains(where: { $0.local == o.local && EntityName.isWeaker($0.region, than: o.region) }) {
                    stronger.append(o)
                }
            }
            // The strongest candidates; they must all be one place (a chain of weaker regions).
            let maximal = stronger.filter { s in !stronger.contains { EntityName.isWeaker(s.region, than: $0.region) } }
            let targets = Set(maximal.map { root($0.key) })
            if targets.count == 1, let target = targets.first, target != root(key) {
                parent[root(key)] = target
            }
        }
        // The entities, in input order.
        var entityOfRoot: [String: Int] = [:]
        var counts: [[String: Int]] = []
        var firstInput: [Int] = []
        for (i, input) in inputs.enumerated() {
            let r = root(resolved[i].key)
            let e: Int
            if let known = entityOfRoot[r] {
                e = known
            } else {
                e = entities.count
                entityOfRoot[r] = e
                entities.append(Entity(name: input.printed, printed: [], aliases: [], shortNames: [], forms: []))
                counts.append([:])
                firstInput.append(i)
            }
            assignment.append(e)
            if !entities[e].printed.contains(input.printed) {
                entities[e].printed.append(input.printed)
                entities[e].forms.append(named[inputIndex[i]].name)
            }
            if let s = input.shortName, !entities[e].shortNames.contains(s) {
                entities[e].shortNames.append(s)
                entities[e].forms.append(EntityName(s))
            }
            counts[e][input.printed, default: 0] += 1
        }
        for e in entities.indices {
            let target = root(resolved[firstInput[e]].key)
            // The printed name that says most, else the name an alias points to.
            let regionLength = { (p: String) in EntityName(p).region?.count ?? 0 }
            let targetName = nameOfKey[target]!
            let printedTarget = entities[e].forms.contains { $0.key == target || $0.local == targetName.local }
            if !printedTarget, aliases.entries.contains(where: { EntityName($0.entity).key == target }) {
                entities[e].name = targetName.printed
                entities[e].forms.append(targetName)
            } else {
                entities[e].name = entities[e].printed.enumerated().max { a, b in
                    let ra = regionLength(a.element), rb = regionLength(b.element)
                    if ra != rb { return ra < rb }
                    let ca = counts[e][a.element]!, cb = counts[e][b.element]!
                    if ca != cb { return ca < cb }
                    return a.offset > b.offset
                }!.element
            }
        }
        for entry in aliases.entries {
            let t = EntityName(entry.entity).key
            let a = EntityName(entry.alias)
            if let e = entities.indices.first(where: { e in entities[e].forms.contains { $0.key == t } || entities[e].name == entry.entity }) {
                if !entities[e].aliases.contains(entry.alias) { entities[e].aliases.append(entry.alias) }
                entities[e].forms.append(a)
            }
        }
    }

    /// The index of the entity named `name` exactly (a printed name, alias or short name).
    public func entity(named name: String) -> Int? {
        entities.indices.first { e in
            let x = entities[e]
            return x.name == name || x.printed.contains(name) || x.aliases.contains(name) || x.shortNames.contains(name)
        }
    }

    /// What a typed name matches (``match(_:)``).
    public enum Match: Sendable, Hashable {
        /// One entity (its index).
        case one(Int)
        /// Several; their canonical names.
        case ambiguous([String])
        /// None.
        case none
    }

    /// The entity a typed name means: one whose name (any printed name, alias or short name)
    /// is the typed name once normalised, region left out or shorter allowed (`财政局`,
    /// `普陀区财政局` for 上海市普陀区财政局); else one whose name begins with it, region
    /// left out (`规划` for 上海市普陀区规划和自然资源局). Several at the same step are
    /// ambiguous: fiscal never picks one.
    public func match(_ typed: String) -> Match {
        let t = EntityName(typed)
        let readings = [t] + (t.wholeReading.map { [$0] } ?? [])
        func exact(_ f: EntityName) -> Bool {
            f.printed == typed || readings.contains { r in
                f.key == r.key || (f.local == r.local && EntityName.compatible(f.region, r.region))
            }
        }
        func prefix(_ f: EntityName) -> Bool {
            f.printed.hasPrefix(typed) || readings.contains { r in
                f.key.hasPrefix(r.key) || (f.local.hasPrefix(r.local) && EntityName.compatible(f.region, r.region))
            }
        }
        for test in [exact, prefix] {
            let found = entities.indices.filter { e in entities[e].forms.contains(where: test) }
            if found.count == 1 { return .one(found[0]) }
            if found.count > 1 { return .ambiguous(found.map { entities[$0].name }) }
        }
        return .none
    }
}
