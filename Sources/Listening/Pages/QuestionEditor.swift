import Fluent
import Foundation
import KanssaCore
import Plot

/// A consultation's questions on its page, the form to add one, and the page to change or remove
/// one while the consultation is being prepared.
public enum QuestionEditor {
    public struct Model: Sendable, Equatable {
        public let consultationID: UUID
        public let consultationTitle: String
        public let questionID: UUID
        public let earlier: [Questions.Line]
        public var draft: Questions.Draft
        public var errors: [FieldError] = []
    }

    public static func load(_ questionID: UUID, in consultationID: UUID, on database: any Database) async throws -> Model {
        let (question, earlier, _) = try await Questions.editable(questionID, in: consultationID, on: database)
        guard let consultation = try await Consultation.find(consultationID, on: database) else { throw ListeningError.notFound }
        return Model(consultationID: consultationID, consultationTitle: consultation.title, questionID: questionID, earlier: earlier,
                     draft: Questions.Draft(question))
    }

    static func kindName(_ kind: QuestionKind, _ t: Localizer) -> String {
        switch kind {
        case .openText: t(.questionKindOpen)
        case .singleChoice: t(.questionKindSingle)
        case .multipleChoice: t(.questionKindMultiple)
        case .scale: t(.questionKindScale)
        case .story: t(.questionKindStory)
        }
    }

    /// "Asked only if the answer to question 2 included “Yes”", or nil for a question always asked.
    static func conditionLine(_ question: Questions.Line, among all: [Questions.Line], _ t: Localizer) -> String? {
        guard let id = question.conditionQuestionID, let earlier = all.firstIndex(where: { $0.id == id }),
              let index = question.conditionChoice, all[earlier].choiceList.indices.contains(index)
        else { return nil }
        let choice = all[earlier].choiceList[index]
        return t(.questionAskedIf, ["number": t.number(earlier + 1), "choice": choice])
    }

    static func section(_ model: ConsultationPage.Model, _ chrome: Chrome) -> Node<HTML.BodyContext> {
        let t = chrome.t
        return .section(
            .id("questions"),
            .h2(.txt(t(.questionsHeading))),
            .p(.txt(t(model.isFrozen ? .questionsFixedIntro : .questionsIntro))),
            .if(model.questions.isEmpty, .p(.txt(t(.questionsNone)))),
            .ol(.class("cards"), .forEach(model.questions) { question in
                .li(.class("card"),
                    .p(.strong(.txt(question.text))),
                    .p(.class("field__hint"), .txt(kindName(question.kind, t))),
                    .if(!question.choiceList.isEmpty, .ul(.forEach(question.choiceList) { .li(.txt($0)) })),
                    .unwrap(conditionLine(question, among: model.questions, t)) { .p(.txt($0)) },
                    .if(!model.isFrozen, .p(Components.actionLink(
                        ListeningRoute.question(consultation: model.id, question: question.id).url, t(.questionChange),
                        about: question.text)))
                )
            }),
            .if(!model.isFrozen, Components.disclosure(t(.questionAdd), open: !model.questionErrors.isEmpty, .form(
                .class("stack narrow"), .method(.post), .link(ListeningRoute.questions(consultation: model.id).url, as: "action"),
                .attribute(named: "novalidate"),
                Components.csrfField(chrome.csrfToken),
                fields(model.questionDraft, earlier: model.questions, errors: model.questionErrors, t)
            )))
        )
    }

    static func fields(_ draft: Questions.Draft, earlier: [Questions.Line], errors: [FieldError], _ t: Localizer) -> Node<HTML.FormContext> {
        let conditions: [Components.Option] = [.init(value: "", label: t(.questionAlways), isSelected: draft.condition.isEmpty)]
            + earlier.enumerated().filter { $0.element.kind.hasChoices }.flatMap { number, question in
                question.choiceList.enumerated().map { index, choice in
                    let value = "\(question.id):\(index)"
                    return Components.Option(value: value, label: t(.questionAskedIf, ["number": t.number(number + 1), "choice": choice]),
                                             isSelected: draft.condition == value)
                }
            }
        return .group(
            Components.radios(name: "kind", legend: t(.questionKindField), options: QuestionKind.allCases.map {
                .init(value: $0.rawValue, label: kindName($0, t), isSelected: draft.kind == $0.rawValue)
            }, error: errors.message(for: "kind")),
            Components.textArea(name: "text", label: t(.questionTextField), value: draft.text, error: errors.message(for: "text"),
                                maxLength: Questions.longestText),
            Components.textArea(name: "choices", label: t(.questionChoicesField), value: draft.choices, hint: t(.questionChoicesHint),
                                error: errors.message(for: "choices") ?? errors.message(for: "usedByCondition"), required: false,
                                maxLength: Questions.mostChoices * (Questions.longestChoice + 1)),
            .if(conditions.count > 1, Components.select(name: "condition", label: t(.questionConditionField), options: conditions,
                                                        error: errors.message(for: "condition"))),
            Components.submit(t(.saveButton))
        )
    }

    public struct View {
        let model: Model
        let chrome: Chrome

        public init(model: Model, chrome: Chrome) {
            self.model = model
            self.chrome = chrome
        }

        public func render() -> HTML {
            ChangeOrRemovePage(
                title: .questionChangeTitle, consultationID: model.consultationID, consultationTitle: model.consultationTitle,
                action: ListeningRoute.question(consultation: model.consultationID, question: model.questionID).url,
                fields: QuestionEditor.fields(model.draft, earlier: model.earlier, errors: model.errors, chrome.t), errors: model.errors,
                remove: (.questionRemoveHeading, .questionRemoveHint,
                         ListeningRoute.removeQuestion(consultation: model.consultationID, question: model.questionID).url,
                         .questionRemoveButton),
                chrome: chrome
            ).render()
        }
    }
}
