import FiscalModel
import FiscalQuery
import Foundation
import Testing
@testable import FiscalShell

/// The message catalogue: every key in both languages with the same placeholders, and the
/// Chinese the shell shows under `LANG=zh_CN.UTF-8`.
struct MessageCatalogueTests {
    @Test func everyKeyExistsInBothLanguagesWithTheSamePlaceholders() {
        for key in MessageKey.allCases {
            let en = MessageCatalogue.english[key]
            let zh = MessageCatalogue.chinese[key]
            #expect(en != nil, "no English text for \(key.rawValue)")
            #expect(zh != nil, "no Chinese text for \(key.rawValue)")
            if let en, let zh {
                #expect(MessageTemplate.placeholders(en) == MessageTemplate.placeholders(zh), "\(key.rawValue): placeholders differ")
            }
        }
        #expect(MessageCatalogue.english.count == MessageKey.allCases.count)
        #expect(MessageCatalogue.chinese.count == MessageKey.allCases.count)
    }

    @Test func everyHelpTopicAndCommandHasItsText() {
        for topic in HelpTopic.all {
            #expect(MessageKey(rawValue: "help.\(topic.name).summary") != nil, "help topic \(topic.name) has no summary key")
        }
        for command in MetaCommandTable.standard.commands {
            #expect(!command.summary.text(.chinese).isEmpty)
            #expect(command.summary.text(.chinese) != command.summary.text(.english), ":\(command.name) is not translated")
        }
    }

    @Test func chineseHeadingsAreNamesQueriesAccept() {
        // A heading shown in Chinese that is also a query alias must name the same field.
        for key in MessageKey.allCases where key.rawValue.hasPrefix("column.") {
            let field = String(key.rawValue.dropFirst("column.".count))
            let zh = Message(key).text(.chinese)
            if FieldNames.aliases[zh] != nil {
                #expect(FieldNames.canonical(zh) == field, "\(zh) is shown for \(field) but means \(FieldNames.canonical(zh))")
            }
        }
    }

    @Test func pluralsAndPlaceholders() {
        #expect(Message(.rowCount, 1).text(.english) == "(1 row)")
        #expect(Message(.rowCount, 3).text(.english) == "(3 rows)")
        #expect(Message(.rowCount, 3).text(.chinese) == "（共 3 行）")
        #expect(Language(name: "zh_CN.UTF-8") == .chinese)
        #expect(Language.from(environment: ["LANG": "en_US.UTF-8", "LC_MESSAGES": "zh_TW.UTF-8"]) == .chinese)
        #expect(Language.from(environment: ["LANG": "C"]) == .english)
        #expect(Language.from(environment: ["LANG": "en_US.UTF-8", "LANGUAGE": "zh_CN:en"]) == .chinese)
        #expect(Language.from(environment: ["LANG": "C.UTF-8", "LANGUAGE": "zh_CN"]) == .english, "gettext ignores LANGUAGE under C")
        #expect(Language.from(environment: ["LC_ALL": "zh_TW.UTF-8", "LANG": "en_US.UTF-8"]) == .chinese)
    }

    @Test func helpAnErrorANoteAndCheckFindingsInChinese() throws {
        let env = ["LANG": "zh_CN.UTF-8"]
        let seed = Fixture.root + "/Examples/wusheng-2020-决算.txt"
        let help = try runFiscal(["-X", "-c", ":help"], environment: env)
        #expect(help.out.contains("命令："))
        #expect(help.out.contains("查询（一个数据源，后接用 `|` 连接的步骤）："))
        let error = try runFiscal(["-X", "-c", "facts | wher year = 2020", seed], environment: env)
        #expect(error.status == 1)
        #expect(error.err.contains("错误：没有 `wher` 这个步骤"), "\(error.err)")
        #expect(error.err.contains("是不是要输入 `where`？"))
        let check = try runFiscal(["-X", "-c", "check | where severity = \"error\" | select rule, subject, stated, computed", seed], environment: env)
        #expect(check.out.contains("规则"), "\(check.out)")
        #expect(check.out.contains("报告数") && check.out.contains("计算数"))
        #expect(check.out.contains("（共 5 行）"))  // the 附件's copy of the income line is the same facts: one sum error
        #expect(check.out.contains("本年收入合计 = 各项收入之和"), "a finding's subject in Chinese")
        #expect(check.out.contains("公务接待费支出决算 较 2019 年的增减率"))
        let summary = try runFiscal(["-X", "-c", ":check", seed], environment: env)
        #expect(summary.out.contains("注：已核对 1 份报告："), "\(summary.out)")
        #expect(summary.out.contains("级别"))
        let english = try runFiscal(["-X", "--lang", "en", "-c", ":help"], environment: env)
        #expect(english.out.contains("Commands:"))
        // `:set lang` switches in the middle of a session.
        let switched = try runFiscal(["--keep-going", "-X", Fixture.exampleCSV], input: "fakts\n:set lang zh\nfakts\n:set lang en\n:set\n")
        #expect(switched.err.contains("error: unknown source `fakts`"), "\(switched.err)")
        #expect(switched.err.contains("错误：没有 `fakts` 这个数据源"), "\(switched.err)")
        #expect(switched.out.contains("lang       en"), "\(switched.out)")
    }
}
