import FiscalModel
import Testing

@Suite("IDColumn: dictionary ids as narrow as their dictionary allows")
struct IDColumnTests {
    @Test("narrowest picks 8 bits to id 127, 16 to 32,767, else 32, and reads every id back (-1 too)",
          arguments: [(127, 1), (128, 2), (32_767, 2), (32_768, 4), (2_000_000, 4)])
    func widths(high: Int32, bytes: Int) {
        let ids: [Int32] = [-1, 0, high, 5, high - 1, -1]
        let column = IDColumn(narrowest: ids)
        #expect(column.byteCount == bytes * ids.count)
        #expect(Array(column) == ids)
        #expect(column.int32 == ids)
    }

    @Test("the width a dictionary needs: 1 byte to 128 values, 2 to 32,768, else 4",
          arguments: [(0, 1), (128, 1), (129, 2), (32_768, 2), (32_769, 4)])
    func byDictionary(count: Int, bytes: Int) {
        #expect(IDColumn.width(forDictionaryOf: count) == bytes)
        // The largest id such a dictionary has fits the width narrowest picks for it.
        if count > 0 { #expect(IDColumn(narrowest: [-1, Int32(count - 1)]).byteCount == 2 * bytes) }
    }

    @Test("gathering keeps the width; a copy does not share storage, the column itself does")
    func gatherAndShare() {
        let column = IDColumn(narrowest: [3, 200, -1, 7])
        let picked = column.gathered([3, 1, 1, 2])
        #expect(Array(picked) == [7, 200, 200, -1] && picked.byteCount == 8)
        #expect(column.sharesStorage(with: column))
        #expect(!column.sharesStorage(with: IDColumn(narrowest: [3, 200, -1, 7])))
        #expect(!column.sharesStorage(with: IDColumn(column.int32)))
    }

    @Test("withUnsafeIDs hands over the ids in the type they are held in")
    func heldType() {
        func width<T: FixedWidthInteger>(_ b: UnsafeBufferPointer<T>) -> Int { T.bitWidth * 1000 + b.count }
        #expect(IDColumn(narrowest: [1, 2]).withUnsafeIDs(width, width, width) == 8002)
        #expect(IDColumn(narrowest: [1, 300, 2]).withUnsafeIDs(width, width, width) == 16003)
        #expect(IDColumn([1]).withUnsafeIDs(width, width, width) == 32001)
    }
}
