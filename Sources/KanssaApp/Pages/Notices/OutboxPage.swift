import Foundation
import KanssaCore
import Plot

/// In `kanssa demo`, the mail that would have gone to the signed-in person, shown instead of sent.
enum OutboxPage {
    struct Model: Equatable {
        let address: String?
        let mail: [Outbox.Sent]
    }

    struct View {
        let model: Model
        let chrome: Chrome

        func render() -> HTML {
            let t = chrome.t
            return Layout.page(
                title: t(.outboxTitle), chrome: chrome,
                content: .div(
                    .p(.txt(t(.outboxIntro))),
                    .if(model.address == nil, .p(.txt(t(.outboxNoAddress)), .text(" "),
                                                  .a(.link(SiteRoute.noticeSettings.url), .txt(t(.noticesByEmailChange))))),
                    .if(model.address != nil && model.mail.isEmpty, .p(.txt(t(.outboxEmpty)))),
                    .forEach(model.mail) { sent in
                        .article(
                            .class("card"),
                            .h2(.txt(sent.mail.subject)),
                            .p(.class("field__hint"), .txt(t(.outboxSentTo, ["address": sent.mail.to, "date": t.dateTime(sent.at)]))),
                            .forEach(sent.mail.body.components(separatedBy: "\n\n")) { .p(.class("own-words"), .txt($0)) }
                        )
                    }
                )
            )
        }
    }
}
