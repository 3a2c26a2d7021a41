import Testing

@testable import FiscalModel

/// Entity names (``EntityName``), their grouping and matching (``EntityIndex``) and aliases.
@Suite("entity names")
struct EntityTests {
    func key(_ s: String, region: String? = nil) -> String { EntityName(s, regionHint: region).key }

    @Test("the party's, the congress's and the government's long forms compare as their short ones")
    func longForms() {
        #expect(key("中国共产党江苏省委员会办公厅") == key("中共江苏省委办公厅"))
        #expect(key("中共江苏省委办公厅") == key("江苏省委办公厅"))
        #expect(key("江苏省人大常委会办公厅") == key("江苏省人大办公厅"))
        #expect(key("江苏省人民代表大会常务委员会办公厅") == key("江苏省人大办公厅"))
        #expect(key("中国人民政治协商会议江苏省委员会办公厅") == key("江苏省政协办公厅"))
        #expect(key("上海市普陀区人民政府办公室") == key("上海市普陀区政府办公室"))
        #expect(key("中共上海市普陀区委社会工作部") == key("上海市普陀区委社会工作部"))
    }

    @Test("width, spaces and quotes do not count")
    func form() {
        #expect(key("江苏省 人民检察院") == key("江苏省人民检察院"))
        #expect(key("江苏省\u{3000}人民检察院") == key("江苏省人民检察院"))
        #expect(key("上海市普陀区文化和旅游局（文物局）") == key("上海市普陀区文化和旅游局(文物局)"))
        #expect(key("ＸＸ局") == key("XX局"))
    }

    @Test("different bodies stay different")
    func different() {
        #expect(key("江苏省委办公厅") != key("江苏省政府办公厅"))
        #expect(key("江苏省人大办公厅") != key("江苏省政协办公厅"))
        #expect(key("上海市财政局") != key("上海市普陀区财政局"))
        #expect(key("上海市普陀区财政局") != key("上海市静安区财政局"))
        #expect(key("江苏省高级人民法院") != key("江苏省人民检察院"))
    }

    @Test("the region is split off; a report's region qualifies a name that prints a shorter one")
    func regions() {
        let n = EntityName("上海市普陀区财政局")
        #expect(n.region == "上海市普陀区" && n.local == "财政局")
        #expect(EntityName("普陀区财政局").region == "普陀区")
        #expect(EntityName("普陀区财政局", regionHint: "上海市普陀区").key == n.key)
        #expect(EntityName("财政局", regionHint: "上海市普陀区").key == n.key)
        #expect(EntityName("省人大办公厅").region == "省")
        #expect(EntityName.region(of: "县委办") == nil)
        #expect(EntityName("市场监督管理局").wholeReading?.local == "市场监督管理局")
    }

    func index(_ names: [String], aliases: EntityAliases = EntityAliases()) -> EntityIndex {
        EntityIndex(names.map { EntityIndex.Input(printed: $0) }, aliases: aliases)
    }

    @Test("the Jiangsu names: three spellings of the 委办公厅 are one entity, shown as most files print it")
    func jiangsuNames() {
        let i = index(["江苏省人大常委会办公厅", "江苏省委办公厅", "中国共产党江苏省委员会办公厅", "江苏省委办公厅",
                       "中共江苏省委办公厅", "江苏省人大办公厅", "江苏省政协办公厅"])
        #expect(i.entities.map(\.name) == ["江苏省人大常委会办公厅", "江苏省委办公厅", "江苏省政协办公厅"])
        #expect(i.assignment == [0, 1, 1, 1, 1, 0, 2])
        #expect(i.entities[1].printed == ["江苏省委办公厅", "中国共产党江苏省委员会办公厅", "中共江苏省委办公厅"])
    }

    @Test("a name without its region joins the one entity with a region, never one of several")
    func weakRegions() {
        let one = index(["上海市普陀区财政局", "普陀区财政局", "省人大办公厅", "江苏省人大常委会办公厅"])
        #expect(one.entities.map(\.name) == ["上海市普陀区财政局", "江苏省人大常委会办公厅"])
        let two = index(["上海市普陀区财政局", "上海市静安区财政局", "财政局"])
        #expect(two.entities.count == 3)
        let chain = index(["财政局", "普陀区财政局", "上海市普陀区财政局"])
        #expect(chain.entities.count == 1 && chain.entities[0].name == "上海市普陀区财政局")
    }

    @Test("typed names: exact first, then the beginning, region left out; several is ambiguous")
    func matching() {
        let i = index(["上海市普陀区财政局", "上海市普陀区规划和自然资源局", "上海市普陀区文化和旅游局", "中共上海市普陀区委社会工作部"])
        #expect(i.match("财政局") == .one(0))
        #expect(i.match("普陀区财政局") == .one(0))
        #expect(i.match("规划") == .one(1))
        #expect(i.match("上海市普陀区文化") == .one(2))
        #expect(i.match("委社会") == .one(3))
        #expect(i.match("中共普陀区委社会工作部") == .one(3))
        #expect(i.match("上海市普陀区") == .ambiguous(["上海市普陀区财政局", "上海市普陀区规划和自然资源局", "上海市普陀区文化和旅游局", "中共上海市普陀区委社会工作部"]))
        #expect(i.match("教育局") == .none)
        // An exact name wins over a longer one it begins.
        let j = index(["上海市普陀区财政局", "上海市普陀区财政局机关服务中心"])
        #expect(j.match("财政局") == .one(0))
        #expect(j.match("财政局机关") == .one(1))
    }

    @Test("aliases join names no rule can, and name the entity as the user wrote it when no file prints that")
    func aliases() {
        var a = EntityAliases()
        a.set("省法院", to: "江苏省高级人民法院")
        a.set("文旅局", to: "上海市普陀区文化和旅游局")
        let i = index(["省法院", "江苏省高级人民法院", "上海市普陀区文化和旅游局"], aliases: a)
        #expect(i.entities.count == 2)
        #expect(i.entities[0].name == "江苏省高级人民法院")
        #expect(i.match("文旅局") == .one(1))
        #expect(i.entities[1].aliases == ["文旅局"])
        let alone = index(["省法院"], aliases: a)
        #expect(alone.entities.map(\.name) == ["江苏省高级人民法院"])
    }

    @Test("the aliases file: NAME = NAME a line, comments, bad lines reported, chains and cycles")
    func aliasFile() {
        let (a, errors) = EntityAliases.parse("# mine\n文旅局 = 上海市普陀区文化和旅游局\n\n省法院＝江苏省高级人民法院  # court\nnonsense\n")
        #expect(a.entries.map(\.alias) == ["文旅局", "省法院"])
        #expect(errors.map(\.line) == [5])
        #expect(EntityAliases.parse(a.fileText).aliases == a)
        var c = EntityAliases()
        c.set("a局", to: "b局")
        c.set("b局", to: "c局")
        #expect(c.target(of: EntityName("a局"))?.printed == "c局")
        c.set("c局", to: "a局")
        #expect(c.target(of: EntityName("a局")) != nil)
        #expect(c.remove("c局") && !c.remove("c局"))
    }
}
