import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Work spread over the machine's cores: loading splits a file into chunks, queries split
/// columns into row ranges, and each part runs on its own thread.
public enum Parallel {
    /// How many threads work at once; `FISCAL_THREADS` in the environment overrides the core count
    /// (the benchmarks compare 1 thread with all of them).
    public static let threadCount: Int = {
        if let text = getenv("FISCAL_THREADS").map({ String(cString: $0) }), let n = Int(text), n >= 1 { return n }
        return max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
    }()

    /// `body(i)` for each `i` in `0..<count`, on all cores, results in index order. With one
    /// part or one thread it runs on the calling thread.
    public static func map<T>(_ count: Int, threads: Int = Parallel.threadCount, _ body: (Int) -> T) -> [T] {
        if count == 0 { return [] }
        if count == 1 || threads <= 1 { return (0..<count).map(body) }
        let slots = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        slots.initialize(repeating: nil)
        // The slots hold copies of the results: deinitialize them, or every value a worker built
        // (a CSV chunk's facts) is never released (found by Fuzz/leakcheck.sh).
        defer { slots.deinitialize(); slots.deallocate() }
        withoutActuallyEscaping(body) { body in
            let work = Unchecked((body, slots))
            DispatchQueue.concurrentPerform(iterations: count) { i in
                work.value.1[i] = work.value.0(i)
            }
        }
        return slots.map { $0! }
    }

    /// The ranges `0..<count` splits into for `parts` workers, each at least `minimum` long
    /// (fewer ranges for small counts; none for zero).
    public static func ranges(_ count: Int, minimum: Int = 65_536, parts: Int = Parallel.threadCount * 4) -> [Range<Int>] {
        guard count > 0 else { return [] }
        let n = max(1, min(parts, count / max(1, minimum)))
        return (0..<n).map { i in (count * i / n)..<(count * (i + 1) / n) }
    }
}

/// A value handed to threads that only read it, or write disjoint parts of it.
struct Unchecked<T>: @unchecked Sendable {
    var value: T
    init(_ value: T) { self.value = value }
}

/// A mutual-exclusion lock (a pthread mutex) for the little state threads share.
public final class Lock: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)

    public init() { pthread_mutex_init(mutex, nil) }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// `body` with the lock held.
    public func withLock<T>(_ body: () throws -> T) rethrows -> T {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }
}
