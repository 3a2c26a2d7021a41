import FiscalQuery
/// What Tab offers: the part of the line to replace and the texts that may replace it.
public struct Completion: Sendable, Hashable {
    /// Offsets in Unicode scalars (libedit's wide characters) of the text to replace.
    public var replacement: Range<Int>
    /// Full replacements, sorted, without repeats.
    public var candidates: [String]

    public init(replacement: Range<Int>, candidates: [String]) {
        self.replacement = replacement
        self.candidates = candidates
    }

    /// The longest text every candidate starts with (by characters).
    public var commonPrefix: String {
        guard var prefix = candidates.first.map(Array.init) else { return "" }
        for c in candidates.dropFirst() {
            let chars = Array(c)
            var n = 0
            while n < min(prefix.count, chars.count), prefix[n] == chars[n] { n += 1 }
            prefix = Array(prefix.prefix(n))
        }
        return String(prefix)
    }
}

/// Tab completion as a pure function of the line, the cursor and a vocabulary.
///
/// - `:lo` → meta-command names; after `:load`/`:save` file paths; after `:set`, `:help`,
///   `:unload` their words.
/// - after `drill`, or inside a string literal, classification names and codes
///   (`drill 一般` → `一般公共服务支出`), and entity names in literals.
/// - elsewhere keywords, stage names, fields (English and Chinese), entities and `let` names.
public struct Completer: Sendable {
    public var vocabulary: CompletionVocabulary

    public init(vocabulary: CompletionVocabulary) {
        self.vocabulary = vocabulary
    }

    /// Completes the word before `cursor` (an offset in Unicode scalars) of `line`.
    public func complete(line: String, cursor: Int) -> Completion {
        let scalars = Array(line.unicodeScalars)
        let cursor = max(0, min(cursor, scalars.count))
        let before = Array(scalars[..<cursor])
        let text = String(String.UnicodeScalarView(before))

        if text.drop(while: \.isWhitespace).hasPrefix(":") {
            return completeCommand(before)
        }
        if let quote = openQuote(before) {
            let start = quote + 1
            let word = String(String.UnicodeScalarView(before[start...]))
            let names = vocabulary.classifications.flatMap { [$0.name, $0.code] } + vocabulary.reportNames
            return Completion(replacement: start..<cursor, candidates: Self.matching(word, in: names))
        }
        let start = Self.wordStart(before)
        let word = String(String.UnicodeScalarView(before[start...]))
        let previous = Self.previousWord(before, endingBefore: start)
        if previous == "drill" {
            let names = vocabulary.classifications.flatMap { [$0.name, $0.code] } + ["depth"]
            // A name with brackets (党委办公厅（室）…) is only one word in quotes.
            let quoted = Self.matching(word, in: names).map { name in
                name.contains(where: { "（）()【】[]".contains($0) }) ? "\"" + name + "\"" : name
            }
            return Completion(replacement: start..<cursor, candidates: quoted)
        }
        guard !word.isEmpty else {
            return Completion(replacement: start..<cursor, candidates: Self.matching("", in: vocabulary.keywords))
        }
        var all = vocabulary.keywords + vocabulary.fields + vocabulary.bindings
            + vocabulary.reportNames.filter { !$0.contains("/") && !$0.contains(".") }
        // Inside a `compare` stage, its options (`base`, `overall`, `cagr`) too.
        let stage = text.split(separator: "|", omittingEmptySubsequences: false).last ?? ""
        if stage.split(whereSeparator: \.isWhitespace).first == "compare" {
            all += CompareSpec.Option.allCases.map(\.rawValue)
        }
        return Completion(replacement: start..<cursor, candidates: Self.matching(word, in: all))
    }

    func completeCommand(_ before: [Unicode.Scalar]) -> Completion {
        let cursor = before.count
        let start = Self.wordStart(before, separators: " \t")
        let word = String(String.UnicodeScalarView(before[start...]))
        let words = String(String.UnicodeScalarView(before[..<start])).split(whereSeparator: \.isWhitespace).map(String.init)
        guard let name = words.first else {
            return Completion(replacement: start..<cursor, candidates: Self.matching(word, in: Array(vocabulary.commands.keys)))
        }
        let candidates: [String]
        switch vocabulary.commands[name] ?? .none {
        case .none: candidates = []
        case .paths: candidates = completePath(word)
        case .reports: candidates = Self.matching(word, in: vocabulary.reportNames)
        case .helpTopics: candidates = words.count == 1 ? Self.matching(word, in: vocabulary.helpTopics) : []
        case .words(let first, let then):
            if words.count == 1 {
                candidates = Self.matching(word, in: first)
            } else if words.count == 2, let second = then[words[1]] {
                candidates = Self.matching(word, in: second)
            } else {
                candidates = []
            }
        }
        return Completion(replacement: start..<cursor, candidates: candidates)
    }

    /// Paths starting with `word`: the folder part kept, folders ending in `/`.
    func completePath(_ word: String) -> [String] {
        let folder: String
        let stem: String
        if let slash = word.lastIndex(of: "/") {
            folder = String(word[...slash])
            stem = String(word[word.index(after: slash)...])
        } else {
            folder = ""
            stem = word
        }
        let entries = vocabulary.listDirectory(folder).filter { stem.hasPrefix(".") || !$0.name.hasPrefix(".") }
        let names = entries.map { folder + $0.name + ($0.isDirectory ? "/" : "") }
        return Self.matching(word, in: names)
    }

    /// The offset of the quote that opens an unfinished string literal before the cursor, if any.
    func openQuote(_ before: [Unicode.Scalar]) -> Int? {
        var open: (Int, Unicode.Scalar)?
        for (i, s) in before.enumerated() {
            if let (_, q) = open {
                let close: Unicode.Scalar = q == "“" ? "”" : q
                if s == close { open = nil }
            } else if s == "\"" || s == "'" || s == "“" {
                open = (i, s)
            }
        }
        return open?.0
    }

    static let separators = Set(" \t\n|(),=<>!+*/[]\"'“”，".unicodeScalars)

    /// Where the word ending at the end of `before` starts.
    static func wordStart(_ before: [Unicode.Scalar], separators: String? = nil) -> Int {
        let set = separators.map { Set($0.unicodeScalars) } ?? Self.separators
        var i = before.count
        while i > 0, !set.contains(before[i - 1]) { i -= 1 }
        return i
    }

    /// The word before offset `end`, skipping spaces.
    static func previousWord(_ before: [Unicode.Scalar], endingBefore end: Int) -> String {
        var e = end
        while e > 0, before[e - 1] == " " || before[e - 1] == "\t" { e -= 1 }
        let s = wordStart(Array(before[..<e]))
        return String(String.UnicodeScalarView(before[s..<e]))
    }

    /// The candidates that start with `word` (ASCII case ignored), sorted, without repeats or empties.
    static func matching(_ word: String, in names: [String]) -> [String] {
        let lower = word.lowercased()
        var seen = Set<String>()
        return names.filter { !$0.isEmpty && $0 != word && $0.lowercased().hasPrefix(lower) && seen.insert($0).inserted }.sorted()
    }
}
