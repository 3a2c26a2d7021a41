import Testing
@testable import FiscalShell

/// Completion as a pure function: no terminal, no libedit.
struct CompleterTests {
    var vocabulary: CompletionVocabulary = {
        var v = CompletionVocabulary()
        v.commands = [":load": .paths, ":save": .paths, ":set": .words(["output", "width", "rows"], then: ["output": ["csv", "json"]]),
                      ":help": .helpTopics, ":history": .none, ":unload": .reports]
        v.helpTopics = ["drill", "load", "where"]
        v.reportNames = ["示例县委办公室", "县委办"]
        v.classifications = [
            ClassificationName(code: "201", name: "一般公共服务支出"),
            ClassificationName(code: "2013102", name: "一般行政管理事务"),
            ClassificationName(code: "208", name: "社会保障和就业支出"),
        ]
        v.listDirectory = { folder in
            folder == "" ? [DirectoryEntry(name: "Examples", isDirectory: true), DirectoryEntry(name: "README.md", isDirectory: false)]
                : folder == "Examples/" ? [DirectoryEntry(name: "县委办.csv", isDirectory: false), DirectoryEntry(name: "first-look.fql", isDirectory: false)] : []
        }
        return v
    }()

    func complete(_ line: String, cursor: Int? = nil) -> Completion {
        Completer(vocabulary: vocabulary).complete(line: line, cursor: cursor ?? line.unicodeScalars.count)
    }

    @Test func compareOffersItsOptions() {
        #expect(complete("facts | compare year ov").candidates == ["overall"])
        #expect(complete("facts | compare entity 县委办 ba").candidates == ["base"])
        #expect(complete("facts | where x = 1 | ca").candidates.contains("cagr") == false)
    }

    @Test func drillOffersClassificationNamesByPrefix() {
        let c = complete("drill 一般")
        #expect(c.candidates == ["一般公共服务支出", "一般行政管理事务"])
        #expect(c.replacement == 6..<8)
        #expect(c.commonPrefix == "一般")
        #expect(complete("drill 20").candidates == ["201", "2013102", "208"])
    }

    @Test func stringLiteralsOfferNamesAndEntities() {
        let c = complete("facts | where item = \"社会")
        #expect(c.candidates == ["社会保障和就业支出"])
        #expect(c.replacement == 22..<24)
        #expect(complete("facts | where entity = '示例").candidates == ["示例县委办公室"])
    }

    @Test func keywordsAndFieldsInEnglishAndChinese() {
        #expect(complete("fa").candidates == ["facts", "false"])
        #expect(complete("fac").candidates == ["facts"])
        #expect(complete("facts | wh").candidates == ["where"])
        #expect(complete("facts | where 金").candidates == ["金额"])
        #expect(complete("facts | sort amount de").candidates == ["depth", "derive", "derived", "desc"])
        #expect(complete("facts | where 资").candidates == ["资金来源"])
    }

    @Test func metaCommandsAndTheirArguments() {
        #expect(complete(":hi").candidates == [":history"])
        #expect(complete(":set ou").candidates == ["output"])
        #expect(complete(":set output j").candidates == ["json"])
        #expect(complete(":help dr").candidates == ["drill"])
        #expect(complete(":unload 县").candidates == ["县委办"])
    }

    @Test func pathsAfterLoadKeepTheFolder() {
        #expect(complete(":load Ex").candidates == ["Examples/"])
        let c = complete(":load Examples/县")
        #expect(c.candidates == ["Examples/县委办.csv"])
        #expect(c.replacement == 6..<16)
    }

    @Test func completesTheWordBeforeTheCursorOnly() {
        let line = "fac | where"
        let c = complete(line, cursor: 3)
        #expect(c.candidates == ["facts"])
        #expect(c.replacement == 0..<3)
    }

    @Test func candidateColumnsAlignByDisplayWidth() {
        let text = CandidateColumns.layout(["一般公共服务支出", "ab", "一般行政管理事务", "cd"], width: 40)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines == ["一般公共服务支出  一般行政管理事务", "ab                cd"])
        #expect(CandidateColumns.layout([], width: 80) == "")
    }
}

@Suite struct DrillCompletionTests {
    @Test("after drill: classified items and catalog names only; bracketed names come quoted")
    func drillNames() {
        var v = CompletionVocabulary()
        v.classifications = [
            ClassificationName(code: "201", name: "一般公共服务支出"),
            ClassificationName(code: "20131", name: "党委办公厅（室）及相关机构事务"),
        ]
        let c = Completer(vocabulary: v)
        #expect(c.complete(line: "drill 一般", cursor: 8).candidates == ["一般公共服务支出"])
        #expect(c.complete(line: "drill 党委", cursor: 8).candidates == ["\"党委办公厅（室）及相关机构事务\""])
    }

    @Test("the session's vocabulary: coded items of the seed and the catalog, not uncoded items")
    func sessionVocabulary() throws {
        let session = Session()
        try session.load([Fixture.root + "/Examples/wusheng-2020-决算.txt"])
        let names = Set(CompletionVocabulary.of(session, commands: .standard).classifications.map(\.name))
        #expect(names.contains("一般行政事务支出"))  // as the report writes the 项
        #expect(names.contains("一般行政管理事务"))  // as the catalog names it
        #expect(!names.contains("一般公务用车"))  // a vehicle count, not a classification
    }
}
