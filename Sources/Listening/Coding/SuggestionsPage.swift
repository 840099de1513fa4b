import Foundation
import KanssaCore
import Plot

/// The team's page of machine-made theme suggestions: ask for them in one language, see how far
/// the work has got (the page refreshes itself while it runs; no script), and take each into the
/// codebook, rename it or turn it down.
public struct SuggestionsView {
    let model: Suggestions.Model
    let chrome: Chrome

    public init(model: Suggestions.Model, chrome: Chrome) {
        self.model = model
        self.chrome = chrome
    }

    /// While a run is under way the page asks to be loaded again after this many seconds.
    public var refreshAfter: Int? {
        if case .running = model.state { 2 } else { nil }
    }

    public func render() -> HTML {
        let t = chrome.t
        return Layout.page(title: t(.suggestionsTitle), chrome: chrome, errors: model.errors, notices: model.notice.map { [$0] } ?? [], content: .div(
            .p(.class("screen-only"), .a(.link(ListeningRoute.codebook(consultation: model.consultationID).url), .txt(t(.suggestionsBackToCodebook)))),
            .p(.txt(model.title)),
            .p(.txt(t(.suggestionsIntro))),
            state,
            askForm,
            cards,
            earlier
        ))
    }

    private func languageName(_ code: String) -> String { ContentLanguages.name(of: code) }

    private var state: Node<HTML.BodyContext> {
        let t = chrome.t
        return switch model.state {
        case .none, .done: .empty
        case .running(let language, let answers, let percent): .div(
            .class("card"), .attribute(named: "role", value: "status"),
            .p(.txt(t(.suggestionsRunning, ["language": languageName(language), "percent": t.number(percent)], counts: ["count": answers]))),
            .element(named: "progress", nodes: [.safe("max", "100"), .safe("value", String(percent)), .attribute(named: "aria-label", value: t(.suggestionsProgressLabel)),
                                                 .txt("\(percent) %")]),
            .p(.class("screen-only"), .a(.link(ListeningRoute.suggestions(consultation: model.consultationID).url), .txt(t(.suggestionsRefresh))))
        )
        case .failed(let language): .p(.class("notice notice--error"), .txt(t(.suggestionsFailed, ["language": languageName(language)])))
        case .stopped(let language): .p(.class("notice notice--error"), .txt(t(.suggestionsStopped, ["language": languageName(language)])))
        }
    }

    private var askForm: Node<HTML.BodyContext> {
        let t = chrome.t
        guard !model.languages.isEmpty else { return .p(.txt(t(.suggestionsNoAnswers))) }
        if case .running = model.state { return .empty }
        return .form(
            .class("stack narrow screen-only"), .method(.post), .link(ListeningRoute.suggestions(consultation: model.consultationID).url, as: "action"),
            Components.csrfField(chrome.csrfToken),
            Components.select(name: "language", label: t(.suggestionsLanguageField), options: model.languages.map { language in
                .init(value: language.code, label: t(.suggestionsLanguageOption, ["language": languageName(language.code)], counts: ["count": language.answers]),
                      isSelected: language.code == model.language)
            }, error: model.errors.message(for: "language")),
            .p(.class("field__hint"), .txt(t(.suggestionsLanguageHint))),
            Components.select(name: "wanted", label: t(.suggestionsWantedField), options: (Suggestions.fewest...Suggestions.most).map { count in
                .init(value: String(count), label: t.number(count), isSelected: count == model.wanted)
            }, error: model.errors.message(for: "wanted")),
            Components.submit(t(.suggestionsStartButton))
        )
    }

    private var cards: Node<HTML.BodyContext> {
        let t = chrome.t
        guard let language = model.cardsLanguage else { return .empty }
        return .section(
            .h2(.txt(t(.suggestionsLatestHeading, ["language": languageName(language)], counts: ["count": model.cardsAnswers]))),
            .if(model.cards.isEmpty, .p(.txt(t(.suggestionsNone)))),
            .ol(.class("cards"), .forEach(model.cards) { card in
                .li(.class("card"),
                    .h3(.safe("lang", language), .txt(Suggestions.ownName(card.words))),
                    .if(card.decision == .machineMade, .p(.strong(.txt(t(.suggestionsMachineMade))))),
                    .p(.txt(t(.suggestionsAnswerCount, counts: ["count": card.answers]))),
                    .p(.class("field__hint"), .txt(t(.suggestionsWordsLabel) + " "),
                       .span(.safe("lang", language), .txt(card.words.joined(separator: ", ")))),
                    .unwrap(card.examples.nilIfEmpty) { examples in
                        .group(.h4(.txt(t(.suggestionsExamplesHeading))),
                               .forEach(examples) { .blockquote(.safe("lang", language), .p(.txt(String($0.prefix(400)) + ($0.count > 400 ? "…" : "")))) })
                    },
                    decision(card))
            })
        )
    }

    private var earlier: Node<HTML.BodyContext> {
        let t = chrome.t
        guard !model.earlier.isEmpty else { return .empty }
        return .section(
            .h2(.txt(t(.suggestionsEarlierHeading))),
            .ul(.forEach(model.earlier) { card in
                .li(.strong(.txt(Suggestions.ownName(card.words))), .text(" — "), decision(card))
            })
        )
    }

    private func decision(_ card: Suggestions.Card) -> Node<HTML.BodyContext> {
        let t = chrome.t
        let target = ListeningRoute.suggestion(consultation: model.consultationID, suggestion: card.id).url
        let field = "name-\(card.id.uuidString.lowercased())"
        switch card.decision {
        case .accepted, .renamed:
            return .p(.txt(t(.suggestionsAccepted, ["name": card.theme ?? "–", "person": card.decidedBy ?? "–",
                                                    "date": card.decidedAt.map { t.dateTime($0) } ?? "–"])))
        case .rejected:
            return .p(.txt(t(.suggestionsRejected, ["person": card.decidedBy ?? "–", "date": card.decidedAt.map { t.dateTime($0) } ?? "–"])))
        case .machineMade:
            return .div(
                .class("screen-only stack"),
                Components.postButton(action: target, csrfToken: chrome.csrfToken, label: t(.suggestionsAcceptButton, ["name": Suggestions.ownName(card.words)]),
                                      style: .primary, hidden: [("choice", "accept")]),
                .form(
                    .class("stack narrow"), .method(.post), .link(target, as: "action"),
                    Components.csrfField(chrome.csrfToken),
                    .input(.type(.hidden), .name("choice"), .value("rename")),
                    Components.textField(name: field, label: t(.suggestionsRenameField), error: model.errors.message(for: field),
                                         maxLength: Codebook.longestName),
                    Components.submit(t(.suggestionsRenameButton), style: .secondary)
                ),
                Components.postButton(action: target, csrfToken: chrome.csrfToken, label: t(.suggestionsRejectButton), style: .secondary,
                                      hidden: [("choice", "reject")])
            )
        }
    }
}
