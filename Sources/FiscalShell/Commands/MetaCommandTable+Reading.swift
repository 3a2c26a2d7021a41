import FiscalCheck
import FiscalModel
import FiscalQuery

extension MetaCommandTable {
    /// Reading a report critically: `check`, `source`, `explain`. `source` and `explain` may
    /// also be typed without the colon (``StatementRunner`` routes them here).
    static let reading: [MetaCommand] = [
        MetaCommand(
            "check", summary: Message(.cmdCheckSummary), details: Message(.cmdCheckDetails),
            action: { _, context in
                context.runner.show(CheckCommand.table(context.session))
                return .done
            }),
        MetaCommand(
            "source", arguments: "NUMBER|ITEM|row N", summary: Message(.cmdSourceSummary), details: Message(.cmdSourceDetails),
            action: { arguments, context throws(MetaCommandError) in
                let text = context.rawArguments.trimmedWhitespace
                guard !text.isEmpty else {
                    throw MetaCommandError(Message(.expectedSourceArgument), hint: .literal("`source 546.41`"))
                }
                let session = context.session
                if arguments.count == 2, arguments[0] == "row" {
                    guard let n = Int(arguments[1]), n >= 1 else {
                        throw MetaCommandError(Message(.expectedRowNumber, arguments[1]))
                    }
                    guard let last = session.lastResult else {
                        throw MetaCommandError(Message(.noResultForSourceRow))
                    }
                    guard n <= last.rows.count else {
                        throw MetaCommandError(Message(.noSuchRow, n, last.rows.count))
                    }
                    context.runner.emit(CheckCommand.source(row: n, of: last, session: session, cache: session.sourceCache))
                } else {
                    context.runner.emit(CheckCommand.source(text, session: session, cache: session.sourceCache))
                }
                return .done
            }),
        MetaCommand(
            "explain", arguments: "TERM|QUERY", summary: Message(.cmdExplainSummary), details: Message(.cmdExplainDetails),
            action: { _, context throws(MetaCommandError) in
                let text = context.rawArguments.trimmedWhitespace
                guard !text.isEmpty else {
                    throw MetaCommandError(Message(.expectedExplainArgument), hint: .literal("`explain 三公经费`"))
                }
                let session = context.session
                if session.looksLikeQuery(text) {
                    do throws(QueryError) {
                        let explanation = try session.explain(text)
                        context.runner.show(explanation)
                    } catch {
                        context.runner.console.err(
                            ErrorReport.render(error, query: text, origin: nil, language: session.options.language))
                        throw MetaCommandError(Message(.explainedQueryHasError))
                    }
                } else {
                    context.runner.emit(CheckCommand.explain(text, session: session))
                }
                return .done
            }),
    ]
}
