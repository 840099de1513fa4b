import KanssaCore
import Plot

extension MemberDetail {
    struct View {
        let model: Model
        let chrome: Chrome

        func render() -> HTML {
            let t = chrome.t
            let organisation = model.organisationID
            let account = model.accountID
            return Layout.page(
                title: model.displayName, chrome: chrome, errors: model.errors, notices: model.notice.map { [$0] } ?? [],
                content: .div(
                    .p(.a(.link(SiteRoute.organisationAdmin(organisation).url), .txt(t(.backToAdmin, ["organisation": model.organisationName])))),
                    .p(.txt(t(.myLoginIs, ["login": model.login]))),
                    .if(model.isDisabled, .p(.class("tag"), .txt(t(.memberDisabled)))),
                    .if(!model.isDisabled, Components.postButton(
                        action: SiteRoute.passwordResets(organisation).url, csrfToken: chrome.csrfToken,
                        label: t(.passwordResetGiveTo, ["name": model.displayName]), hidden: [("login", model.login)])),
                    .form(
                        .class("stack narrow"), .method(.post),
                        .link(SiteRoute.memberRoles(organisation: organisation, account: account).url, as: "action"),
                        Components.csrfField(chrome.csrfToken),
                        Components.checkboxes(
                            name: "roles", legend: t(.memberRolesLegend),
                            options: Role.allCases.map {
                                .init(value: $0.rawValue, label: RoleText.name($0, t), isSelected: model.roles.contains($0))
                            },
                            error: model.errors.message(for: "roles")),
                        Components.submit(t(.saveRolesButton), style: .secondary)
                    ),
                    .if(!model.teams.isEmpty, .form(
                        .class("stack narrow"), .method(.post),
                        .link(SiteRoute.memberTeams(organisation: organisation, account: account).url, as: "action"),
                        Components.csrfField(chrome.csrfToken),
                        Components.checkboxes(
                            name: "teams", legend: t(.memberTeamsLegend),
                            options: model.teams.map { .init(value: $0.id.uuidString, label: $0.name, isSelected: $0.isMember) },
                            error: model.errors.message(for: "teams")),
                        Components.submit(t(.saveTeamsButton), style: .secondary)
                    )),
                    .section(
                        .h2(.txt(t(.disableHeading))),
                        .if(model.mayDisable, .p(.a(
                            .class("button button--danger"),
                            .link(SiteRoute.disableMember(organisation: organisation, account: account).url),
                            .txt(t(.disableLink))))),
                        .if(!model.mayDisable && !model.isDisabled, .p(.txt(t(.disableNotHere))))
                    )
                )
            )
        }
    }

    /// "Are you sure?" before an account is disabled.
    struct ConfirmDisableView {
        let model: Model
        let chrome: Chrome

        func render() -> HTML {
            let t = chrome.t
            return Layout.page(
                title: t(.disableConfirmTitle, ["name": model.displayName]), chrome: chrome,
                content: .div(
                    .p(.txt(t(.disableConfirmText))),
                    Components.postButton(
                        action: SiteRoute.disableMember(organisation: model.organisationID, account: model.accountID).url,
                        csrfToken: chrome.csrfToken, label: t(.disableConfirmButton), style: .danger),
                    .p(.a(.link(SiteRoute.member(organisation: model.organisationID, account: model.accountID).url), .txt(t(.cancel))))
                )
            )
        }
    }
}
