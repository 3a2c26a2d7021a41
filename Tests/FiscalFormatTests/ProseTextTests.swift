@testable import FiscalFormat
import FiscalModel
import TestSupport
import Testing

/// Hard-wrapped PDF prose joined back into sentences (Jiangsu wording, lines as the files wrap them).
@Suite("prose text")
struct ProseTextTests {
    @Test("a word and a number split by line breaks are rejoined; spans point at the original line")
    func rejoin() throws {
        // 05 l.133–135: `此外，基本支出预算数为 9964.07 万元。与上年相比增` / `— 6 —` / `加 941.62 万元，增长 10.44%。`
        let lines: [(Int, Substring)] = [(133, "此外，基本支出预算数为 9964.07 万元。与上年相比增"), (135, "加 941.62 万元，增长 10.44%。")]
        let prose = ProseText(lines: lines)
        #expect(prose.text == "此外，基本支出预算数为 9964.07 万元。与上年相比增加 941.62 万元，增长 10.44%。")
        let mentions = SentenceReader.mentions(in: prose.text[...], reportYear: 2017)
        let change = try #require(mentions.compactMap { if case .change(let c) = $0 { c } else { nil } }.first)
        #expect(change.priorYear == 2016 && change.delta == Amount("941.62") && change.percent == Amount("10.44"))
        let origin = try #require(change.deltaRange.flatMap { prose.origin(of: $0) })
        #expect(origin.line == 135 && origin.columns == 3..<9)
    }

    @Test("letter-spaced text loses its layout spaces, not the space between a number and its unit's column")
    func letterSpaced() {
        // 03 l.518
        let prose = ProseText(lines: [(518, "一 般 公 共 预 算 收 入 17981.68 万 元 ， 占"), (519, "99.92%；")])
        #expect(prose.text == "一般公共预算收入 17981.68 万元，占99.92%；")
        // `2018 年` (a year with a space) becomes `2018年`.
        #expect(ProseText(lines: [(1, "纳入本部门 2018 年部门汇总预算")]).text == "纳入本部门 2018年部门汇总预算")
    }

    @Test("page furniture and layout: numbers, dashes, lone quote marks; wrapped vs one paragraph a line")
    func layout() {
        #expect(ProseLayout.isFurniture("— 6 —") && ProseLayout.isFurniture("18") && ProseLayout.isFurniture("“ ”"))
        #expect(!ProseLayout.isFurniture("13649.07") && !ProseLayout.isFurniture("（一）收入"))
        let wrapped: [Substring] = Array(repeating: "本表反映部门年度总体收支预算情况。根据《江苏省财", count: 12)
        #expect(ProseLayout.isHardWrapped(wrapped))
        let paragraphs: [Substring] = Array(repeating: "2020年本年收入合计1320.41万元，其中：一般公共预算财政拨款收入927.15万元，占70.22%。", count: 12)
        #expect(!ProseLayout.isHardWrapped(paragraphs))
    }

    /// Hard wrapping as defined before the single-pass version (which allocates no filtered
    /// copy per line), kept as the reference it must agree with.
    enum Reference {
        static func isHardWrapped(_ lines: [Substring]) -> Bool {
            let prose = lines.filter { !$0.hasPrefix("\t") }.map { $0.filter { !$0.isWhitespace } }.filter { $0.count >= 8 }
            guard prose.count >= 10 else { return false }
            let ended = prose.filter { "。；：;:）)".contains($0.last!) }.count
            let median = prose.map(\.count).sorted()[prose.count / 2]
            return ended * 2 < prose.count && median <= 80
        }
    }

    @Test("furniture and hard wrapping agree with their reference definitions on random lines")
    func layoutAgreesWithReference() {
        let alphabet: [Character] = ["—", "-", "第", "页", "=", "p", "a", "g", "e", "1", "2", " ", "\u{3000}", "\t", "“", "”", "\"",
                                     "。", "；", ")", "收", "入", "万", "元"]
        var g = SplitMix(seed: 20261203)
        var furniture = 0
        var wrapped = 0
        for _ in 0..<3000 {
            // Short lines, where furniture is, and long ones, where the fast path decides.
            let line = Substring(String((0..<Int.random(in: 0...(Bool.random(using: &g) ? 8 : 30), using: &g)).map { _ in alphabet.randomElement(using: &g)! }))
            #expect(ProseLayout.isFurniture(line) == ProseLayout.isFurnitureByDefinition(line), "\(line.debugDescription)")
            if ProseLayout.isFurnitureByDefinition(line) { furniture += 1 }
            let lines = (0..<Int.random(in: 8...16, using: &g)).map { _ in
                Substring(String((0..<Int.random(in: 0...24, using: &g)).map { _ in alphabet.randomElement(using: &g)! }))
            }
            #expect(ProseLayout.isHardWrapped(lines) == Reference.isHardWrapped(lines))
            if Reference.isHardWrapped(lines) { wrapped += 1 }
        }
        for marker: Substring in ["=== page 7 ===", "  ===page 12===", "===page==="] {
            #expect(ProseLayout.isFurniture(marker) == ProseLayout.isFurnitureByDefinition(marker))
        }
        // Both answers occur, so the agreement says something.
        #expect(furniture > 20 && wrapped > 20 && wrapped < 2980, "\(furniture) \(wrapped)")
    }

    @Test("joining by scalars gives the text and origins that joining by characters gives")
    func scalarWalkAgreesWithCharacterWalk() {
        // Combining marks, CR, a compatibility ideograph equal to 年 and an emoji send a line down
        // the Character walk; the rest takes the scalar walk.
        let alphabet: [String] = ["一", "般", "年", "2", "0", "1", ".", " ", " ", "\u{3000}", "，", "。", "万", "元", "a",
                                  "\u{301}", "\r", "\u{F98E}", "😀", "—", "“", "”", "\t"]
        var g = SplitMix(seed: 20261204)
        var fast = 0
        var slow = 0
        for _ in 0..<2000 {
            let lines: [(number: Int, text: Substring)] = (0..<Int.random(in: 1...5, using: &g)).map { k in
                let rare = Bool.random(using: &g)
                let pool = rare ? alphabet : Array(alphabet.prefix(17))
                return (k + 1, Substring(g.text(from: pool, maxPieces: 14)))
            }
            for line in lines { if line.text.scalarsAreCharacters { fast += 1 } else { slow += 1 } }
            let byScalars = ProseText(lines: lines, byScalars: true)
            let byCharacters = ProseText(lines: lines, byScalars: false)
            #expect(byScalars.text.utf8.elementsEqual(byCharacters.text.utf8), "\(lines.map(\.text))")
            var i = byScalars.text.startIndex
            while i < byScalars.text.endIndex {
                let r = i..<byScalars.text.index(after: i)
                #expect(byScalars.origin(of: r)! == byCharacters.origin(of: r)!, "\(lines.map(\.text)) at \(r)")
                i = r.upperBound
            }
            for line in lines {
                #expect(ProseLayout.proseLength(line.text, byScalars: true) == ProseLayout.proseLength(line.text, byScalars: false))
            }
        }
        #expect(fast > 1000 && slow > 1000, "\(fast) \(slow)")
        // The year's space goes before 年 and before its compatibility twin, as `Character` equality has it.
        #expect(ProseText(lines: [(1, "2018 年")]).text == "2018年")
        #expect(ProseText(lines: [(1, "2018 \u{F98E}")]).text == "2018\u{F98E}")
    }

    @Test("the year mark found by bytes is the one found by characters")
    func yearMarkByBytes() {
        let alphabet: [String] = ["2018", "20185", "201", "2", "0", "年", "年", "度", "局", "本", " ", "。"]
        var g = SplitMix(seed: 20261205)
        var found = 0
        for _ in 0..<5000 {
            let s = g.text(from: alphabet, maxPieces: 8)
            let bytes = NarrativeLabel.yearMarkByBytes(in: s), characters = NarrativeLabel.yearMarkByCharacters(in: s)
            #expect(bytes == characters, "\(s)")
            if characters != nil { found += 1 }
        }
        #expect(found > 100, "\(found)")
        #expect(NarrativeLabel.yearMark(in: "江苏省委办公厅2018年度财政拨款").map { "江苏省委办公厅2018年度财政拨款"[$0] } == "2018年度")
        #expect(NarrativeLabel.yearMark(in: "20185年收入") == nil)
        // Not one character each: the Character walk, which sees U+F98E as 年 and a digit with a
        // combining mark as no digit.
        #expect(NarrativeLabel.yearMark(in: "2018\u{F98E}度") != nil && NarrativeLabel.yearMark(in: "2018\u{301}年") == nil)
    }

    @Test("clauses split by scalars are the clauses split by characters")
    func clausesByScalars() {
        let alphabet: [String] = ["，", ",", "；", ";", "：", "。", "支", "出", "1", " ", "\u{37E}", "\u{301}"]
        var g = SplitMix(seed: 20261206)
        var fast = 0
        for _ in 0..<5000 {
            let text = Substring(g.text(from: alphabet, maxPieces: 12))
            if text.scalarsAreCharacters { fast += 1 }
            let a = SentenceReader.splitClauses(text), b = SentenceReader.splitClausesByCharacters(text)
            #expect(a.map { $0.startIndex..<$0.endIndex } == b.map { $0.startIndex..<$0.endIndex }, "\(text.unicodeScalars.map(\.value))")
        }
        #expect(fast > 500, "\(fast)")
        #expect(SentenceReader.splitClauses("基本支出，项目支出；") == ["基本支出", "项目支出", ""])
    }

    @Test("the whole of a share, found by scalars, is the one found by characters")
    func shareWholeByScalars() {
        func reference(_ tail: Substring) -> String?? {
            guard let zhan = tail.lastIndex(of: "占") else { return nil }
            var whole = tail[tail.index(after: zhan)...]
            if whole.contains(where: { SentenceReader.clauseBreaks.contains($0) }) { return nil }
            if whole.hasUTF8Suffix("的") { whole = whole.dropLast() }
            whole = whole.trimmingTrailing { $0 == " " }
            return .some(whole.isEmpty ? nil : String(whole))
        }
        let alphabet: [String] = ["占", "支出", "的", " ", "，", "\u{301}", "本年"]
        var g = SplitMix(seed: 20261212)
        var shares = 0
        for _ in 0..<5000 {
            let tail = Substring(g.text(from: alphabet, maxPieces: 8))
            #expect(SentenceReader.share(tail: tail) == reference(tail), "\(tail.unicodeScalars.map(\.value))")
            if case .some = reference(tail) { shares += 1 }
        }
        #expect(shares > 500, "\(shares)")
    }

    @Test("furniture told by scalars is furniture told by characters")
    func furnitureByScalars() {
        func byCharacters(_ line: Substring) -> Bool {
            var length = 0
            var quotes = true
            for c in line where !c.isWhitespaceQuickly {
                length += 1
                if quotes, !"“”‘’\"".contains(c) { quotes = false }
                if length > 9, !quotes { break }
            }
            if length > 9 && !quotes && line.first(where: { !$0.isWhitespaceQuickly }) != "=" { return false }
            return ProseLayout.isFurnitureByDefinition(line)
        }
        let alphabet: [String] = ["—", "第", "页", "=", "1", "2", " ", "\u{3000}", "“", "”", "收入", "\u{301}", "\u{600}"]
        var g = SplitMix(seed: 20261215)
        var furniture = 0
        for _ in 0..<5000 {
            let line = Substring(g.text(from: alphabet, maxPieces: 14))
            #expect(ProseLayout.isFurniture(line) == byCharacters(line), "\(line.unicodeScalars.map(\.value))")
            if byCharacters(line) { furniture += 1 }
        }
        #expect(furniture > 100, "\(furniture)")
    }

    @Test("a prior-year aside found by scalars is the one found by characters")
    func priorYearAsideByScalars() {
        func reference(_ lead: Substring) -> Bool {
            guard let open = lead.lastIndex(where: { $0 == "（" || $0 == "(" }) else { return false }
            let aside = lead[lead.index(after: open)...]
            guard !aside.contains(where: { $0 == "）" || $0 == ")" }) else { return false }
            return (SentenceReader.previousYearWords + ["去年"]).contains { aside.hasUTF8Prefix($0) || aside.containsUTF8($0) }
        }
        let alphabet: [String] = ["（", "(", "）", "上年", "去年", "安排", " ", "\u{301}", "\u{600}", "。"]
        var g = SplitMix(seed: 20261214)
        var asides = 0
        for _ in 0..<5000 {
            let lead = Substring(g.text(from: alphabet, maxPieces: 8))
            #expect(SentenceReader.isPriorYearAside(lead) == reference(lead), "\(lead.unicodeScalars.map(\.value))")
            if reference(lead) { asides += 1 }
        }
        #expect(asides > 300, "\(asides)")
    }

    @Test("comparisons in words, `本年数`, `相等`, and `不一致` (no claim)")
    func comparisons() throws {
        let text: Substring = "公务接待费预算支出 156.55 万元，本年数小于上年预算数 29.65 万元。会议费预算支出 168 万元，本年数等于上年预算数。培训费 700 万元，与上年预算数相等。口径与上年不一致。年初预算为135.90万元，支出决算为135.25万元。决算数小于预算数。"
        let m = SentenceReader.mentions(in: text, reportYear: 2017)
        let changes = m.compactMap { if case .change(let c) = $0 { c } else { nil } }
        #expect(changes.map(\.delta) == [Amount("-29.65")] && changes.first?.priorYear == 2016 && changes.first?.subject == "")
        let comparisons = m.compactMap { if case .comparison(let c) = $0 { c } else { nil } }
        #expect(comparisons.map(\.relation) == [.equal, .less] && comparisons.map(\.priorYear) == [2016, nil])
        let unchanged = m.compactMap { if case .unchanged(let u) = $0 { u } else { nil } }
        #expect(unchanged.count == 1 && unchanged[0].priorYear == 2016)
        // 29.65 is the difference, not a figure.
        #expect(!m.contains { if case .figure(let f) = $0 { f.figure.amount == Amount("29.65")! } else { false } })
    }
}
