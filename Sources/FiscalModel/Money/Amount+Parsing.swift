extension Amount {
    /// A figure read from text: the amount and the money unit written after it, if any.
    public struct Parsed: Sendable, Hashable {
        public var amount: Amount
        public var unit: MoneyUnit?
    }

    /// Reads an amount as reports write it: `1014.73`, `1,014.73`, `1014.73万元`,
    /// `47,483,458元`, `-2.99`, full-width digits, points, commas and minus signs
    /// (`１，０１４．７３`). Surrounding spaces are ignored. Returns `nil` for anything else,
    /// including misplaced thousands separators and more than 30 digits.
    public static func parse(_ text: some StringProtocol) -> Parsed? {
        // Most figures are plain ASCII digits with at most one point (`1014.73`): read them
        // straight from the bytes. Anything else (signs, separators, spaces, units, full-width
        // digits, a bare or trailing point, more than 30 digits) takes the general reading.
        if let plain = text.utf8.withContiguousStorageIfAvailable(parsePlain), let plain {
            return Parsed(amount: plain, unit: nil)
        }
        return parseGeneral(text)
    }

    /// ``parse(_:)`` for any text (a test holds the plain reading to it).
    static func parseGeneral(_ text: some StringProtocol) -> Parsed? {
        var scalars = Array(text.unicodeScalars.map(Amount.halfWidth))
        while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }

        var unit: MoneyUnit?
        for candidate in [MoneyUnit.wanYuan, .yiYuan, .yuan] {
            let suffix = Array(candidate.rawValue.unicodeScalars)
            if scalars.count > suffix.count && Array(scalars.suffix(suffix.count)) == suffix {
                unit = candidate
                scalars.removeLast(suffix.count)
                while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
                break
            }
        }
        guard let amount = parseNumber(scalars) else { return nil }
        return Parsed(amount: amount, unit: unit)
    }

    /// Reads a plain number (see ``parse(_:)``); a money unit after it is accepted and ignored.
    public init?(_ text: some StringProtocol) {
        guard let parsed = Amount.parse(text) else { return nil }
        self = parsed.amount
    }

    /// `[0-9]*(.[0-9]+)?` with at least one digit and at most 30, else nil (which is not "not
    /// a number": the general reading decides those).
    private static func parsePlain(_ bytes: UnsafeBufferPointer<UInt8>) -> Amount? {
        guard !bytes.isEmpty, bytes.count <= 31 else { return nil }
        var mantissa: Int128 = 0
        var point = -1
        for (i, b) in bytes.enumerated() {
            if b >= 0x30 && b <= 0x39 {
                mantissa = mantissa * 10 + Int128(b &- 0x30)
            } else if b == 0x2E && point < 0 {
                point = i
            } else {
                return nil
            }
        }
        let digits = point < 0 ? bytes.count : bytes.count - 1
        guard digits > 0, digits <= 30, point != bytes.count - 1 else { return nil }
        return Amount(mantissa: mantissa, scale: point < 0 ? 0 : bytes.count - 1 - point)
    }

    private static func parseNumber(_ scalars: [Unicode.Scalar]) -> Amount? {
        var index = 0
        var negative = false
        if index < scalars.count, scalars[index] == "-" || scalars[index] == "+" {
            negative = scalars[index] == "-"
            index += 1
        }
        var integerGroups: [[UInt8]] = [[]]
        var fraction: [UInt8] = []
        var seenPoint = false
        var sawDigit = false
        while index < scalars.count {
            let s = scalars[index]
            if let d = digitValue(s) {
                if seenPoint { fraction.append(d) } else { integerGroups[integerGroups.count - 1].append(d) }
                sawDigit = true
            } else if s == "," && !seenPoint {
                integerGroups.append([])
            } else if s == "." && !seenPoint {
                seenPoint = true
            } else {
                return nil
            }
            index += 1
        }
        guard sawDigit else { return nil }
        if seenPoint && fraction.isEmpty { return nil }
        if integerGroups.count > 1 {
            // 1,014.73: a first group of one to three digits, then groups of exactly three.
            guard (1...3).contains(integerGroups[0].count),
                  integerGroups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
        }
        let integerDigits = integerGroups.flatMap { $0 }
        guard !integerDigits.isEmpty || !fraction.isEmpty else { return nil }
        guard integerDigits.count + fraction.count <= 30 else { return nil }
        var mantissa: Int128 = 0
        for d in integerDigits + fraction { mantissa = mantissa * 10 + Int128(d) }
        return Amount(mantissa: negative ? -mantissa : mantissa, scale: fraction.count)
    }

    private static func digitValue(_ s: Unicode.Scalar) -> UInt8? {
        (s.value >= 0x30 && s.value <= 0x39) ? UInt8(s.value - 0x30) : nil
    }

    /// Maps full-width digits and number punctuation to their ASCII forms.
    static func halfWidth(_ s: Unicode.Scalar) -> Unicode.Scalar {
        switch s.value {
        case 0xFF10...0xFF19: Unicode.Scalar(s.value - 0xFF10 + 0x30)!
        case 0xFF0C: ","     // ，
        case 0xFF0E: "."     // ．
        case 0xFF0D, 0x2212: "-"  // －, −
        case 0xFF0B: "+"
        case 0x3000: " "
        default: s
        }
    }
}
