import FiscalModel

/// A source another module registers: given the context, it returns a table
/// (e.g. the checks module registers `check` so that `check | where severity = "error"` works).
public typealias QuerySource = @Sendable (QueryContext) throws -> ResultTable

/// What a query runs against: the loaded reports, the named results made with `let`,
/// extra sources other modules register, and the hook that names classification codes.
public struct QueryContext: Sendable {
    /// The loaded reports. Changing them drops the cached columnar fact store.
    public var reports: [Report] {
        didSet { store = nil }
    }
    /// Results named with `let name = …`; a name is usable as a source.
    public var bindings: [String: ResultTable]
    /// Extra sources by name, looked up after `let` bindings and before the built-in
    /// `facts` and `warnings`. An error a source throws is reported at the source's name.
    public var sources: [String: QuerySource]
    /// The name of a classification code (`201` → 一般公共服务支出), e.g. from the
    /// classification catalog. When it returns `nil`, names come from the facts' items.
    public var codeName: @Sendable (ClassificationCode) -> String?
    /// The code a classification name stands for (`一般公共服务支出` → 201), for
    /// `drill NAME`; the shell sets it to the catalog's resolver. Names the facts write are
    /// tried after it.
    public var codeForName: @Sendable (String) -> ClassificationCode? = { _ in nil }
    /// Whether the user asked to stop (Ctrl-C in the shell). The evaluator looks between
    /// stages and every 65,536 rows of its long loops, and stops with an `interrupted` error.
    public var isCancelled: @Sendable () -> Bool = { false }

    /// Totals named by a template's labels and the items that add up to them (本年收入合计 and
    /// its sources, 公务用车购置及运行维护费 and 购置费 + 运行维护费 …): a sum that holds a total
    /// and one of its parts is refused. The shell sets it from the check's sum relations.
    public var namedTotals: [NamedTotal] = []

    /// The ways a statement breaks down one total (by source, by 类, by use, …): a sum holding
    /// rows of two of them is refused (``Breakdown``).
    public var breakdowns: [Breakdown] = Breakdown.standard

    /// The language the evaluator writes its notes in (errors carry catalogue messages and
    /// are written at the edge). The shell keeps it equal to its `lang` setting.
    public var language: Language = .english

    /// The columnar form of every fact, built once per set of reports.
    var store: FactStore?

    /// How many threads filters, groupings and sums use (`FISCAL_THREADS`, else every core).
    /// 1 runs every stage on the calling thread; the results are the same either way.
    public var threads: Int = Parallel.threadCount
    /// The fewest rows one thread takes: fewer rows than twice this run on one thread. Tests
    /// lower it to run the parallel paths on small tables.
    var minimumRowsPerThread = 65_536

    /// The row ranges a stage over `count` rows splits into.
    func rowRanges(_ count: Int) -> [Range<Int>] {
        threads <= 1 ? (count == 0 ? [] : [0..<count]) : Parallel.ranges(count, minimum: minimumRowsPerThread, parts: threads * 2)
    }

    public init(
        reports: [Report] = [], bindings: [String: ResultTable] = [:], sources: [String: QuerySource] = [:],
        codeName: @escaping @Sendable (ClassificationCode) -> String? = { _ in nil }
    ) {
        self.reports = reports
        self.bindings = bindings
        self.sources = sources
        self.codeName = codeName
    }

    /// Builds the columnar fact store now if it is not built yet (queries do this on demand;
    /// the shell may call it after loading so that the first query answers quickly).
    public mutating func prepare() {
        if store == nil { store = FactStore(reports, threads: threads, minimumFactsPerThread: minimumRowsPerThread) }
    }
}

/// A total a template names and the items that add up to it (``QueryContext/namedTotals``).
public struct NamedTotal: Sendable, Hashable {
    /// The statement the total and its parts are in; `nil` for any.
    public var statement: String?
    public var totals: [String]
    public var parts: [String]

    public init(statement: String?, totals: [String], parts: [String]) {
        self.statement = statement
        self.totals = totals
        self.parts = parts
    }

    /// A label as compared: normalised (``FiscalModel/FactKey/normalize(_:)``), without the
    /// 支出决算 / 支出 / 决算 a narrative adds (`公务接待费支出决算` is `公务接待费`).
    public static func stem(_ label: String) -> String {
        var s = FactKey.normalize(label)
        for suffix in ["支出决算", "决算", "支出"] where s.hasSuffix(suffix) && s.count > suffix.count + 1 {
            s.removeLast(suffix.count)
            break
        }
        return s
    }
}
