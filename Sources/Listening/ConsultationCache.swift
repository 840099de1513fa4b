import Fluent
import Foundation
import KanssaCore

/// What is built from a whole consultation — the public report, the figures, the agreement
/// between coders — kept per consultation while nothing it shows has changed.
///
/// Building one reads every coding (about 20,000 rows at the scale measured); a kept one costs
/// one query of two numbers: the consultation's revision (``TrackConsultationRevision``) and the
/// directory's, both raised by the database itself on every change, whoever made it and through
/// whichever server. Who may see a page is not part of it: the policy asks the database before
/// a page is looked for.
public final class ConsultationCache: Sendable {
    /// The pages built from a whole consultation.
    public enum Page: Sendable, Hashable {
        case publicReport
        case figures
        case agreement
    }

    /// A page's model as kept, with its body as rendered in each language it was asked in.
    public typealias Kept<Model: Sendable> = KanssaCore.Kept<Model>

    struct Key: Hashable {
        let consultation: UUID
        let page: Page
        /// The model's type: a kept page is only ever given back as what it was built as.
        let model: ObjectIdentifier
    }

    /// The two numbers a kept page is checked against.
    struct Stamp: Hashable, Sendable {
        let revision: Int64
        let directory: Int64
    }

    /// How often a page was found kept, and how often it had to be built.
    public typealias Statistics = CacheStatistics

    /// Each page's model as a ``Kept`` of its type; a crowd asking for a page that moved waits for
    /// one build rather than making one each.
    private let kept: StampedCache<Key, Stamp, any Sendable>

    public init(capacity: Int) {
        kept = StampedCache(capacity: capacity)
    }

    /// How many pages are kept at most; 0 keeps none.
    public var capacity: Int { kept.capacity }

    public var statistics: Statistics { kept.statistics }

    /// A consultation as a page names it.
    public enum Named: Sendable {
        case identified(UUID)
        /// Its public code, as the public pages name it.
        case publicCode(ConsultationCode)
    }

    /// What `build` makes of the consultation, from the cache while its revisions hold; nil when
    /// there is no such consultation.
    public func model<Model: Sendable>(
        _ page: Page, of consultation: Named, on database: any Database, build: @escaping @Sendable (UUID) async throws -> Model
    ) async throws -> Kept<Model>? {
        let row = switch consultation {
        case .identified(let id): try await database.firstRow(of: StampByID(consultationID: id))
        case .publicCode(let code): try await database.firstRow(of: StampByCode(code: code.value))
        }
        guard let row else { return nil }
        let stamp = Stamp(revision: row.revision, directory: row.directory)
        let key = Key(consultation: row.id, page: page, model: ObjectIdentifier(Model.self))
        let consultationID = row.id
        // Built at the revisions above or later: if anything changed meanwhile, the revision
        // moved on and the next request builds again.
        let model = try await kept.value(for: key, at: stamp) { Kept(try await build(consultationID)) }
        // Kept under a key that names its type, so the cast holds.
        guard let typed = model as? Kept<Model> else { preconditionFailure("a kept \(page) of another type") }
        return typed
    }

    struct Found: Decodable, Sendable {
        let id: UUID
        let revision: Int64
        let directory: Int64
    }

    struct StampByID: FrequentQuery {
        typealias Row = Found
        static let sql = """
            SELECT id, revision, (SELECT value FROM revisions WHERE name = 'directory') AS directory FROM consultations WHERE id = $1
            """
        let consultationID: UUID
        var parameters: [QueryParameter] { [.uuid(consultationID)] }
    }

    struct StampByCode: FrequentQuery {
        typealias Row = Found
        static let sql = """
            SELECT id, revision, (SELECT value FROM revisions WHERE name = 'directory') AS directory FROM consultations WHERE public_code = $1
            """
        let code: String
        var parameters: [QueryParameter] { [.text(code)] }
    }
}
