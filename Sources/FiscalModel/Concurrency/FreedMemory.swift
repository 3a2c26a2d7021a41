#if os(Linux)
/// glibc's malloc_trim (declared in malloc.h, which the Glibc module does not export).
@_silgen_name("malloc_trim")
private func mallocTrim(_ pad: Int) -> Int32
#endif

/// Giving freed memory back to the system.
///
/// The allocator keeps freed blocks in its arenas for reuse, and counts them in the process's
/// resident memory until it does. A load frees its reader's many small blocks, and a query over
/// millions of facts frees arrays of a few bytes a fact; the next large array cannot reuse such
/// holes, so without this the resident memory of a session grows with what earlier steps freed
/// (10M facts: 70 bytes a fact after the benchmark's queries instead of about 57).
public enum FreedMemory {
    /// Returns the free memory of every arena to the system (a few milliseconds at most; call it
    /// after a step that freed a lot, not in a loop).
    public static func release() {
        #if os(Linux)
        _ = mallocTrim(0)
        #endif
    }
}
