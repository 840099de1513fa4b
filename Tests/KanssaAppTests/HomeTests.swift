import Agenda
import Fluent
import Foundation
@testable import KanssaApp
import KanssaCore
import Testing
import VaporTesting

/// A citizen's home page says what their plan asks of them now, most pressing first.
@Suite struct HomeTests {
    @Test func aCitizenSeesWhatIsWaitingMostPressingFirstEachWithItsLink() async throws {
        try await withApp { app, _ in
            // The test clock's today is 2026-05-28.
            let fixtures = try await Fixtures.make(on: app)
            var citizen = Browser(app)
            try await citizen.signIn(Fixtures.login(.citizen))
            #expect(try await citizen.get("/").body.string.contains("Nothing is waiting for you just now."))

            try await citizen.get("/plan")
            try await citizen.post("/plan/agenda", ActionTests.agenda)
            for (text, due) in [("Send the CV", "2026-05-20"), ("Visit the library", "2026-06-01"), ("Practise the interview", "2026-06-03"),
                                ("Plan the summer", "2026-07-15"), ("Someday, maybe", "")] {
                try await citizen.get("/plan/actions")
                #expect(try await citizen.post("/plan/actions", ActionTests.actionForm(fixtures, text, due: due)).status == .seeOther)
            }
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            try await professional.get("/plans/\(fixtures.citizenPlan)")
            try await professional.post("/plans/\(fixtures.citizenPlan)/suggestions", [("goal", "Take the bus course")])
            try await professional.get("/plans/\(fixtures.citizenPlan)")
            try await professional.post("/plans/\(fixtures.citizenPlan)/actions", ActionTests.actionForm(
                fixtures, "Interview at the hospital", owner: "professional:\(fixtures.accounts[.professional]!)", due: "2026-06-03"))

            let home = try await citizen.get("/").body.string
            let lines = [
                "“Send the CV” was to be done by",
                "services expect something of you. Look at the day with them.",
                "The professional suggested a goal for you: “Take the bus course”. Is it yours? Say yes or no.",
                "“Visit the library” by",
                "“Practise the interview” by",
            ]
            let positions = try lines.map { line in try #require(home.range(of: line), "missing: \(line)").lowerBound }
            #expect(positions == positions.sorted(), "most pressing first")
            #expect(!home.contains("Plan the summer") && !home.contains("Someday, maybe"), "not yet due")
            #expect(!home.contains("Interview at the hospital"), "the professional's own action is theirs to do")
            #expect(home.contains(#"<a href="/plan/actions">“Send the CV” was to be done by"#))
            #expect(home.contains(#"<a href="/plan">The professional suggested"#))
            #expect(!home.contains("Nothing is waiting for you"))
        }
    }

    @Test func lookingHomeMakesNoPlanAndStaffWithoutAPlanOfTheirOwnSeeNoSuchList() async throws {
        try await withApp { app, _ in
            _ = try await Fixtures.make(on: app)
            let plans = try await Plan.query(on: app.db).count()
            // A professional here who is a citizen elsewhere, without a plan yet.
            var both = Browser(app)
            try await both.signIn(Fixtures.memberOfBothLogin)
            #expect(try await both.get("/").body.string.contains("Nothing is waiting for you just now."))
            #expect(try await Plan.query(on: app.db).count() == plans)

            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            let page = try await professional.get("/").body.string
            #expect(!page.contains("Waiting for you"))
        }
    }

    @Test func itIsSaidInFinnishToo() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            var citizen = Browser(app)
            try await citizen.signIn(Fixtures.login(.citizen))
            try await citizen.get("/plan")
            try await citizen.post("/plan/agenda", ActionTests.agenda)
            try await citizen.get("/me")
            try await citizen.post("/me", [("displayName", "The citizen"), ("language", "fi")])
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            try await professional.get("/plans/\(fixtures.citizenPlan)")
            try await professional.post("/plans/\(fixtures.citizenPlan)/suggestions", [("goal", "Bussikurssi")])
            let home = try await citizen.get("/").body.string
            #expect(home.contains("Sinua odottaa"))
            #expect(home.contains("ehdotti sinulle tavoitetta: ”Bussikurssi”. Onko se sinun?"))
        }
    }
}
