import Fluent
import Foundation
import KanssaCore
@preconcurrency import Plot

/// A coordinator's service-user panels: who is in each, their staff contact, and the form to set
/// one up.
public enum PanelList {
    public struct Line: Sendable, Equatable {
        public let name: String
        public let contact: String
        public let members: [String]
        public let modules: Int
    }

    public struct Model: Sendable, Equatable {
        public let organisationID: UUID
        public let organisationName: String
        public let lines: [Line]
        public let coTrainers: [Panels.Person]
        public let staff: [Panels.Person]
        public var draft: [String: String] = [:]
        public var draftMembers: Set<String> = []
        public var errors: [FieldError] = []
        public var notice: Notice?
    }

    /// Six queries.
    public static func load(organisation: Organisation, on database: any Database) async throws -> Model {
        let organisationID = try organisation.requireID()
        let panels = try await Panel.query(on: database).filter(\.$organisationID == organisationID).sort(\.$name).all()
        let panelIDs = panels.compactMap(\.id)
        let members = try await PanelMember.query(on: database).filter(\.$panelID ~~ panelIDs).filter(\.$leftAt == nil).all()
        let modules = try await TrainingModule.query(on: database).filter(\.$panelID ~~ panelIDs).all(\.$panelID)
        let names = try await Account.displayNames(of: panels.map(\.staffContactID), on: database)
        let people = try await Panels.people(in: organisationID, on: database)
        return Model(
            organisationID: organisationID, organisationName: organisation.name,
            lines: panels.map { panel in
                Line(name: panel.name, contact: names[panel.staffContactID] ?? "",
                     members: members.filter { $0.panelID == panel.id }.map(\.creditName).sorted(),
                     modules: modules.filter { $0 == panel.id }.count)
            },
            coTrainers: people.coTrainers, staff: people.staff)
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
            let draft = model.draft
            return Layout.page(
                title: t(.panelsTitle, ["organisation": model.organisationName]), chrome: chrome, errors: model.errors, notices: model.notice.map { [$0] } ?? [],
                content: .div(
                    .p(.txt(t(.panelsIntro))),
                    .if(model.lines.isEmpty, .p(.txt(t(.panelsNone)))),
                    .ul(.class("cards"), .forEach(model.lines) { line in
                        .li(
                            .class("card"),
                            .h2(.txt(line.name)),
                            .p(.txt(t(.panelContactLine, ["name": line.contact]))),
                            .p(.txt(t(.panelMembersLine, ["names": line.members.joined(separator: ", ")]))),
                            .p(.txt(t(.panelModulesLine, ["count": t.number(line.modules)])))
                        )
                    }),
                    .section(
                        .h2(.txt(t(.panelCreateHeading))),
                        .if(model.coTrainers.isEmpty, .p(.txt(t(.panelNoCoTrainers)))),
                        .form(
                            .class("stack narrow"), .method(.post), .link(EncounteringRoute.panels(organisation: model.organisationID).url, as: "action"),
                            .attribute(named: "novalidate"),
                            Components.csrfField(chrome.csrfToken),
                            Components.textField(name: "name", label: t(.panelName), value: draft["name"] ?? "", hint: t(.panelNameHint),
                                                 error: model.errors.message(for: "name"), maxLength: 100),
                            Components.select(
                                name: "contact", label: t(.panelContact),
                                options: [.init(value: "", label: t(.panelChooseContact), isSelected: (draft["contact"] ?? "").isEmpty)]
                                    + model.staff.map { .init(value: $0.id.uuidString, label: $0.name, isSelected: draft["contact"] == $0.id.uuidString) },
                                error: model.errors.message(for: "contact")),
                            Components.checkboxes(
                                name: "members", legend: t(.panelMembersLegend),
                                options: model.coTrainers.map {
                                    .init(value: $0.id.uuidString, label: $0.name, isSelected: model.draftMembers.contains($0.id.uuidString))
                                },
                                error: model.errors.message(for: "members")),
                            Components.submit(t(.panelCreate))
                        )
                    )
                )
            )
        }
    }
}
