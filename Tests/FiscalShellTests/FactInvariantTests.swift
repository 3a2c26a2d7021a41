import BuiltinFormats
import FiscalCheck
import FiscalFormat
import FiscalModel
import FiscalQuery
import Foundation
import Testing

/// Invariants of issue 10 over every report fiscal bundles (Examples/ and Examples/corpus) and
/// over random pipelines: facts are unique by key; `share` adds up to 100% and is amount ÷
/// total for each row; a 类 added up from its parts equals the report's stated 类 or a check
/// finding explains the difference; `compare year` of one fact shows the amount stated.
@Suite("fact invariants over every bundled report", .serialized)
struct FactInvariantTests {
    /// Every bundled report, loaded through the host (so folded), once.
    static let reports: [Report] = {
        var paths: [String] = []
        for dir in ["Examples", "Examples/shanghai-putuo", "Examples/corpus/jiangsu", "Examples/corpus/shanghai-putuo"] {
            let full = Fixture.root + "/" + dir
            for name in ((try? FileManager.default.contentsOfDirectory(atPath: full)) ?? []).sorted()
            where name.hasSuffix(".txt") || name.hasSuffix(".csv") {
                paths.append(full + "/" + name)
            }
        }
        var all: [Report] = []
        for p in paths {
            if let r = try? BuiltinFormats.registry.load(file: p) { all += r.reports }
        }
        return all
    }()

    @Test("the bundled reports load (at least the seed, the CSV, 3 Shanghai and the Jiangsu ones)")
    func loaded() {
        #expect(Self.reports.count >= 15)
        #expect(Self.reports.reduce(0) { $0 + $1.facts.count } > 2000)
    }

    @Test("facts are unique by key, and folding again changes nothing")
    func uniqueByKey() {
        for r in Self.reports {
            var seen = Set<FactKey>()
            for f in r.facts { #expect(seen.insert(f.key).inserted, "\(r.source): \(f.item) \(f.measure) twice") }
            #expect(r.folded() == r, "\(r.source): folding is not idempotent")
        }
    }

    @Test("every mention of an undisputed fact agrees with its amount")
    func mentionsAgree() {
        for r in Self.reports {
            for f in r.facts where !f.isDisputed {
                for m in f.mentions { #expect(f.agree(f.mentions[0], m), "\(r.source): \(f.item) \(m.amount) vs \(f.amount)") }
            }
        }
    }

    func run(_ q: String, _ r: Report) throws -> ResultTable {
        var context = QueryContext(reports: [r])
        return try QueryEngine.run(q, in: &context)
    }

    @Test("share adds up to 100% (±0.01 once rounded) and equals amount ÷ total for each row")
    func sharesAddUp() throws {
        var tables = 0
        defer { #expect(tables > 50, "only \(tables) share tables were checked") }
        for r in Self.reports {
            let statements = Set(r.facts.filter { $0.unit.isMoney }.map(\.statement.rawValue)).sorted()
            for s in statements {
                let t = try run("facts | where statement = \"\(s)\" and unit = \"\(r.facts.first { $0.statement.rawValue == s && $0.unit.isMoney }!.unit)\" | select item, amount | share amount", r)
                let ai = t.columnIndex("amount")!, si = t.columnIndex("share")!
                let amounts = t.rows.compactMap { $0[ai].amountValue }
                let total = Amount.sum(amounts)
                guard !total.isZero else { continue }
                tables += 1
                var sum = Amount.zero
                for row in t.rows {
                    guard case .percent(let p) = row[si], let a = row[ai].amountValue else { Issue.record("\(r.source) \(s): no share"); continue }
                    #expect(p == a / total, "\(r.source) \(s): share is not amount ÷ total")
                    sum += p.rounded(toDigits: 4) ?? .zero
                }
                #expect((sum - 1).magnitude <= Amount(mantissa: Int128(t.rows.count), scale: 4),
                        "\(r.source) \(s): shares add to \(sum)")
            }
        }
    }

    @Test("group 类 | sum equals each stated 类, or a check finding names it")
    func classTotals() throws {
        for r in Self.reports {
            let findings = Checker.findings([r])
            let explained = Set(findings.filter { ["classification", "repeated", "sum"].contains($0.rule) }.flatMap(\.spans))
            for s in Set(r.facts.filter { $0.code?.level == .lei && $0.measure == .total && !$0.derived }.map(\.statement)) {
                for (year, phase) in Set(r.facts.filter { $0.statement == s }.map { "\($0.year) \($0.phase.rawValue)" }).map({ ($0.split(separator: " ")) }).map({ (Int($0[0])!, String($0[1])) }) {
                    let q = "facts | where statement = \"\(s)\" and year = \(year) and phase = \"\(phase)\" and derived = false and measure = \"合计\" | group 类 | sum amount"
                    guard let t = try? run(q, r) else { continue }
                    let ci = t.columnIndex("code")!, ai = t.columnIndex("amount")!
                    for row in t.rows {
                        guard case .text(let code) = row[ci], let summed = row[ai].amountValue else { continue }
                        let stated = r.facts.filter { $0.statement == s && $0.code?.rawValue == code && $0.year == year && $0.phase.rawValue == phase && $0.measure == .total && !$0.derived }
                        for f in stated where f.amount != summed && f.unit.isMoney {
                            // Summed from the 项, the 类 may differ from the stated one only where a
                            // check says so (classification rounding or error, or the same 类 stated
                            // two ways).
                            let hasParts = r.facts.contains { $0.statement == s && $0.code != nil && $0.code != f.code && $0.code!.rawValue.hasPrefix(code) }
                            guard hasParts else { continue }
                            // The finding may be about the 类 or a stated total under it (a 款 that
                            // differs from its 项 by rounding).
                            let totals = r.facts.filter { $0.statement == s && $0.code?.rawValue.hasPrefix(code) == true && $0.code?.level != .xiang }
                            #expect(totals.contains { $0.mentions.contains { explained.contains($0.span) } },
                                    "\(r.source) \(s) \(code): stated \(f.amount), parts \(summed), no finding")
                        }
                    }
                }
            }
        }
    }

    @Test("compare year of one stated fact shows the amount the report states")
    func compareYearShowsTheStatedAmount() throws {
        var total = 0
        defer { #expect(total > 200, "only \(total) facts were compared") }
        for r in Self.reports {
            var checked = 0
            for f in r.facts where !f.derived && f.unit.isMoney && !f.isDisputed && checked < 40 {
                // A fact picked out by every part of its key.
                var q = "facts | where statement = \"\(f.statement)\" and phase = \"\(f.phase.rawValue)\" and measure = \"\(f.measure)\""
                if let code = f.code { q += " and code = \"\(code)\"" } else { q += " and item = \"\(f.item)\"" }
                q += f.econCode.map { " and econ_code = \"\($0)\"" } ?? " and econ_code = null"
                q += f.fund.map { " and fund = \"\($0)\"" } ?? " and fund = null"
                guard f.item.allSatisfy({ $0 != "\"" }) else { continue }
                let t = try run(q + " | compare year", r)
                guard let yi = t.columnIndex(String(f.year)), t.rows.count == 1 else { continue }
                #expect(t.rows[0][yi].amountValue == f.amount, "\(r.source): \(q) shows \(t.rows[0][yi]) for \(f.amount)")
                checked += 1
                total += 1
            }
        }
    }

    @Test("random pipelines: shares add up, sums never exceed what the facts hold twice, nothing crashes")
    func randomPipelines() throws {
        var answered = 0
        defer { #expect(answered > 50, "only \(answered) random pipelines gave shares") }
        var rng = SystemRandomNumberGenerator()
        let seed = Self.reports.first { $0.source.hasSuffix("wusheng-2020-决算.txt") }!
        let filters = ["year = 2020", "phase = \"决算\"", "statement = \"支出\"", "statement = \"一般公共预算财政拨款支出\"",
                       "code under 201", "unit = \"万元\"", "amount > 10", "measure = \"合计\"", "derived = false", "item ~ \"支出\""]
        let keys = ["statement", "类", "款", "item", "measure", "year", "fund"]
        for _ in 0..<200 {
            let where_ = (0..<Int.random(in: 1...3, using: &rng)).map { _ in filters.randomElement(using: &rng)! }.joined(separator: " and ")
            let key = keys.randomElement(using: &rng)!
            let q = Bool.random(using: &rng)
                ? "facts | where \(where_) | select item, amount | share amount"
                : "facts | where \(where_) | group \(key) | sum amount | share amount"
            var context = QueryContext(reports: [seed])
            let t: ResultTable
            do { t = try QueryEngine.run(q, in: &context) } catch { continue }  // a refusal is an answer
            let si = t.columnIndex("share")!
            let shares = t.rows.compactMap { row -> Amount? in if case .percent(let p) = row[si] { return p.rounded(toDigits: 4) } else { return nil } }
            guard !shares.isEmpty else { continue }
            answered += 1
            let sum = Amount.sum(shares)
            #expect((sum - 1).magnitude <= Amount(mantissa: Int128(shares.count), scale: 4), "\(q): shares add to \(sum)")
        }
    }
}
