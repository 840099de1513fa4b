import Fluent
import Foundation
import KanssaCore
import Plot

/// A consultation's texts and questions, each beside a box for its translation into one of the
/// languages it asks in.
public enum TranslationPage {
    public struct Model: Sendable, Equatable {
        public let consultationID: UUID
        public let title: String
        public let language: String
        public let source: String
        public var items: [Translations.Item]
        public var errors: [FieldError] = []
    }

    public static func load(_ consultationID: UUID, into language: String, on database: any Database) async throws -> Model {
        let (consultation, items) = try await Translations.items(of: consultationID, into: language, on: database)
        return Model(consultationID: consultationID, title: consultation.title, language: language, source: consultation.sourceLanguage,
                     items: items)
    }

    static func label(_ item: Translations.Item, _ t: Localizer) -> String {
        switch item.field {
        case .title: t(.translationFieldTitle)
        case .purpose: t(.translationFieldPurpose)
        case .audience: t(.translationFieldAudience)
        case .groups: t(.translationFieldGroups)
        case .text: t(.translationFieldText, ["number": t.number(item.questionNumber ?? 0)])
        case .choices: t(.translationFieldChoices, ["number": t.number(item.questionNumber ?? 0)])
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
            let name = ContentLanguages.name(of: model.language)
            return Layout.page(title: t(.translationTitle, ["language": name]), chrome: chrome, errors: model.errors, content: .div(
                .p(.class("screen-only"), .a(.link(ListeningRoute.consultation(model.consultationID).url), .txt(t(.answersBackToConsultation)))),
                .p(.txt(model.title)),
                .p(.txt(t(.translationIntro, ["language": name]))),
                .form(
                    .class("stack"), .method(.post), .link(ListeningRoute.translation(consultation: model.consultationID, language: model.language).url,
                                                            as: "action"),
                    Components.csrfField(chrome.csrfToken),
                    .forEach(model.items) { item in
                        .div(.safe("lang", model.language), Components.textArea(
                            name: item.formName, label: TranslationPage.label(item, t), value: item.translated,
                            hint: t(.translationOriginal, ["text": item.original]), error: model.errors.message(for: item.formName),
                            required: false, maxLength: max(Consultations.longestText, Questions.mostChoices * (Questions.longestChoice + 1))))
                    },
                    Components.submit(t(.translationSave))
                )
            ))
        }
    }
}
