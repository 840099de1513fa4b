import Foundation
import KanssaCore

/// The Listening module's pages and form targets. Views build links only through this.
public enum ListeningRoute: Sendable, Equatable {
    case consultations(organisation: UUID)
    case consultation(UUID)
    case assumptions(consultation: UUID)
    case assumption(consultation: UUID, assumption: UUID)
    case removeAssumption(consultation: UUID, assumption: UUID)
    case questions(consultation: UUID)
    case question(consultation: UUID, question: UUID)
    case removeQuestion(consultation: UUID, question: UUID)
    case open(consultation: UUID)
    case close(consultation: UUID)
    case reopen(consultation: UUID)

    public var path: String {
        switch self {
        case .consultations(let organisation): "/organisations/\(organisation)/consultations"
        case .consultation(let id): "/listening/consultations/\(id)"
        case .assumptions(let consultation): "/listening/consultations/\(consultation)/assumptions"
        case .assumption(let consultation, let assumption): "/listening/consultations/\(consultation)/assumptions/\(assumption)"
        case .removeAssumption(let consultation, let assumption): "/listening/consultations/\(consultation)/assumptions/\(assumption)/remove"
        case .questions(let consultation): "/listening/consultations/\(consultation)/questions"
        case .question(let consultation, let question): "/listening/consultations/\(consultation)/questions/\(question)"
        case .removeQuestion(let consultation, let question): "/listening/consultations/\(consultation)/questions/\(question)/remove"
        case .open(let consultation): "/listening/consultations/\(consultation)/open"
        case .close(let consultation): "/listening/consultations/\(consultation)/close"
        case .reopen(let consultation): "/listening/consultations/\(consultation)/reopen"
        }
    }

    public var url: SafeURL {
        guard let url = SafeURL(path) else { preconditionFailure("a route path is always a safe URL: \(path)") }
        return url
    }
}
