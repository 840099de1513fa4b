import Agenda
@testable import Evaluation
import Fluent
import Foundation
@testable import KanssaApp
import KanssaCore
import Testing
import VaporTesting

/// Staff changes: the register is written by every change of team places, whichever way it is
/// made; the figures per team and quarter follow their formulas; names are for admins only.
@Suite struct StaffChangesTests {
    static let day = 86_400.0

    @Test func theFiguresFollowTheirFormulas() {
        let start = Date(timeIntervalSince1970: 1_000 * Self.day)
        let end = start.addingTimeInterval(90 * Self.day)
        let period = StaffChanges.Period(start: start, end: end, firstDay: "", isCurrent: false)
        let spans = [
            // Four there at the start: one leaves in the period, three stay.
            StaffChanges.Span(joinedAt: start.addingTimeInterval(-100 * Self.day), leftAt: nil),
            StaffChanges.Span(joinedAt: start.addingTimeInterval(-200 * Self.day), leftAt: nil),
            StaffChanges.Span(joinedAt: start.addingTimeInterval(-10 * Self.day), leftAt: nil),
            StaffChanges.Span(joinedAt: start.addingTimeInterval(-50 * Self.day), leftAt: start.addingTimeInterval(30 * Self.day)),
            // One joins and leaves within it; one joins and stays; one left before it began.
            StaffChanges.Span(joinedAt: start.addingTimeInterval(10 * Self.day), leftAt: start.addingTimeInterval(20 * Self.day)),
            StaffChanges.Span(joinedAt: start.addingTimeInterval(60 * Self.day), leftAt: nil),
            StaffChanges.Span(joinedAt: start.addingTimeInterval(-300 * Self.day), leftAt: start.addingTimeInterval(-1 * Self.day)),
        ]
        let figures = StaffChanges.figures(spans, in: period)
        #expect(figures.atStart == 4 && figures.atEnd == 4 && figures.joined == 2 && figures.left == 2)
        // Two leavers ÷ ((4 + 4) ÷ 2).
        #expect(figures.turnover == 0.5)
        // Three of the four there at the start are there at the end.
        #expect(figures.stability == 0.75)
        // At the end: 190, 290, 100 and 30 days in the team; the middle of four is (100 + 190) ÷ 2.
        #expect(figures.medianTenureDays == 145)

        let empty = StaffChanges.figures([], in: period)
        #expect(empty.turnover == nil && empty.stability == nil && empty.medianTenureDays == nil)
    }

    @Test func theQuartersEndNowAndGoBackByCalendarQuarter() throws {
        let utc = try #require(TimeZone(identifier: "UTC"))
        let now = try #require(ISO8601DateFormatter().date(from: "2026-12-07T03:00:00Z"))
        let quarters = StaffChanges.quarters(4, endingAt: now, timeZone: utc)
        #expect(quarters.map(\.firstDay) == ["2026-01-01", "2026-04-01", "2026-07-01", "2026-10-01"])
        #expect(quarters.last?.end == now && quarters.last?.isCurrent == true && quarters.first?.isCurrent == false)
        #expect(quarters[2].end == quarters[3].start)
    }

    /// Every team place held has one open stint, and every open stint a place.
    static func expectRegisterMatchesPlaces(_ app: Application, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let places = try await TeamMember.query(on: app.db).all().map { "\($0.$team.id) \($0.$account.id)" }.sorted()
        let open = try await TeamStint.query(on: app.db).filter(\.$leftAt == nil).all().map { "\($0.teamID) \($0.accountID.map(\.uuidString) ?? "-")" }
        #expect(places == open.sorted(), sourceLocation: sourceLocation)
    }

    @Test func everyChangeOfTeamPlacesIsInTheRegister() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            try await Self.expectRegisterMatchesPlaces(app)
            let professional = fixtures.accounts[.professional]!
            var admin = Browser(app)
            try await admin.signIn(Fixtures.login(.admin))
            let member = "/organisations/\(fixtures.here)/members/\(professional)"

            // Moved from outreach to a new team a week later.
            world.advance(by: 7 * Self.day)
            try await admin.signIn(Fixtures.login(.admin))
            _ = try await admin.get("/organisations/\(fixtures.here)/admin")
            _ = try await admin.post("/organisations/\(fixtures.here)/teams", [("name", "Employment")])
            let employment = try #require(try await Team.query(on: app.db).filter(\.$name == "Employment").first()?.requireID())
            _ = try await admin.get(member)
            #expect(try await admin.post(member + "/teams", [("teams[]", employment.uuidString)]).status == .seeOther)
            let stints = try await TeamStint.query(on: app.db).filter(\.$accountID == professional).sort(\.$joinedAt).all()
            #expect(stints.map(\.teamID) == [fixtures.outreachTeam, employment])
            #expect(stints[0].leftAt == world.now && stints[1].joinedAt == world.now && stints[1].leftAt == nil)
            try await Self.expectRegisterMatchesPlaces(app)

            // Leaving the organisation leaves its teams.
            world.advance(by: Self.day)
            try await admin.signIn(Fixtures.login(.admin))
            _ = try await admin.get(member)
            #expect(try await admin.post(member + "/roles").status == .seeOther)
            #expect(try await TeamStint.query(on: app.db).filter(\.$accountID == professional).filter(\.$leftAt == nil).count() == 0)
            try await Self.expectRegisterMatchesPlaces(app)

            // An erased account leaves its teams when it is closed, and its name goes from the register.
            let both = fixtures.memberOfBoth
            try await TeamMembership.join(fixtures.outreachTeam, accountID: both, at: world.now, on: app.db)
            let request = try await DataRequests.make(.erasure, for: both, at: world.now, on: app.db)
            try await AccountErasure.close(request, now: world.now, on: app.db)
            #expect(try await TeamStint.query(on: app.db).filter(\.$accountID == both).filter(\.$leftAt == nil).count() == 0)
            // As when shared work still names the account: the row stays, emptied.
            try await AccountErasure.remove(request, sharedWorkRemains: true, now: world.now, on: app.db)
            #expect(try await TeamStint.query(on: app.db).filter(\.$accountID == both).count() == 0)
            #expect(try await TeamStint.query(on: app.db).filter(\.$accountID == nil).count() == 1)
            try await Self.expectRegisterMatchesPlaces(app)
        }
    }

    @Test func coordinatorsSeeFiguresAndAdminsWhoLeftAndWhy() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            let page = "/organisations/\(fixtures.here)/staff-changes"
            var coordinator = Browser(app)
            try await coordinator.signIn(Fixtures.login(.coordinator))
            let figures = try await coordinator.get(page).body.string
            #expect(figures.contains("Turnover") && figures.contains("Leavers ÷ average staff") && figures.contains("Outreach"))
            // The coordinator's own earlier time in the team counts, without their name on this page.
            #expect(!figures.contains("Who joined and left") && !figures.contains("Record why"))

            var admin = Browser(app)
            try await admin.signIn(Fixtures.login(.admin))
            let register = try await admin.get(page).body.string
            #expect(register.contains("Who joined and left") && register.contains("The coordinator") && register.contains("Record why"))
            let stint = page + "/\(fixtures.endedStint)"
            #expect(try await admin.get(stint).body.string.contains("Why The coordinator left Outreach"))
            let refused = try await admin.post(stint, [("reason", "bored")])
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("Choose why they left."))
            let saved = try await admin.post(stint, [("reason", "movedTeam")])
            #expect(saved.headers.first(name: .location) == page + "?notice=reason")
            #expect(try await admin.get(page + "?notice=reason").body.string.contains("Moved to another team"))
            #expect(try await TeamStint.find(fixtures.endedStint, on: app.db)?.leaveReason == .movedTeam)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$event == .leaveReasonRecorded).count() == 1)

            // Someone still in the team has no reason to give.
            let open = try #require(try await TeamStint.query(on: app.db).filter(\.$leftAt == nil).first()?.requireID())
            #expect(try await admin.get(page + "/\(open)").status == .notFound)
            #expect(try await admin.post(page + "/\(open)", [("reason", "left")]).status == .notFound)
        }
    }

    /// Continuity seen from the citizen: told on their home page, and by a notice, when the person
    /// or the whole team they share their plan with has left, and asked whether to share with
    /// someone else.
    @Test func aCitizenIsToldWhenThoseTheyShareWithLeave() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            let professional = fixtures.accounts[.professional]!
            // Shared with the professional by name too, besides the outreach team.
            try await PlanAuthorisation(planID: fixtures.citizenPlan, granteeAccountID: professional, granteeTeamID: nil, sections: [.agenda],
                                        purpose: "Her own support", legalBasis: .consent, expiresAt: world.now.addingTimeInterval(60 * Self.day),
                                        createdByID: fixtures.accounts[.citizen]!, createdAt: world.now).create(on: app.db)
            var citizen = Browser(app)
            try await citizen.signIn(Fixtures.login(.citizen))
            #expect(!(try await citizen.get("/").body.string.contains("has left")))

            // The outreach team's one member leaves it.
            world.advance(by: Self.day)
            try await TeamMembership.leave([fixtures.outreachTeam], accountID: professional, at: world.now, on: app.db)
            try await citizen.signIn(Fixtures.login(.citizen))
            let home = try await citizen.get("/").body.string
            #expect(home.contains("Everyone in Outreach (Here), the team your plan is shared with, has left"))
            #expect(home.contains("The professional, who can see your plan, left their team on"))
            #expect(home.contains("href=\"/plan/sharing\""))
            let notices = try await PersonNotice.query(on: app.db).filter(\.$accountID == fixtures.accounts[.citizen]!)
                .filter(\.$kind == .sharedWithLeft).count()
            #expect(notices == 2)
            #expect(try await citizen.get("/notices").body.string.contains("Everyone in Outreach (Here), which can see your plan, has left"))

            // Someone joins the team again: the team share is no longer empty; the person's stays told.
            try await TeamMembership.join(fixtures.outreachTeam, accountID: fixtures.memberOfBoth, at: world.now, on: app.db)
            let later = try await citizen.get("/").body.string
            #expect(!later.contains("Everyone in Outreach") && later.contains("The professional, who can see your plan, left their team on"))
        }
    }

    @Test func aPlanLosesItsLastPersonOnlyWhenTheyLeave() {
        let start = Date(timeIntervalSince1970: 2_000 * Self.day)
        let end = start.addingTimeInterval(90 * Self.day)
        let now = end.addingTimeInterval(-Self.day)
        func at(_ days: Double) -> Date { start.addingTimeInterval(days * Self.day) }
        let (team, other, revoked) = (UUID(), UUID(), UUID())
        let (x, y, p, q, solo) = (UUID(), UUID(), UUID(), UUID(), UUID())
        let (a, b, c, d, e) = (UUID(), UUID(), UUID(), UUID(), UUID())
        let stints = [
            // x leaves the team on day 5 and y joins it on day 15.
            Continuity.Stint(team: team, account: x, joinedAt: at(-300), leftAt: at(5)),
            Continuity.Stint(team: team, account: y, joinedAt: at(15), leftAt: nil),
            // p leaves the other team on day 20; q leaves it on day 30 and nobody comes.
            Continuity.Stint(team: other, account: p, joinedAt: at(-300), leftAt: at(20)),
            Continuity.Stint(team: other, account: q, joinedAt: at(-300), leftAt: at(30)),
            Continuity.Stint(team: revoked, account: UUID(), joinedAt: at(-300), leftAt: at(40)),
        ]
        let long = at(400)
        let shares = [
            Continuity.Share(plan: a, account: nil, team: team, from: at(-100), until: long),
            // Shared with p and with the team: when p leaves, the team still has x or y.
            Continuity.Share(plan: b, account: p, team: nil, from: at(-100), until: long),
            Continuity.Share(plan: b, account: nil, team: team, from: at(-100), until: long),
            Continuity.Share(plan: c, account: q, team: nil, from: at(-100), until: long),
            // Taken back by its owner before anyone left: not a loss.
            Continuity.Share(plan: d, account: nil, team: revoked, from: at(-100), until: at(35)),
            // Someone never in a team cannot leave one.
            Continuity.Share(plan: e, account: solo, team: nil, from: at(-100), until: long),
        ]
        let losses = Continuity.losses(shares: shares, stints: stints, from: start, to: end, now: now)
        #expect(losses == [Continuity.Loss(at: at(5), regainedAt: at(15)), Continuity.Loss(at: at(30), regainedAt: nil)])
        #expect(Continuity.figures(losses) == Continuity.Figures(plans: 2, medianDays: 10, longestDays: 10, waiting: 1))
        // A later period sees none of them begin.
        #expect(Continuity.losses(shares: shares, stints: stints, from: end, to: end.addingTimeInterval(90 * Self.day), now: now).isEmpty)
    }

    @Test func theStaffChangesPageCountsPlansThatLostTheirLastPerson() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            world.advance(by: Self.day)
            // The citizen's plan is shared with the outreach team, whose one member leaves.
            try await TeamMembership.leave([fixtures.outreachTeam], accountID: fixtures.accounts[.professional]!, at: world.now, on: app.db)
            var coordinator = Browser(app)
            try await coordinator.signIn(Fixtures.login(.coordinator))
            let page = try await coordinator.get("/organisations/\(fixtures.here)/staff-changes").body.string
            let section = try #require(page.range(of: "Continuity for citizens").map { String(page[$0.lowerBound...]) })
            // This quarter's row: one plan, nobody new yet, still waiting.
            let row = try #require(section.range(of: "<tr><td>This quarter").map { String(section[$0.lowerBound...].prefix { $0 != "\n" }) })
            #expect(row.hasPrefix("<tr><td>This quarter") && row.contains("</td><td>1</td><td>Nobody to count</td><td>Nobody to count</td><td>1</td></tr>"),
                    "\(row.prefix(300))")
        }
    }
}
