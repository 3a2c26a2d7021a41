import FiscalCheck
import FiscalModel
import FiscalQuery

extension MetaCommandTable {
    /// Reading a report critically: `check`, `source`, `explain`. `source` and `explain` may
    /// also be typed without the colon (``StatementRunner`` routes them here).
    static let reading: [MetaCommand] = [
        MetaCommand(
            "check", summary: "the report's figures checked against each other (勾稽关系)",
            details: "Runs every rule of docs/CHECKS.md over the loaded reports. The findings are a result\n"
                + "table like any other, also usable as a query source:\n\n"
                + "  :check\n  check | where severity = \"error\"\n  check | group rule | count",
            action: { _, context in
                context.runner.show(CheckCommand.table(context.session))
                return .done
            }),
        MetaCommand(
            "source", arguments: "NUMBER|ITEM|row N",
            summary: "the sentences a figure came from, with file and line, the figure marked",
            details: "  source 546.41        every place the report states 546.41\n"
                + "  source 公务接待       every figure whose item mentions 公务接待\n"
                + "  source row 3         the facts row 3 of the last result was computed from",
            action: { arguments, context throws(MetaCommandError) in
                let text = context.rawArguments.trimmedWhitespace
                guard !text.isEmpty else {
                    throw MetaCommandError("expected a number, an item or `row N` after `source`", hint: "`source 546.41`")
                }
                let session = context.session
                if arguments.count == 2, arguments[0] == "row" {
                    guard let n = Int(arguments[1]), n >= 1 else {
                        throw MetaCommandError("expected a row number after `source row`, found `\(arguments[1])`")
                    }
                    guard let last = session.lastResult else {
                        throw MetaCommandError("no result yet: run a query, then `source row N`")
                    }
                    guard n <= last.rows.count else {
                        throw MetaCommandError("no row \(n): the last result has \(last.rows.count) row\(last.rows.count == 1 ? "" : "s")")
                    }
                    context.runner.console.out(CheckCommand.source(row: n, of: last, session: session, cache: session.sourceCache))
                } else {
                    context.runner.console.out(CheckCommand.source(text, session: session, cache: session.sourceCache))
                }
                return .done
            }),
        MetaCommand(
            "explain", arguments: "TERM|QUERY",
            summary: "what a term means (名词解释), or how fiscal evaluates a query, stage by stage",
            details: "  explain 三公经费                    the report's own 名词解释, else fiscal's glossary\n"
                + "  explain facts | where year = 2020 | group 类 | sum amount\n"
                + "                                     each stage, the rows it leaves, the statements feeding it",
            action: { _, context throws(MetaCommandError) in
                let text = context.rawArguments.trimmedWhitespace
                guard !text.isEmpty else {
                    throw MetaCommandError("expected a term or a query after `explain`", hint: "`explain 三公经费`")
                }
                let session = context.session
                if session.looksLikeQuery(text) {
                    do throws(QueryError) {
                        let explanation = try session.explain(text)
                        context.runner.show(explanation)
                    } catch {
                        context.runner.console.err(ErrorReport.render(error, query: text, origin: nil))
                        throw MetaCommandError("the query to explain has an error (shown above)")
                    }
                } else {
                    context.runner.console.out(CheckCommand.explain(text, session: session))
                }
                return .done
            }),
    ]
}
