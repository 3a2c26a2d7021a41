// libFuzzer target FuzzJSON: what it does is FuzzEntry.targets["FuzzJSON"] (Sources/FiscalFuzz).
// Built with -DFUZZING and --sanitize fuzzer it is a fuzzer; built plainly it replays the
// files named on its command line (crash inputs, corpora). See Fuzz/README.md.
import FiscalFuzz

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 { FuzzEntry.fuzz("FuzzJSON", data, size) }
#else
@main
enum Replay {
    static func main() {
        // `FuzzJSON --model FILE…`: print the JSON model of each file (seeds for this target).
        if CommandLine.arguments.dropFirst().first == "--model" {
            for path in CommandLine.arguments.dropFirst(2) { if let text = FuzzEntry.modelJSON(ofFile: path) { print(text) } }
            return
        }
        FuzzEntry.replayMain("FuzzJSON")
    }
}
#endif
