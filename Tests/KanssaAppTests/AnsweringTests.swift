import Fluent
import Foundation
@testable import KanssaApp
import KanssaCore
import Logging
@testable import Listening
import Testing
import VaporTesting

/// Answering a consultation: on the public page without an account, one question a screen, each
/// answer kept once however often the form is sent; and by staff from an interview, a workshop
/// or paper. A respondent sees only their own answers, through a private code for that one
/// consultation.
@Suite struct AnsweringTests {
    /// The fixture's consultation with four more questions — one asked only after "Yes" — opened.
    static func open(_ fixtures: Fixtures, on app: Application, at now: Date) async throws -> [Questions.Line] {
        let first = try await Questions.list(of: fixtures.consultation, on: app.db)[0]
        let more: [(QuestionKind, String, [String], UUID?, Int?)] = [
            (.openText, "Which evening suits you?", [], first.id, 0),
            (.multipleChoice, "How do you travel?", ["Bus", "Bike", "On foot"], nil, nil),
            (.scale, "How easy is it to reach us?", ["Very hard", "Very easy"], nil, nil),
            (.story, "Tell us about a time we helped you, or did not.", [], nil, nil),
        ]
        for (kind, text, choices, condition, choice) in more {
            guard case .success(let checked) = Questions.check(
                .init(kind: kind.rawValue, text: text, choices: choices.joined(separator: "\n"),
                      condition: condition.map { "\($0):\(choice ?? 0)" } ?? ""),
                earlier: try await Questions.list(of: fixtures.consultation, on: app.db))
            else { Issue.record("question \(text) refused"); continue }
            try await Questions.add(checked, to: fixtures.consultation, at: now, on: app.db)
        }
        try await Consultations.move(fixtures.consultation, from: .draft, to: .open, at: now, on: app.db)
        return try await Questions.list(of: fixtures.consultation, on: app.db)
    }

    static let code = Fixtures.consultationCode

    /// The ids of the questions of the fixtures' consultation, whose answers these tests count.
    static func questionIDs(_ fixtures: Fixtures, _ app: Application) async throws -> [UUID] {
        try await Questions.list(of: fixtures.consultation, on: app.db).map(\.id)
    }

    @Test func aRespondentAnswersOneQuestionAScreenAndAFormSentTwiceKeepsOneAnswer() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            _ = try await Self.open(fixtures, on: app, at: world.now)
            var person = Browser(app)
            // A code typed in lower case with its dash finds the consultation.
            let typed = try await person.get("/c?code=here-23")
            #expect(typed.status == .seeOther && typed.headers.first(name: .location) == Self.code.path)
            let welcome = try await person.get(Self.code.path)
            #expect(welcome.status == .ok && welcome.body.string.contains("What young people want from us"))
            // The private code's cookie belongs to this consultation's pages only.
            let cookie = try #require(welcome.headers[.setCookie].first { $0.hasPrefix(AnsweringController.cookieName) })
            #expect(cookie.contains("Path=/c/HERE23") && cookie.contains("HttpOnly"))
            // "About you" first: the consultation compares groups.
            #expect(welcome.body.string.contains("/c/HERE23/about"))
            try await person.get(Self.code.path + "/about")
            #expect(try await person.post(Self.code.path + "/about", [("groups[]", "1")]).headers.first(name: .location) == "/c/HERE23/q/1")

            try await person.get(Self.code.path + "/q/1")
            let token = person.csrfToken
            let saved = try await person.post(Self.code.path + "/q/1", [("choice", "0")])
            // "Yes" brings the question asked only after it.
            #expect(saved.status == .seeOther && saved.headers.first(name: .location) == "/c/HERE23/q/2")
            // A double click: the same form again stores nothing new.
            #expect(try await person.post(Self.code.path + "/q/1", [("choice", "0")], token: token).status == .seeOther)
            #expect(try await Respondent.query(on: app.db).filter(\.$consultationID == fixtures.consultation).count() == 1)
            #expect(try await Answer.query(on: app.db).filter(\.$questionID ~~ Self.questionIDs(fixtures, app)).count() == 1)
            let respondent = try #require(try await Respondent.query(on: app.db).filter(\.$consultationID == fixtures.consultation).first())
            #expect(respondent.channel == .web && respondent.groupList == [1] && respondent.enteredByID == nil && respondent.codeDigest != nil)

            try await person.get(Self.code.path + "/q/2")
            #expect(try await person.post(Self.code.path + "/q/2", [("text", "Tuesdays  ")]).headers.first(name: .location) == "/c/HERE23/q/3")
            try await person.get(Self.code.path + "/q/3")
            #expect(try await person.post(Self.code.path + "/q/3", [("choices[]", "0"), ("choices[]", "2")]).status == .seeOther)
            // Skipping the scale stores nothing for it.
            try await person.get(Self.code.path + "/q/4")
            #expect(try await person.post(Self.code.path + "/q/4", [("scale", "3"), ("skip", "1")]).headers.first(name: .location)
                == "/c/HERE23/q/5")
            try await person.get(Self.code.path + "/q/5")
            let last = try await person.post(Self.code.path + "/q/5", [("text", "The desk found me an interpreter."), ("consent[]", "quote")])
            #expect(last.headers.first(name: .location) == "/c/HERE23/answers?notice=saved")
            let yours = try await person.get(Self.code.path + "/answers?notice=saved").body.string
            #expect(yours.contains("Tuesdays") && yours.contains("Bus, On foot") && yours.contains("The desk found me an interpreter."))
            #expect(yours.contains("Your private code"))
            let answers = try await Answer.query(on: app.db).filter(\.$questionID ~~ Self.questionIDs(fixtures, app)).all()
            #expect(answers.count == 4)
            let story = try #require(answers.first { $0.text.hasPrefix("The desk") })
            #expect(story.consentQuote && !story.consentPublish && !story.consentTraining)

            // Changing "Yes" to "No": the question asked only after "Yes" no longer is, and its answer goes.
            try await person.get(Self.code.path + "/q/1")
            #expect(try await person.post(Self.code.path + "/q/1", [("choice", "1")]).headers.first(name: .location) == "/c/HERE23/q/3")
            #expect(try await Answer.query(on: app.db).filter(\.$text == "Tuesdays").count() == 0)
            // …and answering it now is not taken.
            try await person.get(Self.code.path + "/q/1")
            #expect(try await person.post(Self.code.path + "/q/2", [("text", "Sneaked in")]).status == .seeOther)
            #expect(try await Answer.query(on: app.db).filter(\.$text == "Sneaked in").count() == 0)
        }
    }

    /// A first answer sent many times at once (a double click, a retry over a slow line) makes one
    /// respondent and one answer, and none of the sends fails.
    /// Where no question depends on another, a web answer is one statement: the respondent's last
    /// change still follows it, changed words go back to moderation, the same words sent again
    /// keep theirs.
    @Test func anAnswerChangedLaterMovesTheRespondentsLastChangeAndItsModeration() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            let db = app.db
            var person = Browser(app)
            try await person.get("/c/VST234/q/1")
            #expect(try await person.post("/c/VST234/q/1", [("text", "Open on Saturdays")]).status == .seeOther)
            let respondent = try #require(try await Respondent.query(on: db).filter(\.$consultationID == fixtures.openConsultation)
                .filter(\.$channel == .web).first())
            let answerID = try #require(try await Answer.query(on: db).filter(\.$respondentID == respondent.requireID()).first()?.id)
            func moderate() async throws {
                try await Answer.query(on: db).filter(\.$id == answerID).set(\.$moderation, to: .moderated).set(\.$hidden, to: "0-4")
                    .set(\.$moderationVersion, to: 1).update()
            }
            try await moderate()
            world.advance(by: 3600)
            try await person.get("/c/VST234/q/1")
            #expect(try await person.post("/c/VST234/q/1", [("text", "Open on Sundays")]).status == .seeOther)
            #expect(try #require(try await Respondent.find(respondent.id, on: db)).updatedAt > respondent.updatedAt.addingTimeInterval(3000))
            let changed = try #require(try await Answer.find(answerID, on: db))
            #expect(changed.text == "Open on Sundays" && changed.moderation == .unmoderated && changed.hidden.isEmpty && changed.moderationVersion == 2)
            try await moderate()
            try await person.get("/c/VST234/q/1")
            #expect(try await person.post("/c/VST234/q/1", [("text", "Open on Sundays")]).status == .seeOther)
            let same = try #require(try await Answer.find(answerID, on: db))
            #expect(same.moderation == .moderated && same.hidden == "0-4" && same.moderationVersion == 1)
            #expect(try await Answer.query(on: db).filter(\.$respondentID == respondent.requireID()).count() == 1)
        }
    }

    @Test func theSameFirstAnswerSentManyTimesAtOnceIsKeptOnce() async throws {
        // On the SQLite file the server uses (WAL, waiting on a busy database), as on PostgreSQL.
        try await withAppOnFile { app, world in
            let fixtures = try await Fixtures.make(on: app)
            let questions = try await Self.open(fixtures, on: app, at: world.now)
            let consultation = try #require(try await Consultation.find(fixtures.consultation, on: app.db))
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        try await Answers.save(.init(choices: [0]), to: questions[0], among: questions, in: consultation, codeDigest: "same",
                                               language: "en", at: world.now, on: app.db)
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await Respondent.query(on: app.db).filter(\.$codeDigest == "same").count() == 1)
            #expect(try await Answer.query(on: app.db).filter(\.$questionID == questions[0].id).count() == 1)
        }
    }

    @Test func badAnswersAreRefusedWithAMessageAndChangeNothing() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            _ = try await Self.open(fixtures, on: app, at: world.now)
            var person = Browser(app)
            try await person.get(Self.code.path + "/q/1")
            for (path, fields, message) in [
                ("/q/1", [("choice", "7")], "Choose from the answers shown"),
                ("/q/1", [("choice", "first")], "Choose from the answers shown"),
                ("/q/3", [("choices[]", "0"), ("choices[]", "9")], "Choose from the answers shown"),
                ("/q/4", [("scale", "9")], "Choose a number from 1 to 5"),
                ("/q/5", [("text", String(repeating: "é", count: Answers.longestStory + 1))], "5,000"),
                ("/q/5", [("text", "a\u{7}b")], "cannot be shown"),
            ] {
                try await person.get(Self.code.path + "/q/1")
                let refused = try await person.post(Self.code.path + path, fields)
                #expect(refused.status == .unprocessableEntity, "\(path) \(fields.map(\.1).joined().prefix(20))")
                #expect(refused.body.string.contains(message), "\(path): \(message)")
            }
            // Empty and whitespace-only text is a question skipped, not an answer.
            try await person.get(Self.code.path + "/q/5")
            #expect(try await person.post(Self.code.path + "/q/5", [("text", "  \n ")]).status == .seeOther)
            // A question that is not there, a code that is not there.
            #expect(try await person.get(Self.code.path + "/q/99").status == .notFound)
            #expect(try await person.get("/c/ZZZ999").status == .notFound)
            let unknown = try await person.get("/c?code=nothing")
            #expect(unknown.status == .notFound && unknown.body.string.contains("six letters and numbers"))
            #expect(try await Answer.query(on: app.db).filter(\.$questionID ~~ Self.questionIDs(fixtures, app)).count() == 0)
        }
    }

    @Test func eachRespondentSeesOnlyTheirOwnAnswersAndComesBackWithTheirPrivateCode() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            _ = try await Self.open(fixtures, on: app, at: world.now)
            var first = Browser(app)
            try await first.get(Self.code.path + "/q/5")
            try await first.post(Self.code.path + "/q/5", [("text", "Only mine to see")])
            let privateCode = try #require(first.cookies[AnsweringController.cookieName])

            // Someone else — even signed in — sees nothing of it, and their answers are theirs.
            var second = Browser(app)
            try await second.signIn(Fixtures.login(.citizen))
            #expect(!(try await second.get(Self.code.path + "/answers").body.string.contains("Only mine to see")))
            try await second.get(Self.code.path + "/q/5")
            try await second.post(Self.code.path + "/q/5", [("text", "Mine")])
            #expect(try await Respondent.query(on: app.db).filter(\.$consultationID == fixtures.consultation).count() == 2)
            // A made-up code shows nothing and is slowed down; the real one brings the answers back.
            var third = Browser(app)
            try await third.get(Self.code.path + "/return")
            let wrong = try await third.post(Self.code.path + "/return", [("privateCode", "ABCDE-FGHJK")])
            #expect(wrong.status == .unprocessableEntity && wrong.body.string.contains("We found no answers with that code"))
            try await third.get(Self.code.path + "/return")
            let found = try await third.post(Self.code.path + "/return", [("privateCode", privateCode.lowercased())])
            #expect(found.status == .seeOther)
            #expect(try await third.get(Self.code.path + "/answers").body.string.contains("Only mine to see"))
            // The same code means nothing in another consultation.
            #expect(Answers.asked([], given: [:]).isEmpty)
            let otherDigest = AnsweringController.digest(InvitationCode(typed: privateCode)!, fixtures.elsewhere, try await request(app))
            #expect(try await Respondent.query(on: app.db).filter(\.$codeDigest == otherDigest).count() == 0)
        }
    }

    /// A request of the app's own, for what needs one (the keyed digest).
    private func request(_ app: Application) async throws -> Request {
        Request(application: app, on: app.eventLoopGroup.next())
    }

    @Test func afterClosingAnswersStayAsTheyWereButConsentCanBeTakenBack() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            _ = try await Self.open(fixtures, on: app, at: world.now)
            var person = Browser(app)
            try await person.get(Self.code.path + "/q/5")
            try await person.post(Self.code.path + "/q/5", [("text", "My story"), ("consent[]", "quote"), ("consent[]", "publish")])
            // While open, consent is changed on the page of one's answers.
            try await person.get(Self.code.path + "/answers")
            #expect(try await person.post(Self.code.path + "/answers/5/consent", [("consent5[]", "publish"), ("consent5[]", "training")])
                .status == .seeOther)
            var story = try #require(try await Answer.query(on: app.db).filter(\.$questionID ~~ Self.questionIDs(fixtures, app)).first())
            #expect(!story.consentQuote && story.consentPublish && story.consentTraining)

            try await person.get(Self.code.path + "/q/1")
            let token = person.csrfToken
            try await Consultations.move(fixtures.consultation, from: .open, to: .closed, at: world.now, on: app.db)
            let late = try await person.post(Self.code.path + "/q/1", [("choice", "0")], token: token)
            #expect(late.status == .conflict)
            #expect(try await Answer.query(on: app.db).filter(\.$questionID ~~ Self.questionIDs(fixtures, app)).count() == 1)
            // Taking back is still possible; giving anew is not.
            try await person.get(Self.code.path + "/answers")
            #expect(try await person.post(Self.code.path + "/answers/5/consent", [("consent5[]", "quote")]).status == .seeOther)
            story = try #require(try await Answer.query(on: app.db).filter(\.$questionID ~~ Self.questionIDs(fixtures, app)).first())
            #expect(!story.consentQuote && !story.consentPublish && !story.consentTraining)
            #expect(story.text == "My story")
        }
    }

    @Test func aFloodFromOneAddressIsHeldBackWhileOthersGoOnAnswering() async throws {
        let throttle = AnswerThrottle()
        let now = Date(timeIntervalSince1970: 1_000_000)
        let rule = AnswerThrottle.Rule(limit: 3, window: 60)
        for _ in 0..<3 { #expect(throttle.admit([("flood", rule)], now: now) == nil) }
        #expect(throttle.admit([("flood", rule)], now: now.addingTimeInterval(1)) == now.addingTimeInterval(60))
        #expect(throttle.admit([("someone else", rule)], now: now.addingTimeInterval(1)) == nil)
        // A refused form is not counted under its other keys either.
        #expect(throttle.admit([("other key", rule), ("flood", rule)], now: now.addingTimeInterval(2)) != nil)
        for _ in 0..<3 { #expect(throttle.admit([("other key", rule)], now: now.addingTimeInterval(2)) == nil) }
        #expect(throttle.admit([("flood", rule)], now: now.addingTimeInterval(60)) == nil)

        // Through a trusted proxy, which names each browser's address.
        try await withApp(configure: { $0.trustedProxies = [ClientAddress.unixSocket] }) { app, world in
            let fixtures = try await Fixtures.make(on: app)
            _ = try await Self.open(fixtures, on: app, at: world.now)
            var flood = Browser(app)
            flood.address = "203.0.113.9"
            try await flood.get(Self.code.path + "/q/1")
            let token = flood.csrfToken
            var refused = 0
            for _ in 0..<(AnswerThrottle.addressInConsultation.limit + 5) {
                let response = try await flood.post(Self.code.path + "/q/1", [("choice", "0")], token: token)
                if response.status == .tooManyRequests {
                    refused += 1
                    #expect(response.headers.first(name: .retryAfter) != nil)
                }
            }
            #expect(refused == 5)
            // Another address is not held back.
            var other = Browser(app)
            other.address = "198.51.100.7"
            try await other.get(Self.code.path + "/q/1")
            #expect(try await other.post(Self.code.path + "/q/1", [("choice", "1")]).status == .seeOther)
        }
    }

    @Test func staffEnterAnswersFromAWorkshopMarkedAsSuch() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            _ = try await Self.open(fixtures, on: app, at: world.now)
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            let path = "/listening/consultations/\(fixtures.consultation)/answers/new"
            try await professional.get(path)
            // Every problem at once: no channel, a choice not on the question, an answer to a question not asked after "No".
            let refused = try await professional.post(path, [("q[1][choice]", "1"), ("q[2][text]", "Fridays"), ("q[3][choices][]", "8")])
            #expect(refused.status == .unprocessableEntity)
            let body = refused.body.string
            #expect(body.contains("Say where the answers were given") && body.contains("Choose from the answers shown")
                && body.contains("This question is not asked"))
            try await professional.get(path)
            #expect(try await professional.post(path, [("channel", "workshop")]).body.string.contains("Fill in at least one answer"))
            try await professional.get(path)
            let entered = try await professional.post(path, [
                ("channel", "workshop"), ("groups[]", "0"), ("q[1][choice]", "0"), ("q[2][text]", "Fridays"), ("q[4][scale]", "2"),
            ])
            #expect(entered.status == .seeOther)
            let respondent = try #require(try await Respondent.query(on: app.db).filter(\.$consultationID == fixtures.consultation).first())
            #expect(respondent.channel == .workshop && respondent.enteredByID == fixtures.accounts[.professional] && respondent.codeDigest == nil)
            #expect(try await Answer.query(on: app.db).filter(\.$questionID ~~ Self.questionIDs(fixtures, app)).count() == 3)
            let list = try await professional.get("/listening/consultations/\(fixtures.consultation)/answers").body.string
            #expect(list.contains("Workshop") && list.contains("Fridays") && list.contains("2 of 5") && list.contains("Has children"))
            #expect(list.contains("People who answered: 1"))
            // Someone who only said which groups fit them answered nothing, and is not counted.
            var web = Browser(app)
            try await web.get(Self.code.path + "/about")
            #expect(try await web.post(Self.code.path + "/about", [("groups[]", "0")]).status == .seeOther)
            #expect(try await Respondent.query(on: app.db).filter(\.$consultationID == fixtures.consultation).count() == 2)
            #expect(try await professional.get("/listening/consultations/\(fixtures.consultation)/answers").body.string
                .contains("People who answered: 1"))
        }
    }
}

/// The team's answers page and the public pages read what they show: their queries do not grow
/// with the number of answers.
@Suite struct AnsweringQueryCountTests {
    @Test func queriesDoNotGrowWithTheAnswers() async throws {
        var counts: [Int: [String: Int]] = [:]
        for respondents in [25, 200] {
            try await withApp { app, world in
                guard TestDatabase.postgresURL == nil else { return }  // counted on SQLite, whose driver logs each query
                let fixtures = try await Fixtures.make(on: app)
                let questions = try await AnsweringTests.open(fixtures, on: app, at: world.now)
                let consultation = try #require(try await Consultation.find(fixtures.consultation, on: app.db))
                for index in 0..<respondents {
                    try await Answers.enter(
                        [questions[0].id: .init(choices: [0]), questions[1].id: .init(text: "Answer \(index)"), questions[3].id: .init(scale: 3)],
                        groups: [index % 2], channel: .paper, language: "en", in: consultation, by: fixtures.accounts[.professional]!,
                        at: world.now.addingTimeInterval(Double(index)), on: app.db)
                }
                let counter = QueryCounter()
                app.logger = Logger(label: "queries") { _ in QueryCounter.Handler(counter: counter) }
                var professional = Browser(app)
                try await professional.signIn(Fixtures.login(.professional))
                var respondent = Browser(app)
                try await respondent.get(AnsweringTests.code.path + "/q/1")
                try await respondent.post(AnsweringTests.code.path + "/q/1", [("choice", "0")])
                let pages: [(String, Bool)] = [
                    ("/listening/consultations/\(fixtures.consultation)/answers", true),
                    ("/listening/consultations/\(fixtures.consultation)/answers?page=2", true),
                    ("/listening/consultations/\(fixtures.consultation)", true),
                    (AnsweringTests.code.path + "/q/2", false), (AnsweringTests.code.path + "/answers", false),
                ]
                for (page, staff) in pages {
                    if staff { try await professional.get(page) } else { try await respondent.get(page) }
                    counter.reset()
                    let response = staff ? try await professional.get(page) : try await respondent.get(page)
                    #expect(response.status == .ok, "\(page)")
                    counts[respondents, default: [:]][page.replacingOccurrences(of: fixtures.consultation.uuidString, with: ":consultation")] =
                        counter.value
                }
            }
        }
        guard let small = counts[25], let large = counts[200] else { return }
        for (page, queries) in small.sorted(by: { $0.key < $1.key }) {
            print("queries \(page): \(queries) (×8 answers: \(large[page] ?? -1))")
            #expect(queries > 0, "\(page): no queries counted")
            #expect(large[page] == queries, "\(page): \(queries) queries, \(large[page] ?? -1) with eight times the answers")
        }
    }
}

/// A consultation asked in more than one language: the team translates its texts, a respondent
/// picks the language, and what is not translated yet is shown in the original and says so.
@Suite struct ConsultationLanguageTests {
    @Test func aRespondentReadsInTheirLanguageAndSeesWhatIsNotTranslatedYet() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            let consultation = "/listening/consultations/\(fixtures.consultation)"
            let question = try await Questions.list(of: fixtures.consultation, on: app.db)[0]
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            try await professional.get(consultation)
            #expect(try await professional.post(consultation + "/languages", [("language", "xx")]).status == .unprocessableEntity)
            try await professional.get(consultation)
            #expect(try await professional.post(consultation + "/languages", [("language", "es")]).headers.first(name: .location)
                == consultation + "/languages/es")
            try await professional.get(consultation)
            #expect(try await professional.post(consultation + "/languages", [("language", "es")]).status == .unprocessableEntity)
            // Choices keep their lines: one line for two choices is refused, and nothing is kept.
            let page = try await professional.get(consultation + "/languages/es").body.string
            #expect(page.contains("Original: Would evening hours help you?"))
            let refused = try await professional.post(consultation + "/languages/es", [
                ("title-\(fixtures.consultation)", "Lo que los jóvenes quieren de nosotros"), ("choices-\(question.id)", "Sí"),
            ])
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("as many lines as the original has (2)"))
            #expect(try await Translation.query(on: app.db).count() == 0)
            try await professional.get(consultation + "/languages/es")
            #expect(try await professional.post(consultation + "/languages/es", [
                ("title-\(fixtures.consultation)", "Lo que los jóvenes quieren de nosotros"), ("choices-\(question.id)", "Sí\nNo"),
                ("groups-\(fixtures.consultation)", "Tiene hijos\nTrabaja"),
            ]).status == .seeOther)
            #expect(try await Translation.query(on: app.db).count() == 3)
            #expect(try await professional.get(consultation).body.string.contains("Español: 3 of 6 texts translated"))
            try await Consultations.move(fixtures.consultation, from: .draft, to: .open, at: world.now, on: app.db)

            // The browser asks for Spanish: the title is in Spanish, the question not yet — and says so.
            var person = Browser(app)
            person.language = "es-ES,es;q=0.9"
            let welcome = try await person.get(AnsweringTests.code.path).body.string
            #expect(welcome.contains(#"<h1 lang="es">Lo que los jóvenes quieren de nosotros</h1>"#))
            #expect(welcome.contains(#"lang="en">To stop guessing"#) && welcome.contains("Not yet translated into Español: shown in English."))
            let screen = try await person.get(AnsweringTests.code.path + "/q/1").body.string
            #expect(screen.contains(#"<h1 lang="en">Would evening hours help you?</h1>"#))
            #expect(screen.contains(#"lang="es">Sí</label>"#))
            try await person.post(AnsweringTests.code.path + "/q/1", [("choice", "0")])
            #expect(try await Respondent.query(on: app.db).filter(\.$consultationID == fixtures.consultation).first()?.language == "es")
            // Picking English keeps to English for this consultation.
            let english = try await person.get(AnsweringTests.code.path + "?lang=en")
            #expect(english.headers[.setCookie].contains { $0.hasPrefix("\(AnsweringController.languageCookie)=en") && $0.contains("Path=/c/HERE23") })
            #expect(try await person.get(AnsweringTests.code.path).body.string.contains(#"<h1 lang="en">What young people want from us</h1>"#))
            // Once it is open, a language is no longer taken away.
            try await professional.get(consultation)
            #expect(try await professional.post(consultation + "/languages/es/remove").status == .conflict)
            #expect(try await professional.get(consultation + "/languages/sv").status == .notFound)
        }
    }
}

/// Moderation: personal data suggested and hidden, abusive text flagged, the words kept as
/// written for the team, every step logged, and two moderators never overwriting each other.
@Suite struct ModerationTests {
    @Test func aModeratorHidesWhatWasSuggestedAndEveryStepIsLogged() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            let path = "/listening/consultations/\(fixtures.openConsultation)/answers/\(fixtures.writtenAnswer)/moderation"
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            let list = try await professional.get("/listening/consultations/\(fixtures.openConsultation)/answers").body.string
            #expect(list.contains("Not moderated yet") && list.contains(path))
            let page = try await professional.get(path).body.string
            #expect(page.contains("Hide “visitor@example.org” (may be an e-mail address)"))
            let text = "Longer hours. Write to me at visitor@example.org"
            let email = try #require(PersonalData.find(in: text).first).passage
            // Without a reason nothing is kept; a passage outside the text is refused.
            let refused = try await professional.post(path, [("version", "0"), ("hide[]", email.stored)])
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("Say why"))
            try await professional.get(path)
            #expect(try await professional.post(path, [("version", "0"), ("hide[]", "5-900"), ("reason", "x")]).status == .unprocessableEntity)
            try await professional.get(path)
            #expect(try await professional.post(path, [("version", "0"), ("words", "nowhere in it"), ("reason", "x")]).status == .unprocessableEntity)
            #expect(try await ModerationStep.query(on: app.db).count() == 0)

            try await professional.get(path)
            let saved = try await professional.post(path, [("version", "0"), ("hide[]", email.stored), ("words", "Longer"), ("flagged", "no"),
                                                           ("reason", "An e-mail address")])
            #expect(saved.status == .seeOther)
            let answer = try #require(try await Answer.find(fixtures.writtenAnswer, on: app.db))
            #expect(answer.text == text && answer.moderation == .moderated && answer.moderationVersion == 1)
            #expect(Moderation.shown(answer.text, hidden: Moderation.passages(answer.hidden)) == "[…] hours. Write to me at […]")
            let after = try await professional.get(path).body.string
            #expect(after.contains("[…] hours. Write to me at […]") && after.contains(text) && after.contains("An e-mail address"))

            // A second moderator who opened the page before that step is told, and loses nothing.
            var coordinator = Browser(app)
            try await coordinator.signIn(Fixtures.login(.coordinator))
            try await coordinator.get(path)
            let stale = try await coordinator.post(path, [("version", "0"), ("flagged", "yes"), ("reason", "Rude about a neighbour")])
            #expect(stale.status == .conflict)
            #expect(stale.body.string.contains("Someone else moderated this answer") && stale.body.string.contains("Rude about a neighbour"))
            #expect(try await Answer.find(fixtures.writtenAnswer, on: app.db)?.moderation == .moderated)
            // Saving again from the page they were shown applies it.
            #expect(try await coordinator.post(path, [("version", "1"), ("hide[]", email.stored), ("flagged", "yes"),
                                                      ("reason", "Rude about a neighbour")]).status == .seeOther)
            let flagged = try #require(try await Answer.find(fixtures.writtenAnswer, on: app.db))
            #expect(flagged.moderation == .flagged && Moderation.passages(flagged.hidden) == [email])
            #expect(try await ModerationStep.query(on: app.db).count() == 2)
            _ = world
        }
    }

    @Test func newWordsFromTheRespondentAreNotModeratedYet() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            _ = try await AnsweringTests.open(fixtures, on: app, at: world.now)
            var person = Browser(app)
            try await person.get(AnsweringTests.code.path + "/q/5")
            try await person.post(AnsweringTests.code.path + "/q/5", [("text", "Call me on 040-1234567")])
            let answer = try #require(try await Answer.query(on: app.db).filter(\.$text == "Call me on 040-1234567").first())
            let phone = try #require(PersonalData.find(in: answer.text).first)
            #expect(phone.kind == .phone)
            let checked = try #require(try? Moderation.check(.init(hide: [phone.passage.stored], reason: "phone"), text: answer.text).get())
            #expect(try await Moderation.moderate(answer.requireID(), checked, seenVersion: 0, by: fixtures.accounts[.professional]!, at: world.now,
                                                  on: app.db))
            try await person.get(AnsweringTests.code.path + "/q/5")
            try await person.post(AnsweringTests.code.path + "/q/5", [("text", "Call me on 040-7654321")])
            let changed = try #require(try await Answer.find(answer.requireID(), on: app.db))
            #expect(changed.moderation == .unmoderated && changed.hidden.isEmpty && changed.moderationVersion == 2)
        }
    }
}

/// The codebook, coding by several people, and how far they agree.
@Suite struct CodingTests {
    @Test func kappaIsAgreementBeyondChance() {
        // Fifty answers: both gave the theme to 20, only the first to 5, only the second to 10, neither to 15.
        let table = Agreement.Table(both: 20, onlyFirst: 5, onlySecond: 10, neither: 15)
        #expect(table.percent == 70)
        #expect(abs((table.kappa ?? 0) - 0.4) < 1e-9)
        #expect(Agreement.Table(both: 4, onlyFirst: 0, onlySecond: 0, neither: 6).kappa == 1)
        // Both gave it to every answer: chance explains it all, and kappa says nothing.
        #expect(Agreement.Table(both: 5).kappa == nil && Agreement.Table(both: 5).percent == 100)
        #expect(Agreement.Table().percent == nil)
    }

    @Test func aLongListOfDisagreementsIsCountedInFullAndListedInPart() throws {
        let theme = Codebook.Line(id: UUID(), parentID: nil, name: "Hours", description: "", path: "Hours")
        let (first, second) = (UUID(), UUID())
        let answers = (0..<50).map { _ in UUID() }
        // Both coded all fifty; the first gave the theme to every one, the second to the first ten.
        let codings = answers.enumerated().flatMap { index, answer in
            [Agreement.Given(answerID: answer, themeID: theme.id, coderID: first)]
                + [Agreement.Given(answerID: answer, themeID: index < 10 ? theme.id : UUID(), coderID: second)]
        }
        let line = try #require(Agreement.pairs(codings, themes: [theme]).first?.themes.first)
        // Which coder counts as the first is their order by id.
        #expect([Agreement.Table(both: 10, onlyFirst: 40), Agreement.Table(both: 10, onlySecond: 40)].contains(line.table))
        #expect(line.disagreementCount == 40)
        #expect(line.disagreements.count == Agreement.disputedShown)
        let disputed = Set(answers[10...])
        #expect(line.disagreements.allSatisfy { disputed.contains($0) })
    }

    @Test func twoCodersCodeTheSameAnswersAndSeeWhereTheyDisagree() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            let consultation = "/listening/consultations/\(fixtures.openConsultation)"
            let coding = consultation + "/answers/\(fixtures.writtenAnswer)/coding"
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            // A sub-theme, and a name already taken at the top; themes stand in the order they were made.
            world.advance(by: 60)
            try await professional.get(consultation + "/codebook")
            #expect(try await professional.post(consultation + "/codebook", [("name", "Evenings"), ("description", "Open after six"),
                                                                               ("parent", fixtures.theme.uuidString)]).status == .seeOther)
            try await professional.get(consultation + "/codebook")
            let taken = try await professional.post(consultation + "/codebook", [("name", "opening hours")])
            #expect(taken.status == .unprocessableEntity && taken.body.string.contains("There is a theme of that name there already"))
            try await professional.get(consultation + "/codebook")
            world.advance(by: 60)
            #expect(try await professional.post(consultation + "/codebook", [("name", "Contact")]).status == .seeOther)
            let themes = try await Codebook.themes(of: fixtures.openConsultation, on: app.db)
            #expect(themes.map(\.path) == ["Opening hours", "Opening hours › Evenings", "Contact"])
            let contact = try #require(themes.last).id

            // The professional codes a passage too; words not in the answer are refused.
            try await professional.get(coding)
            #expect(try await professional.post(coding, [("themes[]", contact.uuidString), ("words", "not in it")]).status == .unprocessableEntity)
            try await professional.get(coding)
            #expect(try await professional.post(coding, [("themes[]", contact.uuidString), ("words", "Write to me")]).status == .seeOther)
            let passage = try #require(try await Coding.query(on: app.db).filter(\.$themeID == contact).first())
            #expect(passage.passage == "14-25")
            // Sent twice, kept once.
            try await professional.get(coding)
            #expect(try await professional.post(coding, [("themes[]", contact.uuidString), ("words", "Write to me")]).status == .seeOther)
            #expect(try await Coding.query(on: app.db).filter(\.$themeID == contact).count() == 1)

            // The coordinator codes the same answer with "Contact" only: they agree on it, not on "Opening hours".
            var coordinator = Browser(app)
            try await coordinator.signIn(Fixtures.login(.coordinator))
            try await coordinator.get(coding)
            #expect(try await coordinator.post(coding, [("themes[]", contact.uuidString)]).status == .seeOther)
            let agreement = try await coordinator.get(consultation + "/agreement").body.string
            #expect(agreement.contains("answers both coded: 1"))
            #expect(agreement.contains("Disagreed on “Opening hours”") && !agreement.contains("Disagreed on “Contact”"))
            // Nobody takes back someone else's coding.
            let page = try await coordinator.get(coding).body.string
            #expect(page.contains("Opening hours — "))
            #expect(try await coordinator.post(coding + "/\(fixtures.coding)/remove").status == .forbidden)
            try await professional.get(coding)
            #expect(try await professional.post(coding + "/\(fixtures.coding)/remove").status == .seeOther)
            #expect(try await Coding.find(fixtures.coding, on: app.db) == nil)

            // The draft takes the open consultation's codebook; another organisation's is not found.
            let draft = "/listening/consultations/\(fixtures.consultation)/codebook"
            try await professional.get(draft)
            #expect(try await professional.post(draft + "/copy", [("from", fixtures.openConsultation.uuidString)]).status == .seeOther)
            #expect(try await Codebook.themes(of: fixtures.consultation, on: app.db).map(\.path) == themes.map(\.path))
            try await professional.get(draft)
            #expect(try await professional.post(draft + "/copy", [("from", fixtures.openConsultation.uuidString)]).status == .seeOther)
            #expect(try await Codebook.themes(of: fixtures.consultation, on: app.db).count == 3)
            let theirs = Consultation(organisationID: fixtures.elsewhere, teamID: fixtures.otherTeam, title: "Theirs", purpose: "Theirs",
                                      audience: "Theirs", opensOn: "2026-06-01", closesOn: "2026-06-30", publicCode: ConsultationCode(typed: "ZZZ234")!,
                                      createdByID: fixtures.adminElsewhere, at: world.now)
            try await theirs.create(on: app.db)
            try await Theme(consultationID: try theirs.requireID(), parentID: nil, name: "Secret", description: "", createdByID: fixtures.adminElsewhere,
                            at: world.now).create(on: app.db)
            try await professional.get(draft)
            #expect(try await professional.post(draft + "/copy", [("from", try theirs.requireID().uuidString)]).status == .notFound)
            #expect(try await Codebook.themes(of: fixtures.consultation, on: app.db).count == 3)
        }
    }
}

/// A signed-in citizen answers anonymously like anyone else, and may ask the team to contact them:
/// only then is their account stored with their answers, and taken away when they say no.
@Suite struct ContactAfterAnsweringTests {
    @Test func aSignedInRespondentChoosesToBeContactedAndChangesTheirMind() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            _ = try await AnsweringTests.open(fixtures, on: app, at: app.platform.dependencies.now())
            let code = AnsweringTests.code
            let citizenID = fixtures.accounts[.citizen]!
            var citizen = Browser(app)
            try await citizen.signIn(Fixtures.login(.citizen))
            // Nothing answered yet: nothing to ask about.
            #expect(!(try await citizen.get(code.path + "/answers").body.string.contains("Would you like the team to contact you?")))
            try await citizen.get(code.path + "/q/1")
            #expect(try await citizen.post(code.path + "/q/1", [("choice", "1")]).status == .seeOther)
            let yours = try await citizen.get(code.path + "/answers").body.string
            #expect(yours.contains("Would you like the team to contact you?") && yours.contains("Yes, contact me"))
            let respondent = try #require(try await Respondent.query(on: app.db).filter(\.$consultationID == fixtures.consultation).first())
            #expect(respondent.contactAccountID == nil)

            #expect(try await citizen.post(code.path + "/contact", [("contact", "yes")]).status == .seeOther)
            #expect(try await Respondent.find(respondent.id, on: app.db)?.contactAccountID == citizenID)
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            let sheets = try await professional.get("/listening/consultations/\(fixtures.consultation)/answers").body.string
            #expect(sheets.contains("Asked to be contacted: The citizen"))
            // Erasure takes the link away; the answers stay.
            let scope = ListeningErasureTests.scope(citizenID, fixtures, at: app.platform.dependencies.now())
            let erased = try await ListeningErasure().erase(scope, on: app.db)
            #expect(erased.erased["contact requests on consultation answers"] == 1)
            #expect(try await Respondent.find(respondent.id, on: app.db)?.contactAccountID == nil)

            try await citizen.get(code.path + "/answers")
            #expect(try await citizen.post(code.path + "/contact", [("contact", "yes")]).status == .seeOther)
            try await citizen.get(code.path + "/answers")
            #expect(try await citizen.post(code.path + "/contact", [("contact", "no")]).status == .seeOther)
            #expect(try await Respondent.find(respondent.id, on: app.db)?.contactAccountID == nil)
            #expect(try await Answer.query(on: app.db).filter(\.$respondentID == respondent.requireID()).count() == 1)
        }
    }
}
