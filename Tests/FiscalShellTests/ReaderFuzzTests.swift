import BuiltinFormats
import FiscalFormat
import FiscalModel
import Foundation
import Testing
import TestSupport

/// Every built-in format reads damaged copies of every bundled example without crashing:
/// it returns reports (with warnings) or a FormatError, and every fact's span lies inside
/// the text it was read from.
@Suite("Readers survive damaged input")
struct ReaderFuzzTests {
    static let examples = [
        "Examples/wusheng-2020-决算.txt",
        "Examples/shanghai-putuo/03_中共普陀区委社会工作部_2024_部门决算.txt",
        "Examples/corpus/jiangsu/02_江苏省人大办公厅_2018_部门预算.txt",
        "Examples/corpus/jiangsu/10_江苏省政协办公厅_2017_部门预算_表格.txt",
        "Examples/corpus/shanghai-putuo/05_普陀区城市管理行政执法局_2026_部门预算.txt",
        "Examples/county-office-2019-2021.csv",
        "Examples/plugins/sample.budget.tsv",
    ]

    /// One random damage: cut, drop lines, duplicate lines, flip bytes, insert noise.
    static func damage(_ bytes: [UInt8], _ rng: inout SplitMix) -> [UInt8] {
        var b = bytes
        switch rng.next() % 5 {
        case 0: b = Array(b.prefix(Int(rng.next() % UInt64(max(1, b.count)))))
        case 1:
            var lines = b.split(separator: 0x0A, omittingEmptySubsequences: false)
            for _ in 0..<8 where !lines.isEmpty { lines.remove(at: Int(rng.next() % UInt64(lines.count))) }
            b = Array(lines.joined(separator: [0x0A]))
        case 2:
            var lines = b.split(separator: 0x0A, omittingEmptySubsequences: false)
            for _ in 0..<8 where !lines.isEmpty {
                let i = Int(rng.next() % UInt64(lines.count))
                lines.insert(lines[i], at: Int(rng.next() % UInt64(lines.count)))
            }
            b = Array(lines.joined(separator: [0x0A]))
        case 3:
            for _ in 0..<20 where !b.isEmpty { b[Int(rng.next() % UInt64(b.count))] = UInt8(truncatingIfNeeded: rng.next()) }
        default:
            let noise: [[UInt8]] = [Array("１，２３４．５万元".utf8), Array("（类）（款）（项）".utf8), Array("占%减少下降".utf8),
                                    Array("\"\",,,\r\n".utf8), Array("201 06 01 1,2 3.4".utf8), [0xFF, 0xFE, 0x00], Array("表\n院表\n单位：元\n0\n".utf8)]
            for _ in 0..<10 where !b.isEmpty {
                b.insert(contentsOf: noise[Int(rng.next() % UInt64(noise.count))], at: Int(rng.next() % UInt64(b.count)))
            }
        }
        return b
    }

    @Test("50 damaged copies of each example, read by every built-in format", arguments: examples)
    func damaged(path: String) throws {
        let original = Array(try Data(contentsOf: URL(fileURLWithPath: Fixture.root + "/" + path)))
        var rng = SplitMix(seed: UInt64(path.utf8.count) &* 7919)
        for round in 0..<50 {
            let bytes = Self.damage(original, &rng)
            guard let source = SourceText(bytes: bytes, path: "damaged-\(round)") else { continue }
            for format in BuiltinFormats.all {
                _ = format.detect(FileSample(path: source.path, bytes: Array(bytes.prefix(FileSample.size))))
                guard let result = try? format.read(source) else { continue }
                for report in result.reports {
                    for fact in report.facts where fact.span.file == source.path {
                        #expect(fact.span.line >= 1 && fact.span.line <= max(1, source.lines.count),
                                "\(format.descriptor.name) round \(round): line \(fact.span.line) outside the text")
                    }
                }
            }
        }
    }
}
