import BuiltinFormats
import FiscalCheck
import FiscalFormat
import FiscalModel
import FiscalQuery

/// The state of one fiscal session: the formats, what is loaded, named results, and how
/// results are shown. Interactive shells, scripts and `-e` all run through a session.
public final class Session {
    public var registry: FormatRegistry
    public private(set) var context: QueryContext
    public var options: RenderOptions {
        didSet {
            language.value = options.language
            context.language = options.language
        }
    }
    /// The language, for the `check` source (a closure that cannot hold the session).
    private let language = LanguageBox()
    /// The reports as the checks see them (``ReportAssembly/checked``), for the `check` source.
    private let checked = ReportsBox()
    /// How the shell behaves around results: timing, echo, pager, width.
    public var shell = ShellSettings()
    /// What has been written of an output document (`-o markdown`, `-o html`).
    public let document = DocumentSink()
    /// The result of the last query, for `:save`.
    public private(set) var lastResult: ResultTable?
    /// The format named with `--format`, used for every load.
    public var forcedFormat: String?
    /// Classification names and codes for completion beyond those of the loaded facts: the hook
    /// for the classification catalog (功能分类科目).
    public var classificationCatalog: ClassificationSource? = Session.catalogNames

    public init(registry: FormatRegistry = BuiltinFormats.registry, options: RenderOptions = RenderOptions()) {
        self.registry = registry
        self.context = QueryContext(codeName: Session.catalogName)
        context.codeForName = { name in
            for catalog in [ClassificationCatalog.functional, .economic] {
                for level in ClassificationCode.Level.allCases {
                    if let code = catalog.resolve(name, level: level) { return code }
                }
            }
            return nil
        }
        // Sums refuse a named total with its parts (本年收入合计 and its sources, 公务用车购置及
        // 运行维护费 and 购置费 …): the check's sum relations are the template's knowledge.
        context.namedTotals = SumRelation.standard.compactMap { r in
            guard case .items(let parts) = r.parts else { return nil }
            return NamedTotal(statement: r.statement?.rawValue, totals: r.total, parts: parts)
        }
        // Ctrl-C in the shell sets the interrupt flag; a running query stops at its next look.
        context.isCancelled = { Interrupt.happened }
        // `check` is a source like `facts`: `check | where severity = "error" | count`.
        let language = self.language
        language.value = options.language
        // It checks each report with the figures its own documents state (``ReportAssembly/checked``).
        let checked = self.checked
        context.sources["check"] = { _ in Checker.run(checked.value, language: language.value) }
        // `glossary`: the reports' 名词解释 and fiscal's own, with citations.
        context.sources["glossary"] = { context in Glossary.table(context.reports) }
        self.options = options
        context.language = options.language
    }

    /// The catalog's name for a code: functional codes start with 2 (201 一般公共服务支出),
    /// economic ones with 3 or 5 (301 工资福利支出).
    @Sendable static func catalogName(_ code: ClassificationCode) -> String? {
        let catalog = code.rawValue.hasPrefix("2") ? ClassificationCatalog.functional : ClassificationCatalog.economic
        return catalog.name(of: code)
    }

    /// Every functional classification the catalog names, for completion after `drill`.
    @Sendable static func catalogNames() -> [ClassificationName] {
        ClassificationCatalog.functional.entries.map { ClassificationName(code: $0.code.rawValue, name: $0.name) }
    }

    /// The loaded reports: the documents read, assembled (``ReportAssembly``): entities made
    /// canonical, repeats skipped, a narrative and its tables merged.
    public var reports: [Report] { context.reports }

    /// The reports as the checks see them: each with every figure its own documents state,
    /// the 上年 figures another loaded report states too included (``ReportAssembly/checked``).
    public var checkedReports: [Report] { assembly.checked }

    /// The reports as each document was read, in load order (what ``reports`` is assembled from).
    public private(set) var documents: [Report] = []
    /// How ``documents`` became ``reports``, and the entities.
    public private(set) var assembly = ReportAssembly([])

    /// The user's entity aliases (`:alias`); changing them assembles the reports again.
    public var aliases = EntityAliases() {
        didSet { reassemble() }
    }
    /// The file `:alias` keeps the aliases in (``AliasFile``); `nil` keeps them for the session only.
    public var aliasFile: String?

    /// Loads files and folders, and opens stores (a workspace, a database URL) that one of
    /// ``stores`` recognises, all or nothing: when any file fails, nothing already loaded
    /// changes and the first failure is thrown. The result's reports are the documents read
    /// (before merging: ``loadOutcome(of:)`` says what became of each). The shell loads with
    /// ``loadAll(_:progress:)`` instead, which keeps the files that could be read.
    @discardableResult
    public func load(_ paths: [String]) throws(LoadError) -> FormatResult {
        let batch = read(paths)
        if let failure = batch.failures.first { throw failure }
        keep(batch)
        return batch.result
    }

    /// Adds what a load read to the session: its documents, and its stores (for `source` and
    /// the SQL engine).
    func keep(_ batch: LoadBatch) {
        let result = batch.result, opened = batch.stores
        for store in opened {
            sourceCache.providers.append(store.sourceText)
            openStore = (store.executor, store.location)
            storeOnly = store.resident ? nil : store.location
        }
        // The SQL engine answers for the store's reports only: right while nothing else is loaded.
        if opened.count == 1 && documents.isEmpty && result.reports.count == opened[0].reports.count {
            storeHoldsEverything = true
        } else if !result.reports.isEmpty || !opened.isEmpty {
            storeHoldsEverything = false
        }
        documents += result.reports
        reassemble()
        FreedMemory.release()
    }

    /// Whether loads draw a progress line on standard error (a terminal; set by ``Launcher``).
    public var showsLoadProgress = false
    /// What opens workspaces and databases (FiscalStore's openers, handed in by the executable).
    public var stores: [any ReportStoreOpener] = []
    /// Where queries run (`--engine`, `:set engine`).
    public var engine: QueryEngineChoice = .memory
    /// The store opened last, whose SQL engine `--engine sql` uses.
    public private(set) var openStore: (executor: any QueryExecutor, location: String)?
    /// Whether the loaded reports are exactly the open store's (nothing else loaded, nothing unloaded).
    private var storeHoldsEverything = false
    /// The open store's location when it was opened without its reports in memory
    /// (``OpenedStore/resident``): every query runs in it, or not at all.
    public private(set) var storeOnly: String?

    /// What became of the last `count` documents loaded (``load(_:)``): kept as a report,
    /// merged into another document's report, or skipped as a repeat.
    public func loadOutcome(ofLast count: Int) -> LoadOutcome {
        LoadOutcome(assembly: assembly, documents: documents, range: max(0, documents.count - count)..<documents.count)
    }

    /// Assembles ``documents`` into ``reports`` again.
    func reassemble() {
        assembly = ReportAssembly(documents, aliases: aliases)
        context.reports = assembly.reports
        checked.value = assembly.checked
    }

    /// Loads the paths a command line names, writing warnings and a load error to `console`;
    /// `false` when a file could not be read (the caller exits with ``ExitStatus/unreadableInput``).
    public func loadReporting(_ paths: [String], to console: Console) -> Bool {
        do {
            let loaded = try load(paths)
            for w in loaded.warnings { console.err(TerminalText.escaped(w.text(options.language)) + "\n") }
            for note in loadOutcome(ofLast: loaded.reports.count).notes(options.language) {
                console.err(Message(.notePrefix, TerminalText.escaped(note)).text(options.language) + "\n")
            }
            return true
        } catch {
            console.err(ErrorReport.render(error, language: options.language))
            return false
        }
    }

    /// The text of a script file (UTF-8 or GB18030), or `nil` after writing why it cannot be read.
    public static func readScript(_ path: String, console: Console, language: Language = .english) -> String? {
        do {
            let bytes = try FileSystem.read(path)
            guard let source = SourceText(bytes: bytes, path: path) else {
                console.err(ErrorReport.render(Message(.scriptNotText, TerminalText.escaped(path)), language: language))
                return nil
            }
            return source.text
        } catch {
            console.err(ErrorReport.render(error, language: language))
            return nil
        }
    }

    /// Removes the reports of the entity `name` means (``EntityIndex/match(_:)``: a printed
    /// name, alias or short name, whole or its beginning, region left out) or read from the
    /// file `name`; returns how many reports went.
    @discardableResult
    public func unload(_ name: String) throws(EntityLookupError) -> Int {
        let before = context.reports.count
        if documents.contains(where: { $0.source == name }) {
            documents.removeAll { $0.source == name }
        } else {
            let entity = try resolveEntity(name)
            let assignment = assembly.entities.assignment
            documents = documents.indices.filter { assignment[$0] != entity }.map { documents[$0] }
        }
        reassemble()
        if before != context.reports.count { storeHoldsEverything = false }
        return before - context.reports.count
    }

    /// The entity a typed name means, by index into ``assembly``'s entities.
    public func resolveEntity(_ name: String) throws(EntityLookupError) -> Int {
        let typed = name.trimmedWhitespace
        guard !typed.isEmpty else { throw .none(name) }
        switch assembly.entities.match(typed) {
        case .one(let e): return e
        case .ambiguous(let names): throw .ambiguous(name, names)
        case .none: throw .none(name)
        }
    }

    /// Source files read once, for `source`.
    public let sourceCache = SourceCache()

    /// Whether `text` reads as a query rather than a term: it has stages, or starts with a
    /// source (`facts`, `drill`, `check`, a `let` name, …).
    public func looksLikeQuery(_ text: String) -> Bool {
        if text.contains("|") { return true }
        let first = String(text.prefix { !$0.isWhitespace })
        let sources = ["facts", "warnings", "drill", "let", "事实", "警告"] + Array(context.sources.keys) + Array(context.bindings.keys)
        return sources.contains(first)
    }

    /// How a query would be evaluated (``QueryEngine/explain(_:in:)``); binds nothing.
    public func explain(_ text: String) throws(QueryError) -> ResultTable {
        try QueryEngine.explain(text, in: &context)
    }

    /// Runs one query and remembers its result.
    public func query(_ text: String) throws(QueryError) -> ResultTable {
        let query = try Parser.parse(Lexer.tokenize(text))
        let result = try run(query)
        defer { FreedMemory.release() }
        lastResult = result
        lastBinding = query.binding?.text
        lastQuery = text
        if case .chart(let spec)? = query.pipeline.stages.last { lastChart = spec } else { lastChart = nil }
        return result
    }

    /// `query` on the chosen engine: in SQL when `--engine sql` and the store can translate it,
    /// else in memory (with a note saying which part could not run in SQL).
    func run(_ query: Query) throws(QueryError) -> ResultTable {
        if let only = storeOnly, let store = openStore {
            // Nothing is in memory to run it on, or to add to what the store answers.
            guard documents.isEmpty else { throw QueryError(Message(.engineStoreMixed, only)) }
            switch try store.executor.execute(query, in: context) {
            case .table(let table): return table
            case .notCompiled(let stage, let reason): throw QueryError(Message(.engineStoreOnly, stage, reason))
            }
        }
        guard engine == .sql else { return try Evaluator.evaluate(query, in: &context) }
        guard let store = openStore else { throw QueryError(Message(.engineNeedsStore)) }
        guard storeHoldsEverything else {
            var table = try Evaluator.evaluate(query, in: &context)
            table.notes.append(Message(.engineFellBack, "the source", Message(.engineOtherReports)).text(options.language))
            return table
        }
        // The store's assembled facts are what assembling its documents gives without user
        // aliases; the documents as read are the reports only when assembling changed nothing.
        let stored = store.executor.assembledFactCount
        let sameFacts: Bool
        if let stored {
            sameFacts = aliases.isEmpty && stored == assembly.reports.reduce(0) { sum, r in sum + r.facts.count }
        } else {
            sameFacts = assembly.reports == documents
        }
        guard sameFacts else {
            var table = try Evaluator.evaluate(query, in: &context)
            let why = Message(stored == nil ? .engineAssembled : !aliases.isEmpty ? .engineAliases : .engineStale)
            table.notes.append(Message(.engineFellBack, "the source", why).text(options.language))
            return table
        }
        switch try store.executor.execute(query, in: context) {
        case .table(let table):
            return table
        case .notCompiled(let stage, let reason):
            var table = try Evaluator.evaluate(query, in: &context)
            table.notes.append(Message(.engineFellBack, stage, reason).text(options.language))
            return table
        }
    }

    /// Runs a query without making it the last result (figures and handouts run their own);
    /// returns the result and the `chart` stage it ends with, if any.
    public func evaluate(_ text: String) throws(QueryError) -> (table: ResultTable, chart: ChartSpec?) {
        let query = try Parser.parse(Lexer.tokenize(text))
        // A store opened without its reports answers here too: in memory there is nothing.
        let result = storeOnly == nil ? try Evaluator.evaluate(query, in: &context) : try run(query)
        if case .chart(let spec)? = query.pipeline.stages.last { return (result, spec) }
        return (result, nil)
    }

    /// The statements that ran successfully, in order, for `:save lesson.html`.
    public private(set) var transcript: [String] = []

    /// Adds a statement to ``transcript`` (not `:save`, `:help`, `:history` or `:quit`).
    public func record(_ statement: String) {
        let first = statement.trimmedWhitespace.prefix { !$0.isWhitespace }
        guard ![":save", ":help", ":history", ":quit", ":q", ":exit", ":set"].contains(first) else { return }
        transcript.append(statement)
    }

    /// The text of the last query, for a chart's default title.
    public private(set) var lastQuery: String?
    /// The `chart` stage the last query ended with, `nil` when it drew nothing.
    public private(set) var lastChart: ChartSpec?

    /// The name the last query bound with `let`, `nil` when it bound none.
    public private(set) var lastBinding: String?
}

/// A typed entity name that names no loaded entity, or several.
public enum EntityLookupError: Error, Sendable, Equatable {
    case none(String)
    case ambiguous(String, [String])
}

/// The reports the checks run on, where a `@Sendable` closure needs them.
final class ReportsBox: @unchecked Sendable {
    var value: [Report] = []
}

/// The session's language where a `@Sendable` closure needs it.
final class LanguageBox: @unchecked Sendable {
    var value: Language = .english
}
