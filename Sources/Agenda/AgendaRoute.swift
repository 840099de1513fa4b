import Foundation
import KanssaCore

/// The Agenda module's pages and form targets. Views build links only through this; the app
/// registers a route for each.
public enum AgendaRoute: Sendable, Equatable {
    case myPlan
    case agenda
    case goals
    case sharing
    case authorisations
    case revoke(UUID)
    case caseload(page: Int? = nil)
    case sharedPlan(UUID)

    public var path: String {
        switch self {
        case .myPlan: "/plan"
        case .agenda: "/plan/agenda"
        case .goals: "/plan/goals"
        case .sharing: "/plan/sharing"
        case .authorisations: "/plan/authorisations"
        case .revoke(let id): "/plan/authorisations/\(id)/revoke"
        case .caseload(let page): "/caseload" + (page.map { $0 > 1 ? "?page=\($0)" : "" } ?? "")
        case .sharedPlan(let id): "/plans/\(id)"
        }
    }

    public var url: SafeURL {
        // Paths starting with "/" holding only UUIDs and numbers: always safe.
        SafeURL(path)!
    }
}
