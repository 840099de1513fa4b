import Fluent
import KanssaCore

/// Running sums of pulse scores, filled from the answers already given.
public struct CreatePulseTallies: AsyncMigration {
    public var name: String { "Evaluation_V005_CreatePulseTallies" }
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(PulseTally.schema)
            .id()
            .field("schedule_id", .uuid, .required, .references(PulseSchedule.schema, "id"))
            .field("period", .int, .required)
            .field("team_id", .uuid, .required, .references(Team.schema, "id"))
            .field("condition", .string, .required)
            .field("answers", .int, .required)
            .field("scored", .int, .required)
            .field("total", .double, .required)
            .field("squares", .double, .required)
            .unique(on: "schedule_id", "period", "team_id", "condition")
            .create()
        // Pulses are asked with Kanssa's own questionnaire only.
        let instruments = try Instruments.bundled()
        for schedule in try await PulseSchedule.query(on: database).all() {
            guard let instrument = instruments[schedule.instrumentID], instrument.version == schedule.instrumentVersion else { continue }
            try await PulseTallies.rebuild(schedule, instrument: instrument, on: database)
        }
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(PulseTally.schema).delete()
    }
}
