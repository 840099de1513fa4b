import Fluent
import KanssaCore
import SQLKit

/// Respondents and their answers; a consultation gains its public code and respondent groups.
/// Consultations made before get a code here, drawn as new ones are.
public struct CreateAnswers: AsyncMigration {
    public var name: String { "Listening_L003_CreateAnswers" }
    public init() {}

    public func prepare(on database: any Database) async throws {
        // One column at a time: SQLite adds no more in one statement.
        try await database.schema(Consultation.schema).field("public_code", .string).update()
        try await database.schema(Consultation.schema).field("groups", .string, .required, .sql(.default(""))).update()
        // Only the columns this migration knows: later ones add more to the model.
        var taken: Set<String> = []
        for consultation in try await Consultation.query(on: database).field(\.$id).all() {
            var code: ConsultationCode
            repeat {
                code = ConsultationCode.random { count in (0..<count).map { _ in UInt8.random(in: .min ... .max) } }
            } while !taken.insert(code.value).inserted
            try await Consultation.query(on: database).filter(\.$id == consultation.requireID()).set(\.$publicCode, to: code.value).update()
        }
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "consultations_public_code").unique().on(Consultation.schema).column("public_code").run()
        }

        try await database.schema(Respondent.schema)
            .id()
            .field("consultation_id", .uuid, .required, .references(Consultation.schema, "id"))
            .field("channel", .string, .required)
            .field("code_digest", .string)
            .field("language", .string, .required)
            .field("groups", .string, .required)
            .field("entered_by_id", .uuid, .references("accounts", "id"))
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "code_digest")
            .create()
        try await database.createIndex("consultation_respondents_consultation_id", on: Respondent.schema, columns: ["consultation_id", "created_at"])
        try await database.createIndex("consultation_respondents_entered_by_id", on: Respondent.schema, columns: ["entered_by_id"])

        try await database.schema(Answer.schema)
            .id()
            .field("respondent_id", .uuid, .required, .references(Respondent.schema, "id"))
            .field("question_id", .uuid, .required, .references(Question.schema, "id"))
            .field("choices", .string, .required)
            .field("scale", .int)
            .field("text", .string, .required)
            .field("consent_quote", .bool, .required)
            .field("consent_publish", .bool, .required)
            .field("consent_training", .bool, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "respondent_id", "question_id")
            .create()
        try await database.createIndex("consultation_answers_question_id", on: Answer.schema, columns: ["question_id"])
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(Answer.schema).delete()
        try await database.schema(Respondent.schema).delete()
        try await database.dropIndex("consultations_public_code")
        try await database.schema(Consultation.schema).deleteField("groups").update()
        try await database.schema(Consultation.schema).deleteField("public_code").update()
    }
}
