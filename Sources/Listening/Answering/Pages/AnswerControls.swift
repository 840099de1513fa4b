import Foundation
import KanssaCore
import Plot

/// The controls for answering one question, on the public page (one question a screen) and on
/// the team's form for answers from an interview, a workshop or paper (every question at once).
/// `prefix` names the question's fields on a form holding several ("q[3]").
public enum AnswerControls {
    public static func fieldName(_ field: String, _ prefix: String) -> String {
        prefix.isEmpty ? field : "\(prefix)[\(field)]"
    }

    static func controls(_ question: Questions.Line, label: String, typed: Answers.Typed, error: String?, prefix: String = "",
                         choicesLanguage: String? = nil, _ t: Localizer) -> Node<HTML.FormContext> {
        let name = { fieldName($0, prefix) }
        switch question.kind {
        case .openText, .story:
            return .group(
                Components.textArea(name: name("text"), label: label, value: typed.text,
                                    hint: t(question.kind == .story ? .answerStoryHint : .answerTextHint), error: error, required: false,
                                    maxLength: Answers.longest(question.kind)),
                .if(question.kind == .story, Components.checkboxes(
                    name: name("consent"), legend: t(.answerConsentLegend),
                    options: consentOptions(quote: typed.consentQuote, publish: typed.consentPublish, training: typed.consentTraining, t)))
            )
        case .singleChoice:
            return Components.radios(name: name("choice"), legend: label, options: question.choiceList.enumerated().map { index, choice in
                .init(value: String(index), label: choice, isSelected: typed.choices.contains(String(index)), language: choicesLanguage)
            }, error: error)
        case .multipleChoice:
            return Components.checkboxes(name: name("choices"), legend: label, options: question.choiceList.enumerated().map { index, choice in
                .init(value: String(index), label: choice, isSelected: typed.choices.contains(String(index)), language: choicesLanguage)
            }, error: error)
        case .scale:
            let ends = question.choiceList
            return Components.radios(
                name: name("scale"), legend: label,
                hint: ends.count == 2 ? t(.answerScaleHint, ["low": ends[0], "high": ends[1]]) : nil,
                options: (1...5).map { value in
                    let end = value == 1 ? ends.first : value == 5 ? ends.last : nil
                    return .init(value: String(value), label: end.map { "\(value) – \($0)" } ?? String(value),
                                 isSelected: typed.scale == String(value), language: end == nil ? nil : choicesLanguage)
                }, error: error)
        }
    }

    /// A story's three permissions, each asked on its own.
    static func consentOptions(quote: Bool, publish: Bool, training: Bool, _ t: Localizer) -> [Components.Option] {
        [.init(value: "quote", label: t(.answerConsentQuote), isSelected: quote),
         .init(value: "publish", label: t(.answerConsentPublish), isSelected: publish),
         .init(value: "training", label: t(.answerConsentTraining), isSelected: training)]
    }

    /// What a problem with an answer means, in the respondent's words.
    public static func message(_ problem: Answers.Problem, _ question: Questions.Line, typed: String, _ t: Localizer) -> String {
        switch problem {
        case .choice: t(.errorAnswerChoice)
        case .scale: t(.errorAnswerScale)
        case .text: t.textError(.errorAnswerText, typed: typed, maxLength: Answers.longest(question.kind), multiline: true)
        case .condition: t(.errorAnswerCondition)
        }
    }
}

extension ListeningWords {
    /// An answer as one line of text: the choices' names, "4 of 5", or the words written.
    public static func given(_ given: Answers.Given, to question: Questions.Line, _ t: Localizer) -> String {
        switch question.kind {
        case .singleChoice, .multipleChoice:
            given.choices.compactMap { question.choiceList.indices.contains($0) ? question.choiceList[$0] : nil }.joined(separator: ", ")
        case .scale: given.scale.map { t(.answerScaleValue, ["value": t.number($0)]) } ?? ""
        case .openText, .story: given.text
        }
    }

    /// "Not moderated yet: only your team sees it", "Moderated, 2 passages hidden", "Flagged as abusive".
    public static func moderation(_ moderated: Answers.Moderated, _ t: Localizer) -> String {
        switch moderated.state {
        case .unmoderated: t(.moderationStateUnmoderated)
        case .moderated: t(.moderationStateModerated, ["count": t.number(moderated.hiddenCount)])
        case .flagged: t(.moderationStateFlagged)
        }
    }

    public static func channel(_ channel: AnswerChannel, _ t: Localizer) -> String {
        switch channel {
        case .web: t(.answerChannelWeb)
        case .interview: t(.answerChannelInterview)
        case .workshop: t(.answerChannelWorkshop)
        case .paper: t(.answerChannelPaper)
        }
    }
}
