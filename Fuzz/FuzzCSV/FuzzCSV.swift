// libFuzzer target FuzzCSV: see docs/RELIABILITY.md and Fuzz/README.md.
// Built with -DFUZZING and --sanitize fuzzer it is a fuzzer; built plainly it replays the
// files named on its command line (crash inputs, corpora) through the same entry.
import FiscalFuzz

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    FuzzEntry.targets["FuzzCSV"]!(bytes)
    return 0
}
#else
@main
enum Replay {
    static func main() {
        let n = FuzzEntry.replay(CommandLine.arguments.dropFirst(), FuzzEntry.targets["FuzzCSV"]!)
        print("FuzzCSV: \(n) input\(n == 1 ? "" : "s") ran")
    }
}
#endif
