import Fluent
import Foundation
import KanssaCore

/// Erasing a person's plan. Their own words go at the first run: what matters to them, the
/// profile, strengths, their goals, notes, ratings and actions. What others wrote in it — case
/// records — goes once no retention rule of the writer's organisation keeps it. When nothing is
/// left, the plan and its authorisations go too.
public struct AgendaErasure: PersonalDataHolder {
    public init() {}

    public func erase(_ scope: ErasureScope, on database: any Database) async throws -> ErasureResult {
        guard let plan = try await Plan.query(on: database).filter(\.$ownerID == scope.accountID).first() else {
            return ErasureResult()
        }
        let planID = try plan.requireID()
        let owner = scope.accountID
        var result = ErasureResult()

        if plan.whatMatters != nil || plan.appreciated != nil || plan.important != nil || plan.support != nil {
            (plan.whatMatters, plan.appreciated, plan.important, plan.support) = (nil, nil, nil, nil)
            plan.version += 1
            try await plan.update(on: database)
            result.erased["agenda", default: 0] += 1
        }
        let strengths = try await Strength.query(on: database).filter(\.$plan.$id == planID).all()
        try await strengths.delete(on: database)
        result.erased["strengths", default: 0] += strengths.count

        let notes = try await PlanNote.query(on: database).filter(\.$plan.$id == planID).all()
        let checkIns = try await CheckIn.query(on: database).filter(\.$plan.$id == planID).all()
        let actions = try await PlanAction.query(on: database).filter(\.$plan.$id == planID).all()
        let goals = try await Goal.query(on: database).filter(\.$plan.$id == planID).all()
        let tensions = try await GoalTension.query(on: database).filter(\.$plan.$id == planID).all()
        let authors = Set(notes.map(\.authorID) + checkIns.map(\.ratedByID) + actions.map(\.createdByID) + goals.map(\.createdByID)
            + tensions.map(\.createdByID))
            .subtracting([owner])
        let writtenIn = try await ErasureScope.staffOrganisations(of: authors, on: database)

        /// Whether a record by `author` may go now; if not, the day it may is remembered.
        func mayGo(_ author: UUID) -> Bool {
            if author == owner { return true }
            let organisations = writtenIn[author] ?? []
            if scope.mayErase(.caseRecords, writtenIn: organisations) { return true }
            result.keptUntil = [result.keptUntil, scope.keptUntil(.caseRecords, writtenIn: organisations)].compactMap { $0 }.max()
            return false
        }
        let goneNotes = notes.filter { mayGo($0.authorID) }
        let goneCheckIns = checkIns.filter { mayGo($0.ratedByID) }
        let goneActions = actions.filter { mayGo($0.createdByID) }
        let goneTensions = tensions.filter { mayGo($0.createdByID) }
        try await goneTensions.delete(on: database)
        try await goneNotes.delete(on: database)
        try await goneCheckIns.delete(on: database)
        try await goneActions.delete(on: database)
        result.erased["notes", default: 0] += goneNotes.count
        result.erased["check-ins", default: 0] += goneCheckIns.count
        result.erased["actions", default: 0] += goneActions.count
        result.erased["tensions", default: 0] += goneTensions.count

        // A goal an action or a note of tension still kept refers to stays as a row without its
        // words until that goes.
        let keptTensions = tensions.filter { tension in !goneTensions.contains { $0 === tension } }
        let served = Set(actions.filter { action in !goneActions.contains { $0 === action } }.map(\.goalID)
            + keptTensions.flatMap { [$0.firstGoalID, $0.secondGoalID] })
        var goalsLeft = 0
        for goal in goals where mayGo(goal.createdByID) {
            if served.contains(try goal.requireID()) {
                goalsLeft += 1
                guard !goal.text.isEmpty else { continue }
                goal.text = ""
                goal.version += 1
                try await goal.update(on: database)
            } else {
                try await goal.delete(on: database)
            }
            result.erased["goals", default: 0] += 1
        }
        goalsLeft += goals.filter { !mayGo($0.createdByID) }.count

        let left = notes.count - goneNotes.count + checkIns.count - goneCheckIns.count + actions.count - goneActions.count
            + keptTensions.count + goalsLeft
        guard left == 0 else { return result }
        let authorisations = try await PlanAuthorisation.query(on: database).filter(\.$plan.$id == planID).all()
        try await authorisations.delete(on: database)
        try await plan.delete(on: database)
        result.erased["authorisations", default: 0] += authorisations.count
        result.erased["plan", default: 0] += 1
        result.keptUntil = nil
        return result
    }
}
