import Fluent
import Foundation
import KanssaCore
@preconcurrency import Plot

/// An organisation's practice: its catalogue of tools (Kanssa's and its own), how far each has
/// spread in each team — people counted, groups of five or more — and, for coordinators, a form
/// to add a tool.
public enum PracticeOverview {
    public struct Model: Sendable, Equatable {
        public let organisationID: UUID
        public let organisationName: String
        public let tools: [PracticeTool]
        public let adoption: PracticeAdoption
        public var mayAddTools = false
        public var draft: [String: String] = [:]
        public var errors: [FieldError] = []
        public var notice: Notice?
    }

    public static func load(
        organisation: Organisation, language: String, timeZone: TimeZone, now: Date, on database: any Database
    ) async throws -> Model {
        let organisationID = try organisation.requireID()
        return Model(
            organisationID: organisationID, organisationName: organisation.name,
            tools: try await PracticeLog.tools(of: [organisationID], language: language, on: database),
            adoption: try await PracticeAdoption.of(organisationID: organisationID, timeZone: timeZone, now: now, on: database))
    }

    /// The catalogue as a description list.
    static func catalogue(_ tools: [PracticeTool]) -> Node<HTML.BodyContext> {
        .element(named: "dl", nodes: [.class("catalogue")] + tools.flatMap { tool -> [Node<HTML.BodyContext>] in
            [.element(named: "dt", nodes: [.txt(tool.name)]), .element(named: "dd", nodes: [.txt(tool.description)])]
        })
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
            let adoption = model.adoption
            let smallest = t.number(PracticeAdoption.smallestGroup)
            return Layout.page(
                title: t(.practiceOverviewTitle, ["organisation": model.organisationName]), chrome: chrome, errors: model.errors,
                notices: model.notice.map { [$0] } ?? [],
                content: .div(
                    .p(.txt(t(.practiceOverviewIntro, ["smallest": smallest]))),
                    .section(
                        .h2(.txt(t(.practiceAdoptionHeading))),
                        .if(adoption.teams.isEmpty, .p(.txt(t(.practiceNoTeams)))),
                        .forEach(adoption.teams) { team in
                            .section(
                                .class("card"),
                                .h3(.txt(t(.practiceTeamHeading, ["team": team.name], counts: ["people": team.people]))),
                                .unwrap(team.figures, { figures in
                                    .group(
                                        .p(.txt(t(.practiceActiveRecently, [
                                            "active": t.number(figures.activeRecently), "people": t.number(team.people),
                                            "days": t.number(PracticeAdoption.recentDays)]))),
                                        Components.table(
                                            caption: t(.practiceAdoptionCaption, ["team": team.name]),
                                            headers: [t(.practiceTool), t(.practiceUsedBy)],
                                            rows: model.tools.map { tool in
                                                let used = figures.usedBy[tool.id] ?? 0
                                                return [.txt(tool.name), .txt(t(.practiceUsedByFigure, [
                                                    "used": t.number(used), "people": t.number(team.people),
                                                    "percent": t.number(Int((Double(used) / Double(team.people) * 100).rounded()))]))]
                                            })
                                    )
                                }, else: .p(.txt(t(.practiceTooFew, ["smallest": smallest]))))
                            )
                        }
                    ),
                    .section(
                        .h2(.txt(t(.practiceOrganisationGrowth))),
                        .if(adoption.months.isEmpty, .p(.txt(adoption.professionals < PracticeAdoption.smallestGroup
                            ? t(.practiceTooFew, ["smallest": smallest]) : t(.practiceNothingLogged)))),
                        .if(!adoption.months.isEmpty, Components.table(
                            caption: t(.practiceOrganisationGrowthCaption),
                            headers: [t(.practiceMonth), t(.practicePeopleLogging), t(.practiceToolsSoFar)],
                            rows: adoption.months.map { month in
                                [.txt(t.month(month.month)), .txt(t.number(month.people)), .txt(t.number(month.toolsSoFar))]
                            }))
                    ),
                    .section(
                        .h2(.txt(t(.practiceCatalogueHeading))),
                        PracticeOverview.catalogue(model.tools)
                    ),
                    .if(model.mayAddTools, form)
                )
            )
        }

        private var form: Node<HTML.BodyContext> {
            let t = chrome.t
            return .section(
                .h2(.txt(t(.practiceAddToolHeading))),
                .form(
                    .class("stack narrow"), .method(.post), .link(LearningRoute.practiceTools(organisation: model.organisationID).url, as: "action"),
                    .attribute(named: "novalidate"),
                    Components.csrfField(chrome.csrfToken),
                    Components.textField(name: "name", label: t(.practiceToolName), value: model.draft["name"] ?? "",
                                         error: model.errors.message(for: "name"), maxLength: 100),
                    Components.textArea(name: "description", label: t(.practiceToolDescription), value: model.draft["description"] ?? "",
                                        hint: t(.practiceToolDescriptionHint), error: model.errors.message(for: "description"), maxLength: 500),
                    Components.submit(t(.practiceAddTool))
                )
            )
        }
    }
}
