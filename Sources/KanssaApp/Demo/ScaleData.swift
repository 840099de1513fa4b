import Agenda
import Fluent
import SQLKit
import Foundation
import KanssaCore
import Vapor

/// Realistic volumes for measuring: organisations with teams and professionals, and citizens
/// whose plans are shared with two teams of their organisation, each plan with goals, actions
/// from those teams and the citizen, check-ins over ten months and notes. Deterministic: the
/// same numbers give the same data.
struct ScaleData {
    static let password = "scale-benchmark-2026"
    static let teamsPerOrganisation = 5

    let citizens: Int
    let organisations: Int
    let professionals: Int
    let goalsPerPlan = 5
    let actionsPerGoal = 3
    let checkInsPerPlan = 20
    let notesPerPlan = 10

    static func citizenLogin(_ index: Int) -> String { "citizen-\(index)@scale.test" }
    static func professionalLogin(_ index: Int) -> String { "pro-\(index)@scale.test" }

    /// A small, seeded generator: the data is the same on every run.
    struct Dice {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    struct Team: Sendable { let id: UUID; let organisation: Int }

    /// Fills the database; `progress` is told how many citizens are done.
    func load(on database: any Database, at now: Date, passwordHash: String, progress: (Int) -> Void) async throws {
        let (organisationIDs, teams, professionalIDs) = try await database.transaction { database in
            try await loadOrganisations(passwordHash: passwordHash, now: now, on: database)
        }
        let batch = 500
        for start in stride(from: 0, to: citizens, by: batch) {
            try await database.transaction { database in
                // Each batch its own seed: the data does not depend on how the batches run.
                var dice = Dice(state: 2026 &+ UInt64(start))
                try await loadCitizens(
                    start..<min(start + batch, citizens), teams: teams, professionals: professionalIDs,
                    organisationIDs: organisationIDs, passwordHash: passwordHash, now: now, dice: &dice, on: database)
            }
            progress(min(start + batch, citizens))
        }
    }

    /// On PostgreSQL, gathers the planner's statistics of every table, as an operator does after a
    /// bulk load — so that what is measured next does not depend on whether autovacuum has come by
    /// yet. SQLite keeps none unless asked, and Kanssa's queries there were measured without:
    /// nothing is done there.
    static func gatherPlannerStatistics(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase, sql.dialect.name == "postgresql" else { return }
        try await sql.raw("ANALYZE").run()
    }

    /// Organisations, their teams, and professionals spread over the teams.
    private func loadOrganisations(
        passwordHash: String, now: Date, on database: any Database
    ) async throws -> (organisations: [UUID], teams: [Team], professionals: [[UUID]]) {
        var organisationIDs: [UUID] = []
        var teams: [Team] = []
        var professionalIDs: [[UUID]] = []  // per team
        for number in 0..<organisations {
            let organisation = Organisation(id: UUID(), name: "Scale \(number + 1)", defaultLanguage: "en", createdAt: now)
            try await organisation.create(on: database)
            organisationIDs.append(organisation.id!)
            for team in 0..<Self.teamsPerOrganisation {
                let model = KanssaCore.Team(id: UUID(), organisationID: organisation.id!, name: "Team \(team + 1)", createdAt: now)
                try await model.create(on: database)
                teams.append(Team(id: model.id!, organisation: number))
                professionalIDs.append([])
            }
        }
        var accounts: [Account] = []
        var memberships: [Membership] = []
        var members: [TeamMember] = []
        var stints: [TeamStint] = []
        for index in 0..<professionals {
            let team = index % teams.count
            let account = Account(id: UUID(), login: Self.professionalLogin(index), displayName: "Professional \(index)",
                                  preferredLanguage: "en", passwordHash: passwordHash, createdAt: now)
            accounts.append(account)
            memberships.append(Membership(accountID: account.id!, organisationID: organisationIDs[teams[team].organisation],
                                          role: .professional, createdAt: now))
            members.append(TeamMember(teamID: teams[team].id, accountID: account.id!, createdAt: now))
            stints.append(TeamStint(teamID: teams[team].id, accountID: account.id!, joinedAt: now))
            professionalIDs[team].append(account.id!)
        }
        try await Self.insert(accounts, on: database)
        try await Self.insert(memberships, on: database)
        try await Self.insert(members, on: database)
        try await Self.insert(stints, on: database)
        return (organisationIDs, teams, professionalIDs)
    }

    private func loadCitizens(
        _ range: Range<Int>, teams: [Team], professionals: [[UUID]], organisationIDs: [UUID], passwordHash: String,
        now: Date, dice: inout Dice, on database: any Database
    ) async throws {
        let day = 24.0 * 3600
        var accounts: [Account] = [], memberships: [Membership] = [], plans: [Plan] = []
        var authorisations: [PlanAuthorisation] = [], goals: [Goal] = [], actions: [PlanAction] = []
        var checkIns: [CheckIn] = [], notes: [PlanNote] = []
        for index in range {
            let organisation = index % organisations
            let ownTeams = teams.indices.filter { teams[$0].organisation == organisation }
            let first = ownTeams[dice.next(ownTeams.count)]
            let second = ownTeams[(ownTeams.firstIndex(of: first)! + 1 + dice.next(ownTeams.count - 1)) % ownTeams.count]
            let account = Account(id: UUID(), login: Self.citizenLogin(index), displayName: "Citizen \(index)",
                                  preferredLanguage: "en", passwordHash: passwordHash, createdAt: now)
            accounts.append(account)
            memberships.append(Membership(accountID: account.id!, organisationID: organisationIDs[organisation],
                                          role: .citizen, createdAt: now))
            let plan = Plan(id: UUID(), ownerID: account.id!, createdAt: now.addingTimeInterval(-300 * day))
            plan.whatMatters = "Work that fits my life, and time for the people I love (\(index))."
            plan.version = 1
            plans.append(plan)
            for team in [first, second] {
                authorisations.append(PlanAuthorisation(
                    planID: plan.id!, granteeAccountID: nil, granteeTeamID: teams[team].id, sections: Set(PlanSection.allCases),
                    purpose: "Working together on my plan", legalBasis: .publicTask, expiresAt: now.addingTimeInterval(365 * day),
                    createdByID: account.id!, createdAt: now.addingTimeInterval(-300 * day)))
            }
            for number in 0..<goalsPerPlan {
                let suggested = number == goalsPerPlan - 1
                let professional = professionals[first].isEmpty ? account.id! : professionals[first][dice.next(professionals[first].count)]
                let goal = Goal(
                    id: UUID(), planID: plan.id!, text: "Goal \(number + 1) in my own words", origin: suggested ? .suggested : .citizen,
                    status: suggested ? .awaitingCitizen : .active, suggestedByID: suggested ? professional : nil,
                    createdByID: suggested ? professional : account.id!, createdAt: now.addingTimeInterval(Double(-290 + number) * day))
                goals.append(goal)
                for step in 0..<actionsPerGoal {
                    let team: Int? = step == 0 ? nil : (step == 1 ? first : second)
                    let author = team.map { professionals[$0].isEmpty ? account.id! : professionals[$0][dice.next(professionals[$0].count)] }
                        ?? account.id!
                    let due = now.addingTimeInterval(Double(dice.next(120) - 60) * day)
                    let status: ActionStatus = dice.next(3) == 0 ? .done : .open
                    actions.append(PlanAction(
                        id: UUID(), planID: plan.id!,
                        draft: ActionDraft(goalID: goal.id!, text: "Step \(step + 1) towards goal \(number + 1)",
                                           owner: team == nil ? .citizen : .professional(author), dueOn: PlanActions.day(due, in: .gmt),
                                           status: status),
                        teamID: team.map { teams[$0].id }, by: author, at: now.addingTimeInterval(Double(-200 + dice.next(190)) * day)))
                }
            }
            for number in 0..<checkInsPerPlan {
                let area = DefaultLifeArea.allCases[number % DefaultLifeArea.allCases.count]
                checkIns.append(CheckIn(
                    planID: plan.id!, lifeArea: area.rawValue, rating: 1 + dice.next(10), note: number % 4 == 0 ? "How it went" : nil,
                    perspective: .citizen, ratedByID: account.id!, createdAt: now.addingTimeInterval(Double(-300 + number * 15) * day)))
            }
            for number in 0..<notesPerPlan {
                notes.append(PlanNote(planID: plan.id!, authorID: account.id!, text: "Note \(number + 1) on the timeline",
                                      createdAt: now.addingTimeInterval(Double(-300 + number * 30) * day)))
            }
        }
        try await Self.insert(accounts, on: database)
        try await Self.insert(memberships, on: database)
        try await Self.insert(plans, on: database)
        try await Self.insert(authorisations, on: database)
        try await Self.insert(goals, on: database)
        try await Self.insert(actions, on: database)
        try await Self.insert(checkIns, on: database)
        try await Self.insert(notes, on: database)
    }

    /// Inserts in statements of a few hundred rows: within SQLite's limit of bound values.
    static func insert<M: Model>(_ models: [M], on database: any Database) async throws {
        for start in stride(from: 0, to: models.count, by: 400) {
            try await models[start..<min(start + 400, models.count)].create(on: database)
        }
    }
}
