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
    case removeSection(module: UUID, section: UUID)
    case publish(module: UUID)
    case comments(module: UUID)
    case adapt(module: UUID, panel: UUID)

    public var path: String {
        switch self {
        case .home: "/encountering"
        case .panels(let organisation): "/organisations/\(organisation)/panels"
        case .credit(let panel): "/encountering/panels/\(panel)/credit"
        case .newModule(let panel): "/encountering/panels/\(panel)/modules"
        case .module(let id): "/encountering/modules/\(id)"
        case .sections(let module): "/encountering/modules/\(module)/sections"
        case .removeSection(let module, let section): "/encountering/modules/\(module)/sections/\(section)/remove"
        case .publish(let module): "/encountering/modules/\(module)/publish"
        case .comments(let module): "/encountering/modules/\(module)/comments"
        case .adapt(let module, let panel): "/encountering/modules/\(module)/adaptations/\(panel)"
        }
    }

    public var url: SafeURL {
        // Paths starting with "/" holding only UUIDs: always safe.
        SafeURL(path)!
    }
}
