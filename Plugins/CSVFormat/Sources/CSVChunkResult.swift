import FiscalFormat
import FiscalModel

/// Where each column of the canonical CSV sits in a file's header (`-1`: absent).
struct CSVLayout: Sendable {
    var count: Int
    var entity = -1, year = -1, phase = -1, statement = -1, item = -1, code = -1, econCode = -1, fund = -1
    var measure = -1, column = -1, amount = -1, unit = -1, derived = -1, file = -1, line = -1

    init(_ names: [String]) {
        count = names.count
        func at(_ name: String) -> Int { names.firstIndex(of: name) ?? -1 }
        entity = at("entity"); year = at("year"); phase = at("phase"); statement = at("statement"); item = at("item")
        code = at("code"); econCode = at("econ_code"); fund = at("fund"); measure = at("measure"); column = at("column")
        amount = at("amount"); unit = at("unit"); derived = at("derived"); file = at("file"); line = at("line")
    }
}

/// Which report a row belongs to: rows of one entity, year and phase form one report.
struct CSVReportKey: Hashable {
    var entity: String
    var year: Int
    var phase: Phase
}

/// Consecutive rows of one report, read by one chunk: rows `rows` of its columns.
struct CSVRun {
    var key: CSVReportKey
    /// The unit of the run's first row: a new report takes it as its unit.
    var unitName: String
    var rows: Range<Int>
}

/// The facts one chunk read, as columns: the text dimensions as ids of the chunk's own
/// dictionaries (``CSVChunkReader``'s interners and value tables), merged into the file's
/// columns once every chunk is read (``CSVFormat/columns(_:)``).
/// Years are 16-bit (the reader accepts 1900–2200), the derived flag 8-bit; ids (16 bits for
/// entities, items and codes, 8 for the rest), mantissas, lines and end columns are narrow
/// until a value does not fit (``WideningColumn``): a chunk holds about 31 bytes a row.
struct CSVChunkColumns {
    typealias WideIDs = WideningColumn<Int16, Int32>
    typealias SmallIDs = WideningColumn<Int8, Int32>
    var entity = WideIDs(), year = ChunkColumn<Int16>(), phase = SmallIDs(), statement = SmallIDs(), item = WideIDs()
    var code = WideIDs(), econ = SmallIDs(), fund = SmallIDs(), measure = SmallIDs(), unit = SmallIDs()
    var derived = ChunkColumn<UInt8>(), mantissa = WideningColumn<Int64, Int128>(), scale = ChunkColumn<Int8>(), file = SmallIDs()
    var line = WideningColumn<Int32, Int>(), endColumn = WideningColumn<Int16, Int32>()
    var count: Int { year.count }

    mutating func reserve(_ n: Int) {
        entity.narrow.reserve(n); year.reserve(n); phase.narrow.reserve(n)
        statement.narrow.reserve(n); item.narrow.reserve(n); code.narrow.reserve(n)
        econ.narrow.reserve(n); fund.narrow.reserve(n); measure.narrow.reserve(n)
        unit.narrow.reserve(n); derived.reserve(n); mantissa.narrow.reserve(n)
        scale.reserve(n); file.narrow.reserve(n); line.narrow.reserve(n); endColumn.narrow.reserve(n)
    }
}

/// What one chunk of rows gave: runs of facts in columns, or the rows that are wrong.
struct CSVChunkResult {
    var runs: [CSVRun] = []
    var columns = CSVChunkColumns()
    var errors: [FormatError] = []
    var syntaxError: CSVSyntaxError?
    var rows = 0
    /// What a reader that checks its bytes (``CSVChunkReader/checking``) met: a quote (the
    /// chunk is not read on: quoted fields may hold line ends, which chunks do not allow for),
    /// bytes that are not text (it stopped there), and how many line ends it read.
    var sawQuote = false, notText = false, lineEnds = 0
    /// The chunk's dictionaries: per id of its columns, the value.
    var entities: [String] = [], phases: [Phase] = [], statements: [Statement] = [], items: [String] = []
    var codes: [ClassificationCode?] = [], econCodes: [ClassificationCode?] = [], funds: [Fund?] = []
    var measures: [Measure] = [], units: [FactUnit] = [], files: [String] = []
}
