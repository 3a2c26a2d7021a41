import Foundation
import Testing

/// With `LANG=zh_CN.UTF-8` nothing fiscal writes is English prose: the real binary runs each
/// path that writes sentences (evaluator notes and errors, `explain`, load errors and the
/// readers' warnings, `check`, charts, figures, handouts, `--help`), and its output may hold
/// no run of three or more English words outside code, query text and names.
///
/// Each path also runs with `LANG=en_US.UTF-8`, where the same detector must find English:
/// the test fails on any path whose Chinese output was never translated (as on the main
/// branch before the catalogue held these messages) and cannot pass on an empty output.
@Suite("Chinese output", .serialized)
struct ChineseOutputTests {
    static let seed = "Examples/wusheng-2020-决算.txt"
    static let csv = "Examples/county-office-2019-2021.csv"
    static let shanghai01 = "Examples/shanghai-putuo/01_普陀区财政局_2024_部门决算.txt"

    /// The locale variables `Language.from(environment:)` reads, all but `LANG` cleared.
    static func environment(_ lang: String) -> [String: String] {
        ["LANG": lang, "LC_ALL": "", "LC_MESSAGES": "", "LANGUAGE": ""]
    }

    /// Runs `arguments` in English and in Chinese; returns both outputs (stdout and stderr).
    func both(_ arguments: [String], input: String? = nil, directory: String = Fixture.root) throws -> (en: String, zh: String) {
        let en = try runFiscal(arguments, input: input, environment: Self.environment("en_US.UTF-8"), directory: directory)
        let zh = try runFiscal(arguments, input: input, environment: Self.environment("zh_CN.UTF-8"), directory: directory)
        return (en.out + en.err, zh.out + zh.err)
    }

    /// The English output has prose (the path writes sentences), the Chinese none.
    func expectTranslated(_ outputs: (en: String, zh: String), _ what: String,
                          sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!EnglishProse.runs(in: outputs.en).isEmpty, "\(what): no English prose in English either; the test proves nothing",
                sourceLocation: sourceLocation)
        let left = EnglishProse.runs(in: outputs.zh)
        #expect(left.isEmpty, "\(what): English left in Chinese output: \(left)\n\(outputs.zh)", sourceLocation: sourceLocation)
    }

    @Test func detectorFindsRunsOutsideCodeAndQueries() {
        #expect(EnglishProse.runs(in: "注：the rows also hold 合计，选择口径") == ["the rows also hold"])
        #expect(EnglishProse.runs(in: "表头应包含 phase, statement, item, amount，实际是 entity,year").isEmpty, "field names")
        #expect(EnglishProse.runs(in: "错误：`item`（文本） 与 数字 1 不能比较").isEmpty)
        #expect(EnglishProse.runs(in: "用 `where measure = \"…\"` 选择口径；`source row N` 列出").isEmpty)
        #expect(EnglishProse.runs(in: "查询：facts | where year = 2020 | chart pie amount by item").isEmpty, "query text")
        #expect(EnglishProse.runs(in: "   | facts | wher year = 2020").isEmpty, "a quoted query line")
        #expect(EnglishProse.runs(in: "Tab 补全；Ctrl-D 退出。").isEmpty)
        #expect(EnglishProse.runs(in: "note: the report's total, as stated").count == 1)
        #expect(EnglishProse.runs(in: "错误：cannot read the file: no such file or directory") == ["cannot read the file no such file or directory"])
        #expect(EnglishProse.runs(in: "（可选值：table, csv, json, markdown, html, svg）").isEmpty, "option values")
    }

    @Test func evaluatorNotesAndErrors() throws {
        let queries = [
            "facts | group 类 | sum amount",           // notes: totals left out, rows without a code
            "facts | compare year",                    // notes: measure, derived columns
            "facts | sort amount",                     // note: units
            "facts | where item = 1",                  // error + hint: cannot compare
            "facts | where year ~ \"20\"",             // error: ~ on numbers
            "facts | group 类 | sum item",             // error: sum of text
            "drill 不存在的科目",                       // error: not a classification name
            "facts | chart item",                      // error: cannot draw text
            "facts | where amount * 1 | count",        // error: not a condition
            "facts | derive x = amount / 0 | limit 1", // note: division by zero
            "let facts = facts",                       // error: a built-in name
        ]
        let outputs = try both(["-X", "--keep-going"] + queries.flatMap { ["-c", $0] } + [Self.seed, Self.csv])
        expectTranslated(outputs, "evaluator")
        // drill on the seed alone: a stated total that differs from its parts.
        let drill = try both(["-X", "-c", "drill", "-c", "drill 201 depth 2", Self.seed])
        expectTranslated(drill, "drill")
        #expect(drill.zh.contains("下级明细合计"), "\(drill.zh)")
        #expect(outputs.zh.contains("注：按 类/款/项 分组时只加最细一级"), "\(outputs.zh)")
        #expect(outputs.zh.contains("错误：`item`（文本） 与 数字 1 不能比较"))
        #expect(outputs.zh.contains("文本加引号：\"1\""))
    }

    @Test func explainStages() throws {
        let outputs = try both(["-X", "-c", "explain facts | where year = 2020 | group 类 | sum amount | top 3 by amount | share amount | chart pie", Self.seed])
        expectTranslated(outputs, "explain")
        #expect(outputs.zh.contains("保留满足条件的行"), "\(outputs.zh)")
        #expect(outputs.zh.contains("注：第 3 步："))
        #expect(outputs.zh.contains("结果所用的数字，按表统计："))
    }

    @Test func loadErrorsAndWarnings() throws {
        let dir = Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "hello, this is not a report at all\n".write(toFile: dir + "/notes.txt", atomically: true, encoding: .utf8)
        try "entity,year\n示例单位,2020\n".write(toFile: dir + "/bad.csv", atomically: true, encoding: .utf8)
        let header = "entity,year,phase,statement,item,amount\n"
        try (header + ",2020,决算,支出,x,1\n示例,二〇二〇,决算,支出,x,1\n示例,2020,决算,支出,x,一\n").write(toFile: dir + "/rows.csv", atomically: true, encoding: .utf8)
        for file in ["notes.txt", "bad.csv", "rows.csv", "missing.txt"] {
            expectTranslated(try both(["-X", "-c", ":reports", dir + "/" + file]), "load \(file)")
        }
        let warnings = try both(["-X", "-c", "warnings | select code, message", Self.seed, Self.shanghai01])
        expectTranslated(warnings, "readers' warnings")
        #expect(warnings.zh.contains("附件中"), "\(warnings.zh)")
        let rows = try runFiscal(["-X", "-c", ":reports", dir + "/rows.csv"], environment: Self.environment("zh_CN.UTF-8"))
        #expect(rows.status == 3)
        #expect(rows.err.contains("rows.csv:2: 应有单位名称，该字段为空"), "\(rows.err)")
        #expect(rows.err.contains("`year` 应为年度（如 2020），实际是 `二〇二〇`"))
    }

    @Test func checkReasonsAndComparisons() throws {
        // The 决算 says 决算数大于预算数 where it is less: the comparison rule's finding.
        let dir = Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let text = try String(contentsOfFile: Fixture.root + "/" + Self.shanghai01, encoding: .utf8)
        let from = "决算数小于预算数的主要原因：人员进出", to = "决算数大于预算数的主要原因：人员进出"
        #expect(text.contains(from))
        let changed = dir + "/01.txt"
        try text.replacingOccurrences(of: from, with: to).write(toFile: changed, atomically: true, encoding: .utf8)
        let outputs = try both(["-X", "-o", "csv", "-c", "check | select severity, rule, subject, figures, detail", Self.seed, changed])
        expectTranslated(outputs, "check")
        #expect(outputs.zh.contains("收入支出决算总表与支出决算表的各类行"), "an identity's reason\n\(outputs.zh)")
        #expect(outputs.zh.contains("行政运行 大于预算数"), "a comparison in words")
        #expect(outputs.zh.contains("文字称 "), "the figure the words state")
        #expect(outputs.zh.contains("增减额 -2.99"), "a figure read from a sentence, labelled in Chinese")
    }

    @Test func chartsFiguresAndHandouts() throws {
        let dir = Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let terminal = try both(["-X", "--keep-going", "-c", "drill | chart pie", "-c", "facts | where statement = \"收入\" | chart pie amount by item",
                                 "-c", ":figures", "-c", ":save \(dir)/c.svg", Self.seed])
        expectTranslated(terminal, "charts and figures")
        #expect(terminal.zh.contains("来源：县委办 2020 决算"), "\(terminal.zh)")
        #expect(terminal.zh.contains("个部分的结构图保存到"), "\(terminal.zh)")
        let svg = try both(["-X", "-o", "svg", "-c", "drill | chart pie", Self.seed])
        expectTranslated((Self.text(ofMarkup: svg.en), Self.text(ofMarkup: svg.zh)), "SVG")
        // A lesson whose own words are Chinese: the page adds none in English.
        let lesson = """
            -- 第一课：县委办的决算
            -- 先看有哪些数字
            facts | where statement = "收入" | select item, amount
            -- 按类汇总
            drill
            explain 三公经费
            check | where severity = "error"
            source 546.41
            figures
            facts | where item = 1
            """
        try lesson.write(toFile: dir + "/lesson.fql", atomically: true, encoding: .utf8)
        var pages: [String] = []
        for (lang, name) in [("en_US.UTF-8", "en.html"), ("zh_CN.UTF-8", "zh.html")] {
            let r = try runFiscal(["handout", dir + "/lesson.fql", Self.seed, "-o", dir + "/" + name], environment: Self.environment(lang))
            #expect(r.status == 1, "the last step fails on purpose: \(r.err)")
            pages.append(Self.text(ofMarkup: try String(contentsOfFile: dir + "/" + name, encoding: .utf8)) + r.err)
        }
        expectTranslated((pages[0], pages[1]), "handout")
        #expect(pages[1].contains("第1步") && !pages[1].contains("Step 1"), "\(pages[1])")
        #expect(pages[1].contains("已写出"))
    }

    @Test func commandLineHelp() throws {
        for arguments in [["--help"], ["check", "--help"], ["handout", "--help"], ["formats", "--help"], ["help", "check"], ["--bogus"], ["-e"]] {
            expectTranslated(try both(arguments), arguments.joined(separator: " "))
        }
        let zh = try runFiscal(["--help"], environment: Self.environment("zh_CN.UTF-8"))
        #expect(zh.out.contains("选项："), "\(zh.out)")
        #expect(zh.out.contains("执行查询，输出结果后退出"))
        #expect(zh.out.contains("显示帮助信息。"))
        let chosen = try runFiscal(["--lang", "zh", "--help"], environment: Self.environment("en_US.UTF-8"))
        #expect(chosen.out.contains("选项："), "--lang zh before parsing chooses the help's language")
        let english = try runFiscal(["--lang=en", "--help"], environment: Self.environment("zh_CN.UTF-8"))
        #expect(english.out.contains("OPTIONS:"))
        let usage = try runFiscal(["--bogus"], environment: Self.environment("zh_CN.UTF-8"))
        #expect(usage.status == 2)
        #expect(usage.err.contains("错误：未知选项 '--bogus'"), "\(usage.err)")
    }

    /// The text of an HTML or SVG document: no style, script or query blocks, tags removed,
    /// entities decoded.
    static func text(ofMarkup markup: String) -> String {
        var s = markup
        for pattern in ["<style[^>]*>[\\s\\S]*?</style>", "<pre class=\"query\">[\\s\\S]*?</pre>", "<[^>]+>"] {
            s = s.replacingOccurrences(of: pattern, with: "\n", options: .regularExpression)
        }
        for (entity, char) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            s = s.replacingOccurrences(of: entity, with: char)
        }
        return s
    }
}

/// Runs of English prose in program output.
enum EnglishProse {
    /// Every run of three or more English words on a line. Not prose: code in backticks, text in
    /// double quotes (values, queries), a line quoting a query (`   | facts | …`) or holding a
    /// pipeline (` | `), and tokens with digits or symbols (paths, options, `econ_code`). The
    /// names queries and options use (field names, sources, stages, output modes) do not count
    /// towards the three. Chinese characters and punctuation separate words.
    static func runs(in text: String) -> [String] {
        var found: [String] = []
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = String(rawLine)
            if line.drop(while: { $0 == " " }).hasPrefix("|") || line.contains(" | ") { continue }
            line = line.replacingOccurrences(of: "`[^`]*`", with: " ", options: .regularExpression)
            line = line.replacingOccurrences(of: "\"[^\"]*\"", with: " ", options: .regularExpression)
            line = String(line.unicodeScalars.map { $0.value >= 0x2E80 ? " " : Character($0) })
            var run: [String] = []
            func close() {
                if run.filter({ !names.contains($0) }).count >= 3 { found.append(run.joined(separator: " ")) }
                run = []
            }
            for token in line.split(whereSeparator: \.isWhitespace) {
                let word = token.trimmingCharacters(in: CharacterSet(charactersIn: "()[]{},;:.?!（）"))
                if isWord(word) { run.append(word) } else { close() }
            }
            close()
        }
        return found
    }

    /// Names in queries and on the command line: fields, sources, stages, output modes.
    static let names: Set<String> = [
        "entity", "year", "phase", "statement", "item", "code", "fund", "measure", "amount", "unit", "derived", "file", "line",
        "facts", "warnings", "check", "glossary", "drill", "where", "group", "agg", "sort", "limit", "top", "share", "select",
        "derive", "compare", "chart", "let", "sum", "count", "avg", "min", "max", "pie", "bar",
        "table", "csv", "json", "markdown", "html", "svg", "png", "en", "zh",
    ]

    /// Letters, with inner apostrophes or hyphens (`report's`, `Ctrl-D`).
    static func isWord(_ s: String) -> Bool {
        !s.isEmpty && s.range(of: "^[A-Za-z]+(['’-][A-Za-z]+)*$", options: .regularExpression) != nil
    }
}
