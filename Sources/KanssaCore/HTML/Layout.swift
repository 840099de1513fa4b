@preconcurrency import Plot

/// The page every screen shares: skip link, header with navigation and language switch, one
/// `main` landmark with the page heading, and a footer. No script anywhere.
public enum Layout {
    /// A page. With `errors`, its title starts "Error:" and the summary of what to mend comes
    /// first, taking focus as the page opens (no script needed), as GOV.UK's pattern has it.
    /// `titleLanguage` marks a heading written in another language than the page's (a module's title).
    public static func page(
        title: String, titleLanguage: String? = nil, chrome: Chrome, errors: [FieldError] = [], notices: [Notice] = [],
        content: Node<HTML.BodyContext>
    ) -> HTML {
        let t = chrome.t
        let shownTitle = errors.isEmpty ? title : t(.errorPageTitle, ["title": title])
        return HTML(
            .attribute(named: "lang", value: HTMLEscape.attribute(t.language)),
            .head(
                .meta(.charset(.utf8)),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .element(named: "title", nodes: [.raw(HTMLEscape.text("\(shownTitle) – Kanssa"))]),
                .link(.rel(.stylesheet), .safe("href", chrome.stylesheet.value))
            ),
            .body(
                .a(.class("skip-link"), .href("#main"), .txt(t(.skipToContent))),
                header(chrome),
                .element(named: "main", nodes: [
                    .id("main"),
                    .attribute(named: "tabindex", value: "-1"),
                    .unwrap(chrome.printStamp) { .p(.class("print-only print-stamp"), .txt($0)) },
                    .h1(.unwrap(titleLanguage) { .attribute(named: "lang", value: $0) }, .txt(title)),
                    Components.errorSummary(errors, title: t(.formHasProblems)),
                    .forEach(notices) { Components.notice($0) },
                    content,
                ]),
                .footer(
                    .class("site-footer"),
                    .if(!chrome.footerLinks.isEmpty, .nav(
                        .attribute(named: "aria-label", value: t(.footerNavigation)),
                        .ul(.class("footer-links"), .forEach(chrome.footerLinks) { link in
                            .li(.a(.link(link.url), .if(link.isCurrent, .attribute(named: "aria-current", value: "page")), .txt(link.label)))
                        })
                    )),
                    .p(.txt(t(.footerTagline)))
                )
            )
        )
    }

    private static func header(_ chrome: Chrome) -> Node<HTML.BodyContext> {
        let t = chrome.t
        return .header(
            .class("site-header"),
            .div(
                .class("site-header__bar"),
                .a(.class("brand"), .link(chrome.home), .txt("Kanssa")),
                languageSwitch(chrome)
            ),
            .if(chrome.signedInName != nil, .nav(
                .attribute(named: "aria-label", value: HTMLEscape.attribute(t(.navigationLabel))),
                .ul(
                    .forEach(chrome.navigation) { link in
                        .li(.a(
                            .link(link.url),
                            .if(link.isCurrent, .attribute(named: "aria-current", value: "page")),
                            .txt(link.label)
                        ))
                    },
                    .unwrap(chrome.notices) { notices in
                        .li(.a(
                            .link(notices.url),
                            .if(notices.isCurrent, .attribute(named: "aria-current", value: "page")),
                            .txt(t(.navNotices)),
                            .if(notices.unread > 0, .group(.text(" "), .span(.class("badge"), .txt(t(.navNoticesUnread, counts: ["count": notices.unread])))))
                        ))
                    },
                    .li(Components.postButton(
                        action: chrome.signOut, csrfToken: chrome.csrfToken,
                        label: t(.signOut), style: .link
                    ))
                ),
                .p(.class("signed-in-as"), .txt(t(.signedInAs, ["name": chrome.signedInName ?? ""])))
            ))
        )
    }

    private static func languageSwitch(_ chrome: Chrome) -> Node<HTML.BodyContext> {
        .form(
            .class("language-switch"),
            .method(.post),
            .safe("action", chrome.languageSwitch.value),
            Components.csrfField(chrome.csrfToken),
            .input(.type(.hidden), .name("return"), .safe("value", chrome.returnPath)),
            .forEach(chrome.languages) { language in
                .button(
                    .type(.submit), .name("language"), .safe("value", language.code),
                    .safe("lang", language.code),
                    .if(language.code == chrome.t.language, .attribute(named: "aria-pressed", value: "true")),
                    .txt(language.name)
                )
            }
        )
    }
}
