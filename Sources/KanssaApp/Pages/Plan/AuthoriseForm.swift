import Agenda
import KanssaCore
import Vapor

/// The fields of a form that records a permission, as sent: the citizen's own form and the one a
/// professional fills in during a meeting.
struct AuthoriseForm: Content {
    var team: String?
    var sections: [String]?
    var purpose: String?
    var legalBasis: String?
    var until: String?
    /// "quick" from the one-step form on the sharing page.
    var form: String?

    /// What was typed, cut to the fields' lengths; "person:<id>" names one person, not a team.
    var draft: Sharing.Draft {
        Sharing.Draft(
            teamID: team.flatMap(UUID.init(uuidString:)),
            personID: team.flatMap { $0.hasPrefix("person:") ? UUID(uuidString: String($0.dropFirst(7))) : nil },
            sections: Set((sections ?? []).compactMap(PlanSection.init(rawValue:))),
            purpose: String((purpose ?? "").prefix(300)),
            legalBasis: legalBasis.flatMap(LegalBasis.init(rawValue:)),
            until: String((until ?? "").prefix(10)))
    }
}

extension AuthorisationRequest.ProblemList {
    /// Each problem as a message beside its field.
    func fieldErrors(_ t: Localizer) -> [FieldError] {
        problems.map { problem in
            let message: MessageKey = switch problem {
            case .team: .errorChooseTeam
            case .sections: .errorChooseSections
            case .purpose: .errorPurpose
            case .legalBasis: .errorChooseBasis
            case .until: .errorUntil
            }
            return FieldError(field: problem.rawValue, message: t(message))
        }
    }
}
