import Encountering
import Fluent
import Foundation
@testable import KanssaApp
import KanssaCore
import Testing
import VaporTesting

/// The right of access: a person downloads everything about them, including who looked.
@Suite struct ExportTests {
    /// The wire contract, decoded into the test's own types.
    struct Export: Decodable {
        struct Account: Decodable { let login: String; let displayName: String }
        struct Membership: Decodable { let organisation: String; let role: String }
        struct Goal: Decodable { let text: String; let origin: String; let status: String }
        struct Authorisation: Decodable { let grantee: String; let sections: [String]; let purpose: String; let legalBasis: String }
        struct Strength: Decodable { let kind: String; let text: String }
        struct Action: Decodable { let text: String; let goal: String?; let service: String?; let status: String }
        struct CheckIn: Decodable { let lifeArea: String; let rating: Int; let perspective: String }
        struct Plan: Decodable {
            let whatMatters: String?; let strengths: [Strength]; let goals: [Goal]; let authorisations: [Authorisation]
            let actions: [Action]; let checkIns: [CheckIn]
        }
        struct Access: Decodable { let who: String?; let event: String; let purpose: String }
        let exportedAt: Date
        let account: Account
        let memberships: [Membership]
        let plan: Plan?
        let accessTrace: [Access]
    }

    @Test func aCitizenDownloadsTheirPlanTheirPermissionsAndWhoLooked() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            var citizen = Browser(app)
            try await citizen.signIn(Fixtures.login(.citizen))
            try await citizen.get("/plan")
            try await citizen.post("/plan/agenda", [("whatMatters", "Working again"), ("version", "0")])
            try await citizen.get("/plan")
            try await citizen.post("/plan/goals", [("goal", "Drive again")])
            try await citizen.get("/plan")
            try await citizen.post("/plan/strengths", [("kind", "interest"), ("strength", "Football on Sundays")])
            try await citizen.get("/plan/life")
            try await citizen.post("/plan/check-ins", [("rating-health", "8")])
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            try await professional.get("/plans/\(fixtures.citizenPlan)")

            let response = try await citizen.get("/me/export.json")
            #expect(response.status == .ok)
            #expect(response.headers.contentType == .json)
            #expect(response.headers.first(name: .contentDisposition)?.contains("attachment") == true)
            #expect(response.headers.first(name: .cacheControl) == "no-store")
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            let export = try decoder.decode(Export.self, from: Data(response.body.readableBytesView))
            #expect(export.account.login == Fixtures.login(.citizen))
            #expect(export.memberships.map(\.role) == ["citizen"])
            #expect(export.plan?.whatMatters == "Working again")
            #expect(Set(export.plan?.goals.map(\.text) ?? []) == ["Work again", "Drive again"])
            #expect(export.plan?.strengths.map(\.kind) == ["interest"])
            #expect(export.plan?.actions.map(\.text) == ["Call the job centre"])
            #expect(export.plan?.actions.first?.service == "Outreach (Here)")
            #expect(export.plan?.actions.first?.goal == "Work again")
            #expect(export.plan?.checkIns.map(\.rating) == [8])
            #expect(export.plan?.checkIns.first?.lifeArea == "health")
            #expect(export.plan?.authorisations.first?.grantee == "Outreach (Here)")
            #expect(export.plan?.authorisations.first?.legalBasis == "public-task")
            #expect(export.accessTrace.contains { $0.who == "The professional" && $0.purpose == "Finding work together" })
        }
    }

    @Test func staffWithoutAPlanGetAnExportWithoutOne() async throws {
        try await withApp { app, _ in
            _ = try await Fixtures.make(on: app)
            var admin = Browser(app)
            try await admin.signIn(Fixtures.login(.admin))
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            let export = try decoder.decode(Export.self, from: Data(try await admin.get("/me/export.json").body.readableBytesView))
            #expect(export.plan == nil)
            #expect(export.account.displayName == "The admin")
        }
    }

    /// A co-trainer's export holds their panel and chosen name, the sessions they delivered and
    /// what their time was recognised with, and their reflection; the printable page says it too.
    @Test func aCoTrainersExportHoldsWhatEncounteringKeepsAboutThem() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            let coTrainerID = fixtures.accounts[.coTrainer]!
            try await SessionCoTrainer.query(on: app.db).filter(\.$accountID == coTrainerID).set(\.$minutes, to: 210)
                .set(\.$feeCents, to: 4000).set(\.$currency, to: "EUR").update()
            try await CoTrainerReflection(sessionID: fixtures.encounterSession, accountID: coTrainerID, heard: 4, text: "We were heard",
                                          at: world.now).create(on: app.db)
            var coTrainer = Browser(app)
            try await coTrainer.signIn(Fixtures.login(.coTrainer))
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            let export = try decoder.decode(PersonalDataExport.self, from: Data(try await coTrainer.get("/me/export.json").body.readableBytesView))
            let encountering = try #require(export.encountering)
            #expect(encountering.panels.map(\.creditName) == ["Venla"])
            #expect(encountering.delivered.map(\.module) == ["Kohtaa minut"] && encountering.delivered.first?.feeCents == 4000)
            #expect(encountering.delivered.first?.reflection == "We were heard")
            let printable = try await coTrainer.get("/me/export").body.string
            #expect(printable.contains("Youth panel: credited as Venla") && printable.contains("3.5 hours") && printable.contains("We were heard"))
        }
    }

    @Test func thePrintablePageHoldsTheSameAndIsOnTheTrace() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            try await professional.get("/plans/\(fixtures.citizenPlan)")
            var citizen = Browser(app)
            try await citizen.signIn(Fixtures.login(.citizen))
            try await citizen.get("/plan/life")
            try await citizen.post("/plan/check-ins", [("rating-money", "4"), ("note-money", "Better since the payment plan")])
            let page = try await citizen.get("/me/export")
            #expect(page.status == .ok)
            let body = page.body.string
            for expected in ["All my information", "citizen@here.test", "Work again", "Call the job centre", "Outreach (Here)",
                             "Better since the payment plan", "Finding work together", "The professional", "Looked at your information"] {
                #expect(body.contains(expected), "\(expected)")
            }
            let exports = try await AuditEntry.query(on: app.db)
                .filter(\.$event == .personalDataExported).filter(\.$target == "export.html").count()
            #expect(exports == 1)
        }
    }
}
