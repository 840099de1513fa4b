import Agenda
import Fluent
import Foundation
import KanssaCore
import Plot

/// An organisation's administrator writes the life areas its people rate, one per line, or
/// leaves the list empty for Kanssa's default set.
enum LifeAreaSettings {
    struct Model: Equatable {
        let organisationID: UUID
        let organisationName: String
        var text: String
        var errors: [FieldError] = []
        var notice: Notice?
    }

    static func load(organisation: Organisation, on database: any Database) async throws -> Model {
        let areas = try await OrganisationLifeAreas.current(of: try organisation.requireID(), on: database)
        return Model(organisationID: try organisation.requireID(), organisationName: organisation.name,
                     text: areas.map(\.name).joined(separator: "\n"))
    }

    struct View {
        let model: Model
        let chrome: Chrome

        func render() -> HTML {
            let t = chrome.t
            return Layout.page(
                title: t(.lifeAreaSettingsTitle), chrome: chrome, errors: model.errors, notices: model.notice.map { [$0] } ?? [],
                content: .div(
                    .p(.txt(t(.lifeAreaSettingsIntro, ["organisation": model.organisationName]))),
                    .h2(.txt(t(.lifeAreaSettingsDefaults))),
                    .ul(.forEach(LifeArea.defaults) { .li(.txt(AgendaWords.lifeArea($0, t))) }),
                    .form(
                        .class("stack narrow"), .method(.post), .link(SiteRoute.lifeAreaSettings(model.organisationID).url, as: "action"),
                        .attribute(named: "novalidate"),
                        Components.csrfField(chrome.csrfToken),
                        Components.textArea(
                            name: "areas", label: t(.lifeAreaSettingsField), value: model.text,
                            hint: t(.lifeAreaSettingsHint, ["most": t.number(OrganisationLifeAreas.most)]),
                            error: model.errors.message(for: "areas"), required: false, maxLength: 1000),
                        Components.submit(t(.saveButton))
                    ),
                    .p(.a(.link(SiteRoute.organisationAdmin(model.organisationID).url),
                          .txt(t(.adminTitle, ["organisation": model.organisationName]))))
                )
            )
        }
    }
}
