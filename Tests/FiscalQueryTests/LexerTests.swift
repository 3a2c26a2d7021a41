import Testing
@testable import FiscalQuery

@Suite struct LexerTests {
    @Test func tokensAndSpans() throws {
        let tokens = try Lexer.tokenize("facts | where year = 2020")
        #expect(tokens.map(\.kind) == [
            .identifier("facts"), .pipe, .keyword(.where), .identifier("year"), .equal, .number("2020"), .end,
        ])
        #expect(tokens.map(\.span) == [0..<5, 6..<7, 8..<13, 14..<18, 19..<20, 21..<25, 25..<25])
    }

    @Test func chineseNamesAndFullWidthPunctuation() throws {
        let tokens = try Lexer.tokenize("facts｜where 科目 ～ “接待” and 年度 ＝ 2020")
        #expect(tokens.map(\.kind) == [
            .identifier("facts"), .pipe, .keyword(.where), .identifier("科目"), .tilde, .string("接待"), .keyword(.and),
            .identifier("年度"), .equal, .number("2020"), .end,
        ])
        #expect(tokens[5].span == 17..<21)
    }

    @Test func operatorsDecimalsAndBackticks() throws {
        let kinds = try Lexer.tokenize("a<=1.5 b!=2 c>=3 `2019` d<>e").map(\.kind)
        #expect(kinds == [
            .identifier("a"), .lessEqual, .number("1.5"), .identifier("b"), .notEqual, .number("2"), .identifier("c"),
            .greaterEqual, .number("3"), .identifier("2019"), .identifier("d"), .notEqual, .identifier("e"), .end,
        ])
    }

    @Test func unterminatedStringPointsAtItsStart() {
        #expect(throws: QueryError.self) { try Lexer.tokenize("facts | where item = \"接待") }
        do {
            _ = try Lexer.tokenize("facts | where item = \"接待")
        } catch {
            #expect(error.span == 21..<24)
            #expect(error.message.hasPrefix("unterminated string"))
        }
    }

    @Test func unexpectedCharacter() {
        do {
            _ = try Lexer.tokenize("facts ; limit 1")
            Issue.record("expected an error")
        } catch {
            #expect(error.span == 6..<7)
        }
    }
}
