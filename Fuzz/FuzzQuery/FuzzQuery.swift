// libFuzzer target FuzzQuery: what it does is FuzzEntry.targets["FuzzQuery"] (Sources/FiscalFuzz).
// Built with -DFUZZING and --sanitize fuzzer it is a fuzzer; built plainly it replays the
// files named on its command line (crash inputs, corpora). See Fuzz/README.md.
import FiscalFuzz

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 { FuzzEntry.fuzz("FuzzQuery", data, size) }
#else
@main
enum Replay {
    static func main() {
        FuzzEntry.replayMain("FuzzQuery")
    }
}
#endif
