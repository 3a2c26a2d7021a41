import FiscalModel

/// Item names as the two extractions deliver them, put right with the classification
/// catalog.
///
/// A name wrapped over several lines of a table cell comes out truncated (`行政单位离退`),
/// rotated (`支出机关事业单位职业年金缴费` for `机关事业单位职业年金缴费支出`: pdfplumber writes
/// the last line of the cell first), or spaced (`因 公 出 国 （ 境 ） 费`). Such a name is a
/// garbled form of the catalog's name and is replaced by it; a name that differs in other
/// ways (an older or local wording) is a genuine variant and is kept as written.
enum ItemName {
    /// The name to file for `code`: the catalog's when `text` is empty or a wrapped form of it.
    /// In a report of `year`, the name the code bore that year (`30307 医疗费` in 2017, 医疗费补助
    /// from 2018).
    static func normalized(_ text: String, code: ClassificationCode?, catalog: ClassificationCatalog, year: Int? = nil) -> String {
        let written = text.filter { !$0.isWhitespace }
        guard let code, let known = catalog.name(of: code, year: year) else { return written }
        return written.isEmpty || isWrapped(written, of: known) ? known : written
    }

    /// Whether `text` is `name` cut short, rotated at a line break, or cut short and
    /// completed by a fragment of the next line; never when `text` is empty.
    static func isWrapped(_ text: String, of name: String) -> Bool {
        guard !text.isEmpty, text != name else { return !text.isEmpty }
        if name.hasPrefix(text) || name.hasSuffix(text) { return true }
        let chars = Array(text), target = Array(name)
        // Rotation: text = name[k...] + name[..<k].
        if chars.count == target.count {
            for k in 1..<target.count where Array(target[k...] + target[..<k]) == chars { return true }
        }
        return false
    }

    /// How well `text` names `code`: 2 when it is the catalog's name, 1 when it is its
    /// beginning (the rest still to come on later lines), 0 otherwise (or when the catalog
    /// does not know the code).
    /// The longest name in the catalogs, in characters: a longer text cannot fit.
    static let longestCatalogName = [ClassificationCatalog.functional, .economic].flatMap { $0.entries.map(\.name.count) }.max() ?? 64

    static func fit(_ text: String, code: ClassificationCode?, catalog: ClassificationCatalog) -> Int {
        let written = text.filter { !$0.isWhitespace }
        guard let code, let known = catalog.name(of: code), !written.isEmpty else { return 0 }
        if written == known { return 2 }
        return known.hasPrefix(written) ? 1 : 0
    }
}
