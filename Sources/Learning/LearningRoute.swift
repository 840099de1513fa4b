import Foundation
import KanssaCore

/// The Learning module's pages and form targets. Views build links only through this.
public enum LearningRoute: Sendable, Equatable {
    case myRounds
    case round(UUID)
    /// One question per screen, at question `step` (from 1).
    case roundStep(UUID, step: Int)
    case rounds(organisation: UUID)
    case figures(organisation: UUID, round: UUID, compare: UUID? = nil)
    /// A coordinator's sets: attendance and counts, and setting one up.
    case sets(organisation: UUID)
    case set(UUID)
    case setMembers(organisation: UUID, set: UUID)
    case meetings(set: UUID)
    case meeting(set: UUID, meeting: UUID)
    case attendance(set: UUID, meeting: UUID)
    case challenges(set: UUID, meeting: UUID)
    case questions(set: UUID, challenge: UUID)
    case commitments(set: UUID, challenge: UUID)
    case report(set: UUID, meeting: UUID, commitment: UUID)
    case myPractice(page: Int? = nil)
    case practice(organisation: UUID)
    case practiceTools(organisation: UUID)
    case coachings
    case coaching(UUID)
    case coachingSessions(UUID)
    case coachingEnd(UUID)
    case coachingReading(UUID)
    case sessions(organisation: UUID)
    case instruments(organisation: UUID)
    case session(UUID)
    case sessionRegistration(UUID)
    case sessionAttendance(UUID)
    case sessionFeedback(UUID)

    public var path: String {
        switch self {
        case .myRounds: "/learning"
        case .round(let id): "/learning/rounds/\(id)"
        case .roundStep(let id, let step): "/learning/rounds/\(id)?step=\(step)"
        case .rounds(let organisation): "/organisations/\(organisation)/rounds"
        case .figures(let organisation, let round, let compare):
            "/organisations/\(organisation)/rounds/\(round)/figures" + (compare.map { "?compare=\($0)" } ?? "")
        case .sets(let organisation): "/organisations/\(organisation)/sets"
        case .set(let id): "/learning/sets/\(id)"
        case .setMembers(let organisation, let set): "/organisations/\(organisation)/sets/\(set)/members"
        case .meetings(let set): "/learning/sets/\(set)/meetings"
        case .meeting(let set, let meeting): "/learning/sets/\(set)/meetings/\(meeting)"
        case .attendance(let set, let meeting): "/learning/sets/\(set)/meetings/\(meeting)/attendance"
        case .challenges(let set, let meeting): "/learning/sets/\(set)/meetings/\(meeting)/challenges"
        case .questions(let set, let challenge): "/learning/sets/\(set)/challenges/\(challenge)/questions"
        case .commitments(let set, let challenge): "/learning/sets/\(set)/challenges/\(challenge)/commitments"
        case .report(let set, let meeting, let commitment): "/learning/sets/\(set)/meetings/\(meeting)/reports/\(commitment)"
        case .myPractice(let page): "/learning/practice" + (page.map { "?page=\($0)" } ?? "")
        case .practice(let organisation): "/organisations/\(organisation)/practice"
        case .practiceTools(let organisation): "/organisations/\(organisation)/practice/tools"
        case .coachings: "/learning/coaching"
        case .coaching(let id): "/learning/coaching/\(id)"
        case .coachingSessions(let id): "/learning/coaching/\(id)/sessions"
        case .coachingEnd(let id): "/learning/coaching/\(id)/end"
        case .coachingReading(let id): "/learning/coaching/\(id)/reading"
        case .sessions(let organisation): "/organisations/\(organisation)/sessions"
        case .instruments(let organisation): "/organisations/\(organisation)/instruments"
        case .session(let id): "/learning/sessions/\(id)"
        case .sessionRegistration(let id): "/learning/sessions/\(id)/registration"
        case .sessionAttendance(let id): "/learning/sessions/\(id)/attendance"
        case .sessionFeedback(let id): "/learning/sessions/\(id)/feedback"
        }
    }

    public var url: SafeURL {
        // Paths starting with "/" holding only UUIDs: always safe.
        SafeURL(path)!
    }
}
