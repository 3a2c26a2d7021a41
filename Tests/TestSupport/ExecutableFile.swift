import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension String {
    /// Writes the text to an executable file (mode 755) through a close-on-exec descriptor.
    ///
    /// Tests run in parallel threads of one process. A file written through an inheritable
    /// descriptor (as `String.write(toFile:atomically:)` does) stays open for writing in
    /// every process another thread starts meanwhile, for as long as that process lives, and
    /// running the file then fails with "text file busy" (ETXTBSY).
    public func writeExecutable(to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
        guard fd >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
        let bytes = Array(utf8)
        let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        close(fd)
        guard written == bytes.count else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
        // The mode given to open() is filtered by the umask; make it executable regardless.
        guard chmod(path, 0o755) == 0 else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path]) }
    }
}
