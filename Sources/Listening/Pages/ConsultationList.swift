import Fluent
import Foundation
import KanssaCore
import Plot

/// An organisation's consultations, newest first, and the form to start one.
public enum ConsultationList {
    public struct Item: Sendable, Equatable {
        public let id: UUID
        public let title: String
        public let teamName: String
        public let state: ConsultationState
        public let opensOn: String
        public let closesOn: String
    }

    public struct TeamChoice: Sendable, Equatable {
        public let id: UUID
        public let name: String

        public init(id: UUID, name: String) {
            self.id = id
            self.name = name
        }
    }

    public struct Model: Sendable, Equatable {
        public let organisationID: UUID
        public let organisationName: String
        public let items: Paged<Item>
        /// The teams the person may start a consultation for.
        public var teams: [TeamChoice]
        /// The person sees figures only (a researcher): each consultation links to its figures.
        public var figuresOnly = false
        public var draft = Consultations.Draft()
        public var errors: [FieldError] = []
    }

    /// Three queries: a page of consultations, their count, the organisation's teams.
    public static func load(organisation: Organisation, page: ListPage, teams mayStart: (UUID) -> Bool, on database: any Database) async throws -> Model {
        let organisationID = try organisation.requireID()
        let total = try await Consultation.query(on: database).filter(\.$organisationID == organisationID).count()
        let consultations = try await Consultation.query(on: database).filter(\.$organisationID == organisationID)
            .sort(\.$createdAt, .descending).sort(\.$id).range(page.offset..<(page.offset + page.size)).all()
        let teams = try await Team.query(on: database).filter(\.$organisation.$id == organisationID).sort(\.$name).all()
        let names = teams.reduce(into: [UUID: String]()) { $0[$1.id!] = $1.name }
        return Model(
            organisationID: organisationID, organisationName: organisation.name,
            items: Paged(items: consultations.map {
                Item(id: $0.id!, title: $0.title, teamName: names[$0.teamID] ?? "–", state: $0.state, opensOn: $0.opensOn, closesOn: $0.closesOn)
            }, page: page, total: total),
            teams: teams.filter { mayStart($0.id!) }.map { TeamChoice(id: $0.id!, name: $0.name) })
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
                title: t(.consultationsTitle, ["organisation": model.organisationName]), chrome: chrome, errors: model.errors,
                content: .div(
                    .p(.txt(t(model.figuresOnly ? .consultationsFiguresOnlyIntro : .consultationsIntro))),
                    .ul(.class("inline-list"),
                        .li(.a(.link(ListeningRoute.calibration(organisation: model.organisationID).url), .txt(t(.calibrationTitle)))),
                        .if(!model.figuresOnly, .li(.a(.link(ListeningRoute.stopped(organisation: model.organisationID).url), .txt(t(.stoppedLink))))),
                        .li(.a(.link(ListeningRoute.publicIndex(organisation: model.organisationID).url), .txt(t(.publicLink))))),
                    .if(model.items.items.isEmpty, .p(.txt(t(.consultationsNone)))),
                    .ul(.class("cards"), .forEach(model.items.items) { item in
                        .li(.class("card"),
                            .h2(.a(.link((model.figuresOnly ? ListeningRoute.figures(consultation: item.id) : ListeningRoute.consultation(item.id)).url),
                                   .txt(item.title))),
                            .p(.span(.class("tag"), .txt(ListeningWords.state(item.state, t))), .text(" "),
                               .txt(t(.consultationTeamAndDays, ["team": item.teamName, "opens": t.day(item.opensOn), "closes": t.day(item.closesOn)]))))
                    }),
                    Components.pagination(model.items, t: t) { number in
                        SafeURL(ListeningRoute.consultations(organisation: model.organisationID).path + "?page=\(number)")
                            ?? ListeningRoute.consultations(organisation: model.organisationID).url
                    },
                    .if(!model.teams.isEmpty, Components.disclosure(t(.consultationStart), open: !model.errors.isEmpty, .form(
                        .class("stack narrow"), .method(.post), .link(ListeningRoute.consultations(organisation: model.organisationID).url, as: "action"),
                        .attribute(named: "novalidate"),
                        Components.csrfField(chrome.csrfToken),
                        Components.select(name: "team", label: t(.consultationTeamField), options: model.teams.map {
                            .init(value: $0.id.uuidString, label: $0.name, isSelected: $0.id == model.draft.teamID)
                        }, error: model.errors.message(for: "team")),
                        Components.textField(name: "title", label: t(.consultationTitleField), value: model.draft.title,
                                             error: model.errors.message(for: "title"), maxLength: Consultations.longestTitle),
                        Components.textArea(name: "purpose", label: t(.consultationPurposeField), value: model.draft.purpose,
                                            hint: t(.consultationPurposeHint), error: model.errors.message(for: "purpose"),
                                            maxLength: Consultations.longestText),
                        Components.textField(name: "audience", label: t(.consultationAudienceField), value: model.draft.audience,
                                             hint: t(.consultationAudienceHint), error: model.errors.message(for: "audience"),
                                             maxLength: Consultations.longestTitle),
                        Components.select(name: "language", label: t(.consultationLanguageField), options: ContentLanguages.all.map {
                            .init(value: $0.code, label: $0.name, isSelected: $0.code == (model.draft.language.isEmpty ? t.language : model.draft.language))
                        }, error: model.errors.message(for: "language")),
                        Components.textArea(name: "groups", label: t(.consultationGroupsField), value: model.draft.groups,
                                            hint: t(.consultationGroupsHint), error: model.errors.message(for: "groups"), required: false,
                                            maxLength: Consultations.mostGroups * (Consultations.longestGroup + 1)),
                        Components.textField(name: "opensOn", label: t(.consultationOpensField), value: model.draft.opensOn, type: .date,
                                             error: model.errors.message(for: "opensOn"), maxLength: 10),
                        Components.textField(name: "closesOn", label: t(.consultationClosesField), value: model.draft.closesOn, type: .date,
                                             error: model.errors.message(for: "closesOn"), maxLength: 10),
                        Components.submit(t(.consultationStartButton))
                    )))
                )
            )
        }
    }
}

/// Listening's words that more than one page uses.
public enum ListeningWords {
    public static func state(_ state: ConsultationState, _ t: Localizer) -> String {
        switch state {
        case .draft: t(.consultationStateDraft)
        case .open: t(.consultationStateOpen)
        case .closed: t(.consultationStateClosed)
        }
    }
}
