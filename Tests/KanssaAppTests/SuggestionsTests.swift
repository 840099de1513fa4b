import Fluent
import Foundation
@testable import KanssaApp
import KanssaCore
import Listening
import Testing
import VaporTesting

/// Suggested themes: asked for on the page, worked out in the background with its progress
/// shown, and each suggestion taken into the codebook, renamed or turned down — once.
@Suite struct SuggestionsTests {
    /// Adds written answers to the fixtures' open consultation: about the bus in English, about
    /// opening hours in English, and a few in Finnish.
    private func addAnswers(_ app: Application, _ fixtures: Fixtures, now: Date) async throws {
        let question = try #require(try await Question.query(on: app.db).filter(\.$consultationID == fixtures.openConsultation)
            .filter(\.$kind == .openText).first())
        let texts: [(String, String)] = [
            ("en", "The bus ticket is too expensive for me"), ("en", "A cheaper bus ticket, please"), ("en", "The bus does not come to my street"),
            ("en", "The bus takes an hour each way"), ("en", "Open in the evening after work"), ("en", "Evening opening would help parents"),
            ("en", "Open on Saturday or in the evening"), ("en", "The opening hours suit nobody who works"),
            ("fi", "Bussilippu on liian kallis"), ("fi", "Bussi ei kulje kadulleni"), ("fi", "Avatkaa illalla töiden jälkeen"),
        ]
        for (language, text) in texts {
            let respondent = Respondent(consultationID: fixtures.openConsultation, channel: .paper, codeDigest: nil, language: language, groups: [],
                                        enteredByID: fixtures.accounts[.professional]!, at: now)
            try await respondent.create(on: app.db)
            let answer = Answer(respondentID: try respondent.requireID(), questionID: try question.requireID(), at: now)
            answer.text = text
            try await answer.create(on: app.db)
        }
    }

    private func waitUntilDone(_ app: Application) async throws -> SuggestionRun {
        for _ in 0..<200 {
            if let run = try await SuggestionRun.query(on: app.db).sort(\.$requestedAt, .descending).first(), run.status != .running { return run }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("the suggestion did not finish within ten seconds")
        throw KanssaError.notFound
    }

    @Test func aTeamMemberAsksForThemesAndTakesOneInRenamesOneAndTurnsOneDown() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            try await addAnswers(app, fixtures, now: world.now)
            let page = "/listening/consultations/\(fixtures.openConsultation)/suggestions"
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            let empty = try await professional.get(page)
            #expect(empty.status == .ok)
            // The languages answered in, with how many written answers each (the fixtures' one more in English).
            #expect(empty.body.string.contains("English: 9 answers") && empty.body.string.contains("Suomi: 3 answers"))
            #expect(empty.headers.first(name: "Refresh") == nil)

            // Bad choices are refused and said.
            let bad = try await professional.post(page, [("language", "sv"), ("wanted", "40")])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("Choose a language the answers are written in.") && bad.body.string.contains("Choose how many themes"))

            try await professional.get(page)
            let started = try await professional.post(page, [("language", "en"), ("wanted", "2")])
            #expect(started.status == .seeOther)
            let run = try await waitUntilDone(app)
            #expect(run.status == .done && run.progress == 100 && run.answerCount == 9 && run.language == "en")

            let shown = try await professional.get(page).body.string
            #expect(shown.contains("Suggested from 9 answers in English"))
            #expect(shown.contains("Machine-made"))
            let suggestions = try await ThemeSuggestion.query(on: app.db).sort(\.$position).all()
            #expect(suggestions.count == 2)
            #expect(suggestions.map(\.answerCount).reduce(0, +) == 9)
            // The bus answers hang together: the word sets one suggestion apart.
            #expect(suggestions.contains { $0.wordList.contains("bus") })
            for suggestion in suggestions { #expect(!suggestion.exampleList.isEmpty && suggestion.exampleList.count <= 3) }

            let first = try suggestions[0].requireID(), second = try suggestions[1].requireID()
            let ownName = Suggestions.ownName(suggestions[0].wordList)
            try await professional.get(page)
            #expect(try await professional.post(page + "/\(first)", [("choice", "accept")]).status == .seeOther)
            let themes = try await Codebook.themes(of: fixtures.openConsultation, on: app.db).map(\.name)
            #expect(themes.contains(ownName))
            // Decided once: a second decision is refused and said.
            try await professional.get(page)
            let again = try await professional.post(page + "/\(first)", [("choice", "reject")])
            #expect(again.status == .conflict && again.body.string.contains("Someone has already decided"))

            // A name of its own: not empty, not one the codebook has.
            let field = "name-\(second.uuidString.lowercased())"
            try await professional.get(page)
            let blank = try await professional.post(page + "/\(second)", [("choice", "rename"), (field, "  ")])
            #expect(blank.status == .unprocessableEntity && blank.body.string.contains("Give the theme a name"))
            try await professional.get(page)
            let taken = try await professional.post(page + "/\(second)", [("choice", "rename"), (field, "opening hours")])
            #expect(taken.status == .unprocessableEntity && taken.body.string.contains("already in the codebook"))
            try await professional.get(page)
            #expect(try await professional.post(page + "/\(second)", [("choice", "rename"), (field, "Evenings")]).status == .seeOther)
            let decided = try await ThemeSuggestion.query(on: app.db).sort(\.$position).all()
            #expect(decided.map(\.decision) == [.accepted, .renamed])
            #expect(decided.allSatisfy { $0.decidedByID == fixtures.accounts[.professional] && $0.themeID != nil })
            let after = try await professional.get(page).body.string
            #expect(after.contains("Taken into the codebook as “Evenings” by"))
            #expect(!after.contains("Machine-made") && !after.contains("Decided earlier"))

            // A new run in Finnish: its suggestions are shown, and the decisions on the English ones stay on record below.
            world.advance(by: 60)
            try await professional.get(page)
            #expect(try await professional.post(page, [("language", "fi"), ("wanted", "2")]).status == .seeOther)
            #expect(try await waitUntilDone(app).language == "fi")
            let later = try await professional.get(page).body.string
            #expect(later.contains("Suggested from 3 answers in Suomi") && later.contains("Machine-made"))
            #expect(later.contains("Decided earlier") && later.contains("Taken into the codebook as “Evenings” by"))
        }
    }

    @Test func turningDownKeepsTheDecisionAndAddsNoTheme() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            try await addAnswers(app, fixtures, now: world.now)
            let professional = fixtures.accounts[.professional]!
            guard case .success(let runID) = try await Suggestions.start(
                consultationID: fixtures.openConsultation, language: "fi", wanted: 2, by: professional, at: world.now, on: app.db)
            else { Issue.record("not started"); return }
            await Suggestions.work(runID, clustering: { texts, wanted, progress in TextClusters.cluster(texts, count: wanted, progress: progress) },
                                   now: { world.now }, on: app.db)
            let suggestion = try #require(try await ThemeSuggestion.query(on: app.db).first())
            let before = try await Theme.query(on: app.db).count()
            let result = try await Suggestions.decide(try suggestion.requireID(), of: fixtures.openConsultation, choice: .reject, name: "",
                                                      by: professional, at: world.now, on: app.db)
            #expect((try? result.get()) != nil)
            #expect(try await Theme.query(on: app.db).count() == before)
            let kept = try #require(try await ThemeSuggestion.find(suggestion.requireID(), on: app.db))
            #expect(kept.decision == .rejected && kept.decidedAt == world.now && kept.themeID == nil)
            // Another consultation's suggestion is not found through this one.
            await #expect(throws: ListeningError.self) {
                _ = try await Suggestions.decide(try suggestion.requireID(), of: fixtures.consultation, choice: .accept, name: "",
                                                 by: professional, at: world.now, on: app.db)
            }
        }
    }

    @Test func whileARunIsUnderWayThePageShowsItsProgressAndRefusesASecond() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            try await addAnswers(app, fixtures, now: world.now)
            let run = SuggestionRun(consultationID: fixtures.openConsultation, language: "en", wanted: 4,
                                    requestedByID: fixtures.accounts[.professional]!, at: world.now)
            run.answerCount = 9
            run.progress = 40
            try await run.create(on: app.db)
            let page = "/listening/consultations/\(fixtures.openConsultation)/suggestions"
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            let running = try await professional.get(page)
            #expect(running.headers.first(name: "Refresh") == "2; url=\(page)")
            #expect(running.body.string.contains("Reading 9 answers in English: 40 % done"))
            #expect(running.body.string.contains(#"<progress max="100" value="40""#))
            let second = try await Suggestions.start(consultationID: fixtures.openConsultation, language: "en", wanted: 3,
                                                     by: fixtures.accounts[.professional]!, at: world.now, on: app.db)
            #expect(second == .failure(ProblemList([.busy])))

            // A run that never finished (the server stopped under it) is said so, and a new one may start.
            world.advance(by: Suggestions.givenUpAfter + 1)
            let stopped = try await Suggestions.load(fixtures.openConsultation, now: world.now, on: app.db)
            #expect(stopped.state == .stopped(language: "en"))
            let third = try await Suggestions.start(consultationID: fixtures.openConsultation, language: "en", wanted: 3,
                                                    by: fixtures.accounts[.professional]!, at: world.now, on: app.db)
            #expect((try? third.get()) != nil)
        }
    }

    @Test func twoPeopleAskingAtOnceStartOneRun() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            try await addAnswers(app, fixtures, now: world.now)
            let person = fixtures.accounts[.professional]!
            let started = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<6 {
                    group.addTask {
                        let result = try await Suggestions.start(consultationID: fixtures.openConsultation, language: "en", wanted: 3,
                                                                 by: person, at: world.now, on: app.db)
                        return (try? result.get()) != nil
                    }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(started == 1)
            // The database itself refuses a second running run, whatever code writes it.
            await #expect(throws: (any Error).self) {
                try await SuggestionRun(consultationID: fixtures.openConsultation, language: "en", wanted: 3, requestedByID: person,
                                        at: world.now).create(on: app.db)
            }
        }
    }
}
