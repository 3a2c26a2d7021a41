import Foundation
import Testing
@testable import FiscalShell
import FiscalModel

/// Loading many reports (issue #13): one department under its printed names, a narrative and its
/// tables as one report, a second extraction skipped, and what the load says about it.
@Suite("loading panels of reports")
struct PanelLoadingTests {
    static let jiangsu = Fixture.root + "/Examples/corpus/jiangsu"
    static let shanghai = Fixture.root + "/Examples/corpus/shanghai-putuo"

    @Test("Jiangsu: five entities, four with 2017 and 2018, 政协办公厅 2017 only; narrative and tables one report")
    func jiangsuPanel() throws {
        let session = Session()
        try session.load([Self.jiangsu])
        var years: [String: [Int]] = [:]
        for r in session.reports { years[r.entity, default: []].append(r.year) }
        #expect(years.count == 5)
        #expect(years == [
            "江苏省人大常委会办公厅": [2017, 2018], "江苏省人民检察院": [2017, 2018], "江苏省委办公厅": [2017, 2018],
            "江苏省政协办公厅": [2017], "江苏省高级人民法院": [2017, 2018],
        ])
        func files(_ entity: String, _ year: Int) -> [String] {
            session.reports.first { $0.entity == entity && $0.year == year }!.documents.map { ($0.path as NSString).lastPathComponent }
        }
        #expect(files("江苏省委办公厅", 2017) == ["05_江苏省委办公厅_2017_部门预算.txt", "06_江苏省委办公厅_2017_部门预算_表格.txt"])
        #expect(files("江苏省委办公厅", 2018) == ["07_江苏省委办公厅_2018_部门预算.txt", "08_江苏省委办公厅_2018_部门预算_表格.txt"])
        #expect(files("江苏省政协办公厅", 2017) == ["09_江苏省政协办公厅_2017_部门预算.txt", "10_江苏省政协办公厅_2017_部门预算_表格.txt"])
        // The names the files print stay with the report (provenance).
        let office2017 = session.reports.first { $0.entity == "江苏省委办公厅" && $0.year == 2017 }!
        #expect(office2017.documents.map(\.printedEntity) == ["江苏省委办公厅", "中国共产党江苏省委员会办公厅"])
        let office2018 = session.reports.first { $0.entity == "江苏省委办公厅" && $0.year == 2018 }!
        #expect(office2018.documents.map(\.printedEntity) == ["江苏省委办公厅", "中共江苏省委办公厅"])
        // Checked by hand: 行政运行 2013101 is 6106.99 万元 in the narrative (05:174, "行政运行（项）6106.99 万元")
        // and in the 财政拨款支出预算表 (06:78): one fact with a mention in each, counted once.
        let admin = office2017.facts.filter { $0.code?.rawValue == "2013101" && $0.statement.rawValue == "财政拨款支出" && $0.year == 2017 }
        #expect(admin.count == 1)
        #expect(admin.first?.amount == Amount("6106.99"))
        #expect(Set(admin.first?.mentions.map { ($0.span.file as NSString).lastPathComponent } ?? [])
                == ["05_江苏省委办公厅_2017_部门预算.txt", "06_江苏省委办公厅_2017_部门预算_表格.txt"])
        let sum = try session.query("facts | where entity = \"江苏省委办公厅\" and year = 2017 and code = \"2013101\" and statement = \"财政拨款支出\" | sum amount")
        #expect(sum.rows.first?.first == .amount(Amount("6106.99")!))
    }

    @Test("Shanghai with its .pypdf.txt twins: the same totals as the .txt files alone, each twin named as skipped")
    func shanghaiTwins() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.shanghai).filter { $0.hasPrefix("0") && $0.hasSuffix(".txt") }.sorted()
        let plain = files.filter { !$0.hasSuffix(".pypdf.txt") }
        #expect(files.count == 10 && plain.count == 7)
        let query = "facts | where code != null | group entity, year, phase, statement, measure, 类 | sum amount"
        let all = try runFiscal(["-X", "-o", "csv", "-e", query] + files, directory: Self.shanghai)
        let alone = try runFiscal(["-X", "-o", "csv", "-e", query] + plain, directory: Self.shanghai)
        #expect(all.status == 0 && alone.status == 0)
        #expect(all.out.split(separator: "\n").count > 400)
        #expect(all.out == alone.out)
        for twin in ["01_普陀区财政局", "02_普陀区规划和自然资源局", "03_中共普陀区委社会工作部"] {
            #expect(all.err.contains("skipped \(twin)_2024_部门决算.txt: another extraction of the same document (the same figures) as \(twin)_2024_部门决算.pypdf.txt"))
        }
        let reports = try runFiscal(["-X", "-o", "csv", "-e", ":reports"] + files, directory: Self.shanghai)
        #expect(reports.out.split(separator: "\n").count == 1 + 7)
    }

    @Test("the load message says what was merged and skipped; :reports lists the files and skipped repeats")
    func loadMessages() {
        let collected = CollectingConsole()
        let session = Session()
        let runner = StatementRunner(session: session, console: collected.console)
        #expect(runner.execute(":load \(Self.jiangsu)", origin: nil) == .succeeded)
        #expect(collected.err.contains("note: merged 06_江苏省委办公厅_2017_部门预算_表格.txt into the report of 江苏省委办公厅 2017 预算 (with 05_江苏省委办公厅_2017_部门预算.txt)"))
        #expect(collected.err.contains("loaded 9 reports from 12 files ("))
        #expect(collected.err.contains(": 3 merged into another file's report, 0 skipped as repeats"))
        // The same file again: skipped, nothing doubles.
        let facts = session.reports.reduce(0) { $0 + $1.facts.count }
        #expect(runner.execute(":load \(Self.jiangsu)/03_江苏省人民检察院_2017_部门预算.txt", origin: nil) == .succeeded)
        #expect(collected.err.contains("skipped 03_江苏省人民检察院_2017_部门预算.txt: the same text as 03_江苏省人民检察院_2017_部门预算.txt, which is loaded"))
        #expect(session.reports.count == 9 && session.reports.reduce(0) { $0 + $1.facts.count } == facts)
        #expect(runner.execute(":reports", origin: nil) == .succeeded)
        #expect(collected.out.contains("(9 rows)"))
        #expect(collected.out.contains("中国共产党江苏省委员会办公厅"))
        #expect(collected.out.contains("note: skipped 03_江苏省人民检察院_2017_部门预算.txt: the same text as"))
        #expect(runner.execute("warnings | count", origin: nil) == .succeeded)
    }

    @Test(":unload takes the beginning of a name, region left out, and names the candidates when several fit")
    func unloadByPrefix() {
        let collected = CollectingConsole()
        let session = Session()
        let runner = StatementRunner(session: session, console: collected.console)
        #expect(runner.execute(":load \(Self.jiangsu)", origin: nil) == .succeeded)
        #expect(runner.execute(":unload 江苏省", origin: nil) == .failed)
        #expect(collected.err.contains("`江苏省` could mean 江苏省人大常委会办公厅, 江苏省人民检察院, 江苏省委办公厅, 江苏省政协办公厅, 江苏省高级人民法院"))
        #expect(session.reports.count == 9)
        #expect(runner.execute(":unload 中共江苏省委办公厅", origin: nil) == .succeeded)
        #expect(collected.err.contains("unloaded 2 reports"))
        #expect(runner.execute(":unload 人民检", origin: nil) == .succeeded)
        #expect(session.reports.count == 5)
        #expect(Set(session.reports.map(\.entity)) == ["江苏省人大常委会办公厅", "江苏省政协办公厅", "江苏省高级人民法院"])
    }

    @Test(":alias names an entity, is kept in the aliases file, and works where a name is typed")
    func aliases() throws {
        let folder = NSTemporaryDirectory() + "fiscal-alias-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let collected = CollectingConsole()
        let session = Session()
        session.aliasFile = folder + "/fiscal/aliases"
        let runner = StatementRunner(session: session, console: collected.console)
        #expect(runner.execute(":load \(Self.jiangsu)", origin: nil) == .succeeded)
        #expect(runner.execute(":unload 省法院", origin: nil) == .failed)
        #expect(runner.execute(":alias 省法院 = 江苏省高级人民法院", origin: nil) == .succeeded)
        let text = try String(contentsOfFile: folder + "/fiscal/aliases", encoding: .utf8)
        #expect(text.hasSuffix("省法院 = 江苏省高级人民法院\n"))
        #expect(session.reports.filter { $0.entity == "江苏省高级人民法院" }.allSatisfy { $0.shortName == "省法院" })
        #expect(runner.execute(":alias", origin: nil) == .succeeded)
        #expect(collected.out.contains("省法院") && collected.out.contains("(1 row)"))
        #expect(runner.execute(":alias 省法院", origin: nil) == .failed)
        #expect(collected.err.contains("expected `:alias NAME = NAME`, found `省法院`"))
        // A new session reads the file (as fiscal does at start-up).
        let (read, problems) = AliasFile.read(folder + "/fiscal/aliases")
        #expect(problems.isEmpty && read.entries.map(\.alias) == ["省法院"])
        #expect(runner.execute(":unload 省法院", origin: nil) == .succeeded)
        #expect(session.reports.count == 7)
        #expect(runner.execute(":unalias 省法院", origin: nil) == .succeeded)
        #expect(try String(contentsOfFile: folder + "/fiscal/aliases", encoding: .utf8).contains("省法院") == false)
        #expect(runner.execute(":unalias 省法院", origin: nil) == .failed)
    }

    @Test("the aliases file is read at start-up from $XDG_CONFIG_HOME/fiscal/aliases")
    func aliasFileAtStartUp() throws {
        let folder = NSTemporaryDirectory() + "fiscal-xdg-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/fiscal", withIntermediateDirectories: true)
        try "# mine\n检察院 = 江苏省人民检察院\nbroken line\n".write(toFile: folder + "/fiscal/aliases", atomically: true, encoding: .utf8)
        let r = try runFiscal(["-X", "-o", "csv", "-e", ":reports", Self.jiangsu + "/03_江苏省人民检察院_2017_部门预算.txt"],
                              environment: ["XDG_CONFIG_HOME": folder])
        #expect(r.status == 0)
        #expect(r.out.contains("江苏省人民检察院,检察院,2017"))
        #expect(r.err.contains("aliases:3: expected `NAME = NAME`, found `broken line`; line ignored"))
    }

    @Test("completion offers entity names without their region")
    func completion() throws {
        let session = Session()
        try session.load([Self.shanghai + "/01_普陀区财政局_2024_部门决算.txt", Self.shanghai + "/02_普陀区规划和自然资源局_2024_部门决算.txt"])
        let names = CompletionVocabulary.of(session, commands: .standard).reportNames
        #expect(names.contains("财政局") && names.contains("规划和自然资源局"))
        let c = Completer(vocabulary: CompletionVocabulary.of(session, commands: .standard))
        #expect(c.complete(line: ":unload 规", cursor: 9).candidates == ["规划和自然资源局"])
    }
}
