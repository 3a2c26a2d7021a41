/// The bundled glossary: the 名词解释 terms of 部门预算/部门决算 disclosures, each worded as the
/// document it cites words it. Citations to `Examples/…` point at a report's or template's own
/// 名词解释 in this repository (file:line of the entry's first line); the others name a law,
/// regulation or national template.
extension Glossary {
    static let shanghaiTemplate = "Examples/corpus/shanghai-putuo/附件2_部门决算模板_上海2024.txt"
    static let seed = "Examples/wusheng-2020-决算.txt"
    static let jiangsu2017 = "Examples/corpus/jiangsu/01_江苏省人大办公厅_2017_部门预算.txt"
    static let jiangsu2018 = "Examples/corpus/jiangsu/02_江苏省人大办公厅_2018_部门预算.txt"
    static let putuoBudget = "Examples/corpus/shanghai-putuo/05_普陀区城市管理行政执法局_2026_部门预算.txt"
    static let putuoBudget2 = "Examples/corpus/shanghai-putuo/06_普陀区文化和旅游局_2026_部门预算.txt"
    static let budgetLaw = "《中华人民共和国预算法》"
    static let fiscalWording = "fiscal's own wording: no 名词解释 in Examples/ defines it"
    static let nationalTemplate = "财政部 部门决算公开格式文本 名词解释 (national template)"

    public static let standard: [Term] = [
        // Income (收入)
        Term("财政拨款收入", "指单位本年度从本级财政部门取得的财政拨款，包括一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算财政拨款。",
             from: .report(file: shanghaiTemplate, line: 457)),
        Term("财政拨款", "指一般公共预算财政拨款和政府性基金预算财政拨款。", from: .report(file: jiangsu2018, line: 615)),
        Term("一般公共预算财政拨款收入", "指单位从同级财政部门取得的、列入一般公共预算的财政拨款。", from: .document(nationalTemplate)),
        Term("政府性基金预算财政拨款收入", "指单位从同级财政部门取得的、列入政府性基金预算的财政拨款。", from: .document(nationalTemplate)),
        Term("上级补助收入", "指事业单位从主管部门和上级单位取得的非财政补助收入。", from: .document(nationalTemplate)),
        Term("事业收入", "指事业单位开展专业业务活动及其辅助活动取得的收入。", from: .report(file: putuoBudget2, line: 61)),
        Term("经营收入", aliases: ["事业单位经营收入"], "指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动取得的收入。",
             from: .report(file: putuoBudget2, line: 62)),
        Term("附属单位上缴收入", "指事业单位附属的独立核算单位按照有关规定上缴的收入。", from: .document(nationalTemplate)),
        Term("其他收入", "指单位取得的除“财政拨款收入”、“事业收入”、“经营收入”等以外的收入。", from: .report(file: shanghaiTemplate, line: 466)),
        Term("用事业基金弥补收支差额", "指事业单位在当年的财政拨款收入、事业收入、经营收入、其他收入不足以安排当年支出的情况下，使用以前年度积累的事业基金(事业单位当年收支相抵后按国家规定提取、用于弥补以后年度收支差额的基金)弥补本年度收支缺口的资金。",
             from: .report(file: seed, line: 735)),
        Term("财政专户管理资金", "包括专户管理行政事业性收费（主要是教育收费）、其他非税收入。", from: .report(file: jiangsu2017, line: 604)),
        Term("其他资金", "包括事业收入、经营收入、其他收入等。", from: .report(file: jiangsu2017, line: 606)),
        // Carry-overs (结转结余)
        Term("年初结转和结余", "指以前年度尚未完成、结转到本年按有关规定继续使用的资金。", from: .report(file: shanghaiTemplate, line: 468)),
        Term("年末结转和结余", "指本年度或以前年度预算安排、因客观条件发生变化无法按原计划实施，需延迟到以后年度按有关规定继续使用的资金。",
             from: .report(file: shanghaiTemplate, line: 470)),
        Term("结转结余", aliases: ["结转和结余", "财政拨款结转结余", "结转资金", "结余资金", "财政结转结余"],
             "结转资金是指当年预算已执行但未完成，或者因故未执行，下一年度需要按原用途继续使用的资金。结余资金是指项目实施周期已结束、项目目标完成或项目提前终止，尚未列支的资金；因项目实施计划调整，不需要继续支出的预算资金；预算批复后连续两年未用完的预算资金。",
             from: .document("财政部《中央部门结转和结余资金管理办法》（财预〔2016〕18号）第二条")),
        Term("结余分配", "指事业单位按照事业单位会计制度的规定从非财政补助结余中分配的事业基金和职工福利基金等。", from: .report(file: seed, line: 739)),
        // Spending (支出)
        Term("基本支出", "指单位为保障机构正常运转、完成日常工作任务而发生的各项支出。", from: .report(file: shanghaiTemplate, line: 473)),
        Term("项目支出", "指单位为完成特定的行政工作任务或事业发展目标，在基本支出之外发生的各项支出。", from: .report(file: shanghaiTemplate, line: 475)),
        Term("基本支出预算", "是区级预算主管部门及所属预算单位为保障其机构正常运转、完成日常工作任务而编制的年度基本支出计划，包括人员经费和公用经费两部分。",
             from: .report(file: putuoBudget, line: 50)),
        Term("项目支出预算", "是区级预算主管部门及所属预算单位为完成行政工作任务、事业发展目标或政府发展战略、特定目标，在基本支出之外编制的年度支出计划。",
             from: .report(file: putuoBudget, line: 52)),
        Term("单位预留机动经费", "指预算单位年初预留用于年度执行中增人、增资等不可预见支出的经费。", from: .report(file: jiangsu2017, line: 611)),
        Term("人员经费", aliases: ["人员支出"], "一般公共预算财政拨款基本支出中的人员经费，主要包括：基本工资、津贴补贴、奖金……其他对个人和家庭的补助。",
             from: .report(file: shanghaiTemplate, line: 346)),
        Term("公用经费", aliases: ["日常公用经费", "公用支出"], "一般公共预算财政拨款基本支出中的公用经费，主要包括：办公费、印刷费……其他资本性支出。",
             from: .report(file: shanghaiTemplate, line: 350)),
        Term("上缴上级支出", "指事业单位按照财政部门和主管部门的规定上缴上级单位的支出。", from: .document(nationalTemplate)),
        Term("经营支出", "指事业单位在专业活动及辅助活动之外开展非独立核算经营活动发生的支出。", from: .report(file: shanghaiTemplate, line: 479)),
        Term("对附属单位补助支出", "指事业单位用财政补助收入之外的收入对附属单位补助发生的支出。", from: .document(nationalTemplate)),
        Term("三公经费", aliases: ["“三公”经费", "三公"],
             "指单位使用本级财政拨款安排的因公出国（境）费、公务用车购置及运行维护费和公务接待费。其中:因公出国（境）费反映单位参加国际合作交流、重大项目洽谈、境外培训研修等的国际旅费、国外城市间交通费、住宿费、伙食费、培训费、公杂费等支出；公务接待费反映全国性专业会议、国家重大政策调研、专项检查以及外事团组接待交流等执行公务或开展业务所需住宿费、交通费、伙食费等支出；公务用车购置及运行维护费反映编制内公务车辆的报废更新，以及用于安排市内因公出差、公务文件交换、日常工作开展等所需公务用车燃料费、维修费、过路过桥费、保险费等支出。",
             from: .report(file: shanghaiTemplate, line: 481)),
        Term("因公出国（境）费", aliases: ["因公出国(境)费", "因公出国费"],
             "反映单位参加国际合作交流、重大项目洽谈、境外培训研修等的国际旅费、国外城市间交通费、住宿费、伙食费、培训费、公杂费等支出。",
             from: .report(file: shanghaiTemplate, line: 481)),
        Term("公务接待费", "反映全国性专业会议、国家重大政策调研、专项检查以及外事团组接待交流等执行公务或开展业务所需住宿费、交通费、伙食费等支出。",
             from: .report(file: shanghaiTemplate, line: 481)),
        Term("公务用车购置及运行维护费", aliases: ["公务用车购置及运行费", "公务用车运行维护费", "公务用车购置费"],
             "反映编制内公务车辆的报废更新，以及用于安排市内因公出差、公务文件交换、日常工作开展等所需公务用车燃料费、维修费、过路过桥费、保险费等支出。",
             from: .report(file: shanghaiTemplate, line: 481)),
        Term("培训费", "指除因公出国（境）培训费以外的，在培训期间发生的师资费、住宿费、伙食费、培训场地费、交通费等各类培训费用。",
             from: .report(file: putuoBudget, line: 62)),
        Term("机关运行经费", "指行政单位和参照公务员法管理的事业单位使用一般公共预算财政拨款安排的基本支出中的日常公用经费支出。",
             from: .report(file: shanghaiTemplate, line: 491)),
        // Budgets (预算)
        Term("一般公共预算", "一般公共预算是对以税收为主体的财政收入，安排用于保障和改善民生、推动经济社会发展、维护国家安全、维持国家机构正常运转等方面的收支预算。",
             from: .document(budgetLaw + "第六条")),
        Term("政府性基金预算", "政府性基金预算是对依照法律、行政法规的规定在一定期限内向特定对象征收、收取或者以其他方式筹集的资金，专项用于特定公共事业发展的收支预算。",
             from: .document(budgetLaw + "第九条")),
        Term("国有资本经营预算", "国有资本经营预算是对国有资本收益作出支出安排的收支预算。", from: .document(budgetLaw + "第十条")),
        Term("决算", aliases: ["部门决算"], "指经法定程序批准的年度预算执行结果的会计报告；部门决算反映部门（单位）一个预算年度内全部收入和支出的实际情况。",
             from: .document(fiscalWording)),
        Term("预算", aliases: ["部门预算"], "指经法定程序审核批准的年度财政收支计划；部门预算反映部门（单位）一个预算年度内全部收入和支出的安排。",
             from: .document(fiscalWording)),
        Term("预算执行率", aliases: ["执行率", "完成率"], "指全年执行数占全年预算数的比例（执行率 = 全年执行数 ÷ 全年预算数），反映预算执行的进度；fiscal 的 `compare phase` 以 `rate` 列给出 决算 ÷ 预算。",
             from: .document("财政部《项目支出绩效评价管理办法》（财预〔2020〕10号）附件 项目支出绩效自评表“执行率”栏")),
        // Procurement, assets, performance
        Term("政府采购", "本法所称政府采购，是指各级国家机关、事业单位和团体组织，使用财政性资金采购依法制定的集中采购目录以内的或者采购限额标准以上的货物、工程和服务的行为。",
             from: .document("《中华人民共和国政府采购法》第二条")),
        Term("国有资产占用", aliases: ["国有资产", "国有资产占有使用", "国有资产占有使用情况"],
             "部门决算说明中的“国有资产占有使用情况”：截至年末部门（单位）共有车辆的数量（按部级领导干部用车、主要领导干部用车、机要通信用车、应急保障用车、执法执勤用车、特种专业技术用车、离退休干部用车、其他用车分列），以及单价100万元（含）以上设备（不含车辆）的台（套）数。",
             from: .report(file: shanghaiTemplate, line: 448)),
        Term("绩效目标", "绩效目标是指财政预算资金计划在一定期限内达到的产出和效果。",
             from: .document("财政部《中央部门预算绩效目标管理办法》（财预〔2015〕88号）")),
        // Classification (政府收支分类)
        Term("功能分类", aliases: ["支出功能分类", "类", "款", "项", "类款项"],
             "政府收支分类中的支出功能分类，按政府职能反映支出“做了什么事”，分类、款、项三级：类（3位编码，如201一般公共服务支出）、款（5位编码，如20131党委办公厅（室）及相关机构事务）、项（7位编码，如2013101行政运行）。",
             from: .document("财政部《政府收支分类科目》")),
        Term("经济分类", aliases: ["支出经济分类"],
             "政府收支分类中的支出经济分类，按支出的经济性质和具体用途反映“钱是怎么花的”，分类、款两级，如301工资福利支出、302商品和服务支出、303对个人和家庭的补助、310资本性支出。",
             from: .document("财政部《政府收支分类科目》")),
        Term("行政运行", aliases: ["行政运行支出"], "反映行政单位（包括实行公务员管理的事业单位）的基本支出。", from: .report(file: seed, line: 743)),
        Term("一般行政管理事务", aliases: ["一般行政事务支出", "一般行政管理事务支出"], "反映行政单位（包括实行公务员管理的事业单位）的业务活动支出。",
             from: .report(file: seed, line: 744)),
        Term("事业运行", aliases: ["事业运行支出"], "反映行政单位下属事业单位的基本支出，含基本工资、绩效工资、日常办公开展等。", from: .report(file: seed, line: 745)),
        Term("机关服务", aliases: ["机关服务支出"], "反映单位机关内部的基本开支，如工资、津贴、日常开支等。", from: .report(file: seed, line: 747)),
        Term("专项业务", aliases: ["专项业务支出"], "反映行政单位（包括实行公务员管理的事业单位）的专项业务活动支出。", from: .report(file: seed, line: 749)),
        Term("其他党委办公厅（室）及相关机构事务支出", "反映单位内部其他有关的日常基本支出。", from: .report(file: seed, line: 751)),
        Term("机关事业单位基本养老保险缴费支出", aliases: ["机关事业单位基本养老保险缴费"], "反映单位内部职工的基本养老保险单位部分支出。",
             from: .report(file: seed, line: 753)),
        Term("行政单位医疗", aliases: ["行政单位医疗支出"], "反映单位内部职工医疗保险单位部分的支出。", from: .report(file: seed, line: 755)),
        Term("事业单位医疗", aliases: ["事业单位医疗支出"], "反映单位内部下属事业机构人员医疗保险单位部分。", from: .report(file: seed, line: 757)),
        Term("公务员医疗补助", aliases: ["公务员医疗补助支出"], "反映单位内部职工公务员医疗保险单位部分。", from: .report(file: seed, line: 758)),
        Term("其他行政事业单位医疗支出", "反映单位内部正式职工大病医疗保险、工伤失业险等。", from: .report(file: seed, line: 760)),
        Term("住房公积金", aliases: ["住房公积金支出"], "指行政事业单位按人社部、财政部规定的基本工资和津贴补贴以及规定比例为职工缴纳的住房公积金。",
             from: .report(file: seed, line: 761)),
    ]
}
