import Fluent
import Foundation
import KanssaCore
@preconcurrency import Plot

/// One section of a module, for its panel to change in place: its words in a form, and each
/// earlier wording below it, kept, with the day it was replaced.
public enum SectionEditor {
    public struct Earlier: Sendable, Equatable {
        public let title: String
        public let body: String
        public let writtenAt: Date
        public let replacedAt: Date
    }

    public struct Model: Sendable, Equatable {
        public let moduleID: UUID
        public let moduleTitle: String
        public let language: String
        public let sectionID: UUID
        public let kind: SectionKind
        public let title: String
        public let body: String
        public let instrumentID: String?
        public let version: Int
        public let instruments: [ModulePage.InstrumentChoice]
        public let earlier: [Earlier]
        public var draft: [String: String] = [:]
        public var errors: [FieldError] = []
        public var notice: Notice?
    }

    /// Four queries; nil if the section is not one of this module's.
    public static func load(
        section sectionID: UUID, of access: ModuleAccess, instruments: [String: Instrument], on database: any Database
    ) async throws -> Model? {
        guard let module = try await TrainingModule.find(access.moduleID, on: database),
            let section = try await Modules.section(sectionID, of: access.moduleID, on: database),
            let kind = SectionKind(rawValue: section.kind)
        else { return nil }
        let versions = try await Modules.versions(of: sectionID, on: database)
        return Model(
            moduleID: access.moduleID, moduleTitle: module.title, language: module.language, sectionID: sectionID, kind: kind,
            title: section.title, body: section.body, instrumentID: section.instrumentID, version: section.version,
            instruments: instruments.keys.sorted().map { id in
                ModulePage.InstrumentChoice(id: id, title: instruments[id].map { $0.text($0.title, in: module.language) } ?? id)
            },
            earlier: versions.map { Earlier(title: $0.title, body: $0.body, writtenAt: $0.writtenAt, replacedAt: $0.replacedAt) })
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
                title: t(.sectionEditTitle, ["title": model.title]), chrome: chrome, errors: model.errors,
                notices: model.notice.map { [$0] } ?? [],
                content: .div(
                    .p(.class("screen-only"), .a(.link(EncounteringRoute.module(model.moduleID).url),
                                                 .txt(t(.sectionBackToModule, ["title": model.moduleTitle])))),
                    .p(.span(.class("tag"), .txt(ModulePage.kindName(model.kind, t)))),
                    .p(.txt(t(.sectionEditIntro))),
                    .form(
                        .class("stack narrow"), .method(.post),
                        .link(EncounteringRoute.section(module: model.moduleID, section: model.sectionID).url, as: "action"),
                        .attribute(named: "novalidate"),
                        Components.csrfField(chrome.csrfToken),
                        // The version the form was read at; a change made meanwhile is not overwritten
                        // unless it was shown (below) and they save again.
                        .input(.type(.hidden), .name("version"), .safe("value", String(model.version))),
                        Components.textField(name: "section-title", label: t(.sectionTitle), value: draft["section-title"] ?? model.title,
                                             error: model.errors.message(for: "section-title"), maxLength: Modules.titleLength),
                        Components.textArea(name: "body", label: t(.sectionBody), value: draft["body"] ?? model.body, hint: t(.sectionBodyHint),
                                            error: model.errors.message(for: "body"), required: model.kind != .reflection,
                                            maxLength: Modules.bodyLength),
                        .if(model.kind == .reflection, Components.select(
                            name: "instrument", label: t(.sectionInstrument),
                            options: model.instruments.map {
                                .init(value: $0.id, label: $0.title, isSelected: (draft["instrument"] ?? model.instrumentID) == $0.id)
                            },
                            error: model.errors.message(for: "instrument"))),
                        Components.submit(t(.sectionSave))
                    ),
                    .if(draft["version"].map { $0 != String(model.version) } ?? false, .section(
                        .h2(.txt(t(.sectionNowReads))),
                        .h3(.attribute(named: "lang", value: model.language), .txt(model.title)),
                        .p(.class("own-words"), .attribute(named: "lang", value: model.language), .txt(model.body))
                    )),
                    .section(
                        .h2(.txt(t(.sectionEarlierHeading))),
                        .if(model.earlier.isEmpty, .p(.txt(t(.sectionNoEarlier)))),
                        .ol(.class("cards"), .forEach(model.earlier) { earlier in
                            .li(
                                .class("card"),
                                .p(.class("timeline__meta"),
                                   .txt(t(.sectionEarlierMeta, ["from": t.date(earlier.writtenAt), "until": t.date(earlier.replacedAt)]))),
                                .h3(.attribute(named: "lang", value: model.language), .txt(earlier.title)),
                                .if(!earlier.body.isEmpty, .p(.class("own-words"), .attribute(named: "lang", value: model.language),
                                                             .txt(earlier.body)))
                            )
                        })
                    )
                )
            )
        }
    }
}
