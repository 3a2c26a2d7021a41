import FiscalModel

/// The `facts` source: every fact of every loaded report, one row each.
public enum FactTable {
    /// The columns of `facts`, in order.
    public static let columns: [ResultTable.Column] = [
        .init("entity", .text), .init("year", .integer), .init("phase", .text), .init("statement", .text),
        .init("item", .text), .init("code", .text), .init("econ_code", .text), .init("fund", .text),
        .init("measure", .text), .init("amount", .amount), .init("unit", .text), .init("derived", .bool),
        .init("file", .text), .init("line", .integer), .init("disputed", .bool),
    ]

    /// One row per fact of `reports`, with the span of each of its mentions.
    public static func make(_ reports: [Report]) -> ResultTable {
        var table = ResultTable(columns: columns)
        for report in reports {
            for f in report.facts {
                table.append(row(f), sources: f.mentions.map(\.span))
            }
        }
        return table
    }

    static func row(_ f: Fact) -> [Value] {
        [
            .text(f.entity), .integer(f.year), .text(f.phase.rawValue), .text(f.statement.rawValue), .text(f.item),
            f.code.map { .text($0.rawValue) } ?? .null, f.econCode.map { .text($0.rawValue) } ?? .null,
            f.fund.map { .text($0.rawValue) } ?? .null, .text(f.measure.rawValue), .amount(f.amount),
            .text(f.unit.description), .bool(f.derived), .text(f.span.file), .integer(f.span.line), .bool(f.isDisputed),
        ]
    }
}

/// The `warnings` source: what the readers could not place, with places.
public enum WarningTable {
    public static let columns: [ResultTable.Column] = [
        .init("entity", .text), .init("severity", .text), .init("code", .text), .init("message", .text),
        .init("file", .text), .init("line", .integer),
    ]

    public static func make(_ reports: [Report], language: Language = .english) -> ResultTable {
        var table = ResultTable(columns: columns)
        for report in reports {
            for w in report.warnings {
                table.append(
                    [
                        .text(report.displayName), .text(w.severity.rawValue), .text(w.code), .text(w.message(in: language)),
                        w.span.map { .text($0.file) } ?? .text(report.source), w.span.map { .integer($0.line) } ?? .null,
                    ], sources: w.span.map { [$0] } ?? [])
            }
        }
        return table
    }
}
