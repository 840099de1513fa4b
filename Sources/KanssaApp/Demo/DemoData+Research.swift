import Agenda
import Evaluation
import Fluent
import Foundation
import KanssaCore

extension DemoData {
    /// Hull's research project: Hull's admin (admin@hull.demo) admitted Riikka
    /// (researcher@kanssa.demo) to study how supervision held up when the provider ended — staff
    /// changes, the practice log and the consultation's answers over two years. Her first export
    /// was released by the coordinator (lead@hull.demo) yesterday and can be downloaded; the
    /// second waits for a second person.
    static func loadResearch(
        accountIDs: [String: UUID], organisationIDs: [String: UUID], timeZone: TimeZone, at now: Date, on database: any Database
    ) async throws {
        guard let hullID = organisationIDs[hull], let gary = accountIDs["admin@hull.demo"], let dawn = accountIDs["lead@hull.demo"],
              let riikka = accountIDs["researcher@kanssa.demo"]
        else { return }
        let day = 86_400.0
        let project = ResearchProject()
        project.organisationID = hullID
        project.researcherID = riikka
        project.name = "When the provider ended: continuity of supervision"
        project.purpose = "To learn how officers' turnover and workload after the provider ended changed the way supervision was done, "
            + "and what people on probation said about it. Results go to the steering group and to a public report."
        project.fields = [ResearchField.staffChanges, .practiceLog, .consultationAnswers].map(\.rawValue).joined(separator: ",")
        project.periodStart = PlanActions.day(now.addingTimeInterval(-730 * day), in: timeZone)
        project.periodEnd = PlanActions.day(now, in: timeZone)
        project.endsOn = PlanActions.day(now.addingTimeInterval(180 * day), in: timeZone)
        project.exactDates = false
        project.salt = Pseudonymiser.salt()
        project.createdByID = gary
        project.createdAt = now.addingTimeInterval(-10 * day)
        try await project.create(on: database)
        for (fields, askedDaysAgo, released) in [("staff-changes,practice-log", 3.0, true), ("staff-changes,consultation-answers", 0.1, false)] {
            let export = ResearchExport()
            export.projectID = try project.requireID()
            export.organisationID = hullID
            export.fields = fields
            export.requestedByID = riikka
            export.requestedAt = now.addingTimeInterval(-askedDaysAgo * day)
            export.status = released ? .released : .requested
            if released { (export.decidedByID, export.decidedAt) = (dawn, now.addingTimeInterval(-day)) }
            try await export.create(on: database)
        }
    }
}
