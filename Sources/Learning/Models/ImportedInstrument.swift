import Fluent
import Foundation

/// An instrument an organisation imported — one it holds a licence for — kept as the file it
/// imported, so that every answer stays readable under the version it was given under.
/// `@unchecked Sendable`: see ``AssessmentRound``.
public final class ImportedInstrument: Model, @unchecked Sendable {
    public static let schema = "imported_instruments"

    @ID(key: .id) public var id: UUID?
    @Field(key: "organisation_id") public var organisationID: UUID
    @Field(key: "instrument_id") public var instrumentID: String
    @Field(key: "version") public var version: Int
    /// The file as imported (YAML).
    @Field(key: "source") public var source: String
    /// Who holds the licence, and on what terms, in the importer's words.
    @Field(key: "licence") public var licence: String
    @Field(key: "imported_by_id") public var importedByID: UUID
    @Field(key: "imported_at") public var importedAt: Date

    public init() {}

    public init(organisationID: UUID, instrumentID: String, version: Int, source: String, licence: String, importedByID: UUID, at now: Date) {
        self.organisationID = organisationID
        self.instrumentID = instrumentID
        self.version = version
        self.source = source
        self.licence = licence
        self.importedByID = importedByID
        self.importedAt = now
    }
}
