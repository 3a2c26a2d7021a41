import FiscalModel

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
    /// One line for the `:help` list (catalogue key `help.NAME.summary`).
    public var summary: Message
    /// More explanation for `:help NAME` (catalogue key `help.NAME.details`), if any.
    public var details: Message?
    /// Queries that run over `Examples/county-office-2019-2021.csv`.
    public var examples: [String]
    /// Whether the query engine on this build runs it; help marks unavailable topics "(coming)".
    public var available: Bool

    public init(_ name: String, _ kind: Kind, syntax: String, examples: [String] = [], available: Bool = false) {
        self.name = name
        self.kind = kind
        self.syntax = syntax
        self.summary = .key(MessageKey(rawValue: "help.\(name).summary")!, [])
        self.details = MessageKey(rawValue: "help.\(name).details").map { .key($0, []) }
        self.examples = examples
        self.available = available
    }
}

extension HelpTopic {
    /// Every query-language topic, in the order `:help` lists them.
    public static let all: [HelpTopic] = [
        HelpTopic("facts", .source, syntax: "facts", examples: ["facts", "facts | where year = 2020 and statement = \"三公经费\" | select item, amount"], available: true),
        HelpTopic("warnings", .source, syntax: "warnings", examples: ["warnings"], available: true),
        HelpTopic("check", .source, syntax: "check", examples: ["check", "check | where severity = \"error\"", "check | group rule | count"], available: true),
        HelpTopic("where", .stage, syntax: "… | where CONDITION", examples: ["facts | where year = 2020 and fund = \"一般公共预算\"", "facts | where code under 201",
                             "facts | where item ~ \"接待\" or item in [\"住房公积金\"]"], available: true),
        HelpTopic("group", .stage, syntax: "… | group FIELD, … | agg …",
                  examples: ["facts | group 类 | agg total = sum(amount), n = count()", 
                             "facts | where statement = \"三公经费\" | group year | sum amount"],
                  available: true),
        HelpTopic("sort", .stage, syntax: "… | sort FIELD [asc|desc], …", examples: ["facts | sort amount desc"], available: true),
        HelpTopic("limit", .stage, syntax: "… | limit N", examples: ["facts | limit 5"],
                  available: true),
        HelpTopic("top", .stage, syntax: "… | top N by FIELD", examples: ["facts | top 3 by amount"], available: true),
        HelpTopic("share", .stage, syntax: "… | share FIELD [by FIELD, …] [as NAME]",
                  examples: ["facts | where year = 2020 and code under 20131 | select item, amount | share amount",
                             "facts | where statement = \"三公经费\" | select year, item, amount | share amount by year"],
                  available: true),
        HelpTopic("select", .stage, syntax: "… | select FIELD, …", examples: ["facts | select year, item, amount"], available: true),
        HelpTopic("derive", .stage, syntax: "… | derive NAME = EXPRESSION, …", examples: ["facts | derive per_head = amount / 83 | select item, amount, per_head"], available: true),
        HelpTopic("drill", .stage, syntax: "drill [CODE|NAME] [depth N]",
                  examples: ["drill", "drill 201", "drill 201 depth 2", "drill 一般公共服务支出", "facts | where year = 2020 | drill 20131"],
                  available: true),
        HelpTopic("compare", .stage, syntax: "… | compare FIELD [VALUE …] [base VALUE] [overall] [cagr]",
                  examples: ["facts | where statement = \"三公经费\" | compare year",
                             "facts | where statement = \"三公经费\" | compare year overall cagr",
                             "facts | where code under 20131 | compare year 2019 2020 | where pct < -10"],
                  available: true),
        HelpTopic("chart", .stage, syntax: "… | chart [bar|pie] [COLUMN, …] [by LABEL] [title \"…\"]",
                  examples: ["drill 20131 | chart",
                             "facts | where statement = \"三公经费\" | compare year | chart",
                             "facts | where year = 2020 and code under 20131 and code != \"20131\" | chart pie amount by item title \"结构\""],
                  available: true),
        HelpTopic("let", .statement, syntax: "let NAME = QUERY", examples: ["let y2020 = facts | where year = 2020"], available: true),
    ]

    /// The topic called `name`, if any.
    public static func named(_ name: String) -> HelpTopic? {
        all.first { $0.name == name }
    }
}
