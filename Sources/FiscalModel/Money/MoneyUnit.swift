/// The unit a report states money in.
public enum MoneyUnit: String, Sendable, Hashable, CaseIterable, Codable {
    /// 元
    case yuan = "元"
    /// 万元 (10⁴ 元), the unit most 部门决算 narratives use.
    case wanYuan = "万元"
    /// 亿元 (10⁸ 元)
    case yiYuan = "亿元"

    /// The power of ten this unit stands for, in 元.
    public var exponent: Int {
        switch self {
        case .yuan: 0
        case .wanYuan: 4
        case .yiYuan: 8
        }
    }
}

extension Amount {
    /// The same sum of money expressed in another unit, without loss (`47483458` 元 is
    /// `4748.3458` 万元 and back).
    public func converted(from source: MoneyUnit, to target: MoneyUnit) -> Amount {
        let shift = target.exponent - source.exponent
        if shift == 0 { return self }
        if shift > 0 { return Amount(mantissa: mantissa, scale: scale + shift) }
        let up = -shift
        if up <= scale { return Amount(mantissa: mantissa, scale: scale - up) }
        return Amount(mantissa: mantissa * Amount.powerOfTen(up - scale), scale: 0)
    }
}
