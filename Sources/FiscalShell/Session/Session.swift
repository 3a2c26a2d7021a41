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
        context.sources["check"] = { context in Checker.run(context.reports, language: language.value) }
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

    /// The loaded reports.
    public var reports: [Report] { context.reports }

    /// Loads files and folders; on failure nothing already loaded changes.
    @discardableResult
    public func load(_ paths: [String]) throws(LoadError) -> FormatResult {
        let result = try registry.load(paths: paths, format: forcedFormat)
        context.reports += result.reports
        return result
    }

    /// Removes the `count` reports loaded last (a load the user interrupted).
    func dropLastLoaded(_ count: Int) {
        context.reports.removeLast(min(count, context.reports.count))
    }

    /// Loads the paths a command line names, writing warnings and a load error to `console`;
    /// `false` when a file could not be read (the caller exits with ``ExitStatus/unreadableInput``).
    public func loadReporting(_ paths: [String], to console: Console) -> Bool {
        do {
            let loaded = try load(paths)
            for w in loaded.warnings { console.err(TerminalText.escaped(w.text(options.language)) + "\n") }
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

    /// Removes the reports whose entity, short name or source file is `name`; returns how many.
    @discardableResult
    public func unload(_ name: String) -> Int {
        let before = context.reports.count
        context.reports.removeAll { $0.entity == name || $0.shortName == name || $0.source == name }
        return before - context.reports.count
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
        let result = try Evaluator.evaluate(query, in: &context)
        lastResult = result
        lastBinding = query.binding?.text
        lastQuery = text
        if case .chart(let spec)? = query.pipeline.stages.last { lastChart = spec } else { lastChart = nil }
        return result
    }

    /// Runs a query without making it the last result (figures and handouts run their own);
    /// returns the result and the `chart` stage it ends with, if any.
    public func evaluate(_ text: String) throws(QueryError) -> (table: ResultTable, chart: ChartSpec?) {
        let query = try Parser.parse(Lexer.tokenize(text))
        let result = try Evaluator.evaluate(query, in: &context)
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

/// The session's language where a `@Sendable` closure needs it.
final class LanguageBox: @unchecked Sendable {
    var value: Language = .english
}
