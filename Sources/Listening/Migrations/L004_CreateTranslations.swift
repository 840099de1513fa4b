import Fluent
import KanssaCore
import SQLKit

/// The languages a consultation asks in — the first the one it is written in — and its texts in
/// the others. Consultations made before are asked in their organisation's language.
public struct CreateTranslations: AsyncMigration {
    public var name: String { "Listening_L004_CreateTranslations" }
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(Consultation.schema).field("languages", .string, .required, .sql(.default("en"))).update()
        // Only the columns this migration knows: later ones add more to the model.
        for consultation in try await Consultation.query(on: database).field(\.$id).field(\.$organisationID).all() {
            if let organisation = try await Organisation.find(consultation.organisationID, on: database) {
                try await Consultation.query(on: database).filter(\.$id == consultation.requireID())
                    .set(\.$languages, to: organisation.defaultLanguage).update()
            }
        }
        try await database.schema(Translation.schema)
            .id()
            .field("consultation_id", .uuid, .required, .references(Consultation.schema, "id"))
            .field("subject_id", .uuid, .required)
            .field("field", .string, .required)
            .field("language", .string, .required)
            .field("text", .string, .required)
            .field("updated_by_id", .uuid, .required, .references("accounts", "id"))
            .field("updated_at", .datetime, .required)
            .unique(on: "subject_id", "field", "language")
            .create()
        try await database.createIndex("consultation_translations_consultation_id", on: Translation.schema, columns: ["consultation_id", "language"])
        try await database.createIndex("consultation_translations_updated_by_id", on: Translation.schema, columns: ["updated_by_id"])
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(Translation.schema).delete()
        try await database.schema(Consultation.schema).deleteField("languages").update()
    }
}
