import Agenda
import Fluent
import Foundation
@testable import KanssaApp
import KanssaCore
import Testing
import VaporTesting

/// The citizen's own plan: their agenda first, in their words; goals after; nothing overwritten.
@Suite struct PlanTests {
    @Test func aCitizenWritesWhatMattersThenAddsAGoal() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            var citizen = Browser(app)
            try await citizen.signIn(Fixtures.login(.citizen))
            let empty = try await citizen.get("/plan")
            #expect(empty.status == .ok)
            #expect(empty.body.string.contains("Save and start my plan"))
            #expect(!empty.body.string.contains("A new goal"))

            let saved = try await citizen.post("/plan/agenda", [
                ("whatMatters", "Working again, where my languages count"), ("appreciated", "I keep my word"),
                ("important", "My children"), ("support", "Tell me plainly what happens next"), ("version", "0"),
            ])
            #expect(saved.status == .seeOther)
            let page = try await citizen.get("/plan?notice=saved")
            #expect(page.body.string.contains("Your plan has been saved."))
            #expect(page.body.string.contains("Working again, where my languages count"))
            #expect(page.body.string.contains(#"name="version" value="1""#))

            let added = try await citizen.post("/plan/goals", [("goal", "Find work where Arabic and Dutch both count")])
            #expect(added.status == .seeOther)
            // Back where the person was: at the goals, the notice there with the focus on it.
            let back = try #require(added.headers.first(name: .location))
            #expect(back == "/plan?notice=goal-added#goals")
            let withGoal = try await citizen.get(back).body.string
            #expect(withGoal.contains("Find work where Arabic and Dutch both count"))
            #expect(withGoal.contains(#"<section id="goals" tabindex="-1"><h2>My goals</h2><div class="notice notice--success" role="status" tabindex="-1" autofocus><p>Your goal has been added."#))
            // The words are shown as text; changing them opens below.
            #expect(withGoal.contains(#"<dd class="own-words">Working again, where my languages count</dd>"#))
            #expect(withGoal.contains("<details class=\"disclosure\"><summary>Change what matters to you</summary>"))

            let plan = try #require(try await Plan.query(on: app.db).filter(\.$ownerID == fixtures.accounts[.citizen]!).first())
            #expect(plan.version == 1)
            #expect(plan.support == "Tell me plainly what happens next")
            let goal = try #require(try await Goal.query(on: app.db).filter(\.$text == "Find work where Arabic and Dutch both count").first())
            #expect(goal.origin == .citizen && goal.status == .active)
            let changes = try await AuditEntry.query(on: app.db)
                .filter(\.$event == .personalDataChanged).filter(\.$subjectID == fixtures.accounts[.citizen]!).all()
            #expect(Set(changes.map(\.target)) == ["plan:agenda", "plan:goal"])
        }
    }

    @Test func goalsWaitForTheAgendaAndEmptyInputGetsInlineErrors() async throws {
        try await withApp { app, _ in
            _ = try await Fixtures.make(on: app)
            var citizen = Browser(app)
            try await citizen.signIn(Fixtures.login(.coTrainer))
            try await citizen.get("/plan")
            let early = try await citizen.post("/plan/goals", [("goal", "Too early")])
            #expect(early.status == .unprocessableEntity)
            #expect(early.body.string.contains("Write what matters to you."))
            let blank = try await citizen.post("/plan/agenda", [("whatMatters", "   "), ("version", "0")])
            #expect(blank.status == .unprocessableEntity)
            #expect(blank.body.string.contains(#"aria-invalid="true""#))
            let long = try await citizen.post("/plan/agenda", [("whatMatters", "ok"), ("support", String(repeating: "x", count: 2001)), ("version", "0")])
            #expect(long.body.string.contains("at most 2,000 characters"))
            #expect(try await Goal.query(on: app.db).count() == 1)  // the fixtures' own
            #expect(try await Plan.query(on: app.db).first()?.version == 0)
        }
    }

    @Test func aSecondSaveIsShownTheFirstInsteadOfOverwritingIt() async throws {
        try await withApp { app, _ in
            _ = try await Fixtures.make(on: app)
            var phone = Browser(app)
            try await phone.signIn(Fixtures.login(.citizen))
            var laptop = Browser(app)
            try await laptop.signIn(Fixtures.login(.citizen))
            try await phone.get("/plan")
            try await laptop.get("/plan")
            #expect(try await phone.post("/plan/agenda", [("whatMatters", "Written on the phone"), ("version", "0")]).status == .seeOther)
            let second = try await laptop.post("/plan/agenda", [("whatMatters", "Written on the laptop"), ("version", "0")])
            #expect(second.status == .conflict)
            let body = second.body.string
            #expect(body.contains("Written on the phone"))
            #expect(body.contains("Written on the laptop"))
            #expect(body.contains(#"name="version" value="1""#))
            #expect(try await Plan.query(on: app.db).first()?.whatMatters == "Written on the phone")
            // Saving again, knowingly, from the version now shown, replaces it.
            #expect(try await laptop.post("/plan/agenda", [("whatMatters", "Written on the laptop"), ("version", "1")]).status == .seeOther)
            #expect(try await Plan.query(on: app.db).first()?.whatMatters == "Written on the laptop")
        }
    }

    @Test func manyParallelSavesFromOneVersionLetExactlyOneThrough() async throws {
        try await withApp { app, _ in
            _ = try await Fixtures.make(on: app)
            var citizen = Browser(app)
            try await citizen.signIn(Fixtures.login(.citizen))
            try await citizen.get("/plan")
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for index in 0..<12 {
                    let browser = citizen
                    group.addTask {
                        var mine = browser
                        return try await mine.post("/plan/agenda", [("whatMatters", "Version \(index)"), ("version", "0")]).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .seeOther }.count == 1, "\(statuses)")
            #expect(statuses.filter { $0 == .conflict }.count == 11)
            #expect(try await Plan.query(on: app.db).first()?.version == 1)
        }
    }

    @Test func staffWithoutACitizenRoleHaveNoPlanOfTheirOwn() async throws {
        try await withApp { app, _ in
            _ = try await Fixtures.make(on: app)
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            #expect(try await professional.get("/plan").status == .forbidden)
            let home = try await professional.get("/").body.string
            #expect(!home.contains("My plan"))
        }
    }

    @Test func aGoalChangedElsewhereMeanwhileIsShownNotOverwritten() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            var phone = Browser(app)
            try await phone.signIn(Fixtures.login(.citizen))
            var laptop = Browser(app)
            try await laptop.signIn(Fixtures.login(.citizen))
            let path = "/plan/goals/\(fixtures.citizenGoal)"
            #expect(try await phone.get(path).body.string.contains(#"value="Work again""#))
            try await laptop.get(path)
            #expect(try await laptop.post(path, [("goal", "Work again, in a hospital"), ("status", "active"), ("version", "0")]).status == .seeOther)
            let late = try await phone.post(path, [("goal", "Work again"), ("status", "achieved"), ("version", "0")])
            #expect(late.status == .conflict)
            #expect(late.body.string.contains("Work again, in a hospital"))
            #expect(late.body.string.contains(#"name="version" value="1""#))
            let goal = try #require(try await Goal.find(fixtures.citizenGoal, on: app.db))
            #expect(goal.text == "Work again, in a hospital" && goal.status == .active && goal.version == 1)
            try await phone.get(path)
            #expect(try await phone.post(path, [("goal", "Work again, in a hospital"), ("status", "achieved"), ("version", "1")]).status == .seeOther)
            #expect(try await Goal.find(fixtures.citizenGoal, on: app.db)?.status == .achieved)
            // Suggestions are answered, not edited; empty words are refused.
            try await phone.get(path)
            #expect(try await phone.post(path, [("goal", "  "), ("status", "active"), ("version", "2")]).status == .unprocessableEntity)
            try await PlanStore.suggestGoal("Take a course", planID: fixtures.citizenPlan, by: fixtures.accounts[.professional]!, at: Date(), on: app.db)
            let suggestion = try #require(try await Goal.query(on: app.db).filter(\.$origin == .suggested).first())
            #expect(try await phone.get("/plan/goals/\(suggestion.id!)").status == .notFound)
            try await phone.get(path)
            #expect(try await phone.post("/plan/goals/\(suggestion.id!)", [("goal", "Mine now"), ("status", "active"), ("version", "0")]).status == .notFound)
            #expect(try await Goal.find(suggestion.id, on: app.db)?.status == .awaitingCitizen)
        }
    }

    @Test func aCitizenSetsAGoalAsideKeptWithTheDayAndTakesItUpAgain() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            var citizen = Browser(app)
            try await citizen.signIn(Fixtures.login(.citizen))
            try await citizen.get("/plan")
            try await citizen.post("/plan/agenda", ActionTests.agenda)
            let path = "/plan/goals/\(fixtures.citizenGoal)"
            #expect(try await citizen.get(path).body.string.contains(#"<option value="set-aside">Set aside for now</option>"#))
            world.advance(by: 3 * 24 * 3600)
            citizen = Browser(app)
            try await citizen.signIn(Fixtures.login(.citizen))
            try await citizen.get(path)
            #expect(try await citizen.post(path, [("goal", "Work again"), ("status", "set-aside"), ("version", "0")]).status == .seeOther)
            let plan = try await citizen.get("/plan").body.string
            #expect(plan.contains("Goals you have set aside"))
            #expect(plan.contains(#"Work again<span class="tag">set aside on May 31, 2026</span>"#))
            // Actions for it no longer count as serving the person's agenda now; the goal is still theirs.
            let whole = try await citizen.get("/plan/actions").body.string
            #expect(whole.contains("Of your 1 thing to do, 0 are for goals you chose."))
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            #expect(try await professional.get("/plans/\(fixtures.citizenPlan)").body.string.contains("Work again"))
            // Taken up again: working on it, the day kept as when it changed.
            try await citizen.get(path)
            #expect(try await citizen.post(path, [("goal", "Work again"), ("status", "active"), ("version", "1")]).status == .seeOther)
            let goal = try #require(try await Goal.find(fixtures.citizenGoal, on: app.db))
            #expect(goal.status == .active && goal.statusChangedAt != nil)
            #expect(!(try await citizen.get("/plan").body.string.contains("Goals you have set aside")))
        }
    }
}
