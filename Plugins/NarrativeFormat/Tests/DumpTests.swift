import FiscalModel
import Foundation
import Testing

@Test(.enabled(if: ProcessInfo.processInfo.environment["DUMP_SEED"] != nil)) func dumpSeed() throws {
    let r = try Seed.report()
    print("entity", r.entity, r.shortName ?? "-", r.year, r.phase)
    for (i, f) in r.facts.enumerated() {
        print(i, f.span.line, f.span.startColumn, f.statement, f.item, f.code?.rawValue ?? "", f.fund?.rawValue ?? "", f.measure.rawValue, f.year, f.phase, f.amount, f.unit, f.derived ? "derived" : "")
    }
    for c in r.claims { print("claim", c.fact, c.kind, c.span.line) }
    for p in r.projects { print("project", p.name, p.unit ?? "-", p.facts, p.indicators.count, p.goalExpected?.prefix(10) ?? "-") }
    for g in r.glossary { print("gloss", g.term, "|", g.explanation.prefix(15)) }
    for w in r.warnings { print(w) }
    print("counts", r.facts.count, r.warnings.count)
}
