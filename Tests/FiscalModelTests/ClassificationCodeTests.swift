import FiscalModel
import Testing

@Suite("Classification codes form a hierarchy by prefix")
struct ClassificationCodeTests {
    @Test func levels() throws {
        #expect(ClassificationCode("201").level == .lei)
        #expect(ClassificationCode("20131").level == .kuan)
        #expect(ClassificationCode("2013101").level == .xiang)
        #expect(ClassificationCode.Level.xiang.name == "项")
    }

    @Test func parentsAndLineage() {
        let code: ClassificationCode = "2013101"
        #expect(code.parent == "20131")
        #expect(code.parent?.parent == "201")
        #expect(ClassificationCode("201").parent == nil)
        #expect(code.lineage == ["201", "20131", "2013101"])
        #expect(code.ancestor(at: .lei) == "201")
        #expect(ClassificationCode("201").ancestor(at: .xiang) == nil)
    }

    @Test func subtrees() {
        #expect(ClassificationCode("201").contains("2013101"))
        #expect(ClassificationCode("20131").contains("20131"))
        #expect(!ClassificationCode("20131").contains("2013201"))
        #expect(!ClassificationCode("208").contains("2013101"))
        #expect(ClassificationCode("2013101").isChild(of: "20131"))
        #expect(!ClassificationCode("2013101").isChild(of: "201"))
    }

    @Test("accepts codes split in parts, rejects other lengths", arguments: [
        ("201 06 01", "2010601"), ("201", "201"), ("30101", "30101"),
    ])
    func parsing(input: String, digits: String) {
        #expect(ClassificationCode(rawValue: input)?.rawValue == digits)
    }

    @Test(arguments: ["20", "2013", "201310", "20131011", "2O1", "", "abc"])
    func rejects(input: String) {
        #expect(ClassificationCode(rawValue: input) == nil)
    }
}
