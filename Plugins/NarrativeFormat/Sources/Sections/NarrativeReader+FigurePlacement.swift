import FiscalFormat
import FiscalModel

/// Placing a figure the sentence layer found: its statement, fund, phase and measure from the
/// section, and its code from the 类/款/项 chain it names (the catalog first, then the codes the
/// document itself prints).
extension NarrativeReader {
    /// Files one figure: statement, fund, code, phase, item. `nil` when it cannot be placed.
    mutating func placeFigure(_ m: FigureMention, span: SourceSpan, section: TemplateSection, project: String?,
                              purchase: Bool = false, state: inout ExplanationState) -> FactIndex? {
        guard let unit = m.figure.factUnit else { return nil }
        if case .count = unit, !section.acceptsCounts {
            warn("unplaced-figure", Message(.narrCountInMoney, "\(section.statement)", "\(m.label.isEmpty ? "?" : m.label)", "\(m.figure.amount)", "\(unit)"),
                 at: span, severity: .note)
            return nil
        }
        // The entity is set once the whole document is read; until then, the one its title names.
        var item = NarrativeLabel.withoutEntityAndYear(m.label, entity: report.entity.isEmpty ? titleEntity : report.entity)
        if let short = shortName, item.hasUTF8Prefix(short), item.count > short.count { item.removeFirst(short.count) }
        if report.phase == .budget { item = BudgetWording.itemName(item) }
        guard !item.isEmpty else {
            warn("unplaced-figure", Message(.narrNoName, "\(m.figure.amount)", "\(unit)"), at: span)
            return nil
        }
        var code: ClassificationCode?
        var econCode: ClassificationCode?
        switch section.classification {
        case .chain, .economic:
            if var path = ClassificationPath(item) {
                if path.parts.first?.level != .lei, let context = state.leiContext { path = context.extended(by: path) }
                let catalog: ClassificationCatalog = section.classification == .economic ? .economic : .functional
                var codes = path.resolve(in: catalog)
                if codes.isEmpty, let context = state.leiContext, path.parts.count > 1, path.parts[0].level == .lei,
                   path.parts[1].level == .xiang {
                    // `（二）社会保障和就业（类）` / `1．行政事业单位离退休（类）未归口…（项）`: a 款 marked
                    // as a 类 under the 类 above it (a mark one level off).
                    var relevelled = path
                    relevelled.parts[0].level = .kuan
                    let again = context.extended(by: relevelled)
                    var c = again.resolve(in: catalog)
                    if c.count < again.parts.count { c = printed(again, from: c) }
                    if c.count > context.parts.count {
                        warn("mark-level", Message(.narrMissingKuan, "\(context.parts[0].name)", "\(path.parts[0].name)"), at: span, severity: .note)
                        path = again
                        codes = c
                    }
                }
                if codes.count < path.parts.count, path.parts.first?.level == .lei {
                    codes = printed(path, from: codes)
                }
                if codes.count < path.parts.count, section.classification == .chain, let fused = unfused(path, codes: codes) {
                    // `一般公共服务` / `1. 人大事务行政运行（项）支出…`: the 项 written with its 款's name in front.
                    path = fused.path
                    codes = fused.codes
                }
                if codes.count < path.parts.count {
                    // A chain the catalog places only in part names a 项 it does not know: the
                    // figure is that 项's, not its 款's, so it stays uncoded.
                    let missing = path.parts[codes.count]
                    warn("unclassified", Message(.narrUnclassified, "\(missing.level)", "\(missing.name)", "\(codes.last?.rawValue ?? "nothing")"),
                         at: span)
                } else if section.classification == .economic {
                    econCode = codes.last
                } else {
                    code = codes.last
                }
                item = path.parts.last?.name ?? item
                // `检察（款）: 2018 年预算支出合计…` above `1．行政运行（项）支出…`: the 项 below
                // belong to this 类 or 款.
                if let last = path.parts.last, last.level < .xiang, path.parts.first?.level == .lei { state.leiContext = path }
            }
        case .lei:
            code = ClassificationCatalog.functional.resolve(item, level: .lei)
            if let path = ClassificationPath(item), path.parts.count == 1, path.parts[0].level == .lei,
               let c = code ?? ClassificationCatalog.functional.resolve(path.parts[0].name, level: .lei) {
                // `一般公共服务（类）支出 16992.37 万元`: the 类 by its name.
                code = c
                item = path.parts[0].name
            }
            if code == nil, item.containsUTF8("（类）") || item.containsUTF8("(类)") {
                warn("unclassified", Message(.narrUnknownLei, "\(item)"), at: span)
            }
        case .none:
            break
        }
        var phase = report.phase
        var measure = state.column ?? Measure.total
        if purchase, case .count = unit, state.column == nil {
            // `2026年部门预算安排购置车辆5辆，其中：…执法执勤用车5辆`: what is to be bought, not
            // what is held (`共有车辆63辆`).
            measure = TemplateSection.purchaseMeasure
        }
        if let project {
            // The 完成情况综述 sentence states the project table's figures again (预算数, 执行数):
            // the same facts, folded on load. A budget inside a 决算 is a 预算 fact measuring
            // the project's 全年预算.
            phase = item.containsUTF8("预算") ? .budget : .final
            if phase == .budget && report.phase == .final { measure = .fullYearBudget }
            item = project
        }
        var fact = Fact(entity: "", year: report.year, phase: phase, statement: section.statement, item: item, code: code,
                        econCode: econCode, fund: section.fund(for: item), measure: measure, amount: m.figure.amount, unit: unit,
                        reading: .narrative, span: span)
        if let sub = section.subStatement(for: item, coded: code != nil) { fact.statement = sub }
        fact.mentions[0].part = state.part
        let index = addFact(fact, section: state.sectionID)
        if state.firstFact[section.statement] == nil { state.firstFact[section.statement] = index }
        if let project { attach(index, toProject: project, line: span.line) }
        return index
    }

    /// `path` with its 项 split into the 款 and the 项 it names (`人大事务行政运行（项）` is 人大事务（款）
    /// 行政运行（项））, when the chain names no 款 of its own and the catalog places exactly one split
    /// (within the chain's 类 when it has one, ``ClassificationCatalog/resolveFused(_:within:)``).
    func unfused(_ path: ClassificationPath, codes: [ClassificationCode]) -> (path: ClassificationPath, codes: [ClassificationCode])? {
        guard let last = path.parts.last, last.level == .xiang, !path.parts.contains(where: { $0.level == .kuan }) else { return nil }
        let catalog = ClassificationCatalog.functional
        let lei: ClassificationCode?
        switch path.parts.count {
        case 1: lei = nil
        case 2 where path.parts[0].level == .lei:
            guard let c = codes.first ?? catalog.resolve(path.parts[0].name, level: .lei) else { return nil }
            lei = c
        default: return nil
        }
        guard let (kuan, xiang) = catalog.resolveFused(last.name, within: lei), let leiCode = kuan.parent,
              let leiName = catalog.name(of: leiCode), let kuanName = catalog.name(of: kuan) else { return nil }
        let written = ClassificationCatalog.normalizedName(last.name)
        let kuanWritten = [kuanName] + (catalog[kuan]?.formerNames ?? [])
        let prefix = kuanWritten.map { ClassificationCatalog.normalizedName($0) }.filter { written.hasUTF8Prefix($0) }.max { $0.count < $1.count } ?? ""
        var split = path
        split.parts = [ClassificationPath.Part(level: .lei, name: path.parts.count == 2 ? path.parts[0].name : leiName),
                       ClassificationPath.Part(level: .kuan, name: String(written.prefix(prefix.count))),
                       ClassificationPath.Part(level: .xiang, name: String(written.dropFirst(prefix.count)))]
        return (split, [leiCode, kuan, xiang])
    }

    /// `codes` (the catalog's placing of `path`) continued with the codes the document prints:
    /// each further name is the printed code under the last one placed whose printed name is
    /// that name (`未归口管理的行政单位离退休` under 20805 is the table's 2080504).
    func printed(_ path: ClassificationPath, from codes: [ClassificationCode]) -> [ClassificationCode] {
        var codes = codes
        if codes.isEmpty, let first = path.parts.first {
            let name = ClassificationCatalog.normalizedName(first.name)
            guard let c = printedCodes.first(where: { $0.key.level == .lei && ClassificationCatalog.normalizedName($0.value) == name })?.key else { return codes }
            codes = [c]
        }
        while codes.count < path.parts.count {
            let name = ClassificationCatalog.normalizedName(path.parts[codes.count].name)
            let parent = codes.last!
            let matches = printedCodes.filter { $0.key.parent == parent && ClassificationCatalog.normalizedName($0.value) == name }
            guard matches.count == 1, let c = matches.first?.key else { break }
            codes.append(c)
        }
        return codes
    }
}
