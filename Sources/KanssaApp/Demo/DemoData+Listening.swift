import Fluent
import Foundation
import KanssaCore
import Agenda
import Listening

extension DemoData {
    /// Valencia's mentors asked people far from the labour market what would help them into work,
    /// having written down first what they expected to hear; it is open, its ledger frozen. In
    /// Houten, Sanne's team is preparing one about the information desk, its ledger still open.
    static func loadConsultations(
        accountIDs: [String: UUID], organisationIDs: [String: UUID], teamIDs: [String: UUID], timeZone: TimeZone, at now: Date,
        on database: any Database
    ) async throws {
        guard let javier = accountIDs["mentor@valencia.demo"], let sanne = accountIDs["sanne@houten.demo"],
              let valencia = organisationIDs[Self.valencia], let houten = organisationIDs[Self.houten],
              let mentors = teamIDs[Self.valencia + "/Mentors"], let workAndIncome = teamIDs[Self.houten + "/Work and income"]
        else { return }
        let day = 24.0 * 3600
        let written = now.addingTimeInterval(-20 * day)
        let asking = Consultation(
            organisationID: valencia, teamID: mentors, title: "What would help you into work?",
            purpose: "Before we plan next year's courses, we want to hear from you what would really help — not what we think would.",
            audience: "People far from the labour market", opensOn: PlanActions.day(now.addingTimeInterval(-14 * day), in: timeZone),
            closesOn: PlanActions.day(now.addingTimeInterval(14 * day), in: timeZone), createdByID: javier, at: written)
        try await asking.create(on: database)
        let beliefs: [(String, String, Int, String)] = [
            ("Participants want an entrepreneurship course like the one we run.", "Employment and entrepreneurship staff", 80,
             "Stop the course and ask what they want instead."),
            ("People prefer to come in the mornings.", "Mentors", 60, "Open the space in the afternoons and evenings."),
            ("Most have a computer at home.", "We", 40, "Lend laptops and keep the space open for those who have none."),
        ]
        for (index, belief) in beliefs.enumerated() {
            try await Assumption(
                consultationID: try asking.requireID(), statement: belief.0, heldBy: belief.1, confidence: belief.2, ifWrong: belief.3,
                addedAfterOpening: false, createdByID: javier, at: written.addingTimeInterval(Double(index) * 600)
            ).create(on: database)
        }
        let courseQuestion = Question(
            consultationID: try asking.requireID(), position: 1, kind: .singleChoice, text: "Would a course on starting a business help you?",
            choices: ["Yes", "No", "I am not sure"], conditionQuestionID: nil, conditionChoice: nil, at: written)
        try await courseQuestion.create(on: database)
        let questions: [(QuestionKind, String, [String], Int?)] = [
            (.openText, "What kind of course, and when could you come?", [], 0),
            (.openText, "What would help you more than a course?", [], nil),
            (.multipleChoice, "When could you come?", ["Mornings", "Afternoons", "Evenings", "Weekends"], nil),
            (.scale, "How easy is it for you to use a computer?", ["Very hard", "Very easy"], nil),
            (.story, "Tell us about a time when someone really helped you find work, or did not.", [], nil),
        ]
        for (index, question) in questions.enumerated() {
            try await Question(
                consultationID: try asking.requireID(), position: index + 2, kind: question.0, text: question.1, choices: question.2,
                conditionQuestionID: question.3.map { _ in courseQuestion.id! }, conditionChoice: question.3, at: written
            ).create(on: database)
        }
        try await Consultations.move(try asking.requireID(), from: .draft, to: .open, at: now.addingTimeInterval(-14 * day), on: database)

        let preparing = Consultation(
            organisationID: houten, teamID: workAndIncome, title: "Is the information desk there when you need it?",
            purpose: "We want to know whether people can reach the desk, and in which language they need us.",
            audience: "People who came to the information desk this year", opensOn: PlanActions.day(now.addingTimeInterval(7 * day), in: timeZone),
            closesOn: PlanActions.day(now.addingTimeInterval(35 * day), in: timeZone), createdByID: sanne, at: now.addingTimeInterval(-2 * day))
        try await preparing.create(on: database)
        try await Assumption(
            consultationID: try preparing.requireID(), statement: "Dutch and English are enough at the desk.", heldBy: "Work and income",
            confidence: 50, ifWrong: "Ask the community interpreters to hold hours at the desk.", addedAfterOpening: false,
            createdByID: sanne, at: now.addingTimeInterval(-2 * day)
        ).create(on: database)
        try await Question(
            consultationID: try preparing.requireID(), position: 1, kind: .singleChoice, text: "In which language would you like us to help you?",
            choices: ["Dutch", "English", "Arabic", "Turkish", "Tigrinya", "Another language"], conditionQuestionID: nil, conditionChoice: nil,
            at: now.addingTimeInterval(-2 * day)
        ).create(on: database)
    }
}
