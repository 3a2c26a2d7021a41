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

/// The words of the query language, for completion.
///
/// The query branch owns the lexer; until it exports its keyword list this mirrors it.
public enum QueryWords {
    public static let keywords = [
        "facts", "warnings", "where", "group", "agg", "sort", "limit", "top", "share", "select", "derive", "drill",
        "compare", "let", "with", "by", "sum", "count", "avg", "min", "max", "under", "and", "or", "not", "in", "desc",
        "asc", "depth",
    ]
    public static let fields = [
        "year", "年度", "entity", "单位", "phase", "阶段", "statement", "表", "item", "科目", "code", "编码", "econ_code",
        "fund", "资金来源", "column", "amount", "金额", "unit", "类", "款", "项", "file", "line",
    ]
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
        v.reportNames = ReportsTable.names(session.reports)
        var seen = Set<ClassificationName>()
        for report in session.reports {
            for fact in report.facts {
                let entry = ClassificationName(code: fact.code?.rawValue ?? "", name: fact.item)
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
