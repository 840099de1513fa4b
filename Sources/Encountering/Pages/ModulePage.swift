import Fluent
import Foundation
import KanssaCore
@preconcurrency import Plot

/// A training module: its sections in order, its credits and licence; for its co-trainers, the
/// forms to change it and publish it; for staff who support them, comments — never an edit.
public enum ModulePage {
    public struct Section: Sendable, Equatable {
        public let id: UUID
        public let kind: SectionKind
        public let title: String
        public let body: String
        public let instrument: String?
        public var changedAt: Date?
        public var earlierWordings = 0
    }

    /// A questionnaire a reflection section can name.
    public struct InstrumentChoice: Sendable, Equatable {
        public let id: String
        public let title: String
    }

    /// Credits given together: the same people, for the same work, in the same panel.
    public struct CreditGroup: Sendable, Equatable {
        public let role: CreditRole
        public let names: [String]
        public let panel: String
        public let organisation: String
    }

    /// A panel the viewer may adapt the module for.
    public struct AdaptTarget: Sendable, Equatable {
        public let panelID: UUID
        public let panel: String
        public let organisation: String
    }

    public struct Comment: Sendable, Equatable {
        public let author: String
        public let text: String
        public let at: Date
    }

    public struct Model: Sendable, Equatable {
        public let id: UUID
        public let title: String
        public let summary: String
        public let language: String
        public let licence: String
        public let version: Int
        public let panel: String
        public let organisation: String
        public let publishedAt: Date?
        public let credits: [CreditGroup]
        public let lineage: ModuleLineage
        /// Whether the licence lets others adapt it.
        public let permitsAdaptation: Bool
        public let adaptTargets: [AdaptTarget]
        public let sessions: Sessions
        public let sections: [Section]
        public let comments: [Comment]?
        public let mayWrite: Bool
        public let mayComment: Bool
        public let instruments: [InstrumentChoice]
        public let languages: [Chrome.LanguageChoice]
        public var draft: [String: String] = [:]
        public var errors: [FieldError] = []
        public var notice: Notice?
        /// A section someone asked to remove, waiting for them to confirm.
        public var confirmRemoval: UUID?
        /// The section the notice is about: it is told there, not at the top.
        public var noticeAt: UUID?
    }

    /// About twenty queries, and one more per step of its lineage.
    public static func load(
        _ access: ModuleAccess, viewer: Principal, instruments: [String: Instrument], languages: [Chrome.LanguageChoice], now: Date,
        on database: any Database
    ) async throws -> Model? {
        guard let module = try await TrainingModule.find(access.moduleID, on: database),
            let panel = try await Panel.find(module.panelID, on: database),
            let organisation = try await Organisation.find(module.organisationID, on: database)
        else { return nil }
        let sections = try await ModuleSection.query(on: database).filter(\.$moduleID == access.moduleID).sort(\.$position).all()
        let versions = sections.isEmpty ? [] : try await SectionVersion.query(on: database).filter(\.$sectionID ~~ sections.compactMap(\.id))
            .all(\.$sectionID)
        let credits = try await ModuleCredit.query(on: database).filter(\.$moduleID == access.moduleID).sort(\.$position).all()
        let mayWrite = Policy.decide(.writeModule(access), for: viewer).isAllowed
        let mayComment = Policy.decide(.commentOnModule(access), for: viewer).isAllowed
        var comments: [Comment]?
        if mayWrite || mayComment {
            let rows = try await ModuleComment.query(on: database).filter(\.$moduleID == access.moduleID).sort(\.$createdAt).all()
            let names = try await Account.displayNames(of: rows.map(\.authorID), on: database)
            comments = rows.map { Comment(author: names[$0.authorID] ?? "", text: $0.text, at: $0.createdAt) }
        }
        let lineage = try await ModuleLineage.load(moduleID: access.moduleID, on: database)
        let targets = access.isPublished ? try await adaptTargets(for: access, viewer: viewer, on: database) : []
        let sessions = try await loadSessions(access, lineage: lineage, viewer: viewer, instruments: instruments, now: now, on: database)
        func title(_ id: String) -> String { instruments[id].map { $0.text($0.title, in: module.language) } ?? id }
        return Model(
            id: access.moduleID, title: module.title, summary: module.summary, language: module.language, licence: module.licence,
            version: module.version, panel: panel.name, organisation: organisation.name, publishedAt: module.publishedAt,
            credits: groups(of: credits), lineage: lineage, permitsAdaptation: Modules.permitsAdaptation(licence: module.licence),
            adaptTargets: targets, sessions: sessions,
            sections: sections.compactMap { section in
                guard let id = section.id, let kind = SectionKind(rawValue: section.kind) else { return nil }
                return Section(id: id, kind: kind, title: section.title, body: section.body, instrument: section.instrumentID.map(title),
                               changedAt: section.changedAt, earlierWordings: versions.filter { $0 == id }.count)
            },
            comments: comments, mayWrite: mayWrite, mayComment: mayComment,
            instruments: instruments.keys.sorted().map { InstrumentChoice(id: $0, title: title($0)) }, languages: languages)
    }

    static func groups(of credits: [ModuleCredit]) -> [CreditGroup] {
        let ordered = credits.sorted { ($0.inherited ? 0 : 1, $0.position) < ($1.inherited ? 0 : 1, $1.position) }
        var groups: [CreditGroup] = []
        for credit in ordered {
            let role = CreditRole(rawValue: credit.role) ?? .author
            if let last = groups.last, last.role == role, last.panel == credit.panelName, last.organisation == credit.organisationName {
                groups[groups.count - 1] = CreditGroup(role: role, names: last.names + [credit.name], panel: last.panel,
                                                       organisation: last.organisation)
            } else {
                groups.append(CreditGroup(role: role, names: [credit.name], panel: credit.panelName, organisation: credit.organisationName))
            }
        }
        return groups
    }

    /// The panels the viewer may adapt the module for: their own panels, and those of the
    /// organisations they coordinate — as the policy decides. Three queries.
    static func adaptTargets(for access: ModuleAccess, viewer: Principal, on database: any Database) async throws -> [AdaptTarget] {
        let own = try await PanelMember.query(on: database).filter(\.$accountID == viewer.accountID).filter(\.$leftAt == nil).all(\.$panelID)
        let coordinated = viewer.memberships.filter { $0.role == .coordinator }.map(\.organisationID)
        guard !own.isEmpty || !coordinated.isEmpty else { return [] }
        let panels = try await Panel.query(on: database).group(.or) { $0.filter(\.$id ~~ own).filter(\.$organisationID ~~ coordinated) }
            .sort(\.$name).all()
        let members = try await PanelMember.query(on: database).filter(\.$panelID ~~ panels.compactMap(\.id)).filter(\.$leftAt == nil).all()
        let organisations = Dictionary(uniqueKeysWithValues: viewer.memberships.map { ($0.organisationID, $0.organisationName) })
        return panels.compactMap { panel in
            guard let id = panel.id else { return nil }
            let target = PanelAccess(panelID: id, organisationID: panel.organisationID,
                                     memberIDs: Set(members.filter { $0.panelID == id }.map(\.accountID)), staffContactID: panel.staffContactID)
            guard Policy.decide(.adaptModule(access, into: target), for: viewer).isAllowed else { return nil }
            return AdaptTarget(panelID: id, panel: panel.name, organisation: organisations[panel.organisationID] ?? "")
        }
    }

    static func kindName(_ kind: SectionKind, _ t: Localizer) -> String {
        switch kind {
        case .goodEncounter: t(.sectionGoodEncounter)
        case .badEncounter: t(.sectionBadEncounter)
        case .tips: t(.sectionTips)
        case .exercise: t(.sectionExercise)
        case .discussion: t(.sectionDiscussion)
        case .reflection: t(.sectionReflection)
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
                title: model.title, titleLanguage: model.language, chrome: chrome, errors: model.errors,
                notices: model.noticeAt == nil ? model.notice.map { [$0] } ?? [] : [],
                content: .div(
                    .unwrap(model.sections.first { $0.id == model.confirmRemoval }) { section in
                        .div(
                            .class("notice notice--error"), .attribute(named: "role", value: "alert"),
                            .p(.txt(t(.sectionRemoveConfirm, ["title": section.title]))),
                            Components.postButton(
                                action: EncounteringRoute.removeSection(module: model.id, section: section.id).url, csrfToken: chrome.csrfToken,
                                label: t(.sectionRemoveForGood), style: .danger, hidden: [("confirm", "yes")]),
                            .p(.a(.link(EncounteringRoute.module(model.id).url), .txt(t(.sectionKeep))))
                        )
                    },
                    .p(.a(.link(EncounteringRoute.home.url), .txt(t(.encounteringTitle)))),
                    .p(.span(.class("tag"), .txt(model.publishedAt.map { t(.modulePublishedOn, ["date": t.date($0)]) } ?? t(.moduleDraftTag)))),
                    .p(.txt(t(.moduleBy, ["panel": model.panel, "organisation": model.organisation]))),
                    .if(!model.credits.isEmpty, .ul(.class("credits"), .forEach(model.credits) { credit($0) })),
                    .p(.txt(t(.moduleLicenceLine, ["licence": model.licence, "language": ContentLanguages.name(of: model.language)]))),
                    .p(.class("own-words"), .attribute(named: "lang", value: model.language), .txt(model.summary)),
                    .if(model.sections.isEmpty, .p(.txt(t(.moduleNoSections)))),
                    .forEach(model.sections) { section($0) },
                    lineage,
                    .if(model.publishedAt != nil, sessions),
                    .if(model.publishedAt != nil, adapting),
                    .if(model.mayWrite, writing),
                    .unwrap(model.comments) { comments($0) }
                )
            )
        }

        private func credit(_ group: CreditGroup) -> Node<HTML.ListContext> {
            let t = chrome.t
            let arguments = ["names": group.names.joined(separator: ", "), "panel": group.panel, "organisation": group.organisation]
            return .li(.txt(t(group.role == .author ? .moduleCreditsWritten : .moduleCreditsAdapted, arguments)))
        }

        private var lineage: Node<HTML.BodyContext> {
            let t = chrome.t
            let lineage = model.lineage
            func line(_ entry: ModuleLineage.Entry) -> Node<HTML.BodyContext> {
                .a(.link(EncounteringRoute.module(entry.id).url),
                   .txt(t(.moduleAdaptationLine, ["title": entry.title, "organisation": entry.organisation,
                                                     "language": ContentLanguages.name(of: entry.language)])))
            }
            // Adaptations as a tree: each followed by what was adapted from it, as a list inside.
            func adaptations(of parent: UUID) -> Node<HTML.BodyContext> {
                let children = lineage.descendants.filter { $0.adaptedFromID == parent }
                guard !children.isEmpty else { return .empty }
                return .ul(.class("lineage"), .forEach(children) { .li(line($0), adaptations(of: $0.id)) })
            }
            return .section(
                .h2(.txt(t(.moduleLineageHeading))),
                .if(lineage.ancestors.isEmpty, .p(.txt(t(.moduleOriginal)))),
                .if(!lineage.ancestors.isEmpty, .ol(.class("lineage"), .forEach(lineage.ancestors) { entry in
                    .li(.txt(t(entry.depth == 1 ? .moduleAdaptedFrom : .moduleWhichWasAdaptedFrom) + " "), line(entry))
                })),
                .h3(.txt(t(.moduleAdaptationsHeading))),
                .if(lineage.descendants.isEmpty, .p(.txt(t(.moduleNoAdaptations)))),
                adaptations(of: model.id),
                .p(.txt(t(.moduleReachOrganisations, ["count": t.number(lineage.organisationCount)])))
            )
        }

        private var adapting: Node<HTML.BodyContext> {
            let t = chrome.t
            guard !model.adaptTargets.isEmpty else { return .empty }
            return .section(
                .h2(.txt(t(.moduleAdaptHeading))),
                model.permitsAdaptation
                    ? .group(
                        .p(.txt(t(.moduleAdaptIntro))),
                        .forEach(model.adaptTargets) { target in
                            Components.postButton(
                                action: EncounteringRoute.adapt(module: model.id, panel: target.panelID).url, csrfToken: chrome.csrfToken,
                                label: t(.moduleAdaptFor, ["panel": target.panel, "organisation": target.organisation]), style: .secondary)
                        })
                    : .p(.txt(t(.moduleAdaptNotAllowed, ["licence": model.licence])))
            )
        }

        private func section(_ section: Section) -> Node<HTML.BodyContext> {
            let t = chrome.t
            return .article(
                .class("card"), .safe("id", "section-\(section.id)"),
                .if(model.noticeAt == section.id, .unwrap(model.notice) { Components.notice($0, focus: true) }),
                .p(.span(.class("tag"), .txt(ModulePage.kindName(section.kind, t))),
                   .unwrap(section.changedAt) { .span(.class("tag"), .txt(t(.sectionChangedOn, ["date": t.date($0)]))) }),
                .h2(.attribute(named: "lang", value: model.language), .txt(section.title)),
                .if(!section.body.isEmpty, .p(.class("own-words"), .attribute(named: "lang", value: model.language), .txt(section.body))),
                .unwrap(section.instrument) { .p(.txt(t(.sectionQuestionnaire, ["title": $0]))) },
                .if(model.mayWrite, .p(Components.actionLink(
                    EncounteringRoute.section(module: model.id, section: section.id).url,
                    section.earlierWordings > 0 ? t(.sectionChangeWithEarlier, counts: ["count": section.earlierWordings]) : t(.sectionChange),
                    about: section.title))),
                .if(model.mayWrite, Components.postButton(
                    action: EncounteringRoute.removeSection(module: model.id, section: section.id).url, csrfToken: chrome.csrfToken,
                    label: t(.sectionRemove, ["title": section.title]), style: .link))
            )
        }

        private var writing: Node<HTML.BodyContext> {
            let t = chrome.t
            let draft = model.draft
            return .group(
                .section(
                    .h2(.txt(t(.sectionAddHeading))),
                    .form(
                        .class("stack narrow"), .method(.post), .link(EncounteringRoute.sections(module: model.id).url, as: "action"),
                        .attribute(named: "novalidate"),
                        Components.csrfField(chrome.csrfToken),
                        Components.radios(
                            name: "kind", legend: t(.sectionKind),
                            options: SectionKind.allCases.map {
                                .init(value: $0.rawValue, label: ModulePage.kindName($0, t), isSelected: draft["kind"] == $0.rawValue)
                            },
                            error: model.errors.message(for: "kind")),
                        Components.textField(name: "section-title", label: t(.sectionTitle), value: draft["section-title"] ?? "",
                                             error: model.errors.message(for: "section-title"), maxLength: 120),
                        Components.textArea(name: "body", label: t(.sectionBody), value: draft["body"] ?? "", hint: t(.sectionBodyHint),
                                            error: model.errors.message(for: "body"), required: false, maxLength: Modules.bodyLength),
                        Components.select(
                            name: "instrument", label: t(.sectionInstrument),
                            options: [.init(value: "", label: t(.sectionNoInstrument), isSelected: (draft["instrument"] ?? "").isEmpty)]
                                + model.instruments.map { .init(value: $0.id, label: $0.title, isSelected: draft["instrument"] == $0.id) },
                            error: model.errors.message(for: "instrument")),
                        Components.submit(t(.sectionAdd))
                    )
                ),
                .section(
                    .h2(.txt(t(.moduleDetailsHeading))),
                    .form(
                        .class("stack narrow"), .method(.post), .link(EncounteringRoute.module(model.id).url, as: "action"),
                        .attribute(named: "novalidate"),
                        Components.csrfField(chrome.csrfToken),
                        .input(.type(.hidden), .name("version"), .safe("value", String(model.version))),
                        Components.textField(name: "title", label: t(.moduleTitleField), value: draft["title"] ?? model.title,
                                             error: model.errors.message(for: "title"), maxLength: 120),
                        Components.textArea(name: "summary", label: t(.moduleSummary), value: draft["summary"] ?? model.summary,
                                            error: model.errors.message(for: "summary"), maxLength: 1000),
                        Components.select(
                            name: "language", label: t(.moduleLanguage),
                            options: model.languages.map { .init(value: $0.code, label: $0.name, isSelected: (draft["language"] ?? model.language) == $0.code) },
                            error: model.errors.message(for: "language")),
                        Components.textField(name: "licence", label: t(.moduleLicence), value: draft["licence"] ?? model.licence,
                                             hint: t(.moduleLicenceHint), error: model.errors.message(for: "licence")),
                        Components.submit(t(.moduleSave), style: .secondary)
                    )
                ),
                .if(model.publishedAt == nil, .section(
                    .h2(.txt(t(.modulePublishHeading))),
                    .p(.txt(t(.modulePublishIntro))),
                    .form(
                        .class("stack narrow"), .method(.post), .link(EncounteringRoute.publish(module: model.id).url, as: "action"),
                        Components.csrfField(chrome.csrfToken),
                        Components.checkboxes(
                            name: "reviewed", legend: t(.modulePublishLegend),
                            options: [.init(value: "yes", label: t(.modulePublishConfirm), isSelected: false)],
                            error: model.errors.message(for: "reviewed")),
                        Components.submit(t(.modulePublish))
                    )
                ))
            )
        }

        private func comments(_ comments: [Comment]) -> Node<HTML.BodyContext> {
            let t = chrome.t
            return .section(
                .h2(.txt(t(.moduleCommentsHeading))),
                .p(.txt(t(.moduleCommentsIntro))),
                .if(comments.isEmpty, .p(.txt(t(.moduleNoComments)))),
                .ul(.forEach(comments) { comment in
                    .li(.strong(.txt(comment.author)), .txt(" · " + t.date(comment.at)), .p(.class("own-words"), .txt(comment.text)))
                }),
                .if(model.mayComment, .form(
                    .class("stack narrow"), .method(.post), .link(EncounteringRoute.comments(module: model.id).url, as: "action"),
                    .attribute(named: "novalidate"),
                    Components.csrfField(chrome.csrfToken),
                    Components.textArea(name: "comment", label: t(.moduleComment), value: model.draft["comment"] ?? "",
                                        error: model.errors.message(for: "comment"), maxLength: 2000),
                    Components.submit(t(.moduleAddComment), style: .secondary)
                ))
            )
        }
    }
}
