import BuiltinFormats
import FiscalFormat
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
