import Foundation
import KanssaCore
import Plot

/// The two pages of a forgotten password: staff giving a code, and the person using it.
enum PasswordResetPages {
    struct IssueModel: Equatable {
        struct Given: Equatable {
            let name: String
            let code: InvitationCode
            let expiresAt: Date
        }

        let organisationID: UUID
        let organisationName: String
        var login: String
        var given: Given?
        var errors: [FieldError] = []
    }

    struct IssueView {
        let model: IssueModel
        let chrome: Chrome

        func render() -> HTML {
            let t = chrome.t
            return Layout.page(
                title: t(.passwordResetIssueTitle), chrome: chrome, errors: model.errors,
                notices: model.given.map { [Notice(.success, t(.passwordResetGivenNotice, ["name": $0.name]))] } ?? [],
                content: .div(
                    .unwrap(model.given) { given in
                        .section(
                            .class("code-to-give"),
                            .p(.txt(t(.passwordResetCodeIntro, ["name": given.name]))),
                            .p(.class("invitation-code"), .txt(given.code.display)),
                            .p(.txt(t(.passwordResetCodeExpires, ["date": t.dateTime(given.expiresAt)]))),
                            .p(.txt(t(.passwordResetHowToUse, ["address": SiteRoute.resetPassword.path]))),
                            .p(.txt(t(.invitationShownOnce)))
                        )
                    },
                    .p(.txt(t(.passwordResetIssueIntro, ["organisation": model.organisationName]))),
                    .form(
                        .class("stack narrow"), .method(.post), .link(SiteRoute.passwordResets(model.organisationID).url, as: "action"),
                        .attribute(named: "novalidate"),
                        Components.csrfField(chrome.csrfToken),
                        Components.textField(
                            name: "login", label: t(.passwordResetTheirLogin), value: model.given == nil ? model.login : "",
                            autocomplete: "off", hint: t(.passwordResetTheirLoginHint), error: model.errors.message(for: "login"),
                            maxLength: 120),
                        Components.submit(t(.passwordResetGive))
                    )
                )
            )
        }
    }

    struct ResetModel: Equatable {
        var login = ""
        var code = ""
        var errors: [FieldError] = []
        var notice: Notice?
        /// Whether a link can be sent by e-mail here (a mail relay is set).
        var mayMail = false
        var mailErrors: [FieldError] = []
    }

    struct ResetView {
        let model: ResetModel
        let chrome: Chrome

        func render() -> HTML {
            let t = chrome.t
            return Layout.page(
                title: t(.passwordResetTitle), chrome: chrome, errors: model.errors + model.mailErrors, notices: model.notice.map { [$0] } ?? [],
                content: .div(
                    .p(.txt(t(.passwordResetIntro))),
                    .form(
                        .class("stack narrow"), .method(.post), .link(SiteRoute.resetPassword.url, as: "action"),
                        .attribute(named: "novalidate"),
                        Components.csrfField(chrome.csrfToken),
                        Components.textField(
                            name: "login", label: t(.fieldLogin), value: model.login, autocomplete: "username",
                            hint: t(.fieldLoginHint), error: model.errors.message(for: "login"), maxLength: 120),
                        Components.textField(
                            name: "code", label: t(.passwordResetCodeField), value: model.code, autocomplete: "off",
                            hint: t(.fieldCodeHint), error: model.errors.message(for: "code"), maxLength: 20),
                        Components.textField(
                            name: "password", label: t(.passwordResetNewField), type: .password, autocomplete: "new-password",
                            hint: t(.passwordResetNewHint), error: model.errors.message(for: "password"), maxLength: 128),
                        Components.submit(t(.passwordResetSubmit))
                    ),
                    .if(model.mayMail, .section(
                        .id("mail"),
                        .h2(.txt(t(.passwordMailHeading))),
                        .p(.txt(t(.passwordMailIntro))),
                        .form(
                            .class("stack narrow"), .method(.post), .link(SiteRoute.mailPasswordLink.url, as: "action"),
                            .attribute(named: "novalidate"),
                            Components.csrfField(chrome.csrfToken),
                            Components.textField(
                                name: "mailLogin", label: t(.passwordMailLoginField), value: model.login, autocomplete: "username",
                                hint: t(.fieldLoginHint), error: model.mailErrors.message(for: "mailLogin"), maxLength: 120),
                            Components.submit(t(.passwordMailSubmit), style: .secondary)
                        )
                    )),
                    .p(.a(.link(SiteRoute.signIn.url), .txt(t(.passwordResetBackToSignIn))))
                )
            )
        }
    }
}
