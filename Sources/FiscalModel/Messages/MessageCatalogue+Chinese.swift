extension MessageCatalogue {
    /// Every message in Chinese (简体中文). Column headings are the Chinese field names that
    /// queries accept (`年度`, `科目`, `金额`, …).
    public static let chinese: [MessageKey: String] = [
        .errorPrefix: "错误：{0}",
        .notePrefix: "注：{0}",
        .didYouMean: "是不是要输入 `{0}`？",
        .listSeparator: "、",
        .rowCount: "（共 {0} 行）",
        .rowsNotShown: "另有 {0} 行未显示；`:set rows all` 显示全部行，`-o csv` 或 `:save 文件` 写出全部行",
        .fitCut: "为适应 {0} 列宽，已截短：{1}（`:set expanded on` 完整显示每个字段）",
        .fitHidden: "为适应 {0} 列宽，已隐藏：{1}（`:set expanded on` 显示每个字段）",
        .fitCutAndHidden: "为适应 {0} 列宽，已截短：{1}；已隐藏：{2}（`:set expanded on` 显示每个字段）",
        .expandedRecord: "第 {0} 行",
        .valueTrue: "是",
        .valueFalse: "否",
        .timing: "耗时：{0} 毫秒",
        .timingIsOn: "计时已打开",
        .timingIsOff: "计时已关闭",
        .interrupted: "已中断（Ctrl-C），没有做任何更改",
        .firstRunHint: """
            欢迎使用 fiscal。输入 `:help` 查看命令和查询步骤，`:load 路径` 读入报告，
            `facts` 查看其中的数字，`drill` 按 类/款/项 逐级展开。Tab 补全；Ctrl-D 退出。
            """,
        .boundResult: "`{0}`：{1} 行（{2}）；可作为数据源使用：`{0} | …`",
        .loadedReports: "已读入 {0} 份报告（{1} 个数字，{2} 条警告；`warnings` 列出）",
        .loadedFromDocuments: "从 {1} 个文件读入 {0} 份报告（{2} 个数字，{3} 条警告；`warnings` 列出）：{4} 个并入另一文件的报告，{5} 个重复已跳过",
        .mergedDocument: "{0} 已并入 {1} {2} 年{3}的报告（与 {4} 合为一份）",
        .skippedRepeat: "已跳过 {0}：{1} {2}，后者已读入",
        .repeatSameText: "内容相同于",
        .repeatSameFigures: "是同一文件的另一种提取（数字相同），对应",
        .aliasSet: "`{0}` 现指 {1}",
        .aliasRemoved: "已删除别名 `{0}`",
        .aliasFileProblem: "{0}:{1}：应为 `名称 = 名称`，实为 `{2}`；此行忽略",
        .aliasFileUnwritable: "无法写入别名文件 {0}：{1}；别名仅在本次会话有效",
        .unloadedReports: "已移除 {0} 份报告",
        .savedRows: "已将 {0} 行写入 {1}",
        .rcFailed: "{0}：有一条语句出错，启动文件的其余部分已跳过（`fiscal -X` 不读启动文件）",

        .noFormatNamed: "没有名为 `{0}` 的格式（已知格式：{1}）",
        .scriptNotText: "{0}：脚本应为 UTF-8 或 GB18030 编码的文本",
        .expectedCommandName: "`:` 后面应为命令名",
        .helpListsCommands: "`:help` 列出全部命令",
        .unknownCommand: "没有 `:{0}` 这个命令",
        .expectedClosingQuote: "`{0}` 缺少右引号",
        .expectedPathAfterLoad: "`:load` 后面应为文件或文件夹",
        .expectedNameAfterUnload: "`:unload` 后面应为报告名称",
        .reportsListsThem: "`:reports` 列出已读入的报告",
        .noReportCalled: "已读入的报告中没有叫 `{0}` 的",
        .entityAmbiguous: "`{0}` 可指 {1}；请多输入几个字",
        .expectedAlias: "应为 `:alias 名称 = 名称`，实为 `{0}`",
        .noAliasCalled: "没有别名 `{0}`",
        .aliasListsThem: "`:alias` 列出别名",
        .expectedPathAfterSave: "`:save` 后面应为文件名",
        .nothingToSave: "还没有可保存的结果",
        .runAQueryFirst: "请先运行一个查询",
        .expectedSaveExtension: "文件名应以 .csv、.json、.md、.txt、.svg、.png 或 .html 结尾；实际为 `{0}`",
        .cannotWrite: "无法写入 `{0}`：{1}",
        .expectedOneValue: "`:set {0}` 后面应为一个值",
        .helpSetShows: "`:help set` 列出全部设置",
        .expectedOutputMode: "应为 {0} 之一；实际为 `{1}`",
        .expectedWidth: "宽度应至少为 20 列，或为 `auto`；实际为 `{0}`",
        .expectedRows: "应为行数或 `all`；实际为 `{0}`",
        .expectedExpanded: "应为 on、off 或 auto；实际为 `{0}`",
        .expectedDecimals: "小数位数应为 0 到 6，或为 `off`；实际为 `{0}`",
        .expectedLanguage: "应为 en 或 zh；实际为 `{0}`",
        .expectedOnOff: "应为 on 或 off；实际为 `{0}`",
        .unknownSetting: "没有 `{0}` 这项设置；应为 {1} 之一",
        .expectedSourceArgument: "`source` 后面应为数字、科目或 `row N`",
        .expectedRowNumber: "`source row` 后面应为行号，实际为 `{0}`",
        .noResultForSourceRow: "还没有结果：请先运行查询，再用 `source row N`",
        .noSuchRow: "没有第 {0} 行：上一个结果共 {1} 行",
        .expectedExplainArgument: "`explain` 后面应为名词或查询",
        .explainedQueryHasError: "要解释的查询有错误（见上）",
        .noHelpTopic: "没有 `{0}` 这个帮助主题",
        .helpListsTopics: "`:help` 列出全部主题",

        .unknownStage: "没有 `{0}` 这个步骤；应为 {1} 之一",
        .unknownAggregate: "没有 `{0}` 这个汇总函数；应为 {1} 之一",
        .unterminatedString: "字符串没有结束：应有右引号 {0}，但查询已经结束",
        .closeTheString: "用 {0} 结束字符串",
        .unexpectedCharacter: "不能识别的字符 `{0}`",
        .namesAreLetters: "名称由字母、数字和 _ 组成；文字要放在引号里",
        .unknownSource: "没有 `{0}` 这个数据源；应为 {1}，或用 `let` 命名的结果",
        .unknownField: "没有 `{0}` 这个字段；这里的列有 {1}",
        .expectedFound: "此处应为 {0}，实际为 {1}",
        .tokenName: "名称 `{0}`",
        .tokenNumber: "数字 `{0}`",
        .tokenString: "字符串 \"{0}\"",
        .tokenEnd: "查询结尾",
        .whatPipeOrEnd: "步骤之间的 `|` 或查询结尾",
        .whatNameAfterLet: "`let` 后面的名称",
        .whatEqualsAfterLet: "`let {0}` 后面的 `=`",
        .whatSource: "数据源，如 `facts` 或 `drill`",
        .hintTryFacts: "试试 `facts | where year = 2020`",
        .codeDigits: "科目编码应为 3、5 或 7 位数字，实际为 `{0}`",
        .whatDepthNumber: "`depth` 后面的层数",
        .depthRange: "层数应为 1 到 3，实际为 {0}",
        .hintThreeLevels: "类、款、项共三级",
        .whatColumnFor: "要 {0} 的列（如 `{0} amount`）",
        .whatRowsAfter: "`{0}` 后面的行数",
        .whatBy: "`by`（如 `top 5 by amount`）",
        .whatColumnAfterAs: "`as` 后面的列名",
        .whatNewColumn: "新列的名称（如 `derive per_head = amount / 83`）",
        .whatEqualsAfter: "`{0}` 后面的 `=`",
        .whatStage: "一个步骤（{0}）",
        .whatColumnName: "列名",
        .whatAggregate: "汇总函数，如 `sum(amount)` 或 `count()`",
        .whatParenAfter: "`{0}` 后面的 `(`",
        .whatCloseCall: "闭合 `{0}(` 的 `)`",
        .needsColumn: "`{0}` 需要一列，如 `{0}(amount)`",
        .whatListOpen: "`in` 后面开始列表的 `[`",
        .whatListClose: "列表中的 `]` 或 `,`",
        .whatCodeAfterUnder: "`under` 后面的科目编码（如 `code under 201`）",
        .expectedNumber: "这里应为数字，实际为 `{0}`",
        .whatCloseParen: "闭合括号的 `)`",
        .whatValueOrColumn: "值或列名",
        .hintKeywordAsColumn: "`{0}` 是关键字；列名恰好是它时写作 `` `{0}` ``",
        .unterminatedName: "名称没有结束：缺少右边的 `",
        .unexpectedBang: "不能识别的 `{0}`：应为 `!=`",
        .hintUseNot: "否定条件请用 `not`",
        .whatChartColumn: "要画的列（如 `chart amount`）",
        .whatChartLabel: "`by` 后面作标签的列（如 `chart amount by item`）",
        .whatChartTitle: "`title` 后面加引号的标题（如 `chart title \"收入结构\"`）",
        .whatChartRest: "`chart` 后面的 `bar`、`pie`、要画的列、`by 标签列` 或 `title \"…\"`",
        .hintChartExample: "如 `chart pie amount by item title \"收入结构\"`",

        .noFigureMatches: "没有与 `{0}` 相符的数字或科目",
        .rowHasNoSource: "第 {0} 行没有记录来源",
        .sourceNotAvailable: "（无法读取原文）",
        .derivedMark: "（推算）",
        .noExplanation: "已读入的报告和 fiscal 的词汇表中都没有 `{0}` 的解释；`glossary` 列出全部名词",
        .fiscalGlossary: "fiscal 词汇表",
        .fiscalGlossaryFrom: "fiscal 词汇表，出自 {0}",
        .explainClosest: "没有叫 `{0}` 的名词；最接近的是：",
        .explainTruncated: "注：报告中的解释不完整，止于“…{0}”（{1}）；如 fiscal 有完整表述，列在后面",
        .seeAlso: "另见：{0}",

        .helpCommandsHeading: "命令：",
        .helpQueriesHeading: "查询（一个数据源，后接用 `|` 连接的步骤）：",
        .helpFooter: "`:help 名称` 显示某个命令或步骤及其示例。Tab 可补全名称、字段和科目。",
        .helpAlso: "别名：{0}",
        .helpExamples: "示例：",
        .helpComing: "（即将提供）",
        .helpComingSoon: "（即将提供）",
        .cmdLoadSummary: "读入报告文件或文件夹（已读入的保留）",
        .cmdLoadDetails: """
            读入给出的每个文件，以及给出的文件夹中直接包含的每个报告文件。
            只要有一个文件出错，就什么也不读入，之前读入的保持不变。

              :load Examples/county-office-2019-2021.csv
              :load reports/
            """,
        .cmdUnloadSummary: "按单位、简称或文件名移除报告",
        .cmdUnloadDetails: "  :unload 示例县委办公室\n  :unload Examples/county-office-2019-2021.csv",
        .cmdReportsSummary: "列出已读入的报告：单位、年度、阶段、数字数、警告数、文件",
        .cmdReportsDetails: """
            每份报告一行。由多个文件（说明文本和单独公开的表格）合成的报告在 `files` 中列出全部文件；
            文件印出的单位名称与单位名不同时列在 `printed as` 中。作为重复而跳过的文件列在表后。
            """,
        .cmdAliasSummary: "为单位起别名（不带参数：列出别名）",
        .cmdAliasDetails: """
            `:alias 名称 = 单位` 使“名称”指该单位：印着该名称的报告归入该单位，输入单位名称的地方
            （`:unload`）也可用它。比单位名短的别名在 `:reports` 中作为简称。别名保存在别名文件中
            （$XDG_CONFIG_HOME/fiscal/aliases，默认 ~/.config/fiscal/aliases）。

              :alias 文旅局 = 上海市普陀区文化和旅游局
              :alias 省法院 = 江苏省高级人民法院
              :alias
            """,
        .cmdUnaliasSummary: "删除别名",
        .cmdFormatsSummary: "列出格式插件及其读取的文件",
        .cmdSetSummary: "更改结果的显示方式（不带参数：列出当前设置）",
        .cmdSetDetails: """
              :set output table|csv|json|markdown|html
              :set width 100          表格适应 100 列宽（`auto`：跟随终端宽度）
              :set rows 50            表格最多显示 50 行（`all`：全部行）
              :set expanded on|off|auto   每个字段占一行（auto：表格太宽时）
              :set pager off          不用分页器；`on` 或一个命令（`less -S`）分页显示长结果
              :set null TEXT          缺失值的显示方式（默认 —）
              :set decimals 2         屏幕上金额保留 2 位小数（`off`：按原文）；csv/json 保持精确
              :set thousands on       屏幕上显示千分位 1,234.56；csv/json 不变
              :set timing on          显示每条语句的耗时（也可用 `:timing`）
              :set echo on            在结果前先显示语句本身
              :set lang zh|en         消息、帮助和列名使用中文或英文
            """,
        .cmdTimingSummary: "显示每条语句的耗时（同 psql 的 \\timing）",
        .cmdTimingDetails: "  :timing          打开或关闭\n  :timing on\n  :timing off",
        .cmdSaveSummary: "把上一个结果写入文件（.csv .json .md .txt）、把它的图写成 .svg .png，或把整个会话写成讲义（.html）",
        .cmdSaveDetails: """
            格式由扩展名决定；不论屏幕显示多少行，都写出全部行。

              :save 支出.csv
              :save result.md
              :save chart.svg     上一个结果的图（有 `chart` 步骤时按它画，否则画条形图）
              :save chart.png     同上，经 rsvg-convert 转成 PNG
              :save lesson.html   会话的每一步，写成可打印的讲义
            """,
        .cmdFiguresSummary: "重绘每份报告所列的图（图1 …），数据取自报告中的数字",
        .cmdFiguresDetails: """
            情况说明会列出若干图（（图1：收、支决算总计变动情况图）（柱状图）），但提取出的文本里图已丢失；
            `figures` 按报告的标题，用报告中的数字把它们重新画出来。
            报告没有列图时，在数字允许的范围内画出标准的一组图。

              figures                  在终端中画出，每张图附上重绘它的查询
              figures save out/        写出 out/<报告>-图1.svg, …
              figures save out/ png    同时写出 PNG 文件（需要 rsvg-convert）
            """,
        .cmdHistorySummary: "列出在 shell 中输入过的行，最早的在前",
        .cmdHistoryDetails: "上、下方向键调出历史行；Ctrl-R 向前搜索。",
        .cmdHelpSummary: "列出命令和步骤，或说明其中一个（`:help drill`）",
        .cmdQuitSummary: "退出（在空行上按 Ctrl-D 也可以）",
        .cmdCheckSummary: "核对报告中数字之间的勾稽关系",
        .cmdCheckDetails: """
            对已读入的报告运行 docs/CHECKS.md 中的每条规则。结果和其他结果一样是一张表，
            也可以作为查询的数据源：

              :check
              check | where severity = "error"
              check | group rule | count
            """,
        .cmdSourceSummary: "数字出自哪句话：文件、行号，并标出该数字",
        .cmdSourceDetails: """
              source 546.41        报告中写到 546.41 的每一处
              source 公务接待       科目中含“公务接待”的每个数字
              source row 3         上一个结果第 3 行由哪些数字算出
            """,
        .cmdExplainSummary: "名词是什么意思（名词解释），或 fiscal 如何逐步计算一个查询",
        .cmdExplainDetails: """
              explain 三公经费                    报告自己的名词解释，没有时用 fiscal 的词汇表
              explain facts | where year = 2020 | group 类 | sum amount
                                                 每个步骤、剩下的行数、用到的语句
            """,
        .helpFactsSummary: "已读入报告中的每个数字，每个一行",
        .helpFactsDetails: """
            列：entity year phase statement item code econ_code fund measure amount unit derived file line。
            也可用中文名：单位 年度 阶段 表 科目 编码 资金来源 金额。
            """,
        .helpWarningsSummary: "读取时无法归位或只能推测的内容",
        .helpCheckSummary: "勾稽关系核对结果，作为一张表",
        .helpCheckDetails: """
            级别 error / unsure / rounding / note（unsure：数字不符，但其中一个是推测读出的），规则，
            涉及的数字和行，报告所写的数，算出的数。见 docs/CHECKS.md。
            """,
        .helpWhereSummary: "保留满足条件的行",
        .helpWhereDetails: """
            比较用 = != < <= > >=，文字匹配用 ~，列表用 in [...]，科目下级用 under 201；
            用 and、or、not 和括号组合。
            """,
        .helpGroupSummary: "每组一行：sum、count、avg、min、max",
        .helpGroupDetails: """
            `agg 名称 = 函数(字段), …`，函数有 sum、count、avg、min、max。
            简写：`group 类 | sum amount`、`… | count`。按 类/款/项 分组时只加总所列的最细一级，不会重复计算。
            """,
        .helpSortSummary: "对行排序",
        .helpLimitSummary: "保留前 N 行",
        .helpTopSummary: "FIELD 最大的 N 行",
        .helpShareSummary: "添加每行占该列合计的百分比",
        .helpSelectSummary: "只保留这些列",
        .helpDeriveSummary: "添加计算列（+ - * /，精确计算）",
        .helpDrillSummary: "某科目下的 类/款/项 树，含金额及占上级的比例",
        .helpDrillDetails: """
            不带科目时，列出全部已读入内容的类。也可作为步骤：`facts | where … | drill 201`。
            报告所列合计与各项之和不一致时，两者都显示，并注明相差多少。
            """,
        .helpCompareSummary: "每个年度（单位、阶段……）一列，再加增减额和增减率",
        .helpCompareDetails: """
            `compare phase` 对比预算与决算，并加上执行率。缺失的值显示为缺失（—），不当作零。
            """,
        .helpLetSummary: "给结果命名，之后可作为数据源使用",
        .helpChartSummary: "把结果画成图：条形图，compare 的分组条形图，结构的 100% 条（pie）",
        .helpChartDetails: """
            查询的最后一步。条形用八分之一块字符，标签按显示宽度对齐，负数在轴的左侧。
            `pie` 会去掉一行恰为其他各行合计的行，并注明。`-o svg` 或 `:save chart.svg|chart.png`
            把图写成 SVG 或 PNG。见 docs/TEACHING.md。
            """,

        .checkBecause: "{0}；{1}",
        .checkSubjectSum: "{0} = {1}",
        .checkWithout: "{0}（不含 {1}）",
        .checkSubjectLevel: "{0}（{1}）= 其下各{2}之和",
        .checkSubjectBreakdown: "{0} = 其明细之和",
        .checkSubjectShare: "{0} 占 {1} 的比例",
        .checkSubjectSharesTotal: "{0} 各部分占比合计为 100%",
        .checkSubjectChange: "{0} 较 {1} 年的增减额",
        .checkSubjectChangeRate: "{0} 较 {1} 年的增减率",
        .checkSubjectUnchanged: "{0} 与 {1} 年持平",
        .checkSubjectCompletion: "{0} 完成预算",
        .checkSubjectStatedTwice: "{0} 出现两次",
        .checkSubjectInBoth: "{0} 在「{1}」与「{2}」中",
        .checkSubjectDerivedTwice: "{0} {1} 年数有两种推算结果",
        .checkSubjectAnnex: "{0} 在情况说明与附件中",
        .checkSumWithin: "在舍入误差内：{0} 个经舍入的分项与合计允许相差 ±{1}",
        .checkCountsExact: "计数应当精确相等",
        .checkMoreThanRounding: "超出舍入误差允许的范围（±{0}）",
        .checkWithinRounding: "在舍入误差内（±{0}）",
        .checkSharesWithin: "在 {0} 个占比的舍入误差内（±{1}）",
        .checkSharesMore: "超出各占比舍入误差允许的范围（±{0}）",
        .checkPercentWithin: "在舍入误差内：各数字末位 ±½ 个单位时可得出报告所写的数",
        .checkPercentMore: "超出各数字舍入所能解释的范围",
        .checkPercentArithmetic: "{0} = {1} / {2} × 100 = {3}%",
        .checkZeroDenominator: "{0}：分母为零，得不出百分比",
        .checkUnchangedDiffers: "报告称持平，但 {0} 年的数不同",
        .checkOppositeSigns: "增减额与增减率的符号相反",
        .checkPriorIs: "{0} 年数 = {1} − ({2}) = {3}",
        .checkRateOnCurrent: "报告所写的比率是 增减额 / 本年数（{0}%）",
        .checkFinerRounds: "较精确的数舍入后等于较粗的数",
        .checkRoundedTwoWays: "同一个数不可能有两种舍入结果",
        .checkVersus: "{0} 对 {1}；{2}",
        .checkAnnexVersus: "附件 {0} 对 情况说明 {1}；{2}",
        .checkDerivedVersus: "{0}（{1}）对 {2}（推算）",
        .wordDerived: "推算",
        .wordStated: "报告所写",
        .formulaPartWhole: "部分 / 整体",
        .formulaChangeRate: "（本年 − 上年）/ 上年",
        .formulaRateFromChange: "增减额 /（本年 − 增减额）",
        .formulaCompletion: "执行数 / 预算数",
        .relationIncomeSources: "各项收入之和",
        .relationExpenditureTypes: "各类支出之和",
        .relationGeneralBudgetByClass: "一般公共预算各类之和",
        .relationStaffAndPublic: "人员经费 + 公用经费",
        .relationThreePublicParts: "三公各项之和",
        .relationVehicles: "公务用车 购置 + 运行维护",
        .relationReception: "公务接待 国内 + 外事",
        .relationProcurement: "政府采购各类之和",
        .relationVehiclesByUse: "车辆按用途之和",
        .relationCarsByType: "公务用车按车型之和",
        .checkSummary: "已核对 {0} 份报告：{1} 处错误，{2} 处舍入差异，{3} 条提示",
        .checkUnsureBecause: "；存疑，不一定是报告的错误：依据的数字有推测读出的 {0}",
        .checkSummaryUnsure: "已核对 {0} 份报告：{1} 处错误，{4} 处存疑，{2} 处舍入差异，{3} 条提示",

        .columnEntity: "单位", .columnYear: "年度", .columnPhase: "阶段", .columnStatement: "表",
        .columnItem: "科目", .columnCode: "编码", .columnEconCode: "经济分类", .columnFund: "资金来源",
        .columnMeasure: "口径", .columnAmount: "金额", .columnUnit: "计量单位", .columnDerived: "推算",
        .columnFile: "文件", .columnLine: "行", .columnName: "名称", .columnShare: "占比", .columnDelta: "增减",
        .columnPct: "增减率", .columnRate: "执行率", .columnDifference: "差额", .columnN: "数量",
        .columnSeverity: "级别", .columnRule: "规则", .columnReport: "报告", .columnSubject: "事项",
        .columnStated: "报告数", .columnComputed: "计算数", .columnFigures: "涉及数字", .columnLines: "所在行",
        .columnDetail: "说明", .columnMessage: "信息", .columnShortName: "简称", .columnFacts: "数字数",
        .columnWarnings: "警告数", .columnSetting: "设置", .columnValue: "值", .columnVersion: "版本",
        .columnFileKinds: "文件类型", .columnOrigin: "来源", .columnReads: "读取内容", .columnStep: "步骤",
        .columnStage: "环节", .columnRows: "行数", .columnWhatHappens: "作用",
        .columnLei: "类", .columnKuan: "款", .columnXiang: "项",
    ]
}
