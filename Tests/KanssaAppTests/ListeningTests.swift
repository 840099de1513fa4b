import Fluent
import Foundation
@testable import KanssaApp
import KanssaCore
import Listening
import SQLKit
import Testing
import VaporTesting

/// Listening's first part: a team writes down what it expects to hear before it asks, and once
/// the consultation opens that ledger stays as it was — on the page and in the database.
@Suite struct ListeningTests {
    static let belief = [("statement", "People want a course on starting a business"), ("heldBy", "Employment team"),
                         ("confidence", "80 %"), ("ifWrong", "Stop the course and ask what they want instead")]

    @Test func aTeamWritesItsBeliefsDownOpensAndTheLedgerFreezes() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            let list = "/organisations/\(fixtures.here)/consultations"
            #expect(try await professional.get("/").body.string.contains(list))
            let page = try await professional.get(list).body.string
            #expect(page.contains("What young people want from us"))
            // A professional starts one only for a team they belong to.
            #expect(page.contains(">Outreach</option>") && !page.contains(">Employment</option>"))
            try await professional.get(list)
            let started = try await professional.post(list, [
                ("team", fixtures.outreachTeam.uuidString), ("title", "Work for people far from the labour market"),
                ("purpose", "To learn what would help"), ("audience", "People far from the labour market"),
                ("opensOn", "2026-06-01"), ("closesOn", "2026-06-30"), ("language", "en"),
            ])
            #expect(started.status == .seeOther)
            let path = try #require(started.headers.first(name: .location)?.components(separatedBy: "?").first)
            let consultation = try #require(UUID(uuidString: String(path.split(separator: "/").last ?? "")))

            try await professional.get(path)
            #expect(try await professional.post(path + "/assumptions", Self.belief).status == .seeOther)
            try await professional.get(path)
            #expect(try await professional.post(path + "/assumptions", [("statement", "They can come on weekdays"), ("heldBy", "We"),
                                                                       ("confidence", "60"), ("ifWrong", "Open on Saturdays")]).status == .seeOther)
            var ledger = try await Assumption.query(on: app.db).filter(\.$consultationID == consultation).sort(\.$createdAt).all()
            #expect(ledger.map(\.confidence) == [80, 60])
            // Changed and removed while it is being prepared.
            let second = try #require(ledger.last?.id)
            try await professional.get(path + "/assumptions/\(second)")
            #expect(try await professional.post(path + "/assumptions/\(second)", [
                ("statement", "They can come on weekday mornings"), ("heldBy", "We"), ("confidence", "55"), ("ifWrong", "Open in the evenings"),
            ]).status == .seeOther)
            #expect(try await Assumption.find(second, on: app.db)?.confidence == 55)
            try await professional.get(path)
            #expect(try await professional.post(path + "/assumptions/\(second)/remove", []).status == .seeOther)

            // Opening asks first, then freezes what was written.
            let confirm = try await professional.get(path + "/open").body.string
            #expect(confirm.contains("the belief written down is kept as it is"))
            world.advance(by: 60)
            try await professional.get(path)
            #expect(try await professional.post(path + "/open", []).status == .seeOther)
            let opened = try await professional.get(path).body.string
            #expect(opened.contains("nobody can change or remove these any more"))
            #expect(!opened.contains("Change or remove"))
            ledger = try await Assumption.query(on: app.db).filter(\.$consultationID == consultation).all()
            let first = try #require(ledger.first?.id)
            #expect(try await professional.get(path + "/assumptions/\(first)").status == .conflict)
            let refused = try await professional.post(path + "/assumptions/\(first)", Self.belief.map { ($0.0, $0.0 == "confidence" ? "10" : $0.1) })
            #expect(refused.status == .conflict)
            #expect(refused.body.string.contains("what was written before cannot be changed or removed"))
            try await professional.get(path)
            #expect(try await professional.post(path + "/assumptions/\(first)/remove", []).status == .conflict)
            #expect(try await Assumption.find(first, on: app.db)?.confidence == 80)

            // The database refuses too, whoever asks.
            let sql = try #require(app.db as? any SQLDatabase)
            await #expect(throws: (any Error).self) {
                try await sql.raw("UPDATE consultation_assumptions SET confidence = 5 WHERE id = \(bind: first)").run()
            }
            await #expect(throws: (any Error).self) {
                try await sql.raw("DELETE FROM consultation_assumptions WHERE id = \(bind: first)").run()
            }
            #expect(try await Assumption.find(first, on: app.db)?.confidence == 80)

            // A belief written down later says so.
            try await professional.get(path)
            #expect(try await professional.post(path + "/assumptions", [("statement", "People will come back"), ("heldBy", "We"),
                                                                       ("confidence", "50"), ("ifWrong", "Call them")]).status == .seeOther)
            #expect(try await professional.get(path).body.string.contains("Added after opening"))
            #expect(try await Assumption.query(on: app.db).filter(\.$consultationID == consultation).filter(\.$addedAfterOpening == true).count() == 1)

            // Closed, opened again once, and not twice.
            try await professional.get(path)
            #expect(try await professional.post(path + "/close", []).status == .seeOther)
            try await professional.get(path)
            #expect(try await professional.post(path + "/reopen", []).status == .seeOther)
            #expect(try await professional.get(path).body.string.contains("opened again after closing"))
            #expect(try await professional.post(path + "/close", []).status == .seeOther)
            try await professional.get(path)
            let again = try await professional.post(path + "/reopen", [])
            #expect(again.status == .conflict)
            #expect(again.body.string.contains("It was opened again once already."))
            // Opening what is not a draft changes nothing.
            try await professional.get(path)
            #expect(try await professional.post(path + "/open", []).status == .conflict)
            #expect(try await Consultation.find(consultation, on: app.db)?.state == .closed)
        }
    }

    @Test func whatIsTypedIsCheckedAndEveryProblemSaid() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            var coordinator = Browser(app)
            try await coordinator.signIn(Fixtures.login(.coordinator))
            let list = "/organisations/\(fixtures.here)/consultations"
            let page = try await coordinator.get(list).body.string
            #expect(page.contains(">Outreach</option>") && page.contains(">Employment</option>"), "a coordinator runs any team's")
            try await coordinator.get(list)
            let empty = try await coordinator.post(list, [("team", fixtures.otherTeam.uuidString), ("title", " "), ("purpose", ""),
                                                          ("audience", ""), ("opensOn", "2026-07-01"), ("closesOn", "2026-06-01")])
            #expect(empty.status == .unprocessableEntity)
            for message in ["Choose the team that runs it.", "Give the consultation a title.", "Say why you ask.", "Say whom you ask.",
                            "The day it closes comes before the day it opens."] {
                #expect(empty.body.string.contains(message), "\(message)")
            }
            try await coordinator.get(list)
            let past = try await coordinator.post(list, [("team", fixtures.outreachTeam.uuidString), ("title", "T"), ("purpose", "P"),
                                                         ("audience", "A"), ("opensOn", "2020-01-01"), ("closesOn", "2026-02-30")])
            #expect(past.body.string.contains("Give the day it opens: today or later, within a year."))
            #expect(past.body.string.contains("Give the day it closes: today or later, within a year."))
            #expect(try await Consultation.query(on: app.db).count() == 2)

            let path = "/listening/consultations/\(fixtures.consultation)"
            try await coordinator.get(path)
            for confidence in ["150", "-1", "eighty", "", "50.5"] {
                try await coordinator.get(path)
                let refused = try await coordinator.post(path + "/assumptions", [("statement", "S"), ("heldBy", "We"), ("confidence", confidence),
                                                                                ("ifWrong", "X")])
                #expect(refused.status == .unprocessableEntity, "\(confidence)")
                #expect(refused.body.string.contains("Give a whole number from 0 to 100."))
            }
            try await coordinator.get(path)
            let long = try await coordinator.post(path + "/assumptions", [("statement", String(repeating: "a", count: 2_050)), ("heldBy", ""),
                                                                         ("confidence", "0"), ("ifWrong", "\u{202E}")])
            #expect(long.body.string.contains("shorten it to 2,000 characters or fewer"))
            #expect(long.body.string.contains("Say whose belief it is."))
            #expect(try await Assumption.query(on: app.db).filter(\.$consultationID == fixtures.consultation).count() == 1)
        }
    }

    @Test func anEmptyLedgerDoesNotOpen() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            try await Assumption.query(on: app.db).filter(\.$id == fixtures.assumption).delete()
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            let path = "/listening/consultations/\(fixtures.consultation)"
            #expect(try await professional.get(path + "/open").body.string.contains("Write down at least one belief first"))
            let refused = try await professional.post(path + "/open", [])
            #expect(refused.status == .conflict)
            #expect(try await Consultation.find(fixtures.consultation, on: app.db)?.state == .draft)
        }
    }

    @Test func anotherTeamsProfessionalNeitherSeesNorStartsTheirs() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            // The member of both is a professional here, in no team.
            var other = Browser(app)
            try await other.signIn(Fixtures.memberOfBothLogin)
            #expect(try await other.get("/listening/consultations/\(fixtures.consultation)").status == .forbidden)
            let list = "/organisations/\(fixtures.here)/consultations"
            #expect(!(try await other.get(list).body.string.contains("Start the consultation")), "no team to start one for")
            let refused = try await other.post(list, [("team", fixtures.outreachTeam.uuidString), ("title", "T"), ("purpose", "P"),
                                                      ("audience", "A"), ("opensOn", "2026-06-01"), ("closesOn", "2026-06-30"), ("language", "en")])
            #expect(refused.status == .unprocessableEntity)
            #expect(try await Consultation.query(on: app.db).count() == 2)
        }
    }

    @Test func questionsOfEveryKindWithAConditionFixedOnceItOpens() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            let path = "/listening/consultations/\(fixtures.consultation)"
            // The fixture's first question: "Would evening hours help you?" Yes / No.
            let added: [[(String, String)]] = [
                [("kind", "open-text"), ("text", "What would help you most?"), ("choices", ""), ("condition", "")],
                [("kind", "multiple-choice"), ("text", "Which evenings?"), ("choices", "Monday\nTuesday\n\nThursday\n"),
                 ("condition", "\(fixtures.question):0")],
                [("kind", "scale"), ("text", "How easy is it to reach us now?"), ("choices", "Very hard\nVery easy"), ("condition", "")],
                [("kind", "story"), ("text", "Tell us about a time when we helped, or did not.")],
            ]
            for form in added {
                try await professional.get(path)
                let response = try await professional.post(path + "/questions", form)
                #expect(response.status == .seeOther, "\(form)")
            }
            let questions = try await Questions.list(of: fixtures.consultation, on: app.db)
            #expect(questions.map(\.kind) == [.singleChoice, .openText, .multipleChoice, .scale, .story])
            #expect(questions[2].choiceList == ["Monday", "Tuesday", "Thursday"])
            #expect(questions[2].conditionQuestionID == fixtures.question && questions[2].conditionChoice == 0)
            let page = try await professional.get(path).body.string
            #expect(page.contains("Asked only if the answer to question 1 included “Yes”"))

            // Checked: every problem at once, nothing stored.
            let bad: [([(String, String)], [String])] = [
                ([("kind", "poll"), ("text", " ")], ["Choose what kind of question it is.", "Write the question."]),
                ([("kind", "single-choice"), ("text", "Q"), ("choices", "Only one")], ["Give 2 to 20 different choices"]),
                ([("kind", "single-choice"), ("text", "Q"), ("choices", "Yes\nyes")], ["Give 2 to 20 different choices"]),
                ([("kind", "scale"), ("text", "Q"), ("choices", "Low\nMiddle\nHigh")], ["Give 2 to 20 different choices"]),
                ([("kind", "open-text"), ("text", "Q"), ("condition", "\(fixtures.question):7")], ["Choose when to ask it from the list."]),
                ([("kind", "open-text"), ("text", "Q"), ("condition", "\(questions[1].id):0")], ["Choose when to ask it from the list."]),
                ([("kind", "open-text"), ("text", "Q"), ("condition", "\(UUID()):0")], ["Choose when to ask it from the list."]),
            ]
            for (form, messages) in bad {
                try await professional.get(path)
                let refused = try await professional.post(path + "/questions", form)
                #expect(refused.status == .unprocessableEntity, "\(form)")
                for message in messages { #expect(refused.body.string.contains(message), "\(form): \(message)") }
            }
            #expect(try await Question.query(on: app.db).filter(\.$consultationID == fixtures.consultation).count() == 5)

            // A question a later one depends on keeps its choices and is not removed.
            try await professional.get(path + "/questions/\(fixtures.question)")
            let narrowed = try await professional.post(path + "/questions/\(fixtures.question)", [
                ("kind", "open-text"), ("text", "Would evening hours help you?"), ("choices", "")])
            #expect(narrowed.status == .unprocessableEntity)
            #expect(narrowed.body.string.contains("A later question is asked only after one of these choices."))
            try await professional.get(path)
            let kept = try await professional.post(path + "/questions/\(fixtures.question)/remove", [])
            #expect(kept.status == .conflict)
            try await professional.get(path + "/questions/\(questions[4].id)")
            #expect(try await professional.post(path + "/questions/\(questions[4].id)/remove", []).status == .seeOther)

            // Opened, the questions are as people are asked them.
            try await professional.get(path + "/open")
            #expect(try await professional.post(path + "/open", []).status == .seeOther)
            let opened = try await professional.get(path).body.string
            #expect(opened.contains("fixed since the consultation opened") && !opened.contains("Add a question"))
            #expect(try await professional.get(path + "/questions/\(fixtures.question)").status == .conflict)
            try await professional.get(path)
            #expect(try await professional.post(path + "/questions", added[0]).status == .conflict)
            let sql = try #require(app.db as? any SQLDatabase)
            await #expect(throws: (any Error).self) {
                try await sql.raw("UPDATE consultation_questions SET text = 'Changed' WHERE id = \(bind: fixtures.question)").run()
            }
            await #expect(throws: (any Error).self) {
                try await sql.raw("DELETE FROM consultation_questions WHERE id = \(bind: questions[1].id)").run()
            }
            await #expect(throws: (any Error).self) {
                try await Question(consultationID: fixtures.consultation, position: 9, kind: .openText, text: "Late", choices: [],
                                   conditionQuestionID: nil, conditionChoice: nil, at: Date()).create(on: app.db)
            }
            #expect(try await Question.query(on: app.db).filter(\.$consultationID == fixtures.consultation).count() == 4)
        }
    }
}
