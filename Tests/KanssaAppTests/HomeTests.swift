import Agenda
import Fluent
import Foundation
@testable import KanssaApp
import KanssaCore
import Learning
import Testing
import VaporTesting

/// A citizen's home page says what their plan asks of them now, most pressing first.
@Suite struct HomeTests {
    /// Open actions for the citizen's own goal in the plan shared with the professional's team,
    /// each due `days` from now (negative: past their day).
    static func addOpenActions(_ actions: [(text: String, days: Double)], _ fixtures: Fixtures, _ app: Application, _ world: TestWorld) async throws {
        for (text, days) in actions {
            try await PlanActions.add(
                ActionDraft(goalID: fixtures.citizenGoal, text: text, owner: .citizen,
                            dueOn: PlanActions.day(world.now.addingTimeInterval(days * 86_400), in: app.platform.config.timeZone), status: .open),
                planID: fixtures.citizenPlan, teamID: nil, by: fixtures.accounts[.citizen]!, at: world.now, on: app.db)
        }
    }

    /// A new citizen whose plan is shared now with the professional's team, the share ending in
    /// `days` days.
    static func shareNewPlan(
        _ name: String, login: String, sections: Set<PlanSection>, days: Double, _ fixtures: Fixtures, _ app: Application, _ world: TestWorld
    ) async throws -> (Account, Plan) {
        let hash = try await Account.query(on: app.db).first()!.passwordHash
        let newcomer = Account(login: login, displayName: name, preferredLanguage: "en", passwordHash: hash, createdAt: world.now)
        try await newcomer.create(on: app.db)
        let plan = try await PlanStore.plan(of: try newcomer.requireID(), at: world.now, on: app.db)
        try await PlanSharing.authorise(
            planID: try plan.requireID(), teamID: fixtures.outreachTeam, sections: sections, purpose: "Work",
            legalBasis: .publicTask, until: world.now.addingTimeInterval(days * 86_400), by: try newcomer.requireID(),
            at: world.now, on: app.db)
        return (newcomer, plan)
    }

    @Test func aCitizenSeesWhatIsWaitingMostPressingFirstEachWithItsLink() async throws {
        try await withApp { app, _ in
            // The test clock's today is 2026-05-28.
            let fixtures = try await Fixtures.make(on: app)
            var citizen = Browser(app)
            try await citizen.signIn(Fixtures.login(.citizen))
            #expect(try await citizen.get("/").body.string.contains("Nothing in your plan is waiting for you just now."))

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
            #expect(try await both.get("/").body.string.contains("Nothing in your plan is waiting for you just now."))
            #expect(try await Plan.query(on: app.db).count() == plans)

            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            let page = try await professional.get("/").body.string
            #expect(!page.contains("waiting-heading"))
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

    @Test func aProfessionalSeesOverdueAndComingThingsToDoNewSharesAndSharesEndingAcrossTheirCaseload() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            let zone = app.platform.config.timeZone
            let day = 24.0 * 3600
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            try await Self.addOpenActions([("Send the CV", -3), ("Visit the job fair", 2), ("Plan the summer", 40)], fixtures, app, world)
            // A plan shared after the professional's sign-in, ending within two weeks, actions not shared.
            world.advance(by: 60)
            let (newcomer, plan) = try await Self.shareNewPlan(
                "Newcomer Nadia", login: "newcomer@here.test", sections: [.agenda, .goals], days: 10, fixtures, app, world)
            try await PlanActions.add(
                ActionDraft(goalID: fixtures.citizenGoal, text: "Hidden from the caseload", owner: .citizen,
                            dueOn: PlanActions.day(world.now.addingTimeInterval(-1 * day), in: zone), status: .open),
                planID: try plan.requireID(), teamID: nil, by: try newcomer.requireID(), at: world.now, on: app.db)

            // "Since you last came" is the session before this one.
            professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            let home = try await professional.get("/").body.string
            #expect(home.contains("Waiting in your caseload"))
            #expect(home.contains("Past their day (1)"))
            #expect(home.contains(#"<a href="/plans/\#(fixtures.citizenPlan)/actions">The citizen: “Send the CV”"#))
            #expect(home.contains("Due in the next seven days (1)"))
            #expect(home.contains("“Visit the job fair”"))
            #expect(!home.contains("Plan the summer"), "not due this week")
            #expect(!home.contains("Hidden from the caseload"), "its actions are not shared")
            #expect(home.contains("Shared with you since you last came (1)"))
            #expect(home.contains(#"<a href="/plans/\#(try plan.requireID())">Newcomer Nadia, since"#))
            #expect(home.contains("Shares ending in the next two weeks (1)"))
            #expect(home.contains("Newcomer Nadia: sharing ends on"))
            // Each person named there sees this look on their trace.
            let looks = try await AuditEntry.query(on: app.db).filter(\.$target == "home").filter(\.$event == .personalDataRead).all()
            #expect(Set(looks.compactMap(\.subjectID)) == [fixtures.accounts[.citizen]!, try newcomer.requireID()])

            // A professional of another team sees none of it.
            var other = Browser(app)
            try await other.signIn(Fixtures.memberOfBothLogin)
            let theirs = try await other.get("/").body.string
            #expect(theirs.contains("Nothing in your caseload is overdue"))
            #expect(!theirs.contains("Send the CV") && !theirs.contains("Newcomer Nadia"))
        }
    }

    @Test func eachCaseloadListShowsItsFiveMostPressingAndCountsThemAll() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            let actions = (1...7).map { ("Late \($0)", -Double($0)) } + (0...5).map { ("Soon \($0)", Double($0)) } + [("Later", 9.0)]
            try await Self.addOpenActions(actions, fixtures, app, world)
            // Six plans shared after the professional's sign-in, a minute apart, ending in 3, 6, … 18 days.
            for number in 1...6 {
                world.advance(by: 60)
                _ = try await Self.shareNewPlan(
                    "Newcomer \(number)", login: "newcomer\(number)@here.test", sections: [.agenda], days: Double(3 * number), fixtures, app, world)
            }

            professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            let home = try await professional.get("/").body.string
            func inOrder(_ shown: [String], hidden: [String], _ what: String) {
                let places = shown.map { home.range(of: $0)?.lowerBound }
                #expect(places.allSatisfy { $0 != nil } && places.compactMap { $0 } == places.compactMap { $0 }.sorted(), "\(what): \(shown)")
                for text in hidden { #expect(!home.contains(text), "\(what): \(text) is not among the five") }
            }
            #expect(home.contains("Past their day (7)"))
            inOrder((1...5).map { "“Late \($0)”" }, hidden: ["“Late 6”", "“Late 7”"], "most recently overdue first")
            #expect(home.contains("Due in the next seven days (6)"))
            inOrder((0...4).map { "“Soon \($0)”" }, hidden: ["“Soon 5”", "“Later”"], "soonest first")
            #expect(home.contains("Shared with you since you last came (6)"))
            inOrder((2...6).reversed().map { "Newcomer \($0), since" }, hidden: ["Newcomer 1, since"], "newest share first")
            #expect(home.contains("Shares ending in the next two weeks (4)"))
            inOrder((1...4).map { "Newcomer \($0): sharing ends on" }, hidden: ["Newcomer 5: sharing", "Newcomer 6: sharing"], "ending first")
        }
    }

    @Test func theCaseloadSortsByWhatIsOverdueCountingOnlyWhatIsShared() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            let zone = app.platform.config.timeZone
            let lastWeek = PlanActions.day(world.now.addingTimeInterval(-7 * 24 * 3600), in: zone)
            let hash = try await Account.query(on: app.db).first()!.passwordHash
            for (name, sections, overdue) in [("Aaron Hidden", [PlanSection.agenda], 5), ("Bea Shared", [.agenda, .actions], 2)] {
                let account = Account(login: "\(name.prefix(3))@here.test", displayName: name, preferredLanguage: "en",
                                      passwordHash: hash, createdAt: world.now)
                try await account.create(on: app.db)
                let plan = try await PlanStore.plan(of: try account.requireID(), at: world.now, on: app.db)
                try await PlanSharing.authorise(
                    planID: try plan.requireID(), teamID: fixtures.outreachTeam, sections: Set(sections), purpose: "Work",
                    legalBasis: .publicTask, until: world.now.addingTimeInterval(3600 * 24 * 10), by: try account.requireID(),
                    at: world.now, on: app.db)
                for number in 0..<overdue {
                    try await PlanActions.add(
                        ActionDraft(goalID: fixtures.citizenGoal, text: "Late \(number)", owner: .citizen, dueOn: lastWeek, status: .open),
                        planID: try plan.requireID(), teamID: nil, by: try account.requireID(), at: world.now, on: app.db)
                }
            }
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            func order(_ page: String) -> [String] {
                ["Aaron Hidden", "Bea Shared", "The citizen"].sorted {
                    page.range(of: $0)!.lowerBound < page.range(of: $1)!.lowerBound
                }
            }
            #expect(order(try await professional.get("/caseload").body.string) == ["Aaron Hidden", "Bea Shared", "The citizen"])
            let sorted = try await professional.get("/caseload?order=overdue").body.string
            #expect(order(sorted) == ["Bea Shared", "Aaron Hidden", "The citizen"], "Aaron's five do not count: not shared")
            #expect(sorted.contains(#"<option value="overdue" selected>"#))
            // An unknown order is the usual one.
            #expect(order(try await professional.get("/caseload?order=bogus").body.string) == ["Aaron Hidden", "Bea Shared", "The citizen"])
        }
    }

    @Test func aCitizenSeesWhoWroteOnTheirPlanAndWhoLookedSinceTheyLastCame() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            var citizen = Browser(app)
            try await citizen.signIn(Fixtures.login(.citizen))
            #expect(try await citizen.get("/").body.string.contains("Nothing new on your plan"))
            world.advance(by: 60)
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            try await professional.get("/plans/\(fixtures.citizenPlan)")
            #expect(try await professional.post("/plans/\(fixtures.citizenPlan)/notes", [("note", "Met at the library")]).status == .seeOther)
            try await professional.get("/plans/\(fixtures.citizenPlan)")
            #expect(try await professional.post("/plans/\(fixtures.citizenPlan)/notes", [("note", "Called the job centre")]).status == .seeOther)
            world.advance(by: 60)

            citizen = Browser(app)
            try await citizen.signIn(Fixtures.login(.citizen))
            let home = try await citizen.get("/").body.string
            #expect(home.contains("Since you last came"))
            #expect(home.contains(#"<a href="/plan#timeline">The professional wrote on your plan (2 new notes). Read them.</a>"#))
            #expect(home.contains("1 person looked at your information: The professional."))

            // Signing in again starts a new "since".
            world.advance(by: 60)
            citizen = Browser(app)
            try await citizen.signIn(Fixtures.login(.citizen))
            #expect(try await citizen.get("/").body.string.contains("Nothing new on your plan"))
        }
    }

    @Test func staffSeeTheRoundToAnswerTheSetMeetingAndCoordinatorsTheRoundClosingAndItsFigures() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            let session = LearningSession(
                organisationID: fixtures.here,
                plan: SessionPlan(title: "Listening first", description: "", trainerID: fixtures.accounts[.trainer]!,
                                  startsAt: world.now.addingTimeInterval(3 * 24 * 3600), minutes: 60, place: "Room 2", materials: "",
                                  capacity: 10),
                createdByID: fixtures.accounts[.coordinator]!, at: world.now)
            try await session.create(on: app.db)
            try await SessionRegistration(sessionID: try session.requireID(), accountID: fixtures.accounts[.professional]!, at: world.now)
                .create(on: app.db)
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            let home = try await professional.get("/").body.string
            #expect(home.contains("Answer the self-assessment “Before the programme” by June 27, 2026."))
            #expect(home.contains("Your learning set “Thursday set” meets on"))
            #expect(home.contains("You are registered for the learning session “Listening first” on May 31, 2026"))
            #expect(!home.contains("Person-centred practice"), "begun already")
            var coordinator = Browser(app)
            try await coordinator.signIn(Fixtures.login(.coordinator))
            let coordinators = try await coordinator.get("/").body.string
            #expect(!coordinators.contains("Before the programme"), "not closing yet")
            #expect(coordinators.contains("The learning session “Listening first” is on May 31, 2026"))
            #expect(coordinators.contains("1 of 10 places are taken."))

            // Sessions run out over weeks: each look is a new sign-in.
            world.advance(by: 25 * 24 * 3600)
            coordinator = Browser(app)
            try await coordinator.signIn(Fixtures.login(.coordinator))
            #expect(try await coordinator.get("/").body.string.contains(
                "The self-assessment “Before the programme” closes on June 27, 2026; 0 people have sent their answers so far."))
            world.advance(by: 10 * 24 * 3600)
            coordinator = Browser(app)
            try await coordinator.signIn(Fixtures.login(.coordinator))
            professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            let closed = try await coordinator.get("/").body.string
            #expect(closed.contains("closed on June 27, 2026 with 0 answers. See its figures."))
            #expect(!(try await professional.get("/").body.string.contains("Answer the self-assessment")), "closed: nothing to answer")
            // Nobody else's Learning is on a citizen's home.
            var citizen = Browser(app)
            try await citizen.signIn(Fixtures.login(.citizen))
            #expect(!(try await citizen.get("/").body.string.contains("learning-heading")))
        }
    }

    @Test func aCitizenIsToldOfAShareAboutToEnd() async throws {
        try await withApp { app, world in
            _ = try await Fixtures.make(on: app)
            var citizen = Browser(app)
            try await citizen.signIn(Fixtures.login(.citizen))
            try await citizen.get("/plan")
            try await citizen.post("/plan/agenda", ActionTests.agenda)
            // The fixtures' share runs 30 days; 20 days on, it ends within two weeks.
            #expect(!(try await citizen.get("/").body.string.contains("can see your plan until")))
            world.advance(by: 20 * 24 * 3600)
            citizen = Browser(app)
            try await citizen.signIn(Fixtures.login(.citizen))
            let home = try await citizen.get("/").body.string
            #expect(home.contains(#"<a href="/plan/sharing">Outreach (Here) can see your plan until June 27, 2026."#))
        }
    }
}
