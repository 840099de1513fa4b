import Fluent
import KanssaCore

/// What listening led to: verdicts on assumptions with the codings they rest on, and decisions
/// with the verdicts behind them and their dated updates.
public struct CreateOutcomes: AsyncMigration {
    public var name: String { "Listening_L007_CreateOutcomes" }
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(Verdict.schema)
            .id()
            .field("assumption_id", .uuid, .required, .references(Assumption.schema, "id"))
            .field("kind", .string, .required)
            .field("reasoning", .string, .required)
            .field("given_by_id", .uuid, .required, .references("accounts", "id"))
            .field("given_at", .datetime, .required)
            .create()
        try await database.createIndex("consultation_verdicts_assumption_id", on: Verdict.schema, columns: ["assumption_id", "given_at"])
        try await database.createIndex("consultation_verdicts_given_by_id", on: Verdict.schema, columns: ["given_by_id"])
        try await database.schema(VerdictEvidence.schema)
            .id()
            .field("verdict_id", .uuid, .required, .references(Verdict.schema, "id"))
            .field("coding_id", .uuid, .required, .references(Coding.schema, "id"))
            .unique(on: "verdict_id", "coding_id")
            .create()
        try await database.createIndex("consultation_verdict_evidence_coding_id", on: VerdictEvidence.schema, columns: ["coding_id"])

        try await database.schema(Decision.schema)
            .id()
            .field("consultation_id", .uuid, .required, .references(Consultation.schema, "id"))
            .field("kind", .string, .required)
            .field("subject", .string, .required)
            .field("reason", .string, .required)
            .field("owner_id", .uuid, .required, .references("accounts", "id"))
            .field("due_on", .string, .required)
            .field("status", .string, .required)
            .field("created_by_id", .uuid, .required, .references("accounts", "id"))
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await database.createIndex("consultation_decisions_consultation_id", on: Decision.schema, columns: ["consultation_id", "created_at"])
        try await database.createIndex("consultation_decisions_kind", on: Decision.schema, columns: ["kind", "created_at"])
        try await database.createIndex("consultation_decisions_owner_id", on: Decision.schema, columns: ["owner_id"])
        try await database.createIndex("consultation_decisions_created_by_id", on: Decision.schema, columns: ["created_by_id"])
        try await database.schema(DecisionGround.schema)
            .id()
            .field("decision_id", .uuid, .required, .references(Decision.schema, "id"))
            .field("verdict_id", .uuid, .required, .references(Verdict.schema, "id"))
            .unique(on: "decision_id", "verdict_id")
            .create()
        try await database.createIndex("consultation_decision_grounds_verdict_id", on: DecisionGround.schema, columns: ["verdict_id"])
        try await database.schema(DecisionUpdate.schema)
            .id()
            .field("decision_id", .uuid, .required, .references(Decision.schema, "id"))
            .field("status", .string, .required)
            .field("note", .string, .required)
            .field("by_id", .uuid, .required, .references("accounts", "id"))
            .field("at", .datetime, .required)
            .create()
        try await database.createIndex("consultation_decision_updates_decision_id", on: DecisionUpdate.schema, columns: ["decision_id", "at"])
        try await database.createIndex("consultation_decision_updates_by_id", on: DecisionUpdate.schema, columns: ["by_id"])
    }

    public func revert(on database: any Database) async throws {
        for schema in [DecisionUpdate.schema, DecisionGround.schema, Decision.schema, VerdictEvidence.schema, Verdict.schema] {
            try await database.schema(schema).delete()
        }
    }
}
