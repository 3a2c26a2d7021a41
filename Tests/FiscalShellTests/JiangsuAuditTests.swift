import BuiltinFormats
import FiscalFormat
import FiscalModel
import Testing

/// The 情况说明 of the nine Jiangsu 部门预算 narratives (Examples/corpus/jiangsu), audited sentence
/// by sentence (issue 12) and loaded as fiscal loads them. Every row is a figure read off the
/// file by hand: the line its number is printed on, the amount in 万元, its year, and a word of
/// its item. A prior year (`derived`) is the figure less the change its sentence states, on the
/// line of the change's number; where two files of one department give the same year, the
/// prior year derived from the later file is the earlier file's stated figure (05→07, 11→12).
@Suite("Jiangsu 情况说明, audited by hand")
struct JiangsuAuditTests {
    struct Row: CustomStringConvertible {
        var line: Int, amount: String, year: Int, word: String, derived: Bool
        var description: String { "l.\(line) \(word) \(amount) (\(year)\(derived ? ", derived" : ""))" }
    }

    static func report(_ file: String) throws -> Report {
        let result = try BuiltinFormats.registry.load(file: Fixture.root + "/Examples/corpus/jiangsu/" + file)
        return try #require(result.reports.first)
    }

    /// `(line, amount, word)` of the report's year, then of the year before (derived).
    static func rows(_ year: Int, stated: [(Int, String, String)], prior: [(Int, String, String)] = []) -> [Row] {
        stated.map { Row(line: $0.0, amount: $0.1, year: year, word: $0.2, derived: false) }
            + prior.map { Row(line: $0.0, amount: $0.1, year: year - 1, word: $0.2, derived: true) }
    }

    /// The rows no fact of the report holds: a fact of that year whose item has the word, with a
    /// mention from the narrative (stated, or derived) at that line and amount. A narrative
    /// figure folded into the table fact of the same row counts as that fact's mention.
    static func missing(_ rows: [Row], in r: Report) -> [Row] {
        rows.filter { row in
            let amount = Amount(row.amount)!
            return !r.facts.contains { f in
                f.year == row.year && f.derived == row.derived && f.item.contains(row.word)
                    && f.mentions.contains { $0.span.line == row.line && $0.amount == amount && ($0.reading == .derived) == row.derived && !$0.reading.isTable }
            }
        }
    }

    /// Narrative facts of the report's year whose item is no item at all (a change or an aside).
    static func strayItems(_ r: Report) -> [String] {
        r.facts.filter { f in
            !f.derived && !f.reading.isTable
                && (SentenceReader.directionWords.contains { f.item.contains($0.word) } || f.item.hasPrefix("（") || f.item.hasPrefix("("))
        }.map { "\($0.item) \($0.amount) @\($0.span.line)" }
    }

    @Test("01 人大办公厅 2017")
    func file01() throws {
        let r = try Self.report("01_江苏省人大办公厅_2017_部门预算.txt")
        let rows = Self.rows(2017, stated: [
            (474, "13649.07", "总计"), (479, "13649.07", "支出总计"), (480, "10528.33", "一般公共服务"),
            (484, "1608.51", "社会保障和就业"), (487, "1512.23", "住房保障"), (490, "7666.68", "基本支出"),
            (493, "5853.96", "项目支出"), (494, "128.43", "机动经费"), (496, "13649.07", "收入"), (499, "13649.07", "支出"),
            (510, "13649.07", "财政拨款"), (518, "13649.07", "财政拨款"), (534, "6080.72", "人员经费"), (537, "1585.96", "公用经费"),
            (547, "13649.07", "一般公共预算"), (568, "5619.31", "机关运行经费"), (578, "183.6", "公务用车"),
            (588, "1305.25", "会议费"), (592, "403.75", "培训费"),
            (596, "2247.85", "合计"), (597, "59", "货物"), (597, "0", "工程"), (598, "2188.85", "服务"),
            // l.521 `人大事务行政运行（项）支出 10528.33 万元`: 人大事务（款）行政运行（项）, 2010101 (its table
            // row l.227 prints 4,545.94: the narrative's 10528.33 is the 类's, `repeated` says so).
            (521, "10528.33", "行政运行"),
        ], prior: [
            (522, "10546.22", "行政运行"),
            (474, "12804.92", "总计"), (478, "12804.92", "收入"), (483, "10546.22", "一般公共服务"), (485, "1415.26", "社会保障"),
            (488, "843.44", "住房保障"), (491, "6822.53", "基本支出"), (493, "5853.96", "项目支出"),
            (568, "1586.32", "机关运行经费"), (589, "1709.00", "会议费"), (592, "0", "培训费"),
        ])
        #expect(Self.missing(rows, in: r).isEmpty, "\(Self.missing(rows, in: r))")
        #expect(Self.strayItems(r).isEmpty, "\(Self.strayItems(r))")
    }

    @Test("02 人大办公厅 2018: the template's `增加（减少）0万元` is no item")
    func file02() throws {
        let r = try Self.report("02_江苏省人大办公厅_2018_部门预算.txt")
        let rows = Self.rows(2018, stated: [
            (399, "15897.44", "总计"), (405, "15897.44", "一般公共预算收入"), (408, "0", "政府性基金收入"),
            (419, "12706.28", "一般公共服务"), (424, "1068.78", "社会保障和就业"), (431, "2122.38", "住房保障"),
            (437, "7877.76", "基本支出"), (439, "6333.96", "项目支出"), (443, "1685.72", "机动经费"),
            (534, "6298.38", "人员经费"), (538, "1579.38", "公用经费"), (575, "0", "公务用车购置"),
            (581, "1305.25", "会议费"), (583, "403.75", "培训费"), (597, "1579.38", "机关运行经费"),
            (602, "2064.25", "合计"), (603, "59", "货物"), (604, "2005.25", "服务"),
        ], prior: [
            (399, "13649.07", "总计"), (406, "13649.07", "一般公共预算收入"), (409, "0", "政府性基金收入"),
            (422, "10528.33", "一般公共服务"), (426, "1608.51", "社会保障和就业"), (432, "1512.23", "住房保障"),
            (438, "7666.68", "基本支出"), (439, "5853.96", "项目支出"), (444, "128.43", "机动经费"),
            (491, "4545.94", "行政运行"), (494, "2468.78", "一般行政管理事务"), (510, "100", "其他人大事务"),
            (515, "1608.51", "离退休"), (524, "494.22", "住房公积金"), (528, "1018.01", "提租补贴"),
            (576, "0", "公务用车购置"), (597, "5619.31", "机关运行经费"),
        ])
        #expect(Self.missing(rows, in: r).isEmpty, "\(Self.missing(rows, in: r))")
        #expect(Self.strayItems(r).isEmpty, "\(Self.strayItems(r))")
    }

    @Test("03 检察院 2017")
    func file03() throws {
        let r = try Self.report("03_江苏省人民检察院_2017_部门预算.txt")
        let rows = Self.rows(2017, stated: [
            (488, "17996.68", "总计"), (494, "17981.68", "一般公共预算收入"), (497, "15", "其他资金"),
            (502, "13656.34", "公共安全"), (507, "12323.46", "基本支出"), (511, "5533", "项目支出"), (514, "140.2", "机动经费"),
            (545, "12308.48", "基本支出"), (547, "9710.42", "人员经费"), (553, "2598.06", "公用经费"),
            (586, "6032.55", "机关运行经费"), (595, "110", "因公出国"), (596, "317.8", "公务用车"), (597, "156.55", "公务接待"),
            (603, "50", "公务用车购置"), (605, "267.8", "运行维护费"), (612, "168", "会议费"), (614, "700", "培训费"),
            (618, "2889.8", "合计"), (619, "334", "货物"), (620, "2555.8", "服务"),
        ], prior: [
            (489, "16532.88", "总计"), (495, "16527.33", "一般公共预算收入"), (498, "5.55", "其他资金"),
            (504, "13347.31", "公共安全"), (508, "10839.66", "基本支出"), (511, "5553", "项目支出"),
            // l.514 `预算数为 140.2 万元。与上年相未` / `发生变化。` (相比 short of 比): unchanged, 2016 = 140.2.
            (514, "140.2", "机动经费"),
            (541, "7667.76", "行政运行"), (586, "2630.96", "机关运行经费"), (599, "110", "因公出国"),
            (609, "186.20", "公务接待"), (614, "920", "培训费"),
        ])
        #expect(Self.missing(rows, in: r).isEmpty, "\(Self.missing(rows, in: r))")
        #expect(Self.strayItems(r).isEmpty, "\(Self.strayItems(r))")
    }

    @Test("04 检察院 2018: a change's amount in a reason and last year's figure in an aside are no items")
    func file04() throws {
        let r = try Self.report("04_江苏省人民检察院_2018_部门预算.txt")
        let rows = Self.rows(2018, stated: [
            (649, "21955.35", "总计"), (659, "21940.96", "一般公共预算收入"), (664, "14.39", "其他资金"),
            (668, "16458.75", "公共安全"), (674, "1836.22", "社会保障和就业"), (681, "3660.38", "住房保障"),
            (686, "13994.31", "基本支出"), (691, "5573", "项目支出"), (696, "2388.04", "机动经费"),
            (759, "13979.92", "基本支出"), (761, "11257.35", "人员经费"), (765, "2722.57", "公用经费"),
            (792, "267.8", "公务用车"), (808, "200.44", "会议费"), (811, "700", "培训费"), (816, "2722.57", "机关运行经费"),
            (824, "3096.24", "合计"), (825, "268", "货物"), (826, "2828.24", "服务"),
        ], prior: [
            (650, "17996.68", "总计"), (660, "17981.68", "一般公共预算收入"), (665, "15.00", "其他资金"),
            (670, "13656.34", "公共安全"), (676, "2021.18", "社会保障和就业"), (683, "2319.16", "住房保障"),
            (687, "12323.46", "基本支出"), (691, "5533", "项目支出"), (697, "140.20", "机动经费"),
            // l.712 states 3,958.98 where l.660 states 3,959.28: the report's own two figures.
            (712, "17981.98", "财政拨款"), (729, "7968.14", "行政运行"), (733, "3644.2", "一般行政管理事务"),
            (736, "2029", "检察监督"), (742, "2021.18", "离退休"), (747, "0.00", "基本养老保险"),
            (804, "156.55", "公务接待"), (808, "168.00", "会议费"), (816, "6032.55", "机关运行经费"),
        ])
        #expect(Self.missing(rows, in: r).isEmpty, "\(Self.missing(rows, in: r))")
        #expect(Self.strayItems(r).isEmpty, "\(Self.strayItems(r))")
        // l.680 `增加部门预算 1,464.3 万元` and l.698 `（上年财政仅安排…140.2 万元）`: no fact of 2018.
        #expect(!r.facts.contains { !$0.derived && $0.year == 2018 && [680, 698].contains($0.span.line) })
        #expect(r.warnings.contains { $0.span?.line == 680 } && r.warnings.contains { $0.span?.line == 698 })
    }

    @Test("05 and 07 省委办公厅 2017/2018: the 2017 figures 07 derives are those 05 states")
    func files05and07() throws {
        let r05 = try Self.report("05_江苏省委办公厅_2017_部门预算.txt")
        let rows05 = Self.rows(2017, stated: [
            (108, "20849.45", "总计"), (115, "20702.25", "一般公共预算收入"), (118, "147.20", "财政专户"),
            (121, "16992.37", "一般公共服务"), (126, "2000.39", "社会保障和就业"), (129, "1856.69", "住房保障"),
            (133, "9964.07", "基本支出"), (137, "10688.66", "项目支出"), (139, "196.72", "机动经费"),
            (233, "10101.76", "机关运行经费"), (241, "70", "因公出国"), (242, "411.20", "公务用车"), (243, "28", "公务接待"),
            (256, "933.50", "会议费"), (258, "25", "培训费"), (260, "1774.70", "政府采购"), (261, "496.20", "货物"), (261, "1278.50", "服务"),
        ], prior: [
            (109, "18805.87", "总计"), (116, "18658.67", "一般公共预算收入"), (118, "147.20", "财政专户"),
            (124, "15788.93", "一般公共服务"), (127, "1934.51", "社会保障和就业"), (131, "1082.43", "住房保障"),
            (135, "9022.45", "基本支出"), (138, "9586.70", "项目支出"), (233, "2149.46", "机关运行经费"),
        ])
        #expect(Self.missing(rows05, in: r05).isEmpty, "\(Self.missing(rows05, in: r05))")
        let r07 = try Self.report("07_江苏省委办公厅_2018_部门预算.txt")
        let rows07 = Self.rows(2018, stated: [
            (80, "24458.43", "总计"), (95, "20153.75", "一般公共服务"), (100, "1289.52", "社会保障和就业"), (107, "3015.16", "住房保障"),
            (111, "10403.11", "基本支出"), (113, "12081.46", "项目支出"), (116, "1973.86", "机动经费"),
            (218, "2094.58", "机关运行经费"), (224, "1449.50", "政府采购"),
        ], prior: [
            (81, "20849.45", "总计"), (88, "20702.25", "一般公共预算收入"), (97, "16992.37", "一般公共服务"),
            (102, "2000.39", "社会保障和就业"), (109, "1856.69", "住房保障"), (112, "9964.07", "基本支出"),
            (113, "10688.66", "项目支出"), (117, "196.72", "机动经费"), (141, "6106.99", "行政运行"),
            (161, "621.28", "住房公积金"), (164, "1235.41", "提租补贴"), (207, "28", "公务接待"), (212, "25", "培训费"),
            (219, "10101.76", "机关运行经费"),
        ])
        #expect(Self.missing(rows07, in: r07).isEmpty, "\(Self.missing(rows07, in: r07))")
        #expect(Self.strayItems(r05).isEmpty && Self.strayItems(r07).isEmpty, "\(Self.strayItems(r05) + Self.strayItems(r07))")
    }

    @Test("09 政协办公厅 2017")
    func file09() throws {
        let r = try Self.report("09_江苏省政协办公厅_2017_部门预算.txt")
        let rows = Self.rows(2017, stated: [
            (151, "9146.79", "总计"), (157, "9066.79", "一般公共预算收入"), (160, "80", "其他资金"),
            (162, "6543.55", "一般公共服务"), (167, "1509.72", "社会保障和就业"), (170, "1093.52", "住房保障"),
            (174, "5916.27", "基本支出"), (177, "3123.68", "项目支出"), (178, "106.84", "机动经费"),
        ], prior: [
            (152, "8648.07", "总计"), (157, "8568.07", "一般公共预算收入"), (160, "80", "其他资金"),
            (164, "6652.11", "一般公共服务"), (168, "1368.76", "社会保障和就业"), (171, "627.20", "住房保障"),
            (175, "5417.55", "基本支出"), (177, "3123.68", "项目支出"), (178, "106.84", "机动经费"),
        ])
        #expect(Self.missing(rows, in: r).isEmpty, "\(Self.missing(rows, in: r))")
        #expect(Self.strayItems(r).isEmpty, "\(Self.strayItems(r))")
    }

    @Test("11 and 12 高级人民法院 2017/2018: the 2017 figures 12 derives are those 11 states")
    func files11and12() throws {
        let r11 = try Self.report("11_江苏省高级人民法院_2017_部门预算.txt")
        let rows11 = Self.rows(2017, stated: [
            (530, "28849.38", "总计"), (540, "23513.11", "公共安全"), (543, "2347.13", "社会保障和就业"), (546, "2989.14", "住房保障"),
            (550, "17123.19", "基本支出"), (552, "11543.27", "项目支出"), (555, "182.92", "机动经费"),
            (652, "9193.40", "机关运行经费"), (666, "304.4", "公务用车"), (680, "228", "会议费"), (684, "1701.25", "培训费"),
            (687, "3742.4", "合计"),
        ], prior: [
            (531, "27041.09", "总计"), (541, "23102.67", "公共安全"), (544, "2001.17", "社会保障和就业"), (547, "1937.25", "住房保障"),
            (551, "15714.90", "基本支出"), (552, "11143.27", "项目支出"), (653, "3690.33", "机关运行经费"),
        ])
        #expect(Self.missing(rows11, in: r11).isEmpty, "\(Self.missing(rows11, in: r11))")
        let r12 = try Self.report("12_江苏省高级人民法院_2018_部门预算.txt")
        let rows12 = Self.rows(2018, stated: [
            (472, "33172.15", "总计"), (483, "26200.88", "公共安全"), (486, "2254.76", "社会保障和就业"), (489, "4716.51", "住房保障"),
            (492, "18570.82", "基本支出"), (495, "11343.27", "项目支出"), (498, "3258.06", "机动经费"),
            (604, "266.8", "公务用车运行维护费"), (617, "271.26", "会议费"), (621, "1666.25", "培训费"), (630, "3407.38", "机关运行经费"),
            (639, "4641.62", "合计"),
        ], prior: [
            (473, "28849.38", "总计"), (484, "23513.11", "公共安全"), (487, "2347.13", "社会保障和就业"), (490, "2989.14", "住房保障"),
            (493, "17123.19", "基本支出"), (495, "11543.27", "项目支出"), (499, "182.92", "机动经费"),
            (607, "180", "因公出国"), (612, "304.4", "运行维护费"), (614, "185.72", "公务接待"), (617, "228.00", "会议费"),
            (621, "1701.25", "培训费"), (631, "9193.40", "机关运行经费"),
        ])
        #expect(Self.missing(rows12, in: r12).isEmpty, "\(Self.missing(rows12, in: r12))")
        #expect(Self.strayItems(r11).isEmpty && Self.strayItems(r12).isEmpty, "\(Self.strayItems(r11) + Self.strayItems(r12))")
    }
}
