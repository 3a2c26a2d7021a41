/// A code of the government classification of expenditure: functional (支出功能分类,
/// `201` → `20131` → `2013101`) or economic (支出经济分类, `301` → `30101`).
///
/// Codes form a hierarchy by prefix: a 3-digit 类, a 5-digit 款 and a 7-digit 项.
public struct ClassificationCode: Sendable, Hashable, Comparable, CustomStringConvertible,
    ExpressibleByStringLiteral, RawRepresentable
{
    /// The level of a code in the hierarchy.
    public enum Level: Int, Sendable, Hashable, Comparable, CaseIterable, CustomStringConvertible {
        /// 类: three digits.
        case lei = 1
        /// 款: five digits.
        case kuan = 2
        /// 项: seven digits.
        case xiang = 3

        /// The number of digits a code of this level has.
        public var digits: Int { [3, 5, 7][rawValue - 1] }
        /// 类, 款 or 项.
        public var name: String { ["类", "款", "项"][rawValue - 1] }
        public var description: String { name }

        public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }

        /// The level named 类/款/项 (or class/section/item).
        public init?(name: String) {
            switch name {
            case "类", "class", "lei": self = .lei
            case "款", "section", "kuan": self = .kuan
            case "项", "item", "xiang": self = .xiang
            default: return nil
            }
        }
    }

    /// The digits of the code.
    public let rawValue: String

    /// A code from its digits (spaces between parts, as in `201 06 01`, are removed);
    /// `nil` unless it has 3, 5 or 7 ASCII digits.
    public init?(rawValue: String) {
        let digits = rawValue.filter { $0 != " " && $0 != "\u{3000}" }
        guard [3, 5, 7].contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        self.rawValue = digits
    }

    public init(stringLiteral value: String) {
        guard let code = ClassificationCode(rawValue: value) else {
            preconditionFailure("not a classification code: \(value)")
        }
        self = code
    }

    /// 类, 款 or 项.
    public var level: Level {
        switch rawValue.count {
        case 3: .lei
        case 5: .kuan
        default: .xiang
        }
    }

    /// The code one level up (`2013101` → `20131` → `201`), `nil` for a 类.
    public var parent: ClassificationCode? {
        switch level {
        case .lei: nil
        case .kuan: ClassificationCode(rawValue: String(rawValue.prefix(3)))
        case .xiang: ClassificationCode(rawValue: String(rawValue.prefix(5)))
        }
    }

    /// This code and every code above it, from the 类 down.
    public var lineage: [ClassificationCode] {
        var chain = [self]
        while let p = chain[0].parent { chain.insert(p, at: 0) }
        return chain
    }

    /// The ancestor (or self) at `level`, `nil` when the code is above that level.
    public func ancestor(at level: Level) -> ClassificationCode? {
        guard level <= self.level else { return nil }
        return ClassificationCode(rawValue: String(rawValue.prefix(level.digits)))
    }

    /// Whether `other` lies in the subtree of this code (itself included).
    public func contains(_ other: ClassificationCode) -> Bool {
        other.rawValue.hasPrefix(rawValue)
    }

    /// Whether this code is a direct child of `other`.
    public func isChild(of other: ClassificationCode) -> Bool { parent == other }

    public var description: String { rawValue }

    public static func < (lhs: ClassificationCode, rhs: ClassificationCode) -> Bool { lhs.rawValue < rhs.rawValue }
}
