import Agenda
import Fluent
import Foundation
import KanssaCore

extension DemoData {
    /// A demo plan: the citizen's own words, and goals with their origin.
    struct DemoPlan {
        let owner: String
        let agenda: AgendaText
        /// (text, suggested by — nil for the citizen's own, status)
        let goals: [(String, String?, GoalStatus)]
        var strengths: [(StrengthKind, String)] = []
        /// (author, text), oldest first.
        var notes: [(String, String)] = []
        /// (team as "organisation/team", sections, purpose, legal basis, days)
        var sharedWith: [(String, Set<PlanSection>, String, LegalBasis, Int)] = []
    }

    static let plans = [
        DemoPlan(
            owner: "fatima@houten.demo",
            agenda: AgendaText(
                whatMatters: "Working again, in a job where my languages count, and still having time for my children after school.",
                appreciated: "I keep my word. I organised the parents' group at my daughter's school.",
                important: "My children. Being independent of benefits. Speaking Dutch well.",
                support: "Tell me plainly what happens next, in writing. One person I can call, not five."),
            goals: [
                ("Find work where Arabic and Dutch both count", nil, .active),
                ("Get a Dutch driving licence", "sanne@houten.demo", .active),
                ("Visit the information desk with an interpreter about the gap between benefits and wages", "joost@houten.demo", .awaitingCitizen),
            ],
            strengths: [
                (.skill, "Arabic, Dutch and some English"), (.skill, "Organising people: I ran the parents' group"),
                (.person, "My sister Amal, who looks after the children on Tuesdays"),
                (.communityResource, "The library's language café"),
            ],
            notes: [
                ("sanne@houten.demo", "We talked about jobs where Arabic is an asset: the hospital's patient desk and the school board's parent liaison."),
                ("fatima@houten.demo", "I want to ask about the months between benefits and the first salary before I say yes to a job."),
            ],
            sharedWith: [
                (houten + "/Work and income", [.agenda, .strengths, .goals, .timeline], "Finding work that fits my life with the children", .publicTask, 365),
                (houten + "/Social support", [.agenda, .goals], "Support for my family while I look for work", .publicTask, 180),
            ]),
        DemoPlan(
            owner: "carlos@valencia.demo",
            agenda: AgendaText(
                whatMatters: "A place to work on my bike-repair business with other people around, and someone to ask when I am stuck.",
                appreciated: "I can fix almost anything. Neighbours bring me their bikes.",
                important: "Earning my own money. Not sitting at home alone.",
                support: "Short workshops, not long courses. A mentor when I need one, without waiting hours."),
            goals: [
                ("Open a small repair corner in the co-working space", nil, .active),
                ("Take the ten-week entrepreneurship course and write a business plan", "mentor@valencia.demo", .declined),
            ],
            strengths: [(.skill, "Repairing bikes and small machines"), (.place, "The co-working space on Thursdays")],
            sharedWith: [(valencia + "/Mentors", [.strengths, .goals], "Mentoring for my repair business", .consent, 180)]),
    ]

    static func loadPlans(
        accountIDs: [String: UUID], teamIDs: [String: UUID], at now: Date, on database: any Database
    ) async throws {
        for demo in plans {
            guard let ownerID = accountIDs[demo.owner] else { continue }
            let plan = try await PlanStore.plan(of: ownerID, at: now, on: database)
            _ = try await PlanStore.saveAgenda(
                demo.agenda, planID: try plan.requireID(), expectedVersion: plan.version, by: ownerID, at: now, on: database)
            for (text, suggester, status) in demo.goals {
                let suggestedBy = suggester.flatMap { accountIDs[$0] }
                try await Goal(
                    planID: try plan.requireID(), text: text, origin: suggestedBy == nil ? .citizen : .suggested,
                    status: status, suggestedByID: suggestedBy, createdByID: suggestedBy ?? ownerID, createdAt: now
                ).create(on: database)
            }
            for (kind, text) in demo.strengths {
                try await PlanStore.addStrength(text, kind: kind, planID: try plan.requireID(), by: ownerID, at: now, on: database)
            }
            for (author, text) in demo.notes {
                guard let authorID = accountIDs[author] else { continue }
                try await Timeline.write(text, planID: try plan.requireID(), by: authorID, at: now, on: database)
            }
            for (team, sections, purpose, basis, days) in demo.sharedWith {
                guard let teamID = teamIDs[team] else { continue }
                try await PlanSharing.authorise(
                    planID: try plan.requireID(), teamID: teamID, sections: sections, purpose: purpose, legalBasis: basis,
                    until: now.addingTimeInterval(TimeInterval(days) * 24 * 3600), by: ownerID, at: now, on: database)
            }
        }
    }
}
