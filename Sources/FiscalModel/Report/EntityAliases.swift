/// The user's names for entities: `文旅局 = 上海市普陀区文化和旅游局` says that a report
/// printing (or a user typing) 文旅局 means 上海市普陀区文化和旅游局.
///
/// Kept one per line in the aliases file (`NAME = NAME`, `#` starts a comment), which the shell
/// reads at start-up and rewrites on `:alias` / `:unalias` (docs/shell.md). Names compare in
/// their normalised form (``EntityName``), so `中共江苏省委办公厅 = 省委办` also covers
/// 江苏省委办公厅.
public struct EntityAliases: Sendable, Hashable {
    /// One alias: the name, and the entity it stands for.
    public struct Entry: Sendable, Hashable {
        public var alias: String
        public var entity: String

        public init(alias: String, entity: String) {
            self.alias = alias
            self.entity = entity
        }
    }

    /// The aliases, in the order they were given.
    public private(set) var entries: [Entry] = []

    public init(_ entries: [Entry] = []) {
        for e in entries { set(e.alias, to: e.entity) }
    }

    /// Whether there are none.
    public var isEmpty: Bool { entries.isEmpty }

    /// Makes `alias` a name of `entity`, replacing an earlier alias of that name.
    public mutating func set(_ alias: String, to entity: String) {
        let key = EntityName(alias).key
        entries.removeAll { EntityName($0.alias).key == key }
        entries.append(Entry(alias: alias, entity: entity))
    }

    /// Removes the alias `alias`; `false` when there is none.
    @discardableResult
    public mutating func remove(_ alias: String) -> Bool {
        let key = EntityName(alias).key
        let before = entries.count
        entries.removeAll { EntityName($0.alias).key == key }
        return entries.count < before
    }

    /// The entity `name` stands for, following chains (a = b, b = c) and stopping at a cycle.
    public func target(of name: EntityName) -> EntityName? {
        var current = name
        var seen: Set<String> = [name.key]
        var found = false
        while let e = entries.first(where: { EntityName($0.alias).key == current.key }) {
            let next = EntityName(e.entity)
            guard seen.insert(next.key).inserted else { break }
            current = next
            found = true
        }
        return found ? current : nil
    }

    /// A problem on one line of an aliases file.
    public struct LineError: Sendable, Hashable {
        public var line: Int
        public var text: String
    }

    /// Reads an aliases file: one `NAME = NAME` a line; blank lines and `#` comments are
    /// skipped. Lines that are neither are returned as errors (the others still count).
    public static func parse(_ text: String) -> (aliases: EntityAliases, errors: [LineError]) {
        var aliases = EntityAliases()
        var errors: [LineError] = []
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.prefix { $0 != "#" }
            guard line.contains(where: { !$0.isWhitespace }) else { continue }
            if let (a, e) = assignment(String(line)) {
                aliases.set(a, to: e)
            } else {
                errors.append(LineError(line: n + 1, text: String(raw)))
            }
        }
        return (aliases, errors)
    }

    /// `NAME = NAME` split in two trimmed non-empty names (`＝` counts as `=`).
    public static func assignment(_ text: String) -> (alias: String, entity: String)? {
        guard let eq = text.firstIndex(where: { $0 == "=" || $0 == "＝" }) else { return nil }
        let a = trimmed(text[..<eq]), e = trimmed(text[text.index(after: eq)...])
        guard !a.isEmpty, !e.isEmpty, !e.contains("="), !e.contains("＝") else { return nil }
        return (a, e)
    }

    /// The file's text: a header comment and one line per alias.
    public var fileText: String {
        "# fiscal entity aliases: NAME = NAME (written by :alias)\n"
            + entries.map { "\($0.alias) = \($0.entity)\n" }.joined()
    }

    static func trimmed(_ s: Substring) -> String {
        String(s.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
