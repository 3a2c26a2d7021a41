// libFuzzer target FuzzJSON: see docs/RELIABILITY.md and Fuzz/README.md.
// Built with -DFUZZING and --sanitize fuzzer it is a fuzzer; built plainly it replays the
// files named on its command line (crash inputs, corpora) through the same entry.
import FiscalFuzz

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    FuzzEntry.targets["FuzzJSON"]!(bytes)
    return 0
}
#else
@main
enum Replay {
    static func main() {
        // `FuzzJSON --model FILE…`: print the JSON model of each file (seeds for this target).
        if CommandLine.arguments.dropFirst().first == "--model" {
            for path in CommandLine.arguments.dropFirst(2) { if let text = FuzzEntry.modelJSON(ofFile: path) { print(text) } }
            return
        }
        let n = FuzzEntry.replay(CommandLine.arguments.dropFirst(), FuzzEntry.targets["FuzzJSON"]!)
        print("FuzzJSON: \(n) input\(n == 1 ? "" : "s") ran")
    }
}
#endif
