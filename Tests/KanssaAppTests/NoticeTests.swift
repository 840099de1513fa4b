import Agenda
import Fluent
import Foundation
@testable import KanssaApp
import KanssaCore
import Testing
import VaporTesting

/// A person's notices: raised where something is done to their plan or found waiting for them,
/// counted in every page's header, listed, marked read when seen, and theirs alone.
@Suite struct NoticeTests {
    @Test func aCitizenIsToldOfASuggestionAndANoteUntilTheySeeThem() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            var citizen = Browser(app)
            try await citizen.signIn(Fixtures.login(.citizen))
            #expect(try await citizen.get("/plan").body.string.contains(#"<a href="/notices">Notices</a>"#))
            try await citizen.post("/plan/agenda", ActionTests.agenda)

            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            try await professional.get("/plans/\(fixtures.citizenPlan)")
            let suggested = try await professional.post("/plans/\(fixtures.citizenPlan)/suggestions", [("goal", "Take the bus course")])
            #expect(suggested.status == .seeOther, "\(suggested.body.string)")
            world.advance(by: 60)
            try await professional.get("/plans/\(fixtures.citizenPlan)")
            try await professional.post("/plans/\(fixtures.citizenPlan)/notes", [("note", "Good to see you today")])
            // Their own note on their own plan tells them nothing.
            try await citizen.get("/plan")
            try await citizen.post("/plan/notes", [("note", "A note to myself")])

            let plan = try await citizen.get("/plan").body.string
            #expect(plan.contains(#"Notices <span class="badge">2 new</span>"#))
            let list = try await citizen.get("/notices").body.string
            let note = try #require(list.range(of: "The professional wrote a note on your plan."))
            let suggestion = try #require(list.range(of: "The professional suggested a goal for your plan. Say what you think of it."))
            #expect(note.lowerBound < suggestion.lowerBound, "newest first")
            #expect(list.contains(#"<a href="/plan#timeline">The professional wrote a note"#))
            #expect(list.components(separatedBy: #"<span class="tag">New</span>"#).count == 3)
            #expect(!list.contains("A note to myself") && !list.contains("Good to see you"), "the words themselves stay on the plan")
            // Seen once, they are no longer new.
            #expect(!(try await citizen.get("/plan").body.string.contains("badge")))
            #expect(!(try await citizen.get("/notices").body.string.contains(#"<span class="tag">New</span>"#)))

            // Nobody else sees them, and the professional has none of their own.
            let theirs = try await professional.get("/notices").body.string
            #expect(theirs.contains("Nothing yet."))
            #expect(try await PersonNotice.query(on: app.db).count() == 2)
        }
    }

    @Test func whatTheHomePageFindsWaitingIsRaisedOnceAndSeenThere() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            // The fixture's share with the professional's team runs 30 days: 20 days on, it ends soon.
            world.advance(by: 20 * 86_400)
            var citizen = Browser(app)
            try await citizen.signIn(Fixtures.login(.citizen))
            let home = try await citizen.get("/").body.string
            #expect(home.contains("Notices</a>"), "seen on the home page, so not counted as new")
            #expect(!home.contains("badge"))
            try await citizen.get("/")
            let notices = try await PersonNotice.query(on: app.db).filter(\.$accountID == fixtures.accounts[.citizen]!).all()
            #expect(notices.map(\.kind) == [.shareEnding], "raised once however often the page is seen")
            #expect(notices.first?.readAt != nil)
            let list = try await citizen.get("/notices").body.string
            #expect(list.contains("What you share with Outreach (Here) ends on June 27, 2026."))
        }
    }

    @Test func someoneNewLookingIsANoticeOnlyTheFirstTime() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            var citizen = Browser(app)
            try await citizen.signIn(Fixtures.login(.citizen))
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            world.advance(by: 60)
            try await professional.get("/plans/\(fixtures.citizenPlan)")
            world.advance(by: 3600)
            var again = Browser(app)
            try await again.signIn(Fixtures.login(.citizen))
            try await again.get("/")
            try await professional.get("/plans/\(fixtures.citizenPlan)")
            world.advance(by: 3600)
            var third = Browser(app)
            try await third.signIn(Fixtures.login(.citizen))
            try await third.get("/")
            let readers = try await PersonNotice.query(on: app.db).filter(\.$kind == .newReader).all()
            #expect(readers.map(\.actorID) == [fixtures.accounts[.professional]!])
            #expect(try await third.get("/notices").body.string.contains("The professional looked at your information for the first time."))
        }
    }

    @Test func thePersonChoosesTheDailyEmailAndSaysWhere() async throws {
        try await withApp { app, _ in
            _ = try await Fixtures.make(on: app)
            var citizen = Browser(app)
            try await citizen.signIn(Fixtures.login(.citizen))
            #expect(try await citizen.get("/me").body.string.contains("You see your notices when you sign in. No e-mail is sent."))
            let form = try await citizen.get("/me/notices").body.string
            #expect(form.contains(#"value="no" checked"#), "off until asked for")

            let noAddress = try await citizen.post("/me/notices", [("byEmail", "yes"), ("email", "")])
            #expect(noAddress.status == .unprocessableEntity)
            #expect(noAddress.body.string.contains("Write the e-mail address to send it to, or choose no."))
            for bad in ["fatima", "fatima@home", "fa tima@example.org", "<x>@example.org", "a@b.c\r\nBcc: x@y.z"] {
                let refused = try await citizen.post("/me/notices", [("byEmail", "yes"), ("email", bad)])
                #expect(refused.status == .unprocessableEntity, "\(bad)")
                #expect(refused.body.string.contains("Write the e-mail address like name@example.org."))
            }
            #expect(try await citizen.post("/me/notices", [("byEmail", "maybe"), ("email", "")]).status == .unprocessableEntity)

            #expect(try await citizen.post("/me/notices", [("byEmail", "yes"), ("email", " fatima@example.org ")]).status == .seeOther)
            let account = try #require(try await Account.query(on: app.db).filter(\.$login == Fixtures.login(.citizen)).first())
            #expect(account.email == "fatima@example.org" && account.noticesByEmail)
            #expect(try await citizen.get("/me").body.string.contains("A short e-mail goes to fatima@example.org at most once a day"))
            #expect(try await citizen.get("/notices").body.string.contains("You also get a short e-mail once a day"))

            #expect(try await citizen.post("/me/notices", [("byEmail", "no"), ("email", "")]).status == .seeOther)
            let after = try #require(try await Account.find(account.id, on: app.db))
            #expect(after.email == nil && !after.noticesByEmail, "no address kept that is not used")
            let trace = try await AuditEntry.query(on: app.db).filter(\.$target == "notices-by-email").count()
            #expect(trace == 2)
        }
    }

    @Test func anErasedPersonsNoticesGoAndNoticesToOthersForgetThem() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            let citizen = fixtures.accounts[.citizen]!
            let professional = fixtures.accounts[.professional]!
            try await Notices.raise([
                .init(accountID: citizen, kind: .note, about: "a", actorID: professional, link: "/plan/notes"),
                .init(accountID: professional, kind: .newReader, about: "b", actorID: citizen, link: "/me"),
            ], at: world.now, on: app.db)
            try await Notices.erase(accountID: citizen, on: app.db)
            let left = try await PersonNotice.query(on: app.db).all()
            #expect(left.count == 1)
            #expect(left.first?.accountID == professional && left.first?.actorID == nil)
        }
    }
}
