import KanssaCore
import Plot

extension Redeem {
    struct View {
        let model: Model
        let chrome: Chrome

        func render() -> HTML {
            let t = chrome.t
            return Layout.page(
                title: t(.redeemTitle), chrome: chrome, errors: model.errors, notices: model.notice.map { [$0] } ?? [],
                content: .div(
                    .p(.txt(t(model.isSignedIn ? .redeemIntroSignedIn : .redeemIntro))),
                    .form(
                        .class("stack narrow"), .method(.post), .link(SiteRoute.redeemInvitation.url, as: "action"),
                        .attribute(named: "novalidate"),
                        Components.csrfField(chrome.csrfToken),
                        Components.textField(
                            name: "code", label: t(.fieldCode), value: model.code, autocomplete: "off",
                            hint: t(.fieldCodeHint), error: model.errors.message(for: "code"), maxLength: 20),
                        .if(!model.isSignedIn, .group(
                            Components.textField(
                                name: "displayName", label: t(.fieldDisplayName), value: model.displayName,
                                autocomplete: "name", hint: t(.fieldDisplayNameHint),
                                error: model.errors.message(for: "displayName"), maxLength: 100),
                            Components.textField(
                                name: "login", label: t(.fieldLogin), value: model.login, autocomplete: "username",
                                hint: t(.fieldNewLoginHint), error: model.errors.message(for: "login"), maxLength: 120),
                            Components.textField(
                                name: "password", label: t(.fieldNewPassword), type: .password,
                                autocomplete: "new-password", hint: t(.fieldNewPasswordHint),
                                error: model.errors.message(for: "password"), maxLength: 128)
                        )),
                        Components.submit(t(.redeemButton))
                    ),
                    .p(.txt(t(.redeemPrivacy) + " "), .a(.link(SiteRoute.about(.privacy).url), .txt(t(.redeemPrivacyLink))))
                )
            )
        }
    }
}
