import Fluent

/// The Listening module's migrations, in order. They run after Encountering's.
public enum ListeningMigrations {
    public static let all: [any Migration] = [
        CreateConsultations(),
        CreateQuestions(),
        CreateAnswers(),
        CreateTranslations(),
        CreateModeration(),
        CreateCodebook(),
        CreateOutcomes(),
        AddContact(),
        CreateThemeSuggestions(),
        OneRunningSuggestion(),
        TrackConsultationRevision(),
    ]
}
