import FiscalModel

/// What `drill` shows once its scope is chosen: the stated figures rolled up from the finest
/// level to every ancestor, and the rows, shares, notes and depths below the drilled code. Both
/// engines build it — the in-memory engine from rows, the SQL engine from sums per code — so
/// that they answer alike.
public struct DrillTree {
    let hierarchy: CodeHierarchy
    let span: QuerySpan?
    /// Per node: the sum of the figures under it that are not stated totals, and what the node
    /// states itself.
    var rolledSum: [Amount?], stated: [Amount?]
    /// Per node: the members (rows, or whatever the caller numbers) rolled into it, in the order added.
    var rolledMembers: [[Int32]]

    /// A tree over the codes of `dictionary` (texts that are not classification codes are left out).
    public init(codes dictionary: [String], span: QuerySpan?) {
        self.init(CodeHierarchy(dictionary), span: span)
    }

    init(_ hierarchy: CodeHierarchy, span: QuerySpan?) {
        self.hierarchy = hierarchy
        self.span = span
        let n = hierarchy.nodes.count
        rolledSum = [Amount?](repeating: nil, count: n)
        stated = [Amount?](repeating: nil, count: n)
        rolledMembers = [[Int32]](repeating: [], count: n)
    }

    /// Adds `amount`, stated with code `code` (an id into the dictionary): to what that code
    /// states, and, unless it is a stated total whose parts are in scope, to the code and every
    /// ancestor, with `member`.
    public mutating func add(code: Int, amount: Amount, total: Bool, member: Int32) throws(QueryError) {
        let lineage = hierarchy.lineage[code]
        guard let leaf = lineage.last else { return }
        let span = span, nodes = hierarchy.nodes
        func sum(_ a: Amount) throws(QueryError) -> Amount {
            try Evaluator.exactly(Message(.whatSumUnder, nodes[Int(leaf)].rawValue), at: span) { () throws(AmountOverflow) in try a.adding(amount) }
        }
        stated[Int(leaf)] = try sum(stated[Int(leaf)] ?? .zero)
        if total { return }
        for node in lineage {
            rolledSum[Int(node)] = try sum(rolledSum[Int(node)] ?? .zero)
            rolledMembers[Int(node)].append(member)
        }
    }

    /// The drill's table: per shown code its name (`name`), amount, share of its parent and,
    /// where a stated total differs from its parts, what it states; `notes` in `language`.
    public func table(_ spec: DrillSpec, name: (ClassificationCode) -> String?, language: Language)
        throws(QueryError) -> (columns: [ResultTable.Column], rows: [[Value]], members: [[Int32]], codes: [ClassificationCode], depths: [Int]?, notes: [String]) {
        func note(_ key: MessageKey, _ arguments: any MessageArgument...) -> String {
            Message.key(key, arguments.map(\.asMessage)).text(language)
        }
        var notes: [String] = []
        func children(_ node: Int32?) -> [Int32] {
            (node.map { hierarchy.children[Int($0)] } ?? hierarchy.roots).filter { rolledSum[Int($0)] != nil }
        }
        var out: [(Int32, Int, Amount)] = []  // node, depth, parent total
        func walk(_ node: Int32?, _ depth: Int, _ parentTotal: Amount) {
            for child in children(node) {
                out.append((child, depth, parentTotal))
                if depth + 1 < spec.depth { walk(child, depth + 1, rolledSum[Int(child)]!) }
            }
        }
        let root = spec.code.flatMap { hierarchy.node[$0] }
        let rootTotal: Amount
        if let stated = root.flatMap({ rolledSum[Int($0)] }) { rootTotal = stated } else {
            let parts = children(nil).map { rolledSum[Int($0)]! }
            rootTotal = try Evaluator.exactly(Message(.whatDrillTotal), at: spec.span) { () throws(AmountOverflow) in try Amount.checkedSum(parts) }
        }
        // A code no fact lies under has no node: nothing under it.
        if spec.code == nil || root != nil { walk(root, 0, rootTotal) }
        if let code = spec.code {
            if root.map({ rolledSum[Int($0)] == nil }) ?? true {
                notes.append(note(.noteNoFactsUnder, code.rawValue))
            } else if out.isEmpty {
                notes.append(note(.noteStatedWithoutParts, code.rawValue))
            }
        }
        var differs = false
        for node in (root.map { [$0] } ?? []) + out.map(\.0) {
            guard let s = stated[Int(node)], let r = rolledSum[Int(node)], s != r else { continue }
            differs = differs || node != root
            let code = hierarchy.nodes[Int(node)]
            notes.append(note(.notePartsDiffer, code.rawValue, name(code) ?? "", s, r,
                              (try? r.subtracting(s)).map { Message.literal($0.description) } ?? Message(.tooLargeToShow)))
        }
        var columns: [ResultTable.Column] = [.init("code", .text), .init("name", .text), .init("amount", .amount), .init("share", .percent)]
        if differs { columns.append(.init("stated", .amount)) }
        var values: [[Value]] = []
        for (node, _, parentTotal) in out {
            let code = hierarchy.nodes[Int(node)]
            let amount = rolledSum[Int(node)]!
            let share = parentTotal.isZero ? Value.null : .percent(try Evaluator.exactly(Message(.whatShareOfCode, code.rawValue), at: spec.span) { () throws(AmountOverflow) in
                try Ratio.exact(amount, parentTotal)
            })
            var row: [Value] = [.text(code.rawValue), name(code).map(Value.text) ?? .null, .amount(amount), share]
            if differs { row.append(stated[Int(node)].flatMap { $0 != amount ? Value.amount($0) : nil } ?? .null) }
            values.append(row)
        }
        return (columns, values, out.map { rolledMembers[Int($0.0)] }, out.map { hierarchy.nodes[Int($0.0)] },
                spec.depth > 1 ? out.map(\.1) : nil, notes)
    }
}
