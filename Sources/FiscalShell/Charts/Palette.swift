/// The Okabe–Ito palette (Okabe & Ito, "Color Universal Design", 2008): eight colours that
/// readers with any common colour-vision deficiency tell apart, and that differ in lightness
/// so a black-and-white print keeps them apart too. fiscal draws series and parts in this order.
public enum Palette {
    /// Blue, vermillion, bluish green, orange, reddish purple, sky blue, yellow, black.
    public static let hex = ["#0072B2", "#D55E00", "#009E73", "#E69F00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
    /// The nearest ANSI 256-colour codes, for the terminal.
    static let ansi256 = [25, 166, 36, 178, 175, 74, 227, 16]
}
