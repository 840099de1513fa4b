import Foundation
import KanssaCore
@preconcurrency import Plot

extension MeetingPermission {
    /// The form, and, once everything checks, the question "record this?" naming the person.
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
                title: t(.meetingPermissionTitle), chrome: chrome, errors: model.errors,
                content: .div(
                    .p(.txt(t(.meetingPermissionIntro))),
                    .unwrap(model.confirmation, confirmation, else: form),
                    .p(.a(.link(AgendaRoute.caseload().url), .txt(t(.caseloadTitle))))
                )
            )
        }

        private var form: Node<HTML.BodyContext> {
            let t = chrome.t
            return .form(
                .class("stack narrow"), .method(.post), .link(AgendaRoute.meetingPermissions.url, as: "action"),
                .attribute(named: "novalidate"),
                Components.csrfField(chrome.csrfToken),
                Components.textField(
                    name: "citizen", label: t(.meetingPermissionCitizen), value: model.citizenLogin, autocomplete: "off",
                    hint: t(.meetingPermissionCitizenHint), error: model.errors.message(for: "citizen"), maxLength: 120),
                Sharing.fields(
                    teams: model.teams, people: model.people, legalBases: model.legalBases, draft: model.draft,
                    errors: model.errors, t: t),
                Components.checkboxes(
                    name: "present", legend: t(.meetingPermissionPresentLegend),
                    options: [.init(value: "yes", label: t(.meetingPermissionPresent), isSelected: model.ownerPresent)],
                    error: model.errors.message(for: "present")),
                Components.submit(t(.meetingPermissionCheck))
            )
        }

        /// Everything shown back in words, the same values carried in hidden fields.
        private func confirmation(_ confirmation: Confirmation) -> Node<HTML.BodyContext> {
            let t = chrome.t
            let name = confirmation.citizenName
            let request = confirmation.request
            let draft = model.draft
            let (grantee, granteeValue): (String, String) = switch request.grantee {
            case .team(let team): ("\(team.teamName) (\(team.organisationName))", team.teamID.uuidString)
            case .person(let person): (person.name, "person:\(person.accountID.uuidString)")
            }
            let sections = PlanSection.allCases.filter(request.sections.contains)
            let hidden: [(String, String)] = [
                ("citizen", model.citizenLogin), ("team", granteeValue), ("purpose", request.purpose),
                ("legalBasis", request.legalBasis.rawValue), ("until", draft.until), ("present[]", "yes"),
            ] + sections.map { ("sections[]", $0.rawValue) }
            return .section(
                .h2(.txt(t(.meetingPermissionConfirmHeading, ["name": name]))),
                .ul(
                    .li(.txt(t(.meetingPermissionConfirmGrantee, ["grantee": grantee]))),
                    .li(.txt(t(.sharingSections, ["sections": sections.map { AgendaWords.section($0, t) }.joined(separator: ", ")]))),
                    .li(.txt(t(.sharingPurpose, ["purpose": request.purpose]))),
                    .li(.txt(t(.sharingLegalBasis, ["basis": AgendaWords.legalBasis(request.legalBasis, t)]))),
                    .li(.txt(t(.sharingUntil, ["date": t.date(request.expiresAt)])))
                ),
                .p(.txt(t(.meetingPermissionConfirmHint, ["name": name]))),
                .form(
                    .class("stack narrow"), .method(.post), .link(AgendaRoute.meetingPermissions.url, as: "action"),
                    Components.csrfField(chrome.csrfToken),
                    .forEach(hidden) { field, value in .input(.type(.hidden), .safe("name", field), .safe("value", value)) },
                    .div(
                        .class("button-row"),
                        .button(.type(.submit), .attribute(named: "name", value: "confirmed"), .attribute(named: "value", value: "yes"),
                                .class("button button--primary"), .txt(t(.meetingPermissionRecord))),
                        .button(.type(.submit), .attribute(named: "name", value: "confirmed"), .attribute(named: "value", value: "no"),
                                .class("button button--secondary"), .txt(t(.meetingPermissionChange)))
                    )
                )
            )
        }
    }
}
