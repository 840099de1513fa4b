import Fluent
import Foundation
import KanssaCore

/// Erasing what Listening holds about a person. Respondents are not linked to accounts, unless
/// one asked to be contacted: that link goes, the answers stay anonymous. What staff did is the team's shared
/// record — consultations and their ledgers, translations, answers entered, moderation, codings,
/// verdicts, decisions and theme suggestions — and stays; the account it points to is emptied rather than removed.
public struct ListeningErasure: PersonalDataHolder {
    public init() {}

    public func erase(_ scope: ErasureScope, on database: any Database) async throws -> ErasureResult {
        let person = scope.accountID
        let counts = [
            try await Consultation.query(on: database).filter(\.$createdByID == person).count(),
            try await Assumption.query(on: database).filter(\.$createdByID == person).count(),
            try await Respondent.query(on: database).filter(\.$enteredByID == person).count(),
            try await Translation.query(on: database).filter(\.$updatedByID == person).count(),
            try await ModerationStep.query(on: database).filter(\.$moderatorID == person).count(),
            try await Theme.query(on: database).filter(\.$createdByID == person).count(),
            try await Coding.query(on: database).filter(\.$coderID == person).count(),
            try await Verdict.query(on: database).filter(\.$givenByID == person).count(),
            try await Decision.query(on: database).group(.or) { $0.filter(\.$ownerID == person).filter(\.$createdByID == person) }.count(),
            try await DecisionUpdate.query(on: database).filter(\.$byID == person).count(),
            try await SuggestionRun.query(on: database).filter(\.$requestedByID == person).count(),
            try await ThemeSuggestion.query(on: database).filter(\.$decidedByID == person).count(),
        ]
        var result = ErasureResult()
        result.sharedWorkRemains = counts.contains { $0 > 0 }
        // A respondent who asked to be contacted: the answers stay, anonymous again.
        let contacts = try await Respondent.query(on: database).filter(\.$contactAccountID == person).count()
        try await Respondent.query(on: database).filter(\.$contactAccountID == person).set(\.$contactAccountID, to: nil).update()
        if contacts > 0 { result.erased["contact requests on consultation answers"] = contacts }
        return result
    }
}
