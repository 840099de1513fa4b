import Encountering
import Fluent
import Foundation
@testable import KanssaApp
import KanssaCore
import Testing
import Vapor
import VaporTesting

/// Sessions of a module: put on by the panel's staff contact, registered for by the
/// organisation's professionals, attendance and the co-trainers' time recorded by the host;
/// certificates for those who came, statements for the co-trainers — and the co-trainers named
/// only as they chose, with nobody reaching them but through the host.
@Suite struct EncounterSessionTests {
    static func day(_ date: Date, in app: Application) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = app.platform.config.timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }

    @Test func aSessionIsPutOnJoinedHeldAndTheCoTrainersTimeRecognised() async throws {
        let world = TestWorld()
        try await withApp(world: world) { app, world in
            let fixtures = try await Fixtures.make(on: app)
            let module = "/encountering/modules/\(fixtures.publishedModule)"
            let coTrainerID = fixtures.accounts[.coTrainer]!

            // The panel's staff contact puts it on; bad input is named field by field.
            var contact = Browser(app)
            try await contact.signIn(Fixtures.login(.professional))
            let form = try await contact.get(module).body.string
            #expect(form.contains("Put on a session") && form.contains("Venla"))
            let bad = try await contact.post("\(module)/sessions", [
                ("date", "2020-01-01"), ("time", "25:00"), ("minutes", "5"), ("mode", "online"), ("place", "Room 4"),
                ("host", fixtures.adminElsewhere.uuidString), ("co-trainers[]", fixtures.accounts[.citizen]!.uuidString),
                ("capacity", "0"), ("follow-up", "30"),
            ])
            #expect(bad.status == .unprocessableEntity)
            for message in ["Give the day", "Give the time", "Give the length", "online, give a link", "Choose a host", "Choose one or more",
                            "from 1 to 500", "from 1 to 26"] {
                #expect(bad.body.string.contains(message), "\(message)")
            }
            try await contact.get(module)
            let scheduled = try await contact.post("\(module)/sessions", [
                ("date", Self.day(world.now.addingTimeInterval(2 * 86400), in: app)), ("time", "13:00"), ("minutes", "150"),
                ("mode", "online"), ("place", "https://meet.example.org/kohtaa"), ("host", fixtures.accounts[.trainer]!.uuidString),
                ("co-trainers[]", coTrainerID.uuidString), ("capacity", "2"), ("follow-up", "6"),
            ])
            #expect(scheduled.status == .seeOther, "\(scheduled.body.string.firstMatch(of: #/<div class="error-summary"[\s\S]*?<\/ul>/#).map { String($0.0) } ?? "")")
            let path = try #require(scheduled.headers.first(name: .location)?.split(separator: "?").first.map(String.init))

            // Participants: the link shows once registered; places run out; the co-trainer is named as they chose.
            var both = Browser(app)
            try await both.signIn(Fixtures.memberOfBothLogin)
            let before = try await both.get(path).body.string
            #expect(before.contains("The link to join is shown here once you register") && !before.contains("meet.example.org"))
            #expect(before.contains("Delivered by Venla of Youth panel") && before.contains("Ask The trainer, who hosts the session"))
            #expect(!before.contains("The co-trainer") && !before.contains("cotrainer@"))  // neither their account name nor their sign-in
            #expect(try await both.post("\(path)/registration", [("action", "register")]).status == .seeOther)
            #expect(try await both.get(path).body.string.contains("https://meet.example.org/kohtaa"))
            var coordinator = Browser(app)
            try await coordinator.signIn(Fixtures.login(.coordinator))
            try await coordinator.get(path)
            #expect(try await coordinator.post("\(path)/registration", [("action", "register")]).status == .seeOther)
            // Two places, both taken: a third person is told.
            let late = Account(login: "late@here.test", displayName: "Late Comer", preferredLanguage: "en",
                               passwordHash: try Bcrypt.hash(Fixtures.password, cost: 4), createdAt: world.now)
            try await late.create(on: app.db)
            try await Enrolment.grant(accountID: try late.requireID(), organisationID: fixtures.here, role: .professional, at: world.now, on: app.db)
            var lateComer = Browser(app)
            try await lateComer.signIn("late@here.test")
            #expect(try await lateComer.get(path).body.string.contains("The session is full."))
            try await lateComer.get("/encountering")
            #expect(try await lateComer.post("\(path)/registration", [("action", "register")]).headers.first(name: .location)?
                .hasSuffix("notice=full") == true)
            // Those who give it do not register for it.
            var coTrainer = Browser(app)
            try await coTrainer.signIn(Fixtures.login(.coTrainer))
            #expect(try await coTrainer.get(path).status == .ok)
            #expect(try await coTrainer.post("\(path)/registration", [("action", "register")]).status == .forbidden)
            #expect(try await coTrainer.get("/encountering").body.string.contains("Sessions you give"))

            // Not yet begun: attendance and recognition wait; no certificate.
            var host = Browser(app)
            try await host.signIn(Fixtures.login(.trainer))
            try await host.get(path)
            #expect(try await host.post("\(path)/attendance", [("present[]", fixtures.memberOfBoth.uuidString)]).status == .conflict)
            #expect(try await both.get("\(path)/certificate").status == .forbidden)

            // After it: the host records who came and the co-trainer's time.
            world.advance(by: 3 * 86400)
            // Three days later everyone signs in again.
            try await host.signIn(Fixtures.login(.trainer))
            try await both.signIn(Fixtures.memberOfBothLogin)
            try await coordinator.signIn(Fixtures.login(.coordinator))
            try await coTrainer.signIn(Fixtures.login(.coTrainer))
            try await contact.signIn(Fixtures.login(.professional))
            try await host.get(path)
            #expect(try await host.post("\(path)/attendance", [("present[]", fixtures.memberOfBoth.uuidString)]).status == .seeOther)
            // The late comer came without a place: the host adds them; someone of another organisation cannot be added.
            try await host.get(path)
            #expect(try await host.post("\(path)/walk-ins", [("person", fixtures.adminElsewhere.uuidString)]).status == .unprocessableEntity)
            try await host.get(path)
            #expect(try await host.post("\(path)/walk-ins", [("person", try late.requireID().uuidString)]).status == .seeOther)
            try await lateComer.signIn("late@here.test")
            #expect(try await lateComer.get("\(path)/certificate").status == .ok)
            try await host.get(path)
            let wrong = try await host.post("\(path)/recognition", [("hours-\(coTrainerID)", "0"), ("fee-\(coTrainerID)", "40.555"),
                                                                     ("currency-\(coTrainerID)", "EUR")])
            #expect(wrong.status == .unprocessableEntity && wrong.body.string.contains("Give the hours") && wrong.body.string.contains("Give the fee"))
            #expect(try await SessionCoTrainer.query(on: app.db).filter(\.$accountID == coTrainerID).filter(\.$minutes != nil).count() == 0)
            try await host.get(path)
            #expect(try await host.post("\(path)/recognition", [("hours-\(coTrainerID)", "3,5"), ("fee-\(coTrainerID)", "40.50"),
                                                                 ("currency-\(coTrainerID)", "EUR"), ("voucher-\(coTrainerID)", "Cinema voucher")])
                .status == .seeOther)

            // The participant who came prints a certificate; one who did not, cannot; neither sees the fee.
            let certificate = try await both.get("\(path)/certificate")
            #expect(certificate.status == .ok)
            #expect(certificate.body.string.contains("Member of both") && certificate.body.string.contains("Venla (Youth panel)"))
            #expect(try await coordinator.get("\(path)/certificate").status == .forbidden)
            #expect(!(try await both.get(path).body.string.contains("40.50")))

            // It names the organisation that issued it and carries a code anyone can check, the same on every print.
            let printed = certificate.body.string
            #expect(printed.contains("Issued by Here on"))
            let issued = try #require(try await AttendanceCertificate.query(on: app.db).filter(\.$accountID == fixtures.memberOfBoth).first())
            let display = try #require(InvitationCode(typed: issued.code)).display
            #expect(printed.contains("/certificates/check with the code \(display)."))
            #expect(try await both.get("\(path)/certificate").body.string.contains(display))
            #expect(try await AttendanceCertificate.query(on: app.db).filter(\.$accountID == fixtures.memberOfBoth).count() == 1)
            var anyone = Browser(app)
            let genuine = try await anyone.get("/certificates/check?code=\(display.lowercased())")
            #expect(genuine.status == .ok)
            #expect(genuine.body.string.contains("This certificate is genuine"))
            #expect(genuine.body.string.contains("Member of both took part in the training “Kohtaa minut”"))
            #expect(!genuine.body.string.contains("Venla") && !genuine.body.string.contains("40.50"), "who, what, when, where: nothing more")
            #expect(try await anyone.get("/certificates/check?code=ABCDE-FGHJK").status == .notFound)
            #expect(try await anyone.get("/certificates/check?code=not-a-code").status == .unprocessableEntity)
            #expect(try await anyone.get("/certificates/check").status == .ok)
            let checks = try await AuditEntry.query(on: app.db).filter(\.$target == "certificate-check").all()
            #expect(checks.map(\.subjectID) == [fixtures.memberOfBoth], "on the holder's own trace")

            // The co-trainer's statement: the session, its hours, fee and voucher, and the year's totals.
            let statement = try await coTrainer.get("/encountering/statement").body.string
            #expect(statement.contains("Kohtaa minut") && statement.contains("3.5 hours · fee 40.50 EUR · Cinema voucher"))
            #expect(statement.contains("Sessions: 2") && statement.contains("hours recorded: 3.5"))  // the fixture's session, not recorded yet
            #expect(statement.contains("Not recorded yet: ask the host."))
            #expect(try await contact.get("/encountering/statement").status == .forbidden)

            // The module's reach: sessions held and professionals trained.
            #expect(try await contact.get(module).body.string.contains("Sessions held: 2 · professionals trained: 3"))
        }
    }

    @Test func eachPersonsHomeSaysWhatTrainingAsksOfThem() async throws {
        let world = TestWorld()
        try await withApp(world: world) { app, world in
            let fixtures = try await Fixtures.make(on: app)
            let title = try #require(try await TrainingModule.find(fixtures.publishedModule, on: app.db)?.title)
            let path = "/encountering/sessions/\(fixtures.encounterSession)"
            // The session began an hour ago: its co-trainer is asked how it went; who attended, for feedback.
            var coTrainer = Browser(app)
            try await coTrainer.signIn(Fixtures.login(.coTrainer))
            let trainerHome = try await coTrainer.get("/").body.string
            #expect(trainerHome.contains("Write how “\(title)” went for you, as one of its trainers"))
            #expect(trainerHome.contains(#"href="\#(path)""#))
            var coordinator = Browser(app)
            try await coordinator.signIn(Fixtures.login(.coordinator))
            #expect(try await coordinator.get("/").body.string.contains("Say how “\(title)” went for you"))
            // Nobody else is asked about it.
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            let other = try await professional.get("/").body.string
            #expect(!other.contains("Say how “") && !other.contains("as one of its trainers"))
            // Five answers: the co-trainer can read what participants said.
            let logins = try await Self.participants(5, of: fixtures, on: app, now: world.now)
            for login in logins {
                var participant = Browser(app)
                try await participant.signIn(login)
                try await participant.get(path)
                #expect(try await participant.post("\(path)/feedback", [("changed", "4"), ("heard", "The story"), ("will-do", "Listen")]).status
                    == .seeOther)
                #expect(!(try await participant.get("/").body.string.contains("Say how “")), "answered, no longer asked")
            }
            #expect(try await coTrainer.get("/").body.string.contains("You can read what participants said about “\(title)”: 5 answers."))
            // With nothing waiting, a co-trainer is told so rather than shown nothing.
            try await coTrainer.get(path)
            world.advance(by: 61 * 24 * 3600)
            var later = Browser(app)
            try await later.signIn(Fixtures.login(.coTrainer))
            #expect(try await later.get("/").body.string.contains("Nothing waits for you here now."))
        }
    }

    /// Professionals of "Here", registered for the fixture's session (which began an hour ago).
    static func participants(_ count: Int, of fixtures: Fixtures, on app: Application, now: Date) async throws -> [String] {
        let hash = try Bcrypt.hash(Fixtures.password, cost: 4)
        var logins: [String] = []
        for number in 1...count {
            let account = Account(login: "p\(number)@here.test", displayName: "Participant \(number)", preferredLanguage: "en", passwordHash: hash,
                                  createdAt: now)
            try await account.create(on: app.db)
            try await Enrolment.grant(accountID: try account.requireID(), organisationID: fixtures.here, role: .professional, at: now, on: app.db)
            try await EncounterRegistration(sessionID: fixtures.encounterSession, accountID: try account.requireID(), at: now).create(on: app.db)
            logins.append(account.login)
        }
        return logins
    }

    @Test func feedbackFlowsBackToTheCoTrainersWithoutNamesOnceFiveHaveAnswered() async throws {
        let world = TestWorld()
        try await withApp(world: world) { app, world in
            let fixtures = try await Fixtures.make(on: app)
            // The module's self-reflection: Kanssa's own encounter questionnaire.
            try await ModuleSection(moduleID: fixtures.publishedModule, position: 2, kind: .reflection, title: "How do you meet people?",
                                    body: "Answer alone.", instrumentID: "encounter-reflection", writtenByID: fixtures.accounts[.coTrainer]!,
                                    at: world.now).create(on: app.db)
            let instrument = try #require(app.platform.instruments["encounter-reflection"])
            let path = "/encountering/sessions/\(fixtures.encounterSession)"
            let logins = try await Self.participants(6, of: fixtures, on: app, now: world.now)
            func everything(_ number: Int) -> [(String, String)] {
                [("changed", String(number % 5 + 1)), ("heard", "Heard \(number)"), ("will-do", "Do \(number)")]
                    + instrument.items.map { ("item-\($0.id)", String(number % 5 + 1)) }
            }

            // The first participant: the form holds the self-reflection, every question must be answered, and it is given once.
            var first = Browser(app)
            try await first.signIn(logins[0])
            #expect(try await first.get("/encountering").body.string.contains("Give your feedback on “Kohtaa minut”"))
            let form = try await first.get(path).body.string
            #expect(form.contains("Your feedback for the co-trainers") && form.contains("How do you meet people?") && form.contains("item-bp1"))
            let partial = try await first.post("\(path)/feedback", [("changed", "4"), ("heard", "The form story"), ("will-do", "Close my laptop")])
            #expect(partial.status == .unprocessableEntity && partial.body.string.contains("Answer this question of the self-reflection"))
            try await first.get(path)
            #expect(try await first.post("\(path)/feedback", everything(1)).status == .seeOther)
            let mine = try await first.get(path).body.string
            #expect(mine.contains("You said you would: “Do 1”") && mine.contains("Being present: ") && !mine.contains("What participants said"))
            #expect(try await first.post("\(path)/feedback", everything(1)).status == .conflict)

            // The host sees a count, and nothing else, until five have answered.
            var host = Browser(app)
            try await host.signIn(Fixtures.login(.trainer))
            let early = try await host.get(path).body.string
            #expect(early.contains("Feedback given: 1") && early.contains("Feedback is shown once 5 people") && !early.contains("Heard 1"))
            for number in 2...5 {
                var participant = Browser(app)
                try await participant.signIn(logins[number - 1])
                try await participant.get(path)
                #expect(try await participant.post("\(path)/feedback", everything(number)).status == .seeOther)
            }
            let five = try await host.get(path).body.string
            #expect(five.contains("Feedback given: 5") && five.contains("Heard 1") && five.contains("Do 5") && five.contains("Self-reflection, averages"))
            // Someone the host recorded as absent gives none.
            let absent = try #require(try await Account.query(on: app.db).filter(\.$login == logins[5]).first())
            try await EncounterRegistration.query(on: app.db).filter(\.$accountID == absent.requireID()).set(\.$attended, to: false).update()
            var away = Browser(app)
            try await away.signIn(logins[5])
            #expect(try await away.post("\(path)/feedback", everything(6)).status == .forbidden)

            // The co-trainer's own reflection: for their panel, not for the host or the staff contact.
            var coTrainer = Browser(app)
            try await coTrainer.signIn(Fixtures.login(.coTrainer))
            let theirs = try await coTrainer.get(path).body.string
            #expect(theirs.contains("Did you feel heard?") && theirs.contains("Do 3"))  // the feedback flows back to them too
            #expect(!theirs.contains("Participant 1"))  // their words, never their names
            #expect(try await coTrainer.post("\(path)/reflection", [("heard", "4"), ("text", "They listened; one took notes the whole time")])
                .status == .seeOther)
            #expect(try await coTrainer.get(path).body.string.contains("one took notes the whole time"))
            #expect(!(try await host.get(path).body.string.contains("one took notes")))
            var contact = Browser(app)
            try await contact.signIn(Fixtures.login(.professional))
            #expect(!(try await contact.get(path).body.string.contains("one took notes")))
            // The module's page gathers every session's feedback for the panel.
            #expect(try await coTrainer.get("/encountering/modules/\(fixtures.publishedModule)").body.string
                .contains("What participants said, all sessions together"))

            // Weeks later: did they do it? Not before it is due, and once.
            try await first.get(path)
            #expect(try await first.post("\(path)/follow-up", [("outcome", "did")]).status == .conflict)
            world.advance(by: 6 * 7 * 86400)
            try await first.signIn(logins[0])
            #expect(try await first.get("/encountering").body.string.contains("Did you do it? “Kohtaa minut”"))
            let due = try await first.get(path).body.string
            #expect(due.contains("You said you would: “Do 1”. Did you?"))
            #expect(try await first.post("\(path)/follow-up", [("outcome", "maybe")]).status == .unprocessableEntity)
            try await first.get(path)
            #expect(try await first.post("\(path)/follow-up", [("outcome", "partly"), ("note", "Twice this week")]).status == .seeOther)
            #expect(try await first.get(path).body.string.contains("You answered: Partly"))
            #expect(try await first.post("\(path)/follow-up", [("outcome", "did")]).status == .conflict)
            try await host.signIn(Fixtures.login(.trainer))
            #expect(try await host.get(path).body.string.contains("follow-ups answered: 1"))
        }
    }

    @Test func aHostCallsASessionOffAfterConfirmingAndNobodyRegistersAnyMore() async throws {
        let world = TestWorld()
        try await withApp(world: world) { app, world in
            let fixtures = try await Fixtures.make(on: app)
            let sessionID = try await EncounterSessions.schedule(
                EncounterSessionPlan(startsAt: world.now.addingTimeInterval(7 * 86400), minutes: 150, mode: .inPerson, place: "Vimma",
                                     hostID: fixtures.accounts[.trainer]!, coTrainerIDs: [fixtures.accounts[.coTrainer]!], capacity: 10,
                                     followUpWeeks: 6),
                of: try #require(try await Modules.access(moduleID: fixtures.publishedModule, on: app.db)), by: fixtures.accounts[.coordinator]!,
                at: world.now, on: app.db)
            let path = "/encountering/sessions/\(sessionID)"
            var participant = Browser(app)
            try await participant.signIn(Fixtures.memberOfBothLogin)
            try await participant.get(path)
            #expect(try await participant.post("\(path)/registration", [("action", "register")]).status == .seeOther)
            #expect(try await participant.post("\(path)/cancel", [("confirm", "yes")]).status == .forbidden)

            var host = Browser(app)
            try await host.signIn(Fixtures.login(.trainer))
            try await host.get(path)
            let asked = try await host.post("\(path)/cancel", [])
            #expect(asked.status == .ok && asked.body.string.contains("Call the session off? The 1 person who registered will see"))
            #expect(try await EncounterSession.find(sessionID, on: app.db)?.cancelledAt == nil)
            #expect(try await host.post("\(path)/cancel", [("confirm", "yes")]).status == .seeOther)
            try await host.get(path)
            #expect(try await host.post("\(path)/cancel", [("confirm", "yes")]).status == .conflict)

            let page = try await participant.get(path).body.string
            #expect(page.contains("This session was called off") && !page.contains("Cancel my registration"))
            #expect(try await participant.post("\(path)/registration", [("action", "register")]).status == .conflict)
            #expect(try await participant.get("/encountering").body.string.contains("Called off") == false)  // not among sessions to join
            #expect(try await host.get("/encountering").body.string.contains("Called off"))  // among the host's, marked
        }
    }

    @Test func recognitionIsReadAsPeopleTypeIt() {
        func check(_ hours: String, _ fee: String = "", _ currency: String = "EUR", _ voucher: String = "") -> EncounterSessions.Recognition? {
            try? EncounterSessions.checkRecognition(hours: hours, fee: fee, currency: currency, voucher: voucher).get()
        }
        #expect(check("2.5")?.minutes == 150 && check("2,25")?.minutes == 135 && check("3")?.minutes == 180)
        #expect(check("0") == nil && check("25") == nil && check("two") == nil && check("nan") == nil)
        #expect(check("2", "40")?.feeCents == 4000 && check("2", "40,5")?.feeCents == 4050 && check("2", "0.05")?.feeCents == 5)
        #expect(check("2", "40.555") == nil && check("2", "-4") == nil && check("2", "40", "XYZ") == nil && check("2", "1e3") == nil)
        #expect(check("2", "", "XYZ")?.currency == nil)  // no fee, no currency
        #expect(check("2", "", "EUR", String(repeating: "x", count: 201)) == nil)
    }
}
