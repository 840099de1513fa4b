import Encountering
import Fluent
import Foundation
@testable import KanssaApp
import KanssaCore
import Testing
import Vapor
import VaporTesting

/// A module spreads: another organisation's panel adapts it, a third adapts the adaptation, and
/// every credit stays — the authors', then each panel of adapters'. Each module's page shows
/// where it came from and where it went.
@Suite struct AdaptationTests {
    /// A new organisation with a co-trainer (signing in as `login`) in a panel of its own, whose
    /// staff contact is a professional there.
    static func organisationWithPanel(
        _ name: String, coTrainer login: String, credit: String, on app: Application
    ) async throws -> (organisation: UUID, panel: UUID) {
        let now = app.platform.dependencies.now()
        let organisation = Organisation(name: name, defaultLanguage: "en", createdAt: now)
        try await organisation.create(on: app.db)
        let organisationID = try organisation.requireID()
        let hash = try Bcrypt.hash(Fixtures.password, cost: 4)
        var ids: [UUID] = []
        for (login, role) in [(login, Role.coTrainer), ("staff-\(login)", .professional)] {
            let account = Account(login: login, displayName: "Legal name of \(login)", preferredLanguage: "en", passwordHash: hash, createdAt: now)
            try await account.create(on: app.db)
            try await Enrolment.grant(accountID: try account.requireID(), organisationID: organisationID, role: role, at: now, on: app.db)
            ids.append(try account.requireID())
        }
        let panel = Panel(organisationID: organisationID, name: "\(name) panel", staffContactID: ids[1], at: now)
        try await panel.create(on: app.db)
        try await PanelMember(panelID: try panel.requireID(), accountID: ids[0], creditName: credit, at: now).create(on: app.db)
        return (organisationID, try panel.requireID())
    }

    /// Adapts a module as a co-trainer, translates its title and publishes it; returns its path.
    static func adaptAndPublish(
        _ browser: inout Browser, module: String, panel: UUID, title: String, language: String
    ) async throws -> String {
        let page = try await browser.get(module).body.string
        #expect(page.contains("Adapt this module"))
        let adapted = try await browser.post("\(module)/adaptations/\(panel)", [])
        #expect(adapted.status == .seeOther)
        let path = try #require(adapted.headers.first(name: .location)?.split(separator: "?").first.map(String.init))
        let id = try #require(UUID(uuidString: String(path.split(separator: "/").last!)))
        let copy = try #require(try await TrainingModule.find(id, on: browser.app.db))
        try await browser.get(path)
        #expect(try await browser.post(path, [("title", title), ("summary", copy.summary), ("language", language), ("licence", copy.licence),
                                              ("version", String(copy.version))]).status == .seeOther)
        try await browser.get(path)
        #expect(try await browser.post("\(path)/publish", [("reviewed[]", "yes")]).status == .seeOther)
        return path
    }

    @Test func aModuleAdaptedAcrossThreeOrganisationsKeepsEveryCreditAndShowsItsLineage() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            let houten = try await Self.organisationWithPanel("Houten", coTrainer: "daan@houten.test", credit: "Daan", on: app)
            let valencia = try await Self.organisationWithPanel("Valencia", coTrainer: "lucia@valencia.test", credit: "Lucía", on: app)
            let original = "/encountering/modules/\(fixtures.publishedModule)"

            // A draft is not adapted by anyone, not even its own panel.
            var venla = Browser(app)
            try await venla.signIn(Fixtures.login(.coTrainer))
            #expect(try await venla.post("/encountering/modules/\(fixtures.module)/adaptations/\(fixtures.panel)", []).status == .forbidden)
            // Nobody adapts for a panel they are not in (nor coordinate).
            #expect(try await venla.post("\(original)/adaptations/\(houten.panel)", []).status == .forbidden)

            var daan = Browser(app)
            try await daan.signIn("daan@houten.test")
            let houtenPath = try await Self.adaptAndPublish(&daan, module: original, panel: houten.panel, title: "Ontmoet mij", language: "en")

            // Before Valencia publishes, its draft is nobody else's business.
            var lucia = Browser(app)
            try await lucia.signIn("lucia@valencia.test")
            try await lucia.get(houtenPath)
            let draft = try await lucia.post("\(houtenPath)/adaptations/\(valencia.panel)", [])
            let draftPath = try #require(draft.headers.first(name: .location)?.split(separator: "?").first.map(String.init))
            #expect(try await daan.get(draftPath).status == .forbidden)
            #expect(!(try await venla.get(original).body.string.contains("Valencia")))
            let draftPage = try await lucia.get(draftPath).body.string
            #expect(draftPage.contains("Written by Venla — Youth panel, Here") && draftPage.contains("Adapted by Daan — Houten panel, Houten"))
            #expect(draftPage.contains("Istu alas."))  // every section came along
            try await lucia.get(draftPath)
            let id = try #require(UUID(uuidString: String(draftPath.split(separator: "/").last!)))
            let copy = try #require(try await TrainingModule.find(id, on: app.db))
            #expect(try await lucia.post(draftPath, [("title", "Conóceme"), ("summary", "Formación"), ("language", "en"), ("licence", copy.licence),
                                                     ("version", String(copy.version))]).status == .seeOther)
            try await lucia.get(draftPath)
            #expect(try await lucia.post("\(draftPath)/publish", [("reviewed[]", "yes")]).status == .seeOther)

            // The third module: the whole chain back, every credit in order, no account name.
            let third = try await lucia.get(draftPath).body.string
            let written = try #require(third.range(of: "Written by Venla — Youth panel, Here"))
            let houtenCredit = try #require(third.range(of: "Adapted by Daan — Houten panel, Houten"))
            let valenciaCredit = try #require(third.range(of: "Adapted by Lucía — Valencia panel, Valencia"))
            #expect(written.lowerBound < houtenCredit.lowerBound && houtenCredit.lowerBound < valenciaCredit.lowerBound)
            #expect(third.contains("Adapted from:") && third.contains("Ontmoet mij — Houten")
                    && third.contains("which was adapted from:") && third.contains("Kohtaa minut — Here"))
            #expect(!(try await venla.get(draftPath).body.string.contains("Legal name of")))  // the credited names only

            // The original: both adaptations, the second inside the first, and three organisations reached.
            let first = try await venla.get(original).body.string
            #expect(first.contains("An original, not adapted from another module."))
            let houtenLine = try #require(first.range(of: "Ontmoet mij — Houten"))
            let valenciaLine = try #require(first.range(of: "Conóceme — Valencia"))
            #expect(houtenLine.lowerBound < valenciaLine.lowerBound)
            #expect(first.contains("Organisations reached, with its adaptations: 3"))
            let lineage = try await ModuleLineage.load(moduleID: fixtures.publishedModule, on: app.db)
            #expect(lineage.descendants.map(\.depth) == [1, 2] && lineage.descendants.map(\.title) == ["Ontmoet mij", "Conóceme"])
            #expect(try await ModuleLineage.load(moduleID: id, on: app.db).ancestors.map(\.title) == ["Ontmoet mij", "Kohtaa minut"])

            // The originals are untouched by their adaptations.
            #expect(try await TrainingModule.find(fixtures.publishedModule, on: app.db)?.title == "Kohtaa minut")
            #expect(try await ModuleCredit.query(on: app.db).filter(\.$moduleID == fixtures.publishedModule).count() == 1)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$event == .moduleAdapted).count() == 2)
        }
    }

    @Test func aLicenceWithoutDerivativesIsNotAdapted() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            let houten = try await Self.organisationWithPanel("Houten", coTrainer: "daan@houten.test", credit: "Daan", on: app)
            let module = try #require(try await TrainingModule.find(fixtures.publishedModule, on: app.db))
            module.licence = "CC BY-ND 4.0"
            try await module.save(on: app.db)
            var daan = Browser(app)
            try await daan.signIn("daan@houten.test")
            let path = "/encountering/modules/\(fixtures.publishedModule)"
            #expect(try await daan.get(path).body.string.contains("does not allow changed versions"))
            let refused = try await daan.post("\(path)/adaptations/\(houten.panel)", [])
            #expect(refused.status == .conflict)
            #expect(try await TrainingModule.query(on: app.db).filter(\.$panelID == houten.panel).count() == 0)
            #expect(Modules.permitsAdaptation(licence: "CC BY 4.0") && Modules.permitsAdaptation(licence: "CC BY-SA 4.0"))
            #expect(!Modules.permitsAdaptation(licence: "CC BY-NC-ND 4.0") && !Modules.permitsAdaptation(licence: "Attribution-NoDerivatives"))
        }
    }
}
