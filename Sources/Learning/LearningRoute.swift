import Foundation
import KanssaCore

/// The Learning module's pages and form targets. Views build links only through this.
public enum LearningRoute: Sendable, Equatable {
    case myRounds
    case round(UUID)
    case rounds(organisation: UUID)
    case figures(organisation: UUID, round: UUID, compare: UUID? = nil)

    public var path: String {
        switch self {
        case .myRounds: "/learning"
        case .round(let id): "/learning/rounds/\(id)"
        case .rounds(let organisation): "/organisations/\(organisation)/rounds"
        case .figures(let organisation, let round, let compare):
            "/organisations/\(organisation)/rounds/\(round)/figures" + (compare.map { "?compare=\($0)" } ?? "")
        }
    }

    public var url: SafeURL {
        // Paths starting with "/" holding only UUIDs: always safe.
        SafeURL(path)!
    }
}
