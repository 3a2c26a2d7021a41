import FiscalModel
import Testing
@testable import FiscalQuery

/// Limits by design of the parser, and arithmetic errors that name the expression (issue 11).
@Suite struct QueryLimitTests {
    func message(_ text: String) -> String? {
        do { _ = try Parser.parse(text); return nil } catch { return error.message }
    }

    @Test func nestingIsBounded() {
        let ok = String(repeating: "(", count: 150) + "amount" + String(repeating: ")", count: 150)
        #expect(message("facts | where \(ok) > 1") == nil)
        let deep = String(repeating: "(", count: 201) + "amount" + String(repeating: ")", count: 201)
        #expect(message("facts | where \(deep) > 1") == "expected expressions nested at most 200 levels deep, found more")
        #expect(message("facts | derive x = " + String(repeating: "-", count: 5000) + "1") == "expected expressions nested at most 200 levels deep, found more")
        #expect(message("facts | where " + String(repeating: "not ", count: 5000) + "true") == "expected expressions nested at most 200 levels deep, found more")
    }

    @Test func operatorsAndLengthAreBounded() {
        #expect(message("facts | derive x = 1" + String(repeating: " + 1", count: 2_000)) == nil)
        #expect(message("facts | derive x = 1" + String(repeating: " + 1", count: 2_001)) == "expected at most 2000 operators in one query, found more")
        #expect(message("facts | where item = \"" + String(repeating: "a", count: 70_000) + "\"") == "expected a query of at most 65536 characters, found 70023")
    }

    @Test func overflowNamesTheExpression() throws {
        #expect(throws: QueryError.self) { try Fixture.run("facts | derive x = amount * 9999999999999999999 * 9999999999999999999") }
        do {
            _ = try Fixture.run("facts | derive x = amount * 9999999999999999999 * 9999999999999999999")
        } catch {
            #expect(error.message == "arithmetic overflow in `(amount * 9999999999999999999) * 9999999999999999999`: the exact result needs more than 38 digits")
        }
    }

    @Test func divisionByZeroIsNoted() throws {
        let t = try Fixture.run("facts | derive r = amount / 0 | select r")
        #expect(t.rows.allSatisfy { $0 == [.null] })
        #expect(t.notes.contains { $0.hasPrefix("`amount / 0` divides by zero in") })
    }

    @Test func bindingABuiltinSourceIsAnError() {
        #expect(throws: QueryError.self) { try Fixture.run("let facts = facts | limit 1") }
    }
}
