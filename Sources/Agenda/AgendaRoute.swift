import KanssaCore

/// The Agenda module's pages and form targets. Views build links only through this; the app
/// registers a route for each.
public enum AgendaRoute: Sendable, Equatable {
    case myPlan
    case agenda
    case goals

    public var path: String {
        switch self {
        case .myPlan: "/plan"
        case .agenda: "/plan/agenda"
        case .goals: "/plan/goals"
        }
    }

    public var url: SafeURL {
        // Constant paths starting with "/": always safe.
        SafeURL(path)!
    }
}
