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

    @Test("same codes, columns, funds and amounts in every table but 基本支出", arguments: Fixtures.documents)
    func sameFigures(document: String) throws {
        let plumber = try Fixtures.report(document)
        let pypdf = try Fixtures.report(document, pypdf: true)
        if ProcessInfo.processInfo.environment["DUMP_TABLES"] != nil {
            print("== \(document) plumber\n" + plumber.rows().joined(separator: "\n"))
            print("== \(document) pypdf\n" + pypdf.rows().joined(separator: "\n"))
            print((plumber.warnings + pypdf.warnings).map(\.description).joined(separator: "\n"))
        }
        let statements: [Statement] = [.totals, .income, .expenditure, .fiscalAppropriation, .generalBudgetExpenditure, .threePublic, .governmentFund, .stateCapital]
        for statement in statements {
            let a = plumber.rows(statement, names: false).sorted(), b = pypdf.rows(statement, names: false).sorted()
            if a != b {
                let known = document.hasPrefix("02_") && statement == .generalBudgetExpenditure
                withKnownIssue("doc 02, pdfplumber: the 22102 住房改革支出 row is lost in a wrapped name", isIntermittent: !known) {
                    Issue.record("\(statement): only pdfplumber \(a.filter { !b.contains($0) }), only pypdf \(b.filter { !a.contains($0) })")
                }
                if !known { Issue.record("\(statement) differs") }
            }
        }
    }

    @Test("same item names", arguments: Fixtures.documents)
    func sameNames(document: String) throws {
        let plumber = try Fixtures.report(document)
        let pypdf = try Fixtures.report(document, pypdf: true)
        withKnownIssue("pdfplumber wraps some names of 一般公共预算财政拨款支出决算表 across rows; 基本支出 layout not read") {
            #expect(Set(plumber.rows()).symmetricDifference(pypdf.rows()).isEmpty)
        }
    }
}
