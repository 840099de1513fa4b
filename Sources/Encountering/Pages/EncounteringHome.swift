import Fluent
import Foundation
import KanssaCore
@preconcurrency import Plot

/// Encountering for each person: a co-trainer's panels and their modules; a staff contact's or
/// coordinator's panels' modules, drafts included; and the modules published anywhere.
public enum EncounteringHome {
    public struct ModuleLine: Sendable, Equatable {
        public let id: UUID
        public let title: String
        public let organisation: String
        public let language: String
        public let isPublished: Bool
    }

    public struct PanelLine: Sendable, Equatable {
        public let id: UUID
        public let name: String
        public let creditName: String
        public let modules: [ModuleLine]
        /// What a new module of the panel is written in unless they say otherwise: the language of
        /// its latest module, or its organisation's.
        public let language: String
    }

    public struct SessionLine: Sendable, Equatable {
        public let id: UUID
        public let moduleTitle: String
        public let startsAt: Date
        public let mode: SessionMode
        public let isRegistered: Bool
        public var isCancelled = false

        public init(id: UUID, moduleTitle: String, startsAt: Date, mode: SessionMode, isRegistered: Bool, isCancelled: Bool = false) {
            self.id = id
            self.moduleTitle = moduleTitle
            self.startsAt = startsAt
            self.mode = mode
            self.isRegistered = isRegistered
            self.isCancelled = isCancelled
        }
    }

    public struct Model: Sendable, Equatable {
        public let myPanels: [PanelLine]
        /// Sessions coming up in the person's organisations, for professionals and coordinators.
        public var joinable: [SessionLine] = []
        /// Sessions the person delivers or hosts, from a month ago on.
        public var giving: [SessionLine] = []
        public var isCoTrainer = false
        /// Sessions whose feedback, or whose follow-up, is waiting for the person.
        public var feedbackWaiting: [SessionLine] = []
        public var followUpsWaiting: [SessionLine] = []
        public let supported: [ModuleLine]
        /// Published modules, newest first, a page at a time.
        public let published: Paged<ModuleLine>
        public let languages: [Chrome.LanguageChoice]
        public var errors: [FieldError] = []
        public var draft: [String: String] = [:]
        public var notice: Notice?
    }

    /// Sessions the person may join (coming up, in organisations where they are a professional
    /// or coordinator), sessions they give (as co-trainer or host, from 30 days ago), and the
    /// feedback and follow-ups waiting for them. Eight queries.
    public static func loadSessions(into model: inout Model, principal: Principal, now: Date, on database: any Database) async throws {
        let me = principal.accountID
        let attending = principal.memberships.filter { [.professional, .coordinator].contains($0.role) }.map(\.organisationID)
        let delivering = try await SessionCoTrainer.query(on: database).filter(\.$accountID == me).all(\.$sessionID)
        let joinable = attending.isEmpty ? [] : try await EncounterSession.query(on: database).filter(\.$organisationID ~~ attending)
            .filter(\.$cancelledAt == nil)
            .filter(\.$startsAt > now).filter(\.$hostID != me).sort(\.$startsAt).limit(20).all()
        let giving = try await EncounterSession.query(on: database).group(.or) { $0.filter(\.$hostID == me).filter(\.$id ~~ delivering) }
            .filter(\.$startsAt > now.addingTimeInterval(-30 * 24 * 3600)).sort(\.$startsAt).limit(50).all()
        // What waits for them: feedback on sessions of the last 60 days they did not miss, and
        // follow-ups that are due.
        let waiting = try await EncounteringWaiting.participation(of: me, now: now, on: database)
        let registered = waiting.registered
        let titles = try await TrainingModule.query(on: database)
            .filter(\.$id ~~ Set((joinable + giving + waiting.feedback + waiting.followUps).map(\.moduleID))).all()
            .reduce(into: [UUID: String]()) { $0[$1.id!] = $1.title }
        func line(_ session: EncounterSession) -> SessionLine {
            SessionLine(id: session.id!, moduleTitle: titles[session.moduleID] ?? "", startsAt: session.startsAt,
                        mode: SessionMode(rawValue: session.mode) ?? .inPerson, isRegistered: registered.contains(session.id!),
                        isCancelled: session.cancelledAt != nil)
        }
        model.feedbackWaiting = waiting.feedback.map(line)
        model.followUpsWaiting = waiting.followUps.map(line)
        let givingIDs = Set(giving.compactMap(\.id))
        model.joinable = joinable.filter { !givingIDs.contains($0.id!) }.map(line)
        model.giving = giving.map(line)
        model.isCoTrainer = principal.memberships.contains { $0.role == .coTrainer }
    }

    /// Seven queries: the person's panels, the panels they support, the modules of both, a page of
    /// published modules and their count, and organisation names.
    public static func load(
        principal: Principal, languages: [Chrome.LanguageChoice], page: ListPage = ListPage(number: 1), on database: any Database
    ) async throws -> Model {
        let me = principal.accountID
        let memberships = try await PanelMember.query(on: database).filter(\.$accountID == me).filter(\.$leftAt == nil).all()
        let coordinated = principal.memberships.filter { $0.role == .coordinator }.map(\.organisationID)
        let panels = try await Panel.query(on: database).group(.or) {
            $0.filter(\.$id ~~ memberships.map(\.panelID)).filter(\.$staffContactID == me).filter(\.$organisationID ~~ coordinated)
        }.sort(\.$name).all()
        let own = try await TrainingModule.query(on: database).filter(\.$panelID ~~ panels.compactMap(\.id)).sort(\.$updatedAt, .descending).all()
        let published = try await TrainingModule.query(on: database).filter(\.$publishedAt != nil).sort(\.$publishedAt, .descending)
            .sort(\.$id).offset(page.offset).limit(page.size).all()
        let publishedCount = try await TrainingModule.query(on: database).filter(\.$publishedAt != nil).count()
        let organisationIDs = Set((own + published).map(\.organisationID) + panels.map(\.organisationID))
        let found = try await Organisation.query(on: database).filter(\.$id ~~ organisationIDs).all()
        let organisations = found.reduce(into: [UUID: String]()) { $0[$1.id!] = $1.name }
        let organisationLanguages = found.reduce(into: [UUID: String]()) { $0[$1.id!] = $1.defaultLanguage }
        func line(_ module: TrainingModule) -> ModuleLine {
            ModuleLine(id: module.id!, title: module.title, organisation: organisations[module.organisationID] ?? "", language: module.language,
                       isPublished: module.publishedAt != nil)
        }
        let mine = Set(memberships.map(\.panelID))
        return Model(
            myPanels: panels.filter { mine.contains($0.id!) }.map { panel in
                PanelLine(id: panel.id!, name: panel.name, creditName: memberships.first { $0.panelID == panel.id }?.creditName ?? "",
                          modules: own.filter { $0.panelID == panel.id }.map(line),
                          language: own.first { $0.panelID == panel.id }?.language ?? organisationLanguages[panel.organisationID] ?? "en")
            },
            supported: own.filter { !mine.contains($0.panelID) }.map(line),
            published: Paged(items: published.map(line), page: page, total: publishedCount), languages: languages)
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
                title: t(.encounteringTitle), chrome: chrome, errors: model.errors, notices: model.notice.map { [$0] } ?? [],
                content: .div(
                    .p(.txt(t(.encounteringIntro))),
                    .if(!model.feedbackWaiting.isEmpty || !model.followUpsWaiting.isEmpty, .section(
                        .h2(.txt(t(.encounteringWaiting))),
                        .ul(
                            .forEach(model.feedbackWaiting) { line in
                                .li(.a(.link(EncounteringRoute.session(line.id).url), .txt(t(.encounteringGiveFeedbackOn, ["title": line.moduleTitle]))),
                                    .txt(" · " + t.date(line.startsAt)))
                            },
                            .forEach(model.followUpsWaiting) { line in
                                .li(.a(.link(EncounteringRoute.session(line.id).url), .txt(t(.encounteringFollowUpOn, ["title": line.moduleTitle]))),
                                    .txt(" · " + t.date(line.startsAt)))
                            }
                        )
                    )),
                    .if(!model.giving.isEmpty || model.isCoTrainer, .section(
                        .h2(.txt(t(.encounteringGiving))),
                        .if(model.giving.isEmpty, .p(.txt(t(.encounteringNoneGiving)))),
                        sessions(model.giving),
                        .if(model.isCoTrainer, .p(.a(.link(EncounteringRoute.statement.url), .txt(t(.encounterStatementLink)))))
                    )),
                    .if(!model.joinable.isEmpty, .section(
                        .h2(.txt(t(.encounteringJoinable))),
                        sessions(model.joinable)
                    )),
                    .forEach(model.myPanels) { panel($0) },
                    .if(!model.supported.isEmpty, .section(
                        .h2(.txt(t(.encounteringSupported))),
                        modules(model.supported)
                    )),
                    .section(
                        .h2(.txt(t(.encounteringPublished))),
                        .if(model.published.items.isEmpty, .p(.txt(t(.encounteringNonePublished)))),
                        modules(model.published.items),
                        Components.pagination(model.published, t: t) { SafeURL(EncounteringRoute.home.path + "?page=\($0)")! }
                    )
                )
            )
        }

        private func sessions(_ lines: [SessionLine]) -> Node<HTML.BodyContext> {
            let t = chrome.t
            return .ul(.forEach(lines) { line in
                .li(.a(.link(EncounteringRoute.session(line.id).url), .txt(line.moduleTitle)),
                    .txt(" · " + t.dateTime(line.startsAt) + " · " + t(line.mode == .online ? .encounterSessionOnline : .encounterSessionInPerson)),
                    .if(line.isRegistered && !line.isCancelled, .span(.class("tag"), .txt(t(.sessionYouAreRegistered)))),
                    .if(line.isCancelled, .span(.class("tag tag--warning"), .txt(t(.encounterSessionCancelledTag)))))
            })
        }

        private func modules(_ lines: [ModuleLine]) -> Node<HTML.BodyContext> {
            let t = chrome.t
            return .ul(.class("cards"), .forEach(lines) { line in
                .li(
                    .class("card"),
                    .h3(.a(.link(EncounteringRoute.module(line.id).url), .txt(line.title))),
                    .p(.txt(t(.moduleFrom, ["organisation": line.organisation, "language": ContentLanguages.name(of: line.language)]))),
                    .p(.span(.class("tag"), .txt(t(line.isPublished ? .modulePublishedTag : .moduleDraftTag))))
                )
            })
        }

        private func panel(_ panel: PanelLine) -> Node<HTML.BodyContext> {
            let t = chrome.t
            let credit = "credit-\(panel.id)"
            let title = "title-\(panel.id)"
            let summary = "summary-\(panel.id)"
            let language = "language-\(panel.id)"
            return .section(
                .h2(.txt(panel.name)),
                .if(panel.modules.isEmpty, .p(.txt(t(.panelNoModules)))),
                modules(panel.modules),
                .form(
                    .class("stack narrow"), .method(.post), .link(EncounteringRoute.credit(panel: panel.id).url, as: "action"),
                    .attribute(named: "novalidate"),
                    Components.csrfField(chrome.csrfToken),
                    Components.textField(name: credit, label: t(.panelCreditName), value: model.draft[credit] ?? panel.creditName,
                                         hint: t(.panelCreditNameHint), error: model.errors.message(for: credit), maxLength: 60),
                    Components.submit(t(.panelSaveCredit), style: .secondary)
                ),
                .h3(.txt(t(.moduleStartHeading))),
                .form(
                    .class("stack narrow"), .method(.post), .link(EncounteringRoute.newModule(panel: panel.id).url, as: "action"),
                    .attribute(named: "novalidate"),
                    Components.csrfField(chrome.csrfToken),
                    Components.textField(name: title, label: t(.moduleTitleField), value: model.draft[title] ?? "",
                                         error: model.errors.message(for: title), maxLength: 120),
                    Components.textArea(name: summary, label: t(.moduleSummary), value: model.draft[summary] ?? "", hint: t(.moduleSummaryHint),
                                        error: model.errors.message(for: summary), maxLength: 1000),
                    Components.select(
                        name: language, label: t(.moduleLanguage),
                        options: model.languages.map { .init(value: $0.code, label: $0.name, isSelected: (model.draft[language] ?? panel.language) == $0.code) },
                        error: model.errors.message(for: language)),
                    Components.submit(t(.moduleStart))
                )
            )
        }
    }
}
