import Agenda
import Fluent
import Foundation
@testable import KanssaApp
import KanssaCore
import Testing
import VaporTesting

/// A citizen restricts the processing of their data or asks for its erasure; the retention job
/// carries an erasure out as far and as soon as the organisations' retention rules allow.
@Suite struct DataRequestTests {
    static let month: TimeInterval = 31 * 24 * 3600

    /// The citizen's plan with their own words and a note, a strength, a rating, and the
    /// professional's note and action (for the citizen's goal) as case records.
    static func fillPlan(_ app: Application, _ fixtures: Fixtures) async throws {
        var citizen = Browser(app)
        try await citizen.signIn(Fixtures.login(.citizen))
        try await citizen.get("/plan")
        try await citizen.post("/plan/agenda", [("whatMatters", "Working again"), ("appreciated", "Reliable"), ("version", "0")])
        try await citizen.get("/plan")
        try await citizen.post("/plan/strengths", [("kind", "skill"), ("strength", "Cooking")])
        try await citizen.get("/plan")
        try await citizen.post("/plan/notes", [("note", "My own note")])
        var professional = Browser(app)
        try await professional.signIn(Fixtures.login(.professional))
        try await professional.get("/plans/\(fixtures.citizenPlan)")
        #expect(try await professional.post("/plans/\(fixtures.citizenPlan)/notes", [("note", "Met at the job centre")]).status == .seeOther)
    }

    static func run(_ app: Application) async -> RetentionJob.Report {
        await RetentionJob.run(now: app.platform.dependencies.now(), timeZone: app.platform.config.timeZone, on: app.db, logger: app.logger)
    }

    @Test func aRestrictionClosesThePlanToEveryoneElseUntilTheCitizenLiftsIt() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            #expect(try await professional.get("/plans/\(fixtures.citizenPlan)").status == .ok)
            #expect(try await professional.get("/caseload").body.string.contains("The citizen"))

            var citizen = Browser(app)
            try await citizen.signIn(Fixtures.login(.citizen))
            try await citizen.get("/me/data")
            let restricted = try await citizen.post("/me/data/restriction")
            #expect(restricted.headers.first(name: .location) == "/me/data?notice=restricted")
            #expect(try await citizen.get("/me/data").body.string.contains("Lift the restriction"))
            #expect(try await citizen.get("/plan").status == .ok, "the owner keeps their plan")

            #expect(try await professional.get("/plans/\(fixtures.citizenPlan)").status == .forbidden)
            #expect(try await professional.get("/plans/\(fixtures.citizenPlan)/actions/\(fixtures.citizenAction)").status == .forbidden)
            #expect(!(try await professional.get("/caseload").body.string.contains("The citizen")))

            try await citizen.get("/me/data")
            #expect(try await citizen.post("/me/data/restriction/lift").status == .seeOther)
            #expect(try await professional.get("/plans/\(fixtures.citizenPlan)").status == .ok)
            #expect(try await professional.get("/caseload").body.string.contains("The citizen"), "back in the caseload")
            let events = try await AuditEntry.query(on: app.db).filter(\.$subjectID == fixtures.accounts[.citizen]!)
                .filter(\.$event ~~ [.dataRequestMade, .dataRequestEnded]).all().map(\.event)
            #expect(events.sorted { $0.rawValue < $1.rawValue } == [.dataRequestEnded, .dataRequestMade])
            // Nothing to lift any more.
            try await citizen.get("/me/data")
            #expect(try await citizen.post("/me/data/restriction/lift").status == .notFound)
        }
    }

    @Test func erasureAsksForConfirmationAndWithoutRulesEverythingGoesAtTheFirstRun() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            try await Self.fillPlan(app, fixtures)
            let citizenID = fixtures.accounts[.citizen]!
            var citizen = Browser(app)
            try await citizen.signIn(Fixtures.login(.citizen))
            let page = try await citizen.get("/me/data").body.string
            #expect(page.contains("None of your organisations keeps anything"))
            let unconfirmed = try await citizen.post("/me/data/erasure")
            #expect(unconfirmed.status == .unprocessableEntity)
            #expect(try await DataRequest.query(on: app.db).count() == 0)
            #expect(try await citizen.post("/me/data/erasure", [("understood[]", "yes")]).status == .seeOther)

            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            #expect(try await professional.get("/plans/\(fixtures.citizenPlan)").status == .forbidden, "restricted from the request on")

            let report = await Self.run(app)
            #expect(report == RetentionJob.Report(requests: 1, completed: 1, erased: [
                "access trace": report.erased["access trace"] ?? 0, "actions": 1, "agenda": 1, "authorisations": 1, "check-ins": 0,
                "goals": 1, "notes": 2, "plan": 1, "strengths": 1, "tensions": 0,
            ]))
            #expect((report.erased["access trace"] ?? 0) > 3)
            #expect(try await Account.find(citizenID, on: app.db) == nil)
            #expect(try await Membership.query(on: app.db).filter(\.$account.$id == citizenID).count() == 0)
            #expect(try await Plan.find(fixtures.citizenPlan, on: app.db) == nil)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$subjectID == citizenID).count() == 0)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$actorID == citizenID).filter(\.$subjectID == nil).count() == 0)
            let erased = try #require(try await AuditEntry.query(on: app.db).filter(\.$event == .personalDataErased).first())
            #expect(erased.subjectID == nil && erased.actorID == nil)
            #expect(erased.target.hasSuffix("actions 1, agenda 1, authorisations 1, goals 1, notes 2, plan 1, strengths 1")
                    || erased.target.contains("access trace"))
            let request = try #require(try await DataRequest.query(on: app.db).first())
            #expect(request.state == .completed)
            // The person is gone: signing in fails like any unknown name.
            try await citizen.get("/sign-in")
            let signIn = try await citizen.post("/sign-in", [("login", Fixtures.login(.citizen)), ("password", Fixtures.password)])
            #expect(signIn.status != .seeOther)
            #expect(await Self.run(app) == RetentionJob.Report(), "a second run finds nothing to do")
        }
    }

    @Test func anOrganisationsRulesKeepCaseRecordsAndTheTraceForTheirTimeAndNoLonger() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            try await Self.fillPlan(app, fixtures)
            let citizenID = fixtures.accounts[.citizen]!
            var admin = Browser(app)
            try await admin.signIn(Fixtures.login(.admin))
            try await admin.get("/organisations/\(fixtures.here)/retention")
            #expect(try await admin.post("/organisations/\(fixtures.here)/retention", [
                ("months-case-records", "24"), ("reason-case-records", "Social Welfare Act: client records"),
                ("months-access-trace", "12"), ("reason-access-trace", "Proof of lawful use"), ("months-unused-accounts", "0"),
            ]).status == .seeOther)

            var citizen = Browser(app)
            try await citizen.signIn(Fixtures.login(.citizen))
            let page = try await citizen.get("/me/data").body.string
            #expect(page.contains("Here keeps what its staff wrote in your plan for 24 months after your request, because: Social Welfare Act: client records"))
            #expect(page.contains("Here keeps the record of who saw or changed your information for 12 months"))
            #expect(try await citizen.post("/me/data/erasure", [("understood[]", "yes")]).status == .seeOther)

            // First run: the account is closed and the citizen's own words go; case records and the trace stay.
            let first = await Self.run(app)
            #expect(first.completed == 0)
            #expect(first.erased == ["actions": 0, "agenda": 1, "check-ins": 0, "goals": 1, "notes": 1, "strengths": 1, "tensions": 0])
            let account = try #require(try await Account.find(citizenID, on: app.db))
            #expect(account.login.hasPrefix("erased-") && account.disabledAt != nil)
            #expect(try await BrowserSession.query(on: app.db).filter(\.$account.$id == citizenID).count() == 0)
            let plan = try #require(try await Plan.find(fixtures.citizenPlan, on: app.db))
            #expect(plan.whatMatters == nil && plan.appreciated == nil)
            let goal = try #require(try await Goal.find(fixtures.citizenGoal, on: app.db))
            #expect(goal.text.isEmpty, "the citizen's goal loses its words; its row stays for the action kept")
            #expect(try await PlanAction.query(on: app.db).filter(\.$plan.$id == fixtures.citizenPlan).count() == 1)
            #expect(try await PlanNote.query(on: app.db).filter(\.$plan.$id == fixtures.citizenPlan).all().map(\.text) == ["Met at the job centre"])
            #expect(try await AuditEntry.query(on: app.db).filter(\.$subjectID == citizenID).count() > 0)
            // Too late to withdraw: the account is closed.
            try await citizen.get("/sign-in")
            #expect(try await citizen.post("/sign-in", [("login", Fixtures.login(.citizen)), ("password", Fixtures.password)]).status != .seeOther)

            world.advance(by: 13 * Self.month)
            let second = await Self.run(app)
            #expect(second.completed == 0)
            #expect((second.erased["access trace"] ?? 0) > 0)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$subjectID == citizenID).count() == 0)
            #expect(try await PlanNote.query(on: app.db).filter(\.$plan.$id == fixtures.citizenPlan).count() == 1)

            world.advance(by: 12 * Self.month)
            let third = await Self.run(app)
            #expect(third.completed == 1)
            #expect(third.erased["notes"] == 1 && third.erased["actions"] == 1 && third.erased["plan"] == 1)
            #expect(try await Account.find(citizenID, on: app.db) == nil)
            #expect(try await Goal.query(on: app.db).filter(\.$plan.$id == fixtures.citizenPlan).count() == 0)
        }
    }

    @Test func theServerRunsTheJobOnItsOwnAndStopsItWhenItStops() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            let citizenID = fixtures.accounts[.citizen]!
            try await DataRequests.make(.erasure, for: citizenID, at: world.now, on: app.db)
            let schedule = Schedule.retention(every: .milliseconds(50))
            app.lifecycle.use(schedule)
            try await app.asyncBoot()
            let clock = ContinuousClock()
            // Generous: the whole suite shares two cores and the few threads SQLite runs on.
            let deadline = clock.now + .seconds(60)
            while try await Account.find(citizenID, on: app.db) != nil, clock.now < deadline {
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(try await Account.find(citizenID, on: app.db) == nil)
            #expect(try await DataRequest.query(on: app.db).first()?.state == .completed)
            // Stopped here, before the test's database goes; stopping twice is harmless.
            await schedule.shutdownAsync(app)
        }
    }

    @Test func anErasureWithdrawnBeforeTheFirstRunErasesNothing() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            try await Self.fillPlan(app, fixtures)
            var citizen = Browser(app)
            try await citizen.signIn(Fixtures.login(.citizen))
            try await citizen.get("/me/data")
            #expect(try await citizen.post("/me/data/erasure", [("understood[]", "yes")]).status == .seeOther)
            #expect(try await citizen.get("/me/data").body.string.contains("Withdraw my request"))
            #expect(try await citizen.post("/me/data/erasure/withdraw").headers.first(name: .location) == "/me/data?notice=withdrawn")
            #expect(await Self.run(app) == RetentionJob.Report())
            #expect(try await Plan.find(fixtures.citizenPlan, on: app.db)?.whatMatters == "Working again")
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            #expect(try await professional.get("/plans/\(fixtures.citizenPlan)").status == .ok)
        }
    }

    @Test func retentionRulesAreCheckedAndEveryChangeIsTraced() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            var admin = Browser(app)
            try await admin.signIn(Fixtures.login(.admin))
            try await admin.get("/organisations/\(fixtures.here)/retention")
            let notANumber = try await admin.post("/organisations/\(fixtures.here)/retention", [
                ("months-case-records", "two years"), ("months-access-trace", "0"),
            ])
            #expect(notANumber.status == .unprocessableEntity)
            #expect(notANumber.body.string.contains("Give a whole number of months from 0 to 600."))
            let noReason = try await admin.post("/organisations/\(fixtures.here)/retention", [
                ("months-case-records", "24"), ("reason-case-records", " "), ("months-access-trace", "0"),
            ])
            #expect(noReason.status == .unprocessableEntity)
            #expect(noReason.body.string.contains("Say why these records are kept"))
            #expect(try await RetentionRule.query(on: app.db).count() == 0)
            #expect(try await admin.post("/organisations/\(fixtures.here)/retention", [
                ("months-case-records", "24"), ("reason-case-records", "Client records"), ("months-access-trace", "601"),
            ]).status == .unprocessableEntity)
            try await admin.get("/organisations/\(fixtures.here)/retention")
            #expect(try await admin.post("/organisations/\(fixtures.here)/retention", [
                ("months-case-records", "24"), ("reason-case-records", "Client records"), ("months-access-trace", "0"),
                ("months-unused-accounts", "0"),
            ]).status == .seeOther)
            let rules = try await RetentionRule.query(on: app.db).all()
            #expect(rules.map(\.keepMonths) == [24] && rules.map(\.recordKind) == [.caseRecords])
            let changed = try await AuditEntry.query(on: app.db).filter(\.$event == .retentionRulesChanged).all()
            #expect(changed.map(\.target) == ["case-records=24,access-trace=0,unused-accounts=0"])
            #expect(changed.first?.organisationID == fixtures.here)
            // Another organisation's administrator cannot read or change them.
            var elsewhere = Browser(app)
            try await elsewhere.signIn(Fixtures.adminElsewhereLogin)
            #expect(try await elsewhere.get("/organisations/\(fixtures.here)/retention").status == .forbidden)
        }
    }

    @Test func anAccountNobodyUsesIsErasedAfterItsOrganisationsRuleAndNoSooner() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            try await Self.fillPlan(app, fixtures)
            let citizenID = fixtures.accounts[.citizen]!
            // The outreach team stays authorised for three years.
            try await PlanAuthorisation.query(on: app.db).filter(\.$plan.$id == fixtures.citizenPlan)
                .set(\.$expiresAt, to: world.now.addingTimeInterval(3 * 365 * 24 * 3600)).update()
            var admin = Browser(app)
            try await admin.signIn(Fixtures.login(.admin))
            try await admin.get("/organisations/\(fixtures.here)/retention")
            let noReason = try await admin.post("/organisations/\(fixtures.here)/retention", [
                ("months-case-records", "0"), ("months-access-trace", "0"), ("months-unused-accounts", "12"),
            ])
            #expect(noReason.status == .unprocessableEntity)
            #expect(try await admin.post("/organisations/\(fixtures.here)/retention", [
                ("months-case-records", "0"), ("months-access-trace", "0"),
                ("months-unused-accounts", "12"), ("reason-unused-accounts", "We keep nothing nobody uses"),
            ]).status == .seeOther)
            var citizen = Browser(app)
            try await citizen.signIn(Fixtures.login(.citizen))
            let page = try await citizen.get("/me/data").body.string
            #expect(page.contains("If for 12 months you do not sign in and nobody changes your plan"))
            #expect(page.contains("Here, because: We keep nothing nobody uses"))

            func requested() async throws -> Bool {
                try await DataRequest.query(on: app.db).filter(\.$accountID == citizenID).filter(\.$kind == .erasure).count() > 0
            }
            // Eleven months on: still within the rule.
            world.advance(by: 335 * 24 * 3600)
            #expect(await Self.run(app).unused == 0)
            #expect(try await !requested())
            // A professional works on the plan with the citizen, who does not sign in themselves.
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            try await professional.get("/plans/\(fixtures.citizenPlan)")
            #expect(try await professional.post("/plans/\(fixtures.citizenPlan)/notes", [("note", "Talked it over at home")]).status == .seeOther)
            // Thirteen months after the citizen last signed in, two after the plan last changed: in use.
            world.advance(by: 60 * 24 * 3600)
            #expect(await Self.run(app).unused == 0)
            #expect(try await !requested())
            // A year and more after the last change: asked for and, without other rules, carried out in the same run.
            world.advance(by: 320 * 24 * 3600)
            let report = await Self.run(app)
            #expect(report.unused == 1)
            #expect(report.completed == 1)
            #expect(try await Account.find(citizenID, on: app.db) == nil)
            #expect(try await Plan.find(fixtures.citizenPlan, on: app.db) == nil)
            let request = try #require(try await DataRequest.query(on: app.db).filter(\.$accountID == citizenID).first())
            #expect(request.state == .completed)
            // Staff, co-trainers and someone who is a citizen elsewhere but staff here are never erased by the rule.
            for role in [Role.professional, .coordinator, .admin, .coTrainer] {
                #expect(try await Account.find(fixtures.accounts[role]!, on: app.db) != nil, "\(role)")
            }
            #expect(try await Account.find(fixtures.memberOfBoth, on: app.db) != nil)
            #expect(await Self.run(app).unused == 0, "a second run asks for nothing more")
        }
    }

    @Test func theRuleOnUnusedAccountsAppliesOnlyToCitizensOfOrganisationsThatAllHaveOne() {
        let here = UUID(), there = UUID()
        #expect(UnusedAccounts.months(memberships: [(here, .citizen)], rules: [here: 12]) == 12)
        #expect(UnusedAccounts.months(memberships: [(here, .citizen), (there, .citizen)], rules: [here: 12, there: 36]) == 36)
        #expect(UnusedAccounts.months(memberships: [(here, .citizen), (there, .citizen)], rules: [here: 12]) == nil)
        #expect(UnusedAccounts.months(memberships: [(here, .citizen), (here, .professional)], rules: [here: 12]) == nil)
        #expect(UnusedAccounts.months(memberships: [(here, .coTrainer)], rules: [here: 12]) == nil)
        #expect(UnusedAccounts.months(memberships: [], rules: [here: 12]) == nil)
        #expect(UnusedAccounts.months(memberships: [(here, .citizen)], rules: [here: 0]) == nil)
    }
}
