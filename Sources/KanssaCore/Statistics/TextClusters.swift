import Foundation

/// Groups short texts by what they say, in any language and with no stemmer or word list:
/// each text becomes a TF-IDF vector of the character n-grams (4 to 6 letters) inside its words,
/// and the vectors are clustered by spherical k-means (cosine similarity), started k-means++
/// style from a fixed seed so that the same texts always give the same groups. A group is told
/// apart by the words found in a larger share of its texts than of the others.
///
/// Texts in different languages share few n-grams and fall apart by language first: callers
/// cluster each language's texts on their own.
public enum TextClusters {
    public struct Cluster: Sendable, Equatable {
        /// Indices of the texts in the group, the most typical first.
        public let members: [Int]
        /// Words found in a larger share of the group's texts than of the others, most telling first.
        public let words: [String]
    }

    public struct Outcome: Sendable, Equatable {
        public let clusters: [Cluster]
        /// Texts that share nothing with the others (too short, or words nobody else used).
        public let leftOut: [Int]
    }

    public static let gramLengths = 4...6
    static let longestRun = 40

    /// Clusters the texts into at most `count` groups. `progress` hears the share done, 0 to 1.
    public static func cluster(
        _ texts: [String], count: Int, seed: UInt64 = 0x4B61_6E73_7361, progress: (Double) -> Void = { _ in }
    ) -> Outcome {
        let words = texts.map(Self.words)
        let vectors = Vectors(words: words)
        let usable = vectors.rows.indices.filter { !vectors.rows[$0].isEmpty }
        let k = min(max(count, 1), usable.count)
        guard k > 0 else { return Outcome(clusters: [], leftOut: Array(texts.indices)) }
        var random = SplitMix(seed: seed)
        // Short texts leave many groupings nearly as good: a small set is tried from many starts,
        // a large one from a few, so that the work stays about the same.
        let restarts = max(3, min(30, 30_000 / usable.count))
        var best: (assignment: [Int], centroids: [Float], score: Float)?
        for restart in 0..<restarts {
            let run = kMeans(vectors, usable: usable, k: k, random: &random) { step in
                progress((Double(restart) + step) / Double(restarts))
            }
            if best == nil || run.score > best!.score { best = run }
        }
        progress(1)
        let (assignment, centroids, _) = best!
        var members = Array(repeating: [(index: Int, similarity: Float)](), count: k)
        for (position, index) in usable.enumerated() {
            let cluster = assignment[position]
            members[cluster].append((index, vectors.dot(index, centroids, cluster)))
        }
        let groups = members.filter { !$0.isEmpty }.map { group in
            group.sorted { $0.similarity != $1.similarity ? $0.similarity > $1.similarity : $0.index < $1.index }.map(\.index)
        }
        let clusters = groups.map { Cluster(members: $0, words: telling(words: words, group: $0, among: usable)) }
            .sorted { $0.members.count != $1.members.count ? $0.members.count > $1.members.count : $0.members[0] < $1.members[0] }
        let used = Set(usable)
        return Outcome(clusters: clusters, leftOut: texts.indices.filter { !used.contains($0) })
    }

    /// The text's words: runs of letters and digits, lower-cased.
    static func words(_ text: String) -> [String] {
        text.lowercased().split { character in !(character.isLetter || character.isNumber) }.map(String.init)
    }

    // MARK: - Vectors

    /// Each text's TF-IDF vector over the n-grams found in at least two texts, of unit length,
    /// kept sparse: column numbers ascending, with their weights. An n-gram is known by a 64-bit
    /// hash of its letters rather than by a string of its own: the same groups, a fifth of the time.
    struct Vectors {
        var rows: [[(column: Int32, weight: Float)]]
        let columns: Int

        init(words: [[String]]) {
            var vocabulary: [UInt64: Int32] = [:]
            var counts: [[Int32: Float]] = []
            counts.reserveCapacity(words.count)
            var letters: [UInt32] = []
            for text in words {
                var count: [Int32: Float] = [:]
                for word in text {
                    letters.removeAll(keepingCapacity: true)
                    letters.append(32)
                    letters.append(contentsOf: word.unicodeScalars.map(\.value))
                    letters.append(32)
                    for length in TextClusters.gramLengths where letters.count >= length {
                        for start in 0...(letters.count - length) {
                            var hash: UInt64 = 0xCBF2_9CE4_8422_2325 ^ UInt64(length)  // FNV-1a
                            for letter in letters[start..<(start + length)] { hash = (hash ^ UInt64(letter)) &* 0x0000_0100_0000_01B3 }
                            let next = Int32(vocabulary.count)
                            let column = vocabulary[hash, default: next]
                            if column == next { vocabulary[hash] = column }
                            count[column, default: 0] += 1
                        }
                    }
                }
                counts.append(count)
            }
            var documents = [Int](repeating: 0, count: vocabulary.count)
            for count in counts { for column in count.keys { documents[Int(column)] += 1 } }
            let total = Float(words.count)
            rows = counts.map { count in
                var row = count.compactMap { column, times -> (column: Int32, weight: Float)? in
                    let seen = documents[Int(column)]
                    guard seen >= 2 else { return nil }
                    return (column, (1 + logf(times)) * (logf((1 + total) / Float(1 + seen)) + 1))
                }
                row.sort { $0.column < $1.column }
                let length = row.reduce(Float(0)) { $0 + $1.weight * $1.weight }.squareRoot()
                return length > 0 ? row.map { ($0.column, $0.weight / length) } : []
            }
            columns = vocabulary.count
        }

        /// The row's dot product with the `cluster`th of centroids laid end to end.
        func dot(_ row: Int, _ centroids: [Float], _ cluster: Int) -> Float {
            let offset = cluster * columns
            return rows[row].withUnsafeBufferPointer { entries in
                centroids.withUnsafeBufferPointer { centroids in
                    var sum: Float = 0
                    for entry in entries { sum += entry.weight * centroids[offset + Int(entry.column)] }
                    return sum
                }
            }
        }

        /// Adds the row, dense, to the `cluster`th of centroids laid end to end.
        func add(_ row: Int, to centroids: inout [Float], _ cluster: Int) {
            let offset = cluster * columns
            centroids.withUnsafeMutableBufferPointer { centroids in
                for entry in rows[row] { centroids[offset + Int(entry.column)] += entry.weight }
            }
        }
    }

    // MARK: - Spherical k-means

    static func kMeans(
        _ vectors: Vectors, usable: [Int], k: Int, random: inout SplitMix, progress: (Double) -> Void
    ) -> (assignment: [Int], centroids: [Float], score: Float) {
        let columns = vectors.columns
        var centroids = seeds(vectors, usable: usable, k: k, random: &random)
        var assignment = [Int](repeating: -1, count: usable.count)
        var score: Float = 0
        for step in 0..<longestRun {
            var changed = false
            score = 0
            for (position, index) in usable.enumerated() {
                var (closest, similarity) = (0, -Float.infinity)
                for cluster in 0..<k {
                    let value = vectors.dot(index, centroids, cluster)
                    if value > similarity { (closest, similarity) = (cluster, value) }
                }
                score += similarity
                if assignment[position] != closest { assignment[position] = closest; changed = true }
            }
            progress(Double(step + 1) / Double(longestRun))
            if !changed { break }
            let previous = centroids
            centroids = [Float](repeating: 0, count: k * columns)
            var sizes = [Int](repeating: 0, count: k)
            for (position, index) in usable.enumerated() {
                sizes[assignment[position]] += 1
                vectors.add(index, to: &centroids, assignment[position])
            }
            for cluster in 0..<k {
                let range = (cluster * columns)..<((cluster + 1) * columns)
                if sizes[cluster] == 0 {
                    // An emptied group starts again from the text that fits its own group least.
                    let loneliest = usable.indices.min {
                        vectors.dot(usable[$0], previous, assignment[$0]) < vectors.dot(usable[$1], previous, assignment[$1])
                    }!
                    vectors.add(usable[loneliest], to: &centroids, cluster)
                } else {
                    let length = centroids[range].reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
                    if length > 0 { for column in range { centroids[column] /= length } }
                }
            }
        }
        return (assignment, centroids, score)
    }

    /// k-means++: each next seed is drawn with chances growing with its distance from the
    /// nearest seed so far, so that the seeds lie apart. The seeds, laid end to end.
    static func seeds(_ vectors: Vectors, usable: [Int], k: Int, random: inout SplitMix) -> [Float] {
        var seeds = [Float](repeating: 0, count: k * vectors.columns)
        vectors.add(usable[random.below(usable.count)], to: &seeds, 0)
        var nearest = usable.map { 1 - vectors.dot($0, seeds, 0) }
        for cluster in 1..<max(k, 1) {
            let weights = nearest.map { max($0, 0) * max($0, 0) }
            let total = weights.reduce(0, +)
            var pick = random.below(usable.count)
            if total > 0 {
                var target = Float(random.unit()) * total
                for (position, weight) in weights.enumerated() {
                    target -= weight
                    if target <= 0 { pick = position; break }
                }
            }
            vectors.add(usable[pick], to: &seeds, cluster)
            for position in usable.indices { nearest[position] = min(nearest[position], 1 - vectors.dot(usable[position], seeds, cluster)) }
        }
        return seeds
    }

    // MARK: - Telling words

    /// Words by how much larger a share of the group's texts than of the other texts holds
    /// them; only words in at least two of the group's texts (one for a group of one or two).
    static func telling(words: [[String]], group: [Int], among usable: [Int], count: Int = 5) -> [String] {
        let inGroup = Set(group)
        var inside: [String: Int] = [:], outside: [String: Int] = [:]
        for index in usable {
            for word in Set(words[index]) where word.unicodeScalars.count >= 3 {
                if inGroup.contains(index) { inside[word, default: 0] += 1 } else { outside[word, default: 0] += 1 }
            }
        }
        let size = Double(group.count), others = Double(max(usable.count - group.count, 1))
        let least = group.count > 2 ? 2 : 1
        struct Scored { let word: String; let lead: Double; let times: Int }
        var scored: [Scored] = []
        for (word, times) in inside where times >= least {
            let lead = Double(times) / size - Double(outside[word] ?? 0) / others
            if lead > 0 { scored.append(Scored(word: word, lead: lead, times: times)) }
        }
        scored.sort { a, b in
            if a.lead != b.lead { return a.lead > b.lead }
            if a.times != b.times { return a.times > b.times }
            return a.word < b.word
        }
        return scored.prefix(count).map(\.word)
    }
}

/// A small, fast, seeded random number generator (SplitMix64), so that clustering is repeatable
/// (and a test's walk the same on every run and machine).
public struct SplitMix: Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    public mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}

/// How well a grouping matches known labels: the adjusted Rand index (1 for the same grouping,
/// about 0 for chance) and purity (the share of texts in their group's most common label).
public enum ClusterAgreement {
    public static func adjustedRandIndex(_ found: [Int], _ labels: [Int]) -> Double {
        precondition(found.count == labels.count)
        func pairs(_ n: Int) -> Double { Double(n) * Double(n - 1) / 2 }
        var table: [[Int]: Int] = [:], rows: [Int: Int] = [:], columns: [Int: Int] = [:]
        for (cluster, label) in zip(found, labels) {
            table[[cluster, label], default: 0] += 1
            rows[cluster, default: 0] += 1
            columns[label, default: 0] += 1
        }
        let index = table.values.map(pairs).reduce(0, +)
        let rowPairs = rows.values.map(pairs).reduce(0, +), columnPairs = columns.values.map(pairs).reduce(0, +)
        let expected = rowPairs * columnPairs / pairs(found.count)
        let most = (rowPairs + columnPairs) / 2
        return most == expected ? 1 : (index - expected) / (most - expected)
    }

    public static func purity(_ found: [Int], _ labels: [Int]) -> Double {
        var table: [Int: [Int: Int]] = [:]
        for (cluster, label) in zip(found, labels) { table[cluster, default: [:]][label, default: 0] += 1 }
        let held = table.values.map { $0.values.max() ?? 0 }.reduce(0, +)
        return found.isEmpty ? 0 : Double(held) / Double(found.count)
    }
}
