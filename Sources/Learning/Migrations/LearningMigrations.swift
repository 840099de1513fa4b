import Fluent

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
    ]
}
