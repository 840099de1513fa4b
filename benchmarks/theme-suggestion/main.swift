// Times theme suggestion (TextClusters) over 10,000 answers of two or three sentences each, drawn
// at random from the Spanish part of the labelled sample, into eight groups. Built with the
// optimiser, as a release build is, and with the clustering source itself:
//   swiftc -O Sources/KanssaCore/Statistics/TextClusters.swift benchmarks/theme-suggestion/main.swift -o /tmp/theme-suggestion
//   /usr/bin/time -v /tmp/theme-suggestion
import Foundation

let sample = try String(contentsOfFile: "Tests/KanssaCoreTests/Samples/labelled-answers.tsv", encoding: .utf8)
let spanish = sample.split(separator: "\n").filter { $0.hasPrefix("es\t") }.map { String($0.split(separator: "\t")[2]) }
var random = SplitMix(seed: 7)
let texts = (0..<10_000).map { _ in (0..<(2 + random.below(2))).map { _ in spanish[random.below(spanish.count)] }.joined(separator: ". ") }
let started = Date()
let outcome = TextClusters.cluster(texts, count: 8)
let seconds = Date().timeIntervalSince(started)
print("theme suggestion: \(texts.count) answers of \(texts.map(\.count).reduce(0, +) / texts.count) characters on average, "
      + "\(outcome.clusters.count) groups, \(String(format: "%.2f", seconds)) s")
