import Fluent
import Foundation
@testable import KanssaApp
import KanssaCore
import Learning
import Testing
import VaporTesting

/// Coaching: the coachee asks a colleague, both write GROW-shaped sessions while it goes on, and
/// the coachee decides whether the coach reads the record after it ends.
@Suite struct CoachingTests {
    @Test func theCoacheeStartsItBothWriteAndNobodyElseReads() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            var coachee = Browser(app)
            try await coachee.signIn(Fixtures.memberOfBothLogin)
            // Someone who is not a colleague (the other organisation's administrator) cannot be chosen.
            try await coachee.get("/learning/coaching")
            let wrong = try await coachee.post("/learning/coaching", [("coach", fixtures.adminElsewhere.uuidString)])
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.body.string.contains("Choose a coach from the list"))
            try await coachee.get("/learning/coaching")
            let started = try await coachee.post("/learning/coaching", [("coach", fixtures.accounts[.trainer]!.uuidString)])
            #expect(started.status == .seeOther)
            let path = try #require(started.headers.first(name: .location)?.split(separator: "?").first.map(String.init))
            // Not two going on with the same coach.
            try await coachee.get("/learning/coaching")
            #expect(try await coachee.post("/learning/coaching", [("coach", fixtures.accounts[.trainer]!.uuidString)]).status
                    == .unprocessableEntity)

            try await coachee.get(path)
            #expect(try await coachee.post("\(path)/sessions", [("held-on", "2026-05-27")]).status == .unprocessableEntity)
            try await coachee.get(path)
            #expect(try await coachee.post("\(path)/sessions", [
                ("held-on", "2026-05-27"), ("goal", "Feel less rushed in supervision"), ("will", "Try walk and talk by Friday"),
            ]).status == .seeOther)
            var coach = Browser(app)
            try await coach.signIn(Fixtures.login(.trainer))
            let record = try await coach.get(path).body.string
            #expect(record.contains("Feel less rushed in supervision") && record.contains("Written by Member of both"))
            #expect(!record.contains("<dt>Reality</dt>"))  // a part left empty is not shown
            #expect(try await coach.post("\(path)/sessions", [("held-on", "2026-05-28"), ("reality", "Tried it once")]).status == .seeOther)
            // The coach's reading is in the coachee's trace.
            let coacheeID = fixtures.memberOfBoth
            #expect(try await AuditEntry.query(on: app.db).filter(\.$subjectID == coacheeID).filter(\.$event == .personalDataRead).count() == 1)

            for role in [Role.coordinator, .admin, .researcher, .professional] {
                var other = Browser(app)
                try await other.signIn(Fixtures.login(role))
                let response = try await other.get(path)
                #expect(response.status == .forbidden, "\(role)")
                #expect(!response.body.string.contains("walk and talk"))
            }
        }
    }

    @Test func afterTheEndTheCoachReadsOnlyIfTheCoacheeAllows() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            let path = "/learning/coaching/\(fixtures.coaching)"
            try await CoachingSession(relationshipID: fixtures.coaching, heldOn: Date(timeIntervalSince1970: 1_779_000_000),
                                      grow: CoachingNotes(goal: "Say no to extra cases", reality: "", options: "", will: ""),
                                      writtenByID: fixtures.accounts[.trainer]!, at: Date(timeIntervalSince1970: 1_779_000_000)).create(on: app.db)
            var coach = Browser(app)
            try await coach.signIn(Fixtures.login(.trainer))
            try await coach.get(path)
            #expect(try await coach.post("\(path)/end", []).status == .seeOther)
            #expect(try await coach.get(path).status == .forbidden)
            let list = try await coach.get("/learning/coaching").body.string
            #expect(list.contains("Ended; the record is closed to you."))
            // Nobody writes after the end; the coach cannot open it to themselves.
            var coachee = Browser(app)
            try await coachee.signIn(Fixtures.login(.professional))
            let ended = try await coachee.get(path).body.string
            #expect(ended.contains("Say no to extra cases") && ended.contains("The trainer no longer reads this record."))
            #expect(!ended.contains("Write a session"))
            #expect(try await coachee.post("\(path)/sessions", [("held-on", "2026-05-27"), ("goal", "Late")]).status == .forbidden)
            try await coach.get("/learning/coaching")
            #expect(try await coach.post("\(path)/reading", [("allow", "yes")]).status == .forbidden)

            try await coachee.get(path)
            #expect(try await coachee.post("\(path)/reading", [("allow", "yes")]).status == .seeOther)
            #expect(try await coach.get(path).body.string.contains("Say no to extra cases"))
            try await coachee.get(path)
            #expect(try await coachee.post("\(path)/reading", [("allow", "no")]).status == .seeOther)
            #expect(try await coach.get(path).status == .forbidden)
        }
    }
}
