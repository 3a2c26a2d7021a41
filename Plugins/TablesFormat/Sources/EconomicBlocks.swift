import FiscalModel

/// Reads the 基本支出 table in the layout where pdfplumber splits each row of the two-sided
/// table into a block of lines: the codes first (`301 01 302`), then the names with the
/// right side's 款 among them (`基本工资 01 办公费`), then the figures (`262.33 21.21`).
///
/// A block's figures say which side they are on only when both sides have one, or when a
/// figure comes before the right side's 款. A lone figure at the end of a block may be
/// either side's; those are placed by the arithmetic (each 类 is the sum of its 款;
/// 人员经费合计 is 301 + 303 and 公用经费合计 the other 类; the sides that leave the sums
/// off by the least win), and a warning says when the arithmetic leaves a choice.
struct EconomicBlocks {
    var section: TableSection

    /// Whether the section is in this layout: some line holds two 类 codes and nothing else.
    static func applies(to section: TableSection) -> Bool {
        section.lines.contains { line in
            line.tokens.allSatisfy { $0.isDigits(3) || $0.isDigits(2) } && line.tokens.filter { $0.isDigits(3) }.count == 2
        }
    }

    /// A figure and the codes it may belong to (one, or left and right).
    private struct Slot {
        var figure: Figure
        var options: [ClassificationCode]
    }

    func read(into context: inout TableContext) {
        var slots: [Slot] = []
        var totals: [(label: String, figure: Figure)] = []
        var blocks: [[TextLine]] = []
        for line in section.lines {
            if line.tokens.contains(where: { $0.text.hasSuffix("经费合计") }) {
                for (i, t) in line.tokens.enumerated() where t.text.hasSuffix("经费合计") {
                    if i + 1 < line.tokens.count, let amount = line.tokens[i + 1].amount {
                        totals.append((String(t.text), Figure(amount: amount, span: context.source.span(line, line.tokens[i + 1]))))
                    }
                }
            } else if line.tokens.first?.isDigits(3) == true {
                blocks.append([line])
            } else if !blocks.isEmpty {
                blocks[blocks.count - 1].append(line)
            }
        }
        for block in blocks { slots += read(block, &context) }
        place(slots, totals: totals, &context)
    }

    /// The figures of one block with the codes each may belong to.
    private func read(_ block: [TextLine], _ context: inout TableContext) -> [Slot] {
        var classes: [Substring] = []
        var leftKuan: Substring?
        var rightKuan: Substring?
        var early: [Figure] = []  // before the right side's 款: the left side's
        var late: [Figure] = []
        for (n, line) in block.enumerated() {
            for (i, token) in line.tokens.enumerated() {
                if token.isDigits(3), classes.count < 2 {
                    classes.append(token.text)
                } else if token.isDigits(2) {
                    if classes.count == 1, n == 0, i == 1 { leftKuan = token.text }
                    else if classes.count == 1, leftKuan == nil, n > 0 { leftKuan = token.text }  // one side only
                    else if classes.count == 2, rightKuan == nil { rightKuan = token.text }
                } else if let amount = token.amount {
                    let figure = Figure(amount: amount, span: context.source.span(line, token))
                    if classes.count == 2, rightKuan == nil, n > 0, late.isEmpty, hasRightKuan(block) { early.append(figure) } else { late.append(figure) }
                }
            }
        }
        let codes = classes.enumerated().compactMap { (k, c) -> ClassificationCode? in
            let kuan = k == 0 ? leftKuan : rightKuan
            return ClassificationCode(rawValue: String(c) + (kuan.map(String.init) ?? ""))
        }
        guard let left = codes.first else { return [] }
        guard codes.count == 2 else { return (early + late).prefix(1).map { Slot(figure: $0, options: [left]) } }
        let right = codes[1]
        var slots = early.prefix(1).map { Slot(figure: $0, options: [left]) }
        if early.isEmpty, late.count >= 2 {
            slots.append(Slot(figure: late.removeFirst(), options: [left]))
        }
        if slots.isEmpty, late.count == 1 {
            return [Slot(figure: late[0], options: [left, right])]
        }
        slots += late.prefix(1).map { Slot(figure: $0, options: [right]) }
        return slots
    }

    /// Whether the block names a 款 on the right side (some 2-digit token after the second 类).
    private func hasRightKuan(_ block: [TextLine]) -> Bool {
        var classes = 0
        var afterFirstLine = false
        for line in block {
            for (i, t) in line.tokens.enumerated() {
                if t.isDigits(3) { classes += 1 }
                else if t.isDigits(2), classes == 2, afterFirstLine || i > 0 { return true }
            }
            afterFirstLine = true
        }
        return false
    }

    /// Chooses a side for each two-sided figure so that the sums are off by the least, and
    /// files the facts.
    private func place(_ slots: [Slot], totals: [(label: String, figure: Figure)], _ context: inout TableContext) {
        let open = slots.indices.filter { slots[$0].options.count == 2 }
        // The sums are checked against the first 人员经费合计 and the first 公用经费合计: the table
        // prints each once, and a total row printed again (a damaged extraction) would be
        // checked again for every one of up to 2¹⁶ placements.
        let checked = [totals.first { $0.label.hasPrefix("人员") }, totals.first { !$0.label.hasPrefix("人员") }].compactMap { $0 }
        var fixed: [ClassificationCode: Amount] = [:]
        for slot in slots where slot.options.count == 1 { fixed[slot.options[0], default: .zero] += slot.figure.amount }
        var best: (off: Amount, choice: [Int])?
        var ties = 0
        let combinations = open.count <= 16 ? 1 << open.count : 1
        for mask in 0..<combinations {
            let choice = open.indices.map { (mask >> $0) & 1 }
            var values = fixed
            for (k, i) in open.enumerated() { values[slots[i].options[choice[k]], default: .zero] += slots[i].figure.amount }
            let off = EconomicBlocks.offBy(values, totals: checked)
            if best == nil || off < best!.off { best = (off, choice); ties = 1 } else if off == best!.off { ties += 1 }
        }
        let choice = best?.choice ?? []
        // Within rounding: a cent for each figure of the table.
        let tolerance = Amount.sum(Array(repeating: Amount("0.01")!, count: slots.count + checked.count))
        if let best, !open.isEmpty, best.off > tolerance {
            context.warn("children-sum", Message(.tabLoneNoSide, "\(TableKind.basic.title)", "\(best.off)"), line: section.titleLine)
        } else if ties > 1 {
            context.warn("ambiguous-column", Message(.tabLoneTies, "\(TableKind.basic.title)", "\(ties)"), line: section.titleLine)
        }
        let unsure = !open.isEmpty && (ties > 1 || (best?.off ?? .zero) > tolerance)
        for (i, slot) in slots.enumerated() {
            let code = slot.options[open.firstIndex(of: i).map { choice[$0] } ?? 0]
            let name = ClassificationCatalog.economic.name(of: code) ?? code.rawValue
            // A lone figure whose side the sums did not single out is a guess.
            context.add(section.kind, item: name, econCode: code, column: nil, figure: slot.figure,
                        inferred: unsure && open.contains(i))
        }
        for t in totals { context.add(section.kind, item: t.label, column: nil, figure: t.figure) }
    }

    /// How far the sums are off, added up: each 类 against Σ its 款; 人员经费合计 against
    /// 301 + 303; 公用经费合计 against the other 类.
    static func offBy(_ values: [ClassificationCode: Amount], totals: [(label: String, figure: Figure)]) -> Amount {
        var off = Amount.zero
        func add(_ a: Amount, _ b: Amount) { off += a < b ? b - a : a - b }
        let classes = values.keys.filter { $0.level == .lei }
        // Each 款's sum under its 类, in one pass (this runs for every candidate placement).
        var childSums: [Substring: Amount] = [:]
        for (code, amount) in values where code.level == .kuan {
            childSums[code.rawValue.prefix(3), default: .zero] += amount
        }
        for lei in classes {
            if let sum = childSums[lei.rawValue[...]] { add(sum, values[lei]!) }
        }
        for t in totals {
            let personal = t.label.hasPrefix("人员")
            let parts = classes.filter { ["301", "303"].contains($0.rawValue) == personal }
            add(Amount.sum(parts.compactMap { values[$0] }), t.figure.amount)
        }
        return off
    }
}
