import Foundation
import KanssaCore
@preconcurrency import Plot

extension Sharing {
    public struct View {
        let model: Model
        let chrome: Chrome

        public init(model: Model, chrome: Chrome) {
            self.model = model
            self.chrome = chrome
        }

        public func render() -> HTML {
            let t = chrome.t
            let active = model.lines.filter { $0.state == .active }
            let past = model.lines.filter { $0.state != .active }
            return Layout.page(
                title: t(.sharingTitle), chrome: chrome, notices: model.notice.map { [$0] } ?? [],
                content: .div(
                    Components.errorSummary(model.errors, title: t(.formHasProblems)),
                    .p(.txt(t(.sharingIntro))),
                    .section(
                        .h2(.txt(t(.sharingActiveHeading))),
                        .if(active.isEmpty, .p(.txt(t(.sharingNobody)))),
                        .ul(.class("cards"), .forEach(active) { line in
                            .li(.class("card"), describe(line), Components.postButton(
                                action: AgendaRoute.revoke(line.id).url, csrfToken: chrome.csrfToken,
                                label: t(.sharingRevoke), style: .danger))
                        })
                    ),
                    form,
                    .if(!past.isEmpty, .section(
                        .h2(.txt(t(.sharingPastHeading))),
                        .ul(.class("cards"), .forEach(past) { line in .li(.class("card"), describe(line)) })
                    )),
                    .p(.txt(t(.sharingTraceHint)))
                )
            )
        }

        private func describe(_ line: Line) -> Node<HTML.BodyContext> {
            let t = chrome.t
            let state: String = switch line.state {
            case .active: t(.sharingUntil, ["date": t.date(line.expiresAt)])
            case .revoked: t(.sharingRevokedState)
            case .expired: t(.sharingExpiredState, ["date": t.date(line.expiresAt)])
            }
            return .group(
                .h3(.txt(line.grantee)),
                .p(.txt(t(.sharingSections, ["sections": line.sections.map { AgendaWords.section($0, t) }.joined(separator: ", ")]))),
                .p(.txt(t(.sharingPurpose, ["purpose": line.purpose]))),
                .p(.txt(t(.sharingLegalBasis, ["basis": AgendaWords.legalBasis(line.legalBasis, t)]))),
                .p(.txt(state))
            )
        }

        private var form: Node<HTML.BodyContext> {
            let t = chrome.t
            return .section(
                .h2(.txt(t(.sharingAddHeading))),
                .if(model.teams.isEmpty, .p(.txt(t(.sharingNoTeams)))),
                .if(!model.teams.isEmpty, .form(
                    .class("stack narrow"), .method(.post), .link(AgendaRoute.authorisations.url, as: "action"),
                    .attribute(named: "novalidate"),
                    Components.csrfField(chrome.csrfToken),
                    Components.select(
                        name: "team", label: t(.sharingTeam),
                        options: [.init(value: "", label: t(.sharingChooseTeam),
                                        isSelected: model.draft.teamID == nil && model.draft.personID == nil)]
                            + model.teams.map {
                                .init(value: $0.teamID.uuidString, label: "\($0.teamName) (\($0.organisationName))",
                                      isSelected: $0.teamID == model.draft.teamID)
                            }
                            + model.people.map {
                                .init(value: "person:" + $0.accountID.uuidString,
                                      label: t(.sharingPersonOption, ["name": $0.name, "organisation": $0.organisationName]),
                                      isSelected: $0.accountID == model.draft.personID)
                            },
                        error: model.errors.message(for: "team")),
                    Components.checkboxes(
                        name: "sections", legend: t(.sharingSectionsLegend),
                        options: PlanSection.allCases.map {
                            .init(value: $0.rawValue, label: AgendaWords.section($0, t), isSelected: model.draft.sections.contains($0))
                        },
                        error: model.errors.message(for: "sections")),
                    Components.textField(
                        name: "purpose", label: t(.sharingPurposeField), value: model.draft.purpose,
                        hint: t(.sharingPurposeHint), error: model.errors.message(for: "purpose"), maxLength: 300),
                    Components.select(
                        name: "legalBasis", label: t(.sharingLegalBasisField),
                        options: [.init(value: "", label: t(.sharingChooseBasis), isSelected: model.draft.legalBasis == nil)]
                            + model.legalBases.map {
                                .init(value: $0.rawValue, label: AgendaWords.legalBasis($0, t), isSelected: $0 == model.draft.legalBasis)
                            },
                        error: model.errors.message(for: "legalBasis")),
                    Components.textField(
                        name: "until", label: t(.sharingUntilField), value: model.draft.until, type: .date,
                        hint: t(.sharingUntilHint), error: model.errors.message(for: "until"), maxLength: 10),
                    Components.submit(t(.sharingAuthorise))
                ))
            )
        }
    }
}
