import Encountering
import Fluent
import Foundation
@testable import KanssaApp
import KanssaCore
import Testing
import VaporTesting

/// Co-trainers own the training: a coordinator sets up their panel, the co-trainers write and
/// publish a module in their own words, staff comment but cannot edit, and another organisation
/// sees the module only once it is published.
@Suite struct EncounteringTests {
    @Test func aCoordinatorSetsUpAPanelOfTheOrganisationsCoTrainers() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            let path = "/organisations/\(fixtures.here)/panels"
            var coordinator = Browser(app)
            try await coordinator.signIn(Fixtures.login(.coordinator))
            let page = try await coordinator.get(path).body.string
            #expect(page.contains("Youth panel") && page.contains("Co-trainers: Venla"))
            // A citizen is not a co-trainer, and another organisation's admin is not staff here.
            let bad = try await coordinator.post(path, [("name", "Parents' panel"), ("contact", fixtures.adminElsewhere.uuidString),
                                                        ("members[]", fixtures.accounts[.citizen]!.uuidString)])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("Choose a staff contact from the list") && bad.body.string.contains("Choose one or more co-trainers"))
            try await coordinator.get(path)
            #expect(try await coordinator.post(path, [("name", "Parents' panel"), ("contact", fixtures.accounts[.coordinator]!.uuidString),
                                                      ("members[]", fixtures.accounts[.coTrainer]!.uuidString)]).status == .seeOther)
            let panel = try #require(try await Panel.query(on: app.db).filter(\.$name == "Parents' panel").first())
            #expect(try await PanelMember.query(on: app.db).filter(\.$panelID == panel.requireID()).all().map(\.creditName) == ["The co-trainer"])
        }
    }

    @Test func coTrainersWriteAndPublishStaffCommentAndOthersSeeItOncePublished() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            var coTrainer = Browser(app)
            try await coTrainer.signIn(Fixtures.login(.coTrainer))
            // Their name for credits, chosen by them.
            try await coTrainer.get("/encountering")
            #expect(try await coTrainer.post("/encountering/panels/\(fixtures.panel)/credit", [("credit-\(fixtures.panel)", "Venla K.")]).status
                    == .seeOther)
            // A new module: a title, what professionals take from it, a language.
            try await coTrainer.get("/encountering")
            let id = fixtures.panel
            #expect(try await coTrainer.post("/encountering/panels/\(id)/modules", [("title-\(id)", "")]).status == .unprocessableEntity)
            try await coTrainer.get("/encountering")
            let started = try await coTrainer.post("/encountering/panels/\(id)/modules", [
                ("title-\(id)", "Be there, not in your screen"), ("summary-\(id)", "What we want you to know before you meet us"),
                ("language-\(id)", "en"),
            ])
            #expect(started.status == .seeOther)
            let path = try #require(started.headers.first(name: .location)?.split(separator: "?").first.map(String.init))
            try await coTrainer.get(path)
            #expect(try await coTrainer.post("\(path)/publish", [("reviewed[]", "yes")]).body.string
                .contains("A module needs at least one section"))
            try await coTrainer.get(path)
            #expect(try await coTrainer.post("\(path)/sections", [("kind", "reflection"), ("section-title", "How do you meet people?")])
                .status == .unprocessableEntity)  // a reflection needs its questionnaire
            for (kind, title, body) in [("bad-encounter", "The form first", "She read the form aloud and never looked up."),
                                        ("tips", "Three tips", "Say your name. Sit down. Ask what matters.")] {
                try await coTrainer.get(path)
                #expect(try await coTrainer.post("\(path)/sections", [("kind", kind), ("section-title", title), ("body", body)]).status == .seeOther)
            }
            try await coTrainer.get(path)
            #expect(try await coTrainer.post("\(path)/sections", [("kind", "reflection"), ("section-title", "How do you meet people?"),
                                                                  ("instrument", "encounter-reflection")]).status == .seeOther)

            // Removing a section asks first.
            let tips = try #require(try await ModuleSection.query(on: app.db).filter(\.$title == "Three tips").first())
            let removePath = "\(path)/sections/\(try tips.requireID())/remove"
            try await coTrainer.get(path)
            let asked = try await coTrainer.post(removePath, [])
            #expect(asked.status == .ok && asked.body.string.contains("Remove “Three tips” for good?"))
            #expect(try await ModuleSection.find(tips.id, on: app.db) != nil)
            #expect(try await coTrainer.post(removePath, [("confirm", "yes")]).status == .seeOther)
            #expect(try await ModuleSection.find(tips.id, on: app.db) == nil)
            try await coTrainer.get(path)
            #expect(try await coTrainer.post("\(path)/sections", [("kind", "tips"), ("section-title", "Three tips"),
                                                                  ("body", "Say your name. Sit down. Ask what matters.")]).status == .seeOther)

            // Another organisation does not see the draft; the staff contact comments and cannot edit.
            var elsewhere = Browser(app)
            try await elsewhere.signIn(Fixtures.adminElsewhereLogin)
            #expect(try await elsewhere.get(path).status == .forbidden)
            var contact = Browser(app)
            try await contact.signIn(Fixtures.login(.professional))
            let draft = try await contact.get(path).body.string
            #expect(draft.contains("She read the form aloud") && !draft.contains("Add a section"))
            #expect(try await contact.post(path, [("title", "Changed by staff"), ("summary", "x"), ("language", "en"), ("version", "4")]).status
                    == .forbidden)
            #expect(try await contact.post("\(path)/sections", [("kind", "tips"), ("section-title", "Staff tip"), ("body", "x")]).status
                    == .forbidden)
            #expect(try await contact.post("\(path)/publish", [("reviewed[]", "yes")]).status == .forbidden)
            try await contact.get(path)
            #expect(try await contact.post("\(path)/comments", [("comment", "Could the tips come first?")]).status == .seeOther)
            #expect(try await coTrainer.get(path).body.string.contains("Could the tips come first?"))

            // A change made meanwhile in another tab is detected, not written over.
            let module = try #require(try await TrainingModule.query(on: app.db).filter(\.$title == "Be there, not in your screen").first())
            try await coTrainer.get(path)
            let stale = try await coTrainer.post(path, [("title", "Be there"), ("summary", "Ours"), ("language", "en"),
                                                        ("version", String(module.version - 1))])
            #expect(stale.status == .conflict && stale.body.string.contains("changed the module meanwhile"))

            // Published after the panel's own review: read everywhere, credited by the names they chose.
            try await coTrainer.get(path)
            #expect(try await coTrainer.post("\(path)/publish", []).status == .unprocessableEntity)
            try await coTrainer.get(path)
            #expect(try await coTrainer.post("\(path)/publish", [("reviewed[]", "yes")]).status == .seeOther)
            let published = try await elsewhere.get(path)
            #expect(published.status == .ok)
            #expect(published.body.string.contains("Written by Venla K.") && published.body.string.contains("Say your name. Sit down."))
            #expect(!published.body.string.contains("The co-trainer"))  // their account name is not shown
            #expect(!published.body.string.contains("Could the tips come first?"))  // comments stay with the panel and its supporters
            #expect(try await elsewhere.get("/encountering").body.string.contains("Be there, not in your screen"))
        }
    }

    @Test func aPanelChangesASectionInPlaceAndItsEarlierWordingIsKept() async throws {
        let world = TestWorld()
        try await withApp(world: world) { app, world in
            let fixtures = try await Fixtures.make(on: app)
            let module = "/encountering/modules/\(fixtures.module)"
            let path = "\(module)/sections/\(fixtures.section)"
            var coTrainer = Browser(app)
            try await coTrainer.signIn(Fixtures.login(.coTrainer))
            let form = try await coTrainer.get(path).body.string
            #expect(form.contains("Change the section “The nurse who sat down”") && form.contains("She sat down next to me."))
            #expect(form.contains("This section has not been changed since it was written."))
            // Nothing to save is refused with what to write.
            let empty = try await coTrainer.post(path, [("section-title", " "), ("body", "x"), ("version", "0")])
            #expect(empty.status == .unprocessableEntity && empty.body.string.contains("Give the section a title."))
            world.advance(by: 3600)
            try await coTrainer.get(path)
            let saved = try await coTrainer.post(path, [("section-title", "The nurse who sat down beside me"),
                                                        ("body", "She sat down next to me and asked what I wanted."), ("version", "0")])
            #expect(saved.status == .seeOther)
            #expect(saved.headers.first(name: .location) == "\(module)?notice=section-changed&section=\(fixtures.section)#section-\(fixtures.section)")
            let page = try await coTrainer.get(try #require(saved.headers.first(name: .location))).body.string
            #expect(page.contains("The section is saved. Its earlier wording is kept with it.") && page.contains("autofocus"))
            #expect(page.contains("Changed on") && page.contains("read its earlier wording"))
            let section = try #require(try await ModuleSection.find(fixtures.section, on: app.db))
            #expect(section.version == 1 && section.kind == SectionKind.goodEncounter.rawValue && section.position == 1)
            let kept = try await SectionVersion.query(on: app.db).filter(\.$sectionID == fixtures.section).all()
            #expect(kept.map(\.body) == ["She sat down next to me."])
            #expect(try await coTrainer.get(path).body.string.contains("She sat down next to me.</p>"))

            // A second tab still at version 0 does not write over it; it is shown what the section says now.
            try await coTrainer.get(path)
            let stale = try await coTrainer.post(path, [("section-title", "Mine"), ("body", "My words"), ("version", "0")])
            #expect(stale.status == .conflict)
            #expect(stale.body.string.contains("changed this section while you were writing") && stale.body.string.contains("My words"))
            #expect(try await ModuleSection.find(fixtures.section, on: app.db)?.title == "The nurse who sat down beside me")

            // Through another module the section is not found; staff who support the panel cannot change it.
            #expect(try await coTrainer.get("/encountering/modules/\(fixtures.publishedModule)/sections/\(fixtures.section)").status == .notFound)
            var contact = Browser(app)
            try await contact.signIn(Fixtures.login(.professional))
            #expect(try await contact.get(path).status == .forbidden)
            #expect(try await contact.post(path, [("section-title", "Staff"), ("body", "x"), ("version", "1")]).status == .forbidden)

            // Removed for good, its earlier wordings go with it.
            try await coTrainer.get(module)
            #expect(try await coTrainer.post("\(path)/remove", [("confirm", "yes")]).status == .seeOther)
            #expect(try await SectionVersion.query(on: app.db).count() == 0)
        }
    }

    @Test func publishedModulesComeAPageAtATime() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            for number in 1...29 {
                let module = TrainingModule(organisationID: fixtures.elsewhere, panelID: fixtures.panel, title: "Module number \(number)",
                                            summary: "x", language: "en", licence: "CC BY 4.0", createdByID: fixtures.accounts[.coTrainer]!,
                                            at: world.now)
                module.publishedAt = world.now.addingTimeInterval(Double(number))
                try await module.create(on: app.db)
            }
            var reader = Browser(app)
            try await reader.signIn(Fixtures.memberOfBothLogin)  // supports no panel: sees published modules only
            let first = try await reader.get("/encountering").body.string
            #expect(first.contains("Module number 29") && !first.contains("Kohtaa minut") && first.contains("Page 1 of 2"))
            let second = try await reader.get("/encountering?page=2").body.string
            #expect(second.contains("Kohtaa minut") && second.contains("Module number 1<") && !second.contains("Module number 29"))
        }
    }
}
