import Fluent
import KanssaCore

/// The Agenda module's migrations, in order. They run after the platform's.
public enum AgendaMigrations {
    public static let all: [any Migration] = [
        CreatePlans(),
        CreateGoals(),
        CreatePlanAuthorisations(),
        CreateStrengths(),
        CreatePlanNotes(),
        CreateCheckIns(),
        CreatePlanActions(),
        AddOwnerPresent(),
        AddAuthorisationOwnerPresent(),
        CreateLifeAreas(),
        CreateGoalTensions(),
        TrackPlanRevision(),
        AddGoalStatusChanged(),
        // Who is authorised on plans, for continuity on the coordinator's dashboard.
        FollowCounter("Agenda_A014_FollowEvidence", counter: Revisions.evidence, tables: [
            (PlanAuthorisation.schema, FollowCounter.everyChange),
        ]),
        TallyOpenActions(),
    ]
}
