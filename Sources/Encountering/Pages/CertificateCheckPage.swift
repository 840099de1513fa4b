import Foundation
import KanssaCore
@preconcurrency import Plot

/// Anyone, signed in or not, types the code printed on a certificate of attendance and learns
/// whether it is genuine: who took part, in which training, when and where — nothing more.
public enum CertificateCheckPage {
    public enum Outcome: Sendable, Equatable {
        case asking
        case genuine(Certificates.Checked)
        case unknown
    }

    public struct Model: Sendable, Equatable {
        public var code: String
        public var outcome: Outcome
        public var errors: [FieldError] = []
        public var notice: Notice?

        public init(code: String = "", outcome: Outcome = .asking) {
            self.code = code
            self.outcome = outcome
        }
    }

    public struct View {
        let model: Model
        let chrome: Chrome

        public init(model: Model, chrome: Chrome) {
            self.model = model
            self.chrome = chrome
        }

        public func render() -> HTML {
            let t = chrome.t
            return Layout.page(
                title: t(.certificateCheckTitle), chrome: chrome, errors: model.errors, notices: model.notice.map { [$0] } ?? [],
                content: .div(
                    result(t),
                    .form(
                        .class("stack narrow"), .method(.get), .link(EncounteringRoute.checkCertificate.url, as: "action"),
                        Components.textField(
                            name: "code", label: t(.certificateCheckCode), value: model.code, autocomplete: "off",
                            hint: t(.certificateCheckHint), error: model.errors.message(for: "code"), maxLength: 20),
                        Components.submit(t(.certificateCheckSubmit))
                    )
                )
            )
        }

        private func result(_ t: Localizer) -> Node<HTML.BodyContext> {
            switch model.outcome {
            case .asking:
                return .p(.txt(t(.certificateCheckIntro)))
            case .unknown:
                return .div(.class("notice notice--error"), .attribute(named: "role", value: "status"),
                            .p(.txt(t(.certificateCheckUnknown))))
            case .genuine(let checked):
                return .div(
                    .class("notice notice--success"), .attribute(named: "role", value: "status"),
                    .h2(.txt(t(.certificateCheckGenuine))),
                    .p(.txt(t(.certificateCheckWho, [
                        "name": checked.participant, "title": checked.moduleTitle, "date": t.date(checked.startsAt),
                        "hours": t.hours(minutes: checked.minutes), "organisation": checked.organisation,
                    ])))
                )
            }
        }
    }
}
