import Fluent
import KanssaCore

/// A consultation's revision, raised by the database itself whenever anything its pages are
/// built from changes — the consultation, its questions and translations, respondents and their
/// answers (moderation and consents are columns of the answer), the codebook and codings, the
/// ledger, verdicts and decisions — by anyone, through any code. What is built from them (the
/// public report, the figures, the agreement between coders) is kept until it moves
/// (``ConsultationCache``).
public struct TrackConsultationRevision: AsyncMigration {
    public var name: String { "Listening_L011_TrackConsultationRevision" }
    public init() {}

    /// Each table whose rows raise the revision: the key by which they refer, and the rows between.
    static let contents: [(table: String, key: String, through: [Revisions.Hop])] = [
        (Question.schema, "consultation_id", []),
        (Translation.schema, "consultation_id", []),
        (Respondent.schema, "consultation_id", []),
        (Answer.schema, "respondent_id", [Revisions.Hop(Respondent.schema, "consultation_id")]),
        (Theme.schema, "consultation_id", []),
        (Coding.schema, "answer_id", [Revisions.Hop(Answer.schema, "respondent_id"), Revisions.Hop(Respondent.schema, "consultation_id")]),
        (Assumption.schema, "consultation_id", []),
        (Verdict.schema, "assumption_id", [Revisions.Hop(Assumption.schema, "consultation_id")]),
        (VerdictEvidence.schema, "verdict_id", [Revisions.Hop(Verdict.schema, "assumption_id"), Revisions.Hop(Assumption.schema, "consultation_id")]),
        (Decision.schema, "consultation_id", []),
        (DecisionGround.schema, "decision_id", [Revisions.Hop(Decision.schema, "consultation_id")]),
        (DecisionUpdate.schema, "decision_id", [Revisions.Hop(Decision.schema, "consultation_id")]),
    ]

    public func prepare(on database: any Database) async throws {
        try await database.schema(Consultation.schema).field("revision", .int64, .required, .sql(.default(0))).update()
        try await Revisions.own(Consultation.schema, on: database)
        for content in Self.contents {
            try await Revisions.parent(Consultation.schema, via: content.key, through: content.through, child: content.table, on: database)
        }
    }

    public func revert(on database: any Database) async throws {
        for content in Self.contents {
            try await Revisions.dropParent(Consultation.schema, child: content.table, on: database)
        }
        try await Revisions.dropOwn(Consultation.schema, on: database)
        try await database.schema(Consultation.schema).deleteField("revision").update()
    }
}
