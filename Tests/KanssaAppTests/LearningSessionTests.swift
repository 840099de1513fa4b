import Fluent
import Foundation
@testable import KanssaApp
import KanssaCore
import Learning
import Testing
import VaporTesting

/// Learning sessions: put on, registered for (within the places), attended, and fed back on —
/// the trainer reads feedback without names, once five people have given it.
@Suite struct LearningSessionTests {
    @Test func aCoordinatorPutsOnASessionAndPeopleRegisterWithinItsPlaces() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            let list = "/organisations/\(fixtures.here)/sessions"
            var coordinator = Browser(app)
            try await coordinator.signIn(Fixtures.login(.coordinator))
            try await coordinator.get(list)
            let bad = try await coordinator.post(list, [("title", "Strengths"), ("date", "2026-05-01"), ("minutes", "5"), ("capacity", "0")])
            #expect(bad.status == .unprocessableEntity)
            for message in ["Say what the session is about", "Choose a trainer", "today or later", "from 15 to 480", "from 1 to 500"] {
                #expect(bad.body.string.contains(message), "\(message)")
            }
            try await coordinator.get(list)
            #expect(try await coordinator.post(list, [
                ("title", "Strengths-based plans"), ("description", "Half a day with Hull's personalisation expert"),
                ("trainer", fixtures.accounts[.trainer]!.uuidString), ("date", "2026-06-10"), ("time", "09:30"), ("minutes", "180"),
                ("place", "https://meet.example.org/strengths"), ("materials", "https://example.org/reading\nBring a plan you wrote"),
                ("capacity", "1"),
            ]).status == .seeOther)
            let session = try #require(try await LearningSession.query(on: app.db).filter(\.$title == "Strengths-based plans").first())
            let path = "/learning/sessions/\(try session.requireID())"

            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            let page = try await professional.get(path).body.string
            #expect(page.contains(#"<a href="https://example.org/reading">https://example.org/reading</a>"#))
            #expect(page.contains("<li>Bring a plan you wrote</li>"))
            #expect(try await professional.post("\(path)/registration", [("action", "register")]).headers.first(name: .location)?
                .hasSuffix("notice=registered") == true)
            // One place: the next person finds it full.
            var other = Browser(app)
            try await other.signIn(Fixtures.memberOfBothLogin)
            let full = try await other.get(path).body.string
            #expect(full.contains("The session is full.") && !full.contains(">Register<"))
            #expect(try await other.post("\(path)/registration", [("action", "register")]).headers.first(name: .location)?
                .hasSuffix("notice=full") == true)
            // Cancelling frees the place.
            try await professional.get(path)
            #expect(try await professional.post("\(path)/registration", [("action", "cancel")]).status == .seeOther)
            try await other.get(path)
            #expect(try await other.post("\(path)/registration", [("action", "register")]).headers.first(name: .location)?
                .hasSuffix("notice=registered") == true)
            #expect(try await SessionRegistration.query(on: app.db).filter(\.$sessionID == session.requireID()).filter(\.$cancelledAt == nil)
                .count() == 1)
            // Once it starts, registration closes.
            world.advance(by: 20 * 24 * 3600)
            try await professional.signIn(Fixtures.login(.professional))  // the sign-in of 20 days ago has expired
            try await professional.get(path)
            #expect(try await professional.post("\(path)/registration", [("action", "register")]).status == .conflict)
            // A trainer who is not a coordinator puts on sessions they give themselves, nobody else's.
            var trainer = Browser(app)
            try await trainer.signIn(Fixtures.login(.trainer))
            let form: (String) -> [(String, String)] = { who in
                [("title", "Listening"), ("description", "An hour on listening"), ("trainer", who), ("date", "2026-07-01"),
                 ("time", "10:00"), ("minutes", "60"), ("place", "Room 1")]
            }
            try await trainer.get("/organisations/\(fixtures.here)/sessions")
            #expect(try await trainer.post("/organisations/\(fixtures.here)/sessions", form(fixtures.accounts[.professional]!.uuidString))
                .status == .unprocessableEntity)
            try await trainer.get("/organisations/\(fixtures.here)/sessions")
            #expect(try await trainer.post("/organisations/\(fixtures.here)/sessions", form(fixtures.accounts[.trainer]!.uuidString))
                .status == .seeOther)
            // Another organisation's people do not see it.
            var elsewhere = Browser(app)
            try await elsewhere.signIn(Fixtures.adminElsewhereLogin)
            #expect(try await elsewhere.get(path).status == .forbidden)
        }
    }

    @Test func feedbackIsGivenOnceByThoseWhoCameAndShownWithoutNamesFromFive() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            let path = "/learning/sessions/\(fixtures.session)"
            let colleagues = try await SelfAssessmentTests.colleagues(5, on: app, fixtures: fixtures)
            for colleague in colleagues {
                try await SessionRegistration(sessionID: fixtures.session, accountID: colleague, at: world.now).create(on: app.db)
            }
            // The trainer records who came: everyone but the professional.
            var trainer = Browser(app)
            try await trainer.signIn(Fixtures.login(.trainer))
            try await trainer.get(path)
            #expect(try await trainer.post("\(path)/attendance", colleagues.map { ("present[]", $0.uuidString) }).status == .seeOther)
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            #expect(!(try await professional.get(path).body.string.contains("Your feedback")))
            #expect(try await professional.post("\(path)/feedback", [("usefulness", "1")]).status == .forbidden)

            // Four give feedback: the trainer sees the count only.
            for (index, colleague) in colleagues.prefix(4).enumerated() {
                _ = try await LearningSessions.giveFeedback(usefulness: 5 - index % 2, comment: index == 0 ? "More examples, please" : "",
                                                            by: colleague, on: fixtures.session, at: world.now, on: app.db)
            }
            var page = try await trainer.get(path).body.string
            #expect(page.contains("4 people have given feedback.") && page.contains("once 5 people have given it"))
            #expect(!page.contains("More examples, please"))
            // The fifth: ratings and comments, no names.
            #expect(try await LearningSessions.giveFeedback(usefulness: 3, comment: "", by: colleagues[4], on: fixtures.session, at: world.now,
                                                            on: app.db))
            #expect(try await !LearningSessions.giveFeedback(usefulness: 1, comment: "Again", by: colleagues[4], on: fixtures.session,
                                                             at: world.now, on: app.db))
            page = try await trainer.get(path).body.string
            #expect(page.contains("<td>Very useful</td><td>2</td>") && page.contains("<td>Useful</td><td>2</td>"))
            #expect(page.contains("<td>Somewhat useful</td><td>1</td>"))
            #expect(page.contains("More examples, please") && !page.contains("Again"))
            let feedbackSection = String(page[page.range(of: "<h2>Feedback</h2>")!.lowerBound...])
            #expect(!feedbackSection.contains("Pro 0"))
        }
    }
}
