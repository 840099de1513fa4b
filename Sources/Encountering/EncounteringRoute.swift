import Foundation
import KanssaCore

/// The Encountering module's pages and form targets. Views build links only through this.
public enum EncounteringRoute: Sendable, Equatable {
    case home
    case panels(organisation: UUID)
    case credit(panel: UUID)
    case newModule(panel: UUID)
    case module(UUID)
    case sections(module: UUID)
    case section(module: UUID, section: UUID)
    case removeSection(module: UUID, section: UUID)
    case publish(module: UUID)
    case comments(module: UUID)
    case adapt(module: UUID, panel: UUID)
    case sessions(module: UUID)
    case session(UUID)
    case registration(session: UUID)
    case attendance(session: UUID)
    case recognition(session: UUID)
    case certificate(session: UUID)
    /// The public page where anyone checks a certificate's code.
    case checkCertificate
    case statement
    case feedback(session: UUID)
    case followUp(session: UUID)
    case reflection(session: UUID)
    case cancelSession(session: UUID)
    case walkIn(session: UUID)

    public var path: String {
        switch self {
        case .home: "/encountering"
        case .panels(let organisation): "/organisations/\(organisation)/panels"
        case .credit(let panel): "/encountering/panels/\(panel)/credit"
        case .newModule(let panel): "/encountering/panels/\(panel)/modules"
        case .module(let id): "/encountering/modules/\(id)"
        case .sections(let module): "/encountering/modules/\(module)/sections"
        case .section(let module, let section): "/encountering/modules/\(module)/sections/\(section)"
        case .removeSection(let module, let section): "/encountering/modules/\(module)/sections/\(section)/remove"
        case .publish(let module): "/encountering/modules/\(module)/publish"
        case .comments(let module): "/encountering/modules/\(module)/comments"
        case .adapt(let module, let panel): "/encountering/modules/\(module)/adaptations/\(panel)"
        case .sessions(let module): "/encountering/modules/\(module)/sessions"
        case .session(let id): "/encountering/sessions/\(id)"
        case .registration(let session): "/encountering/sessions/\(session)/registration"
        case .attendance(let session): "/encountering/sessions/\(session)/attendance"
        case .recognition(let session): "/encountering/sessions/\(session)/recognition"
        case .certificate(let session): "/encountering/sessions/\(session)/certificate"
        case .checkCertificate: "/certificates/check"
        case .statement: "/encountering/statement"
        case .feedback(let session): "/encountering/sessions/\(session)/feedback"
        case .followUp(let session): "/encountering/sessions/\(session)/follow-up"
        case .reflection(let session): "/encountering/sessions/\(session)/reflection"
        case .cancelSession(let session): "/encountering/sessions/\(session)/cancel"
        case .walkIn(let session): "/encountering/sessions/\(session)/walk-ins"
        }
    }

    public var url: SafeURL {
        // Paths starting with "/" holding only UUIDs: always safe.
        SafeURL(path)!
    }
}
