import KanssaCore
import Plot

extension NewInvitation {
    struct View {
        let model: Model
        let chrome: Chrome

        func render() -> HTML {
            let t = chrome.t
            return Layout.page(
                title: t(.inviteTitle, ["organisation": model.organisationName]), chrome: chrome, errors: model.errors,
                content: .div(
                    .p(.txt(t(.inviteIntro))),
                    .form(
                        .class("stack narrow"), .method(.post),
                        .link(SiteRoute.invitations(model.organisationID).url, as: "action"),
                        Components.csrfField(chrome.csrfToken),
                        Components.select(
                            name: "role", label: t(.fieldRole),
                            options: model.roles.map {
                                .init(value: $0.rawValue, label: RoleText.name($0, t), isSelected: $0 == model.selectedRole)
                            },
                            error: model.errors.message(for: "role")),
                        Components.select(
                            name: "team", label: t(.fieldTeamOptional),
                            options: [.init(value: "", label: t(.noTeam), isSelected: model.selectedTeam == nil)]
                                + model.teams.map {
                                    .init(value: $0.id.uuidString, label: $0.name, isSelected: $0.id == model.selectedTeam)
                                },
                            error: model.errors.message(for: "team")),
                        Components.submit(t(.inviteButton))
                    )
                )
            )
        }
    }
}

extension CreatedInvitation {
    struct View {
        let model: Model
        let chrome: Chrome

        func render() -> HTML {
            let t = chrome.t
            return Layout.page(
                title: t(.invitationCreatedTitle), chrome: chrome,
                notices: [Notice(.success, t(.invitationCreatedNotice))],
                content: .div(
                    .p(.txt(t(.invitationCodeIntro, ["role": RoleText.name(model.role, t), "organisation": model.organisationName]))),
                    .p(.class("invitation-code"), .txt(model.code.display)),
                    .unwrap(model.teamName) { .p(.txt(t(.invitationTeam, ["team": $0]))) },
                    .p(.txt(t(.invitationExpires, ["date": t.dateTime(model.expiresAt)]))),
                    .p(.txt(t(.invitationHowToUse))),
                    .p(.txt(t(.invitationShownOnce))),
                    .p(.a(.link(SiteRoute.newInvitation(model.organisationID).url), .txt(t(.inviteAnother))))
                )
            )
        }
    }
}
