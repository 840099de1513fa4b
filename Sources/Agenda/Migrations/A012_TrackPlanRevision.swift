import Fluent
import FluentSQL
import KanssaCore

/// A plan's revision, raised by the database itself whenever anything in the plan changes — a
/// goal, an action, a tension, an authorisation, a check-in, a note, a strength — by anyone,
/// through any code. What is built from a plan is kept until it moves (``WholePictureCache``).
/// The plan's own row is not counted: whoever reads the revision reads that row with it.
public struct TrackPlanRevision: AsyncMigration {
    public var name: String { "Agenda_A012_TrackPlanRevision" }
    public init() {}

    static let contents = ["goals", "plan_actions", "goal_tensions", "plan_authorisations", "check_ins", "plan_notes", "strengths"]

    public func prepare(on database: any Database) async throws {
        try await database.schema(Plan.schema).field("revision", .int64, .required, .sql(.default(0))).update()
        for table in Self.contents {
            try await Revisions.parent(Plan.schema, via: "plan_id", child: table, on: database)
        }
    }

    public func revert(on database: any Database) async throws {
        for table in Self.contents {
            try await Revisions.dropParent(Plan.schema, child: table, on: database)
        }
        try await database.schema(Plan.schema).deleteField("revision").update()
    }
}
