import FiscalQuery
import FiscalModel

/// A budget classification (功能分类) entry that completion can offer: `201 一般公共服务支出`.
public struct ClassificationName: Sendable, Hashable {
    public var code: String
    public var name: String

    public init(code: String, name: String) {
        self.code = code
        self.name = name
    }
}

/// Where classification names come from besides the loaded facts: the hook for the
/// classification catalog. Give a session one with ``Session/classificationCatalog``.
public typealias ClassificationSource = @Sendable () -> [ClassificationName]

/// One entry of a folder, for completing paths.
public struct DirectoryEntry: Sendable, Hashable {
    public var name: String
    public var isDirectory: Bool

    public init(name: String, isDirectory: Bool) {
        self.name = name
        self.isDirectory = isDirectory
    }
}

/// Everything Tab can offer. Pure data plus a folder-listing function, so that completion is
/// a pure function tests can drive without a terminal.
public struct CompletionVocabulary: Sendable {
    /// Query keywords and stage names.
    public var keywords: [String] = QueryWords.keywords
    /// Field names, English and Chinese.
    public var fields: [String] = QueryWords.fields
    /// Meta-commands with the colon, and what each takes as arguments.
    public var commands: [String: ArgumentCompletion] = [:]
    public var helpTopics: [String] = []
    /// Entities, short names and files of the loaded reports.
    public var reportNames: [String] = []
    /// Classification names and codes (loaded facts, then the catalog).
    public var classifications: [ClassificationName] = []
    /// Names made with `let`.
    public var bindings: [String] = []
    /// Lists a folder (`""` is the current folder).
    public var listDirectory: @Sendable (String) -> [DirectoryEntry] = { _ in [] }

    public init() {}
}

/// The words of the query language, for completion: taken from the query engine's own lists
/// (its keywords, aggregate functions, the `facts` columns and their Chinese aliases), so a
/// word added to the language is offered without touching the shell.
public enum QueryWords {
    public static let keywords: [String] =
        ["facts", "warnings", "check", "source", "explain", "count"] + Keyword.allCases.map(\.rawValue)
        + Aggregate.allCases.map(\.rawValue)
    public static let fields: [String] = {
        var names = FactTable.columns.map(\.name) + ["类", "款", "项"]
        for (alias, canonical) in FieldNames.aliases.sorted(by: { $0.key < $1.key })
        where names.contains(canonical) && !alias.allSatisfy(\.isASCII) {
            names.append(alias)
        }
        return names
    }()
}

extension CompletionVocabulary {
    /// The vocabulary of a session: its commands, reports, items and codes, and the catalog.
    public static func of(_ session: Session, commands: MetaCommandTable,
                          listDirectory: @escaping @Sendable (String) -> [DirectoryEntry] = FolderListing.list) -> CompletionVocabulary {
        var v = CompletionVocabulary()
        for c in commands.commands {
            for spelling in [c.name] + c.aliases { v.commands[":" + spelling] = c.completion }
        }
        v.helpTopics = HelpText.topics(commands)
        v.reportNames = ReportsTable.names(session)
        var seen = Set<ClassificationName>()
        // Classification names are the items of classified facts (not 一般公务用车 or other
        // uncoded items), then the catalog's names.
        for report in session.reports {
            for fact in report.facts {
                guard let code = fact.code else { continue }
                let entry = ClassificationName(code: code.rawValue, name: fact.item)
                if seen.insert(entry).inserted { v.classifications.append(entry) }
            }
        }
        for entry in session.classificationCatalog?() ?? [] where seen.insert(entry).inserted {
            v.classifications.append(entry)
        }
        v.bindings = session.context.bindings.keys.sorted()
        v.listDirectory = listDirectory
        return v
    }
}
