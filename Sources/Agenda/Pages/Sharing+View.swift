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
                title: t(.sharingTitle), chrome: chrome, errors: model.quickErrors, notices: model.notice.map { [$0] } ?? [],
                content: .div(
                    .unwrap(model.undoable) { line in
                        .div(
                            .class("notice notice--info"),
                            .p(.txt(t(.sharingUndoText, ["name": line.grantee]))),
                            Components.postButton(
                                action: AgendaRoute.restore(line.id).url, csrfToken: chrome.csrfToken,
                                label: t(.sharingUndo, ["name": line.grantee]), style: .secondary)
                        )
                    },
                    .p(.txt(t(.sharingIntro))),
                    Sharing.privacy(model.privacyNotices),
                    .section(
                        .h2(.txt(t(.sharingActiveHeading))),
                        .if(active.isEmpty, .p(.txt(t(.sharingNobody)))),
                        .ul(.class("cards"), .forEach(active) { line in
                            // Taking back is asked about first, on a page of its own.
                            // Named for the share it ends, for a screen reader; short on the screen.
                            .li(.class("card"), describe(line), .p(.a(
                                .class("button button--danger"), .link(AgendaRoute.revoke(line.id).url),
                                .txt(t(.sharingRevokeShort)), .span(.class("visually-hidden"), .txt(" " + t(.sharingRevokeFrom, ["name": line.grantee]))))))
                        })
                    ),
                    quick,
                    .if(!past.isEmpty, .section(
                        .h2(.txt(t(.sharingPastHeading))),
                        Components.disclosure(t(.sharingPastOpen, counts: ["count": past.count]), .ul(.class("cards"), .forEach(past) { line in
                            .li(.class("card"), describe(line), .p(Components.actionLink(
                                AgendaRoute.newShare(from: line.id).url, t(.sharingAgain), about: line.grantee)))
                        }))
                    )),
                    .p(.txt(t(.sharingTraceHint)))
                )
            )
        }

        private func describe(_ line: Line) -> Node<HTML.BodyContext> {
            let t = chrome.t
            let state: String = switch line.state {
            case .active: t(.sharingUntil, ["date": t.date(line.expiresAt)])
            case .revoked(let day, nil): t(.sharingRevokedState, ["date": t.date(day)])
            case .revoked(let day, let name?): t(.sharingRevokedByState, ["name": name, "date": t.date(day)])
            case .expired: t(.sharingExpiredState, ["date": t.date(line.expiresAt)])
            }
            return .group(
                .h3(.txt(line.grantee)),
                .p(.txt(t(.sharingSections, ["sections": line.sections.map { AgendaWords.section($0, t) }.joined(separator: ", ")]))),
                .p(.txt(t(.sharingPurposeAndBasis, ["purpose": line.purpose, "basis": AgendaWords.legalBasis(line.legalBasis, t)]))),
                .p(.txt(state)),
                .unwrap(line.recordedBy) { .p(.txt(t(.sharingRecordedBy, ["name": $0]))) }
            )
        }

        /// The common case in one step: a team I meet sees my whole plan, because I agree, until
        /// a day I choose. Offered for the teams whose organisation takes consent as a basis;
        /// anything else is on the page of its own.
        private var quick: Node<HTML.BodyContext> {
            let t = chrome.t
            let teams = model.teams.filter { $0.legalBases.contains(.consent) }
            let errors = model.quickErrors
            // Sharing is done on the screen; a printed list of who can see the plan leaves it out.
            return .section(
                .id("share"), .class("screen-only"),
                .h2(.txt(t(.sharingAddHeading))),
                .if(model.teams.isEmpty, .p(.txt(t(.sharingNoTeams)))),
                .if(!teams.isEmpty, .form(
                    .class("stack narrow"), .method(.post), .link(AgendaRoute.authorisations.url, as: "action"),
                    .attribute(named: "novalidate"),
                    Components.csrfField(chrome.csrfToken),
                    .input(.type(.hidden), .name("form"), .safe("value", "quick")),
                    .forEach(PlanSection.allCases) { .input(.type(.hidden), .name("sections[]"), .safe("value", $0.rawValue)) },
                    .input(.type(.hidden), .name("purpose"), .safe("value", t(.sharingQuickPurpose))),
                    .input(.type(.hidden), .name("legalBasis"), .safe("value", LegalBasis.consent.rawValue)),
                    Components.radios(
                        name: "team", legend: t(.sharingQuickTeam),
                        options: teams.map {
                            .init(value: $0.teamID.uuidString, label: "\($0.teamName) (\($0.organisationName))",
                                  isSelected: $0.teamID == model.quickDraft.teamID || teams.count == 1)
                        },
                        error: errors.message(for: "team")),
                    .p(.txt(t(.sharingQuickWhat, ["sections": t.list(PlanSection.allCases.map { AgendaWords.section($0, t) })]))),
                    Components.textField(
                        name: "until", label: t(.sharingUntilField), value: model.quickDraft.until, type: .date,
                        hint: t(.sharingUntilHint), error: errors.message(for: "until")),
                    Components.submit(t(.sharingQuickSubmit))
                )),
                .if(!model.teams.isEmpty, .p(Components.actionLink(AgendaRoute.newShare().url, t(.sharingChooseParts))))
            )
        }
    }

    /// Whom to let see which parts, why, on what basis and until when: a page of its own.
    public struct FormView {
        let model: Model
        let chrome: Chrome

        public init(model: Model, chrome: Chrome) {
            self.model = model
            self.chrome = chrome
        }

        public func render() -> HTML {
            let t = chrome.t
            return Layout.page(
                title: t(.sharingFormTitle), chrome: chrome, errors: model.errors,
                content: .div(
                    .p(.a(.link(AgendaRoute.sharing.url), .txt(t(.sharingBack)))),
                    .p(.txt(t(.sharingIntro))),
                    Sharing.privacy(model.privacyNotices),
                    .if(model.teams.isEmpty && model.people.isEmpty, .p(.txt(t(.sharingNoTeams)))),
                    .if(!model.teams.isEmpty || !model.people.isEmpty, .form(
                        .class("stack narrow"), .method(.post), .link(AgendaRoute.authorisations.url, as: "action"),
                        .attribute(named: "novalidate"),
                        Components.csrfField(chrome.csrfToken),
                        Sharing.fields(
                            teams: model.teams, people: model.people, legalBases: model.legalBases, draft: model.draft,
                            errors: model.errors, t: t),
                        Components.submit(t(.sharingAuthorise))
                    ))
                )
            )
        }
    }
}

extension Sharing {
    /// Whom, what, why, on what basis and until when: the fields of every form that records a
    /// permission, the citizen's own and one recorded in a meeting.
    static func fields(
        teams: [PlanSharing.TeamChoice], people: [PlanSharing.PersonChoice], legalBases: [LegalBasis], draft: Draft,
        errors: [FieldError], t: Localizer
    ) -> Node<HTML.FormContext> {
        .group(
            Components.select(
                name: "team", label: t(.sharingTeam),
                options: [.init(value: "", label: t(.sharingChooseTeam), isSelected: draft.teamID == nil && draft.personID == nil)]
                    + teams.map {
                        .init(value: $0.teamID.uuidString, label: "\($0.teamName) (\($0.organisationName))",
                              isSelected: $0.teamID == draft.teamID)
                    }
                    + people.map {
                        .init(value: "person:" + $0.accountID.uuidString,
                              label: t(.sharingPersonOption, ["name": $0.name, "organisation": $0.organisationName]),
                              isSelected: $0.accountID == draft.personID)
                    },
                error: errors.message(for: "team")),
            Components.checkboxes(
                name: "sections", legend: t(.sharingSectionsLegend),
                options: PlanSection.allCases.map {
                    .init(value: $0.rawValue, label: AgendaWords.section($0, t), isSelected: draft.sections.contains($0))
                },
                error: errors.message(for: "sections")),
            Components.textField(
                name: "purpose", label: t(.sharingPurposeField), value: draft.purpose,
                hint: t(.sharingPurposeHint), error: errors.message(for: "purpose"), maxLength: 300),
            // Each basis with what it means for the person, beside the choice.
            Components.radios(
                name: "legalBasis", legend: t(.sharingLegalBasisField), hint: t(.sharingLegalBasisHint),
                options: legalBases.map {
                    .init(value: $0.rawValue, label: AgendaWords.legalBasis($0, t), isSelected: $0 == draft.legalBasis,
                          hint: PlanSharing.explanation(of: $0, teams, people) ?? AgendaWords.legalBasisMeaning($0, t))
                },
                error: errors.message(for: "legalBasis")),
            Components.textField(
                name: "until", label: t(.sharingUntilField), value: draft.until, type: .date,
                hint: t(.sharingUntilHint), error: errors.message(for: "until"), maxLength: 10)
        )
    }
}

extension Sharing {
    /// Where the person reads what each of their organisations does with what they share.
    static func privacy(_ links: [Chrome.NavigationLink]) -> Node<HTML.BodyContext> {
        .forEach(links) { link in .p(.class("screen-only"), .a(.link(link.url), .txt(link.label))) }
    }
}
