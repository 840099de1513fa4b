import Foundation
import KanssaCore
import Plot

/// What a respondent sees of a consultation: its welcome, one question a screen, the groups they
/// may say they belong to, what they answered, and a way back in with their private code.
public enum AnswerScreens {
    /// What every screen knows of the consultation.
    public struct Context: Sendable, Equatable {
        public let consultationID: UUID
        public let code: ConsultationCode
        public let title: String
        public let purpose: String
        public let audience: String
        public let state: ConsultationState
        public let opensOn: String
        public let closesOn: String
        public let groups: [String]
        public let questions: [Questions.Line]
        /// What this respondent gave so far, by question.
        public let given: [UUID: Answers.Given]
        /// The languages it is asked in, and its texts in the one the respondent reads.
        public let languages: [String]
        public let wording: Translations.Wording

        public init(consultation: Consultation, code: ConsultationCode, questions: [Questions.Line], given: [UUID: Answers.Given],
                    wording: Translations.Wording? = nil) {
            consultationID = consultation.id!
            self.code = code
            languages = consultation.languageList
            self.wording = wording ?? Translations.Wording(language: consultation.sourceLanguage, source: consultation.sourceLanguage)
            title = consultation.title
            purpose = consultation.purpose
            audience = consultation.audience
            state = consultation.state
            opensOn = consultation.opensOn
            closesOn = consultation.closesOn
            groups = consultation.groupList
            self.questions = questions
            self.given = given
        }

        public var asked: [Questions.Line] { Answers.asked(questions, given: given) }

        /// A text of the consultation's own in the respondent's language.
        public func shown(_ original: String, _ field: TranslatedField) -> Translations.Shown {
            wording.shown(original, of: consultationID, field)
        }

        /// A question in the respondent's language: its words, the language of its text and of
        /// its choices, and whether any of it is not translated yet.
        public func worded(_ question: Questions.Line) -> Worded {
            let text = wording.shown(question.text, of: question.id, .text)
            let choices = wording.lines(question.choiceList, of: question.id, .choices)
            return Worded(question: question.worded(text: text.text, choices: choices.lines), textLanguage: text.language,
                          choicesLanguage: choices.language, isFallback: text.isFallback || choices.isFallback)
        }

        public var groupsShown: (lines: [String], language: String, isFallback: Bool) {
            wording.lines(groups, of: consultationID, .groups)
        }

        /// The screen after the welcome: the groups when there are any, else the first question.
        public var firstScreen: SafeURL {
            if !groups.isEmpty { return ListeningRoute.aboutYou(code).url }
            return asked.first.map { ListeningRoute.answer(code, question: $0.position).url } ?? ListeningRoute.yourAnswers(code).url
        }

        /// The question asked after this position, or what they answered when none is left.
        public func next(after position: Int) -> SafeURL {
            asked.first { $0.position > position }.map { ListeningRoute.answer(code, question: $0.position).url }
                ?? ListeningRoute.yourAnswers(code).url
        }

        public func previous(before position: Int) -> SafeURL? {
            if let earlier = asked.last(where: { $0.position < position }) { return ListeningRoute.answer(code, question: earlier.position).url }
            return groups.isEmpty ? ListeningRoute.respond(code).url : ListeningRoute.aboutYou(code).url
        }
    }

    /// A question in the respondent's language.
    public struct Worded: Sendable, Equatable {
        public let question: Questions.Line
        public let textLanguage: String
        public let choicesLanguage: String
        public let isFallback: Bool
    }

    static func openUntil(_ context: Context, _ t: Localizer) -> String {
        t(.answerChangeUntil, ["date": t.day(context.closesOn)])
    }

    /// A text of the consultation's, marked with its language; one not translated yet says so.
    static func own(_ shown: Translations.Shown, wanted: String, class name: String? = nil, _ t: Localizer) -> Node<HTML.BodyContext> {
        .group(
            .p(.unwrap(name) { .safe("class", $0) }, .safe("lang", shown.language), .txt(shown.text)),
            .if(shown.isFallback, notTranslated(wanted: wanted, source: shown.language, t))
        )
    }

    static func notTranslated(wanted: String, source: String, _ t: Localizer) -> Node<HTML.BodyContext> {
        .p(.class("field__hint"), .txt(t(.answerNotTranslated, ["language": ContentLanguages.name(of: wanted),
                                                                 "source": ContentLanguages.name(of: source)])))
    }

    /// "Read and answer in: Español · English", when it is asked in more than one.
    static func languagePicker(_ context: Context, path: String, _ t: Localizer) -> Node<HTML.BodyContext> {
        .if(context.languages.count > 1, .nav(
            .safe("aria-label", t(.answerLanguagesLabel)),
            .p(.txt(t(.answerLanguagesLabel) + ": "),
               .forEach(Array(context.languages.enumerated())) { index, code in
                   .group(
                       .if(index > 0, .txt(" · ")),
                       .a(.link(SafeURL(path + "?lang=" + code) ?? ListeningRoute.respond(context.code).url),
                          .safe("lang", code), .safe("hreflang", code),
                          .if(code == context.wording.language, .attribute(named: "aria-current", value: "true")),
                          .txt(ContentLanguages.name(of: code)))
                   )
               })
        ))
    }

    // MARK: Welcome

    public struct Welcome {
        let context: Context
        let chrome: Chrome

        public init(context: Context, chrome: Chrome) {
            self.context = context
            self.chrome = chrome
        }

        public func render() -> HTML {
            let t = chrome.t
            let hasAnswers = !context.given.isEmpty
            let title = context.shown(context.title, .title)
            let audience = context.shown(context.audience, .audience)
            let wanted = context.wording.language
            return Layout.page(title: title.text, titleLanguage: title.language, chrome: chrome, content: .div(
                languagePicker(context, path: ListeningRoute.respond(context.code).path, t),
                .if(title.isFallback, notTranslated(wanted: wanted, source: title.language, t)),
                own(context.shown(context.purpose, .purpose), wanted: wanted, class: "own-words", t),
                .p(.txt(t(.answerWelcomeAudience) + " "), .span(.safe("lang", audience.language), .txt(audience.text))),
                .unwrap(stateNodes(hasAnswers)) { $0 },
                .if(context.state != .draft, .p(.a(.link(ListeningRoute.comeBack(context.code).url), .txt(t(.answerComeBackLink)))))
            ))
        }

        private func stateNodes(_ hasAnswers: Bool) -> Node<HTML.BodyContext>? {
            let t = chrome.t
            switch context.state {
            case .draft:
                return .p(.txt(t(.answerNotOpenYet, ["date": t.day(context.opensOn)])))
            case .closed:
                return .group(
                    .p(.txt(t(.answerClosed))),
                    .if(hasAnswers, .p(.a(.link(ListeningRoute.yourAnswers(context.code).url), .txt(t(.answerSeeYours)))))
                )
            case .open:
                return .group(
                    .ul(
                        .li(.txt(t(.answerWelcomeCount, ["count": t.number(context.asked.count)]))),
                        .li(.txt(t(.answerWelcomeAnonymous))),
                        .li(.txt(openUntil(context, t)))
                    ),
                    .p(.a(.class("button button--primary"), .link(hasAnswers ? ListeningRoute.yourAnswers(context.code).url : context.firstScreen),
                          .txt(t(hasAnswers ? .answerSeeYours : .answerStart))))
                )
            }
        }
    }

    // MARK: One question

    public struct Screen {
        let context: Context
        let question: Questions.Line
        let typed: Answers.Typed
        let error: String?
        let chrome: Chrome

        public init(context: Context, question: Questions.Line, typed: Answers.Typed, error: String? = nil, chrome: Chrome) {
            self.context = context
            self.question = question
            self.typed = typed
            self.error = error
            self.chrome = chrome
        }

        public func render() -> HTML {
            let t = chrome.t
            let asked = context.asked
            let number = (asked.firstIndex { $0.id == question.id } ?? 0) + 1
            let field = question.kind.hasChoices ? (question.kind == .singleChoice ? "choice" : "choices")
                : question.kind == .scale ? "scale" : "text"
            let worded = context.worded(question)
            let title = context.shown(context.title, .title)
            return Layout.page(
                title: worded.question.text, titleLanguage: worded.textLanguage, chrome: chrome,
                errors: error.map { [FieldError(field: field, message: $0)] } ?? [],
                content: .div(
                    .p(.class("field__hint"), .txt(t(.answerProgress, ["number": t.number(number), "count": t.number(asked.count)]) + " · "),
                       .span(.safe("lang", title.language), .txt(title.text))),
                    .if(worded.isFallback, notTranslated(wanted: context.wording.language, source: context.wording.source, t)),
                    .form(
                        .method(.post), .link(ListeningRoute.answer(context.code, question: question.position).url, as: "action"),
                        Components.csrfField(chrome.csrfToken),
                        AnswerControls.controls(worded.question, label: t(.answerYourAnswer), typed: typed, error: error,
                                                choicesLanguage: worded.choicesLanguage, t),
                        .div(.class("button-row"),
                             Components.submit(t(.answerNext)),
                             .button(.type(.submit), .attribute(named: "name", value: "skip"), .attribute(named: "value", value: "1"), .class("button button--secondary"), .txt(t(.answerSkip))))
                    ),
                    .unwrap(context.previous(before: question.position)) { .p(.a(.link($0), .txt(t(.answerBack)))) }
                ))
        }
    }

    // MARK: About you

    public struct AboutYou {
        let context: Context
        let picked: [Int]
        let error: String?
        let chrome: Chrome

        public init(context: Context, picked: [Int], error: String? = nil, chrome: Chrome) {
            self.context = context
            self.picked = picked
            self.error = error
            self.chrome = chrome
        }

        public func render() -> HTML {
            let t = chrome.t
            let groups = context.groupsShown
            return Layout.page(
                title: t(.answerAboutYouTitle), chrome: chrome, errors: error.map { [FieldError(field: "groups", message: $0)] } ?? [],
                content: .div(
                    .p(.txt(t(.answerAboutYouIntro))),
                    .if(groups.isFallback, notTranslated(wanted: context.wording.language, source: groups.language, t)),
                    .form(
                        .method(.post), .link(ListeningRoute.aboutYou(context.code).url, as: "action"),
                        Components.csrfField(chrome.csrfToken),
                        Components.checkboxes(name: "groups", legend: t(.answerAboutYouLegend), options: groups.lines.enumerated().map {
                            .init(value: String($0.offset), label: $0.element, isSelected: picked.contains($0.offset), language: groups.language)
                        }, error: error),
                        Components.submit(t(.answerNext))
                    ),
                    .p(.a(.link(ListeningRoute.respond(context.code).url), .txt(t(.answerBack))))
                ))
        }
    }

    // MARK: What they answered

    public struct Yours {
        let context: Context
        /// Their private code, to write down; nil when they have none yet.
        let privateCode: String?
        let notice: Notice?
        /// For a signed-in person who answered: whether they asked to be contacted; nil otherwise.
        let contact: Bool?
        let chrome: Chrome

        public init(context: Context, privateCode: String?, notice: Notice?, contact: Bool? = nil, chrome: Chrome) {
            self.context = context
            self.privateCode = privateCode
            self.notice = notice
            self.contact = contact
            self.chrome = chrome
        }

        public func render() -> HTML {
            let t = chrome.t
            let isOpen = context.state == .open
            let answered = context.asked.compactMap { question in context.given[question.id].map { (question, $0) } }
            let title = context.shown(context.title, .title)
            return Layout.page(title: t(.answerYoursTitle), chrome: chrome, notices: notice.map { [$0] } ?? [], content: .div(
                languagePicker(context, path: ListeningRoute.yourAnswers(context.code).path, t),
                .p(.safe("lang", title.language), .txt(title.text)),
                .p(.txt(isOpen ? openUntil(context, t) : t(.answerClosedYours))),
                // First, so that it is seen before the page is left.
                .unwrap(privateCode) { code in
                    .div(.class("card"),
                         .h2(.txt(t(.answerPrivateCodeHeading))),
                         .p(.class("invitation-code"), .txt(code)),
                         .p(.txt(t(.answerPrivateCodeHint))))
                },
                .if(answered.isEmpty, .p(.txt(t(.answerNoneYet)))),
                .element(named: "dl", nodes: [.class("answers"), .forEach(answered) { question, given in
                    let worded = context.worded(question)
                    return .group(
                        .element(named: "dt", nodes: [.safe("lang", worded.textLanguage), .txt(worded.question.text)]),
                        .element(named: "dd", nodes: [
                            .p(.class("own-words"), question.kind.hasChoices ? .safe("lang", worded.choicesLanguage) : .empty,
                               .txt(ListeningWords.given(given, to: worded.question, t))),
                            .if(isOpen, .p(Components.actionLink(ListeningRoute.answer(context.code, question: question.position).url,
                                                                 t(.answerChange), about: question.text))),
                            .if(question.kind == .story, consentForm(question, given)),
                        ]),
                    )
                }]),
                .if(isOpen && answered.count < context.asked.count, .p(.a(.class("button button--primary"), .link(context.firstScreen),
                                                                            .txt(t(.answerGoOn))))),
                .unwrap(contact) { wanted in
                    .section(.class("card"),
                        .h2(.txt(t(.answerContactHeading))),
                        .p(.txt(t(wanted ? .answerContactOn : .answerContactOff))),
                        .form(.method(.post), .link(ListeningRoute.contact(context.code).url, as: "action"),
                              Components.csrfField(chrome.csrfToken),
                              .input(.type(.hidden), .name("contact"), .safe("value", wanted ? "no" : "yes")),
                              Components.submit(t(wanted ? .answerContactStop : .answerContactStart), style: .secondary)))
                }
            ))
        }

        public static func consentField(_ question: Questions.Line) -> String { "consent\(question.position)" }

        private func consentForm(_ question: Questions.Line, _ given: Answers.Given) -> Node<HTML.BodyContext> {
            let t = chrome.t
            return .form(
                .method(.post), .link(ListeningRoute.consent(context.code, question: question.position).url, as: "action"),
                Components.csrfField(chrome.csrfToken),
                // Named for its question: several stories make several forms on one page.
                Components.checkboxes(name: Self.consentField(question), legend: t(.answerConsentLegend), options: AnswerControls.consentOptions(
                    quote: given.consentQuote, publish: given.consentPublish, training: given.consentTraining, t)),
                .p(.class("field__hint"), .txt(t(context.state == .open ? .answerConsentChangeHint : .answerConsentWithdrawHint))),
                Components.submit(t(.answerConsentSave), style: .secondary)
            )
        }
    }

    // MARK: Coming back

    public struct ComeBack {
        let context: Context
        let typed: String
        let error: String?
        let notice: Notice?
        let chrome: Chrome

        public init(context: Context, typed: String = "", error: String? = nil, notice: Notice? = nil, chrome: Chrome) {
            self.context = context
            self.typed = typed
            self.error = error
            self.notice = notice
            self.chrome = chrome
        }

        public func render() -> HTML {
            let t = chrome.t
            return Layout.page(
                title: t(.answerComeBackTitle), chrome: chrome, errors: error.map { [FieldError(field: "privateCode", message: $0)] } ?? [],
                notices: notice.map { [$0] } ?? [],
                content: .div(
                    .p(.txt(context.title)),
                    .form(
                        .method(.post), .link(ListeningRoute.comeBack(context.code).url, as: "action"),
                        Components.csrfField(chrome.csrfToken),
                        Components.textField(name: "privateCode", label: t(.answerPrivateCodeField), value: typed, autocomplete: "off",
                                             hint: t(.answerPrivateCodeFieldHint), error: error, maxLength: 20),
                        Components.submit(t(.answerComeBackButton))
                    ),
                    .p(.a(.link(ListeningRoute.respond(context.code).url), .txt(t(.answerBack))))
                ))
        }
    }

    // MARK: Typing a consultation's code

    public struct TypeCode {
        let typed: String
        let error: String?
        let chrome: Chrome

        public init(typed: String = "", error: String? = nil, chrome: Chrome) {
            self.typed = typed
            self.error = error
            self.chrome = chrome
        }

        public func render() -> HTML {
            let t = chrome.t
            return Layout.page(
                title: t(.answerTypeCodeTitle), chrome: chrome, errors: error.map { [FieldError(field: "code", message: $0)] } ?? [],
                content: .form(
                    .method(.get), .link(ListeningRoute.typeCode.url, as: "action"),
                    Components.textField(name: "code", label: t(.answerTypeCodeField), value: typed, autocomplete: "off",
                                         hint: t(.answerTypeCodeHint), error: error, maxLength: 20),
                    Components.submit(t(.answerTypeCodeButton))
                ))
        }
    }
}
