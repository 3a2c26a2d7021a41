import FiscalModel
import Foundation
import Plot

/// An SVG element tree built with Plot: text is escaped by construction.
typealias SVGNode = Node<XML.DocumentContext>

extension Chart {
    /// Font families that carry Chinese glyphs on Linux, macOS and Windows, then a generic one.
    public static let fontFamily =
        "'Noto Sans CJK SC','Source Han Sans SC','WenQuanYi Zen Hei','PingFang SC','Microsoft YaHei','SimHei',sans-serif"

    /// A standalone SVG document (with its XML declaration).
    public func svgDocument() -> String {
        XML(svgNode()).render() + "\n"
    }

    /// The `<svg>` element alone, for inlining into HTML.
    public func svgElement() -> String {
        svgNode().render(indentedBy: nil)
    }

    /// Pixels per terminal column at the label font size (a CJK character is two columns).
    static let pxPerColumn = 6.8
    static let width = 760.0

    func svgNode() -> SVGNode {
        var body: [SVGNode] = []
        var y = 8.0
        for line in Chart.wrap(title, columns: 70) {
            y += 22
            body.append(svgText(line, x: 16, y: y, size: 18, weight: "bold"))
        }
        if let unit {
            y += 20
            body.append(svgText(Message(.chartUnit, unit).text(language), x: 16, y: y, size: 12, fill: "#444444"))
        }
        y += 16
        switch kind {
        case .bars: y = svgBars(into: &body, top: y)
        case .structure: y = svgPie(into: &body, top: y)
        }
        y += 6
        for line in (source.map { Chart.wrap(Message(.chartSourceSVG, $0).text(language), columns: 118) } ?? [])
            + notes.flatMap({ Chart.wrap(Message(.notePrefix, $0).text(language), columns: 118) }) {
            y += 16
            body.append(svgText(line, x: 16, y: y, size: 11, fill: "#444444"))
        }
        y += 14
        let h = y.rounded()
        return .element(named: "svg", nodes: [
            .attribute(named: "xmlns", value: "http://www.w3.org/2000/svg"),
            .attribute(named: "width", value: number(Chart.width)),
            .attribute(named: "height", value: number(h)),
            .attribute(named: "viewBox", value: "0 0 \(number(Chart.width)) \(number(h))"),
            .attribute(named: "font-family", value: Chart.fontFamily),
            .attribute(named: "role", value: "img"),
            .element(named: "title", nodes: [safeText(title)]),
            .element(named: "rect", nodes: [
                .attribute(named: "width", value: "100%"), .attribute(named: "height", value: "100%"),
                .attribute(named: "fill", value: "#ffffff"),
            ]),
        ] + body)
    }

    /// Bars with labels on the left, values at the bar ends, an axis at zero and a legend
    /// for grouped bars. Returns the y below the last bar.
    func svgBars(into body: inout [SVGNode], top: Double) -> Double {
        var y = top
        let grouped = series.count > 1
        if grouped {
            var x = 16.0
            for (s, serie) in series.enumerated() {
                body.append(svgRect(x: x, y: y, w: 12, h: 12, fill: Palette.hex[s % Palette.hex.count], class: "key"))
                body.append(svgText(serie.name, x: x + 16, y: y + 10.5, size: 12))
                x += 16 + Double(DisplayWidth.of(serie.name)) * Chart.pxPerColumn + 20
            }
            y += 24
        }
        let labelWidth = min(Double(categories.map { DisplayWidth.of($0) }.max() ?? 0) * Chart.pxPerColumn, 300)
        let valueWidth = Double(series.flatMap { $0.points.map { DisplayWidth.of($0.text) } }.max() ?? 1) * Chart.pxPerColumn + 10
        let left = 16 + labelWidth + 10
        let area = Chart.width - 16 - valueWidth - left
        let values = series.flatMap { $0.points.compactMap(\.value) }
        let negative = values.filter(\.isNegative).map(\.magnitude).max() ?? .zero
        let positive = values.filter { !$0.isNegative }.max() ?? .zero
        let span = negative + positive
        let scale = negative.isZero ? area : area - valueWidth
        let axis = left + (negative.isZero ? 0 : valueWidth + scale * Chart.fraction(negative, of: span))
        let barHeight = grouped ? 14.0 : 18.0
        let start = y
        for (row, category) in categories.enumerated() {
            let groupTop = y
            for (s, serie) in series.enumerated() {
                let point = serie.points[row]
                if let v = point.value {
                    let w = scale * Chart.fraction(v.magnitude, of: span.isZero ? Amount(1) : span)
                    let x = v.isNegative ? axis - w : axis
                    body.append(svgRect(x: x, y: y, w: max(w, 0.5), h: barHeight, fill: Palette.hex[s % Palette.hex.count],
                                        class: "bar", tooltip: "\(category) \(serie.name): \(point.text)"))
                    let tx = v.isNegative ? x - 4 : x + w + 4
                    body.append(svgText(point.text, x: tx, y: y + barHeight - 4, size: 11, anchor: v.isNegative ? "end" : "start"))
                } else {
                    body.append(svgText("—", x: axis + 4, y: y + barHeight - 4, size: 11))
                }
                y += barHeight + (grouped ? 2 : 0)
            }
            let mid = (groupTop + y) / 2 + 4
            body.append(svgText(DisplayWidth.truncate(category, to: Int(300 / Chart.pxPerColumn)), x: left - 10, y: mid,
                                size: 12, anchor: "end"))
            y += grouped ? 10 : 6
        }
        body.append(.element(named: "line", nodes: [
            .attribute(named: "x1", value: number(axis)), .attribute(named: "x2", value: number(axis)),
            .attribute(named: "y1", value: number(start - 4)), .attribute(named: "y2", value: number(y)),
            .attribute(named: "stroke", value: "#000000"), .attribute(named: "stroke-width", value: "1"),
        ]))
        return y
    }

    /// A pie with a legend of label, value and share beside it. Parts of zero are listed, not drawn.
    func svgPie(into body: inout [SVGNode], top: Double) -> Double {
        guard let first = series.first else { return top }
        let r = 140.0, cx = 16 + r, cy = top + 10 + r
        let shares = self.shares
        var angle = -Double.pi / 2
        var drawn = 0
        let total = Amount.sum(first.points.compactMap(\.value))
        let positive = first.points.filter { ($0.value.map { !$0.isZero }) ?? false }.count
        for (i, p) in first.points.enumerated() {
            guard let v = p.value, !v.isZero, !total.isZero else { continue }
            let colour = Palette.hex[drawn % Palette.hex.count]
            let tooltip = "\(categories[i]): \(p.text)"
            if positive == 1 {
                body.append(.element(named: "circle", nodes: [
                    .attribute(named: "class", value: "slice"), .attribute(named: "cx", value: number(cx)),
                    .attribute(named: "cy", value: number(cy)), .attribute(named: "r", value: number(r)),
                    .attribute(named: "fill", value: colour), .element(named: "title", nodes: [safeText(tooltip)]),
                ]))
            } else {
                let sweep = 2 * Double.pi * Chart.fraction(v, of: total)
                let a0 = angle, a1 = angle + sweep
                let path = "M\(number(cx)),\(number(cy)) L\(number(cx + r * cos(a0))),\(number(cy + r * sin(a0))) "
                    + "A\(number(r)),\(number(r)) 0 \(sweep > Double.pi ? 1 : 0),1 \(number(cx + r * cos(a1))),\(number(cy + r * sin(a1))) Z"
                body.append(.element(named: "path", nodes: [
                    .attribute(named: "class", value: "slice"), .attribute(named: "d", value: path),
                    .attribute(named: "fill", value: colour), .attribute(named: "stroke", value: "#ffffff"),
                    .attribute(named: "stroke-width", value: "1.5"),
                    .element(named: "title", nodes: [safeText(tooltip)]),
                ]))
                angle = a1
            }
            drawn += 1
        }
        // Legend.
        var y = top + 14
        let lx = cx + r + 30
        drawn = 0
        for (i, category) in categories.enumerated() {
            let p = first.points[i]
            if let v = p.value, !v.isZero {
                body.append(svgRect(x: lx, y: y - 10, w: 12, h: 12, fill: Palette.hex[drawn % Palette.hex.count], class: "key"))
                drawn += 1
            }
            let share = shares[i].flatMap { $0.percent(digits: 2) }.map { "\($0.rescaled(to: 2))%" } ?? "—"
            body.append(svgText(DisplayWidth.truncate(category, to: 34), x: lx + 18, y: y, size: 12))
            body.append(svgText(p.text, x: Chart.width - 86, y: y, size: 12, anchor: "end"))
            body.append(svgText(share, x: Chart.width - 16, y: y, size: 12, anchor: "end"))
            y += 20
        }
        return max(cy + r + 10, y)
    }

    func svgText(_ text: String, x: Double, y: Double, size: Double, weight: String? = nil, fill: String = "#000000",
                 anchor: String = "start") -> SVGNode {
        .element(named: "text", nodes: [
            .attribute(named: "x", value: number(x)), .attribute(named: "y", value: number(y)),
            .attribute(named: "font-size", value: number(size)), .attribute(named: "fill", value: fill),
            .attribute(named: "font-weight", value: weight), .attribute(named: "text-anchor", value: anchor == "start" ? nil : anchor),
            safeText(text),
        ])
    }

    func svgRect(x: Double, y: Double, w: Double, h: Double, fill: String, class name: String, tooltip: String? = nil) -> SVGNode {
        .element(named: "rect", nodes: [
            .attribute(named: "class", value: name),
            .attribute(named: "x", value: number(x)), .attribute(named: "y", value: number(y)),
            .attribute(named: "width", value: number(w)), .attribute(named: "height", value: number(h)),
            .attribute(named: "fill", value: fill),
        ] + (tooltip.map { [SVGNode.element(named: "title", nodes: [safeText($0)])] } ?? []))
    }

    /// `text` cut into lines of at most `columns` display columns (at spaces where it can).
    static func wrap(_ text: String, columns: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        var width = 0
        for c in text {
            let w = DisplayWidth.of(c)
            if width + w > columns {
                if let space = line.lastIndex(of: " "), line.distance(from: space, to: line.endIndex) < 30 {
                    lines.append(String(line[..<space]))
                    line = String(line[line.index(after: space)...])
                } else {
                    lines.append(line)
                    line = ""
                }
                width = DisplayWidth.of(line)
            }
            line.append(c)
            width += w
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    /// A pixel coordinate with at most one decimal.
    func number(_ x: Double) -> String {
        let tenths = (x * 10).rounded()
        return tenths.truncatingRemainder(dividingBy: 10) == 0 ? String(Int(tenths / 10)) : String(tenths / 10)
    }
}

/// Text for Plot: Plot escapes `<` and `>` but keeps what looks like an entity (`&amp;`), so
/// `&` is escaped here first; a tab becomes a space and other control characters are dropped
/// (XML 1.0 forbids C0 controls and discourages DEL and C1; a terminal would act on any of them
/// when the SVG is printed).
func safeText<Context>(_ text: String) -> Node<Context> {
    let cleaned = String(String.UnicodeScalarView(text.unicodeScalars.compactMap {
        $0 == "\t" ? " " : ($0.value >= 0x20 && !(0x7F...0x9F).contains($0.value)) || $0 == "\n" ? $0 : nil
    }))
    return .text(cleaned.replacingAll("&", with: "&amp;"))
}
