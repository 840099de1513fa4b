import Foundation
import KanssaCore
import Plot

/// The page of one thing a consultation holds while it is prepared (a belief, a question): its
/// form, and below it the way to remove it, with why one might not.
struct ChangeOrRemovePage {
    let title: MessageKey
    let consultationID: UUID
    let consultationTitle: String
    let action: SafeURL
    let fields: Node<HTML.FormContext>
    let errors: [FieldError]
    let remove: (heading: MessageKey, hint: MessageKey, action: SafeURL, label: MessageKey)
    let chrome: Chrome

    func render() -> HTML {
        let t = chrome.t
        return Layout.page(
            title: t(title), chrome: chrome, errors: errors,
            content: .div(
                .p(.a(.link(ListeningRoute.consultation(consultationID).url), .txt(t(.ledgerBack, ["title": consultationTitle])))),
                .form(
                    .class("stack narrow"), .method(.post), .link(action, as: "action"), .attribute(named: "novalidate"),
                    Components.csrfField(chrome.csrfToken),
                    fields
                ),
                .h2(.txt(t(remove.heading))),
                .p(.txt(t(remove.hint))),
                Components.postButton(action: remove.action, csrfToken: chrome.csrfToken, label: t(remove.label), style: .danger)
            )
        )
    }
}
