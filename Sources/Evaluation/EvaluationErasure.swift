import Fluent
import Foundation
import KanssaCore

/// Erasing what Evaluation holds about a person: that they answered a pulse (their answers were
/// never linked to them and stay, anonymous). The pulses a coordinator scheduled are the
/// organisation's record and stay; the account they point to is emptied rather than removed.
public struct EvaluationErasure: PersonalDataHolder {
    public init() {}

    public func erase(_ scope: ErasureScope, on database: any Database) async throws -> ErasureResult {
        let person = scope.accountID
        var result = ErasureResult()
        result.sharedWorkRemains = try await PulseSchedule.query(on: database).filter(\.$createdByID == person).count() > 0
        let answered = try await PulseResponse.query(on: database).filter(\.$accountID == person).count()
        try await PulseResponse.query(on: database).filter(\.$accountID == person).delete()
        if answered > 0 { result.erased["records of having answered a staff pulse"] = answered }
        return result
    }
}
