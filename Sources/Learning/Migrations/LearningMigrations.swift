import Fluent
import KanssaCore

/// The Learning module's migrations, in order. They run after the platform's.
public enum LearningMigrations {
    public static let all: [any Migration] = [
        CreateAssessmentRounds(),
        CreateAssessmentAnswers(),
        CreateActionLearningSets(),
        CreatePracticeLog(),
        CreateCoaching(),
        CreateLearningSessions(),
        CreateImportedInstruments(),
        // Rounds and practice, for the coordinator's dashboard.
        FollowCounter("Learning_L008_FollowEvidence", counter: Revisions.evidence, tables: [
            AssessmentRound.schema, AssessmentAnswer.schema, ImportedInstrument.schema, OrganisationTool.schema, PracticeEntry.schema,
        ].map { ($0, FollowCounter.everyChange) }),
    ]
}
