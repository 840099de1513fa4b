import Foundation
import KanssaCore

/// The Evaluation module's pages and form targets. Views build links only through this.
public enum EvaluationRoute: Sendable, Equatable {
    /// An organisation's staff pulses, and the form to schedule one.
    case pulses(organisation: UUID)
    /// One pulse's figures, for the whole group or one team.
    case pulse(organisation: UUID, pulse: UUID, team: UUID? = nil)
    case stopPulse(organisation: UUID, pulse: UUID)
    /// Answering the period of a pulse open now.
    case answerPulse(UUID)
    /// An organisation's staff changes: figures per team and quarter, and (for admins) the register.
    case staffChanges(organisation: UUID, page: Int = 1)
    /// One person's time in a team, and why it ended.
    case staffChange(organisation: UUID, stint: UUID)
    /// An organisation's barrier register, and the form to record one.
    case barriers(organisation: UUID, showing: Barriers.Showing = .current, page: Int = 1)
    /// One barrier: its evidence, actions and reviews; the target of the form that changes it.
    case barrier(organisation: UUID, barrier: UUID)
    case barrierEvidence(organisation: UUID, barrier: UUID)
    case barrierActions(organisation: UUID, barrier: UUID)
    case barrierActionDone(organisation: UUID, barrier: UUID, action: UUID)
    case barrierEvidenceRemoval(organisation: UUID, barrier: UUID, evidence: UUID)
    case barrierReviews(organisation: UUID, barrier: UUID)
    /// A citizen's three questions after a meeting on their plan, in plain or easy words.
    case afterMeeting(easy: Bool = false)
    /// What citizens said after meetings: an organisation's figures, and a professional's own.
    case citizensVoice(organisation: UUID)
    case ownCitizensVoice
    /// The coordinator's dashboard for a quarter and a team; it prints as the pilot report.
    case dashboard(organisation: UUID)
    /// Every aggregate of the dashboard for a quarter and a team, as CSV.
    case dashboardCSV(organisation: UUID, quarter: Int, team: UUID?)
    /// An organisation's research projects, the exports waiting for a second person, and (for
    /// admins) the form to admit a researcher.
    case research(organisation: UUID)
    /// An admin ends a project before its end date: the confirmation, and the target of its form.
    case endResearchProject(organisation: UUID, project: UUID)
    /// One export, summarised for the person who releases or refuses it; the target of that form.
    case researchExport(organisation: UUID, export: UUID)
    /// A researcher's own projects and exports.
    case ownResearch
    case requestResearchExport(project: UUID)
    /// One table of a released export, as CSV.
    case researchTable(export: UUID, field: ResearchField)

    public var path: String {
        switch self {
        case .pulses(let organisation): "/organisations/\(organisation)/pulses"
        case .pulse(let organisation, let pulse, let team):
            "/organisations/\(organisation)/pulses/\(pulse)" + (team.map { "?team=\($0)" } ?? "")
        case .stopPulse(let organisation, let pulse): "/organisations/\(organisation)/pulses/\(pulse)/stop"
        case .answerPulse(let pulse): "/pulses/\(pulse)"
        case .staffChanges(let organisation, let page): "/organisations/\(organisation)/staff-changes" + (page > 1 ? "?page=\(page)" : "")
        case .staffChange(let organisation, let stint): "/organisations/\(organisation)/staff-changes/\(stint)"
        case .barriers(let organisation, let showing, let page):
            "/organisations/\(organisation)/barriers" + Self.query([
                showing == .current ? nil : "showing=\(showing.rawValue)", page > 1 ? "page=\(page)" : nil,
            ])
        case .barrier(let organisation, let barrier): "/organisations/\(organisation)/barriers/\(barrier)"
        case .barrierEvidence(let organisation, let barrier): "/organisations/\(organisation)/barriers/\(barrier)/evidence"
        case .barrierActions(let organisation, let barrier): "/organisations/\(organisation)/barriers/\(barrier)/actions"
        case .barrierActionDone(let organisation, let barrier, let action):
            "/organisations/\(organisation)/barriers/\(barrier)/actions/\(action)/done"
        case .barrierReviews(let organisation, let barrier): "/organisations/\(organisation)/barriers/\(barrier)/reviews"
        case .barrierEvidenceRemoval(let organisation, let barrier, let evidence):
            "/organisations/\(organisation)/barriers/\(barrier)/evidence/\(evidence)/remove"
        case .afterMeeting(let easy): "/plan/after-meeting" + (easy ? "?easy=1" : "")
        case .citizensVoice(let organisation): "/organisations/\(organisation)/citizens-voice"
        case .ownCitizensVoice: "/citizens-voice"
        case .dashboard(let organisation): "/organisations/\(organisation)/dashboard"
        case .dashboardCSV(let organisation, let quarter, let team):
            "/organisations/\(organisation)/dashboard.csv" + Self.query(["quarter=\(quarter)", team.map { "team=\($0)" }])
        case .research(let organisation): "/organisations/\(organisation)/research"
        case .endResearchProject(let organisation, let project): "/organisations/\(organisation)/research/projects/\(project)/end"
        case .researchExport(let organisation, let export): "/organisations/\(organisation)/research/exports/\(export)"
        case .ownResearch: "/research"
        case .requestResearchExport(let project): "/research/projects/\(project)/exports"
        case .researchTable(let export, let field): "/research/exports/\(export)/tables/\(field.rawValue)"
        }
    }

    private static func query(_ parts: [String?]) -> String {
        let given = parts.compactMap { $0 }
        return given.isEmpty ? "" : "?" + given.joined(separator: "&")
    }

    public var url: SafeURL {
        // Paths starting with "/" holding only UUIDs and our own words: always safe.
        SafeURL(path)!
    }
}
