import Fluent

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
    ]
}
