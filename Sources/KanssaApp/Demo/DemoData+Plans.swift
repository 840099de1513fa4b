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
        var actions: [DemoAction] = []
        /// Goals that pull against each other: (goal, goal, who noted it, how).
        var tensions: [(Int, Int, String, String)] = []
        /// (who rated, life area, [(days ago, rating)])
        var checkIns: [(String, DefaultLifeArea, [(Int, Int)])] = []
    }

    /// An action: who planned it, from which team ("organisation/team", nil: the citizen's own),
    /// the goal it serves (index into the demo plan's goals), who does it, when it is due.
    struct DemoAction {
        let author: String
        let team: String?
        let goal: Int
        let text: String
        /// "self", a login, or a supporter's name.
        let owner: String
        /// Days from now; negative is past.
        let dueInDays: Int?
        var status: ActionStatus = .open
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
                ("Be home when the children come out of school", nil, .active),
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
                (houten + "/Work and income", [.agenda, .strengths, .goals, .actions, .checkIns, .timeline],
                 "Finding work that fits my life with the children", .publicTask, 365),
                (houten + "/Social support", [.agenda, .goals, .actions], "Support for my family while I look for work", .publicTask, 180),
            ],
            actions: [
                DemoAction(author: "fatima@houten.demo", team: nil, goal: 0, text: "Update my CV in Dutch and Arabic",
                           owner: "self", dueInDays: -20, status: .done),
                DemoAction(author: "sanne@houten.demo", team: houten + "/Work and income", goal: 0,
                           text: "Interview at the hospital's patient desk (10:00)", owner: "self", dueInDays: 5),
                DemoAction(author: "fatima@houten.demo", team: nil, goal: 0, text: "Ask Amal to collect the children on the interview day",
                           owner: "Amal (my sister)", dueInDays: 4),
                DemoAction(author: "sanne@houten.demo", team: houten + "/Work and income", goal: 1,
                           text: "Send the driving-lesson subsidy form", owner: "sanne@houten.demo", dueInDays: -3),
                // Social support plans a home visit on the interview day, for a goal Fatima has not
                // taken on: the whole picture shows both the clash and whose agenda it serves.
                DemoAction(author: "joost@houten.demo", team: houten + "/Social support", goal: 2,
                           text: "Home visit with an interpreter about benefits and wages (10:30)", owner: "joost@houten.demo",
                           dueInDays: 5),
                DemoAction(author: "joost@houten.demo", team: houten + "/Social support", goal: 3,
                           text: "Find an after-school club place for both children", owner: "joost@houten.demo", dueInDays: 12),
            ],
            tensions: [
                (0, 3, "sanne@houten.demo", "The patient desk's shifts end at five; school ends at a quarter past three."),
            ],
            checkIns: [
                ("fatima@houten.demo", .workAndLearning, [(150, 3), (120, 3), (90, 4), (60, 5), (30, 6), (3, 7)]),
                ("fatima@houten.demo", .money, [(150, 2), (120, 3), (90, 3), (60, 3), (30, 4), (3, 4)]),
                ("fatima@houten.demo", .familyAndFriends, [(150, 7), (90, 8), (30, 8), (3, 8)]),
                ("fatima@houten.demo", .home, [(150, 6), (60, 6), (3, 7)]),
                ("fatima@houten.demo", .health, [(150, 5), (60, 6), (3, 6)]),
                ("sanne@houten.demo", .workAndLearning, [(118, 2), (58, 4), (5, 5)]),
                ("sanne@houten.demo", .money, [(118, 3), (58, 3), (5, 4)]),
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

    /// Five more people the Houten work-and-income team works with, so that the coordinator's
    /// team figures (shown only from five plans) have something to show.
    static let houtenCaseload: [DemoPlan] = [
        ("ahmed", "A job in logistics close to home, with regular hours.", "Get my forklift licence", "Join the warehouse open day"),
        ("bram", "Paying off my debts and sleeping again.", "A payment plan I can keep", "Take the budgeting course"),
        ("chantal", "Working with animals, part-time, while I care for my mother.", "Volunteer at the animal shelter", "Apply for full-time office jobs"),
        ("dewi", "Finishing my nursing diploma.", "Pass the last two modules", "Look into childcare support"),
        ("eva", "Getting out of the house and meeting people.", "Join the walking group on Wednesdays", "Register with the temp agency"),
    ].map { login, matters, own, suggested in
        DemoPlan(
            owner: "\(login)@houten.demo", agenda: AgendaText(whatMatters: matters),
            goals: [(own, nil, .active), (suggested, "sanne@houten.demo", .awaitingCitizen)],
            sharedWith: [(houten + "/Work and income", [.agenda, .goals, .actions, .checkIns], "Finding work", .publicTask, 365)],
            actions: [
                DemoAction(author: "sanne@houten.demo", team: houten + "/Work and income", goal: 0, text: "Talk it through together",
                           owner: "sanne@houten.demo", dueInDays: 7),
                DemoAction(author: "sanne@houten.demo", team: houten + "/Work and income", goal: 1, text: "Send the registration form",
                           owner: "self", dueInDays: login == "bram" ? -2 : 10),
            ],
            checkIns: [("\(login)@houten.demo", .workAndLearning, [(60, 4), (10, 5)])])
    }

    static func loadPlans(
        accountIDs: [String: UUID], teamIDs: [String: UUID], at now: Date, on database: any Database
    ) async throws {
        for demo in plans + houtenCaseload {
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
                // The professionals' notes were written in meetings with the citizen.
                try await Timeline.write(
                    text, planID: try plan.requireID(), by: authorID, at: now, withOwnerPresent: authorID != ownerID, on: database)
            }
            try await loadActionsAndCheckIns(
                demo, ownerID: ownerID, planID: try plan.requireID(), accountIDs: accountIDs, teamIDs: teamIDs, at: now,
                on: database)
            for (team, sections, purpose, basis, days) in demo.sharedWith {
                guard let teamID = teamIDs[team] else { continue }
                try await PlanSharing.authorise(
                    planID: try plan.requireID(), teamID: teamID, sections: sections, purpose: purpose, legalBasis: basis,
                    until: now.addingTimeInterval(TimeInterval(days) * 24 * 3600), by: ownerID, at: now, on: database)
            }
        }
    }
}

extension DemoData {
    static func loadActionsAndCheckIns(
        _ demo: DemoPlan, ownerID: UUID, planID: UUID, accountIDs: [String: UUID], teamIDs: [String: UUID], at now: Date,
        on database: any Database
    ) async throws {
        let goals = try await PlanStore.goals(of: planID, on: database)
        let day = 24.0 * 3600
        for action in demo.actions {
            guard let authorID = accountIDs[action.author], demo.goals.indices.contains(action.goal),
                let goal = goals.first(where: { $0.text == demo.goals[action.goal].0 })
            else { continue }
            let owner: ActionOwner = action.owner == "self" ? .citizen
                : accountIDs[action.owner].map(ActionOwner.professional) ?? .supporter(action.owner)
            let due = action.dueInDays.map { PlanActions.day(now.addingTimeInterval(Double($0) * day), in: .gmt) }
            try await PlanActions.add(
                ActionDraft(goalID: try goal.requireID(), text: action.text, owner: owner, dueOn: due,
                            status: action.status),
                planID: planID, teamID: action.team.flatMap { teamIDs[$0] }, by: authorID, at: now, on: database)
        }
        for (first, second, author, note) in demo.tensions {
            guard let authorID = accountIDs[author], demo.goals.indices.contains(first), demo.goals.indices.contains(second),
                let one = goals.first(where: { $0.text == demo.goals[first].0 }),
                let other = goals.first(where: { $0.text == demo.goals[second].0 })
            else { continue }
            // Noted in a meeting with the citizen, like the professionals' notes.
            try await GoalTension(
                planID: planID, firstGoalID: try one.requireID(), secondGoalID: try other.requireID(), note: note,
                createdByID: authorID, createdAt: now, withOwnerPresent: authorID != ownerID
            ).create(on: database)
        }
        for (rater, area, ratings) in demo.checkIns {
            guard let raterID = accountIDs[rater] else { continue }
            for (daysAgo, rating) in ratings {
                try await CheckIns.record(
                    [CheckIns.Rating(area: area.rawValue, rating: rating, note: nil)], perspective: raterID == ownerID ? .citizen : .professional,
                    planID: planID, by: raterID, at: now.addingTimeInterval(-Double(daysAgo) * day), on: database)
            }
        }
    }
}
