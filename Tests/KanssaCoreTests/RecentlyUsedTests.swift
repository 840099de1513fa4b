import KanssaCore
import Testing

@Suite struct RecentlyUsedTests {
    @Test func aFullMapLetsTheLeastRecentlyUsedGoAndAnEighthMore() {
        var map = RecentlyUsed<Int, String>(capacity: 16)
        for key in 0..<16 { map.keep("\(key)", for: key) }
        // Used again: 0 is now the most recent, 1 the least.
        #expect(map.value(for: 0) == "0")
        map.keep("16", for: 16)
        // Seventeen is one over: that one and two more (an eighth of 16) go — 1, 2 and 3.
        #expect(map.count == 14)
        #expect(map.value(for: 0) == "0" && map.value(for: 16) == "16" && map.value(for: 4) == "4")
        #expect(map.value(for: 1) == nil && map.value(for: 2) == nil && map.value(for: 3) == nil)
    }

    @Test func aValueThatNoLongerHoldsIsNotGivenAndNothingIsKeptWithoutCapacity() {
        var map = RecentlyUsed<String, Int>(capacity: 2)
        map.keep(1, for: "revision")
        #expect(map.value(for: "revision", if: { $0 == 2 }) == nil)
        #expect(map.value(for: "revision", if: { $0 == 1 }) == 1)
        var none = RecentlyUsed<String, Int>(capacity: 0)
        none.keep(1, for: "revision")
        #expect(none.count == 0 && none.value(for: "revision") == nil)
    }

    @Test func valuesGoByWhatTheyAreOrAllAtOnce() {
        var map = RecentlyUsed<Int, String>(capacity: 8)
        for key in 0..<6 { map.keep(key.isMultiple(of: 2) ? "even" : "odd", for: key) }
        map.removeAll { $0 == "odd" }
        #expect(map.count == 3 && map.value(for: 1) == nil && map.value(for: 2) == "even")
        map.removeAll()
        #expect(map.count == 0)
    }
}
