import Fluent

/// The Evaluation module's migrations, in order. They run after Listening's.
public enum EvaluationMigrations {
    public static let all: [any Migration] = [
        CreatePulses(),
        CreateBarriers(),
        CreateMeetingFeedback(),
        CreateResearch(),
        CreatePulseTallies(),
    ]
}
