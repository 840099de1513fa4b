import Foundation
import KanssaCore
@testable import Learning
import Testing

/// Opening a round and whom it asks, without a database.
@Suite struct RoundsTests {
    let now = Date(timeIntervalSince1970: 1_780_000_000)  // 2026-05-28
    let team = UUID()
    let organisation = UUID()

    func check(_ instrument: String = "co-creation-mindset", team: String = "", label: String = "Before the programme",
               closes: String = "2026-06-30") throws -> Result<Rounds.Opening, ProblemList<Rounds.OpeningProblem>> {
        Rounds.check(
            instrumentID: instrument, teamID: team, label: label, closes: closes, instruments: try Instruments.bundled(),
            teams: [self.team], timeZone: TimeZone(identifier: "Europe/Helsinki")!, now: now)
    }

    @Test func aCompleteFormOpensARoundUnderTheInstrumentsVersion() throws {
        let opening = try check(team: team.uuidString).get()
        #expect(opening.instrument.id == "co-creation-mindset" && opening.instrument.version == 1)
        #expect(opening.teamID == team && opening.label == "Before the programme")
        #expect(try check().get().teamID == nil, "no team: every professional of the organisation")
    }

    @Test func everyProblemIsNamed() throws {
        #expect(try check("made-up", team: UUID().uuidString, label: " ", closes: "2026-05-01")
            == .failure(ProblemList([.instrument, .team, .label, .closes])))
        #expect(try check(closes: "2027-12-31") == .failure(ProblemList([.closes])), "more than a year ahead")
        #expect(try check(closes: "2026-02-30") == .failure(ProblemList([.closes])))
    }

    @Test func aRoundAsksTheProfessionalsOfItsGroupOnly() {
        let round = AssessmentRound(organisationID: organisation, teamID: team, instrument: "x", version: 1, label: "l",
                                    openedByID: UUID(), openedAt: now, closesAt: now)
        func person(_ role: Role, teams: Set<UUID> = []) -> Principal {
            Principal(accountID: UUID(), displayName: "p", language: "en",
                      memberships: [MembershipGrant(organisationID: organisation, organisationName: "o", role: role)], teamIDs: teams)
        }
        func asks(_ round: AssessmentRound, _ principal: Principal) -> Bool {
            Policy.decide(.answerRound(organisation: round.organisationID, team: round.teamID), for: principal).isAllowed
        }
        #expect(asks(round, person(.professional, teams: [team])))
        #expect(!asks(round, person(.professional)))
        #expect(!asks(round, person(.coordinator, teams: [team])))
        let everyone = AssessmentRound(organisationID: organisation, teamID: nil, instrument: "x", version: 1, label: "l",
                                       openedByID: UUID(), openedAt: now, closesAt: now)
        #expect(asks(everyone, person(.professional)))
    }

    @Test func aFormIsReadAsADraftOrAsSentAnswers() throws {
        let instrument = try #require(try Instruments.bundled()["encounter-reflection"])
        let fields = ["item-bp1": "4", "item-li2": "", "other": "x", "submit": "no"]
        #expect(Rounds.read(fields, instrument: instrument, submit: false) == .success(["bp1": 4]))
        #expect(Rounds.read(["item-bp1": "6"], instrument: instrument, submit: false) == .failure(ProblemList([.outOfScale(item: "bp1")])))
        #expect(Rounds.read(["item-bp1": "4"], instrument: instrument, submit: true) == .failure(ProblemList([
            .missing(item: "bp2"), .missing(item: "bp3"), .missing(item: "li1"), .missing(item: "li2"), .missing(item: "li3"),
        ])))
        let all = Dictionary(uniqueKeysWithValues: instrument.items.map { ("item-\($0.id)", "3") })
        #expect(try Rounds.read(all, instrument: instrument, submit: true).get().count == 6)
    }
}

/// Stored answers are read back by a short scanner, and anything it does not expect by JSON.
@Suite struct StoredAnswersTests {
    @Test func whatIsStoredIsReadBackExactly() {
        let answers = ["wp1": 4, "wp10": 1, "co-2": 5, "x": 0]
        let stored = AssessmentAnswer.stored(answers)
        #expect(AssessmentAnswer.scan(stored) == answers)
        #expect(AssessmentAnswer.read( stored) == answers)
        #expect(AssessmentAnswer.read( "{}") == [:])
    }

    @Test func anythingElseGoesToTheJSONDecoderOrIsLeftEmpty() {
        // Spaces and an escaped quote: not what Kanssa writes, still read.
        #expect(AssessmentAnswer.scan(#"{ "a": 1 }"#) == nil)
        #expect(AssessmentAnswer.read( #"{ "a": 1 }"#) == ["a": 1])
        #expect(AssessmentAnswer.read( #"{"a\"b":2}"#) == ["a\"b": 2])
        #expect(AssessmentAnswer.read( "not json") == [:])
        #expect(AssessmentAnswer.read( #"{"a":}"#) == [:])
    }
}
