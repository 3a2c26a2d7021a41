import FiscalModel
import Foundation
import Testing

/// pdfplumber and pypdf extractions of the same PDF must give the same facts.
@Suite("the two extractions of each document give the same model")
struct ExtractionAgreementTests {
    @Test("same entity, year, region", arguments: Fixtures.documents)
    func sameHeader(document: String) throws {
        let plumber = try Fixtures.report(document)
        let pypdf = try Fixtures.report(document, pypdf: true)
        #expect(plumber.entity == pypdf.entity && plumber.year == pypdf.year && plumber.region == pypdf.region)
        #expect(plumber.year == 2024 && plumber.phase == .final && plumber.region == "上海市普陀区")
    }

    @Test("same codes, columns, funds and amounts in every table", arguments: Fixtures.documents)
    func sameFigures(document: String) throws {
        let plumber = try Fixtures.report(document)
        let pypdf = try Fixtures.report(document, pypdf: true)
        if ProcessInfo.processInfo.environment["DUMP_TABLES"] != nil {
            print("== \(document) plumber\n" + plumber.rows().joined(separator: "\n"))
            print("== \(document) pypdf\n" + pypdf.rows().joined(separator: "\n"))
            print((plumber.warnings + pypdf.warnings).map(\.description).joined(separator: "\n"))
        }
        for statement in TableKindStatements.all {
            let a = plumber.rows(statement, names: false).sorted(), b = pypdf.rows(statement, names: false).sorted()
            #expect(a == b, "\(statement): only pdfplumber \(a.filter { !b.contains($0) }), only pypdf \(b.filter { !a.contains($0) })")
            #expect(!a.isEmpty || [.governmentFund, .stateCapital, .threePublic].contains(statement), "\(statement): no facts")
        }
    }

    @Test("same item names", arguments: Fixtures.documents)
    func sameNames(document: String) throws {
        let plumber = try Fixtures.report(document)
        let pypdf = try Fixtures.report(document, pypdf: true)
        let a = Set(plumber.rows()), b = Set(pypdf.rows())
        #expect(a == b, "only pdfplumber \(a.subtracting(b).sorted()), only pypdf \(b.subtracting(a).sorted())")
    }

    @Test("every row with a code is a fact with its code", arguments: Fixtures.documents)
    func codedRows(document: String) throws {
        let r = try Fixtures.report(document)
        let coded = r.facts.filter { $0.statement != .totals && $0.statement != .fiscalAppropriation && $0.statement != .threePublic }
        let uncoded = coded.filter { $0.code == nil && $0.econCode == nil && $0.item != "合计" && !$0.item.hasSuffix("经费合计") }
        #expect(uncoded.isEmpty, "facts without a code: \(uncoded.map(\.item))")
    }
}

/// The statements of the nine 附表.
enum TableKindStatements {
    static let all: [Statement] = [.totals, .income, .expenditure, .fiscalAppropriation, .generalBudgetExpenditure, .basicExpenditure, .threePublic, .governmentFund, .stateCapital]
}
