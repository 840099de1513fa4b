import Fluent
import KanssaCore

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
        // What listening led to, for the coordinator's dashboard; not the answers, which come
        // in from the public and would raise it all day. A consultation's own rows change with
        // every answer (its revision), so only its coming and going is followed.
        FollowCounter("Listening_L012_FollowEvidence", counter: Revisions.evidence, tables: [
            (Consultation.schema, [.insert, .delete]), (Decision.schema, FollowCounter.everyChange),
            (Assumption.schema, FollowCounter.everyChange), (Verdict.schema, FollowCounter.everyChange),
        ]),
        TrackConsultationForm(),
        TouchRespondentOnAnswer(),
    ]
}
