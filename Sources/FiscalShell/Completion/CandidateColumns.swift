#if canImport(Glibc)
import Glibc
#endif

/// Lays completion candidates out in columns that line up with Chinese text (by display width).
public enum CandidateColumns {
    /// The candidates in as many columns as fit `width`, filled down then across.
    public static func layout(_ candidates: [String], width: Int) -> String {
        guard !candidates.isEmpty else { return "" }
        let cell = (candidates.map { DisplayWidth.of($0) }.max() ?? 0) + 2
        let columns = max(1, min(candidates.count, width / max(cell, 1)))
        let rows = (candidates.count + columns - 1) / columns
        var out = ""
        for r in 0..<rows {
            var line = ""
            for c in 0..<columns {
                let i = c * rows + r
                guard i < candidates.count else { break }
                let text = candidates[i]
                let isLast = c == columns - 1 || (c + 1) * rows + r >= candidates.count
                line += text + (isLast ? "" : String(repeating: " ", count: cell - DisplayWidth.of(text)))
            }
            out += line + "\n"
        }
        return out
    }
}

/// Lists folders for path completion.
public enum FolderListing {
    /// The entries of `folder` (`""` for the current folder).
    @Sendable public static func list(_ folder: String) -> [DirectoryEntry] {
        let path = folder.isEmpty ? "." : folder
        guard let d = opendir(path) else { return [] }
        defer { closedir(d) }
        var entries: [DirectoryEntry] = []
        while let entry = readdir(d) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            var st = stat()
            let full = (path.hasSuffix("/") ? path : path + "/") + name
            let isDirectory = stat(full, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
            entries.append(DirectoryEntry(name: name, isDirectory: isDirectory))
        }
        return entries
    }
}
