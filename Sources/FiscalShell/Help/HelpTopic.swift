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
                  details: "Columns: entity year phase statement item code econ_code fund column amount unit derived file line.",
                  examples: ["facts"], available: true),
        HelpTopic("warnings", .source, syntax: "warnings", summary: "what the readers could not place or had to guess",
                  examples: ["warnings"], available: true),
        HelpTopic("where", .stage, syntax: "… | where CONDITION", summary: "keep the rows for which the condition holds",
                  details: "Conditions compare fields (=, !=, <, <=, >, >=), test membership (in [...]), or code ancestry (under 201); join with and, or, not.",
                  examples: ["facts | where year = 2020", "facts | where code under 201 and amount > 100"]),
        HelpTopic("group", .stage, syntax: "… | group FIELD… agg FUNCTION(FIELD)…", summary: "one row per group with sums, counts, averages",
                  examples: ["facts | group year agg sum(amount)"]),
        HelpTopic("sort", .stage, syntax: "… | sort FIELD [asc|desc]…", summary: "order the rows",
                  examples: ["facts | sort amount desc"]),
        HelpTopic("limit", .stage, syntax: "… | limit N", summary: "keep the first N rows", examples: ["facts | limit 5"]),
        HelpTopic("top", .stage, syntax: "… | top N FIELD", summary: "the N rows with the largest FIELD",
                  examples: ["facts | top 3 amount"]),
        HelpTopic("share", .stage, syntax: "… | share FIELD", summary: "add each row's share of the column total",
                  examples: ["facts | where year = 2020 | share amount"]),
        HelpTopic("select", .stage, syntax: "… | select FIELD…", summary: "keep only these columns",
                  examples: ["facts | select year, item, amount"]),
        HelpTopic("derive", .stage, syntax: "… | derive NAME = EXPRESSION", summary: "add a computed column",
                  examples: ["facts | derive 元 = amount * 10000"]),
        HelpTopic("drill", .stage, syntax: "drill [CODE|NAME] [depth N]",
                  summary: "the 类/款/项 tree of expenditure under a classification",
                  details: "Without a code, the top level (类). With a code or name, its children; depth says how many levels.",
                  examples: ["drill", "drill 201", "drill 一般公共服务支出 depth 2"]),
        HelpTopic("compare", .stage, syntax: "compare YEAR with YEAR [by FIELD]", summary: "two years side by side with the change",
                  examples: ["compare 2019 with 2020", "compare 2020 with 2021 by item"]),
        HelpTopic("let", .statement, syntax: "let NAME = QUERY", summary: "name a result to use later as a source",
                  examples: ["let y2020 = facts | where year = 2020"]),
    ]

    /// The topic called `name`, if any.
    public static func named(_ name: String) -> HelpTopic? {
        all.first { $0.name == name }
    }
}
