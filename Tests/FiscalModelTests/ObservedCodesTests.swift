import FiscalModel
import Foundation
import Testing

/// The bundled catalog holds every code printed in the real reports the project has
/// (Examples/corpus/catalog, copied from the shared catalog: code, level, names as printed).
@Suite("codes observed in real reports")
struct ObservedCodesTests {
    static func rows(_ file: String) throws -> [(code: String, level: String, names: [String])] {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        let text = try String(contentsOf: url.appendingPathComponent("Examples/corpus/catalog/\(file)"), encoding: .utf8)
        return text.split(whereSeparator: \.isNewline).dropFirst().map { line in
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            return (f[0], f[1], f[2].components(separatedBy: " | "))
        }
    }

    @Test("every observed code is in the catalog, at the level printed", arguments: ["function", "economic"])
    func observed(scheme: String) throws {
        let file = "observed-\(scheme)-codes.csv"
        let catalog = scheme == "function" ? ClassificationCatalog.functional : .economic
        let rows = try Self.rows(file)
        #expect(rows.count > 60)
        for row in rows {
            let code = try #require(ClassificationCode(rawValue: row.code))
            let entry = catalog[code]
            #expect(entry != nil, "\(row.code) \(row.names) is missing")
            #expect(entry?.level.description == row.level, "\(row.code) is a \(row.level)")
            // The catalog's name is one the reports print, or begins with one (a report may print
            // a name only wrapped: `信息网络及软件购` of 31007).
            if let entry {
                let known = ([entry.name] + entry.formerNames).map { ClassificationCatalog.normalizedName($0) }
                let printed = row.names.map { ClassificationCatalog.normalizedName($0) }
                #expect(printed.contains { p in known.contains { $0 == p || ($0.hasPrefix(p) && p.count >= 4) } },
                        "\(row.code): catalog \(entry.name), printed \(row.names)")
            }
        }
    }
}
