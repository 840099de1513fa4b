import Agenda
import Fluent
import Foundation
@testable import KanssaApp
import KanssaCore
import SQLKit
import Testing
import VaporTesting

/// Each plan's row keeps its open actions and those serving the citizen's goals
/// (``TallyOpenActions``): after any change, by any path, on either database, the two numbers
/// are what counting the actions and goals gives.
@Suite struct ActionTallyTests {
    struct Tally: Equatable, CustomStringConvertible {
        let open: Int
        let serving: Int
        var description: String { "\(serving)/\(open)" }
    }

    /// What each plan's row says, and what counting its actions and goals says.
    static func tallies(on database: any Database) async throws -> (kept: [UUID: Tally], counted: [UUID: Tally]) {
        struct Row: Decodable { let id: UUID; let open_actions: Int; let serving_actions: Int }
        let rows = try await (database as! any SQLDatabase).raw("SELECT id, open_actions, serving_actions FROM plans")
            .all(decoding: Row.self)
        let goals = try await Goal.query(on: database).all()
        let statusOf = Dictionary(uniqueKeysWithValues: goals.map { ($0.id!, $0.status) })
        let open = try await PlanAction.query(on: database).filter(\.$status == .open).all()
        var counted: [UUID: Tally] = [:]
        for row in rows {
            let mine = open.filter { $0.$plan.id == row.id }
            counted[row.id] = Tally(open: mine.count,
                                    serving: mine.filter { statusOf[$0.goalID]?.countsForAlignment == true }.count)
        }
        return (Dictionary(uniqueKeysWithValues: rows.map { ($0.id, Tally(open: $0.open_actions, serving: $0.serving_actions)) }), counted)
    }

    /// What each plan's row says, expected to be what counting says.
    @discardableResult
    static func expectAgree(
        on database: any Database, after step: String, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> [UUID: Tally] {
        let (kept, counted) = try await tallies(on: database)
        #expect(kept == counted, "after \(step)", sourceLocation: sourceLocation)
        return kept
    }

    /// A plan of a new citizen with goals in every status.
    static func plan(_ number: Int, fixtures: Fixtures, app: Application, now: Date) async throws -> (plan: UUID, goals: [UUID]) {
        let account = Account(login: "tally\(number)@here.test", displayName: "T\(number)", preferredLanguage: "en",
                              passwordHash: "x", createdAt: now)
        try await account.create(on: app.db)
        let plan = try await PlanStore.plan(of: try account.requireID(), at: now, on: app.db).requireID()
        var goals: [UUID] = []
        for status in GoalStatus.allCases {
            let goal = Goal(planID: plan, text: "Goal \(status.rawValue)", origin: .citizen, status: status,
                            createdByID: try account.requireID(), createdAt: now)
            try await goal.create(on: app.db)
            goals.append(try goal.requireID())
        }
        return (plan, goals)
    }

    @Test func theKeptCountsAgreeWithCountingAfterEveryKindOfChange() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            let professional = fixtures.accounts[.professional]!
            try await Self.expectAgree(on: app.db, after: "the fixtures")
            var plans = [(plan: fixtures.citizenPlan, goals: [fixtures.citizenGoal])]
            for number in 0..<3 { plans.append(try await Self.plan(number, fixtures: fixtures, app: app, now: world.now)) }
            // A seeded walk through every change that moves the counts: the same steps each run.
            var generator = SplitMix(seed: 20261207)
            var actions: [(id: UUID, plan: UUID)] = []
            var mixed = 0
            for step in 0..<120 {
                let (plan, goals) = plans[generator.below(plans.count)]
                let goal = goals[generator.below(goals.count)]
                let status = ActionStatus.allCases[generator.below(3)]
                switch generator.below(6) {
                case 0, 1, 2:
                    let id = try await PlanActions.add(ActionDraft(goalID: goal, text: "Step \(step)", owner: .citizen, dueOn: nil, status: status),
                                                       planID: plan, teamID: nil, by: professional, at: world.now, on: app.db)
                    actions.append((id, plan))
                case 3 where !actions.isEmpty:
                    // Saved through the editor: another status, or another goal of the same plan.
                    let index = generator.below(actions.count)
                    let action = actions[index]
                    let goalsOfPlan = plans.first { $0.plan == action.plan }!.goals
                    let current = try await PlanActions.find(action.id, in: action.plan, on: app.db)!
                    let draft = ActionDraft(goalID: goalsOfPlan[generator.below(goalsOfPlan.count)], text: "Edited",
                                            owner: .citizen, dueOn: nil, status: status)
                    let outcome = try await PlanActions.update(action.id, in: action.plan, to: draft, expectedVersion: current.version,
                                                               by: professional, at: world.now, on: app.db)
                    #expect(outcome == .saved)
                case 4:
                    let row = try await Goal.find(goal, on: app.db)!
                    row.status = GoalStatus.allCases[generator.below(GoalStatus.allCases.count)]
                    try await row.save(on: app.db)
                case 5 where !actions.isEmpty:
                    let index = generator.below(actions.count)
                    try await PlanAction.find(actions[index].id, on: app.db)!.delete(on: app.db)
                    actions.remove(at: index)
                default:
                    continue
                }
                let kept = try await Self.expectAgree(on: app.db, after: "step \(step)")
                if kept.values.contains(where: { $0.serving > 0 && $0.serving < $0.open }) { mixed += 1 }
            }
            // Moved to another plan by hand (no page does it): both plans are counted again.
            let moved = try #require(actions.first { $0.plan != fixtures.citizenPlan })
            try await (app.db as! any SQLDatabase).update(PlanAction.schema)
                .set("plan_id", to: fixtures.citizenPlan).set("goal_id", to: fixtures.citizenGoal).set("status", to: "open")
                .where("id", .equal, moved.id).run()
            try await Self.expectAgree(on: app.db, after: "moving an action to another plan")
            // A goal removed with its actions, as erasure does.
            let (plan, goals) = plans[1]
            try await PlanAction.query(on: app.db).filter(\.$goalID == goals[1]).delete()
            try await Goal.query(on: app.db).filter(\.$id == goals[1]).delete()
            try await Self.expectAgree(on: app.db, after: "removing a goal of \(plan)")
            #expect(mixed > 60, "the walk passed through plans with some open actions serving, some not")
        }
    }

    /// Plans that had actions before the counts existed are counted when they are added.
    @Test func theMigrationCountsWhatIsAlreadyThere() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            try await TallyOpenActions().revert(on: app.db)
            let (plan, goals) = try await Self.plan(9, fixtures: fixtures, app: app, now: world.now)
            for (index, goal) in goals.enumerated() {
                for status in ActionStatus.allCases {
                    try await PlanActions.add(ActionDraft(goalID: goal, text: "Before \(index)", owner: .citizen, dueOn: nil, status: status),
                                              planID: plan, teamID: nil, by: fixtures.accounts[.professional]!, at: world.now, on: app.db)
                }
            }
            try await TallyOpenActions().prepare(on: app.db)
            let (kept, counted) = try await Self.tallies(on: app.db)
            #expect(kept == counted)
            #expect(kept[plan] == Tally(open: goals.count, serving: GoalStatus.allCases.filter(\.countsForAlignment).count))
            #expect(kept[fixtures.citizenPlan] == Tally(open: 1, serving: 1))
        }
    }

    /// Many people changing one plan's actions and goals at once, each in their own transaction
    /// on a connection of their own: nothing is counted twice or missed. On PostgreSQL this is
    /// where a count taken before the plan's row was locked would drift.
    @Test func writersAtOnceLeaveTheCountsTrue() async throws {
        try await withAppOnFile { app, world in
            let fixtures = try await Fixtures.make(on: app)
            let professional = fixtures.accounts[.professional]!
            let (plan, goals) = try await Self.plan(0, fixtures: fixtures, app: app, now: world.now)
            let db = app.db
            let statuses: [GoalStatus] = [.active, .declined, .achieved, .setAside]
            @Sendable func setStatus(_ goal: UUID, _ status: GoalStatus) async throws {
                try await (db as! any SQLDatabase).update(Goal.schema).set("status", to: status.rawValue).where("id", .equal, goal).run()
            }
            /// `count` writers at once, each in a task of its own.
            func atOnce(_ count: Int, _ write: @escaping @Sendable (Int) async throws -> Void) async throws {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for writer in 0..<count { group.addTask { try await write(writer) } }
                    try await group.waitForAll()
                }
            }
            for round in 0..<4 {
                // Actions added while their goals change status…
                try await atOnce(24) { writer in
                    let goal = goals[writer % goals.count]
                    if writer % 3 == 0 {
                        try await setStatus(goal, statuses[(writer / 3 + round) % statuses.count])
                    } else {
                        try await PlanActions.add(
                            ActionDraft(goalID: goal, text: "At once \(round)-\(writer)", owner: .citizen, dueOn: nil,
                                        status: writer % 3 == 1 ? .open : .done),
                            planID: plan, teamID: nil, by: professional, at: world.now, on: db)
                    }
                }
                try await Self.expectAgree(on: app.db, after: "round \(round), adding")
                // …then only statuses, with no later action to count the plan again.
                try await atOnce(10) { writer in
                    try await setStatus(goals[writer % goals.count], statuses[(writer + round + 1) % statuses.count])
                }
                try await Self.expectAgree(on: app.db, after: "round \(round), statuses")
            }
            let (kept, _) = try await Self.tallies(on: app.db)
            #expect(kept[plan]?.open == 4 * 8)
        }
    }

    /// The race a count taken before the plan's row is locked loses: a writer whose count waits
    /// for another writer's open transaction on the same plan must count what that one committed.
    @Test func aWriterWaitingForAnotherCountsWhatItCommitted() async throws {
        try await withAppOnFile { app, world in
            let fixtures = try await Fixtures.make(on: app)
            let professional = fixtures.accounts[.professional]!
            let (plan, goals) = try await Self.plan(0, fixtures: fixtures, app: app, now: world.now)
            let db = app.db
            let draft = ActionDraft(goalID: goals[1], text: "Mine", owner: .citizen, dueOn: nil, status: .open)
            let second = try await db.transaction { first in
                try await PlanActions.add(draft, planID: plan, teamID: nil, by: professional, at: world.now, on: first)
                // The second writer starts while the first holds the plan, and waits for it to commit: on
                // another event loop, whose connection is its own (a pool keeps one per loop).
                let elsewhere = app.eventLoopGroup.makeIterator().first { $0 !== first.eventLoop } ?? first.eventLoop
                let other = try #require(app.databases.database(logger: app.logger, on: elsewhere))
                let second = Task {
                    try await PlanActions.add(draft, planID: plan, teamID: nil, by: professional, at: world.now, on: other)
                }
                try await Task.sleep(for: .milliseconds(300))
                return second
            }
            _ = try await second.value
            try await Self.expectAgree(on: db, after: "two writers, one waiting")
            let (kept, _) = try await Self.tallies(on: db)
            #expect(kept[plan] == Tally(open: 2, serving: 2))
        }
    }
}
