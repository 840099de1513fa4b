import Agenda
import KanssaCore
import Vapor

/// The fields of the form that notes two goals pulling against each other.
struct GoalTensionForm: Content {
    var tensionFirst: String?
    var tensionSecond: String?
    var tensionNote: String?

    var draft: GoalTensions.Draft {
        GoalTensions.Draft(
            first: String((tensionFirst ?? "").prefix(40)), second: String((tensionSecond ?? "").prefix(40)),
            note: String((tensionNote ?? "").prefix(GoalTensions.noteLength + 100)))
    }

    /// Reads and checks the form against the plan's goals and the tensions noted already.
    static func check(
        _ request: Request, planID: UUID, goals: [MyPlan.GoalLine]
    ) async throws -> (GoalTensions.Draft, Result<GoalTensions.Checked, ProblemList<GoalTensions.Problem>>) {
        let draft = try request.content.decode(GoalTensionForm.self).draft
        let known = try await GoalTensions.list(planID: planID, on: request.db)
        return (draft, GoalTensions.check(draft, goals: goals, known: known))
    }

    static func errors(_ problems: [GoalTensions.Problem], t: Localizer) -> [FieldError] {
        problems.map { problem in
            let message: MessageKey = switch problem {
            case .goals: .errorTensionGoals
            case .note: .errorTensionNote
            case .known: .errorTensionKnown
            }
            return FieldError(field: problem.rawValue, message: t(message))
        }
    }
}
