/// A small deterministic random number generator (SplitMix64) for property and fuzz tests:
/// the same seed gives the same inputs on every machine, so a failure can be replayed.
public struct SplitMix: RandomNumberGenerator {
    public var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension SplitMix {
    /// A text of at most `maxPieces` pieces drawn from `alphabet` (words, marks, scalars that
    /// combine): the random input of the tests that hold a fast reading to its definition.
    public mutating func text(from alphabet: [String], maxPieces: Int) -> String {
        (0..<Int.random(in: 0...maxPieces, using: &self)).map { _ in alphabet.randomElement(using: &self)! }.joined()
    }
}
