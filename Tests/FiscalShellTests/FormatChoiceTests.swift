import BuiltinFormats
import FiscalFormat
import FiscalModel
import Testing

/// Which built-in format reads each bundled example: the one place all formats compete.
@Suite("The built-in formats divide the examples between them")
struct FormatChoiceTests {
    @Test(arguments: [
        ("Examples/wusheng-2020-决算.txt", "narrative"),
        ("Examples/shanghai-putuo/01_普陀区财政局_2024_部门决算.txt", "tables"),
        ("Examples/shanghai-putuo/02_普陀区规划和自然资源局_2024_部门决算.txt", "tables"),
        ("Examples/shanghai-putuo/03_中共普陀区委社会工作部_2024_部门决算.txt", "tables"),
        ("Examples/county-office-2019-2021.csv", "csv"),
    ])
    func winner(path: String, format: String) throws {
        let full = Fixture.root + "/" + path
        let bytes = try FileSystem.read(full)
        let sample = FileSample(path: full, bytes: Array(bytes.prefix(FileSample.size)))
        #expect(BuiltinFormats.registry.candidates(for: sample).first?.format.descriptor.name == format)
    }
}

/// Every report of Examples/corpus loads through the built-in registry with the identity the
/// document prints (cover, `部门：` lines, table titles) and its unit: the tables format reads the
/// documents with tables, the narrative format the narrative-only ones (05, 07, 09), whose
/// entity and year the registry completes from the document when the narrative reader has none.
@Suite("The corpus loads with its printed identity")
struct CorpusIdentityTests {
    @Test(arguments: [
        ("jiangsu/01_江苏省人大办公厅_2017_部门预算.txt", "tables", "江苏省人大常委会办公厅", 2017),
        ("jiangsu/02_江苏省人大办公厅_2018_部门预算.txt", "tables", "江苏省人大常委会办公厅", 2018),
        ("jiangsu/03_江苏省人民检察院_2017_部门预算.txt", "tables", "江苏省人民检察院", 2017),
        ("jiangsu/04_江苏省人民检察院_2018_部门预算.txt", "tables", "江苏省人民检察院", 2018),
        ("jiangsu/05_江苏省委办公厅_2017_部门预算.txt", "narrative", "江苏省委办公厅", 2017),
        ("jiangsu/06_江苏省委办公厅_2017_部门预算_表格.txt", "tables", "中国共产党江苏省委员会办公厅", 2017),
        ("jiangsu/07_江苏省委办公厅_2018_部门预算.txt", "narrative", "江苏省委办公厅", 2018),
        ("jiangsu/08_江苏省委办公厅_2018_部门预算_表格.txt", "tables", "中共江苏省委办公厅", 2018),
        ("jiangsu/09_江苏省政协办公厅_2017_部门预算.txt", "narrative", "江苏省政协办公厅", 2017),
        ("jiangsu/10_江苏省政协办公厅_2017_部门预算_表格.txt", "tables", "江苏省政协办公厅", 2017),
        ("jiangsu/11_江苏省高级人民法院_2017_部门预算.txt", "tables", "江苏省高级人民法院", 2017),
        ("jiangsu/12_江苏省高级人民法院_2018_部门预算.txt", "tables", "江苏省高级人民法院", 2018),
        ("shanghai-putuo/04_普陀区生态环境局_2025_部门决算.txt", "tables", "上海市普陀区生态环境局", 2025),
        ("shanghai-putuo/05_普陀区城市管理行政执法局_2026_部门预算.txt", "tables", "上海市普陀区城市管理行政执法局", 2026),
        ("shanghai-putuo/06_普陀区文化和旅游局_2026_部门预算.txt", "tables", "上海市普陀区文化和旅游局", 2026),
        ("shanghai-putuo/07_普陀区文化和旅游局_2025_部门决算.txt", "tables", "上海市普陀区文化和旅游局", 2025),
    ])
    func identity(file: String, format: String, entity: String, year: Int) throws {
        let result = try BuiltinFormats.registry.load(file: Fixture.root + "/Examples/corpus/" + file)
        let report = try #require(result.reports.first)
        #expect(report.format == format)
        #expect(report.entity == entity && report.year == year)
        #expect(report.phase == (file.contains("决算") ? .final : .budget))
        #expect(report.unit == (file.contains("2026") ? .yuan : .wanYuan))
        #expect(report.facts.allSatisfy { $0.year != 0 && !$0.entity.contains("/") })
    }
}
