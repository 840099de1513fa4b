import Fluent
import Foundation
@testable import KanssaApp
import KanssaCore
import Learning
import Testing
import VaporTesting

/// Action-learning sets: a coordinator sets one up and sees attendance and counts; inside the set,
/// a challenge is presented, questioned, committed to and reported on at the next meeting; what
/// is said is read by nobody outside.
@Suite struct ActionLearningSetTests {
    static let said = ["A man on my caseload misses every appointment", "Ask him what time suits him"]

    @Test func aCoordinatorSetsUpASetWithItsScheduleAndBadInputChangesNothing() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            var coordinator = Browser(app)
            try await coordinator.signIn(Fixtures.login(.coordinator))
            let page = try await coordinator.get("/organisations/\(fixtures.here)/sets").body.string
            #expect(page.contains("Thursday set") && page.contains("Facilitator: The trainer"))

            // Too few members, the facilitator among them, no time, a schedule off the ends: each named, nothing made.
            let before = try await LearningSet.query(on: app.db).count()
            let professional = fixtures.accounts[.professional]!
            let bad = try await coordinator.post("/organisations/\(fixtures.here)/sets", [
                ("name", "Spring set"), ("facilitator", professional.uuidString), ("members[]", professional.uuidString),
                ("first", "2026-05-01"), ("time", "25:00"), ("weeks", "9"), ("count", "13"), ("place", ""),
            ])
            #expect(bad.status == .unprocessableEntity)
            for message in ["Choose four to seven professionals", "today or later", "hours and minutes", "from 1 to 8",
                            "from 1 to 12", "Say where the set meets"] {
                #expect(bad.body.string.contains(message), "\(message)")
            }
            #expect(bad.body.string.contains(#"value="Spring set""#))
            #expect(try await LearningSet.query(on: app.db).count() == before)

            // Four professionals and a facilitator: three meetings, four weeks apart, at 14:00 Helsinki time.
            let colleagues = try await SelfAssessmentTests.colleagues(3, on: app, fixtures: fixtures)
            try await coordinator.get("/organisations/\(fixtures.here)/sets")
            let members = ([professional] + colleagues).map { ("members[]", $0.uuidString) }
            let good = try await coordinator.post("/organisations/\(fixtures.here)/sets", [
                ("name", "Spring set"), ("facilitator", fixtures.accounts[.coordinator]!.uuidString),
                ("first", "2026-06-04"), ("time", "14:00"), ("weeks", "4"), ("count", "3"), ("place", "Room 4, Guildhall"),
            ] + members)
            #expect(good.status == .seeOther)
            let set = try #require(try await LearningSet.query(on: app.db).filter(\.$name == "Spring set").first())
            #expect(set.facilitatorID == fixtures.accounts[.coordinator]!)
            #expect(try await SetMember.query(on: app.db).filter(\.$setID == set.requireID()).count() == 4)
            let starts = try await SetMeeting.query(on: app.db).filter(\.$setID == set.requireID()).sort(\.$startsAt).all().map(\.startsAt)
            let iso = ISO8601DateFormatter()
            #expect(starts.map { iso.string(from: $0) } == ["2026-06-04T11:00:00Z", "2026-07-02T11:00:00Z", "2026-07-30T11:00:00Z"])
            let list = try await coordinator.get("/organisations/\(fixtures.here)/sets?notice=created").body.string
            #expect(list.contains("The set is set up") && list.contains("0 held of 3 planned"))

            // One member leaves and another joins; too few is refused; another organisation's set is not found.
            let setID = try set.requireID()
            let changePath = "/organisations/\(fixtures.here)/sets/\(setID)/members"
            let field = "members-\(setID)[]"
            let fewer = try await coordinator.post(changePath, colleagues.map { (field, $0.uuidString) })
            #expect(fewer.status == .unprocessableEntity && fewer.body.string.contains("Choose four to seven professionals"))
            try await coordinator.get("/organisations/\(fixtures.here)/sets")
            let newcomer = fixtures.memberOfBoth
            #expect(try await coordinator.post(changePath, (colleagues + [newcomer]).map { (field, $0.uuidString) }).status == .seeOther)
            let rows = try await SetMember.query(on: app.db).filter(\.$setID == setID).all()
            #expect(rows.first { $0.accountID == professional }?.leftAt != nil)
            #expect(rows.filter { $0.leftAt == nil }.count == 4 && rows.contains { $0.accountID == newcomer && $0.leftAt == nil })
            var left = Browser(app)
            try await left.signIn(Fixtures.login(.professional))
            #expect(try await left.get("/learning/sets/\(setID)").status == .forbidden)
            try await coordinator.get("/organisations/\(fixtures.here)/sets")
            #expect(try await coordinator.post("/organisations/\(fixtures.elsewhere)/sets/\(setID)/members", []).status == .forbidden)
            #expect(try await coordinator.post("/organisations/\(fixtures.here)/sets/\(UUID())/members", []).status == .notFound)
        }
    }

    @Test func oneFullCycleChallengeQuestionsCommitmentAndReportBack() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            let set = "/learning/sets/\(fixtures.set)"
            let first = "\(set)/meetings/\(fixtures.firstMeeting)"
            let second = "\(set)/meetings/\(fixtures.secondMeeting)"

            // The facilitator records who came to the first meeting; someone outside the set is not recorded.
            var facilitator = Browser(app)
            try await facilitator.signIn(Fixtures.login(.trainer))
            try await facilitator.get(first)
            #expect(try await facilitator.post("\(first)/attendance", [
                ("present[]", fixtures.accounts[.professional]!.uuidString), ("present[]", fixtures.accounts[.trainer]!.uuidString),
                ("present[]", fixtures.accounts[.coordinator]!.uuidString),
            ]).status == .seeOther)
            #expect(try await SetAttendance.query(on: app.db).filter(\.$meetingID == fixtures.firstMeeting).count() == 2)

            // The other member asks the presenter questions; the presenter commits.
            var member = Browser(app)
            try await member.signIn(Fixtures.memberOfBothLogin)
            try await member.get(first)
            let question = "question-\(fixtures.challenge)", kind = "kind-\(fixtures.challenge)"
            #expect(try await member.post("\(set)/challenges/\(fixtures.challenge)/questions", [(kind, "advice"), (question, "")])
                .status == .unprocessableEntity)
            try await member.get(first)
            #expect(try await member.post("\(set)/challenges/\(fixtures.challenge)/questions",
                                          [(kind, "reflective"), (question, "What does he say the appointments are for?")]).status == .seeOther)
            // Only the presenter commits after their challenge.
            #expect(try await member.post("\(set)/challenges/\(fixtures.challenge)/commitments",
                                          [("commitment-\(fixtures.challenge)", "Not mine to make")]).status == .forbidden)
            var presenter = Browser(app)
            try await presenter.signIn(Fixtures.login(.professional))
            try await presenter.get(first)
            #expect(try await presenter.post("\(set)/challenges/\(fixtures.challenge)/commitments",
                                             [("commitment-\(fixtures.challenge)", "Meet him at the library, not the office")]).status == .seeOther)
            let meeting = try await presenter.get(first).body.string
            #expect(meeting.contains("What does he say the appointments are for?") && meeting.contains("Reflective"))
            #expect(meeting.contains("Meet him at the library, not the office"))
            #expect(meeting.contains("Present: The trainer, The professional"))

            // At the next meeting the set sees the commitments waiting, and the presenter reports back.
            let waiting = try await member.get(set).body.string
            #expect(waiting.contains("Meet him at the library, not the office") && waiting.contains("Ask him what time suits him"))
            let atSecond = try await presenter.get(second).body.string
            #expect(atSecond.contains("Reports on earlier commitments") && atSecond.contains("happened-\(fixtures.commitment)"))
            // Nobody reports at the meeting the commitment was made at.
            #expect(try await presenter.post("\(first)/reports/\(fixtures.commitment)", [
                ("happened-\(fixtures.commitment)", "x"), ("learned-\(fixtures.commitment)", "y"),
            ]).status == .notFound)
            try await presenter.get(second)
            #expect(try await presenter.post("\(second)/reports/\(fixtures.commitment)", [("happened-\(fixtures.commitment)", "He came")])
                .status == .unprocessableEntity)
            try await presenter.get(second)
            #expect(try await presenter.post("\(second)/reports/\(fixtures.commitment)", [
                ("happened-\(fixtures.commitment)", "He chose Tuesday mornings and came twice"),
                ("learned-\(fixtures.commitment)", "I had assumed he did not care"),
            ]).status == .seeOther)
            // A second report (a form left open in another tab) is refused; the first is kept.
            try await presenter.get(second)
            let again = try await presenter.post("\(second)/reports/\(fixtures.commitment)", [
                ("happened-\(fixtures.commitment)", "Overwritten"), ("learned-\(fixtures.commitment)", "Overwritten"),
            ])
            #expect(again.status == .conflict)
            let reported = try await member.get(second).body.string
            #expect(reported.contains("He chose Tuesday mornings and came twice") && reported.contains("I had assumed he did not care"))
            #expect(!reported.contains("Overwritten"))
            // The other member cannot report on someone else's commitment.
            #expect(try await member.post("\(second)/reports/\(fixtures.commitment)", [
                ("happened-\(fixtures.commitment)", "x"), ("learned-\(fixtures.commitment)", "y"),
            ]).status == .forbidden)

            // The coordinator sees attendance and counts, never a word of it.
            var coordinator = Browser(app)
            try await coordinator.signIn(Fixtures.login(.coordinator))
            let counts = try await coordinator.get("/organisations/\(fixtures.here)/sets").body.string
            #expect(counts.contains("2 of 3 places taken (meetings recorded: 1)"))
            #expect(counts.contains("<dt>Challenges presented</dt><dd>1</dd>"))
            #expect(counts.contains("2 made, 1 reported back"))
            for words in Self.said + ["What does he say", "library", "Tuesday mornings", "assumed"] {
                #expect(!counts.contains(words), "\(words)")
            }
            // Reading the set leaves a trace.
            let reads = try await AuditEntry.query(on: app.db).filter(\.$event == .personalDataRead)
                .filter(\.$target == "set:\(fixtures.set)").count()
            #expect(reads == 1)
            _ = world
        }
    }

    @Test func nothingIsSaidAtAMeetingBeforeItsDayAndNobodyOutsideReadsIt() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            let later = SetMeeting(setID: fixtures.set, startsAt: world.now.addingTimeInterval(10 * 24 * 3600), place: "Room 2")
            try await later.create(on: app.db)
            var presenter = Browser(app)
            try await presenter.signIn(Fixtures.login(.professional))
            let path = "/learning/sets/\(fixtures.set)/meetings/\(try later.requireID())"
            #expect(try await presenter.get(path).body.string.contains("This meeting has not come yet"))
            let early = try await presenter.post("\(path)/challenges", [("summary", "Too early")])
            #expect(early.status == .unprocessableEntity)
            #expect(try await SetChallenge.query(on: app.db).filter(\.$summary == "Too early").count() == 0)

            // A coordinator, an admin, a researcher, another professional of the organisation: none reads the set.
            let outsider = try await SelfAssessmentTests.colleagues(1, on: app, fixtures: fixtures)[0]
            _ = outsider
            for role in [Role.coordinator, .admin, .researcher, .citizen, .coTrainer] {
                var browser = Browser(app)
                try await browser.signIn(Fixtures.login(role))
                for page in ["/learning/sets/\(fixtures.set)", "/learning/sets/\(fixtures.set)/meetings/\(fixtures.firstMeeting)"] {
                    let response = try await browser.get(page)
                    #expect(response.status == .forbidden, "\(role) \(page)")
                    #expect(!response.body.string.contains(Self.said[0]))
                }
            }
            // A member who leaves is outside from the next request.
            try await SetMember.query(on: app.db).filter(\.$accountID == fixtures.accounts[.professional]!)
                .set(\.$leftAt, to: world.now).update()
            #expect(try await presenter.get("/learning/sets/\(fixtures.set)").status == .forbidden)
        }
    }
}
