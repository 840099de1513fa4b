import KanssaCore
import Plot

extension SignIn {
    struct View {
        let model: Model
        let chrome: Chrome

        func render() -> HTML {
            let t = chrome.t
            return Layout.page(
                title: t(.signInTitle), chrome: chrome, errors: model.errors, notices: model.notice.map { [$0] } ?? [],
                content: .div(
                    .form(
                        .class("stack narrow"), .method(.post), .link(SiteRoute.signIn.url, as: "action"),
                        .attribute(named: "novalidate"),
                        Components.csrfField(chrome.csrfToken),
                        .input(.type(.hidden), .name("next"), .safe("value", model.next)),
                        Components.textField(
                            name: "login", label: t(.fieldLogin), value: model.login,
                            autocomplete: "username", hint: t(.fieldLoginHint),
                            error: model.errors.message(for: "login")),
                        Components.textField(
                            name: "password", label: t(.fieldPassword), type: .password,
                            autocomplete: "current-password", error: model.errors.message(for: "password"),
                            maxLength: 128),
                        Components.submit(t(.signInButton))
                    ),
                    .p(.a(.link(SiteRoute.resetPassword.url), .txt(t(.signInForgotPassword)))),
                    .p(.txt(t(.signInHaveCode)), .txt(" "), .a(.link(SiteRoute.redeemInvitation.url), .txt(t(.signInUseCode))))
                )
            )
        }
    }
}
