/// One disclosure document read into the model: who, which year, which phase, and every
/// figure it states.
public struct Report: Sendable, Hashable {
    /// The 预算单位 (中共武胜县委员会办公室).
    public var entity: String
    /// The short name the text uses (县委办), when it uses one.
    public var shortName: String?
    /// The region (四川省武胜县, 上海市普陀区), when known.
    public var region: String?
    /// The fiscal year reported on.
    public var year: Int
    /// 决算 or 预算.
    public var phase: Phase
    /// The unit the document states amounts in.
    public var unit: MoneyUnit
    /// The file the report was read from.
    public var source: String
    /// The format plugin that read it.
    public var format: String?
    /// Every figure the report states: an array, or a range of shared columns whose facts are
    /// built when read (``FactList``).
    public var facts: FactList
    public var claims: [Claim]
    public var projects: [Project]
    public var glossary: [GlossaryEntry]
    /// What the reader could not place or had to guess, with places.
    public var warnings: [Diagnostic]
    /// The years the document's headings and titles name (`三、2023年度部门决算情况说明`), so
    /// `check` can hold them against ``year``.
    public var yearMentions: [YearMention] = []
    /// The documents the report was read from, each with the entity as it prints it: one,
    /// or several when a narrative and its separately published tables were merged
    /// (``ReportAssembly``). Empty for a report no host has registered yet (then ``source``
    /// and ``entity`` are the document's).
    public var documents: [ReportDocument] = []

    public init(
        entity: String, shortName: String? = nil, region: String? = nil, year: Int, phase: Phase,
        unit: MoneyUnit, source: String, format: String? = nil, facts: [Fact] = [], claims: [Claim] = [],
        projects: [Project] = [], glossary: [GlossaryEntry] = [], warnings: [Diagnostic] = []
    ) {
        self.entity = entity
        self.shortName = shortName
        self.region = region
        self.year = year
        self.phase = phase
        self.unit = unit
        self.source = source
        self.format = format
        self.facts = FactList(facts)
        self.claims = claims
        self.projects = projects
        self.glossary = glossary
        self.warnings = warnings
    }

    /// The name to show where space is short: the short name, else the entity.
    public var displayName: String { shortName ?? entity }
}

/// One document a report was read from (``Report/documents``).
public struct ReportDocument: Sendable, Hashable {
    /// The file.
    public var path: String
    /// The entity as this document prints it (provenance: the report's ``Report/entity`` is
    /// the canonical name, ``EntityIndex``).
    public var printedEntity: String
    /// The format that read it.
    public var format: String?
    /// A hash of the file's bytes and the report's place in it: equal digests are the same
    /// text read twice.
    public var digest: UInt64?

    public init(path: String, printedEntity: String, format: String? = nil, digest: UInt64? = nil) {
        self.path = path
        self.printedEntity = printedEntity
        self.format = format
        self.digest = digest
    }

    /// The ``DocumentDigest`` of `bytes`.
    public static func digest(of bytes: [UInt8]) -> UInt64 {
        var d = DocumentDigest()
        bytes.withUnsafeBufferPointer { d.add($0) }
        return d.value
    }

    /// A file's digest (``digest(of:)``) with `part` (which report of the file) mixed in.
    public static func digest(_ file: UInt64, part: Int) -> UInt64 {
        (file ^ UInt64(truncatingIfNeeded: part)) &* 0x0000_0100_0000_01B3
    }
}

/// A 64-bit digest of a file's bytes, fed in pieces of any size: the same bytes give the same
/// digest however they are cut (a file read in blocks, or whole). Eight bytes at a time, each
/// word xored in, multiplied and rotated, the length last: a byte-by-byte chain (FNV-1a, which
/// it replaces) took 1.5 s of a core for a 1.25 GB file, this a fifth of that. It tells the same
/// text read twice (``ReportDocument/digest``); it is no cryptographic hash, and not the
/// workspace's `content_hash` (FNV-1a, unchanged).
public struct DocumentDigest: Sendable {
    private var h: UInt64 = 0xcbf2_9ce4_8422_2325
    /// Bytes of a word not yet complete (little-endian), and how many.
    private var pending: UInt64 = 0
    private var pendingCount = 0
    private var length: UInt64 = 0

    public init() {}

    @inline(__always) private mutating func mix(_ word: UInt64) {
        let x = (h ^ word) &* 0x9E37_79B9_7F4A_7C15
        h = (x << 31) | (x >> 33)
    }

    /// Feeds the next bytes.
    public mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress else { return }
        let n = bytes.count
        length &+= UInt64(n)
        var i = 0
        if pendingCount > 0 {
            while pendingCount < 8, i < n {
                pending |= UInt64(base[i]) << (8 * pendingCount)
                pendingCount += 1
                i += 1
            }
            guard pendingCount == 8 else { return }
            mix(pending)
            (pending, pendingCount) = (0, 0)
        }
        while i + 8 <= n {
            mix(UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)))
            i += 8
        }
        while i < n {
            pending |= UInt64(base[i]) << (8 * pendingCount)
            pendingCount += 1
            i += 1
        }
    }

    /// The digest of the bytes fed so far.
    public var value: UInt64 {
        var d = self
        if d.pendingCount > 0 { d.mix(d.pending) }
        d.mix(d.length)
        var x = d.h
        x ^= x >> 33
        x &*= 0xFF51_AFD7_ED55_8CCD
        x ^= x >> 33
        return x
    }
}

extension Report {
    /// ``documents``, or the one document ``source`` and ``entity`` describe when none is recorded.
    public var sourceDocuments: [ReportDocument] {
        documents.isEmpty ? [ReportDocument(path: source, printedEntity: entity, format: format)] : documents
    }
}

/// A year a heading or title of a report names, where.
public struct YearMention: Sendable, Hashable {
    public var year: Int
    /// The heading as written (for the finding's subject).
    public var text: String
    public var span: SourceSpan

    public init(year: Int, text: String, span: SourceSpan) {
        self.year = year
        self.text = text
        self.span = span
    }
}
