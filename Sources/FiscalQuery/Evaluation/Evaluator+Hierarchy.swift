import FiscalModel

extension Evaluator {
    /// Per physical row: the id of its context — the (entity, year, phase, statement, fund,
    /// column) within which one fact can be a part of another's total — and how many there are.
    func contexts(_ f: Frame) -> (ids: IDColumn, count: Int) {
        if case .base = f.provenance { return (store.contextIDs, store.contextCount) }
        let names = ["entity", "year", "phase", "statement", "fund", "measure"]
        let columns = names.compactMap { f.columnIndex($0).map { f.columns[$0] } }
        var seen: [[Value]: Int32] = [:]
        let ids = (0..<f.physicalCount).map { p -> Int32 in
            let key = columns.map { $0.value(p) }
            if let id = seen[key] { return id }
            let id = Int32(seen.count)
            seen[key] = id
            return id
        }
        return (IDColumn(ids), seen.count)
    }

    /// Per physical row: whether the row is a stated total whose parts are also among the
    /// frame's rows (a 类 line when its 款 or 项 lines are there, in the same context).
    /// Adding such a row to its parts would count the same money twice.
    /// Every physical row of `f`, in logical order; a frame over as many rows as the store has
    /// gets the store's kept array of 0 ..< n instead of a new one.
    func physicalRows(_ f: Frame) -> [Int32] {
        if let s = f.selection { return s }
        return f.physicalCount == store.count ? store.analysis.identity(store.count) : f.physicalRows
    }

    func statedTotals(_ f: Frame) -> [Bool] {
        guard let i = f.columnIndex("code"), case .text(let codeIDs, let dictionary) = f.columns[i].storage else {
            return [Bool](repeating: false, count: f.physicalCount)
        }
        // The strict ancestors of each code that are themselves codes in the dictionary.
        let hierarchy = store.analysis.codes(dictionary, store)
        guard hierarchy.hasAncestors else { return [Bool](repeating: false, count: f.physicalCount) }
        if case .base = f.provenance, f.selection == nil {
            return store.analysis.statedTotals(store) { statedTotals(f, codeIDs, hierarchy) }
        }
        return statedTotals(f, codeIDs, hierarchy)
    }

    private func statedTotals(_ f: Frame, _ codeIDs: IDColumn, _ hierarchy: CodeHierarchy) -> [Bool] {
        let (ctx, contextCount) = contexts(f)
        let k = hierarchy.parsed.count
        let ancestors = hierarchy.ancestors
        var result = [Bool](repeating: false, count: f.physicalCount)
        let rows = physicalRows(f)
        if contextCount * k <= 1 << 24 {
            var hasParts = [Bool](repeating: false, count: contextCount * k)
            for p in rows {
                let c = codeIDs[Int(p)]
                guard c >= 0 else { continue }
                let base = Int(ctx[Int(p)]) * k
                for a in ancestors[Int(c)] { hasParts[base + Int(a)] = true }
            }
            for p in rows {
                let c = codeIDs[Int(p)]
                if c >= 0 && hasParts[Int(ctx[Int(p)]) * k + Int(c)] { result[Int(p)] = true }
            }
        } else {
            var hasParts = Set<Int64>()
            for p in rows {
                let c = codeIDs[Int(p)]
                guard c >= 0 else { continue }
                for a in ancestors[Int(c)] { hasParts.insert(Int64(ctx[Int(p)]) << 32 | Int64(a)) }
            }
            for p in rows {
                let c = codeIDs[Int(p)]
                if c >= 0 && hasParts.contains(Int64(ctx[Int(p)]) << 32 | Int64(c)) { result[Int(p)] = true }
            }
        }
        return result
    }
}
