/// Counts shown to the public never single anyone out (DESIGN.md §4 rule 4): a count from 1 to 4
/// is not shown, and when the total is shown beside the counts, a second count is held back too
/// wherever the one held back could be worked out by subtraction.
public enum SmallCells {
    /// The counts, each nil where it is held back. Zero says nobody and is shown.
    public static func suppress(_ counts: [Int], totalShown: Bool) -> [Int?] {
        var shown: [Int?] = counts.map { (1..<GroupFigures.smallestGroup).contains($0) ? nil : $0 }
        let held = shown.indices.filter { shown[$0] == nil }
        // One held back beside a total: the total minus the others gives it. Hold back the
        // smallest count that is not zero as well.
        if totalShown, held.count == 1,
           let second = shown.indices.filter({ shown[$0] != nil && counts[$0] > 0 }).min(by: { counts[$0] < counts[$1] }) {
            shown[second] = nil
        }
        return shown
    }
}
