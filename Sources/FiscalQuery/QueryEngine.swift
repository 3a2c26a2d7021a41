import FiscalModel

/// Runs query text against a context: lex, parse, evaluate.
///
/// | stage    | input          | output        | function              |
/// |----------|----------------|---------------|-----------------------|
/// | lex      | `String`       | `[Token]`     | ``Lexer/tokenize(_:)``  |
/// | parse    | `[Token]`      | ``Query``     | ``Parser/parse(_:)-([Token])`` |
/// | evaluate | ``Query``      | `ResultTable` | ``Evaluator/evaluate(_:in:)`` |
public enum QueryEngine {
    /// Runs `text` and returns its result table; `let` statements update `context`.
    public static func run(_ text: String, in context: inout QueryContext) throws(QueryError) -> ResultTable {
        let query = try Parser.parse(Lexer.tokenize(text))
        return try Evaluator.evaluate(query, in: &context)
    }

    /// How `text` would be evaluated, stage by stage (see ``Explainer``); binds nothing.
    public static func explain(_ text: String, in context: inout QueryContext) throws(QueryError) -> ResultTable {
        try Explainer.explain(text, in: &context)
    }
}
