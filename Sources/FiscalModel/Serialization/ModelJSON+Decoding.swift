extension ModelJSON {
    /// Reads a canonical model document (or a bare array of reports, or one report object).
    public static func decodeReports(_ json: JSON) throws(DecodingError) -> [Report] {
        var d = Decoder()
        switch json {
        case .array(let items):
            return try items.enumerated().map { (i, r) throws(DecodingError) in try d.report(r, path: "$[\(i)]") }
        case .object:
            if json["reports"] != nil {
                if let v = json["version"]?.intValue, v > version {
                    throw DecodingError(path: "$.version", message: "model version \(v) is newer than this fiscal reads (\(version))")
                }
                let items = try d.array(json["reports"], path: "$.reports")
                // Reports decode independently, on all cores; the first error in order is the one thrown.
                let decoded = Parallel.map(items.count) { i in
                    Result { () throws(DecodingError) -> Report in
                        var d = Decoder()
                        return try d.report(items[i], path: "$.reports[\(i)]")
                    }
                }
                return try decoded.map { r throws(DecodingError) in try r.get() }
            }
            return [try d.report(json, path: "$")]
        default:
            throw DecodingError(path: "$", message: "expected an object with `reports`, found \(Decoder.kind(json))")
        }
    }

    private struct Decoder {
        static func kind(_ j: JSON?) -> String {
            switch j {
            case nil: "nothing"
            case .null?: "null"
            case .bool?: "a boolean"
            case .number?: "a number"
            case .string?: "a string"
            case .array?: "an array"
            case .object?: "an object"
            }
        }

        func fail(_ path: String, _ expected: String, _ found: JSON?) -> DecodingError {
            DecodingError(path: path, message: "expected \(expected), found \(Decoder.kind(found))")
        }

        func string(_ j: JSON?, path: String) throws(DecodingError) -> String {
            guard let s = j?.stringValue else { throw fail(path, "a string", j) }
            return s
        }

        func optionalString(_ j: JSON?, path: String) throws(DecodingError) -> String? {
            if j == nil || j == .null { return nil }
            return try string(j, path: path)
        }

        func int(_ j: JSON?, path: String) throws(DecodingError) -> Int {
            guard let i = j?.intValue else { throw fail(path, "an integer", j) }
            return i
        }

        func year(_ j: JSON?, path: String) throws(DecodingError) -> Int {
            let y = try int(j, path: path)
            guard Fact.years.contains(y) else {
                throw DecodingError(path: path, message: "expected a year from \(Fact.years.lowerBound) to \(Fact.years.upperBound), found \(y)")
            }
            return y
        }

        func optionalInt(_ j: JSON?, path: String) throws(DecodingError) -> Int? {
            if j == nil || j == .null { return nil }
            return try int(j, path: path)
        }

        func amount(_ j: JSON?, path: String) throws(DecodingError) -> Amount {
            guard let a = j?.amountValue, a.withinModelBounds else {
                guard case .number? = j else { throw fail(path, "a decimal number", j) }
                throw DecodingError(path: path, message: "expected an amount of at most \(Amount.maximumIntegerDigits) digits before the point and \(Amount.maximumFileScale) after, found \(j?.text() ?? "nothing")")
            }
            return a
        }

        func optionalAmount(_ j: JSON?, path: String) throws(DecodingError) -> Amount? {
            if j == nil || j == .null { return nil }
            return try amount(j, path: path)
        }

        func array(_ j: JSON?, path: String) throws(DecodingError) -> [JSON] {
            guard let a = j?.arrayValue else { throw fail(path, "an array", j) }
            return a
        }

        func optionalArray(_ j: JSON?, path: String) throws(DecodingError) -> [JSON] {
            if j == nil || j == .null { return [] }
            return try array(j, path: path)
        }

        func code(_ j: JSON?, path: String) throws(DecodingError) -> ClassificationCode? {
            guard let s = try optionalString(j, path: path) else { return nil }
            guard let c = ClassificationCode(rawValue: s) else {
                throw DecodingError(path: path, message: "expected a code of 3, 5 or 7 digits, found `\(s)`")
            }
            return c
        }

        func phase(_ j: JSON?, path: String) throws(DecodingError) -> Phase {
            let s = try string(j, path: path)
            guard let p = Phase(name: s) else { throw DecodingError(path: path, message: "expected 决算 or 预算, found `\(s)`") }
            return p
        }

        func span(_ j: JSON?, path: String) throws(DecodingError) -> SourceSpan {
            guard case .object = j else { throw fail(path, "a span object", j) }
            let line = try int(j?["line"], path: path + ".line")
            guard line >= 1 else { throw DecodingError(path: path + ".line", message: "expected a line number from 1, found \(line)") }
            let start = try optionalInt(j?["start"], path: path + ".start") ?? 1
            let end = try optionalInt(j?["end"], path: path + ".end") ?? start
            guard start >= 1, end >= start else {
                throw DecodingError(path: path, message: "expected columns with 1 ≤ start ≤ end, found start \(start) and end \(end)")
            }
            return SourceSpan(file: try string(j?["file"], path: path + ".file"), line: line, startColumn: start, endColumn: end)
        }

        func optionalSpan(_ j: JSON?, path: String) throws(DecodingError) -> SourceSpan? {
            if j == nil || j == .null { return nil }
            return try span(j, path: path)
        }

        mutating func report(_ j: JSON, path: String) throws(DecodingError) -> Report {
            guard case .object = j else { throw fail(path, "a report object", j) }
            let unitName = try string(j["unit"], path: path + ".unit")
            guard let unit = MoneyUnit(rawValue: unitName) else {
                throw DecodingError(path: path + ".unit", message: "expected 元, 万元 or 亿元, found `\(unitName)`")
            }
            var r = Report(
                entity: try string(j["entity"], path: path + ".entity"),
                shortName: try optionalString(j["shortName"], path: path + ".shortName"),
                region: try optionalString(j["region"], path: path + ".region"),
                year: try year(j["year"], path: path + ".year"), phase: try phase(j["phase"], path: path + ".phase"),
                unit: unit, source: try string(j["source"], path: path + ".source"),
                format: try optionalString(j["format"], path: path + ".format"))
            for (i, f) in try optionalArray(j["facts"], path: path + ".facts").enumerated() {
                r.facts.append(try fact(f, report: r, path: "\(path).facts[\(i)]"))
            }
            for (i, c) in try optionalArray(j["claims"], path: path + ".claims").enumerated() {
                r.claims.append(try claim(c, factCount: r.facts.count, path: "\(path).claims[\(i)]"))
            }
            for (i, p) in try optionalArray(j["projects"], path: path + ".projects").enumerated() {
                r.projects.append(try project(p, factCount: r.facts.count, path: "\(path).projects[\(i)]"))
            }
            for (i, g) in try optionalArray(j["glossary"], path: path + ".glossary").enumerated() {
                let p = "\(path).glossary[\(i)]"
                r.glossary.append(GlossaryEntry(
                    term: try string(g["term"], path: p + ".term"),
                    explanation: try string(g["explanation"], path: p + ".explanation"),
                    span: try span(g["span"], path: p + ".span")))
            }
            for (i, w) in try optionalArray(j["warnings"], path: path + ".warnings").enumerated() {
                let p = "\(path).warnings[\(i)]"
                let sev = try optionalString(w["severity"], path: p + ".severity") ?? "warning"
                guard let severity = Diagnostic.Severity(rawValue: sev) else {
                    throw DecodingError(path: p + ".severity", message: "expected note, warning or error, found `\(sev)`")
                }
                r.warnings.append(Diagnostic(
                    severity, code: try optionalString(w["code"], path: p + ".code") ?? "plugin",
                    try string(w["message"], path: p + ".message"), at: try optionalSpan(w["span"], path: p + ".span")))
            }
            for (i, y) in try optionalArray(j["year_mentions"], path: path + ".year_mentions").enumerated() {
                let p = "\(path).year_mentions[\(i)]"
                r.yearMentions.append(YearMention(
                    year: try int(y["year"], path: p + ".year"), text: try string(y["text"], path: p + ".text"),
                    span: try span(y["span"], path: p + ".span")))
            }
            return r
        }

        func fact(_ j: JSON, report r: Report, path: String) throws(DecodingError) -> Fact {
            guard case .object = j else { throw fail(path, "a fact object", j) }
            let unitName = try optionalString(j["unit"], path: path + ".unit") ?? r.unit.rawValue
            let phase = j["phase"] == nil ? r.phase : try phase(j["phase"], path: path + ".phase")
            // `column` is the name model version 1 used for the measure.
            var measureName = try optionalString(j["measure"], path: path + ".measure")
            if measureName == nil { measureName = try optionalString(j["column"], path: path + ".column") }
            let derived = j["derived"]?.boolValue ?? false
            var f = Fact(
                entity: try optionalString(j["entity"], path: path + ".entity") ?? r.entity,
                year: j["year"] == nil ? r.year : try year(j["year"], path: path + ".year"),
                phase: phase,
                statement: Statement(rawValue: try string(j["statement"], path: path + ".statement")),
                item: try string(j["item"], path: path + ".item"),
                code: try code(j["code"], path: path + ".code"),
                econCode: try code(j["econCode"], path: path + ".econCode"),
                fund: try optionalString(j["fund"], path: path + ".fund").map(Fund.init(rawValue:)),
                measure: measureName.map { Measure(printed: $0, phase: phase) } ?? .total,
                amount: try amount(j["amount"], path: path + ".amount"),
                unit: FactUnit(name: unitName),
                derived: derived,
                reading: .data,
                span: try span(j["span"], path: path + ".span"))
            if let items = j["mentions"], items != .null {
                let list = try array(items, path: path + ".mentions")
                guard !list.isEmpty else {
                    throw DecodingError(path: path + ".mentions", message: "expected at least one mention, found an empty array")
                }
                f.mentions = try list.enumerated().map { (i, m) throws(DecodingError) in
                    try mention(m, path: path + ".mentions[\(i)]")
                }
            }
            return f
        }

        func mention(_ j: JSON, path: String) throws(DecodingError) -> Mention {
            guard case .object = j else { throw fail(path, "a mention object", j) }
            let readingName = try string(j["reading"], path: path + ".reading")
            guard let reading = Reading(rawValue: readingName) else {
                let known = Reading.allCases.map(\.rawValue).joined(separator: ", ")
                throw DecodingError(path: path + ".reading", message: "expected one of \(known), found `\(readingName)`")
            }
            return Mention(span: try span(j["span"], path: path + ".span"), amount: try amount(j["amount"], path: path + ".amount"),
                           reading: reading, unit: try optionalString(j["unit"], path: path + ".unit").map(FactUnit.init(name:)),
                           part: try optionalString(j["part"], path: path + ".part"))
        }

        func index(_ j: JSON?, count: Int, path: String) throws(DecodingError) -> Int? {
            guard let i = try optionalInt(j, path: path) else { return nil }
            guard i >= 0 && i < count else {
                throw DecodingError(path: path, message: "expected the index of a fact (0..<\(count)), found \(i)")
            }
            return i
        }

        func claim(_ j: JSON, factCount: Int, path: String) throws(DecodingError) -> Claim {
            guard let fact = try index(j["fact"], count: factCount, path: path + ".fact") else {
                throw fail(path + ".fact", "the index of a fact", j["fact"])
            }
            let kindName = try string(j["kind"], path: path + ".kind")
            let kind: Claim.Kind
            switch kindName {
            case "share":
                kind = .share(percent: try amount(j["percent"], path: path + ".percent"),
                              whole: try index(j["whole"], count: factCount, path: path + ".whole"))
            case "change":
                kind = .change(priorYear: try int(j["priorYear"], path: path + ".priorYear"),
                               delta: try optionalAmount(j["delta"], path: path + ".delta"),
                               percent: try optionalAmount(j["percent"], path: path + ".percent"))
            case "unchanged":
                kind = .unchanged(priorYear: try int(j["priorYear"], path: path + ".priorYear"))
            case "completion":
                kind = .completion(percent: try amount(j["percent"], path: path + ".percent"),
                                   budget: try index(j["budget"], count: factCount, path: path + ".budget"))
            case "comparison":
                let name = try string(j["relation"], path: path + ".relation")
                guard let relation = Claim.Relation(rawValue: name) else {
                    throw DecodingError(path: path + ".relation", message: "expected <, = or >, found `\(name)`")
                }
                kind = .comparison(relation: relation, priorYear: try optionalInt(j["priorYear"], path: path + ".priorYear"),
                                   other: try index(j["other"], count: factCount, path: path + ".other"))
            default:
                throw DecodingError(path: path + ".kind", message: "expected share, change, unchanged, completion or comparison, found `\(kindName)`")
            }
            return Claim(fact: fact, kind: kind, span: try span(j["span"], path: path + ".span"))
        }

        func project(_ j: JSON, factCount: Int, path: String) throws(DecodingError) -> Project {
            var indicators: [Project.Indicator] = []
            for (i, x) in try optionalArray(j["indicators"], path: path + ".indicators").enumerated() {
                let p = "\(path).indicators[\(i)]"
                indicators.append(Project.Indicator(
                    level1: try string(x["level1"], path: p + ".level1"), level2: try string(x["level2"], path: p + ".level2"),
                    level3: try string(x["level3"], path: p + ".level3"), expected: try string(x["expected"], path: p + ".expected"),
                    actual: try string(x["actual"], path: p + ".actual"), span: try span(x["span"], path: p + ".span")))
            }
            var facts: [Int] = []
            for (i, f) in try optionalArray(j["facts"], path: path + ".facts").enumerated() {
                if let idx = try index(f, count: factCount, path: "\(path).facts[\(i)]") { facts.append(idx) }
            }
            return Project(
                name: try string(j["name"], path: path + ".name"), unit: try optionalString(j["unit"], path: path + ".unit"),
                facts: facts, goalExpected: try optionalString(j["goalExpected"], path: path + ".goalExpected"),
                goalAchieved: try optionalString(j["goalAchieved"], path: path + ".goalAchieved"),
                indicators: indicators, span: try span(j["span"], path: path + ".span"))
        }
    }
}
