import Fluent
import KanssaCore

/// The Evaluation module's migrations, in order. They run after Listening's.
public enum EvaluationMigrations {
    public static let all: [any Migration] = [
        CreatePulses(),
        CreateBarriers(),
        CreateMeetingFeedback(),
        CreateResearch(),
        CreatePulseTallies(),
        // Pulses, barriers and citizens' feedback, for the coordinator's dashboard.
        FollowCounter("Evaluation_V006_FollowEvidence", counter: Revisions.evidence, tables: [
            PulseSchedule.schema, PulseTeam.schema, PulseTally.schema, Barrier.schema, BarrierReview.schema, MeetingFeedback.schema,
        ].map { ($0, FollowCounter.everyChange) }),
        EndResearchProjectsEarly(),
    ]
}
