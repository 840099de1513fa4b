import Fluent
import KanssaCore

/// The Encountering module's migrations, in order. They run after Learning's.
public enum EncounteringMigrations {
    public static let all: [any Migration] = [
        CreatePanelsAndModules(),
        AddAdaptations(),
        CreateEncounterSessions(),
        CreateEncounterFeedback(),
        AddSessionCancellation(),
        CreateCertificates(),
        KeepSectionVersions(),
        // Training's reach and follow-ups, for the coordinator's dashboard.
        FollowCounter("Encountering_E008_FollowEvidence", counter: Revisions.evidence, tables: [
            EncounterSession.schema, EncounterRegistration.schema, SessionFollowUp.schema, TrainingModule.schema,
        ].map { ($0, FollowCounter.everyChange) }),
    ]
}
