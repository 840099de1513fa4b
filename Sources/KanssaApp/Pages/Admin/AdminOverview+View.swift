import KanssaCore
import Plot

extension AdminOverview {
    struct View {
        let model: Model
        let chrome: Chrome

        func render() -> HTML {
            let t = chrome.t
            let organisation = model.organisationID
            return Layout.page(
                title: t(.adminTitle, ["organisation": model.organisationName]), chrome: chrome, errors: model.errors,
                notices: model.notice.map { [$0] } ?? [],
                content: .div(
                    .p(.a(.class("button button--primary"), .link(SiteRoute.newInvitation(organisation).url), .txt(t(.homeInvite)))),
                    .ul(
                        .li(.a(.link(SiteRoute.lifeAreaSettings(organisation).url), .txt(t(.lifeAreaSettingsTitle)))),
                        .li(.a(.link(SiteRoute.sharingReasons(organisation).url), .txt(t(.sharingReasonsTitle)))),
                        .li(.a(.link(SiteRoute.retention(organisation).url), .txt(t(.retentionTitle)))),
                        .forEach(AboutPage.allCases) { kind in
                            .li(.a(.link(SiteRoute.editAbout(organisation, kind).url), .txt(t(.aboutEditTitle, ["title": AboutWords.title(kind, t)]))))
                        }
                    ),
                    .section(
                        .h2(.txt(t(.adminTeamsHeading))),
                        .if(model.teams.isEmpty, .p(.txt(t(.adminNoTeams)))),
                        .ul(.forEach(model.teams) { team in
                            .li(.txt(t(.adminTeamLine, ["team": team.name], counts: ["count": team.memberCount])))
                        }),
                        .form(
                            .class("stack narrow"), .method(.post), .link(SiteRoute.teams(organisation).url, as: "action"),
                            .attribute(named: "novalidate"),
                            Components.csrfField(chrome.csrfToken),
                            Components.textField(
                                name: "name", label: t(.fieldTeamName), value: model.newTeamName,
                                error: model.errors.message(for: "name"), maxLength: 100),
                            Components.submit(t(.addTeamButton), style: .secondary)
                        )
                    ),
                    .section(
                        .h2(.txt(t(.adminMembersHeading))),
                        .form(
                            .class("search"), .method(.get), .link(SiteRoute.organisationAdmin(organisation).url, as: "action"),
                            .attribute(named: "role", value: "search"),
                            Components.textField(
                                name: "q", label: t(.adminMemberSearch), value: model.search, type: .search, required: false,
                                maxLength: 100),
                            Components.submit(t(.caseloadSearchButton), style: .secondary)
                        ),
                        .if(model.members.items.isEmpty && !model.search.isEmpty, .p(.txt(t(.adminMemberNoMatch)))),
                        Components.table(
                            caption: t(.adminMembersCaption, ["count": t.number(model.members.total)]),
                            headers: [t(.memberName), t(.fieldLogin), t(.memberRoles), t(.memberTeams), t(.memberStatus)],
                            rows: model.members.items.map { member in
                                [
                                    .a(.link(SiteRoute.member(organisation: organisation, account: member.accountID).url), .txt(member.displayName)),
                                    .txt(member.login),
                                    .txt(member.roles.map { RoleText.name($0, t) }.joined(separator: ", ")),
                                    .txt(member.teams.joined(separator: ", ")),
                                    .txt(member.isDisabled ? t(.memberDisabled) : t(.memberActive)),
                                ]
                            }
                        ),
                        Components.pagination(model.members, t: t) {
                            SiteRoute.organisationAdmin(organisation, page: $0, search: model.search).url
                        }
                    ),
                    .section(
                        .h2(.txt(t(.adminInvitationsHeading))),
                        .if(model.openInvitations.isEmpty, .p(.txt(t(.adminNoInvitations)))),
                        .if(!model.openInvitations.isEmpty, Components.table(
                            caption: t(.adminInvitationsCaption),
                            headers: [t(.fieldRole), t(.memberTeams), t(.invitedBy), t(.expires)],
                            rows: model.openInvitations.map { invitation in
                                [
                                    .txt(RoleText.name(invitation.role, t)),
                                    .txt(invitation.teamName ?? "–"),
                                    .txt(invitation.invitedBy),
                                    .txt(t.dateTime(invitation.expiresAt)),
                                ]
                            }
                        ))
                    )
                )
            )
        }
    }
}
