import Fluent
import Foundation

/// A section's earlier wording, kept when its panel changes it: what it said, who wrote that
/// wording and until when it stood. Goes with the section when the section is removed.
public final class SectionVersion: Model, @unchecked Sendable {
    public static let schema = "encounter_section_versions"

    @ID(key: .id) public var id: UUID?
    @Field(key: "section_id") public var sectionID: UUID
    @Field(key: "title") public var title: String
    @Field(key: "body") public var body: String
    @OptionalField(key: "instrument_id") public var instrumentID: String?
    @Field(key: "written_by_id") public var writtenByID: UUID
    @Field(key: "written_at") public var writtenAt: Date
    @Field(key: "replaced_at") public var replacedAt: Date

    public init() {}

    init(of section: ModuleSection, replacedAt: Date) throws {
        self.sectionID = try section.requireID()
        self.title = section.title
        self.body = section.body
        self.instrumentID = section.instrumentID
        self.writtenByID = section.changedByID ?? section.writtenByID
        self.writtenAt = section.changedAt ?? section.createdAt
        self.replacedAt = replacedAt
    }
}
