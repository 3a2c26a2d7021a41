import FiscalModel

/// The English names of fields and their Chinese aliases.
public enum FieldNames {
    /// Alias → the column name it stands for.
    public static let aliases: [String: String] = [
        "年度": "year", "年份": "year", "单位": "entity", "阶段": "phase", "表": "statement", "科目": "item",
        "编码": "code", "经济分类": "econ_code", "资金来源": "fund", "栏": "measure", "口径": "measure", "column": "measure", "金额": "amount",
        "计量单位": "unit", "推算": "derived", "文件": "file", "行": "line",
        "lei": "类", "kuan": "款", "xiang": "项", "Δ": "delta", "Δ%": "pct", "增减": "delta", "增减率": "pct",
        "执行率": "rate", "排名": "rank", "年均增长率": "cagr", "占比": "share", "名称": "name", "差额": "difference", "数量": "n",
    ]

    /// The virtual fields that name the ancestor of `code` at a level.
    static let levels: [String: ClassificationCode.Level] = ["类": .lei, "款": .kuan, "项": .xiang]

    /// The column a name refers to (an alias becomes its English name).
    public static func canonical(_ name: String) -> String { aliases[name] ?? name }
}

extension Evaluator {
    /// The column `name` refers to in `frame`: a column, an alias of one, or 类/款/项 (the
    /// name of the code's ancestor at that level).
    func column(_ name: Name, in frame: Frame) throws(QueryError) -> FrameColumn {
        if let i = frame.columnIndex(name.text) { return frame.columns[i] }
        let canonical = FieldNames.canonical(name.text)
        if let i = frame.columnIndex(canonical) { return frame.columns[i] }
        if let level = FieldNames.levels[canonical], let columns = levelColumns(level, in: frame) {
            return columns.name
        }
        var candidates = frame.columns.map(\.name)
        candidates += FieldNames.aliases.filter { frame.columnIndex($0.value) != nil }.map(\.key)
        if frame.columnIndex("code") != nil { candidates += ["类", "款", "项"] }
        let hint = Suggestion.nearest(name.text, among: candidates).map { Message(.didYouMean, $0) }
        let shown = frame.columns.map(\.name).prefix(16).joined(separator: ", ")
        throw QueryError(Message(.unknownField, name.text, shown), at: name.span, hint: hint)
    }

    /// For 类/款/项: a column of the ancestor code at `level` and one of its name.
    func levelColumns(_ level: ClassificationCode.Level, in frame: Frame) -> (code: FrameColumn, name: FrameColumn)? {
        let column: FrameColumn
        if let i = frame.columnIndex("code") {
            column = frame.columns[i]
        } else if case .base = frame.provenance {
            // `select item, amount | share amount by 类`: the facts still have their codes.
            column = store.columns[FactStore.codeColumn]
        } else {
            return nil
        }
        guard case .text(let ids, let dictionary) = column.storage else { return nil }
        // The codes' ancestors at the level come from the store's parsed hierarchy; the names
        // are looked up per query (the catalog may change), per ancestor, not per row.
        let hierarchy = store.analysis.codes(dictionary, store)
        let levelCodes = hierarchy.levelDictionary[level.rawValue - 1]
        var names = Interner()
        let nameOf = levelCodes.map { names.id(name(of: ClassificationCode(rawValue: $0)!)) }
        let codeIDs: IDColumn, nameIDs: IDColumn
        if case .text(let own, _) = store.columns[FactStore.codeColumn].storage, own.sharesStorage(with: ids),
           dictionary == store.codeDictionary {
            // The store's own column: both columns are kept with the store.
            codeIDs = store.analysis.levelCodeIDs(level, store)
            nameIDs = store.analysis.levelNameIDs(level, names: names.dictionary, nameOfLevelCode: nameOf, store)
        } else {
            let map = hierarchy.levelIDs[level.rawValue - 1]
            codeIDs = Evaluator.mapIDs(ids, map, threads: context.threads)
            nameIDs = Evaluator.mapIDs(codeIDs, nameOf, threads: context.threads)
        }
        return (
            FrameColumn(name: "code", type: .text, storage: .text(ids: codeIDs, dictionary: levelCodes)),
            FrameColumn(name: level.name, type: .text, storage: .text(ids: nameIDs, dictionary: names.dictionary))
        )
    }

    /// The name of a code: the catalog's (``QueryContext/codeName``), else the item the facts
    /// write it with.
    func name(of code: ClassificationCode) -> String? {
        context.codeName(code) ?? store.itemNameByCode[code.rawValue]
    }
}
