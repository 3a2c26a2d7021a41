/// One topic of `:help` about the query language: a source, a stage or a statement.
///
/// Topics are data so that whoever adds a stage to the query language fills in its entry
/// here (syntax, a line of summary, runnable examples) and flips ``available`` to `true`.
/// A test runs every example of every available topic against the bundled example data.
public struct HelpTopic: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case source, stage, statement
    }

    public var name: String
    public var kind: Kind
    /// How it is written (`drill [CODE|NAME] [depth N]`).
    public var syntax: String
    /// One line for the `:help` list.
    public var summary: String
    /// More explanation for `:help NAME`.
    public var details: String
    /// Queries that run over `Examples/county-office-2019-2021.csv`.
    public var examples: [String]
    /// Whether the query engine on this build runs it; help marks unavailable topics "(coming)".
    public var available: Bool

    public init(_ name: String, _ kind: Kind, syntax: String, summary: String, details: String = "",
                examples: [String] = [], available: Bool = false) {
        self.name = name
        self.kind = kind
        self.syntax = syntax
        self.summary = summary
        self.details = details
        self.examples = examples
        self.available = available
    }
}

extension HelpTopic {
    /// Every query-language topic, in the order `:help` lists them.
    public static let all: [HelpTopic] = [
        HelpTopic("facts", .source, syntax: "facts", summary: "every figure of every loaded report, one row each",
                  details: "Columns: entity year phase statement item code econ_code fund column amount unit derived file line.\n"
                      + "Chinese names work too: 单位 年度 阶段 表 科目 编码 资金来源 金额.",
                  examples: ["facts", "facts | where year = 2020 and statement = \"三公经费\" | select item, amount"], available: true),
        HelpTopic("warnings", .source, syntax: "warnings", summary: "what the readers could not place or had to guess",
                  examples: ["warnings"], available: true),
        HelpTopic("check", .source, syntax: "check", summary: "the consistency findings (勾稽关系) as a table",
                  details: "Severity error / rounding / note, the rule, the figures and lines involved, what the report\n"
                      + "says, what the arithmetic gives. See docs/CHECKS.md.",
                  examples: ["check", "check | where severity = \"error\"", "check | group rule | count"], available: true),
        HelpTopic("where", .stage, syntax: "… | where CONDITION", summary: "keep the rows for which the condition holds",
                  details: "Compare with = != < <= > >=, match text with ~, test lists with in [...], classification\n"
                      + "subtrees with under 201; join with and, or, not and parentheses.",
                  examples: ["facts | where year = 2020 and fund = \"一般公共预算\"", "facts | where code under 201",
                             "facts | where item ~ \"接待\" or item in [\"住房公积金\"]"], available: true),
        HelpTopic("group", .stage, syntax: "… | group FIELD, … | agg …",
                  summary: "one row per group: sum, count, avg, min, max",
                  details: "`agg NAME = FUNCTION(FIELD), …` with sum, count, avg, min, max.\nShort forms: `group 类 | sum amount`, `… | count`. Grouping on 类/款/项 adds up the finest\n"
                      + "level stated, so nothing counts twice.",
                  examples: ["facts | group 类 | agg total = sum(amount), n = count()", "facts | group year | sum amount"],
                  available: true),
        HelpTopic("sort", .stage, syntax: "… | sort FIELD [asc|desc], …", summary: "order the rows",
                  examples: ["facts | sort amount desc"], available: true),
        HelpTopic("limit", .stage, syntax: "… | limit N", summary: "keep the first N rows", examples: ["facts | limit 5"],
                  available: true),
        HelpTopic("top", .stage, syntax: "… | top N by FIELD", summary: "the N rows with the largest FIELD",
                  examples: ["facts | top 3 by amount"], available: true),
        HelpTopic("share", .stage, syntax: "… | share FIELD [as NAME]", summary: "add each row's % of the column total",
                  examples: ["facts | where year = 2020 and code under 20131 | select item, amount | share amount"],
                  available: true),
        HelpTopic("select", .stage, syntax: "… | select FIELD, …", summary: "keep only these columns",
                  examples: ["facts | select year, item, amount"], available: true),
        HelpTopic("derive", .stage, syntax: "… | derive NAME = EXPRESSION, …", summary: "add computed columns (+ - * /, exact)",
                  examples: ["facts | derive per_head = amount / 83 | select item, amount, per_head"], available: true),
        HelpTopic("drill", .stage, syntax: "drill [CODE|NAME] [depth N]",
                  summary: "the 类/款/项 tree under a code, with amounts and shares of the parent",
                  details: "Without a code, the 类 of everything loaded. Also a stage: `facts | where … | drill 201`.\n"
                      + "Where a stated total differs from its parts, both are shown and a note says by how much.",
                  examples: ["drill", "drill 201", "drill 201 depth 2", "drill 一般公共服务支出", "facts | where year = 2020 | drill 20131"],
                  available: true),
        HelpTopic("compare", .stage, syntax: "… | compare FIELD [VALUE …]",
                  summary: "one column per year (entity, phase, …), then the change delta and pct",
                  details: "`compare phase` sets 预算 against 决算 and adds the execution rate. A missing value is\n"
                      + "shown as missing (—), never as zero.",
                  examples: ["facts | where statement = \"三公经费\" | compare year",
                             "facts | where code under 20131 | compare year 2019 2020 | where pct < -10"],
                  available: true),
        HelpTopic("chart", .stage, syntax: "… | chart [bar|pie] [COLUMN, …] [by LABEL] [title \"…\"]",
                  summary: "draw the result: bars, grouped bars for compare, a 100% bar for a structure (pie)",
                  details: "The last stage of a query. Bars use eighth blocks, labels are padded by display width and\n"
                      + "negatives grow left of an axis. `pie` leaves out a row that is the total of the others and\n"
                      + "says so. `-o svg` or `:save chart.svg|chart.png` writes the chart as SVG or PNG. See docs/TEACHING.md.",
                  examples: ["drill 20131 | chart",
                             "facts | where statement = \"三公经费\" | compare year | chart",
                             "facts | where year = 2020 and code under 20131 and code != \"20131\" | chart pie amount by item title \"结构\""],
                  available: true),
        HelpTopic("let", .statement, syntax: "let NAME = QUERY", summary: "name a result to use later as a source",
                  examples: ["let y2020 = facts | where year = 2020"], available: true),
    ]

    /// The topic called `name`, if any.
    public static func named(_ name: String) -> HelpTopic? {
        all.first { $0.name == name }
    }
}
