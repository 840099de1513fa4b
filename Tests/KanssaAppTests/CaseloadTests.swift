import Agenda
import Fluent
import Foundation
@testable import KanssaApp
import KanssaCore
import Testing
import VaporTesting

/// The professional's caseload: searched and paginated in the database, with next and overdue
/// actions and the last check-in only where the citizen shared them.
@Suite struct CaseloadTests {
    @Test func nextAndOverdueActionsAndTheLastCheckInAreShownWhereShared() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            let day = 24.0 * 3600
            let tomorrow = PlanActions.day(world.now.addingTimeInterval(day), in: app.platform.config.timeZone)
            let lastWeek = PlanActions.day(world.now.addingTimeInterval(-7 * day), in: app.platform.config.timeZone)
            for (text, due) in [("Visit the job fair", tomorrow), ("Send the CV", lastWeek), ("Later", "2026-12-01")] {
                try await PlanActions.add(
                    ActionDraft(goalID: fixtures.citizenGoal, text: text, owner: .citizen, dueOn: due, status: .open),
                    planID: fixtures.citizenPlan, teamID: nil, by: fixtures.accounts[.citizen]!, at: world.now, on: app.db)
            }
            try await CheckIns.record([.init(area: "home", rating: 6, note: nil)], perspective: .citizen, planID: fixtures.citizenPlan,
                                      by: fixtures.accounts[.citizen]!, at: world.now, on: app.db)
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            let page = try await professional.get("/caseload").body.string
            #expect(page.contains("Visit the job fair"))
            #expect(page.contains("<strong>1</strong>"))
            #expect(page.contains("May 28, 2026"))
            // Four open actions (the fixtures' and three), all for the citizen's own goal.
            let figure = try await professional.get("/caseload/alignment").body.string
            #expect(figure.contains("100 %"))
            #expect(figure.contains("4 of 4 open actions"))

            try await PlanAuthorisation.query(on: app.db).set(\.$sections, to: "agenda,goals").update()
            let narrower = try await professional.get("/caseload").body.string
            #expect(!narrower.contains("Visit the job fair"))
            #expect(narrower.contains("not shared"))
            #expect(try await professional.get("/caseload/alignment").body.string.contains("No open actions yet."))
        }
    }

    @Test func searchAndPagesAreAnsweredByTheDatabase() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            let hash = try await Account.query(on: app.db).first()!.passwordHash
            for number in 1...30 {
                let account = Account(login: "person\(number)@here.test", displayName: String(format: "Person %02d", number),
                                      preferredLanguage: "en", passwordHash: hash, createdAt: world.now)
                try await account.create(on: app.db)
                let plan = try await PlanStore.plan(of: try account.requireID(), at: world.now, on: app.db)
                try await PlanSharing.authorise(
                    planID: try plan.requireID(), teamID: fixtures.outreachTeam, sections: [.agenda], purpose: "Work",
                    legalBasis: .publicTask, until: world.now.addingTimeInterval(3600 * 24 * 10), by: try account.requireID(),
                    at: world.now, on: app.db)
            }
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            let first = try await professional.get("/caseload").body.string
            #expect(first.contains("Plans shared with you (31)"))
            #expect(first.contains("Person 01") && first.contains("Person 25") && !first.contains("Person 26"))
            let second = try await professional.get("/caseload?page=2").body.string
            #expect(second.contains("Person 26") && second.contains("The citizen") && !second.contains("Person 25"))

            let found = try await professional.get("/caseload?q=person%201").body.string
            #expect(found.contains("Plans shared with you (10)"))  // 10–19
            #expect(!found.contains("The citizen"))
            #expect(try await professional.get("/caseload?q=CITIZEN").body.string.contains("The citizen"))
            // Letters beyond ASCII, in any case and with or without accents (SQLite's LOWER knows ASCII only).
            var me = Browser(app)
            try await me.signIn(Fixtures.login(.citizen))
            try await me.get("/me")
            #expect(try await me.post("/me", [("displayName", "Åsa Öhman-Ängström"), ("language", "en")]).status == .seeOther)
            for typed in ["ÖHMAN", "ängström", "ohman", "ASA"] {
                let search = typed.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? typed
                #expect(try await professional.get("/caseload?q=\(search)").body.string.contains("Åsa Öhman-Ängström"), "\(typed)")
            }
            // Wildcards are searched for as typed, not as patterns.
            #expect(try await professional.get("/caseload?q=%25").body.string.contains("Nobody on your list matches that name."))
            #expect(try await professional.get("/caseload?q=_").body.string.contains("Nobody on your list matches that name."))
            // Every listed person sees the look on their trace; those on other pages do not.
            let reads = try await AuditEntry.query(on: app.db).filter(\.$target == "caseload").filter(\.$subjectID == fixtures.accounts[.citizen]!).count()
            #expect(reads == 6)  // page 2, the search for them, and the four by her new name
        }
    }
}

/// A coordinator sees each team's agenda alignment — only over five plans or more.
@Suite struct TeamAlignmentTests {
    @Test func aTeamsFigureAppearsOnlyFromFivePlans() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            let hash = try await Account.query(on: app.db).first()!.passwordHash
            var coordinator = Browser(app)
            try await coordinator.signIn(Fixtures.login(.coordinator))
            // The fixtures' plan is shared with Outreach, with one open action for the citizen's own goal.
            var page = try await coordinator.get("/organisations/\(fixtures.here)/alignment").body.string
            #expect(page.contains("Too few plans to show without identifying people"))
            #expect(!page.contains("Call the job centre"))
            for number in 1...4 {
                let account = Account(login: "p\(number)@here.test", displayName: "P\(number)", preferredLanguage: "en",
                                      passwordHash: hash, createdAt: world.now)
                try await account.create(on: app.db)
                let plan = try await PlanStore.plan(of: try account.requireID(), at: world.now, on: app.db)
                let goal = Goal(planID: try plan.requireID(), text: "Theirs", origin: .suggested, status: .awaitingCitizen,
                                suggestedByID: fixtures.accounts[.professional]!, createdByID: fixtures.accounts[.professional]!,
                                createdAt: world.now)
                try await goal.create(on: app.db)
                try await PlanActions.add(
                    ActionDraft(goalID: try goal.requireID(), text: "Do as we say", owner: .citizen, dueOn: nil, status: .open),
                    planID: try plan.requireID(), teamID: fixtures.outreachTeam, by: fixtures.accounts[.professional]!,
                    at: world.now, on: app.db)
                try await PlanSharing.authorise(
                    planID: try plan.requireID(), teamID: fixtures.outreachTeam,
                    sections: number == 4 ? [.goals] : [.goals, .actions], purpose: "Work", legalBasis: .publicTask,
                    until: world.now.addingTimeInterval(3600 * 24 * 10), by: try account.requireID(), at: world.now, on: app.db)
            }
            // Four plans share their actions with Outreach: still too few.
            page = try await coordinator.get("/organisations/\(fixtures.here)/alignment").body.string
            #expect(page.contains("Too few plans to show without identifying people"))
            try await PlanAuthorisation.query(on: app.db).set(\.$sections, to: "actions,goals").update()
            page = try await coordinator.get("/organisations/\(fixtures.here)/alignment").body.string
            #expect(page.contains("20 % (1 of 5 open actions)"))
            // A coordinator of another organisation sees nothing of this one.
            var elsewhere = Browser(app)
            try await elsewhere.signIn(Fixtures.adminElsewhereLogin)
            #expect(try await elsewhere.get("/organisations/\(fixtures.here)/alignment").status == .forbidden)
        }
    }
}
