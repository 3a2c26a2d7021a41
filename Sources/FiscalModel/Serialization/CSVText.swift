/// CSV as RFC 4180 writes it: the one quoting rule the `csv` format and the `-o csv`
/// renderer share.
public enum CSVText {
    /// `s` as a CSV field: quoted, with quotes doubled, when it holds a comma, a quote or a
    /// line break; as it is otherwise.
    public static func field(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingAll("\"", with: "\"\"") + "\""
    }
}
