/// What a report read from any format must satisfy before fiscal holds it: the bounds that
/// make every later sum, share and comparison exact without overflow.
extension Fact {
    /// The years a figure may refer to.
    public static let years = 1900...2200
}

extension Report {
    /// The first thing in the report that lies outside fiscal's bounds, with where it was
    /// read: an amount with more than ``Amount/maximumIntegerDigits`` digits before the point
    /// or ``Amount/maximumFileScale`` after it, a year outside ``Fact/years``, or a span whose
    /// line or columns are impossible. `nil` when everything is within bounds.
    public var boundsViolation: (span: SourceSpan?, message: String)? {
        if !Fact.years.contains(year) {
            return (nil, "expected a report year from \(Fact.years.lowerBound) to \(Fact.years.upperBound), found \(year)")
        }
        if let c = facts.columns {
            if let violation = c.columns.boundsViolation(c.range) { return violation }
        }
        let array: FactList = facts.columns == nil ? facts : []
        for f in array {
            if !f.amount.withinModelBounds {
                return (f.span, "expected an amount of at most \(Amount.maximumIntegerDigits) digits before the point and \(Amount.maximumFileScale) after, found \(f.amount)")
            }
            if !Fact.years.contains(f.year) {
                return (f.span, "expected a year from \(Fact.years.lowerBound) to \(Fact.years.upperBound), found \(f.year)")
            }
            if let problem = f.span.problem { return (f.span, problem) }
        }
        for c in claims {
            let stated: Amount? = switch c.kind {
            case .share(let p, _), .completion(let p, _): p
            case .change(_, let delta, let percent): delta ?? percent
            case .unchanged, .comparison: nil
            }
            if let s = stated, !s.withinModelBounds {
                return (c.span, "expected a stated figure of at most \(Amount.maximumIntegerDigits) digits before the point and \(Amount.maximumFileScale) after, found \(s)")
            }
            if case .change(_, let delta?, let percent?) = c.kind, !percent.withinModelBounds || !delta.withinModelBounds {
                return (c.span, "expected a stated change within bounds, found \(delta) and \(percent)%")
            }
        }
        return nil
    }
}

extension SourceSpan {
    /// Why the span cannot point into a file, or `nil` when it can.
    var problem: String? {
        if line < 1 { return "expected a line number from 1, found \(line)" }
        if startColumn < 1 || endColumn < startColumn {
            return "expected columns with 1 ≤ start ≤ end, found start \(startColumn) and end \(endColumn)"
        }
        return nil
    }
}
