import FiscalFormat
import FiscalModel

/// A cell of a flattened Word table: the text of a tab-indented line and the lines after it
/// up to the next cell.
struct TableCell {
    var text: String
    var line: Int
}

extension NarrativeReader {
    /// `①党政党务…项目绩效目标完成情况综述。` → the project's name.
    func projectName(in line: Substring) -> String? {
        let t = line.trimmingCharacters(" \t\u{3000}")
        guard let first = t.unicodeScalars.first, (0x2460...0x2473).contains(first.value),
              let end = t.firstUTF8Range(of: "绩效目标完成情况") else { return nil }
        let name = t[t.index(after: t.startIndex)..<end.lowerBound]
        return name.isEmpty ? nil : String(name)
    }

    /// The index of the project named `name` (trailing `项目` ignored), created when new.
    mutating func projectIndex(named name: String, line: Int) -> Int {
        func key(_ s: String) -> String { s.hasUTF8Suffix("项目") ? String(s.dropLast(2)) : s }
        if let i = report.projects.firstIndex(where: { key($0.name) == key(name) }) { return i }
        report.projects.append(Project(name: name, span: source.span(line: line)))
        return report.projects.count - 1
    }

    mutating func attach(_ fact: FactIndex, toProject name: String, line: Int) {
        let i = projectIndex(named: name, line: line)
        report.projects[i].facts.append(fact)
    }

    /// The cells of a table region: each tab-indented line opens a cell, other non-blank lines
    /// continue it.
    func cells(of lines: [Int]) -> [TableCell] {
        var cells: [TableCell] = []
        for number in lines {
            let line = source.lines[number - 1]
            if line.hasUTF8Prefix("\t") {
                cells.append(TableCell(text: String(line.trimmingCharacters(" \t\u{3000}")), line: number))
            } else if !line.trimmingCharacters(" \t\u{3000}").isEmpty, !cells.isEmpty {
                cells[cells.count - 1].text += String(line.trimmingCharacters(" \t\u{3000}"))
            }
        }
        return cells
    }

    /// One 项目支出绩效目标完成情况表: name, 预算单位, budget and executed amounts, 年度目标,
    /// indicators.
    mutating func readProjectTable(_ lines: [Int], section: Int) {
        let cells = cells(of: lines)
        guard let nameAt = cells.firstIndex(where: { $0.text == "项目名称" }), nameAt + 1 < cells.count else {
            warn("unread-table", Message(.projNoName), line: lines.first)
            return
        }
        let name = cells[nameAt + 1].text
        let p = projectIndex(named: name, line: cells[nameAt + 1].line)
        report.projects[p].span = source.span(line: cells[nameAt + 1].line)
        var unitSeen = [String: Int]()
        var i = nameAt + 2
        var moneyUnit = MoneyUnit.wanYuan
        while i < cells.count {
            let cell = cells[i]
            let label = cell.text.trimmingSuffix(":", "：")
            switch label {
            case "预算单位" where i + 1 < cells.count:
                report.projects[p].unit = cells[i + 1].text
                if report.entity.isEmpty { report.entity = cells[i + 1].text }
                i += 2
                continue
            case _ where cell.text.hasUTF8Prefix("预算执行情况"):
                if cell.text.containsUTF8("(元)") || cell.text.containsUTF8("（元）") { moneyUnit = .yuan }
            case "预算数", "执行数", "其中-财政拨款", "其它资金", "其他资金":
                guard i + 1 < cells.count else { break }
                let seen = unitSeen[label, default: 0]
                unitSeen[label] = seen + 1
                let phase: Phase = label == "预算数" || (label != "执行数" && seen == 0) ? .budget : .final
                addTableAmount(cells[i + 1], project: p, column: label, phase: phase, unit: moneyUnit, section: section)
                i += 2
                continue
            case "实际完成目标":
                let goals = cells[(i + 1)...].prefix { $0.text != "绩效指标完成情况" }.filter { !$0.text.isEmpty }
                report.projects[p].goalExpected = goals.first?.text
                report.projects[p].goalAchieved = goals.dropFirst().first?.text
            case _ where cell.text.hasUTF8Prefix("实际完成指标值"):
                readIndicators(Array(cells[(i + 1)...]), project: p)
                return
            default:
                break
            }
            i += 1
        }
        warn("unread-table", Message(.projNoHeader, "\(name)"),
             line: lines.last)
    }

    mutating func addTableAmount(_ cell: TableCell, project p: Int, column: String, phase: Phase, unit: MoneyUnit, section: Int) {
        let line = source.lines[cell.line - 1]
        guard let figure = NarrativeFigure.scan(line).first, let parsed = Amount.parse(cell.text) else {
            warn("unplaced-figure", Message(.projBadAmount, "\(column)", "\(report.projects[p].name)", "\(cell.text)"), line: cell.line)
            return
        }
        let fact = Fact(entity: "", year: report.year, phase: phase, statement: .projects, item: report.projects[p].name,
                        measure: measure(column: column, phase: phase), amount: parsed.amount, unit: .money(parsed.unit ?? unit),
                        reading: .tableName,
                        span: source.span(line: cell.line, range: figure.range))
        report.projects[p].facts.append(addFact(fact, section: section))
    }

    /// The measure of a project table's cell: its budget (预算数) inside a 决算 is a 预算 fact
    /// measuring the 全年预算, its 执行数 the total; the 其中 rows are parts.
    func measure(column: String, phase: Phase) -> Measure {
        let printed = Measure(printed: column, phase: phase)
        return printed == .total && phase == .budget && report.phase == .final ? .fullYearBudget : printed
    }

    /// Rows of six cells (a leading blank cell, 一级, 二级, 三级, 预期, 实际); blank 一级/二级
    /// cells continue the row above.
    mutating func readIndicators(_ cells: [TableCell], project p: Int) {
        var level1 = "", level2 = ""
        var i = 0
        while i < cells.count {
            if !cells[i].text.isEmpty {
                warn("unread-table", Message(.projBadIndicatorStart, "\(report.projects[p].name)", "\(cells[i].text)"),
                     line: cells[i].line)
                i += 1
                continue
            }
            guard i + 5 < cells.count else {
                if cells[i...].contains(where: { !$0.text.isEmpty }) {
                    warn("unread-table", Message(.projIndicatorCells, "\(report.projects[p].name)", "\(cells.count - i)"), line: cells[i].line)
                }
                return
            }
            let row = cells[i..<(i + 6)].map(\.text)
            if !row[1].isEmpty { level1 = row[1] }
            if !row[2].isEmpty { level2 = row[2] }
            report.projects[p].indicators.append(Project.Indicator(
                level1: level1, level2: level2, level3: row[3], expected: row[4], actual: row[5],
                span: source.span(line: cells[i + 3].line)))
            i += 6
        }
    }
}

extension String {
    func trimmingSuffix(_ suffixes: String...) -> String {
        var s = self
        for suffix in suffixes where s.hasUTF8Suffix(suffix) { s.removeLast(suffix.count) }
        return s
    }
}
