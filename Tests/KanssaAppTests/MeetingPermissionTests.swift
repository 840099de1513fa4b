import Agenda
import Fluent
import Foundation
@testable import KanssaApp
import KanssaCore
import Testing
import VaporTesting

/// A professional records a permission in a meeting, with the citizen present: only for
/// themselves or their own teams, only for a citizen of their organisation, confirmed first, and
/// shown to the citizen as recorded by them.
@Suite struct MeetingPermissionTests {
    static func newcomer(on app: Application, organisation: UUID, login: String = "newcomer@here.test") async throws -> UUID {
        let account = Account(login: login, displayName: "Nadia Newcomer", preferredLanguage: "en",
                              passwordHash: try Bcrypt.hash(Fixtures.password, cost: 4), createdAt: app.platform.dependencies.now())
        try await account.create(on: app.db)
        try await Enrolment.grant(accountID: try account.requireID(), organisationID: organisation, role: .citizen,
                                  at: app.platform.dependencies.now(), on: app.db)
        return try account.requireID()
    }

    static func form(_ fixtures: Fixtures, login: String = "NEWCOMER@here.test", team: UUID? = nil, present: Bool = true,
                     confirmed: String? = nil) -> [(String, String)] {
        var fields = [
            ("citizen", login), ("team", (team ?? fixtures.outreachTeam).uuidString), ("sections[]", "goals"),
            ("sections[]", "actions"), ("purpose", "Finding work together"), ("legalBasis", "public-task"), ("until", "2027-01-15"),
        ]
        if present { fields.append(("present[]", "yes")) }
        if let confirmed { fields.append(("confirmed", confirmed)) }
        return fields
    }

    @Test func aPermissionRecordedInAMeetingIsConfirmedFirstThenShownToTheCitizenAsRecordedByTheProfessional() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            let nadia = try await Self.newcomer(on: app, organisation: fixtures.here)
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            #expect(try await professional.get("/caseload").body.string.contains("/caseload/permissions"))
            #expect(try await professional.get("/caseload/permissions").status == .ok)

            let preview = try await professional.post("/caseload/permissions", Self.form(fixtures))
            #expect(preview.status == .ok)
            #expect(preview.body.string.contains("Permission from Nadia Newcomer"))
            #expect(try await PlanAuthorisation.query(on: app.db).count() == 1, "nothing recorded before confirming")

            let recorded = try await professional.post("/caseload/permissions", Self.form(fixtures, confirmed: "yes"))
            #expect(recorded.status == .seeOther)
            let plan = try #require(try await Plan.query(on: app.db).filter(\.$ownerID == nadia).first())
            #expect(recorded.headers.first(name: .location) == "/plans/\(plan.id!)?notice=permission-recorded")
            let authorisation = try #require(try await PlanAuthorisation.query(on: app.db).filter(\.$plan.$id == plan.id!).first())
            #expect(authorisation.withOwnerPresent)
            #expect(authorisation.createdByID == fixtures.accounts[.professional]!)
            #expect(PlanSection.set(authorisation.sections) == [.goals, .actions])
            #expect(try await professional.get("/plans/\(plan.id!)").status == .ok)

            let trace = try #require(try await AuditEntry.query(on: app.db)
                .filter(\.$subjectID == nadia).filter(\.$event == .planShared).first())
            #expect(trace.actorID == fixtures.accounts[.professional]!)
            #expect(trace.target == "team:\(fixtures.outreachTeam):actions,goals:with-owner-present")

            var citizen = Browser(app)
            try await citizen.signIn("newcomer@here.test")
            let receipt = try await citizen.get("/plan/sharing").body.string
            #expect(receipt.contains("Recorded by The professional in a meeting with you present."))
        }
    }

    @Test func withoutThePersonPresentNothingIsRecorded() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            _ = try await Self.newcomer(on: app, organisation: fixtures.here)
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            try await professional.get("/caseload/permissions")
            let response = try await professional.post("/caseload/permissions", Self.form(fixtures, present: false, confirmed: "yes"))
            #expect(response.status == .unprocessableEntity)
            #expect(response.body.string.contains("only with the person present"))
            #expect(try await PlanAuthorisation.query(on: app.db).count() == 1)
        }
    }

    @Test func aCitizenOfAnotherOrganisationIsNotFoundAndAnUnknownNameGetsTheSameAnswer() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            _ = try await Self.newcomer(on: app, organisation: fixtures.elsewhere, login: "elsewhere-citizen@elsewhere.test")
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            try await professional.get("/caseload/permissions")
            let elsewhere = try await professional.post(
                "/caseload/permissions", Self.form(fixtures, login: "elsewhere-citizen@elsewhere.test", confirmed: "yes"))
            let unknown = try await professional.post("/caseload/permissions", Self.form(fixtures, login: "nobody@here.test", confirmed: "yes"))
            #expect(elsewhere.status == .unprocessableEntity)
            #expect(unknown.status == .unprocessableEntity)
            #expect(elsewhere.body.string.contains("No one of your organisations signs in with that name"))
            #expect(unknown.body.string.contains("No one of your organisations signs in with that name"))
            #expect(!elsewhere.body.string.contains("Nadia"))
            // Someone who restricted the processing of their data is not found either.
            let restricted = try await Self.newcomer(on: app, organisation: fixtures.here, login: "restricted@here.test")
            try await DataRequests.make(.restriction, for: restricted, at: app.platform.dependencies.now(), on: app.db)
            let hidden = try await professional.post("/caseload/permissions", Self.form(fixtures, login: "restricted@here.test", confirmed: "yes"))
            #expect(hidden.status == .unprocessableEntity)
            #expect(hidden.body.string.contains("No one of your organisations signs in with that name"))
            // A professional is not a citizen: staff cannot be made to share a plan this way.
            let colleague = try await professional.post("/caseload/permissions", Self.form(fixtures, login: Fixtures.login(.coordinator), confirmed: "yes"))
            #expect(colleague.status == .unprocessableEntity)
            #expect(try await PlanAuthorisation.query(on: app.db).count() == 1)
        }
    }

    @Test func onlyTheProfessionalsOwnTeamsOrThemselvesCanBeLetIn() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            _ = try await Self.newcomer(on: app, organisation: fixtures.here)
            let employment = try #require(try await Team.query(on: app.db).filter(\.$name == "Employment").first()?.id)
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            let page = try await professional.get("/caseload/permissions").body.string
            #expect(page.contains("Outreach (Here)"))
            #expect(!page.contains("Employment"))
            let otherTeam = try await professional.post("/caseload/permissions", Self.form(fixtures, team: employment, confirmed: "yes"))
            #expect(otherTeam.status == .unprocessableEntity)

            var fields = Self.form(fixtures, confirmed: "yes")
            fields[1] = ("team", "person:\(fixtures.accounts[.professional]!)")
            #expect(try await professional.post("/caseload/permissions", fields).status == .seeOther)
            let personal = try await PlanAuthorisation.query(on: app.db).filter(\.$granteeAccountID == fixtures.accounts[.professional]!).count()
            #expect(personal == 1)
            fields[1] = ("team", "person:\(fixtures.accounts[.coordinator]!)")
            try await professional.get("/caseload/permissions")
            #expect(try await professional.post("/caseload/permissions", fields).status == .unprocessableEntity)
        }
    }
}
