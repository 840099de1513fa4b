import Fluent
import Foundation
import KanssaCore

/// What Listening offers a research export: the answers to closed questions (choices and
/// scales) of an organisation's consultations, one row per answer. Never free text or stories:
/// those stay with the team that moderates them.
public enum ListeningResearch {
    /// Answers last changed in the span. Four queries.
    public static func answers(of organisationID: UUID, from: Date, until: Date, on database: any Database) async throws -> ResearchTable {
        let consultations = try await Consultation.query(on: database).filter(\.$organisationID == organisationID).all()
        let byID = consultations.reduce(into: [UUID: Consultation]()) { $0[$1.id!] = $1 }
        let questions = byID.isEmpty ? [] : try await Question.query(on: database).filter(\.$consultationID ~~ Array(byID.keys))
            .filter(\.$kind ~~ [.singleChoice, .multipleChoice, .scale]).all()
        let questionByID = questions.reduce(into: [UUID: Question]()) { $0[$1.id!] = $1 }
        let answers = questionByID.isEmpty ? [] : try await Answer.query(on: database).filter(\.$questionID ~~ Array(questionByID.keys))
            .filter(\.$updatedAt >= from).filter(\.$updatedAt < until).all()
        let respondents = answers.isEmpty ? [] : try await Respondent.query(on: database)
            .filter(\.$id ~~ Array(Set(answers.map(\.respondentID)))).all()
        let respondentByID = respondents.reduce(into: [UUID: Respondent]()) { $0[$1.id!] = $1 }
        let rows: [[ResearchTable.Cell]] = answers.compactMap { answer in
            guard let question = questionByID[answer.questionID], let consultation = byID[question.consultationID],
                  let respondent = respondentByID[answer.respondentID]
            else { return nil }
            let choices = question.choiceList
            let given = question.kind == .scale
                ? answer.scale.map(String.init) ?? ""
                : answer.choiceList.compactMap { choices.indices.contains($0) ? choices[$0] : nil }.joined(separator: "; ")
            let groups = consultation.groupList
            return [
                .person(answer.respondentID), .day(answer.updatedAt), .text(consultation.title), .text(question.text),
                given.isEmpty ? .none : .text(given),
                .text(respondent.groupList.compactMap { groups.indices.contains($0) ? groups[$0] : nil }.joined(separator: "; ")),
                .text(respondent.channel.rawValue),
            ]
        }
        return ResearchTable(columns: ["respondent", "answered", "consultation", "question", "answer", "groups", "channel"], rows: rows)
    }
}
