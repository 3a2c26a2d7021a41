extension MessageCatalogue {
    /// Every message in English. `{0}` is the first argument; `{0|one|other}` picks a word by
    /// whether the argument is 1.
    public static let english: [MessageKey: String] = [
        .errorPrefix: "error: {0}",
        .notePrefix: "note: {0}",
        .didYouMean: "did you mean `{0}`?",
        .listSeparator: ", ",
        .rowCount: "({0} {0|row|rows})",
        .rowsNotShown: "{0} more {0|row|rows} not shown; `:set rows all` shows every row, `-o csv` or `:save FILE` writes them all",
        .fitCut: "to fit {0} columns, cut: {1} (`:set expanded on` shows every field in full)",
        .fitHidden: "to fit {0} columns, hidden: {1} (`:set expanded on` shows every field)",
        .fitCutAndHidden: "to fit {0} columns, cut: {1}; hidden: {2} (`:set expanded on` shows every field)",
        .expandedRecord: "row {0}",
        .valueTrue: "true",
        .valueFalse: "false",
        .timing: "Time: {0} ms",
        .timingIsOn: "timing is on",
        .timingIsOff: "timing is off",
        .interrupted: "interrupted (Ctrl-C); nothing was changed",
        .firstRunHint: """
            Welcome to fiscal. Type `:help` for commands and query stages, `:load PATH` to read a report,
            `facts` to see its figures, `drill` to walk the 类/款/项 tree. Tab completes; Ctrl-D leaves.
            """,
        .boundResult: "`{0}`: {1} {1|row|rows} ({2}); use it as a source: `{0} | …`",
        .loadedReports: "loaded {0} {0|report|reports} ({1} facts, {2} {2|warning|warnings}; `warnings` lists them)",
        .loadedFromDocuments: "loaded {0} {0|report|reports} from {1} {1|file|files} ({2} facts, {3} {3|warning|warnings}; `warnings` lists them): {4} merged into another file's report, {5} skipped as {5|a repeat|repeats}",
        .mergedDocument: "merged {0} into the report of {1} {2} {3} (with {4})",
        .skippedRepeat: "skipped {0}: {1} {2}, which is loaded",
        .repeatSameText: "the same text as",
        .repeatSameFigures: "another extraction of the same document (the same figures) as",
        .aliasSet: "`{0}` now means {1}",
        .aliasRemoved: "removed the alias `{0}`",
        .aliasFileProblem: "{0}:{1}: expected `NAME = NAME`, found `{2}`; line ignored",
        .aliasFileUnwritable: "cannot write the aliases file {0}: {1}; the alias holds for this session only",
        .unloadedReports: "unloaded {0} {0|report|reports}",
        .savedRows: "saved {0} {0|row|rows} to {1}",
        .rcFailed: "{0}: a statement failed; the rest of the start-up file was skipped (`fiscal -X` starts without it)",

        .noFormatNamed: "no format named `{0}` (known formats: {1})",
        .scriptNotText: "{0}: expected a text script in UTF-8 or GB18030",
        .expectedCommandName: "expected a command name after `:`",
        .helpListsCommands: "`:help` lists the commands",
        .unknownCommand: "unknown command `:{0}`",
        .expectedClosingQuote: "expected a closing quote in `{0}`",
        .expectedPathAfterLoad: "expected a file or folder after `:load`",
        .expectedNameAfterUnload: "expected a report name after `:unload`",
        .reportsListsThem: "`:reports` lists what is loaded",
        .noReportCalled: "no loaded report is called `{0}`",
        .entityAmbiguous: "`{0}` could mean {1}; type more of the name",
        .expectedAlias: "expected `:alias NAME = NAME`, found `{0}`",
        .noAliasCalled: "there is no alias `{0}`",
        .aliasListsThem: "`:alias` lists the aliases",
        .expectedPathAfterSave: "expected a file name after `:save`",
        .nothingToSave: "there is no result to save yet",
        .runAQueryFirst: "run a query first",
        .expectedSaveExtension: "expected a file name ending in .csv, .json, .md, .txt, .svg, .png or .html; found `{0}`",
        .cannotWrite: "cannot write `{0}`: {1}",
        .expectedOneValue: "expected one value after `:set {0}`",
        .helpSetShows: "`:help set` shows the settings",
        .expectedOutputMode: "expected one of {0}; found `{1}`",
        .expectedWidth: "expected a width of at least 20 columns or `auto`; found `{0}`",
        .expectedRows: "expected a number of rows or `all`; found `{0}`",
        .expectedExpanded: "expected on, off or auto; found `{0}`",
        .expectedDecimals: "expected a number of decimals from 0 to 6 or `off`; found `{0}`",
        .expectedLanguage: "expected en or zh; found `{0}`",
        .expectedOnOff: "expected on or off; found `{0}`",
        .unknownSetting: "unknown setting `{0}`; expected one of {1}",
        .expectedSourceArgument: "expected a number, an item or `row N` after `source`",
        .expectedRowNumber: "expected a row number after `source row`, found `{0}`",
        .noResultForSourceRow: "no result yet: run a query, then `source row N`",
        .noSuchRow: "no row {0}: the last result has {1} {1|row|rows}",
        .expectedExplainArgument: "expected a term or a query after `explain`",
        .explainedQueryHasError: "the query to explain has an error (shown above)",
        .noHelpTopic: "no help topic `{0}`",
        .helpListsTopics: "`:help` lists the topics",

        .unknownStage: "unknown stage `{0}`; expected one of {1}",
        .unknownAggregate: "unknown aggregate `{0}`; expected one of {1}",
        .unterminatedString: "unterminated string: expected a closing {0}, found the end of the query",
        .closeTheString: "close the string with {0}",
        .unexpectedCharacter: "unexpected character `{0}`",
        .namesAreLetters: "names are letters, digits and _; text goes in quotes",
        .unknownSource: "unknown source `{0}`; expected {1} or a name bound with `let`",
        .unknownField: "unknown field `{0}`; the columns here are {1}",
        .expectedFound: "expected {0}, found {1}",
        .tokenName: "name `{0}`",
        .tokenNumber: "number `{0}`",
        .tokenString: "string \"{0}\"",
        .tokenEnd: "end of query",
        .whatPipeOrEnd: "`|` between stages or the end of the query",
        .whatNameAfterLet: "a name after `let`",
        .whatEqualsAfterLet: "`=` after `let {0}`",
        .whatSource: "a source such as `facts` or `drill`",
        .hintTryFacts: "try `facts | where year = 2020`",
        .codeDigits: "expected a classification code of 3, 5 or 7 digits, found `{0}`",
        .whatDepthNumber: "a number of levels after `depth`",
        .depthRange: "expected a depth from 1 to 3, found {0}",
        .hintThreeLevels: "类, 款 and 项 are three levels",
        .whatColumnFor: "a column to {0} (e.g. `{0} amount`)",
        .whatRowsAfter: "a number of rows after `{0}`",
        .whatBy: "`by` (as in `top 5 by amount`)",
        .whatColumnAfterAs: "a column name after `as`",
        .whatNewColumn: "a new column name (as in `derive per_head = amount / 83`)",
        .whatEqualsAfter: "`=` after `{0}`",
        .whatStage: "a stage ({0})",
        .whatColumnName: "a column name",
        .whatAggregate: "an aggregate such as `sum(amount)` or `count()`",
        .whatParenAfter: "`(` after `{0}`",
        .whatCloseCall: "`)` to close `{0}(`",
        .needsColumn: "`{0}` needs a column, as in `{0}(amount)`",
        .whatListOpen: "`[` to start the list after `in`",
        .whatListClose: "`]` or `,` in the list",
        .whatCodeAfterUnder: "a classification code after `under` (as in `code under 201`)",
        .expectedNumber: "expected a number, found `{0}`",
        .whatCloseParen: "`)` to close the parenthesis",
        .whatValueOrColumn: "a value or a column name",
        .hintKeywordAsColumn: "`{0}` is a keyword; write `` `{0}` `` for a column of that name",
        .unterminatedName: "unterminated name: expected a closing `",
        .unexpectedBang: "unexpected `{0}`: expected `!=`",
        .hintUseNot: "use `not` to negate a condition",
        .whatChartColumn: "a column to draw (as in `chart amount`)",
        .whatChartLabel: "a column of labels after `by` (as in `chart amount by item`)",
        .whatChartTitle: "the title in quotes after `title` (as in `chart title \"收入结构\"`)",
        .whatChartRest: "`bar`, `pie`, columns to draw, `by LABEL` or `title \"…\"` after `chart`",
        .hintChartExample: "as in `chart pie amount by item title \"收入结构\"`",

        .noFigureMatches: "no figure or item matches `{0}`",
        .rowHasNoSource: "row {0} records no source",
        .sourceNotAvailable: "(source not available)",
        .derivedMark: "(derived)",
        .noExplanation: "no explanation of `{0}` in the loaded reports or fiscal's glossary; `glossary` lists every term",
        .fiscalGlossary: "fiscal glossary",
        .fiscalGlossaryFrom: "fiscal glossary, from {0}",
        .explainClosest: "no term is called `{0}`; the closest:",
        .explainTruncated: "note: the report's definition is cut off: it stops at “…{0}” ({1}); the complete wording follows where fiscal has one",
        .seeAlso: "see also: {0}",

        .helpCommandsHeading: "Commands:",
        .helpQueriesHeading: "Queries (a source, then stages joined by `|`):",
        .helpFooter: "`:help NAME` shows a command or stage with examples. Tab completes names, fields and 科目.",
        .helpAlso: "also: {0}",
        .helpExamples: "Examples:",
        .helpComing: "(coming)",
        .helpComingSoon: "(coming soon)",
        .cmdLoadSummary: "load report files or folders (what is loaded stays)",
        .cmdLoadDetails: """
            Loads every file given, and every report file directly inside a folder given.
            If one file fails, nothing new is loaded and what was loaded before stays.

              :load Examples/county-office-2019-2021.csv
              :load reports/
            """,
        .cmdUnloadSummary: "remove the reports of an entity, short name or file",
        .cmdUnloadDetails: "  :unload 示例县委办公室\n  :unload Examples/county-office-2019-2021.csv",
        .cmdReportsSummary: "list what is loaded: entity, year, phase, facts, warnings, files",
        .cmdReportsDetails: """
            One row per report. A report read from several files (a narrative and its separately
            published tables) lists them all under `files`; `printed as` lists the names the files
            print when they differ from the entity's. Files skipped as repeats of a loaded file
            are listed after the table.
            """,
        .cmdAliasSummary: "name an entity (no arguments: list the aliases)",
        .cmdAliasDetails: """
            `:alias NAME = ENTITY` makes NAME mean ENTITY: reports that print NAME are the entity's,
            and NAME works wherever an entity is typed (`:unload`). A name shorter than the
            entity's becomes its short name in `:reports`. Aliases are kept in the aliases file
            ($XDG_CONFIG_HOME/fiscal/aliases, default ~/.config/fiscal/aliases).

              :alias 文旅局 = 上海市普陀区文化和旅游局
              :alias 省法院 = 江苏省高级人民法院
              :alias
            """,
        .cmdUnaliasSummary: "remove an alias",
        .cmdFormatsSummary: "list the format plugins and the files they read",
        .cmdSetSummary: "change how results are shown (no arguments: show the settings)",
        .cmdSetDetails: """
              :set output table|csv|json|markdown|html
              :set width 100          fit tables into 100 columns (`auto`: the terminal's width)
              :set rows 50            show at most 50 rows of a table (`all`: every row)
              :set expanded on|off|auto   one field per line (auto: when a table is too wide)
              :set pager off          never page; `on` or a command (`less -S`) to page long results
              :set null TEXT          how a missing value is shown (default —)
              :set decimals 2         amounts with 2 decimals on screen (`off`: as stated); csv/json stay exact
              :set thousands on       1,234.56 on screen; csv/json stay plain
              :set timing on          how long each statement took (also `:timing`)
              :set echo on            print each statement before its result
              :set lang zh|en         messages, help and headings in Chinese or English
            """,
        .cmdTimingSummary: "show how long each statement takes (psql's \\timing)",
        .cmdTimingDetails: "  :timing          turn it on or off\n  :timing on\n  :timing off",
        .cmdSaveSummary: "write the last result to a file (.csv .json .md .txt), its chart (.svg .png) or the session as a handout (.html)",
        .cmdSaveDetails: """
            The format follows the extension; every row is written, however many the screen shows.

              :save 支出.csv
              :save result.md
              :save chart.svg     the last result drawn (its `chart` stage, else bars)
              :save chart.png     the same through rsvg-convert
              :save lesson.html   every step of the session as a printable handout
            """,
        .cmdFiguresSummary: "the figures each report announces (图1 …), recreated from its facts",
        .cmdFiguresDetails: """
            A 情况说明 announces figures (（图1：收、支决算总计变动情况图）（柱状图）) that the extracted text
            has lost; `figures` draws them again from the report's facts, titled as the report titles them.
            For a report that announces none, it draws the standard set where the facts allow.

              figures                  draw them in the terminal, each with the query that recreates it
              figures save out/        write out/<report>-图1.svg, …
              figures save out/ png    also write PNG files (needs rsvg-convert)
            """,
        .cmdHistorySummary: "list the lines typed in the shell, oldest first",
        .cmdHistoryDetails: "Up and Down recall lines; Ctrl-R searches back through them.",
        .cmdHelpSummary: "list commands and stages, or explain one (`:help drill`)",
        .cmdQuitSummary: "leave the shell (Ctrl-D on an empty line too)",
        .cmdCheckSummary: "the report's figures checked against each other (勾稽关系)",
        .cmdCheckDetails: """
            Runs every rule of docs/CHECKS.md over the loaded reports. The findings are a result
            table like any other, also usable as a query source:

              :check
              check | where severity = "error"
              check | group rule | count
            """,
        .cmdSourceSummary: "the sentences a figure came from, with file and line, the figure marked",
        .cmdSourceDetails: """
              source 546.41        every place the report states 546.41
              source 公务接待       every figure whose item mentions 公务接待
              source row 3         the facts row 3 of the last result was computed from
            """,
        .cmdExplainSummary: "what a term means (名词解释), or how fiscal evaluates a query, stage by stage",
        .cmdExplainDetails: """
              explain 三公经费                    the report's own 名词解释, else fiscal's glossary
              explain facts | where year = 2020 | group 类 | sum amount
                                                 each stage, the rows it leaves, the statements feeding it
            """,
        .helpFactsSummary: "every figure of every loaded report, one row each",
        .helpFactsDetails: """
            Columns: entity year phase statement item code econ_code fund measure amount unit derived file line.
            Chinese names work too: 单位 年度 阶段 表 科目 编码 资金来源 金额.
            """,
        .helpWarningsSummary: "what the readers could not place or had to guess",
        .helpCheckSummary: "the consistency findings (勾稽关系) as a table",
        .helpCheckDetails: """
            Severity error / unsure / rounding / note (unsure: the figures disagree but one was read by a
            guess), the rule, the figures and lines involved, what the report says, what the arithmetic
            gives. See docs/CHECKS.md.
            """,
        .helpWhereSummary: "keep the rows for which the condition holds",
        .helpWhereDetails: """
            Compare with = != < <= > >=, match text with ~, test lists with in [...], classification
            subtrees with under 201; join with and, or, not and parentheses.
            """,
        .helpGroupSummary: "one row per group: sum, count, avg, min, max",
        .helpGroupDetails: """
            `agg NAME = FUNCTION(FIELD), …` with sum, count, avg, min, max.
            Short forms: `group 类 | sum amount`, `… | count`. Grouping on 类/款/项 adds up the finest
            level stated, so nothing counts twice.
            """,
        .helpSortSummary: "order the rows",
        .helpLimitSummary: "keep the first N rows",
        .helpTopSummary: "the N rows with the largest FIELD",
        .helpShareSummary: "add each row's % of the column total",
        .helpSelectSummary: "keep only these columns",
        .helpDeriveSummary: "add computed columns (+ - * /, exact)",
        .helpDrillSummary: "the 类/款/项 tree under a code, with amounts and shares of the parent",
        .helpDrillDetails: """
            Without a code, the 类 of everything loaded. Also a stage: `facts | where … | drill 201`.
            Where a stated total differs from its parts, both are shown and a note says by how much.
            """,
        .helpCompareSummary: "one column per year (entity, phase, …), then the change delta and pct",
        .helpCompareDetails: """
            `compare phase` sets 预算 against 决算 and adds the execution rate. A missing value is
            shown as missing (—), never as zero.
            """,
        .helpLetSummary: "name a result to use later as a source",
        .helpChartSummary: "draw the result: bars, grouped bars for compare, a 100% bar for a structure (pie)",
        .helpChartDetails: """
            The last stage of a query. Bars use eighth blocks, labels are padded by display width and
            negatives grow left of an axis. `pie` leaves out a row that is the total of the others and
            says so. `-o svg` or `:save chart.svg|chart.png` writes the chart as SVG or PNG. See docs/TEACHING.md.
            """,

        .checkBecause: "{0}; {1}",
        .checkSubjectSum: "{0} = {1}",
        .checkWithout: "{0} (without {1})",
        .checkSubjectLevel: "{0} ({1}) = its {2}",
        .checkSubjectBreakdown: "{0} = its breakdown",
        .checkSubjectShare: "{0} share of {1}",
        .checkSubjectSharesTotal: "shares of {0} add up to 100%",
        .checkSubjectChange: "{0} change from {1}",
        .checkSubjectChangeRate: "{0} change rate from {1}",
        .checkSubjectUnchanged: "{0} unchanged from {1}",
        .checkSubjectCompletion: "{0} 完成预算",
        .checkSubjectStatedTwice: "{0} stated twice",
        .checkSubjectInBoth: "{0} in {1} and {2}",
        .checkSubjectDerivedTwice: "{0} {1} derived two ways",
        .checkSubjectAnnex: "{0} in the explanation and 附件",
        .checkSumWithin: "within rounding: {0} rounded parts and the total allow ±{1}",
        .checkCountsExact: "counts are exact",
        .checkMoreThanRounding: "more than rounding allows (±{0})",
        .checkWithinRounding: "within rounding (±{0})",
        .checkSharesWithin: "within rounding of the {0} shares (±{1})",
        .checkSharesMore: "more than rounding of the shares allows (±{0})",
        .checkPercentWithin: "within rounding: the figures, each ±½ unit of their last digit, allow the stated value",
        .checkPercentMore: "more than the rounding of the figures can explain",
        .checkPercentArithmetic: "{0} = {1} / {2} × 100 = {3}%",
        .checkZeroDenominator: "{0}: the denominator is zero, so no percentage follows",
        .checkUnchangedDiffers: "the report says 持平 but the {0} value differs",
        .checkOppositeSigns: "the change and the rate have opposite signs",
        .checkPriorIs: "prior {0} = {1} − ({2}) = {3}",
        .checkRateOnCurrent: "the stated rate is change / current-year value ({0}%)",
        .checkFinerRounds: "the finer figure rounds to the coarser",
        .checkRoundedTwoWays: "one figure cannot be rounded two ways",
        .checkVersus: "{0} vs {1}; {2}",
        .checkAnnexVersus: "附件 {0} vs explanation {1}; {2}",
        .checkDerivedVersus: "{0} ({1}) vs {2} (derived)",
        .wordDerived: "derived",
        .wordStated: "stated",
        .formulaPartWhole: "part / whole",
        .formulaChangeRate: "(current − prior) / prior",
        .formulaRateFromChange: "change / (current − change)",
        .formulaCompletion: "executed / budget",
        .relationIncomeSources: "income sources",
        .relationExpenditureTypes: "expenditure types",
        .relationGeneralBudgetByClass: "一般公共预算 by 类",
        .relationStaffAndPublic: "人员经费 + 公用经费",
        .relationThreePublicParts: "三公 parts",
        .relationVehicles: "公务用车 购置 + 运行维护",
        .relationReception: "公务接待 国内 + 外事",
        .relationProcurement: "政府采购 by kind",
        .relationVehiclesByUse: "车辆 by use",
        .relationCarsByType: "公务用车 by type",
        .checkSummary: "checked {0} {0|report|reports}: {1} {1|error|errors}, {2} rounding, {3} {3|note|notes}",
        .checkUnsureBecause: "; unsure, not the report's error: rests on {0}",
        .checkSummaryUnsure: "checked {0} {0|report|reports}: {1} {1|error|errors}, {4} unsure, {2} rounding, {3} {3|note|notes}",

        .columnEntity: "entity", .columnYear: "year", .columnPhase: "phase", .columnStatement: "statement",
        .columnItem: "item", .columnCode: "code", .columnEconCode: "econ_code", .columnFund: "fund",
        .columnMeasure: "measure", .columnAmount: "amount", .columnUnit: "unit", .columnDerived: "derived",
        .columnFile: "file", .columnLine: "line", .columnName: "name", .columnShare: "share", .columnDelta: "delta",
        .columnPct: "pct", .columnRate: "rate", .columnDifference: "difference", .columnN: "n",
        .columnSeverity: "severity", .columnRule: "rule", .columnReport: "report", .columnSubject: "subject",
        .columnStated: "stated", .columnComputed: "computed", .columnFigures: "figures", .columnLines: "lines",
        .columnDetail: "detail", .columnMessage: "message", .columnShortName: "short name", .columnFacts: "facts",
        .columnWarnings: "warnings", .columnSetting: "setting", .columnValue: "value", .columnVersion: "version",
        .columnFileKinds: "file kinds", .columnOrigin: "origin", .columnReads: "reads", .columnStep: "step",
        .columnStage: "stage", .columnRows: "rows", .columnWhatHappens: "what happens",
        .columnLei: "类", .columnKuan: "款", .columnXiang: "项",
    ]
}
