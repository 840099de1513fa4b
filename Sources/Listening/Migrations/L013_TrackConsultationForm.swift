import Fluent
import KanssaCore

/// A consultation's form revision: raised by the database whenever what its respondents meet
/// changes — the consultation itself, its questions, their translations — and not by answers,
/// which move its `revision` all day. The public pages keep the form until it moves
/// (``ConsultationCache/questionnaire(_:on:)``).
public struct TrackConsultationForm: AsyncMigration {
    public var name: String { "Listening_L013_TrackConsultationForm" }
    public init() {}

    static let column = "form_revision"
    static let children = [Question.schema, Translation.schema]

    public func prepare(on database: any Database) async throws {
        try await database.schema(Consultation.schema).field(.string(Self.column), .int64, .required, .sql(.default(0))).update()
        try await Revisions.own(Consultation.schema, column: Self.column, others: ["revision"], on: database)
        for child in Self.children {
            try await Revisions.parent(Consultation.schema, via: "consultation_id", child: child, column: Self.column, on: database)
        }
    }

    public func revert(on database: any Database) async throws {
        for child in Self.children {
            try await Revisions.dropParent(Consultation.schema, child: child, column: Self.column, on: database)
        }
        try await Revisions.dropOwn(Consultation.schema, column: Self.column, on: database)
        try await database.schema(Consultation.schema).deleteField(.string(Self.column)).update()
    }
}
