import Fluent
import Foundation
@testable import KanssaApp
import KanssaCore
import Learning
import Testing
import VaporTesting

/// Mind-set self-assessment rounds: opened by a coordinator, answered privately, a person's own
/// profile, and figures only of five people or more.
@Suite struct SelfAssessmentTests {
    /// Every item of the co-creation mind-set answered `value` (reversed ones too).
    static func all(_ value: Int) throws -> [String: Int] {
        let instrument = try #require(try Instruments.bundled()["co-creation-mindset"])
        return Dictionary(uniqueKeysWithValues: instrument.items.map { ($0.id, value) })
    }

    static func colleagues(_ count: Int, on app: Application, fixtures: Fixtures) async throws -> [UUID] {
        var ids: [UUID] = []
        for index in 0..<count {
            let account = Account(login: "pro\(index)@here.test", displayName: "Pro \(index)", preferredLanguage: "en",
                                  passwordHash: "!", createdAt: app.platform.dependencies.now())
            try await account.create(on: app.db)
            try await Enrolment.grant(accountID: try account.requireID(), organisationID: fixtures.here, role: .professional,
                                      at: app.platform.dependencies.now(), on: app.db)
            ids.append(try account.requireID())
        }
        return ids
    }

    @Test func aProfessionalAnswersPrivatelyLeavesAndResumesAndSeesTheirProfile() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            let mine = try await professional.get("/learning").body.string
            #expect(mine.contains("Before the programme") && mine.contains("Not started"))

            try await professional.get("/learning/rounds/\(fixtures.round)")
            #expect(try await professional.post("/learning/rounds/\(fixtures.round)", [("item-wp1", "4"), ("item-wp3", "2"), ("submit", "no")])
                .status == .seeOther)
            let resumed = try await professional.get("/learning/rounds/\(fixtures.round)").body.string
            #expect(resumed.contains("2 of 20 questions answered"))
            #expect(resumed.contains(#"id="item-wp1-3" name="item-wp1" value="4" checked"#))
            #expect(try await professional.get("/learning").body.string.contains("Started, not yet sent"))

            // Sending asks for every answer; a value off the scale is refused.
            let incomplete = try await professional.post("/learning/rounds/\(fixtures.round)", [("item-wp1", "4"), ("submit", "yes")])
            #expect(incomplete.status == .unprocessableEntity)
            #expect(incomplete.body.string.contains("Answer this question before you send"))
            try await professional.get("/learning/rounds/\(fixtures.round)")
            #expect(try await professional.post("/learning/rounds/\(fixtures.round)", [("item-wp1", "9")]).status == .unprocessableEntity)

            // Everything 4, except wp3 (reversed) answered 2, which counts as 4: whole-person 4.0; the rest 4 with
            // one reversed item each counting 2: (4 + 4 + 4 + 2) / 4 = 3.5.
            var fields = try Self.all(4).map { ("item-\($0.key)", String($0.value)) }
            fields.removeAll { $0.0 == "item-wp3" }
            fields += [("item-wp3", "2"), ("submit", "yes")]
            try await professional.get("/learning/rounds/\(fixtures.round)")
            #expect(try await professional.post("/learning/rounds/\(fixtures.round)", fields).status == .seeOther)
            let profile = try await professional.get("/learning/rounds/\(fixtures.round)?notice=submitted").body.string
            #expect(profile.contains("My profile"))
            #expect(profile.contains("<td>Seeing the whole person</td><td>4.0</td>"))
            #expect(profile.contains("<td>Learning and unlearning</td><td>3.5</td>"))
            #expect(profile.contains("What did you used to be sure of in your work that you now doubt?"))
        }
    }

    @Test func aLongQuestionnaireIsAnsweredOneQuestionPerScreenLeftAndResumed() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            let items = try #require(try Instruments.bundled()["co-creation-mindset"]).items
            let path = "/learning/rounds/\(fixtures.round)"
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            let whole = try await professional.get(path).body.string
            #expect(whole.contains(#"href="\#(path)?step=1""#))  // twenty questions: long, so offered one at a time
            let first = try await professional.get("\(path)?step=1").body.string
            #expect(first.contains("Question 1 of 20 · 0 answered"))
            #expect(first.contains(#"name="item-\#(items[0].id)""#) && !first.contains(#"name="item-\#(items[1].id)""#))
            #expect(!first.contains(">Back<"))
            // An answer off the scale stays on the question with a message.
            #expect(try await professional.post(path, [("step", "1"), ("item-\(items[0].id)", "9"), ("move", "next")]).status
                    == .unprocessableEntity)
            try await professional.get("\(path)?step=1")
            var moved = try await professional.post(path, [("step", "1"), ("item-\(items[0].id)", "4"), ("move", "next")])
            #expect(moved.headers.first(name: .location) == "\(path)?step=2")
            try await professional.get("\(path)?step=2")
            moved = try await professional.post(path, [("step", "2"), ("item-\(items[1].id)", "3"), ("move", "later")])
            #expect(moved.headers.first(name: .location) == "\(path)?notice=saved")
            // Coming back, the page resumes at the first question not answered, and the answers so far are kept.
            #expect(try await professional.get(path).body.string.contains(#"href="\#(path)?step=3""#))
            let back = try await professional.get("\(path)?step=2").body.string
            #expect(back.contains(#"name="item-\#(items[1].id)" value="3" checked"#) && back.contains("2 answered"))
            // Sending at the last question with some left: all the questions, the missing ones named.
            try await professional.get("\(path)?step=20")
            let early = try await professional.post(path, [("step", "20"), ("item-\(items[19].id)", "5"), ("move", "send")])
            #expect(early.status == .unprocessableEntity)
            #expect(early.body.string.components(separatedBy: "Answer this question before you send").count - 1 == 17 * 2)
            for (index, item) in items.enumerated() {
                try await professional.get("\(path)?step=\(index + 1)")
                let move = index == items.count - 1 ? "send" : "next"
                #expect(try await professional.post(path, [("step", String(index + 1)), ("item-\(item.id)", "4"), ("move", move)]).status == .seeOther)
            }
            let answer = try #require(try await Rounds.answers(of: fixtures.accounts[.professional]!, in: fixtures.round, on: app.db))
            #expect(answer.submittedAt != nil && answer.values.count == 20 && answer.values.values.allSatisfy { $0 == 4 })
        }
    }

    @Test func cachedFiguresFollowEveryChangeOfTheAnswers() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            let people = try await Self.colleagues(6, on: app, fixtures: fixtures)
            for person in people.prefix(5) {
                try await Rounds.save(try Self.all(3), submit: true, roundID: fixtures.round, accountID: person, at: world.now, on: app.db)
            }
            let round = try #require(try await AssessmentRound.find(fixtures.round, on: app.db))
            let instrument = try #require(app.platform.instruments["co-creation-mindset"])
            let cache = RoundFiguresCache(capacity: 2)
            let first = try await cache.figures(round, instrument: instrument, comparedWith: nil, on: app.db)
            #expect(first.submitted == 5 && first.subscales[0].distribution?.mean == 3)
            #expect(try await cache.figures(round, instrument: instrument, comparedWith: nil, on: app.db) == first)
            // A sixth person sends; then someone changes their answers: each is seen at once.
            world.advance(by: 60)
            try await Rounds.save(try Self.all(5), submit: true, roundID: fixtures.round, accountID: people[5], at: world.now, on: app.db)
            let sixth = try await cache.figures(round, instrument: instrument, comparedWith: nil, on: app.db)
            #expect(sixth.submitted == 6 && sixth.subscales[0].distribution?.mean != 3)
            world.advance(by: 60)
            try await Rounds.save(try Self.all(5), submit: true, roundID: fixtures.round, accountID: people[0], at: world.now, on: app.db)
            let changed = try await cache.figures(round, instrument: instrument, comparedWith: nil, on: app.db)
            #expect(changed.submitted == 6 && changed.subscales[0].distribution != sixth.subscales[0].distribution)
            #expect(changed == (try await Rounds.figures(round, instrument: instrument, comparedWith: nil, on: app.db)))
        }
    }

    @Test func nobodyButThePersonReachesTheirAnswersAndFiguresNeedFivePeople() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            for role in [Role.coordinator, .admin, .researcher, .citizen, .trainer] {
                var browser = Browser(app)
                try await browser.signIn(Fixtures.login(role))
                #expect(try await browser.get("/learning/rounds/\(fixtures.round)").status == .forbidden, "\(role)")
            }
            let people = try await Self.colleagues(6, on: app, fixtures: fixtures)
            for (index, person) in people.prefix(4).enumerated() {
                try await Rounds.save(try Self.all(2 + index % 2), submit: true, roundID: fixtures.round, accountID: person, at: world.now,
                                      on: app.db)
            }
            var coordinator = Browser(app)
            try await coordinator.signIn(Fixtures.login(.coordinator))
            let four = try await coordinator.get("/organisations/\(fixtures.here)/rounds/\(fixtures.round)/figures").body.string
            #expect(four.contains("4 people have sent their answers"))
            #expect(four.contains("Too few answers to show without identifying people"))
            // A draft is no answer for the figures.
            try await Rounds.save(["wp1": 5], submit: false, roundID: fixtures.round, accountID: people[5], at: world.now, on: app.db)
            try await Rounds.save(try Self.all(4), submit: true, roundID: fixtures.round, accountID: people[4], at: world.now, on: app.db)
            let five = try await coordinator.get("/organisations/\(fixtures.here)/rounds/\(fixtures.round)/figures").body.string
            #expect(five.contains("5 people have sent their answers"))
            #expect(!five.contains("Too few answers"))
            let list = try await coordinator.get("/organisations/\(fixtures.here)/rounds").body.string
            #expect(list.contains("<td>5</td>"))
            #expect(!list.contains("Pro 0"), "who answered is never shown")
            // A researcher reads the list and the figures, and opens nothing.
            var researcher = Browser(app)
            try await researcher.signIn(Fixtures.login(.researcher))
            let read = try await researcher.get("/organisations/\(fixtures.here)/rounds").body.string
            #expect(read.contains("Before the programme") && !read.contains("Open the round"))
            #expect(try await researcher.get("/organisations/\(fixtures.here)/rounds/\(fixtures.round)/figures").status == .ok)
        }
    }

    @Test func theChangeBetweenRoundsIsCountedOverThoseWhoAnsweredBoth() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            let people = try await Self.colleagues(6, on: app, fixtures: fixtures)
            world.advance(by: 90 * 24 * 3600)
            var coordinator = Browser(app)
            try await coordinator.signIn(Fixtures.login(.coordinator))
            try await coordinator.get("/organisations/\(fixtures.here)/rounds")
            let opened = try await coordinator.post("/organisations/\(fixtures.here)/rounds", [
                ("instrument", "co-creation-mindset"), ("team", ""), ("label", "After the programme"), ("closes", "2026-09-30"),
            ])
            #expect(opened.status == .seeOther)
            let after = try #require(try await AssessmentRound.query(on: app.db).filter(\.$label == "After the programme").first()?.id)
            // Five answered both; a sixth only afterwards and is left out of the change.
            for (index, person) in people.enumerated() {
                if index < 5 {
                    try await Rounds.save(try Self.all(2), submit: true, roundID: fixtures.round, accountID: person, at: world.now, on: app.db)
                }
                try await Rounds.save(try Self.all(index % 2 == 0 ? 4 : 3), submit: true, roundID: after, accountID: person,
                                      at: world.now, on: app.db)
            }
            let page = try await coordinator.get("/organisations/\(fixtures.here)/rounds/\(after)/figures?compare=\(fixtures.round)").body.string
            // Whole person (no reversed item answered the other way round: all items equal): before 2.5 for everyone
            // (three items 2, one reversed 2 → 4), after 3.5 or 3.0 (4,4,4,2 or 3,3,3,3); changes +1, +0.5, +1, +0.5, +1.
            #expect(page.contains("+0.8 (95 % interval"))
            #expect(page.contains("5 people"))
            // Said in a sentence, on the questionnaire's scale, and drawn: the spread and the change.
            #expect(page.contains("Answers run from 1 (“"))
            #expect(page.contains("Up 0.8 since “Before the programme” for the 5 people who answered both: a clear rise"))
            #expect(page.contains(#"<figcaption id="figures-spread">"#) && page.contains(#"<figcaption id="figures-change">"#))
            #expect(page.contains(#"<svg viewBox="0 0 320 230" role="img" aria-labelledby="figures-change""#))
            #expect(page.matches(of: #/class="middle-half"/#).count == 5)
            // Someone asked in another round of another organisation is never compared.
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            #expect(try await professional.get("/organisations/\(fixtures.here)/rounds/\(after)/figures").status == .forbidden)
        }
    }

    @Test func aClosedRoundTakesNoMoreAnswers() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            world.advance(by: 31 * 24 * 3600)
            try await professional.signIn(Fixtures.login(.professional))
            let page = try await professional.get("/learning/rounds/\(fixtures.round)").body.string
            #expect(page.contains("This round is closed."))
            #expect(try await professional.post("/learning/rounds/\(fixtures.round)", [("item-wp1", "4")]).status == .forbidden)
        }
    }

    @Test func aRoundNobodyCanAnswerIsOpenedOnlyWhenTheCoordinatorSaysSo() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            // The fixtures' "Employment" team has no professionals.
            let employment = try #require(try await Team.query(on: app.db).filter(\.$name == "Employment").first()?.id)
            var coordinator = Browser(app)
            try await coordinator.signIn(Fixtures.login(.coordinator))
            try await coordinator.get("/organisations/\(fixtures.here)/rounds")
            let form = [("instrument", "co-creation-mindset"), ("team", employment.uuidString), ("label", "Empty team"),
                        ("closes", "2026-06-30")]
            let warned = try await coordinator.post("/organisations/\(fixtures.here)/rounds", form)
            #expect(warned.status == .unprocessableEntity)
            #expect(warned.body.string.contains("Nobody can answer this round yet"))
            #expect(warned.body.string.contains("Open it anyway"))
            #expect(try await AssessmentRound.query(on: app.db).filter(\.$label == "Empty team").count() == 0)
            try await coordinator.get("/organisations/\(fixtures.here)/rounds")
            #expect(try await coordinator.post("/organisations/\(fixtures.here)/rounds", form + [("nobody", "open")]).status == .seeOther)
            #expect(try await AssessmentRound.query(on: app.db).filter(\.$label == "Empty team").count() == 1)
            // A team with a professional opens at once.
            try await coordinator.get("/organisations/\(fixtures.here)/rounds")
            #expect(try await coordinator.post("/organisations/\(fixtures.here)/rounds", [
                ("instrument", "co-creation-mindset"), ("team", fixtures.outreachTeam.uuidString), ("label", "Outreach"),
                ("closes", "2026-06-30"),
            ]).status == .seeOther)
        }
    }
}
