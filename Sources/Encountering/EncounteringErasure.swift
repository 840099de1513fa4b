import Fluent
import Foundation
import KanssaCore

/// Erasing what Encountering holds about a person. Their own words go at the first run: their
/// feedback, follow-ups, reflections on sessions they delivered, registrations, and their place
/// and chosen name in a panel. The organisation's record of the sessions they delivered — hours,
/// fees, vouchers — is kept as a case record under the organisation's rule, then goes. Modules
/// and sections they wrote are their panel's shared work, published under a licence and adapted
/// elsewhere: they stay, and the account they point to is emptied rather than removed. Credits
/// already published are the names people chose to be shown by; they stay as published.
public struct EncounteringErasure: PersonalDataHolder {
    public init() {}

    public func erase(_ scope: ErasureScope, on database: any Database) async throws -> ErasureResult {
        let person = scope.accountID
        var result = ErasureResult()
        let reflections = try await CoTrainerReflection.query(on: database).filter(\.$accountID == person).count()
        try await CoTrainerReflection.query(on: database).filter(\.$accountID == person).delete()
        let followUps = try await SessionFollowUp.query(on: database).filter(\.$accountID == person).count()
        try await SessionFollowUp.query(on: database).filter(\.$accountID == person).delete()
        let feedback = try await SessionFeedbackAnswer.query(on: database).filter(\.$accountID == person).count()
        try await SessionFeedbackAnswer.query(on: database).filter(\.$accountID == person).delete()
        let registrations = try await EncounterRegistration.query(on: database).filter(\.$accountID == person).count()
        try await EncounterRegistration.query(on: database).filter(\.$accountID == person).delete()
        let panels = try await PanelMember.query(on: database).filter(\.$accountID == person).count()
        try await PanelMember.query(on: database).filter(\.$accountID == person).delete()
        // A certificate's code would otherwise still name the person to whoever holds it.
        let certificates = try await AttendanceCertificate.query(on: database).filter(\.$accountID == person).count()
        try await AttendanceCertificate.query(on: database).filter(\.$accountID == person).delete()
        result.erased = ["session reflections": reflections, "session feedback": feedback, "follow-ups": followUps,
                         "session registrations": registrations, "panel places": panels,
                         "certificates": certificates].filter { $0.value > 0 }

        // Sessions delivered: the organisation's record, kept under its rule for case records.
        let delivered = try await SessionCoTrainer.query(on: database).filter(\.$accountID == person).all()
        let sessions = try await EncounterSession.query(on: database).filter(\.$id ~~ delivered.map(\.sessionID)).all()
            .reduce(into: [UUID: UUID]()) { $0[$1.id!] = $1.organisationID }
        var gone: [SessionCoTrainer] = []
        for row in delivered {
            let organisation: Set<UUID> = sessions[row.sessionID].map { [$0] } ?? []
            if scope.mayErase(.caseRecords, writtenIn: organisation) {
                gone.append(row)
            } else {
                result.keptUntil = [result.keptUntil, scope.keptUntil(.caseRecords, writtenIn: organisation)].compactMap { $0 }.max()
            }
        }
        try await gone.delete(on: database)
        if !gone.isEmpty { result.erased["sessions delivered"] = gone.count }

        // The panel's shared work stays; its link to the person is an emptied account.
        let written = try await ModuleSection.query(on: database).group(.or) {
            $0.filter(\.$writtenByID == person).filter(\.$changedByID == person)
        }.count()
            + SectionVersion.query(on: database).filter(\.$writtenByID == person).count()
            + TrainingModule.query(on: database).filter(\.$createdByID == person).count()
            + ModuleComment.query(on: database).filter(\.$authorID == person).count()
            + EncounterSession.query(on: database).group(.or) {
                $0.filter(\.$hostID == person).filter(\.$createdByID == person).filter(\.$cancelledByID == person)
            }.count()
            + Panel.query(on: database).filter(\.$staffContactID == person).count()
        result.sharedWorkRemains = written > 0
        return result
    }
}
