import Fluent
import Foundation
import KanssaCore
import Plot

/// One consultation for the team that runs it: what it asks and of whom, where it is, and the
/// assumptions ledger — written before asking, frozen when it opens.
public enum ConsultationPage {
    public struct Line: Sendable, Equatable {
        public let id: UUID
        public let statement: String
        public let heldBy: String
        public let confidence: Int
        public let ifWrong: String
        public let addedAfterOpening: Bool
        public let createdAt: Date
        public let author: String
    }

    public struct Model: Sendable, Equatable {
        public let id: UUID
        public let organisationID: UUID
        public let title: String
        public let purpose: String
        public let audience: String
        public let teamName: String
        public let state: ConsultationState
        public let opensOn: String
        public let closesOn: String
        public let openedAt: Date?
        public let closedAt: Date?
        public let reopenedAt: Date?
        public let ledger: [Line]
        public var questions: [Questions.Line] = []
        public var publicCode: ConsultationCode?
        /// How many answered, however they did.
        public var respondents = 0
        /// The languages it asks in (the first the one it is written in), how many texts there
        /// are to translate, and how many are translated into each other language.
        public var languages: [String] = []
        public var texts = 0
        public var translated: [String: Int] = [:]
        /// The verdict that stands on each assumption, and the decisions taken.
        public var verdicts: [UUID: VerdictKind] = [:]
        public var decisions: [Decisions.Line] = []
        public var draft = Consultations.AssumptionDraft()
        public var errors: [FieldError] = []
        public var questionDraft = Questions.Draft()
        public var questionErrors: [FieldError] = []
        public var notice: Notice?

        public var isFrozen: Bool { state != .draft }
    }

    /// Ten queries, the ledger and questions whole (a page of beliefs and a questionnaire, not a log).
    public static func load(_ consultationID: UUID, on database: any Database) async throws -> Model {
        guard let consultation = try await Consultation.find(consultationID, on: database) else { throw ListeningError.notFound }
        let assumptions = try await Assumption.query(on: database).filter(\.$consultationID == consultationID)
            .sort(\.$createdAt).sort(\.$id).all()
        let team = try await Team.find(consultation.teamID, on: database)
        let names = try await Account.displayNames(of: assumptions.map(\.createdByID), on: database)
        let questions = try await Questions.list(of: consultationID, on: database)
        var model = Model(
            id: consultationID, organisationID: consultation.organisationID, title: consultation.title, purpose: consultation.purpose,
            audience: consultation.audience, teamName: team?.name ?? "–", state: consultation.state, opensOn: consultation.opensOn,
            closesOn: consultation.closesOn, openedAt: consultation.openedAt, closedAt: consultation.closedAt,
            reopenedAt: consultation.reopenedAt,
            ledger: assumptions.map {
                Line(id: $0.id!, statement: $0.statement, heldBy: $0.heldBy, confidence: $0.confidence, ifWrong: $0.ifWrong,
                     addedAfterOpening: $0.addedAfterOpening, createdAt: $0.createdAt, author: names[$0.createdByID] ?? "–")
            })
        model.questions = questions
        model.publicCode = consultation.publicCode.flatMap(ConsultationCode.init(typed:))
        model.respondents = try await Answers.counts(of: consultationID, on: database).values.reduce(0, +)
        model.languages = consultation.languageList
        model.texts = 3 + (consultation.groupList.isEmpty ? 0 : 1) + questions.count + questions.filter { !$0.choiceList.isEmpty }.count
        model.translated = model.languages.count > 1 ? try await Translations.progress(of: consultation, on: database) : [:]
        if model.isFrozen {
            model.verdicts = try await Verdicts.standing(on: assumptions.compactMap(\.id), on: database).mapValues(\.kind)
            model.decisions = try await Decisions.list(of: consultationID, on: database)
        }
        return model
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
                title: model.title, chrome: chrome, errors: model.errors + model.questionErrors, notices: model.notice.map { [$0] } ?? [],
                content: .div(
                    .p(.class("screen-only"), .a(.link(ListeningRoute.consultations(organisation: model.organisationID).url),
                                                 .txt(t(.consultationsBack)))),
                    .element(named: "dl", nodes: [
                        .element(named: "dt", nodes: [.txt(t(.consultationStateLabel))]), .element(named: "dd", nodes: [.txt(stateLine)]),
                        .element(named: "dt", nodes: [.txt(t(.consultationTeamField))]), .element(named: "dd", nodes: [.txt(model.teamName)]),
                        .element(named: "dt", nodes: [.txt(t(.consultationAudienceField))]), .element(named: "dd", nodes: [.txt(model.audience)]),
                        .element(named: "dt", nodes: [.txt(t(.consultationPurposeField))]),
                        .element(named: "dd", nodes: [.class("own-words"), .txt(model.purpose)]),
                    ]),
                    stateActions,
                    answering,
                    languages,
                    ledger,
                    .if(model.isFrozen, OutcomePages.decisionList(model.decisions, consultationID: model.id, canDecide: !model.verdicts.isEmpty, chrome.t)),
                    QuestionEditor.section(model, chrome)
                )
            )
        }

        private var stateLine: String {
            let t = chrome.t
            let planned = t(.consultationPlannedDays, ["opens": t.day(model.opensOn), "closes": t.day(model.closesOn)])
            switch model.state {
            case .draft: return t(.consultationStateDraft) + " — " + planned
            case .open:
                let since = model.reopenedAt ?? model.openedAt
                return t(.consultationStateOpen) + (since.map { " " + t(.consultationSince, ["date": t.dateTime($0)]) } ?? "")
                    + (model.reopenedAt != nil ? " (" + t(.consultationReopenedNote) + ")" : "") + " — " + planned
            case .closed:
                return t(.consultationStateClosed) + (model.closedAt.map { " " + t(.consultationSince, ["date": t.dateTime($0)]) } ?? "")
            }
        }

        /// Where people answer, the poster that takes them there, and what they said.
        private var answering: Node<HTML.BodyContext> {
            let t = chrome.t
            return .unwrap(model.publicCode) { code in
                .ul(.class("inline-list screen-only"),
                    .li(.a(.link(ListeningRoute.respond(code).url), .txt(t(.consultationPublicLink, ["address": code.path])))),
                    .li(.a(.link(ListeningRoute.poster(consultation: model.id).url), .txt(t(.posterLink)))),
                    .if(model.state != .draft, .li(.a(.link(ListeningRoute.answers(consultation: model.id).url),
                                                      .txt(t(.answersLink, ["count": t.number(model.respondents)]))))),
                    .li(.a(.link(ListeningRoute.codebook(consultation: model.id).url), .txt(t(.codebookLink)))),
                    .if(model.state != .draft, .li(.a(.link(ListeningRoute.agreement(consultation: model.id).url), .txt(t(.agreementLink))))),
                    .if(model.state != .draft, .li(.a(.link(ListeningRoute.figures(consultation: model.id).url), .txt(t(.figuresLink))))),
                    .if(model.state != .draft, .li(.a(.link(ListeningRoute.report(consultation: model.id).url), .txt(t(.reportLink))))),
                    .if(model.state != .draft, .li(.a(.link(ListeningRoute.publicReport(code).url), .txt(t(.publicLink))))),
                    .if(model.state != .draft, .li(.a(.link(ListeningRoute.exportAnswers(consultation: model.id).url), .txt(t(.exportAnswersLink))))),
                    .if(model.state != .draft, .li(.a(.link(ListeningRoute.exportCodes(consultation: model.id).url), .txt(t(.exportCodesLink))))),
                    .if(model.state != .draft, .li(.a(.link(ListeningRoute.exportProject(consultation: model.id).url), .txt(t(.exportProjectLink))))))
            }
        }

        private var languages: Node<HTML.BodyContext> {
            let t = chrome.t
            let others = ContentLanguages.all.filter { !model.languages.contains($0.code) }
            return .section(
                .id("languages"),
                .h2(.txt(t(.consultationLanguagesHeading))),
                .p(.txt(t(.consultationLanguagesIntro))),
                .ul(.forEach(Array(model.languages.enumerated())) { index, code in
                    let name = ContentLanguages.name(of: code)
                    return index == 0 ? .li(.txt(t(.consultationWrittenIn, ["language": name]))) : .li(
                        .txt(t(.consultationTranslatedCount, ["language": name, "done": t.number(model.translated[code] ?? 0),
                                                               "count": t.number(model.texts)]) + " "),
                        .a(.class("screen-only"), .link(ListeningRoute.translation(consultation: model.id, language: code).url),
                           .txt(t(.consultationTranslate, ["language": name]))),
                        .if(model.state == .draft, .div(.class("screen-only"), Components.postButton(
                            action: ListeningRoute.removeLanguage(consultation: model.id, language: code).url, csrfToken: chrome.csrfToken,
                            label: t(.consultationRemoveLanguage, ["language": name]), style: .secondary)))
                    )
                }),
                .if(model.languages.count < Translations.mostLanguages, .form(
                    .class("stack narrow screen-only"), .method(.post), .link(ListeningRoute.languages(consultation: model.id).url, as: "action"),
                    Components.csrfField(chrome.csrfToken),
                    Components.select(name: "language", label: t(.consultationAddLanguage), options: others.map {
                        .init(value: $0.code, label: $0.name, isSelected: false)
                    }, error: model.errors.message(for: "language")),
                    Components.submit(t(.consultationAddLanguageButton), style: .secondary)
                ))
            )
        }

        private var stateActions: Node<HTML.BodyContext> {
            let t = chrome.t
            switch model.state {
            case .draft:
                return .p(.class("screen-only"), .a(.class("button button--primary"), .link(ListeningRoute.open(consultation: model.id).url),
                                                    .txt(t(.consultationOpenButton))))
            case .open:
                return .div(.class("screen-only"), Components.postButton(
                    action: ListeningRoute.close(consultation: model.id).url, csrfToken: chrome.csrfToken,
                    label: t(.consultationCloseButton), style: .secondary))
            case .closed where model.reopenedAt == nil:
                return .div(.class("screen-only"),
                    .p(.class("field__hint"), .txt(t(.consultationReopenHint))),
                    Components.postButton(
                        action: ListeningRoute.reopen(consultation: model.id).url, csrfToken: chrome.csrfToken,
                        label: t(.consultationReopenButton), style: .secondary))
            case .closed:
                return .p(.txt(t(.consultationReopenedOnce)))
            }
        }

        private var ledger: Node<HTML.BodyContext> {
            let t = chrome.t
            return .section(
                .id("ledger"),
                .h2(.txt(t(.ledgerHeading))),
                .p(.txt(t(model.isFrozen ? .ledgerFrozenIntro : .ledgerIntro))),
                .if(model.ledger.isEmpty, .p(.txt(t(.ledgerEmpty)))),
                .ol(.class("cards"), .forEach(model.ledger) { line in
                    .li(.class("card"),
                        .p(.class("own-words"), .strong(.txt(line.statement))),
                        .p(.txt(t(.ledgerHeldBy, ["who": line.heldBy, "confidence": t.number(line.confidence)]))),
                        .p(.txt(t(.ledgerIfWrong, ["text": line.ifWrong]))),
                        .p(.class("field__hint"),
                           .if(line.addedAfterOpening, .group(.span(.class("tag tag--warning"), .txt(t(.ledgerAddedAfterOpening))), .text(" "))),
                           .txt(t(.ledgerWrittenBy, ["name": line.author, "date": t.dateTime(line.createdAt)]))),
                        .if(model.isFrozen, .p(
                            .txt(model.verdicts[line.id].map { t(.ledgerVerdict, ["verdict": ListeningWords.verdict($0, t)]) } ?? t(.ledgerNoVerdict)),
                            .text(" "),
                            .span(.class("screen-only"), Components.actionLink(
                                ListeningRoute.verdict(consultation: model.id, assumption: line.id).url,
                                t(model.verdicts[line.id] == nil ? .ledgerGiveVerdict : .ledgerSeeVerdict), about: line.statement)))),
                        .if(!model.isFrozen, .p(Components.actionLink(
                            ListeningRoute.assumption(consultation: model.id, assumption: line.id).url, t(.ledgerChange),
                            about: line.statement)))
                    )
                }),
                Components.disclosure(t(model.isFrozen ? .ledgerAddLate : .ledgerAdd), open: !model.errors.isEmpty, .form(
                    .class("stack narrow"), .method(.post), .link(ListeningRoute.assumptions(consultation: model.id).url, as: "action"),
                    .attribute(named: "novalidate"),
                    Components.csrfField(chrome.csrfToken),
                    .if(model.isFrozen, .p(.class("field__hint"), .txt(t(.ledgerAddLateHint)))),
                    AssumptionEditor.fields(model.draft, errors: model.errors, t)
                ))
            )
        }
    }
}

/// The form of one assumption: on the consultation's page to add one, on a page of its own to
/// change or remove one while the ledger is open.
public enum AssumptionEditor {
    public struct Model: Sendable, Equatable {
        public let consultationID: UUID
        public let consultationTitle: String
        public let assumptionID: UUID
        public var draft: Consultations.AssumptionDraft
        public var errors: [FieldError] = []
    }

    public static func load(_ assumptionID: UUID, in consultationID: UUID, on database: any Database) async throws -> Model {
        guard let consultation = try await Consultation.find(consultationID, on: database),
              let assumption = try await Assumption.query(on: database).filter(\.$id == assumptionID)
                  .filter(\.$consultationID == consultationID).first()
        else { throw ListeningError.notFound }
        guard consultation.state == .draft else { throw ListeningError.ledgerFrozen }
        return Model(
            consultationID: consultationID, consultationTitle: consultation.title, assumptionID: assumptionID,
            draft: .init(statement: assumption.statement, heldBy: assumption.heldBy, confidence: String(assumption.confidence),
                         ifWrong: assumption.ifWrong))
    }

    static func fields(_ draft: Consultations.AssumptionDraft, errors: [FieldError], _ t: Localizer) -> Node<HTML.FormContext> {
        .group(
            Components.textArea(name: "statement", label: t(.ledgerStatementField), value: draft.statement, hint: t(.ledgerStatementHint),
                                error: errors.message(for: "statement"), maxLength: Consultations.longestText),
            Components.textField(name: "heldBy", label: t(.ledgerHeldByField), value: draft.heldBy, hint: t(.ledgerHeldByHint),
                                 error: errors.message(for: "heldBy"), maxLength: Consultations.longestTitle),
            Components.textField(name: "confidence", label: t(.ledgerConfidenceField), value: draft.confidence, type: .number,
                                 hint: t(.ledgerConfidenceHint), error: errors.message(for: "confidence"), maxLength: 4),
            Components.textArea(name: "ifWrong", label: t(.ledgerIfWrongField), value: draft.ifWrong, hint: t(.ledgerIfWrongHint),
                                error: errors.message(for: "ifWrong"), maxLength: Consultations.longestText),
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
                title: .ledgerChangeTitle, consultationID: model.consultationID, consultationTitle: model.consultationTitle,
                action: ListeningRoute.assumption(consultation: model.consultationID, assumption: model.assumptionID).url,
                fields: AssumptionEditor.fields(model.draft, errors: model.errors, chrome.t), errors: model.errors,
                remove: (.ledgerRemoveHeading, .ledgerRemoveHint,
                         ListeningRoute.removeAssumption(consultation: model.consultationID, assumption: model.assumptionID).url,
                         .ledgerRemoveButton),
                chrome: chrome
            ).render()
        }
    }
}

/// Before opening: what opening does, asked once more.
public struct OpenConsultationView {
    let model: ConsultationPage.Model
    let chrome: Chrome

    public init(model: ConsultationPage.Model, chrome: Chrome) {
        self.model = model
        self.chrome = chrome
    }

    public func render() -> HTML {
        let t = chrome.t
        return Layout.page(
            title: t(.consultationOpenTitle, ["title": model.title]), chrome: chrome,
            content: .div(
                .p(.txt(t(.consultationOpenExplain, counts: ["count": model.ledger.count]))),
                .if(model.ledger.isEmpty, .p(.class("field__error"), .txt(t(.consultationOpenEmpty)))),
                .if(!model.ledger.isEmpty, Components.postButton(
                    action: ListeningRoute.open(consultation: model.id).url, csrfToken: chrome.csrfToken,
                    label: t(.consultationOpenConfirm), style: .primary)),
                .p(.a(.link(ListeningRoute.consultation(model.id).url), .txt(t(.consultationOpenCancel))))
            )
        )
    }
}
