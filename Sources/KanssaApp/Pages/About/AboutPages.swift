import Agenda
import Fluent
import Foundation
import KanssaCore
import Plot

enum AboutWords {
    static func link(_ kind: AboutPage, _ t: Localizer) -> String {
        switch kind {
        case .accessibility: t(.aboutAccessibilityLink)
        case .privacy: t(.aboutPrivacyLink)
        case .help: t(.aboutHelpLink)
        }
    }

    static func title(_ kind: AboutPage, _ t: Localizer) -> String {
        switch kind {
        case .accessibility: t(.aboutAccessibilityTitle)
        case .privacy: t(.aboutPrivacyTitle)
        case .help: t(.aboutHelpTitle)
        }
    }
}

/// The accessibility statement, privacy notice and help page: an organisation's own words where
/// it wrote them, else Kanssa's default — for privacy, drawn from the organisation's settings
/// (its legal bases and their explanations, its retention rules).
enum AboutPages {
    struct Facts: Equatable {
        struct Basis: Equatable {
            let basis: LegalBasis
            let explanation: String?
        }

        struct Kept: Equatable {
            let kind: RecordKind
            let months: Int
            let reason: String
        }

        let organisationID: UUID
        let organisationName: String
        let bases: [Basis]
        let retention: [Kept]
    }

    struct Model: Equatable {
        let kind: AboutPage
        /// Nil on Kanssa's own pages.
        let facts: Facts?
        /// The organisation's own text; nil where it wrote none.
        let ownText: String?
        let ownTextUpdatedAt: Date?
        let mayEdit: Bool
        /// The welcome of someone who has just joined the organisation.
        var joined: Notice? = nil
    }

    /// Three queries for an organisation's page (four for privacy); none for Kanssa's own.
    static func load(
        _ kind: AboutPage, organisation: Organisation?, viewer: Principal?, on database: any Database
    ) async throws -> Model {
        guard let organisation, let id = organisation.id else {
            return Model(kind: kind, facts: nil, ownText: nil, ownTextUpdatedAt: nil, mayEdit: false)
        }
        let own = try await OrganisationPage.query(on: database).filter(\.$organisationID == id).filter(\.$kind == kind).first()
        let explanations = try await LegalBasisExplanation.of([id], on: database)[id] ?? [:]
        let rules = kind == .privacy
            ? try await RetentionRule.query(on: database).filter(\.$organisation.$id == id).all() : []
        return Model(
            kind: kind,
            facts: Facts(
                organisationID: id, organisationName: organisation.name,
                bases: LegalBasis.list(organisation.legalBases).map { .init(basis: $0, explanation: explanations[$0]) },
                retention: rules.sorted { $0.recordKind.rawValue < $1.recordKind.rawValue }
                    .map { .init(kind: $0.recordKind, months: $0.keepMonths, reason: $0.reason) }),
            ownText: own?.text, ownTextUpdatedAt: own?.updatedAt,
            mayEdit: Policy.decide(.administerOrganisation(id), for: viewer).isAllowed)
    }

    struct View {
        let model: Model
        let chrome: Chrome

        func render() -> HTML {
            let t = chrome.t
            let title = model.facts.map { t(.aboutTitleOf, ["title": AboutWords.title(model.kind, t), "organisation": $0.organisationName]) }
                ?? AboutWords.title(model.kind, t)
            return Layout.page(
                title: title, chrome: chrome, notices: model.joined.map { [$0] } ?? [],
                content: .div(
                    .unwrap(model.ownText) { text in
                        .group(
                            .forEach(text.components(separatedBy: "\n\n")) { .p(.class("own-words"), .txt($0)) },
                            .unwrap(model.ownTextUpdatedAt) { .p(.class("field__hint"), .txt(t(.aboutUpdatedOn, ["date": t.date($0)]))) }
                        )
                    },
                    .if(model.ownText == nil, defaultText),
                    .if(model.joined != nil, .p(.class("screen-only"), .a(.class("button button--primary"), .link(SiteRoute.home.url), .txt(t(.joinedContinue))))),
                    .if(model.mayEdit, .p(.class("screen-only"), .unwrap(model.facts) { facts in
                        .a(.link(SiteRoute.editAbout(facts.organisationID, model.kind).url), .txt(t(.aboutEdit)))
                    }))
                )
            )
        }

        private var defaultText: Node<HTML.BodyContext> {
            let t = chrome.t
            let who = model.facts?.organisationName
            switch model.kind {
            case .accessibility:
                return .group(
                    .h2(.txt(t(.aboutAccessibilityHowHeading))),
                    .p(.txt(who.map { t(.aboutAccessibilityHowOf, ["organisation": $0]) } ?? t(.aboutAccessibilityHow))),
                    .p(.txt(t(.aboutAccessibilityChecked))),
                    .h2(.txt(t(.aboutAccessibilityNotYetHeading))),
                    .ul(.li(.txt(t(.aboutAccessibilityNotYetLanguages))), .li(.txt(t(.aboutAccessibilityNotYetOwnWords))),
                        .li(.txt(t(.aboutAccessibilityNotYetTables)))),
                    .h2(.txt(t(.aboutAccessibilityReportHeading))),
                    .p(.txt(who.map { t(.aboutAccessibilityReportTo, ["organisation": $0]) } ?? t(.aboutAccessibilityReport))),
                    .h2(.txt(t(.aboutAccessibilityEnforcementHeading))),
                    .p(.txt(t(.aboutAccessibilityEnforcement)))
                )
            case .privacy:
                return .group(
                    .h2(.txt(t(.aboutPrivacyWhoHeading))),
                    .p(.txt(who.map { t(.aboutPrivacyWhoOf, ["organisation": $0]) } ?? t(.aboutPrivacyWho))),
                    .h2(.txt(t(.aboutPrivacyWhatForHeading))),
                    .ul(.li(.txt(t(.aboutPrivacyForOwnPlan))), .li(.txt(t(.aboutPrivacyForCaseWork))), .li(.txt(t(.aboutPrivacyForLearning))),
                        .li(.txt(t(.aboutPrivacyForNotices))), .li(.txt(t(.aboutPrivacyForSecurity))), .li(.txt(t(.aboutPrivacyForRequests)))),
                    .unwrap(model.facts) { facts in
                        .group(
                            .h2(.txt(t(.aboutPrivacyBasesHeading))),
                            .ul(.forEach(facts.bases) { line in
                                .li(.strong(.txt(AgendaWords.legalBasis(line.basis, t))),
                                    .txt(": " + (line.explanation ?? AgendaWords.legalBasisMeaning(line.basis, t))))
                            }),
                            .h2(.txt(t(.aboutPrivacyKeptHeading))),
                            .p(.txt(t(.aboutPrivacyOwnWordsGo))),
                            .if(facts.retention.isEmpty, .p(.txt(t(.aboutPrivacyKeptNone)))),
                            .if(!facts.retention.isEmpty, .ul(.forEach(facts.retention) { rule in
                                .li(.txt(rule.kind == .unusedAccounts
                                    ? t(.aboutPrivacyUnused, ["reason": rule.reason], counts: ["months": rule.months])
                                    : t(.aboutPrivacyKeptLine, ["kind": Retention.View.kindName(rule.kind, t), "reason": rule.reason],
                                        counts: ["months": rule.months])))
                            }))
                        )
                    },
                    .h2(.txt(t(.aboutPrivacyRightsHeading))),
                    .p(.txt(t(.aboutPrivacyRights))),
                    .p(.a(.link(SiteRoute.myInformation().url), .txt(t(.aboutPrivacyRightsLink)))),
                    .h2(.txt(t(.aboutPrivacyComplainHeading))),
                    .p(.txt(t(.aboutPrivacyComplain)))
                )
            case .help:
                return .group(
                    .h2(.txt(t(.aboutHelpWhoHeading))),
                    .p(.txt(who.map { t(.aboutHelpWhoOf, ["organisation": $0]) } ?? t(.aboutHelpWho))),
                    .h2(.txt(t(.aboutHelpPasswordHeading))),
                    .p(.a(.link(SiteRoute.resetPassword.url), .txt(t(.aboutHelpPassword)))),
                    .h2(.txt(t(.aboutHelpErrorHeading))),
                    .p(.txt(t(.aboutHelpError)))
                )
            }
        }
    }
}
