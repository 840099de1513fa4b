import Foundation
import KanssaCore

/// Every page and form target of the site. Views build links only through this, so no view
/// hand-writes a URL, and `routes.swift` registers each of them.
enum SiteRoute: Sendable, Equatable {
    case home
    case signIn
    case signOut
    case redeemInvitation
    /// Kanssa's own accessibility statement, privacy notice or help, for anyone.
    case about(AboutPage)
    /// An organisation's, for anyone; and where its administrator writes it.
    case organisationAbout(UUID, AboutPage)
    case editAbout(UUID, AboutPage)
    /// Where a person with a code from their organisation sets a new password.
    case resetPassword
    case mailPasswordLink
    /// Where staff give someone of their organisation such a code.
    case passwordResets(UUID)
    case language
    case myInformation(page: Int? = nil)
    case notices(page: Int? = nil)
    case noticeSettings
    case outbox
    case export
    case printableExport
    case myPassword
    case myData
    case restriction
    case liftRestriction
    case erasure
    case withdrawErasure
    case retention(UUID)
    case lifeAreaSettings(UUID)
    case sharingReasons(UUID)
    case organisationAdmin(UUID, page: Int? = nil, search: String = "")
    case teams(UUID)
    case member(organisation: UUID, account: UUID)
    case memberRoles(organisation: UUID, account: UUID)
    case memberTeams(organisation: UUID, account: UUID)
    case disableMember(organisation: UUID, account: UUID)
    case newInvitation(UUID)
    case invitations(UUID)
    case stylesheet
    case health
    case readiness
    case metrics

    var path: String {
        switch self {
        case .home: "/"
        case .signIn: "/sign-in"
        case .signOut: "/sign-out"
        case .redeemInvitation: "/join"
        case .about(let kind): "/about/\(kind.rawValue)"
        case .organisationAbout(let id, let kind): "/organisations/\(id)/about/\(kind.rawValue)"
        case .editAbout(let id, let kind): "/organisations/\(id)/about/\(kind.rawValue)/edit"
        case .resetPassword: "/password/reset"
        case .mailPasswordLink: "/password/mail"
        case .passwordResets(let id): "/organisations/\(id)/password-resets"
        case .language: "/language"
        case .myInformation(let page): "/me" + Self.query(page: page)
        case .notices(let page): "/notices" + Self.query(page: page)
        case .noticeSettings: "/me/notices"
        case .outbox: "/outbox"
        case .export: "/me/export.json"
        case .printableExport: "/me/export"
        case .myPassword: "/me/password"
        case .myData: "/me/data"
        case .restriction: "/me/data/restriction"
        case .liftRestriction: "/me/data/restriction/lift"
        case .erasure: "/me/data/erasure"
        case .withdrawErasure: "/me/data/erasure/withdraw"
        case .retention(let id): "/organisations/\(id)/retention"
        case .lifeAreaSettings(let id): "/organisations/\(id)/life-areas"
        case .sharingReasons(let id): "/organisations/\(id)/sharing-reasons"
        case .organisationAdmin(let id, let page, let search):
            "/organisations/\(id)/admin" + Self.query(page: page, search: search)
        case .teams(let id): "/organisations/\(id)/teams"
        case .member(let organisation, let account): "/organisations/\(organisation)/members/\(account)"
        case .memberRoles(let organisation, let account): "/organisations/\(organisation)/members/\(account)/roles"
        case .memberTeams(let organisation, let account): "/organisations/\(organisation)/members/\(account)/teams"
        case .disableMember(let organisation, let account): "/organisations/\(organisation)/members/\(account)/disable"
        case .newInvitation(let id): "/organisations/\(id)/invitations/new"
        case .invitations(let id): "/organisations/\(id)/invitations"
        case .stylesheet: "/static/kanssa.css"
        case .health: "/healthz"
        case .readiness: "/readyz"
        case .metrics: "/metrics"
        }
    }

    var url: SafeURL {
        // Every path above starts with "/" and holds only UUIDs, numbers and percent-encoded text.
        SafeURL(path)!
    }

    private static func query(page: Int?, search: String = "") -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        var pairs: [String] = []
        if !search.isEmpty { pairs.append("q=" + (search.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")) }
        if let page, page > 1 { pairs.append("page=\(page)") }
        return pairs.isEmpty ? "" : "?" + pairs.joined(separator: "&")
    }
}
