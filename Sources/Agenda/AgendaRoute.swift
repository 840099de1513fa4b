import Foundation
import KanssaCore

/// The Agenda module's pages and form targets. Views build links only through this; the app
/// registers a route for each.
public enum AgendaRoute: Sendable, Equatable {
    case myPlan
    case agenda
    case goals
    case strengths
    case notes
    case sharedNotes(UUID)
    case sharing
    case authorisations
    case revoke(UUID)
    case restore(UUID)
    /// The form to choose whom to let see which parts; filled in as an earlier share was.
    case newShare(from: UUID? = nil)
    case caseload(page: Int? = nil, search: String = "", order: Caseload.Order = .name)
    case sharedPlan(UUID)
    case suggestions(UUID)
    case answerSuggestion(UUID)
    case goal(UUID)
    case lifeAreas
    case caseloadAlignment
    case teamAlignment(UUID)
    case actions
    case action(UUID)
    case sharedActions(UUID)
    case sharedAction(plan: UUID, action: UUID)
    case checkIns
    case sharedCheckIns(UUID)
    case meetingPermissions
    case goalTensions
    case removeGoalTension(UUID)
    case sharedGoalTensions(UUID)
    case suggestion(plan: UUID, goal: UUID)

    public var path: String {
        switch self {
        case .myPlan: "/plan"
        case .agenda: "/plan/agenda"
        case .goals: "/plan/goals"
        case .strengths: "/plan/strengths"
        case .notes: "/plan/notes"
        case .sharedNotes(let id): "/plans/\(id)/notes"
        case .sharing: "/plan/sharing"
        case .authorisations: "/plan/authorisations"
        case .revoke(let id): "/plan/authorisations/\(id)/revoke"
        case .restore(let id): "/plan/authorisations/\(id)/restore"
        case .newShare(let from): "/plan/sharing/new" + (from.map { "?from=\($0)" } ?? "")
        case .caseload(let page, let search, let order):
            "/caseload" + Self.query([
                ("q", search.isEmpty ? nil : search), ("order", order == .name ? nil : order.rawValue),
                ("page", page.flatMap { $0 > 1 ? String($0) : nil }),
            ])
        case .sharedPlan(let id): "/plans/\(id)"
        case .suggestions(let id): "/plans/\(id)/suggestions"
        case .answerSuggestion(let id): "/plan/goals/\(id)/answer"
        case .goal(let id): "/plan/goals/\(id)"
        case .lifeAreas: "/plan/life"
        case .caseloadAlignment: "/caseload/alignment"
        case .teamAlignment(let id): "/organisations/\(id)/alignment"
        case .actions: "/plan/actions"
        case .action(let id): "/plan/actions/\(id)"
        case .sharedActions(let id): "/plans/\(id)/actions"
        case .sharedAction(let plan, let action): "/plans/\(plan)/actions/\(action)"
        case .checkIns: "/plan/check-ins"
        case .sharedCheckIns(let id): "/plans/\(id)/check-ins"
        case .meetingPermissions: "/caseload/permissions"
        case .goalTensions: "/plan/goal-tensions"
        case .removeGoalTension(let id): "/plan/goal-tensions/\(id)/remove"
        case .sharedGoalTensions(let id): "/plans/\(id)/goal-tensions"
        case .suggestion(let plan, let goal): "/plans/\(plan)/suggestions/\(goal)"
        }
    }

    public var url: SafeURL {
        // Paths starting with "/" holding only UUIDs, numbers and percent-encoded text: always safe.
        SafeURL(path)!
    }

    /// "?q=…&page=2" from the parameters that have a value, each percent-encoded.
    static func query(_ parameters: [(String, String?)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let pairs = parameters.compactMap { name, value in
            value.map { "\(name)=\($0.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }
        }
        return pairs.isEmpty ? "" : "?" + pairs.joined(separator: "&")
    }
}
