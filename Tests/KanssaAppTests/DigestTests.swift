import Agenda
import Fluent
import Foundation
@testable import KanssaApp
import KanssaCore
import Logging
import NIOPosix
import Testing
import VaporTesting

/// The daily e-mail: only to those who asked, at most once a day, only when something new is
/// waiting, in the person's language, with nothing in it but that and a link.
@Suite struct DigestTests {
    static func optIn(_ app: Application, _ login: String, language: String = "en") async throws -> Account {
        let account = try #require(try await Account.query(on: app.db).filter(\.$login == login).first())
        account.email = "person@example.org"
        account.noticesByEmail = true
        account.preferredLanguage = language
        try await account.save(on: app.db)
        return account
    }

    static func noteFromTheProfessional(_ app: Application, _ fixtures: Fixtures, _ text: String, at now: Date) async throws {
        try await Timeline.write(text, planID: fixtures.citizenPlan, by: fixtures.accounts[.professional]!, at: now, on: app.db)
    }

    static func run(_ app: Application, _ mailer: any Mailer) async -> DigestJob.Report {
        await DigestJob.run(platform: app.platform, mailer: mailer, on: app.db, logger: Logger(label: "test"))
    }

    @Test func aDigestGoesOnceADayInThePersonsLanguageSayingOnlyThatSomethingWaits() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            let outbox = try #require(app.platform.outbox)
            _ = try await Self.optIn(app, Fixtures.login(.citizen), language: "fi")
            #expect(await Self.run(app, outbox) == .init(looked: 1, sent: 0, failed: 0), "nothing new: no mail")

            try await Self.noteFromTheProfessional(app, fixtures, "Your appointment with the doctor is on Friday", at: world.now)
            #expect(await Self.run(app, outbox).sent == 1)
            let mail = try #require(outbox.all.first?.mail)
            #expect(mail.to == "person@example.org" && mail.language == "fi")
            #expect(mail.subject == "Kanssa-palvelussa odottaa sinulle jotakin")
            #expect(mail.body.contains("http://127.0.0.1:0/notices"))
            #expect(!mail.body.contains("appointment") && !mail.body.contains("professional"), "no personal data in the mail")

            // Another note the same day waits for tomorrow's mail.
            world.advance(by: 3600)
            try await Self.noteFromTheProfessional(app, fixtures, "Another", at: world.now)
            #expect(await Self.run(app, outbox).sent == 0)
            #expect(outbox.all.count == 1)
            world.advance(by: 23 * 3600 + 1)
            #expect(await Self.run(app, outbox).sent == 1)
            #expect(outbox.all.count == 2)
            // Nothing new since: nothing sent, however many days go by.
            world.advance(by: 3 * 24 * 3600)
            #expect(await Self.run(app, outbox).sent == 0)
            #expect(outbox.all.count == 2)
        }
    }

    /// Read a few at a time, everyone due is looked at in one run, not only the first few.
    @Test func everyoneDueIsLookedAtWhateverTheBatch() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            let outbox = try #require(app.platform.outbox)
            for role in [Role.professional, .coordinator, .trainer] {
                let account = try await Self.optIn(app, Fixtures.login(role))
                account.email = "\(role.rawValue)@example.org"
                try await account.save(on: app.db)
            }
            _ = try await Self.optIn(app, Fixtures.login(.citizen))
            try await Self.noteFromTheProfessional(app, fixtures, "A note", at: world.now)
            let report = await DigestJob.run(platform: app.platform, mailer: outbox, batch: 1, on: app.db, logger: Logger(label: "test"))
            // The citizen has a note; the professional a round to answer; the coordinator feedback to give.
            #expect(report.looked == 4 && report.sent == 3)
            #expect(Set(outbox.all.map(\.mail.to)) == ["person@example.org", "professional@example.org", "coordinator@example.org"])
        }
    }

    @Test func nobodyGetsMailWithoutAskingAndWhatWasSeenIsNotMailed() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            let outbox = try #require(app.platform.outbox)
            try await Self.noteFromTheProfessional(app, fixtures, "A note", at: world.now)
            #expect(await Self.run(app, outbox) == .init(looked: 0, sent: 0, failed: 0))

            _ = try await Self.optIn(app, Fixtures.login(.citizen))
            var citizen = Browser(app)
            try await citizen.signIn(Fixtures.login(.citizen))
            try await citizen.get("/notices")
            #expect(await Self.run(app, outbox).sent == 0, "already seen in Kanssa")
        }
    }

    /// A relay that will not take the mail: the person's day is given back, and the next run sends.
    @Test func mailThatCouldNotGoIsTriedAgain() async throws {
        struct Refusing: Mailer {
            func send(_ mail: Mail) async throws { throw SMTPError.refused(step: "the recipient", reply: "550 no") }
        }
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            let outbox = try #require(app.platform.outbox)
            let account = try await Self.optIn(app, Fixtures.login(.citizen))
            try await Self.noteFromTheProfessional(app, fixtures, "A note", at: world.now)
            #expect(await Self.run(app, Refusing()) == .init(looked: 1, sent: 0, failed: 1))
            #expect(try await Account.find(account.id, on: app.db)?.lastDigestAt == nil)
            world.advance(by: 15 * 60)
            #expect(await Self.run(app, outbox).sent == 1)
        }
    }

    @Test func whatIsWaitingIsFoundForSomeoneWhoHasNotComeIn() async throws {
        try await withApp { app, world in
            _ = try await Fixtures.make(on: app)
            let outbox = try #require(app.platform.outbox)
            // The fixture's share ends 30 days on; 20 days on it is ending soon.
            _ = try await Self.optIn(app, Fixtures.login(.citizen))
            world.advance(by: 20 * 86_400)
            #expect(await Self.run(app, outbox).sent == 1)
            let kinds = try await PersonNotice.query(on: app.db).all().map(\.kind)
            #expect(kinds == [.shareEnding])
        }
    }

    @Test func theDemosOutboxShowsEachPersonTheirOwnMail() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            let outbox = try #require(app.platform.outbox)
            var citizen = Browser(app)
            try await citizen.signIn(Fixtures.login(.citizen))
            #expect(try await citizen.get("/outbox").body.string.contains("You have not asked for e-mail yet."))
            _ = try await Self.optIn(app, Fixtures.login(.citizen))
            try await Self.noteFromTheProfessional(app, fixtures, "A note", at: world.now)
            _ = await Self.run(app, outbox)
            let page = try await citizen.get("/outbox").body.string
            #expect(page.contains("Something is waiting for you in Kanssa"))
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            #expect(!(try await professional.get("/outbox").body.string.contains("Something is waiting")))
        }
    }

    @Test func withoutAnOutboxThereIsNoOutboxPage() async throws {
        try await withApp(configure: { $0.mail = .none }) { app, _ in
            _ = try await Fixtures.make(on: app)
            var citizen = Browser(app)
            try await citizen.signIn(Fixtures.login(.citizen))
            #expect(try await citizen.get("/outbox").status == .notFound)
        }
    }
}

/// The SMTP client against a real server (aiosmtpd, started from `e2e/smtp_sink.py` with the
/// Python that `KANSSA_TEST_SMTP_PYTHON` names; CI sets it): STARTTLS, a password, one digest.
@Suite(.enabled(if: SMTPSink.python != nil, "KANSSA_TEST_SMTP_PYTHON names no Python with aiosmtpd"))
struct SMTPRelayTests {
    @Test func aDigestArrivesOnceInFinnishOverSTARTTLSWithAPassword() async throws {
        let sink = try SMTPSink.start(["--user", "kanssa", "--password", "relay secret"])
        defer { sink.stop() }
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            _ = try await DigestTests.optIn(app, Fixtures.login(.citizen), language: "fi")
            try await DigestTests.noteFromTheProfessional(app, fixtures, "A note", at: world.now)
            let mailer = SMTPMailer(settings: sink.settings(user: "kanssa", password: "relay secret"), group: app.eventLoopGroup,
                                    helloName: "kanssa.test")
            #expect(await DigestTests.run(app, mailer).sent == 1)
            #expect(await DigestTests.run(app, mailer).sent == 0)
            let messages = try sink.messages()
            #expect(messages.count == 1)
            let message = try #require(messages.first)
            #expect(message.envelope == ["kanssa@city.example", "person@example.org"])
            #expect(message.header("Subject") == "Kanssa-palvelussa odottaa sinulle jotakin")
            #expect(message.header("Content-Language") == "fi")
            #expect(message.body.contains("Kanssa-palvelussa odottaa sinulle jotakin uutta."))
            #expect(message.body.contains("/notices"))
        }
    }

    @Test func aWrongPasswordOrARelayWithoutSTARTTLSSendsNothing() async throws {
        let sink = try SMTPSink.start(["--user", "kanssa", "--password", "relay secret"])
        defer { sink.stop() }
        let plain = try SMTPSink.start(["--no-tls"])
        defer { plain.stop() }
        let group = MultiThreadedEventLoopGroup.singleton
        let mail = Mail(to: "person@example.org", subject: "Something is waiting for you in Kanssa", body: "Hello", language: "en")
        await #expect(throws: SMTPError.self) {
            try await SMTPMailer(settings: sink.settings(user: "kanssa", password: "wrong"), group: group, helloName: "kanssa.test").send(mail)
        }
        await #expect(throws: SMTPError.noStartTLS) {
            try await SMTPMailer(settings: plain.settings(), group: group, helloName: "kanssa.test").send(mail)
        }
        #expect(try sink.messages().isEmpty && plain.messages().isEmpty)
        // A relay on this machine that asks for nothing may be used without TLS, by choice.
        var open = plain.settings()
        open.startTLS = false
        try await SMTPMailer(settings: open, group: group, helloName: "kanssa.test").send(mail)
        #expect(try plain.messages().count == 1)
    }
}
