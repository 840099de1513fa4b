import Foundation
import KanssaCore
@preconcurrency import Plot

/// The pages of citizens' voice after meetings: the citizen's three questions (in plain or easy
/// words), the figures an organisation's coordinators read, and a professional's own.
public enum CitizensVoicePages {
    public struct AskModel: Sendable, Equatable {
        public let waiting: CitizensVoice.Waiting?
        public let said: [CitizensVoice.Said]
        public let easy: Bool
        public var typed: [String: String] = [:]
        public var errors: [FieldError] = []
        public var notice: Notice?

        public init(waiting: CitizensVoice.Waiting?, said: [CitizensVoice.Said], easy: Bool) {
            self.waiting = waiting
            self.said = said
            self.easy = easy
        }
    }

    /// The citizen's page: the meeting waiting for their word, if any, and what they said before.
    public struct AskView {
        let model: AskModel
        let chrome: Chrome

        public init(model: AskModel, chrome: Chrome) {
            self.model = model
            self.chrome = chrome
        }

        public func render() -> HTML {
            let t = chrome.t
            let title = model.waiting.map { t(.voiceTitle, ["name": $0.professionalName]) } ?? t(.voiceNothingTitle)
            return Layout.page(
                title: title, chrome: chrome, errors: model.errors, notices: model.notice.map { [$0] } ?? [],
                content: .div(
                    .p(.a(.link(EvaluationRoute.afterMeeting(easy: !model.easy).url), .txt(t(model.easy ? .voicePlainLink : .voiceEasyLink)))),
                    .unwrap(model.waiting) { form($0) },
                    .if(model.waiting == nil, .p(.txt(t(model.easy ? .voiceNothingEasy : .voiceNothing)))),
                    .if(!model.said.isEmpty, .section(
                        .h2(.txt(t(.voiceSaidHeading))),
                        .ul(.class("action-list"), .forEach(model.said) { said in
                            .li(
                                .p(.class("action__text"), .txt(t(.voiceSaidLine, ["date": t.day(said.day), "name": said.professional ?? t(.voiceSomeone)]))),
                                // Question and answer on a line each pair: long questions wrap on a phone.
                                said.outcome == .skipped ? .p(.txt(t(.voiceSaidSkipped))) : .ul(
                                    .forEach(CitizensVoice.Question.allCases) { question in
                                        .li(.txt(VoiceWords.question(question, easy: model.easy, name: said.professional ?? "", t) + " "),
                                            .strong(.txt(said.answers[question].map { VoiceWords.answer($0, easy: model.easy, t) } ?? "–")))
                                    })
                            )
                        })
                    ))
                )
            )
        }

        private func form(_ waiting: CitizensVoice.Waiting) -> Node<HTML.BodyContext> {
            let t = chrome.t
            let values = ["name": waiting.professionalName, "date": t.day(waiting.day)]
            return .group(
                .p(.txt(t(model.easy ? .voiceIntroEasy : .voiceIntro, values))),
                .form(
                    .class("stack narrow"), .method(.post), .safe("action", EvaluationRoute.afterMeeting(easy: model.easy).url.value),
                    Components.csrfField(chrome.csrfToken),
                    .input(.type(.hidden), .name("professional"), .safe("value", waiting.professionalID.uuidString)),
                    .input(.type(.hidden), .name("day"), .safe("value", waiting.day)),
                    .forEach(CitizensVoice.Question.allCases) { question in
                        Components.radios(
                            name: question.rawValue, legend: VoiceWords.question(question, easy: model.easy, name: waiting.professionalName, t),
                            options: FeedbackAnswer.allCases.reversed().map {
                                .init(value: String($0.rawValue), label: VoiceWords.answer($0, easy: model.easy, t),
                                      isSelected: model.typed[question.rawValue] == String($0.rawValue))
                            },
                            error: model.errors.first { $0.field == question.rawValue }?.message)
                    },
                    .div(
                        .class("button-row"),
                        .button(.type(.submit), .name("choice"), .value("answer"), .class("button button--primary"), .txt(t(.voiceSend))),
                        .button(.type(.submit), .name("choice"), .value("later"), .class("button button--secondary"), .txt(t(.voiceLater))),
                        .button(.type(.submit), .name("choice"), .value("skip"), .class("button button--link"), .txt(t(.voiceSkip)))
                    ),
                    .p(.class("field__hint"), .txt(t(model.easy ? .voiceChoicesHintEasy : .voiceChoicesHint)))
                )
            )
        }
    }

    /// An organisation's figures: shares of yes, partly and no per question, for the whole, each
    /// team and each person met, where five or more answered.
    public struct FiguresView {
        let figures: CitizensVoice.Figures
        let chrome: Chrome

        public init(figures: CitizensVoice.Figures, chrome: Chrome) {
            self.figures = figures
            self.chrome = chrome
        }

        public func render() -> HTML {
            let t = chrome.t
            return Layout.page(
                title: t(.voiceFiguresTitle, ["organisation": figures.organisationName]), chrome: chrome,
                content: .div(
                    .p(.txt(t(.voiceFiguresIntro))),
                    .p(.txt(t(.voiceFiguresAnswered, counts: ["count": figures.answered]))),
                    VoiceWords.table(caption: t(.voiceFiguresWhole), rows: [CitizensVoice.Row(name: t(.voiceFiguresWhole), tally: figures.organisation,
                                                                                              count: figures.answered)], t),
                    .if(!figures.teams.isEmpty, .section(.h2(.txt(t(.voiceFiguresTeams))), VoiceWords.table(
                        caption: t(.voiceFiguresTeams),
                        rows: figures.teams.map { .init(name: $0.name.isEmpty ? t(.voiceNoTeam) : $0.name, tally: $0.tally, count: $0.count) }, t))),
                    .if(!figures.people.isEmpty, .section(.h2(.txt(t(.voiceFiguresPeople))), VoiceWords.table(
                        caption: t(.voiceFiguresPeople),
                        rows: figures.people.map { .init(name: $0.name.isEmpty ? t(.voiceSomeone) : $0.name, tally: $0.tally, count: $0.count) }, t)))
                )
            )
        }
    }

    /// A professional's own figures.
    public struct OwnView {
        let count: Int
        let tally: CitizensVoice.Tally?
        let chrome: Chrome

        public init(count: Int, tally: CitizensVoice.Tally?, chrome: Chrome) {
            self.count = count
            self.tally = tally
            self.chrome = chrome
        }

        public func render() -> HTML {
            let t = chrome.t
            return Layout.page(
                title: t(.voiceOwnTitle), chrome: chrome,
                content: .div(
                    .p(.txt(t(.voiceOwnIntro))),
                    .unwrap(tally) { tally in
                        VoiceWords.table(caption: t(.voiceOwnTitle), rows: [.init(name: t(.voiceOwnRow), tally: tally, count: count)], t)
                    },
                    .if(tally == nil, .p(.txt(t(.voiceOwnFew, counts: ["count": count]))))
                )
            )
        }
    }
}

/// The words of the three questions and their answers, plain and easy.
public enum VoiceWords {
    public static func question(_ question: CitizensVoice.Question, easy: Bool, name: String, _ t: Localizer) -> String {
        switch question {
        case .mattered: t(easy ? .voiceMatteredEasy : .voiceMattered)
        case .decided: t(easy ? .voiceDecidedEasy : .voiceDecided, ["name": name])
        case .listened: t(easy ? .voiceListenedEasy : .voiceListened, ["name": name])
        }
    }

    public static func answer(_ answer: FeedbackAnswer, easy: Bool, _ t: Localizer) -> String {
        switch answer {
        case .yes: t(.voiceYes)
        case .partly: t(easy ? .voicePartlyEasy : .voicePartly)
        case .no: t(.voiceNo)
        }
    }

    /// A row per group: how many answered, and per question the shares, or why not shown.
    static func table(caption: String, rows: [CitizensVoice.Row], _ t: Localizer) -> Node<HTML.BodyContext> {
        let percent: (Double) -> String = { t.number(Int(($0 * 100).rounded())) }
        return Components.table(
            caption: caption,
            headers: [t(.voiceFiguresGroup), t(.voiceFiguresCount)] + CitizensVoice.Question.allCases.map { Self.question($0, easy: false, name: "", t) },
            rows: rows.map { row in
                [.txt(row.name), .txt(row.tally == nil ? t(.voiceFiguresHeld) : t.number(row.count))]
                    + CitizensVoice.Question.allCases.map { question -> Node<HTML.BodyContext> in
                        guard let tally = row.tally else { return .txt("–") }
                        return .txt(t(.voiceFiguresCell, ["yes": percent(tally.share(question, .yes)), "partly": percent(tally.share(question, .partly)),
                                                          "no": percent(tally.share(question, .no))]))
                    }
            })
    }
}
