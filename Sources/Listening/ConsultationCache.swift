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

    /// Each consultation's form as its respondents meet it, by consultation.
    private let forms: StampedCache<UUID, Int64, Questionnaire>

    public init(capacity: Int) {
        kept = StampedCache(capacity: capacity)
        forms = StampedCache(capacity: capacity)
    }

    /// How many pages are kept at most; 0 keeps none.
    public var capacity: Int { kept.capacity }

    public var statistics: Statistics { kept.statistics }

    /// How often a consultation's form was found kept, and how often it had to be read.
    public var formStatistics: Statistics { forms.statistics }

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

    /// A consultation as its respondents meet it — its state and texts, its questions, their
    /// wording in each language it is asked in — by its public code, from the cache while its
    /// form revision holds (``TrackConsultationForm``: answers do not move it). nil when there is
    /// no such consultation. One query of one number when kept.
    public func questionnaire(_ code: ConsultationCode, on database: any Database) async throws -> Questionnaire? {
        guard let row = try await database.firstRow(of: FormStampByCode(code: code.value)) else { return nil }
        let consultationID = row.id
        return try await forms.value(for: consultationID, at: row.formRevision) {
            guard let consultation = try await Consultation.find(consultationID, on: database) else { throw ListeningError.notFound }
            let questions = try await Questions.list(of: consultationID, on: database)
            var wordings: [String: Translations.Wording] = [:]
            for language in consultation.languageList {
                wordings[language] = try await Translations.wording(of: consultation, in: language, on: database)
            }
            return Questionnaire(consultation: consultation, questions: questions, wordings: wordings)
        }
    }

    struct FormStamp: Decodable, Sendable {
        let id: UUID
        let formRevision: Int64

        enum CodingKeys: String, CodingKey {
            case id, formRevision = "form_revision"
        }
    }

    struct FormStampByCode: FrequentQuery {
        typealias Row = FormStamp
        static let sql = "SELECT id, form_revision FROM consultations WHERE public_code = $1"
        let code: String
        var parameters: [QueryParameter] { [.text(code)] }
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

/// A consultation as its respondents meet it, kept by ``ConsultationCache`` and shared by every
/// request that finds it: nothing may change it once built.
public struct Questionnaire: Sendable {
    /// Read only: a change is made on a consultation read for that purpose, and moves the form.
    public let consultation: Consultation
    public let questions: [Questions.Line]
    /// Its texts in each language it is asked in.
    public let wordings: [String: Translations.Wording]

    /// Its texts in `language`; in the language it is written in when that is not one it is asked in.
    public func wording(in language: String) -> Translations.Wording {
        wordings[language] ?? Translations.Wording(language: consultation.sourceLanguage, source: consultation.sourceLanguage)
    }
}
