import Agenda
import Fluent
import Foundation
import KanssaCore

/// Erasing what Evaluation holds about a person: that they answered a pulse (their answers were
/// never linked to them and stay, anonymous), and what they said after meetings on their plan
/// (their own words). What citizens said after meeting them stays, no longer naming them. The
/// pulses, barriers and research projects staff recorded are the organisation's record and stay; the account they
/// point to is emptied rather than removed.
public struct EvaluationErasure: PersonalDataHolder {
    public init() {}

    public func erase(_ scope: ErasureScope, on database: any Database) async throws -> ErasureResult {
        let person = scope.accountID
        var result = ErasureResult()
        let recorded = [
            try await PulseSchedule.query(on: database).filter(\.$createdByID == person).count(),
            try await Barrier.query(on: database).group(.or) { $0.filter(\.$ownerID == person).filter(\.$createdByID == person) }.count(),
            try await BarrierEvidence.query(on: database).filter(\.$addedByID == person).count(),
            try await BarrierAction.query(on: database).group(.or) { $0.filter(\.$addedByID == person).filter(\.$doneByID == person) }.count(),
            try await BarrierReview.query(on: database).filter(\.$byID == person).count(),
            try await ResearchProject.query(on: database).group(.or) { $0.filter(\.$researcherID == person).filter(\.$createdByID == person) }.count(),
            try await ResearchExport.query(on: database).group(.or) { $0.filter(\.$requestedByID == person).filter(\.$decidedByID == person) }.count(),
        ]
        result.sharedWorkRemains = recorded.contains { $0 > 0 }
        if let plan = try await PlanStore.existingPlan(of: person, on: database) {
            let said = try await MeetingFeedback.query(on: database).filter(\.$planID == plan.requireID()).count()
            try await MeetingFeedback.query(on: database).filter(\.$planID == plan.requireID()).delete()
            if said > 0 { result.erased["answers after meetings"] = said }
        }
        try await MeetingFeedback.query(on: database).filter(\.$professionalID == person).set(\.$professionalID, to: nil).update()
        let answered = try await PulseResponse.query(on: database).filter(\.$accountID == person).count()
        try await PulseResponse.query(on: database).filter(\.$accountID == person).delete()
        if answered > 0 { result.erased["records of having answered a staff pulse"] = answered }
        return result
    }
}
