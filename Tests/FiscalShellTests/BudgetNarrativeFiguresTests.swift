import BuiltinFormats
import FiscalFormat
import FiscalModel
import Testing

/// The narrative figures of the Shanghai 2026 部门预算 (Examples/corpus/shanghai-putuo 05 and 06),
/// loaded as fiscal loads them (the tables format reads the tables and hands the prose to the
/// narrative reader). Every row below was read off the file by hand: the line, the amount in
/// 万元 as the narrative writes it, and the code of the 类/款/项 chain it names, checked against
/// the code the document's own 收入预算总表 prints for that name.
@Suite("Narrative figures of the Shanghai 2026 部门预算, read by hand")
struct BudgetNarrativeFiguresTests {
    static func report(_ file: String) throws -> Report {
        let result = try BuiltinFormats.registry.load(file: Fixture.root + "/Examples/corpus/shanghai-putuo/" + file)
        return try #require(result.reports.first)
    }

    /// `statement|code = amount @line` of every mention the narrative reader made (derived prior
    /// years left out), whatever fact it was folded into.
    static func mentions(_ r: Report) -> [String] {
        r.facts.flatMap { f in
            f.mentions.filter { $0.reading == .narrative }.map { m in
                "\(f.statement)|\((f.code ?? f.econCode)?.rawValue ?? "") = \(m.amount) @\(m.span.line)"
            }
        }
    }

    static let doc05 = "05_普陀区城市管理行政执法局_2026_部门预算.txt"
    static let doc06 = "06_普陀区文化和旅游局_2026_部门预算.txt"

    @Test("06: the 项 list under `2026年部门预算编制说明` is 财政拨款支出 by 项, not 基本支出 (the 名词解释 above defines 基本支出)")
    func itemList06() throws {
        let r = try Self.report(Self.doc06)
        let rows = Self.mentions(r)
        // l.85–124: `N.“文化旅游体育与传媒支出(类)文化和旅游(款)行政运行(项)”465.46万元` …; the codes are
        // those of the 收入预算总表 rows of the same names (l.151–186).
        let expected = [
            "2070101 = 465.46 @85", "2070104 = 3095.31 @87", "2070105 = 6051.76 @89", "2070108 = 1128.00 @91",
            "2070109 = 3482.83 @92", "2070110 = 38.60 @94", "2070111 = 18.80 @96", "2070112 = 845.86 @97",
            "2070113 = 15.00 @99", "2070114 = 1998.30 @100", "2070199 = 311.84 @104", "2079903 = 2462.00 @106",
            "2079999 = 20.00 @108", "2080501 = 46.54 @110", "2080502 = 359.34 @111", "2080505 = 838.15 @113",
            "2080506 = 419.08 @115", "2080599 = 5.18 @117", "2101101 = 85.87 @119", "2101102 = 437.98 @120",
            "2150899 = 5020.00 @121", "2210201 = 466.47 @123", "2210203 = 195.24 @124",
        ]
        for row in expected {
            #expect(rows.contains("财政拨款支出|" + row), "\(row)")
        }
        // The 23 项 add up to the 财政拨款支出预算 of l.80 (27,807.61).
        let items = r.facts.flatMap { f in f.mentions.filter { $0.reading == .narrative && (85...124).contains($0.span.line) }.map { ($0.amount, f) } }
        #expect(items.count == 23)
        #expect(Amount.sum(items.map(\.0)) == Amount("27807.61")!)
        // Nothing the narrative states is read as 基本支出: the file's only 基本支出 figures are its tables'.
        #expect(!r.facts.contains { $0.statement == .basicExpenditure && $0.mentions.contains { $0.reading == .narrative } })
    }

    @Test("06: the totals of `2026年部门预算编制说明` (l.78–82) and the sections of `其他相关情况说明`")
    func totals06() throws {
        let r = try Self.report(Self.doc06)
        let rows = Self.mentions(r)
        for row in [
            // l.78 收入预算27,807.61万元，其中：财政拨款收入27,807.61万元 …；l.79 事业收入0万元
            "收入| = 27807.61 @78", "收入| = 0 @79",
            // l.80 支出预算27,807.61万元 … l.81 一般公共预算拨款支出预算27,807.61万元 (begun on l.80)
            "支出| = 27807.61 @80", "支出| = 27807.61 @81",
            // 一、三公 l.388–393: total 11.49, 公务用车购置及运行费 9.38, 公务接待费 2.11
            "三公经费| = 11.49 @388", "三公经费| = 9.38 @390", "三公经费| = 2.11 @393",
            // 二、机关运行经费 l.395; 三、政府采购 l.397 (8536.39, 货物 692.93, 工程 5269.82) and l.398 (服务 2573.64)
            "机关运行经费| = 182.65 @395", "政府采购| = 8536.39 @397", "政府采购| = 692.93 @397",
            "政府采购| = 5269.82 @397", "政府采购| = 2573.64 @398",
        ] {
            #expect(rows.contains(row), "\(row)")
        }
        // l.78 `比2025年预算增加增加27.45万元`: 财政拨款收入 was 27,780.16 in 2025.
        #expect(r.facts.contains { $0.derived && $0.year == 2025 && $0.statement == .income && $0.amount == Amount("27780.16")! })
    }

    @Test("05: the 项 list (l.74–92) with the codes its tables print, and no 基本支出 read from prose")
    func itemList05() throws {
        let r = try Self.report(Self.doc05)
        let rows = Self.mentions(r)
        for row in [
            "2080501 = 261.47 @74", "2080505 = 230.25 @76", "2080506 = 115.12 @78", "2080599 = 3.47 @80",
            "2080801 = 29.40 @82", "2101101 = 143.90 @84", "2120104 = 3377.56 @88", "2210201 = 264.97 @90",
            "2210203 = 322.20 @92",
        ] {
            #expect(rows.contains("财政拨款支出|" + row), "\(row)")
        }
        // l.67 收入预算4748.35万元 … 比2025年预算减少19.79万元: 2025 was 4768.14.
        #expect(rows.contains("收入| = 4748.35 @67"))
        #expect(r.facts.contains { $0.derived && $0.year == 2025 && $0.statement == .income && $0.amount == Amount("4768.14")! })
        #expect(!r.facts.contains { $0.statement == .basicExpenditure && $0.mentions.contains { $0.reading == .narrative } })
        // 名词解释 (l.49–63) is the glossary, five entries.
        #expect(r.glossary.map(\.term) == ["基本支出预算", "项目支出预算", "“三公”经费", "机关运行经费", "培训费"])
    }
}
