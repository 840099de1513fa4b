import Fluent
import Foundation
import KanssaCore
@preconcurrency import Plot

/// An organisation's questionnaires: Kanssa's own and those it imported (with the licence it
/// holds), and the form to import one — a file in the format of `docs/instruments.md`, refused
/// with every problem named by its line.
public enum InstrumentList {
    public struct Line: Sendable, Equatable {
        public let id: String
        public let title: String
        public let version: Int
        public let items: Int
        public let languages: [String]
        /// Nil for Kanssa's own.
        public let licence: String?
        public let importedAt: Date?
    }

    public struct Model: Sendable, Equatable {
        public let organisationID: UUID
        public let organisationName: String
        public let lines: [Line]
        public var draft: [String: String] = [:]
        /// Problems with the file, each "Line 12: …" already worded.
        public var fileProblems: [String] = []
        public var errors: [FieldError] = []
        public var notice: Notice?
    }

    public static func load(
        organisation: Organisation, bundled: [String: Instrument], language: String, on database: any Database
    ) async throws -> Model {
        let organisationID = try organisation.requireID()
        let own = bundled.values.sorted { $0.id < $1.id }.map { instrument in
            Line(id: instrument.id, title: instrument.text(instrument.title, in: language), version: instrument.version,
                 items: instrument.items.count, languages: instrument.languages, licence: nil, importedAt: nil)
        }
        let imported = try await InstrumentLibrary.imports(of: organisationID, on: database).compactMap { record -> Line? in
            guard let instrument = InstrumentLibrary.read(record) else { return nil }
            return Line(id: instrument.id, title: instrument.text(instrument.title, in: language), version: instrument.version,
                        items: instrument.items.count, languages: instrument.languages, licence: record.licence, importedAt: record.importedAt)
        }
        return Model(organisationID: organisationID, organisationName: organisation.name, lines: own + imported)
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
                title: t(.instrumentsTitle, ["organisation": model.organisationName]), chrome: chrome, errors: model.errors,
                notices: model.notice.map { [$0] } ?? [],
                content: .div(
                    .p(.txt(t(.instrumentsIntro))),
                    Components.table(
                        caption: t(.instrumentsCaption),
                        headers: [t(.instrumentName), t(.instrumentVersion), t(.instrumentItems), t(.instrumentLanguages), t(.instrumentSource)],
                        rows: model.lines.map { line in
                            [
                                .group(.txt(line.title), .br(), .code(.txt(line.id))), .txt(t.number(line.version)), .txt(t.number(line.items)),
                                .txt(line.languages.joined(separator: ", ")),
                                .txt(line.licence.map { t(.instrumentImported, ["date": t.date(line.importedAt ?? Date()), "licence": $0]) }
                                    ?? t(.instrumentKanssas)),
                            ]
                        }),
                    form
                )
            )
        }

        private var form: Node<HTML.BodyContext> {
            let t = chrome.t
            return .section(
                .h2(.txt(t(.instrumentImportHeading))),
                .p(.txt(t(.instrumentImportIntro))),
                .if(!model.fileProblems.isEmpty, .div(
                    .class("notice notice--error"), .id("file-problems"),
                    .h3(.txt(t(.instrumentFileProblems, counts: ["count": model.fileProblems.count]))),
                    .ul(.forEach(model.fileProblems) { .li(.txt($0)) })
                )),
                .form(
                    .class("stack"), .method(.post), .link(LearningRoute.instruments(organisation: model.organisationID).url, as: "action"),
                    .attribute(named: "novalidate"),
                    Components.csrfField(chrome.csrfToken),
                    Components.textArea(name: "source", label: t(.instrumentFile), value: model.draft["source"] ?? "",
                                        hint: t(.instrumentFileHint), error: model.errors.message(for: "source"),
                                        maxLength: InstrumentLibrary.sourceLength),
                    Components.textArea(name: "licence", label: t(.instrumentLicence), value: model.draft["licence"] ?? "",
                                        hint: t(.instrumentLicenceHint), error: model.errors.message(for: "licence"),
                                        maxLength: InstrumentLibrary.licenceLength),
                    Components.submit(t(.instrumentImport))
                )
            )
        }
    }
}
