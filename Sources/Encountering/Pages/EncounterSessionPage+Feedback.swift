import Fluent
import Foundation
import KanssaCore
@preconcurrency import Plot

/// Feedback on a session's page: for a participant, the feedback form with the module's
/// self-reflection, then their own reflection's profile, and weeks later the follow-up; for those
/// who give it, what flows back — counted, and without names once five have answered; for the
/// co-trainers, their own reflections ("were we heard?").
extension EncounterSessionPage {
    public struct OwnFeedback: Sendable, Equatable {
        public let changed: Int
        public let heard: String
        public let willDo: String
        /// Their self-reflection, scored: subscale name and score.
        public let profile: [ProfileLine]
    }

    public struct ProfileLine: Sendable, Equatable {
        public let name: String
        public let score: Double?
        public let prompt: String?
    }

    public struct Participation: Sendable, Equatable {
        public let own: OwnFeedback?
        public let reflection: EncounterFeedbacks.Reflection?
        public let followUpDue: Date
        public let followUpAnswered: FollowUpOutcome?
        public let language: String
    }

    public struct CoTrainerReflectionLine: Sendable, Equatable {
        public let accountID: UUID
        public let name: String
        public let heard: Int
        public let text: String
    }

    public struct FlowingBack: Sendable, Equatable {
        public let summary: EncounterFeedbacks.Summary?
        public let reflections: [CoTrainerReflectionLine]?
        public let mayReflect: Bool
    }

    /// Six queries at most.
    static func loadFeedback(
        _ access: EncounterSessionAccess, session: EncounterSession, module: TrainingModule, viewer: Principal,
        reflection: EncounterFeedbacks.Reflection?, on database: any Database
    ) async throws -> (Participation?, FlowingBack) {
        let me = viewer.accountID
        var participation: Participation?
        if Policy.decide(.giveEncounterFeedback(access), for: viewer).isAllowed {
            let mine = try await SessionFeedbackAnswer.query(on: database).filter(\.$sessionID == access.sessionID).filter(\.$accountID == me).first()
            let followUp = try await SessionFollowUp.query(on: database).filter(\.$sessionID == access.sessionID).filter(\.$accountID == me).first()
            let instrument = reflection?.instrument
            let own = mine.map { feedback in
                let scores = EncounterFeedbacks.ownReflection(of: feedback, instrument: instrument) ?? []
                return OwnFeedback(
                    changed: feedback.changed, heard: feedback.heard, willDo: feedback.willDo,
                    profile: scores.compactMap { score in
                        guard let instrument, let subscale = instrument.subscales.first(where: { $0.id == score.subscale }) else { return nil }
                        return ProfileLine(name: instrument.text(subscale.name, in: viewer.language), score: score.value,
                                           prompt: subscale.prompt.map { instrument.text($0, in: viewer.language) })
                    })
            }
            participation = Participation(own: own, reflection: reflection, followUpDue: EncounterFeedbacks.followUpDue(session),
                                          followUpAnswered: followUp.flatMap { FollowUpOutcome(rawValue: $0.outcome) }, language: viewer.language)
        }
        var summary: EncounterFeedbacks.Summary?
        if Policy.decide(.readEncounterFeedback(access), for: viewer).isAllowed {
            summary = try await EncounterFeedbacks.summary(of: [access.sessionID], reflection: reflection?.instrument, language: viewer.language,
                                                           on: database)
        }
        var reflections: [CoTrainerReflectionLine]?
        if Policy.decide(.readCoTrainerReflections(access), for: viewer).isAllowed {
            let rows = try await CoTrainerReflection.query(on: database).filter(\.$sessionID == access.sessionID).all()
            let names = try await EncounterSessions.creditNames(of: rows.map(\.accountID), in: module.panelID, on: database)
            reflections = rows.map { CoTrainerReflectionLine(accountID: $0.accountID, name: names[$0.accountID] ?? "", heard: $0.heard, text: $0.text) }
                .sorted { $0.name < $1.name }
        }
        return (participation, FlowingBack(summary: summary, reflections: reflections,
                                           mayReflect: Policy.decide(.reflectOnEncounterSession(access), for: viewer).isAllowed))
    }
}

extension EncounterSessionPage.View {
    /// The participant's part, once the session has begun.
    var participating: Node<HTML.BodyContext> {
        guard model.hasStarted, let participation = model.participation else { return .empty }
        let t = chrome.t
        guard let own = participation.own else { return feedbackForm(participation) }
        let due = participation.followUpDue
        return .group(
            .section(
                .h2(.txt(t(.encounterYourFeedback))),
                .p(.txt(t(.encounterYouSaidYouWould, ["text": own.willDo]))),
                .if(!own.profile.isEmpty, .group(
                    .h3(.txt(t(.encounterYourReflection))),
                    .p(.class("hint"), .txt(t(.encounterOnlyYou))),
                    .ul(.forEach(own.profile) { line in
                        .li(.strong(.txt(line.name + ": ")), .txt(line.score.map { t.decimal($0) } ?? "–"),
                            .unwrap(line.prompt) { .p(.class("hint"), .txt($0)) })
                    })
                ))
            ),
            .section(
                .h2(.txt(t(.encounterFollowUpHeading))),
                participation.followUpAnswered.map { outcome in .p(.txt(t(.encounterFollowUpThanks, ["answer": Self.outcomeName(outcome, t)]))) }
                    ?? (model.now < due
                        ? .p(.txt(t(.encounterFollowUpLater, ["date": t.date(due)])))
                        : followUpForm(own))
            )
        )
    }

    static func outcomeName(_ outcome: FollowUpOutcome, _ t: Localizer) -> String {
        switch outcome {
        case .did: t(.encounterFollowUpDid)
        case .partly: t(.encounterFollowUpPartly)
        case .notYet: t(.encounterFollowUpNotYet)
        }
    }

    private func feedbackForm(_ participation: EncounterSessionPage.Participation) -> Node<HTML.BodyContext> {
        let t = chrome.t
        let draft = model.draft
        let errors = model.errors
        return .section(
            .h2(.txt(t(.encounterFeedbackHeading))),
            .p(.txt(t(.encounterFeedbackIntro, ["smallest": t.number(EncounterFeedbacks.smallestGroup)]))),
            .form(
                .class("stack narrow"), .method(.post), .link(EncounteringRoute.feedback(session: model.id).url, as: "action"),
                .attribute(named: "novalidate"),
                Components.csrfField(chrome.csrfToken),
                Components.radios(
                    name: "changed", legend: t(.encounterChangedQuestion),
                    options: Self.fivePoints(selected: draft["changed"], t),
                    error: errors.message(for: "changed")),
                Components.textArea(name: "heard", label: t(.encounterHeardQuestion), value: draft["heard"] ?? "", hint: t(.sessionCommentHint),
                                    error: errors.message(for: "heard"), maxLength: EncounterFeedbacks.textLength),
                Components.textArea(name: "will-do", label: t(.encounterWillDoQuestion), value: draft["will-do"] ?? "",
                                    hint: t(.encounterWillDoHint), error: errors.message(for: "will-do"), maxLength: EncounterFeedbacks.textLength),
                .unwrap(participation.reflection) { reflection in
                    .fieldset(
                        .element(named: "legend", nodes: [Node<HTML.BodyContext>.txt(reflection.title)]),
                        .if(!reflection.words.isEmpty, .p(.class("own-words"), .txt(reflection.words))),
                        .p(.class("hint"), .txt(t(.encounterOnlyYou))),
                        .forEach(Array(reflection.instrument.items.enumerated())) { index, item in
                            InstrumentForm.question(item, number: index + 1, of: reflection.instrument, language: participation.language,
                                                    selected: Int(draft["item-\(item.id)"] ?? ""), error: errors.message(for: "item-\(item.id)"), t)
                        }
                    )
                },
                Components.submit(t(.sessionGiveFeedback))
            )
        )
    }

    /// 1 to 5, the ends named.
    static func fivePoints(selected: String?, _ t: Localizer) -> [Components.Option] {
        (1...5).map { value in
            Components.Option(value: String(value), label: String(value) + scaleEnd(value, t), isSelected: selected == String(value))
        }
    }

    static func scaleEnd(_ value: Int, _ t: Localizer) -> String {
        switch value {
        case 1: " – " + t(.encounterScaleLow)
        case 5: " – " + t(.encounterScaleHigh)
        default: ""
        }
    }

    private func followUpForm(_ own: EncounterSessionPage.OwnFeedback) -> Node<HTML.BodyContext> {
        let t = chrome.t
        return .form(
            .class("stack narrow"), .method(.post), .link(EncounteringRoute.followUp(session: model.id).url, as: "action"),
            .attribute(named: "novalidate"),
            Components.csrfField(chrome.csrfToken),
            Components.radios(
                name: "outcome", legend: t(.encounterFollowUpQuestion, ["text": own.willDo]),
                options: FollowUpOutcome.allCases.map { .init(value: $0.rawValue, label: Self.outcomeName($0, t), isSelected: model.draft["outcome"] == $0.rawValue) },
                error: model.errors.message(for: "outcome")),
            Components.textArea(name: "note", label: t(.encounterFollowUpNote), value: model.draft["note"] ?? "", hint: t(.sessionCommentHint),
                                error: model.errors.message(for: "note"), required: false, maxLength: EncounterFeedbacks.textLength),
            Components.submit(t(.encounterFollowUpSend))
        )
    }

    /// What flows back to those who give the session.
    var flowingBack: Node<HTML.BodyContext> {
        let t = chrome.t
        let back = model.flowingBack
        return .group(
            .unwrap(back.summary) { summary in
                .section(
                    .h2(.txt(t(.encounterWhatFlowsBack))),
                    EncounterSessionPage.summary(summary, t)
                )
            },
            .if(model.hasStarted && (back.mayReflect || back.reflections.map { !$0.isEmpty } == true), .section(
                .h2(.txt(t(.encounterWereWeHeard))),
                .p(.class("hint"), .txt(t(.encounterReflectionsIntro))),
                .unwrap(back.reflections) { lines in
                    .ul(.forEach(lines) { line in
                        .li(.strong(.txt(line.name)), .txt(" · " + t(.encounterHeardValue, ["value": String(line.heard)])),
                            .p(.class("own-words"), .txt(line.text)))
                    })
                },
                .if(back.mayReflect, reflectionForm)
            ))
        )
    }

    private var reflectionForm: Node<HTML.BodyContext> {
        let t = chrome.t
        let mine = model.flowingBack.reflections?.first { $0.accountID == model.viewerID }
        let draft = model.draft
        return .form(
            .class("stack narrow"), .method(.post), .link(EncounteringRoute.reflection(session: model.id).url, as: "action"),
            .attribute(named: "novalidate"),
            Components.csrfField(chrome.csrfToken),
            Components.radios(
                name: "heard", legend: t(.encounterWereWeHeardQuestion),
                options: Self.fivePoints(selected: draft["heard"] ?? mine.map { String($0.heard) }, t),
                error: model.errors.message(for: "heard")),
            Components.textArea(name: "text", label: t(.encounterReflectionText), value: draft["text"] ?? mine?.text ?? "",
                                error: model.errors.message(for: "text"), maxLength: 2000),
            Components.submit(t(mine == nil ? .encounterReflectionSave : .encounterReflectionChange), style: .secondary)
        )
    }
}

extension EncounterSessionPage {
    /// A summary of feedback, for a session or for all of a module's sessions.
    public static func summary(_ summary: EncounterFeedbacks.Summary, _ t: Localizer) -> Node<HTML.BodyContext> {
        let smallest = t.number(EncounterFeedbacks.smallestGroup)
        let counts: Node<HTML.BodyContext> = .p(.txt(t(.encounterFeedbackGiven, [
            "count": t.number(summary.given), "followUps": t.number(summary.followUps),
        ])))
        let tooFew: Node<HTML.BodyContext> = summary.changed == nil ? .p(.txt(t(.sessionFeedbackTooFew, ["smallest": smallest]))) : .empty
        return .group(counts, tooFew, ratings(summary.changed, t), reflectionMeans(summary.reflection, t),
                      words(summary.heard, heading: t(.encounterHeardQuestion)), words(summary.willDo, heading: t(.encounterWillDoQuestion)),
                      outcomes(summary.outcomes, t), words(summary.followUpNotes, heading: nil))
    }

    private static func ratings(_ counts: [Int]?, _ t: Localizer) -> Node<HTML.BodyContext> {
        guard let counts else { return .empty }
        let rows: [(Int, Int)] = counts.enumerated().map { ($0.offset + 1, $0.element) }
        return .div(
            .class("table-scroll"),
            .attribute(named: "role", value: "region"),
            .safe("aria-label", t(.encounterChangedCaption)),
            .attribute(named: "tabindex", value: "0"),
            .table(
                .caption(.txt(t(.encounterChangedCaption))),
                .thead(.tr(.th(.txt(t(.encounterRating))), .th(.txt(t(.sessionPeople))))),
                .tbody(.forEach(rows) { value, count in
                    .tr(.td(.txt(String(value) + EncounterSessionPage.View.scaleEnd(value, t))), .td(.txt(t.number(count))))
                })
            )
        )
    }

    private static func reflectionMeans(_ figures: [EncounterFeedbacks.ReflectionFigure]?, _ t: Localizer) -> Node<HTML.BodyContext> {
        guard let figures else { return .empty }
        return .group(
            .h3(.txt(t(.encounterReflectionMeans))),
            .ul(.forEach(figures) { figure in
                .li(.txt(t(.encounterReflectionMean, ["name": figure.subscale, "mean": t.decimal(figure.mean)], counts: ["count": figure.count])))
            })
        )
    }

    private static func words(_ words: [String]?, heading: String?) -> Node<HTML.BodyContext> {
        guard let words, !words.isEmpty else { return .empty }
        return .group(
            .unwrap(heading) { .h3(.txt($0)) },
            .ul(.forEach(words) { .li(.class("own-words"), .txt($0)) })
        )
    }

    private static func outcomes(_ counts: [Int]?, _ t: Localizer) -> Node<HTML.BodyContext> {
        guard let counts else { return .empty }
        let rows = Array(zip(FollowUpOutcome.allCases, counts))
        return .group(
            .h3(.txt(t(.encounterFollowUpHeading))),
            .ul(.forEach(rows) { outcome, count in .li(.txt(EncounterSessionPage.View.outcomeName(outcome, t) + ": " + t.number(count))) })
        )
    }
}
