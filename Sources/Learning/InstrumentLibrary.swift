import Fluent
import Foundation
import KanssaCore
import Synchronization

/// The instruments an organisation can use: Kanssa's own, and those it imported. A round keeps
/// the id and version it was opened under, and is always read with that version.
public enum InstrumentLibrary {
    public static let sourceLength = 200_000
    public static let licenceLength = 500

    /// The newest version of each instrument the organisations can use, by id. Kanssa's own come
    /// first: an import never takes one of their ids.
    public static func available(
        to organisationIDs: [UUID], bundled: [String: Instrument], on database: any Database
    ) async throws -> [String: Instrument] {
        var library = bundled
        let imports = try await ImportedInstrument.query(on: database).filter(\.$organisationID ~~ organisationIDs)
            .sort(\.$version).all()
        for imported in imports where bundled[imported.instrumentID] == nil {
            if let instrument = read(imported) { library[instrument.id] = instrument }
        }
        return library
    }

    /// The instrument a round was opened under: its id and version, from Kanssa's own or the
    /// round's organisation's imports.
    public static func instrument(
        of round: AssessmentRound, bundled: [String: Instrument], on database: any Database
    ) async throws -> Instrument? {
        if let own = bundled[round.instrumentID] { return own.version == round.instrumentVersion ? own : nil }
        guard let imported = try await ImportedInstrument.query(on: database).filter(\.$organisationID == round.organisationID)
            .filter(\.$instrumentID == round.instrumentID).filter(\.$version == round.instrumentVersion).first()
        else { return nil }
        return read(imported)
    }

    /// Imports as read, by their row: a row is never changed (a new version is a new row), so a
    /// file is parsed once per process, not on every page that lists or answers a questionnaire.
    private static let parsed = Mutex<[UUID: Instrument]>([:])

    /// The instrument an import holds; nil for a file that no longer reads.
    static func read(_ imported: ImportedInstrument) -> Instrument? {
        guard let id = imported.id else { return try? InstrumentFile.parse(imported.source).get() }
        if let known = parsed.withLock({ $0[id] }) { return known }
        guard let instrument = try? InstrumentFile.parse(imported.source).get() else { return nil }
        parsed.withLock { $0[id] = instrument }
        return instrument
    }

    public enum ImportProblem: Sendable, Equatable {
        /// The file's own problems, each with its line.
        case file([InstrumentFile.Problem])
        /// Kanssa ships an instrument with this id.
        case takenByKanssa(String)
        /// This organisation has this id and version already.
        case versionExists(id: String, version: Int)
        case licence
    }

    /// Reads a file an organisation imports, with the licence it holds; the instrument, or what
    /// is wrong.
    public static func check(
        source: String, licence: String, organisationID: UUID, bundled: [String: Instrument], on database: any Database
    ) async throws -> Result<Instrument, ProblemList<ImportProblem>> {
        var problems: [ImportProblem] = []
        let cleanLicence = TypedText.clean(licence, maxLength: licenceLength, multiline: true)
        if cleanLicence == nil { problems.append(.licence) }
        switch InstrumentFile.parse(source) {
        case .failure(let found):
            problems.insert(.file(found.problems), at: 0)
        case .success(let instrument):
            if bundled[instrument.id] != nil {
                problems.insert(.takenByKanssa(instrument.id), at: 0)
            } else if try await ImportedInstrument.query(on: database).filter(\.$organisationID == organisationID)
                .filter(\.$instrumentID == instrument.id).filter(\.$version == instrument.version).count() > 0
            {
                problems.insert(.versionExists(id: instrument.id, version: instrument.version), at: 0)
            }
            if problems.isEmpty { return .success(instrument) }
        }
        return .failure(ProblemList(problems))
    }

    /// An organisation's imports, newest first.
    public static func imports(of organisationID: UUID, on database: any Database) async throws -> [ImportedInstrument] {
        try await ImportedInstrument.query(on: database).filter(\.$organisationID == organisationID)
            .sort(\.$importedAt, .descending).all()
    }
}
