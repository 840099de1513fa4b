import Fluent
import Foundation
import KanssaCore
@preconcurrency import Plot

/// A coordinator's rounds: who is asked, until when, how many have answered — never who, never
/// what — and the form to open one.
public enum RoundList {
    public struct Line: Sendable, Equatable {
        public let id: UUID
        public let label: String
        public let instrument: String
        public let group: String
        public let closesAt: Date
        public let submitted: Int
    }

    public struct Choice: Sendable, Equatable {
        public let id: String
        public let name: String
    }

    public struct Model: Sendable, Equatable {
        public let organisationID: UUID
        public let organisationName: String
        public let instruments: [Choice]
        public let teams: [Choice]
        /// The group chosen has no professional who could answer: opening asks to be sure.
        public var nobodyCanAnswer = false
        public let lines: [Line]
        /// Whether the viewer opens rounds (a coordinator) or only reads figures (a researcher).
        public var mayOpen = true
        public var draft: [String: String] = [:]
        public var errors: [FieldError] = []
        public var notice: Notice?
    }

    /// Three queries: the rounds, how many sent answers in each (counted, not read), the teams.
    public static func load(
        organisation: Organisation, instruments: [String: Instrument], language: String, on database: any Database
    ) async throws -> Model {
        let organisationID = try organisation.requireID()
        let rounds = try await AssessmentRound.query(on: database).filter(\.$organisationID == organisationID)
            .sort(\.$openedAt, .descending).all()
        let counts = try await Rounds.submittedCounts(of: rounds.compactMap(\.id), on: database)
        let teams = try await Team.query(on: database).filter(\.$organisation.$id == organisationID).sort(\.$name).all()
        let teamNames = teams.reduce(into: [UUID: String]()) { $0[$1.id!] = $1.name }
        func title(_ id: String) -> String { instruments[id].map { $0.text($0.title, in: language) } ?? id }
        return Model(
            organisationID: organisationID, organisationName: organisation.name,
            instruments: instruments.keys.sorted().map { Choice(id: $0, name: title($0)) },
            teams: teams.map { Choice(id: $0.id!.uuidString, name: $0.name) },
            lines: rounds.map { round in
                Line(id: round.id!, label: round.label, instrument: title(round.instrumentID),
                     group: round.teamID.flatMap { teamNames[$0] } ?? organisation.name, closesAt: round.closesAt,
                     submitted: counts[round.id!] ?? 0)
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
            return Layout.page(
                title: t(.roundsTitle, ["organisation": model.organisationName]), chrome: chrome, errors: model.errors,
                notices: model.notice.map { [$0] } ?? [],
                content: .div(
                    .p(.txt(t(model.mayOpen ? .roundsIntro : .roundsIntroReader))),
                    .if(model.lines.isEmpty, .p(.txt(t(.roundsNone)))),
                    .if(!model.lines.isEmpty, Components.table(
                        caption: t(.roundsCaption),
                        headers: [t(.roundLabel), t(.roundInstrument), t(.roundGroup), t(.roundCloses), t(.roundSubmitted)],
                        rows: model.lines.map { line in
                            [
                                .a(.link(LearningRoute.figures(organisation: model.organisationID, round: line.id).url), .txt(line.label)),
                                .txt(line.instrument), .txt(line.group), .txt(t.date(line.closesAt)), .txt(t.number(line.submitted)),
                            ]
                        })),
                    .if(model.mayOpen, .p(.a(.link(LearningRoute.instruments(organisation: model.organisationID).url),
                                             .txt(t(.roundsImportLink))))),
                    .if(model.mayOpen, form)
                )
            )
        }

        private var form: Node<HTML.BodyContext> {
            let t = chrome.t
            let draft = model.draft
            return .section(
                .h2(.txt(t(.roundOpenHeading))),
                .form(
                    .class("stack narrow"), .method(.post), .link(LearningRoute.rounds(organisation: model.organisationID).url, as: "action"),
                    .attribute(named: "novalidate"),
                    Components.csrfField(chrome.csrfToken),
                    Components.select(
                        name: "instrument", label: t(.roundInstrument),
                        options: [.init(value: "", label: t(.roundChooseInstrument), isSelected: (draft["instrument"] ?? "").isEmpty)]
                            + model.instruments.map { .init(value: $0.id, label: $0.name, isSelected: draft["instrument"] == $0.id) },
                        error: model.errors.message(for: "instrument")),
                    Components.select(
                        name: "team", label: t(.roundGroup),
                        options: [.init(value: "", label: t(.roundWholeOrganisation, ["organisation": model.organisationName]),
                                        isSelected: (draft["team"] ?? "").isEmpty)]
                            + model.teams.map { .init(value: $0.id, label: $0.name, isSelected: draft["team"] == $0.id) },
                        error: model.errors.message(for: "team")),
                    Components.textField(
                        name: "label", label: t(.roundLabel), value: draft["label"] ?? "", hint: t(.roundLabelHint),
                        error: model.errors.message(for: "label"), maxLength: 100),
                    Components.textField(
                        name: "closes", label: t(.roundCloses), value: draft["closes"] ?? "", type: .date,
                        error: model.errors.message(for: "closes"), maxLength: 10),
                    .if(model.nobodyCanAnswer, .div(
                        .class("checkbox"),
                        .input(.type(.checkbox), .id("nobody"), .name("nobody"), .safe("value", "open")),
                        .label(.safe("for", "nobody"), .txt(t(.roundOpenAnyway)))
                    )),
                    Components.submit(t(.roundOpen))
                )
            )
        }
    }
}
