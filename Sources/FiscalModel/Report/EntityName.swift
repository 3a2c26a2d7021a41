/// A department's name as fiscal compares it: the printed name with its form normalised and
/// split into the region it begins with and the rest.
///
/// Reports print one department in many ways (江苏省委办公厅, 中共江苏省委办公厅,
/// 中国共产党江苏省委员会办公厅; 江苏省人大办公厅, 江苏省人大常委会办公厅; 普陀区财政局,
/// 上海市普陀区财政局). The normalisation, in this order (docs/FORMATS.md, "Entity names"):
///
/// 1. Form: full-width letters, digits and signs become ASCII (`（` is `(`), every space
///    (ASCII, U+3000, U+00A0) goes, quote marks and `·` do not count.
/// 2. The written-out names of the party and the congresses become their short forms
///    (``longForms``): 中国共产党X委员会 → X委, 中国人民政治协商会议X委员会 → X政协,
///    人民代表大会常务委员会 → 人大常委会, 人民代表大会 → 人大, 人民政府 → 政府.
/// 3. Words that do not tell two bodies apart (``redundantWords``): a leading 中共 (X委 is
///    the party committee already) and 常委会 after 人大 (the 人大's offices are its 常委会's).
/// 4. The region the name begins with (``region(of:)``) is split off: 上海市普陀区 + 财政局.
///
/// Two names with the same ``key`` are one entity. A name whose region is missing or shorter
/// (普陀区财政局, 省人大办公厅) is the entity of a longer region with the same rest when
/// exactly one such entity is loaded (``EntityIndex``); never when there are several.
public struct EntityName: Sendable, Hashable {
    /// The name as printed.
    public var printed: String
    /// The region, normalised (`上海市普陀区`, `江苏省`), or a bare level word (`省` of
    /// 省人大办公厅); `nil` when the name begins with none.
    public var region: String?
    /// The rest of the name, normalised (`财政局`, `委办公厅`, `人大办公厅`).
    public var local: String

    /// The name as compared: region and rest.
    public var key: String { (region ?? "") + local }

    /// The name `printed`, normalised. `regionHint` is the region the report states elsewhere
    /// (its cover, ``Report/region``): it qualifies a name that prints none or a shorter one.
    public init(_ printed: String, regionHint: String? = nil) {
        self.printed = printed
        let normal = EntityName.normalized(printed)
        if let r = EntityName.region(of: normal) {
            region = r
            local = String(normal.dropFirst(r.count))
        } else if let first = normal.first, EntityName.levelWords.contains(first), normal.count > 2 {
            region = String(first)
            local = String(normal.dropFirst())
        } else {
            region = nil
            local = normal
        }
        if let hint = regionHint.map(EntityName.normalized), !hint.isEmpty, EntityName.region(of: hint) == hint,
           EntityName.isWeaker(region, than: hint) {
            region = hint
        }
        if local.isEmpty, let r = region {
            // A name that is all region (`江苏省`) is compared whole.
            local = r
            region = nil
        }
    }

    /// Written-out names and the short forms they are compared as, applied in order. `X` is
    /// the place between a prefix and a suffix (up to 12 characters: a region).
    public static let longForms: [(prefix: String, suffix: String, replacement: String)] = [
        ("中国共产党", "委员会", "X委"),
        ("中国人民政治协商会议", "委员会", "X政协"),
        ("", "人民代表大会常务委员会", "X人大常委会"),
        ("", "人民代表大会", "X人大"),
        ("", "人民政府", "X政府"),
    ]

    /// Words that do not tell two bodies apart once the long forms are short, and what they
    /// are compared as: a leading 中共 goes (X委 is the party committee already), 人大常委会 is
    /// 人大 (the 人大's offices are its 常委会's).
    public static let redundantWords: [(word: String, replacement: String, leading: Bool)] = [
        ("中共", "", true),
        ("人大常委会", "人大", false),
    ]

    /// Level words a region ends in; one alone at the start is a bare level (省人大办公厅).
    static let levelWords: Set<Character> = ["省", "市", "区", "县"]

    /// A printed name in its compared form, region included (see the type's rules 1–3).
    public static func normalized(_ name: String) -> String {
        var s = ""
        for scalar in name.unicodeScalars {
            if scalar.properties.isWhitespace { continue }
            switch scalar.value {
            case 0xFF01...0xFF5E: s.unicodeScalars.append(Unicode.Scalar(scalar.value - 0xFEE0)!)
            case 0x201C, 0x201D, 0x2018, 0x2019, 0x22, 0x27, 0xB7, 0x30FB, 0x2022: continue
            default: s.unicodeScalars.append(scalar)
            }
        }
        for form in longForms {
            s = rewrite(s, form)
        }
        for (word, replacement, leading) in redundantWords {
            if !leading {
                s = s.replacingAll(word, with: replacement)
            } else if s.hasPrefix(word), s.count > word.count {
                s = replacement + s.dropFirst(word.count)
            }
        }
        return s
    }

    /// `s` with one long form made short (``longForms``).
    static func rewrite(_ s: String, _ form: (prefix: String, suffix: String, replacement: String)) -> String {
        if form.prefix.isEmpty {
            return s.replacingAll(form.suffix, with: form.replacement.replacingAll("X", with: ""))
        }
        guard let start = s.firstRange(of: form.prefix) else { return s }
        let rest = s[start.upperBound...]
        guard let end = rest.firstRange(of: form.suffix), rest.distance(from: rest.startIndex, to: end.lowerBound) <= 12 else { return s }
        let place = String(rest[..<end.lowerBound])
        return String(s[..<start.lowerBound]) + form.replacement.replacingAll("X", with: place) + String(rest[end.upperBound...])
    }

    /// The region an entity's name begins with: `上海市普陀区财政局` → 上海市普陀区,
    /// `江苏省人民检察院` → 江苏省, `中共上海市普陀区委社会工作部` → 上海市普陀区,
    /// `普陀区财政局` → 普陀区 (a district or county named first, 2–4 characters and its
    /// level word).
    public static func region(of entity: String) -> String? {
        var name = Substring(entity)
        for party in ["中国共产党", "中共"] where name.hasPrefix(party) { name = name.dropFirst(party.count) }
        let chars = Array(name)
        // A province or municipality: up to 7 characters ending in 省, 市 or 自治区.
        var end: Int?
        for i in 1..<max(1, min(chars.count, 8)) where chars[i] == "省" || chars[i] == "市" {
            end = i
            break
        }
        if end == nil, let r = name.firstRange(of: "自治区"), name.distance(from: name.startIndex, to: r.lowerBound) <= 6 {
            end = name.distance(from: name.startIndex, to: r.upperBound) - 1
        }
        guard var e = end else {
            // A district or county alone: 2–4 characters before 区 or 县, something after.
            for i in 2..<max(2, min(chars.count - 1, 5)) where chars[i] == "区" || chars[i] == "县" {
                return String(chars[...i])
            }
            return nil
        }
        // A district or county within 4 characters (`普陀区`), not `区委` (the party committee).
        var j = e + 2
        while j <= e + 4, j < chars.count {
            if chars[j] == "区" || chars[j] == "县" { e = j; break }
            j += 1
        }
        return String(chars[...e])
    }

    /// Whether region `a` says less than `b` about the same place: missing, a bare level word
    /// `b` ends in, or the end of `b` (普陀区 of 上海市普陀区).
    public static func isWeaker(_ a: String?, than b: String?) -> Bool {
        guard let b else { return false }
        guard let a else { return true }
        return a.count < b.count && b.hasSuffix(a)
    }

    /// Whether two regions can name the same place (equal, or one weaker than the other).
    public static func compatible(_ a: String?, _ b: String?) -> Bool {
        a == b || isWeaker(a, than: b) || isWeaker(b, than: a)
    }

    /// The other reading of a name that begins with a bare level word: the whole name with
    /// no region (市场监督管理局 is not 市 + 场监督管理局).
    public var wholeReading: EntityName? {
        guard let r = region, r.count == 1 else { return nil }
        var other = self
        other.region = nil
        other.local = r + local
        return other
    }
}
