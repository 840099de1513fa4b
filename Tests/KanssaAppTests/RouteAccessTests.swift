import Foundation
@testable import KanssaApp
import KanssaCore
import Testing
import VaporTesting

/// Every route, tried by everyone: nobody signed in, a person in each role of the organisation,
/// and the administrator of another organisation. The expected answer is written out per route.
@Suite struct RouteAccessTests {
    enum Who: Hashable, Sendable, CustomStringConvertible {
        case anonymous
        case role(Role)
        case adminElsewhere

        static let all: [Who] = [.anonymous] + Role.allCases.map(Who.role) + [.adminElsewhere]
        static let signedIn = Set(all.filter { $0 != .anonymous })
        static let everyone = Set(all)

        var description: String {
            switch self {
            case .anonymous: "anonymous"
            case .role(let role): role.rawValue
            case .adminElsewhere: "admin of another organisation"
            }
        }
    }

    struct Entry: Sendable {
        let method: HTTPMethod
        let pattern: String
        let path: @Sendable (Fixtures) -> String
        var form: @Sendable (Fixtures) -> [(String, String)] = { _ in [] }
        let allowed: Set<Who>
    }

    static let entries: [Entry] = [
        Entry(method: .GET, pattern: "/healthz", path: { _ in "/healthz" }, allowed: Who.everyone),
        Entry(method: .GET, pattern: "/readyz", path: { _ in "/readyz" }, allowed: Who.everyone),
        Entry(method: .GET, pattern: "/metrics", path: { _ in "/metrics" }, allowed: Who.everyone),
        Entry(method: .GET, pattern: "/static/kanssa.css", path: { _ in "/static/kanssa.css" }, allowed: Who.everyone),
        Entry(method: .GET, pattern: "/sign-in", path: { _ in "/sign-in" }, allowed: Who.everyone),
        Entry(method: .POST, pattern: "/sign-in", path: { _ in "/sign-in" }, allowed: Who.everyone),
        Entry(method: .GET, pattern: "/join", path: { _ in "/join" }, allowed: Who.everyone),
        Entry(method: .POST, pattern: "/join", path: { _ in "/join" }, allowed: Who.everyone),
        Entry(method: .POST, pattern: "/language", path: { _ in "/language" }, form: { _ in [("language", "en"), ("return", "/")] },
              allowed: Who.everyone),
        Entry(method: .GET, pattern: "/", path: { _ in "/" }, allowed: Who.signedIn),
        Entry(method: .GET, pattern: "/me", path: { _ in "/me" }, allowed: Who.signedIn),
        Entry(method: .GET, pattern: "/me/export.json", path: { _ in "/me/export.json" }, allowed: Who.signedIn),
        Entry(method: .GET, pattern: "/me/export", path: { _ in "/me/export" }, allowed: Who.signedIn),
        Entry(method: .POST, pattern: "/me", path: { _ in "/me" }, form: { _ in [("displayName", "Same"), ("language", "en")] },
              allowed: Who.signedIn),
        Entry(method: .POST, pattern: "/me/password", path: { _ in "/me/password" }, form: { _ in [("currentPassword", "")] },
              allowed: Who.signedIn),
        Entry(method: .GET, pattern: "/notices", path: { _ in "/notices" }, allowed: Who.signedIn),
        Entry(method: .GET, pattern: "/outbox", path: { _ in "/outbox" }, allowed: Who.signedIn),
        Entry(method: .GET, pattern: "/me/notices", path: { _ in "/me/notices" }, allowed: Who.signedIn),
        Entry(method: .POST, pattern: "/me/notices", path: { _ in "/me/notices" }, form: { _ in [("byEmail", "no"), ("email", "")] },
              allowed: Who.signedIn),
        Entry(method: .GET, pattern: "/organisations/:organisation/admin", path: { "/organisations/\($0.here)/admin" },
              allowed: [.role(.admin)]),
        Entry(method: .POST, pattern: "/organisations/:organisation/teams", path: { "/organisations/\($0.here)/teams" },
              form: { _ in [("name", "")] }, allowed: [.role(.admin)]),
        Entry(method: .GET, pattern: "/organisations/:organisation/members/:account",
              path: { "/organisations/\($0.here)/members/\($0.accounts[.citizen]!)" }, allowed: [.role(.admin)]),
        Entry(method: .POST, pattern: "/organisations/:organisation/members/:account/roles",
              path: { "/organisations/\($0.here)/members/\($0.accounts[.citizen]!)/roles" },
              form: { _ in [("roles[]", "citizen")] }, allowed: [.role(.admin)]),
        Entry(method: .POST, pattern: "/organisations/:organisation/members/:account/teams",
              path: { "/organisations/\($0.here)/members/\($0.accounts[.citizen]!)/teams" }, allowed: [.role(.admin)]),
        Entry(method: .GET, pattern: "/organisations/:organisation/members/:account/disable",
              path: { "/organisations/\($0.here)/members/\($0.accounts[.trainer]!)/disable" }, allowed: [.role(.admin)]),
        Entry(method: .POST, pattern: "/organisations/:organisation/members/:account/disable",
              path: { "/organisations/\($0.here)/members/\($0.accounts[.trainer]!)/disable" }, allowed: [.role(.admin)]),
        Entry(method: .GET, pattern: "/organisations/:organisation/invitations/new", path: { "/organisations/\($0.here)/invitations/new" },
              allowed: [.role(.professional), .role(.coordinator), .role(.admin)]),
        Entry(method: .POST, pattern: "/organisations/:organisation/invitations", path: { "/organisations/\($0.here)/invitations" },
              form: { _ in [("role", "citizen"), ("team", "")] },
              allowed: [.role(.professional), .role(.coordinator), .role(.admin)]),
        Entry(method: .GET, pattern: "/plan", path: { _ in "/plan" }, allowed: [.role(.citizen), .role(.coTrainer)]),
        Entry(method: .POST, pattern: "/plan/agenda", path: { _ in "/plan/agenda" },
              form: { _ in [("whatMatters", "Work again"), ("version", "0")] }, allowed: [.role(.citizen), .role(.coTrainer)]),
        Entry(method: .POST, pattern: "/plan/goals", path: { _ in "/plan/goals" },
              form: { _ in [("goal", "A goal")] }, allowed: [.role(.citizen), .role(.coTrainer)]),
        Entry(method: .POST, pattern: "/plan/strengths", path: { _ in "/plan/strengths" },
              form: { _ in [("kind", "skill"), ("strength", "Cooking")] }, allowed: [.role(.citizen), .role(.coTrainer)]),
        Entry(method: .POST, pattern: "/plan/notes", path: { _ in "/plan/notes" },
              form: { _ in [("note", "A note")] }, allowed: [.role(.citizen), .role(.coTrainer)]),
        // The timeline is shared with the professional's team; its owner writes through /plan/notes.
        Entry(method: .POST, pattern: "/plans/:plan/notes", path: { "/plans/\($0.citizenPlan)/notes" },
              form: { _ in [("note", "A note")] }, allowed: [.role(.professional)]),
        Entry(method: .GET, pattern: "/plan/sharing", path: { _ in "/plan/sharing" }, allowed: [.role(.citizen), .role(.coTrainer)]),
        Entry(method: .GET, pattern: "/plan/sharing/new", path: { _ in "/plan/sharing/new" }, allowed: [.role(.citizen), .role(.coTrainer)]),
        Entry(method: .POST, pattern: "/plan/authorisations", path: { _ in "/plan/authorisations" },
              allowed: [.role(.citizen), .role(.coTrainer)]),
        Entry(method: .GET, pattern: "/plan/authorisations/:authorisation/revoke",
              path: { _ in "/plan/authorisations/\(UUID())/revoke" }, allowed: [.role(.citizen), .role(.coTrainer)]),
        Entry(method: .POST, pattern: "/plan/authorisations/:authorisation/revoke",
              path: { _ in "/plan/authorisations/\(UUID())/revoke" }, allowed: [.role(.citizen), .role(.coTrainer)]),
        Entry(method: .POST, pattern: "/plan/authorisations/:authorisation/restore",
              path: { _ in "/plan/authorisations/\(UUID())/restore" }, allowed: [.role(.citizen), .role(.coTrainer)]),
        Entry(method: .GET, pattern: "/caseload", path: { _ in "/caseload" }, allowed: [.role(.professional)]),
        Entry(method: .GET, pattern: "/caseload/alignment", path: { _ in "/caseload/alignment" }, allowed: [.role(.professional)]),
        Entry(method: .GET, pattern: "/caseload/permissions", path: { _ in "/caseload/permissions" }, allowed: [.role(.professional)]),
        Entry(method: .POST, pattern: "/caseload/permissions", path: { _ in "/caseload/permissions" },
              form: { _ in [("citizen", "citizen@here.test")] }, allowed: [.role(.professional)]),
        // The citizen's plan: its owner, and the professional whose team it is shared with.
        Entry(method: .GET, pattern: "/plans/:plan", path: { "/plans/\($0.citizenPlan)" },
              allowed: [.role(.citizen), .role(.professional)]),
        Entry(method: .POST, pattern: "/plans/:plan/suggestions", path: { "/plans/\($0.citizenPlan)/suggestions" },
              form: { _ in [("goal", "A suggestion")] }, allowed: [.role(.professional)]),
        Entry(method: .POST, pattern: "/plan/goals/:goal/answer", path: { _ in "/plan/goals/\(UUID())/answer" },
              form: { _ in [("answer", "decline")] }, allowed: [.role(.citizen), .role(.coTrainer)]),
        // Only a goal of the person's own plan is found: the co-trainer gets "not found".
        Entry(method: .GET, pattern: "/plan/goals/:goal", path: { "/plan/goals/\($0.citizenGoal)" },
              allowed: [.role(.citizen), .role(.coTrainer)]),
        Entry(method: .POST, pattern: "/plan/goals/:goal", path: { "/plan/goals/\($0.citizenGoal)" },
              form: { _ in [("goal", "Work again, soon"), ("status", "active"), ("version", "0")] },
              allowed: [.role(.citizen), .role(.coTrainer)]),
        Entry(method: .GET, pattern: "/plan/life", path: { _ in "/plan/life" }, allowed: [.role(.citizen), .role(.coTrainer)]),
        Entry(method: .POST, pattern: "/plan/check-ins", path: { _ in "/plan/check-ins" },
              form: { _ in [("rating-home", "6")] }, allowed: [.role(.citizen), .role(.coTrainer)]),
        Entry(method: .GET, pattern: "/plan/actions", path: { _ in "/plan/actions" }, allowed: [.role(.citizen), .role(.coTrainer)]),
        Entry(method: .POST, pattern: "/plan/actions", path: { _ in "/plan/actions" },
              form: { _ in [("actionText", "")] }, allowed: [.role(.citizen), .role(.coTrainer)]),
        // Only an action of the person's own plan is found: the co-trainer gets "not found".
        Entry(method: .GET, pattern: "/plan/actions/:action", path: { "/plan/actions/\($0.citizenAction)" },
              allowed: [.role(.citizen), .role(.coTrainer)]),
        Entry(method: .POST, pattern: "/plan/actions/:action", path: { "/plan/actions/\($0.citizenAction)" },
              form: { _ in [("actionText", ""), ("version", "0")] }, allowed: [.role(.citizen), .role(.coTrainer)]),
        // Actions and check-ins are shared with the professional's team; the owner uses /plan/….
        Entry(method: .POST, pattern: "/plans/:plan/actions", path: { "/plans/\($0.citizenPlan)/actions" },
              form: { _ in [("actionText", "")] }, allowed: [.role(.professional)]),
        Entry(method: .POST, pattern: "/plans/:plan/check-ins", path: { "/plans/\($0.citizenPlan)/check-ins" },
              form: { _ in [("rating-home", "")] }, allowed: [.role(.professional)]),
        Entry(method: .GET, pattern: "/plans/:plan/actions/:action", path: { "/plans/\($0.citizenPlan)/actions/\($0.citizenAction)" },
              allowed: [.role(.professional)]),
        Entry(method: .POST, pattern: "/plans/:plan/actions/:action", path: { "/plans/\($0.citizenPlan)/actions/\($0.citizenAction)" },
              form: { _ in [("actionText", ""), ("version", "0")] }, allowed: [.role(.professional)]),
        Entry(method: .POST, pattern: "/plan/goal-tensions", path: { _ in "/plan/goal-tensions" },
              form: { _ in [("tensionFirst", "")] }, allowed: [.role(.citizen), .role(.coTrainer)]),
        Entry(method: .POST, pattern: "/plan/goal-tensions/:tension/remove", path: { _ in "/plan/goal-tensions/\(UUID())/remove" },
              allowed: [.role(.citizen), .role(.coTrainer)]),
        // The fixtures' goal is the citizen's own: nobody rewords it (a suggester's own is tried in SuggestionTests).
        Entry(method: .POST, pattern: "/plans/:plan/suggestions/:goal", path: { "/plans/\($0.citizenPlan)/suggestions/\($0.citizenGoal)" },
              form: { _ in [("version", "0")] }, allowed: []),
        Entry(method: .POST, pattern: "/plans/:plan/goal-tensions", path: { "/plans/\($0.citizenPlan)/goal-tensions" },
              form: { _ in [("tensionFirst", "")] }, allowed: [.role(.professional)]),
        Entry(method: .GET, pattern: "/organisations/:organisation/alignment", path: { "/organisations/\($0.here)/alignment" },
              allowed: [.role(.coordinator)]),
        Entry(method: .GET, pattern: "/organisations/:organisation/retention", path: { "/organisations/\($0.here)/retention" },
              allowed: [.role(.admin)]),
        Entry(method: .POST, pattern: "/organisations/:organisation/retention", path: { "/organisations/\($0.here)/retention" },
              form: { _ in [("months-case-records", "x")] }, allowed: [.role(.admin)]),
        // The accessibility statement, privacy notice and help: public; their administrator writes them.
        Entry(method: .GET, pattern: "/about/:kind", path: { _ in "/about/privacy" }, allowed: Who.everyone),
        Entry(method: .GET, pattern: "/organisations/:organisation/about/:kind", path: { "/organisations/\($0.here)/about/accessibility" },
              allowed: Who.everyone),
        Entry(method: .GET, pattern: "/organisations/:organisation/about/:kind/edit",
              path: { "/organisations/\($0.here)/about/help/edit" }, allowed: [.role(.admin)]),
        Entry(method: .POST, pattern: "/organisations/:organisation/about/:kind/edit",
              path: { "/organisations/\($0.here)/about/help/edit" }, allowed: [.role(.admin)]),
        // Codes to set a new password: staff who may invite give them; anyone uses one.
        Entry(method: .GET, pattern: "/organisations/:organisation/password-resets", path: { "/organisations/\($0.here)/password-resets" },
              allowed: [.role(.professional), .role(.coordinator), .role(.admin)]),
        Entry(method: .POST, pattern: "/organisations/:organisation/password-resets",
              path: { "/organisations/\($0.here)/password-resets" }, allowed: [.role(.professional), .role(.coordinator), .role(.admin)]),
        Entry(method: .GET, pattern: "/password/reset", path: { _ in "/password/reset" }, allowed: Who.everyone),
        Entry(method: .POST, pattern: "/password/reset", path: { _ in "/password/reset" }, allowed: Who.everyone),
        Entry(method: .POST, pattern: "/password/mail", path: { _ in "/password/mail" }, form: { _ in [("mailLogin", "nobody@here.test")] },
              allowed: Who.everyone),
        Entry(method: .GET, pattern: "/organisations/:organisation/sharing-reasons", path: { "/organisations/\($0.here)/sharing-reasons" },
              allowed: [.role(.admin)]),
        Entry(method: .POST, pattern: "/organisations/:organisation/sharing-reasons",
              path: { "/organisations/\($0.here)/sharing-reasons" }, allowed: [.role(.admin)]),
        Entry(method: .GET, pattern: "/organisations/:organisation/life-areas", path: { "/organisations/\($0.here)/life-areas" },
              allowed: [.role(.admin)]),
        Entry(method: .POST, pattern: "/organisations/:organisation/life-areas", path: { "/organisations/\($0.here)/life-areas" },
              form: { _ in [("areas", "a\na")] }, allowed: [.role(.admin)]),
        Entry(method: .GET, pattern: "/learning", path: { _ in "/learning" },
              allowed: [.role(.professional), .role(.coordinator), .role(.trainer)]),
        Entry(method: .GET, pattern: "/learning/practice", path: { _ in "/learning/practice" }, allowed: [.role(.professional)]),
        Entry(method: .POST, pattern: "/learning/practice", path: { _ in "/learning/practice" }, form: { _ in [("tool", "")] },
              allowed: [.role(.professional)]),
        Entry(method: .GET, pattern: "/organisations/:organisation/practice", path: { "/organisations/\($0.here)/practice" },
              allowed: [.role(.coordinator), .role(.researcher)]),
        Entry(method: .POST, pattern: "/organisations/:organisation/practice/tools", path: { "/organisations/\($0.here)/practice/tools" },
              form: { _ in [("name", "")] }, allowed: [.role(.coordinator)]),
        // Sets: the coordinator organises and sees counts; only the set's members (the
        // professional) and its facilitator (the trainer) read or write what is said in it.
        Entry(method: .GET, pattern: "/organisations/:organisation/sets", path: { "/organisations/\($0.here)/sets" },
              allowed: [.role(.coordinator)]),
        Entry(method: .POST, pattern: "/organisations/:organisation/sets", path: { "/organisations/\($0.here)/sets" },
              form: { _ in [("name", "")] }, allowed: [.role(.coordinator)]),
        // Too few members chosen: refused with a message, nothing changed.
        Entry(method: .POST, pattern: "/organisations/:organisation/sets/:set/members", path: { "/organisations/\($0.here)/sets/\($0.set)/members" },
              allowed: [.role(.coordinator)]),
        Entry(method: .GET, pattern: "/learning/sets/:set", path: { "/learning/sets/\($0.set)" },
              allowed: [.role(.professional), .role(.trainer)]),
        Entry(method: .POST, pattern: "/learning/sets/:set/meetings", path: { "/learning/sets/\($0.set)/meetings" },
              form: { _ in [("date", "")] }, allowed: [.role(.trainer)]),
        Entry(method: .GET, pattern: "/learning/sets/:set/meetings/:meeting", path: { "/learning/sets/\($0.set)/meetings/\($0.firstMeeting)" },
              allowed: [.role(.professional), .role(.trainer)]),
        Entry(method: .POST, pattern: "/learning/sets/:set/meetings/:meeting/attendance",
              path: { "/learning/sets/\($0.set)/meetings/\($0.firstMeeting)/attendance" }, allowed: [.role(.trainer)]),
        Entry(method: .POST, pattern: "/learning/sets/:set/meetings/:meeting/challenges",
              path: { "/learning/sets/\($0.set)/meetings/\($0.secondMeeting)/challenges" }, form: { _ in [("summary", "")] },
              allowed: [.role(.professional)]),
        Entry(method: .POST, pattern: "/learning/sets/:set/challenges/:challenge/questions",
              path: { "/learning/sets/\($0.set)/challenges/\($0.challenge)/questions" }, allowed: [.role(.professional), .role(.trainer)]),
        Entry(method: .POST, pattern: "/learning/sets/:set/challenges/:challenge/commitments",
              path: { "/learning/sets/\($0.set)/challenges/\($0.challenge)/commitments" }, allowed: [.role(.professional)]),
        Entry(method: .POST, pattern: "/learning/sets/:set/meetings/:meeting/reports/:commitment",
              path: { "/learning/sets/\($0.set)/meetings/\($0.secondMeeting)/reports/\($0.commitment)" }, allowed: [.role(.professional)]),
        Entry(method: .GET, pattern: "/learning/rounds/:round", path: { "/learning/rounds/\($0.round)" }, allowed: [.role(.professional)]),
        Entry(method: .POST, pattern: "/learning/rounds/:round", path: { "/learning/rounds/\($0.round)" },
              form: { _ in [("item-wp1", "4"), ("submit", "no")] }, allowed: [.role(.professional)]),
        Entry(method: .GET, pattern: "/organisations/:organisation/rounds", path: { "/organisations/\($0.here)/rounds" },
              allowed: [.role(.coordinator), .role(.researcher)]),
        Entry(method: .POST, pattern: "/organisations/:organisation/rounds", path: { "/organisations/\($0.here)/rounds" },
              form: { _ in [("label", "")] }, allowed: [.role(.coordinator)]),
        Entry(method: .GET, pattern: "/organisations/:organisation/rounds/:round/figures",
              path: { "/organisations/\($0.here)/rounds/\($0.round)/figures" }, allowed: [.role(.coordinator), .role(.researcher)]),
        Entry(method: .GET, pattern: "/organisations/:organisation/instruments", path: { "/organisations/\($0.here)/instruments" },
              allowed: [.role(.coordinator)]),
        Entry(method: .POST, pattern: "/organisations/:organisation/instruments", path: { "/organisations/\($0.here)/instruments" },
              form: { _ in [("source", "not: [yaml")] }, allowed: [.role(.coordinator)]),
        // Encountering: the co-trainer's panel, with the professional as its staff contact, has a draft module.
        Entry(method: .GET, pattern: "/organisations/:organisation/panels", path: { "/organisations/\($0.here)/panels" },
              allowed: [.role(.coordinator)]),
        Entry(method: .POST, pattern: "/organisations/:organisation/panels", path: { "/organisations/\($0.here)/panels" },
              form: { _ in [("name", "")] }, allowed: [.role(.coordinator)]),
        // Researchers see consultations by their figures only: the list, each one's figures, calibration — nothing else.
        Entry(method: .GET, pattern: "/organisations/:organisation/consultations", path: { "/organisations/\($0.here)/consultations" },
              allowed: [.role(.coordinator), .role(.professional), .role(.researcher)]),
        Entry(method: .POST, pattern: "/organisations/:organisation/consultations", path: { "/organisations/\($0.here)/consultations" },
              form: { _ in [("title", "")] }, allowed: [.role(.coordinator), .role(.professional)]),
        Entry(method: .GET, pattern: "/listening/consultations/:consultation", path: { "/listening/consultations/\($0.consultation)" },
              allowed: [.role(.coordinator), .role(.professional)]),
        Entry(method: .POST, pattern: "/listening/consultations/:consultation/assumptions",
              path: { "/listening/consultations/\($0.consultation)/assumptions" }, form: { _ in [("statement", "")] },
              allowed: [.role(.coordinator), .role(.professional)]),
        Entry(method: .GET, pattern: "/listening/consultations/:consultation/assumptions/:assumption",
              path: { "/listening/consultations/\($0.consultation)/assumptions/\($0.assumption)" }, allowed: [.role(.coordinator), .role(.professional)]),
        Entry(method: .POST, pattern: "/listening/consultations/:consultation/assumptions/:assumption",
              path: { "/listening/consultations/\($0.consultation)/assumptions/\($0.assumption)" }, form: { _ in [("statement", "")] },
              allowed: [.role(.coordinator), .role(.professional)]),
        Entry(method: .POST, pattern: "/listening/consultations/:consultation/assumptions/:assumption/remove",
              path: { "/listening/consultations/\($0.consultation)/assumptions/\($0.assumption)/remove" },
              allowed: [.role(.coordinator), .role(.professional)]),
        Entry(method: .POST, pattern: "/listening/consultations/:consultation/questions",
              path: { "/listening/consultations/\($0.consultation)/questions" }, form: { _ in [("text", "")] },
              allowed: [.role(.coordinator), .role(.professional)]),
        Entry(method: .GET, pattern: "/listening/consultations/:consultation/questions/:question",
              path: { "/listening/consultations/\($0.consultation)/questions/\($0.question)" }, allowed: [.role(.coordinator), .role(.professional)]),
        Entry(method: .POST, pattern: "/listening/consultations/:consultation/questions/:question",
              path: { "/listening/consultations/\($0.consultation)/questions/\($0.question)" }, form: { _ in [("text", "")] },
              allowed: [.role(.coordinator), .role(.professional)]),
        Entry(method: .POST, pattern: "/listening/consultations/:consultation/questions/:question/remove",
              path: { "/listening/consultations/\($0.consultation)/questions/\($0.question)/remove" },
              allowed: [.role(.coordinator), .role(.professional)]),
        Entry(method: .GET, pattern: "/listening/consultations/:consultation/open", path: { "/listening/consultations/\($0.consultation)/open" },
              allowed: [.role(.coordinator), .role(.professional)]),
        Entry(method: .POST, pattern: "/listening/consultations/:consultation/open", path: { "/listening/consultations/\($0.consultation)/open" },
              allowed: [.role(.coordinator), .role(.professional)]),
        Entry(method: .POST, pattern: "/listening/consultations/:consultation/close", path: { "/listening/consultations/\($0.consultation)/close" },
              allowed: [.role(.coordinator), .role(.professional)]),
        Entry(method: .POST, pattern: "/listening/consultations/:consultation/reopen",
              path: { "/listening/consultations/\($0.consultation)/reopen" }, allowed: [.role(.coordinator), .role(.professional)]),
        // Its languages: Finnish added, translated (nothing typed: nothing to refuse), then no longer offered.
        Entry(method: .POST, pattern: "/listening/consultations/:consultation/languages",
              path: { "/listening/consultations/\($0.consultation)/languages" }, form: { _ in [("language", "fi")] },
              allowed: [.role(.coordinator), .role(.professional)]),
        Entry(method: .GET, pattern: "/listening/consultations/:consultation/languages/:language",
              path: { "/listening/consultations/\($0.consultation)/languages/fi" }, allowed: [.role(.coordinator), .role(.professional)]),
        Entry(method: .POST, pattern: "/listening/consultations/:consultation/languages/:language",
              path: { "/listening/consultations/\($0.consultation)/languages/fi" }, allowed: [.role(.coordinator), .role(.professional)]),
        Entry(method: .POST, pattern: "/listening/consultations/:consultation/languages/:language/remove",
              path: { "/listening/consultations/\($0.consultation)/languages/fi/remove" }, allowed: [.role(.coordinator), .role(.professional)]),
        // What people answered and the poster: the team's. The consultation is still a draft, so entering answers is refused (409).
        Entry(method: .GET, pattern: "/listening/consultations/:consultation/poster",
              path: { "/listening/consultations/\($0.consultation)/poster" }, allowed: [.role(.coordinator), .role(.professional)]),
        Entry(method: .GET, pattern: "/listening/consultations/:consultation/answers",
              path: { "/listening/consultations/\($0.consultation)/answers" }, allowed: [.role(.coordinator), .role(.professional)]),
        Entry(method: .GET, pattern: "/listening/consultations/:consultation/answers/new",
              path: { "/listening/consultations/\($0.consultation)/answers/new" }, allowed: [.role(.coordinator), .role(.professional)]),
        Entry(method: .POST, pattern: "/listening/consultations/:consultation/answers/new",
              path: { "/listening/consultations/\($0.consultation)/answers/new" }, form: { _ in [("channel", "paper")] },
              allowed: [.role(.coordinator), .role(.professional)]),
        // Moderating the written answer of the open consultation: a reason missing (422), then given.
        Entry(method: .GET, pattern: "/listening/consultations/:consultation/answers/:answer/moderation",
              path: { "/listening/consultations/\($0.openConsultation)/answers/\($0.writtenAnswer)/moderation" },
              allowed: [.role(.coordinator), .role(.professional)]),
        Entry(method: .POST, pattern: "/listening/consultations/:consultation/answers/:answer/moderation",
              path: { "/listening/consultations/\($0.openConsultation)/answers/\($0.writtenAnswer)/moderation" },
              form: { _ in [("version", "0"), ("reason", "")] }, allowed: [.role(.coordinator), .role(.professional)]),
        // The codebook and coding of the open consultation: a theme without a name (422); the professional's own coding taken
        // back (the coordinator may not take back someone else's: 403); the codebook of the draft copied in.
        Entry(method: .GET, pattern: "/listening/consultations/:consultation/codebook",
              path: { "/listening/consultations/\($0.openConsultation)/codebook" }, allowed: [.role(.coordinator), .role(.professional)]),
        Entry(method: .POST, pattern: "/listening/consultations/:consultation/codebook",
              path: { "/listening/consultations/\($0.openConsultation)/codebook" }, form: { _ in [("name", "")] },
              allowed: [.role(.coordinator), .role(.professional)]),
        Entry(method: .POST, pattern: "/listening/consultations/:consultation/codebook/copy",
              path: { "/listening/consultations/\($0.consultation)/codebook" + "/copy" }, form: { [("from", $0.openConsultation.uuidString)] },
              allowed: [.role(.coordinator), .role(.professional)]),
        Entry(method: .GET, pattern: "/listening/consultations/:consultation/answers/:answer/coding",
              path: { "/listening/consultations/\($0.openConsultation)/answers/\($0.writtenAnswer)/coding" },
              allowed: [.role(.coordinator), .role(.professional)]),
        Entry(method: .POST, pattern: "/listening/consultations/:consultation/answers/:answer/coding",
              path: { "/listening/consultations/\($0.openConsultation)/answers/\($0.writtenAnswer)/coding" }, form: { [("themes[]", $0.theme.uuidString)] },
              allowed: [.role(.coordinator), .role(.professional)]),
        Entry(method: .POST, pattern: "/listening/consultations/:consultation/answers/:answer/coding/:coding/remove",
              path: { "/listening/consultations/\($0.openConsultation)/answers/\($0.writtenAnswer)/coding/\($0.coding)/remove" },
              allowed: [.role(.professional)]),
        Entry(method: .GET, pattern: "/listening/consultations/:consultation/agreement",
              path: { "/listening/consultations/\($0.openConsultation)/agreement" }, allowed: [.role(.coordinator), .role(.professional)]),
        // Suggested themes of the open consultation: asked for in a language it has no answers in (422); a decision on a
        // suggestion that is not there (404, past the policy; deciding for real is tried in SuggestionsTests).
        Entry(method: .GET, pattern: "/listening/consultations/:consultation/suggestions",
              path: { "/listening/consultations/\($0.openConsultation)/suggestions" }, allowed: [.role(.coordinator), .role(.professional)]),
        Entry(method: .POST, pattern: "/listening/consultations/:consultation/suggestions",
              path: { "/listening/consultations/\($0.openConsultation)/suggestions" }, form: { _ in [("language", "sv"), ("wanted", "3")] },
              allowed: [.role(.coordinator), .role(.professional)]),
        Entry(method: .POST, pattern: "/listening/consultations/:consultation/suggestions/:suggestion",
              path: { "/listening/consultations/\($0.openConsultation)/suggestions/\(UUID())" }, form: { _ in [("choice", "reject")] },
              allowed: [.role(.coordinator), .role(.professional)]),
        // Verdicts and decisions of the open consultation: a verdict without its kind (422), a decision without anything (422), an
        // update without its status (422). Across the organisation: how sure staff were, and what it stopped.
        Entry(method: .GET, pattern: "/listening/consultations/:consultation/export/answers.csv",
              path: { "/listening/consultations/\($0.openConsultation)/export/answers.csv" }, allowed: [.role(.coordinator), .role(.professional)]),
        Entry(method: .GET, pattern: "/listening/consultations/:consultation/export/codes.csv",
              path: { "/listening/consultations/\($0.openConsultation)/export/codes.csv" }, allowed: [.role(.coordinator), .role(.professional)]),
        Entry(method: .GET, pattern: "/listening/consultations/:consultation/export/project.qdpx",
              path: { "/listening/consultations/\($0.openConsultation)/export/project.qdpx" }, allowed: [.role(.coordinator), .role(.professional)]),
        Entry(method: .GET, pattern: "/listening/consultations/:consultation/report",
              path: { "/listening/consultations/\($0.openConsultation)/report" }, allowed: [.role(.coordinator), .role(.professional)]),
        Entry(method: .GET, pattern: "/listening/consultations/:consultation/figures",
              path: { "/listening/consultations/\($0.openConsultation)/figures" }, allowed: [.role(.coordinator), .role(.professional), .role(.researcher)]),
        Entry(method: .GET, pattern: "/listening/consultations/:consultation/assumptions/:assumption/verdict",
              path: { "/listening/consultations/\($0.openConsultation)/assumptions/\($0.openAssumption)/verdict" },
              allowed: [.role(.coordinator), .role(.professional)]),
        Entry(method: .POST, pattern: "/listening/consultations/:consultation/assumptions/:assumption/verdict",
              path: { "/listening/consultations/\($0.openConsultation)/assumptions/\($0.openAssumption)/verdict" },
              form: { _ in [("reasoning", "")] }, allowed: [.role(.coordinator), .role(.professional)]),
        Entry(method: .GET, pattern: "/listening/consultations/:consultation/decisions",
              path: { "/listening/consultations/\($0.openConsultation)/decisions" }, allowed: [.role(.coordinator), .role(.professional)]),
        Entry(method: .POST, pattern: "/listening/consultations/:consultation/decisions",
              path: { "/listening/consultations/\($0.openConsultation)/decisions" }, form: { _ in [("subject", "")] },
              allowed: [.role(.coordinator), .role(.professional)]),
        Entry(method: .GET, pattern: "/listening/consultations/:consultation/decisions/:decision",
              path: { "/listening/consultations/\($0.openConsultation)/decisions/\($0.decision)" }, allowed: [.role(.coordinator), .role(.professional)]),
        Entry(method: .POST, pattern: "/listening/consultations/:consultation/decisions/:decision/updates",
              path: { "/listening/consultations/\($0.openConsultation)/decisions/\($0.decision)/updates" }, form: { _ in [("note", "")] },
              allowed: [.role(.coordinator), .role(.professional)]),
        Entry(method: .GET, pattern: "/organisations/:organisation/consultations/calibration",
              path: { "/organisations/\($0.here)/consultations/calibration" }, allowed: [.role(.coordinator), .role(.professional), .role(.researcher)]),
        Entry(method: .GET, pattern: "/organisations/:organisation/stopped", path: { "/organisations/\($0.here)/stopped" },
              allowed: [.role(.coordinator), .role(.professional)]),
        // The public pages: anyone, signed in or not. The draft is not open yet: its forms are refused with a message (409).
        Entry(method: .GET, pattern: "/organisations/:organisation/pulses", path: { "/organisations/\($0.here)/pulses" },
              allowed: [.role(.coordinator), .role(.researcher)]),
        Entry(method: .POST, pattern: "/organisations/:organisation/pulses", path: { "/organisations/\($0.here)/pulses" },
              form: { _ in [("label", "")] }, allowed: [.role(.coordinator)]),
        Entry(method: .GET, pattern: "/organisations/:organisation/pulses/:pulse", path: { "/organisations/\($0.here)/pulses/\($0.pulse)" },
              allowed: [.role(.coordinator), .role(.researcher)]),
        Entry(method: .POST, pattern: "/organisations/:organisation/pulses/:pulse/stop",
              path: { "/organisations/\($0.here)/pulses/\($0.pulse)/stop" }, allowed: [.role(.coordinator)]),
        // Only staff of the teams a pulse asks answer it: here the outreach team's professional.
        Entry(method: .GET, pattern: "/pulses/:pulse", path: { "/pulses/\($0.pulse)" }, allowed: [.role(.professional)]),
        Entry(method: .POST, pattern: "/pulses/:pulse", path: { "/pulses/\($0.pulse)" }, form: { _ in [("team", "")] },
              allowed: [.role(.professional)]),
        // Staff changes: figures for coordinators and admins; who left and why, for admins.
        Entry(method: .GET, pattern: "/organisations/:organisation/staff-changes", path: { "/organisations/\($0.here)/staff-changes" },
              allowed: [.role(.coordinator), .role(.admin)]),
        Entry(method: .GET, pattern: "/organisations/:organisation/staff-changes/:stint",
              path: { "/organisations/\($0.here)/staff-changes/\($0.endedStint)" }, allowed: [.role(.admin)]),
        Entry(method: .POST, pattern: "/organisations/:organisation/staff-changes/:stint",
              path: { "/organisations/\($0.here)/staff-changes/\($0.endedStint)" }, form: { _ in [("reason", "movedTeam")] },
              allowed: [.role(.admin)]),
        // Barriers: coordinators keep the register; a barrier's owner (here the professional) follows it.
        Entry(method: .GET, pattern: "/organisations/:organisation/barriers", path: { "/organisations/\($0.here)/barriers" },
              allowed: [.role(.coordinator)]),
        Entry(method: .POST, pattern: "/organisations/:organisation/barriers", path: { "/organisations/\($0.here)/barriers" },
              form: { _ in [("title", "")] }, allowed: [.role(.coordinator)]),
        Entry(method: .GET, pattern: "/organisations/:organisation/barriers/:barrier",
              path: { "/organisations/\($0.here)/barriers/\($0.barrier)" }, allowed: [.role(.coordinator), .role(.professional)]),
        Entry(method: .POST, pattern: "/organisations/:organisation/barriers/:barrier",
              path: { "/organisations/\($0.here)/barriers/\($0.barrier)" }, form: { _ in [("title", "")] }, allowed: [.role(.coordinator)]),
        Entry(method: .POST, pattern: "/organisations/:organisation/barriers/:barrier/evidence",
              path: { "/organisations/\($0.here)/barriers/\($0.barrier)/evidence" }, form: { _ in [("kind", "note"), ("note", "")] },
              allowed: [.role(.coordinator), .role(.professional)]),
        Entry(method: .POST, pattern: "/organisations/:organisation/barriers/:barrier/evidence/:evidence/remove",
              path: { "/organisations/\($0.here)/barriers/\($0.barrier)/evidence/\(UUID())/remove" },
              allowed: [.role(.coordinator), .role(.professional)]),
        Entry(method: .POST, pattern: "/organisations/:organisation/barriers/:barrier/actions",
              path: { "/organisations/\($0.here)/barriers/\($0.barrier)/actions" }, form: { _ in [("action-text", "")] },
              allowed: [.role(.coordinator), .role(.professional)]),
        Entry(method: .POST, pattern: "/organisations/:organisation/barriers/:barrier/actions/:action/done",
              path: { "/organisations/\($0.here)/barriers/\($0.barrier)/actions/\($0.barrierAction)/done" },
              allowed: [.role(.coordinator), .role(.professional)]),
        Entry(method: .POST, pattern: "/organisations/:organisation/barriers/:barrier/reviews",
              path: { "/organisations/\($0.here)/barriers/\($0.barrier)/reviews" }, form: { _ in [("review-status", "")] },
              allowed: [.role(.coordinator), .role(.professional)]),
        // Citizens' voice: the plan's owner answers; coordinators and researchers read counts; a professional their own.
        Entry(method: .GET, pattern: "/plan/after-meeting", path: { _ in "/plan/after-meeting" }, allowed: [.role(.citizen), .role(.coTrainer)]),
        Entry(method: .POST, pattern: "/plan/after-meeting", path: { _ in "/plan/after-meeting" }, form: { _ in [("choice", "skip")] },
              allowed: [.role(.citizen), .role(.coTrainer)]),
        Entry(method: .GET, pattern: "/organisations/:organisation/citizens-voice", path: { "/organisations/\($0.here)/citizens-voice" },
              allowed: [.role(.coordinator), .role(.researcher)]),
        Entry(method: .GET, pattern: "/citizens-voice", path: { _ in "/citizens-voice" }, allowed: [.role(.professional)]),
        Entry(method: .GET, pattern: "/organisations/:organisation/dashboard", path: { "/organisations/\($0.here)/dashboard" },
              allowed: [.role(.coordinator)]),
        Entry(method: .GET, pattern: "/organisations/:organisation/dashboard.csv", path: { "/organisations/\($0.here)/dashboard.csv" },
              allowed: [.role(.coordinator)]),
        // Research: admins admit researchers; coordinators and admins see projects and decide exports
        // they did not ask for; the project's researcher asks and downloads once released.
        Entry(method: .GET, pattern: "/organisations/:organisation/research", path: { "/organisations/\($0.here)/research" },
              allowed: [.role(.coordinator), .role(.admin)]),
        Entry(method: .POST, pattern: "/organisations/:organisation/research", path: { "/organisations/\($0.here)/research" },
              form: { _ in [("name", "")] }, allowed: [.role(.admin)]),
        Entry(method: .GET, pattern: "/organisations/:organisation/research/projects/:project/end",
              path: { "/organisations/\($0.here)/research/projects/\($0.researchProject)/end" }, allowed: [.role(.admin)]),
        Entry(method: .POST, pattern: "/organisations/:organisation/research/projects/:project/end",
              path: { "/organisations/\($0.here)/research/projects/\($0.researchProject)/end" }, allowed: [.role(.admin)]),
        Entry(method: .GET, pattern: "/organisations/:organisation/research/exports/:export",
              path: { "/organisations/\($0.here)/research/exports/\($0.waitingExport)" }, allowed: [.role(.coordinator), .role(.admin)]),
        Entry(method: .POST, pattern: "/organisations/:organisation/research/exports/:export",
              path: { "/organisations/\($0.here)/research/exports/\($0.waitingExport)" }, form: { _ in [("decision", "refuse")] },
              allowed: [.role(.coordinator), .role(.admin)]),
        Entry(method: .GET, pattern: "/research", path: { _ in "/research" }, allowed: [.role(.researcher)]),
        Entry(method: .POST, pattern: "/research/projects/:project/exports", path: { "/research/projects/\($0.researchProject)/exports" },
              allowed: [.role(.researcher)]),
        Entry(method: .GET, pattern: "/research/exports/:export/tables/:field",
              path: { "/research/exports/\($0.researchExport)/tables/staff-changes" }, allowed: [.role(.researcher)]),
        Entry(method: .GET, pattern: "/c", path: { _ in "/c" }, allowed: Who.everyone),
        Entry(method: .GET, pattern: "/c/:code", path: { _ in Fixtures.consultationCode.path }, allowed: Who.everyone),
        Entry(method: .GET, pattern: "/c/:code/about", path: { _ in Fixtures.consultationCode.path + "/about" }, allowed: Who.everyone),
        Entry(method: .POST, pattern: "/c/:code/about", path: { _ in Fixtures.consultationCode.path + "/about" }, allowed: Who.everyone),
        Entry(method: .GET, pattern: "/c/:code/q/:question", path: { _ in Fixtures.consultationCode.path + "/q/1" }, allowed: Who.everyone),
        Entry(method: .POST, pattern: "/c/:code/q/:question", path: { _ in Fixtures.consultationCode.path + "/q/1" },
              form: { _ in [("choice", "0")] }, allowed: Who.everyone),
        Entry(method: .GET, pattern: "/c/:code/answers", path: { _ in Fixtures.consultationCode.path + "/answers" }, allowed: Who.everyone),
        Entry(method: .POST, pattern: "/c/:code/answers/:question/consent", path: { _ in Fixtures.consultationCode.path + "/answers/1/consent" },
              allowed: Who.everyone),
        // Asking to be contacted: anyone signed in; none of them has answered the draft, so there is nothing to change (409).
        Entry(method: .POST, pattern: "/c/:code/contact", path: { _ in Fixtures.consultationCode.path + "/contact" },
              form: { _ in [("contact", "yes")] }, allowed: Who.signedIn),
        // "You said, we did": the open consultation's report, and the organisation's index.
        Entry(method: .GET, pattern: "/c/:code/we-did", path: { _ in "/c/VST234/we-did" }, allowed: Who.everyone),
        Entry(method: .GET, pattern: "/organisations/:organisation/you-said-we-did", path: { "/organisations/\($0.here)/you-said-we-did" },
              allowed: Who.everyone),
        Entry(method: .GET, pattern: "/c/:code/return", path: { _ in Fixtures.consultationCode.path + "/return" }, allowed: Who.everyone),
        Entry(method: .POST, pattern: "/c/:code/return", path: { _ in Fixtures.consultationCode.path + "/return" },
              form: { _ in [("privateCode", "ABCDE-FGHJK")] }, allowed: Who.everyone),
        Entry(method: .GET, pattern: "/encountering", path: { _ in "/encountering" },
              allowed: Who.signedIn.subtracting([.role(.citizen)])),
        Entry(method: .POST, pattern: "/encountering/panels/:panel/credit", path: { "/encountering/panels/\($0.panel)/credit" },
              allowed: [.role(.coTrainer)]),
        Entry(method: .POST, pattern: "/encountering/panels/:panel/modules", path: { "/encountering/panels/\($0.panel)/modules" },
              allowed: [.role(.coTrainer)]),
        // A draft: its panel, their staff contact and the organisation's coordinators read it.
        Entry(method: .GET, pattern: "/encountering/modules/:module", path: { "/encountering/modules/\($0.module)" },
              allowed: [.role(.coTrainer), .role(.professional), .role(.coordinator)]),
        Entry(method: .POST, pattern: "/encountering/modules/:module", path: { "/encountering/modules/\($0.module)" },
              form: { _ in [("title", "")] }, allowed: [.role(.coTrainer)]),
        Entry(method: .POST, pattern: "/encountering/modules/:module/sections", path: { "/encountering/modules/\($0.module)/sections" },
              allowed: [.role(.coTrainer)]),
        Entry(method: .POST, pattern: "/encountering/modules/:module/publish", path: { "/encountering/modules/\($0.module)/publish" },
              allowed: [.role(.coTrainer)]),
        Entry(method: .POST, pattern: "/encountering/modules/:module/comments", path: { "/encountering/modules/\($0.module)/comments" },
              allowed: [.role(.professional), .role(.coordinator)]),
        Entry(method: .GET, pattern: "/encountering/modules/:module/sections/:section",
              path: { "/encountering/modules/\($0.module)/sections/\($0.section)" }, allowed: [.role(.coTrainer)]),
        Entry(method: .POST, pattern: "/encountering/modules/:module/sections/:section",
              path: { "/encountering/modules/\($0.module)/sections/\($0.section)" }, allowed: [.role(.coTrainer)]),
        Entry(method: .POST, pattern: "/encountering/modules/:module/sections/:section/remove",
              path: { "/encountering/modules/\($0.module)/sections/\($0.section)/remove" }, allowed: [.role(.coTrainer)]),
        // Adapting the panel's published module for the panel: its co-trainer, and the coordinator on the panel's behalf.
        Entry(method: .POST, pattern: "/encountering/modules/:module/adaptations/:panel",
              path: { "/encountering/modules/\($0.publishedModule)/adaptations/\($0.panel)" }, allowed: [.role(.coTrainer), .role(.coordinator)]),
        // Sessions of the published module: the panel's staff contact (the professional) or a coordinator puts one on.
        Entry(method: .POST, pattern: "/encountering/modules/:module/sessions", path: { "/encountering/modules/\($0.publishedModule)/sessions" },
              form: { _ in [("date", "")] }, allowed: [.role(.professional), .role(.coordinator)]),
        // One that began an hour ago: the trainer hosts, the co-trainer delivers, the coordinator came.
        Entry(method: .GET, pattern: "/encountering/sessions/:encounterSession", path: { "/encountering/sessions/\($0.encounterSession)" },
              allowed: [.role(.coTrainer), .role(.professional), .role(.coordinator), .role(.trainer)]),
        // It has started: registering is refused with a message (409). Those who give it (the professional is the panel's contact) do not register.
        Entry(method: .POST, pattern: "/encountering/sessions/:encounterSession/registration",
              path: { "/encountering/sessions/\($0.encounterSession)/registration" }, form: { _ in [("action", "register")] },
              allowed: [.role(.coordinator)]),
        Entry(method: .POST, pattern: "/encountering/sessions/:encounterSession/attendance",
              path: { "/encountering/sessions/\($0.encounterSession)/attendance" }, form: { $0.accounts[.coordinator].map { [("present[]", $0.uuidString)] } ?? [] },
              allowed: [.role(.trainer), .role(.coordinator)]),
        Entry(method: .POST, pattern: "/encountering/sessions/:encounterSession/recognition",
              path: { "/encountering/sessions/\($0.encounterSession)/recognition" }, form: { [("hours-\($0.accounts[.coTrainer]!)", "")] },
              allowed: [.role(.trainer), .role(.coordinator)]),
        Entry(method: .GET, pattern: "/certificates/check", path: { _ in "/certificates/check" }, allowed: Who.everyone),
        Entry(method: .GET, pattern: "/encountering/sessions/:encounterSession/certificate",
              path: { "/encountering/sessions/\($0.encounterSession)/certificate" }, allowed: [.role(.coordinator)]),
        // Feedback from those who came (the coordinator); the follow-up waits for their feedback (409); the co-trainer's own reflection.
        Entry(method: .POST, pattern: "/encountering/sessions/:encounterSession/feedback",
              path: { "/encountering/sessions/\($0.encounterSession)/feedback" }, allowed: [.role(.coordinator)]),
        Entry(method: .POST, pattern: "/encountering/sessions/:encounterSession/follow-up",
              path: { "/encountering/sessions/\($0.encounterSession)/follow-up" }, allowed: [.role(.coordinator)]),
        Entry(method: .POST, pattern: "/encountering/sessions/:encounterSession/reflection",
              path: { "/encountering/sessions/\($0.encounterSession)/reflection" }, allowed: [.role(.coTrainer)]),
        // Someone who came without registering, added by the host or a coordinator (the second try finds them there already: 422).
        Entry(method: .POST, pattern: "/encountering/sessions/:encounterSession/walk-ins",
              path: { "/encountering/sessions/\($0.encounterSession)/walk-ins" }, form: { [("person", $0.memberOfBoth.uuidString)] },
              allowed: [.role(.trainer), .role(.coordinator)]),
        // It has begun: too late to call it off (409) for the host and coordinators.
        Entry(method: .POST, pattern: "/encountering/sessions/:encounterSession/cancel",
              path: { "/encountering/sessions/\($0.encounterSession)/cancel" }, form: { _ in [("confirm", "yes")] },
              allowed: [.role(.trainer), .role(.coordinator)]),
        Entry(method: .GET, pattern: "/encountering/statement", path: { _ in "/encountering/statement" }, allowed: [.role(.coTrainer)]),
        // Learning sessions: the trainer ran one an hour ago; the professional registered.
        Entry(method: .GET, pattern: "/organisations/:organisation/sessions", path: { "/organisations/\($0.here)/sessions" },
              allowed: [.role(.professional), .role(.coordinator), .role(.trainer)]),
        Entry(method: .POST, pattern: "/organisations/:organisation/sessions", path: { "/organisations/\($0.here)/sessions" },
              form: { _ in [("title", "")] }, allowed: [.role(.coordinator), .role(.trainer)]),
        Entry(method: .GET, pattern: "/learning/sessions/:session", path: { "/learning/sessions/\($0.session)" },
              allowed: [.role(.professional), .role(.coordinator), .role(.trainer)]),
        // It has started: registering is refused with a message (409), which is not a denial.
        Entry(method: .POST, pattern: "/learning/sessions/:session/registration", path: { "/learning/sessions/\($0.session)/registration" },
              form: { _ in [("action", "register")] }, allowed: [.role(.professional), .role(.coordinator)]),
        Entry(method: .POST, pattern: "/learning/sessions/:session/feedback", path: { "/learning/sessions/\($0.session)/feedback" },
              form: { _ in [("usefulness", "")] }, allowed: [.role(.professional)]),
        Entry(method: .POST, pattern: "/learning/sessions/:session/attendance", path: { "/learning/sessions/\($0.session)/attendance" },
              allowed: [.role(.trainer), .role(.coordinator)]),
        // Coaching: the trainer coaches the professional. Only the two of them read the record.
        Entry(method: .GET, pattern: "/learning/coaching", path: { _ in "/learning/coaching" },
              allowed: [.role(.professional), .role(.coordinator), .role(.trainer)]),
        Entry(method: .POST, pattern: "/learning/coaching", path: { _ in "/learning/coaching" }, form: { _ in [("coach", "")] },
              allowed: [.role(.professional)]),
        Entry(method: .GET, pattern: "/learning/coaching/:coaching", path: { "/learning/coaching/\($0.coaching)" },
              allowed: [.role(.professional), .role(.trainer)]),
        Entry(method: .POST, pattern: "/learning/coaching/:coaching/sessions", path: { "/learning/coaching/\($0.coaching)/sessions" },
              form: { _ in [("held-on", "")] }, allowed: [.role(.professional), .role(.trainer)]),
        // Ending it comes late: afterwards nobody writes, and the coach no longer reads.
        Entry(method: .POST, pattern: "/learning/coaching/:coaching/end", path: { "/learning/coaching/\($0.coaching)/end" },
              allowed: [.role(.professional), .role(.trainer)]),
        Entry(method: .POST, pattern: "/learning/coaching/:coaching/reading", path: { "/learning/coaching/\($0.coaching)/reading" },
              form: { _ in [("allow", "no")] }, allowed: [.role(.professional)]),
        Entry(method: .GET, pattern: "/me/data", path: { _ in "/me/data" }, allowed: [.role(.citizen), .role(.coTrainer)]),
        // Without the confirmation: refused with a message, nothing asked.
        Entry(method: .POST, pattern: "/me/data/erasure", path: { _ in "/me/data/erasure" }, allowed: [.role(.citizen), .role(.coTrainer)]),
        Entry(method: .POST, pattern: "/me/data/erasure/withdraw", path: { _ in "/me/data/erasure/withdraw" },
              allowed: [.role(.citizen), .role(.coTrainer)]),
        // Near the end: a restriction closes the citizen's plan to everyone else.
        Entry(method: .POST, pattern: "/me/data/restriction", path: { _ in "/me/data/restriction" },
              allowed: [.role(.citizen), .role(.coTrainer)]),
        Entry(method: .POST, pattern: "/me/data/restriction/lift", path: { _ in "/me/data/restriction/lift" },
              allowed: [.role(.citizen), .role(.coTrainer)]),
        // Last, because it ends the session the rest of the entries use.
        Entry(method: .POST, pattern: "/sign-out", path: { _ in "/sign-out" }, allowed: Who.signedIn),
    ]

    @Test func everyRegisteredRouteHasAnAccessRuleAndAnEntryHere() async throws {
        try await withApp { app, _ in
            let registered = app.routes.all.map { route in
                "\(route.method.rawValue) /" + route.path.map(\.description).joined(separator: "/")
            }
            for route in app.routes.all {
                #expect(route.userInfo[AccessRule.userInfoKey] is AccessRule, "\(route.method) \(route.path) has no access rule")
            }
            let tested = Self.entries.map { "\($0.method.rawValue) \($0.pattern)" }
            #expect(Set(registered) == Set(tested), "untested: \(Set(registered).subtracting(tested)); stale: \(Set(tested).subtracting(registered))")
        }
    }

    @Test(arguments: Who.all)
    func everyRouteAnswersEachPersonAsTheTableSays(who: Who) async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            for entry in Self.entries {
                var browser = Browser(app)
                switch who {
                case .anonymous: try await browser.get("/sign-in")
                case .role(let role): try await browser.signIn(Fixtures.login(role))
                case .adminElsewhere: try await browser.signIn(Fixtures.adminElsewhereLogin)
                }
                // Forms are sent from a page that carries the token, as in a real browser.
                try await browser.get(who == .anonymous ? "/sign-in" : "/me")
                let response: TestingHTTPResponse = if entry.method == .GET {
                    try await browser.get(entry.path(fixtures))
                } else {
                    try await browser.post(entry.path(fixtures), entry.form(fixtures))
                }
                let redirectedToSignIn = response.status == .seeOther
                    && (response.headers.first(name: .location) ?? "").hasPrefix("/sign-in?next=")
                let denied = response.status == .forbidden || response.status == .unauthorized || redirectedToSignIn
                let expected = entry.allowed.contains(who)
                #expect(denied != expected, "\(entry.method) \(entry.pattern) as \(who): \(response.status)")
                #expect(response.status.code < 500, "\(entry.method) \(entry.pattern) as \(who): \(response.status)")
            }
        }
    }
}
