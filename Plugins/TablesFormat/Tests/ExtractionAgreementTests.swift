import FiscalModel
import Foundation
import Testing

@Suite("the two extractions of each document give the same model")
struct ExtractionAgreementTests {
    @Test("same facts apart from spans", arguments: Fixtures.documents)
    func sameFacts(document: String) throws {
        let plumber = try Fixtures.report(document)
        let pypdf = try Fixtures.report(document, pypdf: true)
        #expect(plumber.entity == pypdf.entity && plumber.year == pypdf.year && plumber.region == pypdf.region)
        if ProcessInfo.processInfo.environment["DUMP_TABLES"] != nil {
            print("== \(document) plumber\n" + plumber.rows().joined(separator: "\n"))
            print("== \(document) pypdf\n" + pypdf.rows().joined(separator: "\n"))
            print(plumber.warnings.map(\.description).joined(separator: "\n"))
            print(pypdf.warnings.map(\.description).joined(separator: "\n"))
        }
        let a = plumber.rows().sorted(), b = pypdf.rows().sorted()
        #expect(a.count == b.count)
        #expect(Set(a).subtracting(b).sorted() == [], "only in pdfplumber")
        #expect(Set(b).subtracting(a).sorted() == [], "only in pypdf")
    }
}
