import FiscalModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few file-system calls the registry needs.
public enum FileSystem {
    /// The most fiscal reads from a stream or device (256 MiB): an endless one such as
    /// `/dev/zero` is refused after that many bytes.
    public static let maximumFileSize = 256 << 20
    /// The largest regular file fiscal reads (16 GiB): a canonical CSV of ten million facts is
    /// over a gigabyte, and its size is known before reading.
    public static let maximumRegularFileSize = 16 << 30

    /// The whole content of a file: a regular file of at most ``maximumRegularFileSize`` bytes
    /// (read at once into a buffer of its size), anything else at most `limit` bytes.
    public static func read(_ path: String, limit: Int = maximumFileSize) throws(LoadError) -> [UInt8] {
        if isDirectory(path) { throw .unreadable(file: path, reason: Message(.loadIsFolder)) }
        guard let f = fopen(path, "rb") else {
            throw .unreadable(file: path, reason: LoadError.reason(errno: errno))
        }
        defer { fclose(f) }
        var st = stat()
        if limit == maximumFileSize, fstat(fileno(f), &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, st.st_size > 65536 {
            let size = Int(st.st_size)
            guard size <= maximumRegularFileSize else {
                throw .unreadable(file: path, reason: Message(.loadTooLarge, maximumRegularFileSize >> 20))
            }
            var failed = false
            var bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
                count = fread(buffer.baseAddress, 1, size, f)
                failed = count < size && ferror(f) != 0
            }
            if failed { throw .unreadable(file: path, reason: LoadError.reason(errno: errno)) }
            // A file that grew while it was read: the rest, as for a stream.
            if bytes.count == size { try readRest(f, path, into: &bytes, limit: maximumRegularFileSize) }
            return bytes
        }
        var bytes: [UInt8] = []
        try readRest(f, path, into: &bytes, limit: limit)
        return bytes
    }

    private static func readRest(_ f: UnsafeMutablePointer<FILE>, _ path: String, into bytes: inout [UInt8], limit: Int) throws(LoadError) {
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = fread(&buffer, 1, buffer.count, f)
            if n > 0 { bytes.append(contentsOf: buffer[0..<n]) }
            if bytes.count > limit {
                throw .unreadable(file: path, reason: Message(.loadTooLarge, limit >> 20))
            }
            if n < buffer.count {
                if ferror(f) != 0 { throw .unreadable(file: path, reason: LoadError.reason(errno: errno)) }
                break
            }
        }
    }

    /// The first `count` bytes of `path` when it is a regular file of more than `size` bytes;
    /// `nil` otherwise (a small file, a stream, a device, a file that cannot be opened).
    public static func prefix(ofRegularFile path: String, count: Int, ifLargerThan size: Int) -> [UInt8]? {
        // The path is looked at before it is opened: opening a named pipe waits for its writer,
        // and closing it again after a peek would throw away what the writer sent (the whole
        // read that follows would then wait for ever for a second writer).
        var st = stat()
        guard stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, st.st_size > size else { return nil }
        guard let f = fopen(path, "rb") else { return nil }
        defer { fclose(f) }
        guard fstat(fileno(f), &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, st.st_size > size else { return nil }
        var bytes = [UInt8](repeating: 0, count: count)
        let n = fread(&bytes, 1, count, f)
        bytes.removeLast(count - n)
        return bytes
    }

    /// Whether `path` is a folder.
    public static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    /// Whether `path` exists.
    public static func exists(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0
    }

    /// The regular files directly in a folder (not hidden ones), sorted by name.
    public static func listFiles(_ dir: String) throws(LoadError) -> [String] {
        guard let d = opendir(dir) else {
            throw .unreadable(file: dir, reason: LoadError.reason(errno: errno))
        }
        defer { closedir(d) }
        var names: [String] = []
        while let entry = readdir(d) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name.hasPrefix(".") { continue }
            let full = dir.hasSuffix("/") ? dir + name : dir + "/" + name
            if !isDirectory(full) { names.append(full) }
        }
        return names.sorted()
    }
}
