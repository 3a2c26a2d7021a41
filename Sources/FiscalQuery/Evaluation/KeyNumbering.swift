/// Numbers keys in the order of first use, remembering the last key so that a run of equal keys
/// (facts of one context, one after another) costs a comparison, not a hash lookup.
struct KeyNumbering<Key: Hashable> {
    /// The keys, numbered by their index.
    private(set) var keys: [Key] = []
    private var known: [Key: Int32] = [:]
    private var lastKey: Key?
    private var lastID: Int32 = 0

    /// The number of `key`, given the next free one if it is new.
    mutating func id(_ key: Key) -> Int32 {
        if key == lastKey { return lastID }
        if let id = known[key] {
            lastID = id
        } else {
            lastID = Int32(keys.count)
            known[key] = lastID
            keys.append(key)
        }
        lastKey = key
        return lastID
    }
}
