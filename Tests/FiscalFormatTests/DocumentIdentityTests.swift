import FiscalFormat
import FiscalModel
import Foundation
import Testing

/// Identity of every corpus document, as each prints it (checked by reading the covers,
/// the `部门：` lines and the table titles of the files in Examples/corpus).
@Suite("document identity")
struct DocumentIdentityTests {
    static func identity(_ relative: String) throws -> DocumentIdentity {
        let path = Paths.root + "/Examples/corpus/" + relative
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        return try DocumentIdentity.read(SourceText(bytes: bytes, path: path)!)
    }

    struct Expected: Sendable, CustomStringConvertible {
        var file: String
        var entity: String
        var year: Int
        var phase: Phase
        /// Whether the year is not printed, so taken from the file name with a warning (every
        /// corpus file prints it somewhere: the cover, or a table title).
        var yearGuessed = false
        var description: String { file }
    }

    static let corpus: [Expected] = [
        // Cover `江苏省人大常委会办公厅` / `2017 年度部门预算`.
        .init(file: "jiangsu/01_江苏省人大办公厅_2017_部门预算.txt", entity: "江苏省人大常委会办公厅", year: 2017, phase: .budget),
        // `部门名称：江苏省人大` wrapped once; every other table prints the whole name.
        .init(file: "jiangsu/02_江苏省人大办公厅_2018_部门预算.txt", entity: "江苏省人大常委会办公厅", year: 2018, phase: .budget),
        // Cover `江苏省人民检察院` / `年部门预算` / `2017`: the year split from its title.
        .init(file: "jiangsu/03_江苏省人民检察院_2017_部门预算.txt", entity: "江苏省人民检察院", year: 2017, phase: .budget),
        .init(file: "jiangsu/04_江苏省人民检察院_2018_部门预算.txt", entity: "江苏省人民检察院", year: 2018, phase: .budget),
        .init(file: "jiangsu/05_江苏省委办公厅_2017_部门预算.txt", entity: "江苏省委办公厅", year: 2017, phase: .budget),
        // Tables only: the year only in the last title, `2017年政府采购预算表`; the entity as the
        // `部门：` lines print it.
        .init(file: "jiangsu/06_江苏省委办公厅_2017_部门预算_表格.txt", entity: "中国共产党江苏省委员会办公厅", year: 2017, phase: .budget),
        .init(file: "jiangsu/07_江苏省委办公厅_2018_部门预算.txt", entity: "江苏省委办公厅", year: 2018, phase: .budget),
        // Cover `江苏省2018年度` / `省级部门预算公开报表` / `部 门:中共江苏省委办公厅`.
        .init(file: "jiangsu/08_江苏省委办公厅_2018_部门预算_表格.txt", entity: "中共江苏省委办公厅", year: 2018, phase: .budget),
        .init(file: "jiangsu/09_江苏省政协办公厅_2017_部门预算.txt", entity: "江苏省政协办公厅", year: 2017, phase: .budget),
        // Tables only, `表一` … `表十二`: the year only in `2017年政府采购预算表`.
        .init(file: "jiangsu/10_江苏省政协办公厅_2017_部门预算_表格.txt", entity: "江苏省政协办公厅", year: 2017, phase: .budget),
        .init(file: "jiangsu/11_江苏省高级人民法院_2017_部门预算.txt", entity: "江苏省高级人民法院", year: 2017, phase: .budget),
        // Cover `2018 年度江苏省高级` / `人民法院预算公开` / `2018 年 2 月 24 日`.
        .init(file: "jiangsu/12_江苏省高级人民法院_2018_部门预算.txt", entity: "江苏省高级人民法院", year: 2018, phase: .budget),
        .init(file: "shanghai-putuo/01_普陀区财政局_2024_部门决算.txt", entity: "上海市普陀区财政局", year: 2024, phase: .final),
        .init(file: "shanghai-putuo/01_普陀区财政局_2024_部门决算.pypdf.txt", entity: "上海市普陀区财政局", year: 2024, phase: .final),
        .init(file: "shanghai-putuo/02_普陀区规划和自然资源局_2024_部门决算.txt", entity: "上海市普陀区规划和自然资源局", year: 2024, phase: .final),
        .init(file: "shanghai-putuo/03_中共普陀区委社会工作部_2024_部门决算.txt", entity: "中共上海市普陀区委社会工作部", year: 2024, phase: .final),
        .init(file: "shanghai-putuo/04_普陀区生态环境局_2025_部门决算.txt", entity: "上海市普陀区生态环境局", year: 2025, phase: .final),
        // `预算主管部门：上海市普陀区城市管理行政执法局` on the cover; the tables' `编制部门：` drop 上海市.
        .init(file: "shanghai-putuo/05_普陀区城市管理行政执法局_2026_部门预算.txt", entity: "上海市普陀区城市管理行政执法局", year: 2026, phase: .budget),
        .init(file: "shanghai-putuo/06_普陀区文化和旅游局_2026_部门预算.txt", entity: "上海市普陀区文化和旅游局", year: 2026, phase: .budget),
        .init(file: "shanghai-putuo/07_普陀区文化和旅游局_2025_部门决算.txt", entity: "上海市普陀区文化和旅游局", year: 2025, phase: .final),
    ]

    @Test("entity, year and phase as the document prints them", arguments: corpus)
    func corpusIdentity(_ expected: Expected) throws {
        let id = try Self.identity(expected.file)
        #expect(id.entity == expected.entity)
        #expect(id.year == expected.year)
        #expect(id.phase == expected.phase)
        #expect(id.warnings.contains { $0.code == "year-from-file-name" } == expected.yearGuessed)
        #expect(!id.warnings.contains { $0.code == "entity-from-file-name" })
    }

    @Test("region from the entity's name")
    func region() {
        #expect(DocumentIdentity.region(of: "上海市普陀区财政局") == "上海市普陀区")
        #expect(DocumentIdentity.region(of: "中共上海市普陀区委社会工作部") == "上海市普陀区")
        #expect(DocumentIdentity.region(of: "江苏省人民检察院") == "江苏省")
        #expect(DocumentIdentity.region(of: "中共江苏省委办公厅") == "江苏省")
        #expect(DocumentIdentity.region(of: "县委办") == nil)
    }

    @Test("no year in the text nor the file name is a load error, never year 0")
    func noYear() {
        let text = "收支预算总表\n部门：某某局 单位：万元\n合计 1.00\n"
        #expect(throws: FormatError.self) { try DocumentIdentity.read(SourceText(text: text, path: "tables.txt")) }
        let guessed = try? DocumentIdentity.read(SourceText(text: text, path: "某某局_2019.txt"))
        #expect(guessed?.year == 2019 && guessed?.entity == "某某局" && guessed?.phase == .budget)
        #expect(guessed?.warnings.map(\.code) == ["year-from-file-name"])
    }

    @Test("the file name never overrides a printed entity; with none printed it is used and said")
    func entityFromFileName() throws {
        let id = try DocumentIdentity.read(SourceText(text: "2019年度部门决算表\n合计 1.00\n", path: "dir/财政局_2019_决算.txt"))
        #expect(id.entity == "财政局")
        #expect(id.warnings.map(\.code) == ["entity-from-file-name"])
        #expect(id.phase == .final && id.year == 2019)
    }
}
