import Fluent
import Foundation
@testable import KanssaApp
import KanssaCore
@testable import Listening
import Testing
import VaporTesting

/// "You said, we did": anyone reads what a consultation asked, how many took part, what was
/// heard, what became of each belief and what was decided — and nobody in it can be singled out.
@Suite struct PublicReportTests {
    @Test func aCountUnderFiveIsHeldBackAndSoIsOneThatWouldGiveItAway() {
        #expect(SmallCells.suppress([12, 2], totalShown: true) == [nil, nil])
        #expect(SmallCells.suppress([12, 2], totalShown: false) == [12, nil])
        #expect(SmallCells.suppress([12, 3, 2], totalShown: true) == [12, nil, nil])
        // The smallest other count goes with it; a zero says nobody and stays.
        #expect(SmallCells.suppress([20, 7, 3, 0], totalShown: true) == [20, nil, nil, 0])
        #expect(SmallCells.suppress([5, 9, 0], totalShown: true) == [5, 9, 0])
        #expect(SmallCells.suppress([4, 0], totalShown: true) == [nil, 0])
    }

    /// Six more web respondents of the open consultation telling a story each — consent to
    /// publish given or not, moderated or not — all coded with the fixture's theme.
    static func stories(_ fixtures: Fixtures, on app: Application, at now: Date) async throws -> [Answer] {
        // The database fixes an open consultation's questions: the story question is added as if before it opened.
        let consultation = try #require(try await Consultation.find(fixtures.openConsultation, on: app.db))
        consultation.state = .draft
        try await consultation.update(on: app.db)
        let story = Question(consultationID: fixtures.openConsultation, position: 2, kind: .story, text: "Tell us about a visit",
                             choices: [], conditionQuestionID: nil, conditionChoice: nil, at: now)
        try await story.create(on: app.db)
        consultation.state = .open
        try await consultation.update(on: app.db)
        var answers: [Answer] = []
        let told: [(String, Bool, ModerationState)] = [
            ("The staff found me a quiet room.", true, .moderated), ("I waited an hour and left.", false, .moderated),
            ("Nobody read this yet, call me on 040 123 4567.", true, .unmoderated), ("Something abusive.", true, .flagged),
            ("They listened to me.", true, .moderated), ("It was fine.", true, .moderated),
        ]
        for (index, (text, publish, moderation)) in told.enumerated() {
            let respondent = Respondent(consultationID: fixtures.openConsultation, channel: .web, codeDigest: "story-\(index)",
                                        language: "en", groups: [], enteredByID: nil, at: now)
            try await respondent.create(on: app.db)
            let answer = Answer(respondentID: try respondent.requireID(), questionID: try story.requireID(), at: now.addingTimeInterval(Double(index)))
            answer.text = text
            answer.consentPublish = publish
            answer.moderation = moderation
            try await answer.create(on: app.db)
            try await Coding(answerID: try answer.requireID(), themeID: fixtures.theme, coderID: fixtures.accounts[.professional]!, passage: nil,
                             at: now).create(on: app.db)
            answers.append(answer)
        }
        return answers
    }

    @Test func anyoneReadsWhatWasHeardAndDecidedWithNobodySingledOut() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            var anyone = Browser(app)
            // One person took part so far: no figures at all.
            let early = try await anyone.get("/c/VST234/we-did")
            #expect(early.status == .ok && early.body.string.contains("Fewer than 5 people have taken part"))
            #expect(early.body.string.contains("Said in fewer than 5 answers."))

            let answers = try await Self.stories(fixtures, on: app, at: world.now)
            let page = try await anyone.get("/c/VST234/we-did").body.string
            #expect(page.contains("7 people took part."))
            // Six on the web, one on paper: the paper count is held back, and the web count with it.
            #expect(page.contains("Paper form") && !page.contains(">6<") && !page.contains(">1<"))
            #expect(page.contains("Said in 7 answers."))
            // Quotes: moderated stories with consent to publish only.
            #expect(page.contains("The staff found me a quiet room.") && page.contains("They listened to me."))
            for hidden in ["I waited an hour", "040 123 4567", "Something abusive", "visitor@example.org"] { #expect(!page.contains(hidden), "\(hidden)") }
            // The belief, its verdict and reasoning; the decision and where it stands; no staff name.
            #expect(page.contains("Visitors want longer opening hours") && page.contains("What we heard: Confirmed.") && page.contains("They asked for it"))
            #expect(page.contains("Change: ") && page.contains("Opening hours") && page.contains("Planned"))
            let names = try await Account.query(on: app.db).all().map(\.displayName)
            for name in names { #expect(!page.contains(name), "\(name)") }

            // Consent taken back takes the story down.
            answers[0].consentPublish = false
            try await answers[0].update(on: app.db)
            #expect(!(try await anyone.get("/c/VST234/we-did").body.string.contains("The staff found me a quiet room.")))

            // A draft has no public report; a code typed another way is sent to its address.
            #expect(try await anyone.get("/c/HERE23/we-did").status == .notFound)
            #expect(try await anyone.get("/c/vst-234/we-did").headers.first(name: .location) == "/c/VST234/we-did")

            // The organisation's index lists what has opened, and what it stopped.
            let index = try await anyone.get("/organisations/\(fixtures.here)/you-said-we-did")
            #expect(index.status == .ok && index.body.string.contains("How was your visit?"))
            #expect(!index.body.string.contains("What young people want from us"))
            #expect(try await anyone.get("/organisations/\(UUID())/you-said-we-did").status == .notFound)
        }
    }
}

/// The team's figures: themes across respondent groups, choice and scale questions counted, each
/// small count held back with whatever would give it away.
@Suite struct ConsultationFiguresTests {
    @Test func choicesAreCountedAndSmallCountsHeldBack() {
        let single = Questions.Line(id: UUID(), position: 1, kind: .singleChoice, text: "Course?", choiceList: ["Yes", "No", "Not sure"],
                                    conditionQuestionID: nil, conditionChoice: nil)
        func answer(_ choices: [Int] = [], scale: Int? = nil) -> Answer {
            let answer = Answer(respondentID: UUID(), questionID: single.id, at: Date())
            answer.choices = choices.map(String.init).joined(separator: ",")
            answer.scale = scale
            return answer
        }
        let picked = Array(repeating: answer([1]), count: 9) + Array(repeating: answer([0]), count: 6) + [answer([2])]
        let counted = ConsultationFigures.counted(single, picked)
        // "Not sure" once is held back, and "Yes" (the smaller other) with it: 16 − 9 − 6 would give it away.
        #expect(counted.answered == 16 && counted.counts.map(\.count) == [nil, 9, nil])
        let several = Questions.Line(id: single.id, position: 2, kind: .multipleChoice, text: "When?", choiceList: ["Mornings", "Evenings"],
                                     conditionQuestionID: nil, conditionChoice: nil)
        let times = Array(repeating: answer([0, 1]), count: 6) + [answer([1])]
        #expect(ConsultationFigures.counted(several, times).counts.map(\.count) == [6, 7])
        let scale = Questions.Line(id: single.id, position: 3, kind: .scale, text: "Easy?", choiceList: ["Very hard", "Very easy"],
                                   conditionQuestionID: nil, conditionChoice: nil)
        let points = ConsultationFigures.counted(scale, Array(repeating: answer(scale: 5), count: 5) + Array(repeating: answer(scale: 4), count: 5))
        #expect(points.counts.map(\.count) == [0, 0, 0, 5, 5] && points.counts.first?.label == "1 – Very hard")
        // Fewer than five answered: nothing at all.
        #expect(ConsultationFigures.counted(single, [answer([0]), answer([1])]).counts.allSatisfy { $0.count == nil })
    }

    @Test func themesAreCountedPerGroupOnTheTeamsPage() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            let consultation = try #require(try await Consultation.find(fixtures.openConsultation, on: app.db))
            consultation.groups = "16–29\nHas children"
            try await consultation.update(on: app.db)
            _ = try await PublicReportTests.stories(fixtures, on: app, at: world.now)
            // Five of the storytellers are 16–29, two of them also have children.
            for (index, respondent) in try await Respondent.query(on: app.db).filter(\.$codeDigest != nil).sort(\.$codeDigest).all().enumerated()
            where index < 5 {
                respondent.groups = index < 2 ? "0,1" : "0"
                try await respondent.update(on: app.db)
            }
            let figures = try await ConsultationFigures.load(fixtures.openConsultation, on: app.db)
            #expect(figures.groups == ["16–29", "Has children"])
            // The two with children are held back, and the five aged 16–29 with them: 7 − 5 would give 2 away if nobody were in both.
            #expect(figures.themes.first?.total == 7 && figures.themes.first?.groups == [nil, nil])
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            let page = try await professional.get("/listening/consultations/\(fixtures.openConsultation)/figures")
            #expect(page.status == .ok && page.body.string.contains("Answers given each theme, by respondent group"))
        }
    }

    /// A researcher reaches consultations by their figures and sees nothing else of them.
    @Test func aResearcherSeesFiguresOnly() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            var researcher = Browser(app)
            try await researcher.signIn(Fixtures.login(.researcher))
            let home = try await researcher.get("/").body.string
            #expect(home.contains("/organisations/\(fixtures.here)/consultations"))
            let list = try await researcher.get("/organisations/\(fixtures.here)/consultations").body.string
            #expect(list.contains("As a researcher you see each consultation's figures"))
            #expect(list.contains("/listening/consultations/\(fixtures.openConsultation)/figures"))
            #expect(!list.contains(#"href="/listening/consultations/\#(fixtures.openConsultation)""#))
            #expect(!list.contains("/stopped") && !list.contains("Start a consultation"))
            let figures = try await researcher.get("/listening/consultations/\(fixtures.openConsultation)/figures")
            #expect(figures.status == .ok && figures.body.string.contains("Back to the consultations"))
            #expect(!figures.body.string.contains("Back to the consultation<"))
            for denied in ["", "/answers", "/codebook", "/decisions", "/suggestions", "/export/answers.csv"] {
                #expect(try await researcher.get("/listening/consultations/\(fixtures.openConsultation)" + denied).status == .forbidden, "\(denied)")
            }
            #expect(try await researcher.get("/organisations/\(fixtures.here)/consultations/calibration").status == .ok)
            // The team's own way back stays the consultation's page.
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            #expect(try await professional.get("/listening/consultations/\(fixtures.openConsultation)/figures").body.string
                .contains("Back to the consultation<"))
        }
    }

    /// The team's report to print: what the public page says, with the team's figures, and
    /// nothing before the consultation opens.
    @Test func theTeamPrintsAReportOfWhatWasAskedHeardAndDecided() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            let shown = try await professional.get("/listening/consultations/\(fixtures.openConsultation)")
            #expect(shown.body.string.contains("/listening/consultations/\(fixtures.openConsultation)/report"))
            let report = try await professional.get("/listening/consultations/\(fixtures.openConsultation)/report")
            #expect(report.status == .ok)
            let page = report.body.string
            #expect(page.contains("Report: How was your visit?") && page.contains("To do better"))
            #expect(page.contains("Visitors want longer opening hours") && page.contains("Opening hours"))
            #expect(page.contains("The figures") && page.contains("Answers given each theme, by respondent group"))
            // A draft has asked nothing yet: said so, not a blank report.
            let draft = try await professional.get("/listening/consultations/\(fixtures.consultation)/report")
            #expect(draft.status == .conflict && draft.body.string.contains("There is a report once the consultation has opened"))
        }
    }
}
