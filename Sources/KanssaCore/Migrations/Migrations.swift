import Fluent

/// The platform's migrations, in the order they run. Modules add theirs after these.
public enum CoreMigrations {
    public static let all: [any Migration] = [
        CreateOrganisations(),
        CreateTeams(),
        CreateAccounts(),
        CreateMemberships(),
        CreateTeamMembers(),
        CreateSessions(),
        CreateInvitations(),
        CreateAuditEntries(),
        CreateLoginFailures(),
        AddOrganisationLegalBases(),
        IndexAuditBySubjectAndEvent(),
        CreateDataRequests(),
        CreateRetentionRules(),
        AllowAuditErasure(),
        AddAccountSearchName(),
        AddAccountLastActive(),
        TrackDirectoryRevision(),
        NoticePrincipalChanges(),
        IndexLoginFailuresByTime(),
        AddAccountPreviousActive(),
        CreateLegalBasisExplanations(),
        CreatePasswordResets(),
        CreateOrganisationPages(),
        CreateNotices(),
        CreateTeamStints(),
        // Who is in which team when, and in which role, is part of who is who.
        FollowCounter("M026_FollowStaffInDirectory", counter: Revisions.directory, tables: [
            ("team_stints", FollowCounter.everyChange), ("memberships", FollowCounter.everyChange),
        ]),
    ]
}
