import Agenda
import Encountering
import KanssaCore
import Learning
import Plot
import Vapor

extension Request {
    /// The layout's view of this request.
    func chrome(current: SiteRoute? = nil) -> Chrome {
        let t = localizer
        let currentPath = url.path
        var navigation: [Chrome.NavigationLink] = []
        if let principal {
            navigation.append(.init(label: t(.navHome), url: SiteRoute.home.url, isCurrent: current == .home))
            for organisationID in principal.organisationIDs
            where Policy.decide(.administerOrganisation(organisationID), for: principal).isAllowed {
                let route = SiteRoute.organisationAdmin(organisationID)
                let name = principal.memberships.first { $0.organisationID == organisationID }?.organisationName ?? ""
                navigation.append(.init(
                    label: t(.navAdminister, ["organisation": name]), url: route.url, isCurrent: current == route))
            }
            if Policy.decide(.useOwnPlan, for: principal).isAllowed {
                navigation.append(.init(
                    label: t(.navMyPlan), url: AgendaRoute.myPlan.url, isCurrent: currentPath == AgendaRoute.myPlan.path))
            }
            if Policy.decide(.useCaseload, for: principal).isAllowed {
                navigation.append(.init(
                    label: t(.navCaseload), url: AgendaRoute.caseload().url, isCurrent: currentPath == AgendaRoute.caseload().path))
            }
            if Policy.decide(.useLearning, for: principal).isAllowed {
                navigation.append(.init(
                    label: t(.navMyLearning), url: LearningRoute.myRounds.url, isCurrent: currentPath.hasPrefix(LearningRoute.myRounds.path)))
            }
            if Policy.decide(.useEncountering, for: principal).isAllowed {
                navigation.append(.init(
                    label: t(.navEncountering), url: EncounteringRoute.home.url, isCurrent: currentPath.hasPrefix(EncounteringRoute.home.path)))
            }
            navigation.append(.init(
                label: t(.navMyInformation), url: SiteRoute.myInformation().url,
                isCurrent: current == .myInformation()))
        }
        return Chrome(
            t: t,
            csrfToken: csrfToken,
            signedInName: principal?.displayName,
            home: SiteRoute.home.url,
            navigation: navigation,
            signOut: SiteRoute.signOut.url,
            languageSwitch: SiteRoute.language.url,
            languages: platform.catalogs.languageNames.map { .init(code: $0.code, name: $0.name) },
            returnPath: url.path,
            stylesheet: SiteRoute.stylesheet.url,
            printStamp: principal.map { principal in
                let organisations = principal.memberships.map(\.organisationName)
                return t(.printStamp, ["organisations": t.list(Array(Set(organisations)).sorted()), "date": t.dateTime(now)])
            },
            footerLinks: AboutPage.allCases.map { kind in
                let route = aboutRoute(kind)
                return .init(label: AboutWords.link(kind, t), url: route.url, isCurrent: currentPath == route.path)
            },
            helpLink: aboutRoute(.help).url,
            notices: principal.map { _ in
                .init(url: SiteRoute.notices().url, unread: state.unreadNotices ?? 0, isCurrent: currentPath == SiteRoute.notices().path)
            }
        )
    }

    /// A member reads their organisation's own about pages; anyone else, Kanssa's.
    private func aboutRoute(_ kind: AboutPage) -> SiteRoute {
        let organisation = principal?.memberships.min { $0.organisationName < $1.organisationName }?.organisationID
        return organisation.map { SiteRoute.organisationAbout($0, kind) } ?? SiteRoute.about(kind)
    }
}

extension HTML {
    /// An HTML response with the given status.
    func response(status: HTTPResponseStatus = .ok) -> Response {
        Self.response(ByteBuffer(string: render()), status: status)
    }

    /// An HTML response of a page rendered before.
    static func response(_ page: ByteBuffer, status: HTTPResponseStatus = .ok) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .html
        return Response(status: status, headers: headers, body: .init(buffer: page))
    }
}
