import Foundation
import KanssaCore
import Testing

/// Instruments as data: the shipped files, scoring with reversed items and missing answers
/// (expected values worked out by hand), and broken files refused line by line.
@Suite struct InstrumentTests {
    static let small = """
        format: kanssa-instrument/1
        id: small
        version: 2
        languages: [en]
        title: {en: Small}
        licence: test
        scales:
          five:
            points: 5
            labels: {en: [one, two, three, four, five]}
          seven:
            points: 7
            labels: {en: [a, b, c, d, e, f, g]}
        subscales:
          calm:
            name: {en: Calm}
            scoring: mean
            minimum-answered: 2
          open:
            name: {en: Open}
            scoring: sum
            minimum-answered: 3
        items:
          - {id: c1, subscale: calm, scale: five, text: {en: One}}
          - {id: c2, subscale: calm, scale: five, reversed: true, text: {en: Two}}
          - {id: c3, subscale: calm, scale: five, text: {en: Three}}
          - {id: o1, subscale: open, scale: seven, text: {en: Four}}
          - {id: o2, subscale: open, scale: seven, reversed: true, text: {en: Five}}
          - {id: o3, subscale: open, scale: seven, text: {en: Six}}
          - {id: o4, subscale: open, scale: seven, text: {en: Seven}}
        """

    static func instrument(_ text: String = small) throws -> Instrument {
        try InstrumentFile.parse(text).get()
    }

    @Test func theShippedInstrumentsAreWhole() throws {
        let shipped = try Instruments.bundled()
        let mindset = try #require(shipped["co-creation-mindset"])
        #expect(mindset.subscales.map(\.id) == ["whole-person", "citizens-agenda", "strengths", "sharing-decisions", "learning"])
        for subscale in mindset.subscales {
            #expect(mindset.items(in: subscale).count == 4, "\(subscale.id)")
            #expect(mindset.items(in: subscale).filter(\.reversed).count == 1, "\(subscale.id)")
            #expect(subscale.prompt?["fi"] != nil)
        }
        #expect(mindset.items.allSatisfy { $0.text.keys.sorted() == ["en", "fi"] })
        let encounter = try #require(shipped["encounter-reflection"])
        #expect(encounter.subscales.map(\.id) == ["being-present", "listening"])
        #expect(encounter.items.first?.easyRead?["en"] == "I look at the person, not at my screen.")
    }

    @Test func reversedItemsCountTheOtherWayAndMeansTakeWhatWasAnswered() throws {
        let instrument = try Self.instrument()
        // calm: 4, 2 reversed on five points = 4, 5 → (4 + 4 + 5) / 3
        // open: 7, 1 reversed on seven points = 7, 4, 3 → 21
        let all = instrument.score(["c1": 4, "c2": 2, "c3": 5, "o1": 7, "o2": 1, "o3": 4, "o4": 3])
        #expect(all.map(\.subscale) == ["calm", "open"])
        #expect(abs((all[0].value ?? 0) - 13.0 / 3.0) < 1e-12)
        #expect(all[1].value == 21)
        // calm without c3: (4 + 4) / 2 = 4; open without o4: mean of 7, 7, 4 = 6, times 4 items = 24 (prorated).
        let some = instrument.score(["c1": 4, "c2": 2, "o1": 7, "o2": 1, "o3": 4])
        #expect(some[0].value == 4 && some[0].answered == 2 && some[0].items == 3)
        #expect(some[1].value == 24)
        // Below the minimum: no score at all, not a low one.
        let few = instrument.score(["c1": 5, "o1": 7, "o2": 7])
        #expect(few.map(\.value) == [nil, nil])
        #expect(instrument.score([:]).map(\.answered) == [0, 0])
    }

    @Test func answersOutsideTheInstrumentAreRefused() throws {
        let instrument = try Self.instrument()
        #expect(instrument.check(["c1": 5, "o1": 7]) == .success(["c1": 5, "o1": 7]))
        #expect(instrument.check(["c1": 6, "o1": 0, "x9": 3]) == .failure(ProblemList([
            .outOfScale(item: "c1"), .outOfScale(item: "o1"), .unknownItem("x9"),
        ])))
    }

    func problems(_ text: String) -> [InstrumentFile.Problem] {
        guard case .failure(let problems) = InstrumentFile.parse(text) else { return [] }
        return problems.problems
    }

    @Test func aFileThatIsNotYAMLIsRefusedAtItsLine() {
        let broken = Self.small.replacingOccurrences(of: "title: {en: Small}", with: "title: {en: Small")
        let found = problems(broken)
        #expect(found.count == 1 && found[0].kind == .notYAML)
        #expect(found[0].line == 6 || found[0].line == 7)
        #expect(problems("").map(\.kind) == [.empty])
    }

    @Test func everyProblemOfABrokenFileIsNamedWithItsLine() {
        var lines = Self.small.components(separatedBy: "\n")
        lines[0] = "format: kanssa-instrument/9"                                              // line 1
        lines[12] = "    labels: {en: [a, b, c, d, e, f]}"                                    // line 13: six labels, seven points
        lines[20] = "    scoring: median"                                                    // line 21
        lines[24] = "  - {id: c2, subscale: calm, scale: five, reverse: true, text: {en: Two}}"  // line 25: a typo
        lines[25] = "  - {id: c3, subscale: clam, scale: five, text: {en: Three}}"            // line 26: no such subscale
        lines[26] = "  - {id: o1, subscale: open, scale: nine, text: {}}"                     // line 27: no such scale, no English
        lines[27] = "  - {id: o1, subscale: open, scale: seven, text: {en: Five}}"            // line 28: o1 twice
        let found = problems(lines.joined(separator: "\n"))
        let expected: [InstrumentFile.Problem] = [
            .init(line: 1, kind: .wrongFormat("kanssa-instrument/9")),
            .init(line: 13, kind: .labelCount(scale: "seven", language: "en", expected: 7)),
            .init(line: 25, kind: .unknownKey("reverse")),
            .init(line: 27, kind: .missingLanguage(key: "text", language: "en")),
            .init(line: 27, kind: .unknownScale(item: "o1", scale: "nine")),
            .init(line: 28, kind: .duplicateID("o1")),
            .init(line: 21, kind: .badScoring("median")),
            // What follows from the two o1 lines: "open" keeps two items, fewer than its minimum of three.
            .init(line: 22, kind: .badMinimum(subscale: "open", items: 2)),
            .init(line: 26, kind: .unknownSubscale(item: "c3", subscale: "clam")),
        ]
        #expect(found == expected)
        #expect(found[4].explanation == "Line 27: the item “o1” names the scale “nine”, which the file does not define.")
    }

    @Test func missingPartsAndEmptySubscalesAreNamed() {
        let text = """
            format: kanssa-instrument/1
            id: Not An Id
            languages: [en, english]
            title: {en: T}
            licence: test
            scales: {five: {points: 12, labels: {en: []}}}
            subscales:
              lonely: {name: {en: Lonely}, scoring: mean}
            items: []
            """
        let kinds = problems(text).map(\.kind)
        #expect(kinds.contains(.badID("Not An Id")))
        #expect(kinds.contains(.missing(key: "version")))
        #expect(kinds.contains(.badLanguage("english")))
        #expect(kinds.contains(.badPoints(scale: "five")))
        #expect(kinds.contains(.emptySubscale("lonely")))
    }
}
