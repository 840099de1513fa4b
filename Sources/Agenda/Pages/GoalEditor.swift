import Foundation
import KanssaCore
@preconcurrency import Plot

/// Changing one of the citizen's own goals: its words, or marking it reached or set aside. If it was saved
/// elsewhere meanwhile (another device, another tab), both versions are shown and nothing is
/// overwritten.
public enum GoalEditor {
    public struct Conflict: Sendable, Equatable {
        public let text: String
        public let status: GoalStatus

        public init(text: String, status: GoalStatus) {
            self.text = text
            self.status = status
        }
    }

    public struct Model: Sendable, Equatable {
        public let goalID: UUID
        public var text: String
        public var status: GoalStatus
        public var version: Int
        public var errors: [FieldError] = []
        public var conflict: Conflict?

        public init(goalID: UUID, text: String, status: GoalStatus, version: Int) {
            self.goalID = goalID
            self.text = text
            self.status = status
            self.version = version
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
                title: t(.goalEditTitle), chrome: chrome, errors: model.errors,
                notices: model.conflict.map { _ in [Notice(.error, t(.goalConflict))] } ?? [],
                content: .div(
                    .p(.class("screen-only"), .a(.link(AgendaRoute.myPlan.url), .txt(t(.backToPlan)))),
                    .unwrap(model.conflict) { conflict in
                        .section(
                            .class("conflict"),
                            .h2(.txt(t(.goalConflictTheirs))),
                            .p(.class("own-words"), .txt(conflict.text)),
                            .p(.span(.class("tag"), .txt(status(conflict.status)))),
                            .p(.txt(t(.actionConflictYours)))
                        )
                    },
                    .form(
                        .class("stack narrow"), .method(.post), .link(AgendaRoute.goal(model.goalID).url, as: "action"),
                        .attribute(named: "novalidate"),
                        Components.csrfField(chrome.csrfToken),
                        .input(.type(.hidden), .name("version"), .safe("value", String(model.version))),
                        Components.textField(
                            name: "goal", label: t(.goalWords), value: model.text, error: model.errors.message(for: "goal"),
                            maxLength: 500),
                        Components.select(
                            name: "status", label: t(.actionStatus),
                            options: [GoalStatus.active, .achieved, .setAside].map {
                                Components.Option(value: $0.rawValue, label: status($0), isSelected: $0 == model.status)
                            }),
                        .p(.class("field__hint"), .txt(t(.goalSetAsideHint))),
                        Components.submit(t(.actionSave))
                    )
                )
            )
        }

        private func status(_ status: GoalStatus) -> String {
            switch status {
            case .achieved: chrome.t(.goalReached)
            case .setAside: chrome.t(.goalSetAside)
            default: chrome.t(.goalWorkingOnIt)
            }
        }
    }
}
