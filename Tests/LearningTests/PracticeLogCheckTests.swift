import Foundation
import KanssaCore
@testable import Learning
import Testing

/// The practice catalogue and the checks on an entry, without a database.
@Suite struct PracticeLogCheckTests {
    static let zone = TimeZone(identifier: "Europe/Helsinki")!
    /// 28 May 2026, 23:26 in Helsinki.
    static let now = Date(timeIntervalSince1970: 1_780_000_000)

    @Test func everyStandardToolHasItsOwnKeyAndTextInEveryLanguage() {
        #expect(Set(StandardTools.keys).count == StandardTools.keys.count)
        for language in ["en", "fi"] {
            let tools = StandardTools.all(in: language)
            #expect(tools.count == StandardTools.keys.count)
            #expect(Set(tools.map(\.name)).count == tools.count)
            #expect(tools.allSatisfy { !$0.description.isEmpty && $0.organisationID == nil })
        }
        #expect(StandardTools.all(in: "fi").first?.name == "Agendakeskustelu")
        // A language without texts gets English.
        #expect(StandardTools.all(in: "sv").first?.name == "The agenda conversation")
    }

    @Test func anEntryNeedsAToolADayThatHasComeWithWhomAndWhatHappened() throws {
        let tools = StandardTools.all(in: "en")
        let complete = ["tool": "strengths-mapping", "used-on": "2026-05-28", "with-whom": "a man on licence",
                        "what-happened": "He listed\nwhat he is good at", "what-learned": "  "]
        let draft = try PracticeLog.check(complete, tools: tools, timeZone: Self.zone, now: Self.now).get()
        #expect(draft.tool == "strengths-mapping" && draft.whatLearned.isEmpty && draft.whatHappened.contains("\n"))
        // The start of the day in Helsinki: 27 May 21:00 UTC.
        #expect(draft.usedOn == ISO8601DateFormatter().date(from: "2026-05-27T21:00:00Z"))

        var wrong = complete
        wrong["tool"] = "made-up"
        wrong["used-on"] = "2026-05-29"  // tomorrow
        wrong["with-whom"] = String(repeating: "x", count: 201)
        wrong["what-happened"] = ""
        wrong["what-learned"] = String(repeating: "y", count: 2001)
        guard case .failure(let list) = PracticeLog.check(wrong, tools: tools, timeZone: Self.zone, now: Self.now) else {
            Issue.record("accepted")
            return
        }
        #expect(list.problems == [.tool, .usedOn, .withWhom, .whatHappened, .whatLearned])
        wrong = complete
        wrong["used-on"] = "2024-05-01"  // more than two years ago
        #expect((try? PracticeLog.check(wrong, tools: tools, timeZone: Self.zone, now: Self.now).get()) == nil)
    }

    @Test func aSetupNeedsFourToSevenMembersAndAFacilitatorOutsideThem() throws {
        let people = (0..<9).map { ActionLearningSets.Candidate(id: UUID(), name: "P\($0)", mayBeMember: $0 < 8) }
        let fields = ["name": "Set", "facilitator": people[8].id.uuidString, "first": "2026-06-04", "time": "9:05", "weeks": "2",
                      "count": "2", "place": "Room"]
        func check(_ members: [ActionLearningSets.Candidate], _ changed: [String: String] = [:]) -> Result<ActionLearningSets.Setup, ProblemList<ActionLearningSets.SetupProblem>> {
            ActionLearningSets.checkSetup(fields.merging(changed) { $1 }, members: members.map(\.id.uuidString), candidates: people,
                                          timeZone: Self.zone, now: Self.now)
        }
        let setup = try check(Array(people.prefix(4))).get()
        let iso = ISO8601DateFormatter()
        #expect(setup.meetings.map { iso.string(from: $0) } == ["2026-06-04T06:05:00Z", "2026-06-18T06:05:00Z"])
        #expect((try? check(Array(people.prefix(3))).get()) == nil)
        #expect((try? check(Array(people.prefix(8))).get()) == nil)
        // The facilitator (who may not be a member anyway) and a repeated member are refused.
        #expect((try? check(Array(people.prefix(4)) + [people[8]]).get()) == nil)
        #expect((try? check(Array(people.prefix(4)) + [people[0]]).get()) == nil)
        // A member who is not a professional of the organisation.
        #expect((try? check(Array(people.prefix(3)) + [ActionLearningSets.Candidate(id: UUID(), name: "X", mayBeMember: true)]).get()) == nil)
        for time in ["24:00", "9", "09:5", "ab:cd", ""] { #expect((try? check(Array(people.prefix(4)), ["time": time]).get()) == nil, "\(time)") }
        // The first meeting today is allowed; yesterday is not.
        #expect((try? check(Array(people.prefix(4)), ["first": "2026-05-28"]).get()) != nil)
        #expect((try? check(Array(people.prefix(4)), ["first": "2026-05-27"]).get()) == nil)
    }
}
