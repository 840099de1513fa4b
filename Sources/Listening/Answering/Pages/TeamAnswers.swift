import Fluent
import Foundation
import KanssaCore
import Plot

/// The team's side of answering: the poster that takes people to the public page, what people
/// answered, and the form for answers heard in an interview, a workshop or on paper.
public enum TeamAnswers {
    // MARK: The poster

    public struct Poster {
        let title: String
        let purpose: String
        let code: ConsultationCode
        /// The address printed on it, e.g. "https://kanssa.valencia.es/c".
        let address: String
        let chrome: Chrome

        public init(title: String, purpose: String, code: ConsultationCode, address: String, chrome: Chrome) {
            self.title = title
            self.purpose = purpose
            self.code = code
            self.address = address
            self.chrome = chrome
        }

        public func render() -> HTML {
            let t = chrome.t
            return Layout.page(title: title, chrome: chrome, content: .div(
                .class("poster"),
                .p(.class("own-words"), .txt(purpose)),
                .h2(.txt(t(.posterAsk))),
                .p(.txt(t(.posterGoTo))),
                .p(.class("poster__address"), .txt(address + code.path)),
                .p(.txt(t(.posterOrType, ["address": address + ListeningRoute.typeCode.path]))),
                .p(.class("poster__code"), .txt(code.display)),
                .p(.txt(t(.posterAnonymous))),
                .p(.class("screen-only field__hint"), .txt(t(.posterPrint)))
            ))
        }
    }

    // MARK: What people answered

    public struct Model: Sendable, Equatable {
        public let consultationID: UUID
        public let title: String
        public let state: ConsultationState
        public let counts: [AnswerChannel: Int]
        public let sheets: Paged<Answers.Sheet>
    }

    /// Six queries, whatever the page.
    public static func load(_ consultationID: UUID, page: ListPage, on database: any Database) async throws -> Model {
        guard let consultation = try await Consultation.find(consultationID, on: database) else { throw ListeningError.notFound }
        let questions = try await Questions.list(of: consultationID, on: database)
        return Model(consultationID: consultationID, title: consultation.title, state: consultation.state,
                     counts: try await Answers.counts(of: consultationID, on: database),
                     sheets: try await Answers.sheets(of: consultation, questions: questions, page: page, on: database))
    }

    public struct Sheets {
        let model: Model
        let notice: Notice?
        let chrome: Chrome

        public init(model: Model, notice: Notice?, chrome: Chrome) {
            self.model = model
            self.notice = notice
            self.chrome = chrome
        }

        public func render() -> HTML {
            let t = chrome.t
            let total = model.counts.values.reduce(0, +)
            return Layout.page(title: t(.answersTitle, ["title": model.title]), chrome: chrome, notices: notice.map { [$0] } ?? [], content: .div(
                .p(.class("screen-only"), .a(.link(ListeningRoute.consultation(model.consultationID).url), .txt(t(.answersBackToConsultation)))),
                .p(.txt(t(.answersWhoSees))),
                .p(.txt(t(.answersCount, ["count": t.number(total)]))),
                .if(total > 0, .ul(.forEach(AnswerChannel.allCases.filter { (model.counts[$0] ?? 0) > 0 }) { channel in
                    .li(.txt("\(ListeningWords.channel(channel, t)): \(t.number(model.counts[channel] ?? 0))"))
                })),
                .if(model.state != .draft, .p(.class("screen-only"), .a(.class("button button--secondary"),
                                                                        .link(ListeningRoute.enterAnswers(consultation: model.consultationID).url),
                                                                        .txt(t(.answersEnterButton))))),
                .forEach(model.sheets.items) { sheet in
                    .section(.class("sheet"),
                             .h2(.txt(t(.answersSheetHeading, ["channel": ListeningWords.channel(sheet.channel, t),
                                                               "date": t.dateTime(sheet.createdAt)]))),
                             .p(.class("field__hint"), .txt(sheetFacts(sheet))),
                             .element(named: "dl", nodes: [.class("answers"), .forEach(sheet.answers) { question, given in
                                 .group(
                                     .element(named: "dt", nodes: [.txt(question.text)]),
                                     .element(named: "dd", nodes: [.class("own-words"), .txt(ListeningWords.given(given, to: question, t))]),
                                     .unwrap(sheet.moderation[question.id]) { moderated in
                                         .element(named: "dd", nodes: [
                                             .span(.class("field__hint"), .txt(ListeningWords.moderation(moderated, t) + " ")),
                                             .a(.class("screen-only"), .link(ListeningRoute.moderation(consultation: model.consultationID,
                                                                                                     answer: moderated.answerID).url),
                                                .txt(t(.moderationLink))),
                                             .txt(" "),
                                             .a(.class("screen-only"), .link(ListeningRoute.coding(consultation: model.consultationID,
                                                                                                 answer: moderated.answerID).url),
                                                .txt(t(.codingLink))),
                                         ])
                                     },
                                     .if(question.kind == .story, .element(named: "dd", nodes: [.class("field__hint"), .txt(consents(given))]))
                                 )
                             }]))
                },
                Components.pagination(model.sheets, t: t) {
                    SafeURL(ListeningRoute.answers(consultation: model.consultationID).path + "?page=\($0)")!
                }
            ))
        }

        private func sheetFacts(_ sheet: Answers.Sheet) -> String {
            let t = chrome.t
            var facts = [t(.answersGroups, ["groups": sheet.groups.isEmpty ? t(.answersNoGroup) : sheet.groups.joined(separator: ", ")]),
                         t(.answersLanguage, ["language": ContentLanguages.name(of: sheet.language)])]
            if let enteredBy = sheet.enteredBy { facts.append(t(.answersEnteredBy, ["name": enteredBy])) }
            if let contact = sheet.contact { facts.append(t(.answersContact, ["name": contact])) }
            if sheet.updatedAt > sheet.createdAt.addingTimeInterval(60) { facts.append(t(.answersChanged, ["date": t.dateTime(sheet.updatedAt)])) }
            return facts.joined(separator: " · ")
        }

        private func consents(_ given: Answers.Given) -> String {
            let t = chrome.t
            let yes = [(given.consentQuote, t(.answerConsentQuote)), (given.consentPublish, t(.answerConsentPublish)),
                       (given.consentTraining, t(.answerConsentTraining))].filter(\.0).map(\.1)
            return yes.isEmpty ? t(.answersNoConsent) : t(.answersConsents, ["list": yes.joined(separator: "; ")])
        }
    }

    // MARK: Answers heard elsewhere

    public struct EntryModel: Sendable, Equatable {
        public let consultationID: UUID
        public let title: String
        public let groups: [String]
        public let questions: [Questions.Line]
        public var channel = ""
        public var pickedGroups: [Int] = []
        public var typed: [UUID: Answers.Typed] = [:]
        public var errors: [FieldError] = []

        public init(consultation: Consultation, questions: [Questions.Line]) {
            consultationID = consultation.id!
            title = consultation.title
            groups = consultation.groupList
            self.questions = questions
        }
    }

    public static func fieldPrefix(_ question: Questions.Line) -> String { "q[\(question.position)]" }

    public struct Entry {
        let model: EntryModel
        let chrome: Chrome

        public init(model: EntryModel, chrome: Chrome) {
            self.model = model
            self.chrome = chrome
        }

        public func render() -> HTML {
            let t = chrome.t
            return Layout.page(title: t(.answersEnterTitle), chrome: chrome, errors: model.errors, content: .div(
                .p(.class("screen-only"), .a(.link(ListeningRoute.answers(consultation: model.consultationID).url),
                                             .txt(t(.answersBackToList)))),
                .p(.txt(model.title)),
                .p(.txt(t(.answersEnterIntro))),
                .form(
                    .method(.post), .link(ListeningRoute.enterAnswers(consultation: model.consultationID).url, as: "action"),
                    Components.csrfField(chrome.csrfToken),
                    Components.radios(name: "channel", legend: t(.answersChannelLegend), options: AnswerChannel.allCases.filter(\.isEnteredByStaff).map {
                        .init(value: $0.rawValue, label: ListeningWords.channel($0, t), isSelected: model.channel == $0.rawValue)
                    }, error: model.errors.message(for: "channel")),
                    .if(!model.groups.isEmpty, Components.checkboxes(name: "groups", legend: t(.answersGroupsLegend),
                                                                     options: model.groups.enumerated().map {
                        .init(value: String($0.offset), label: $0.element, isSelected: model.pickedGroups.contains($0.offset))
                    }, error: model.errors.message(for: "groups"))),
                    .forEach(Array(model.questions.enumerated())) { index, question in
                        let prefix = fieldPrefix(question)
                        let label = t(.answersQuestionLabel, ["number": t.number(index + 1), "text": question.text])
                        let condition = QuestionEditor.conditionLine(question, among: model.questions, t)
                        return .div(.class("card"),
                                    .unwrap(condition) { .p(.class("field__hint"), .txt($0)) },
                                    AnswerControls.controls(question, label: label, typed: model.typed[question.id] ?? .init(),
                                                            error: model.errors.message(for: AnswerControls.fieldName(fieldName(question), prefix)),
                                                            prefix: prefix, t))
                    },
                    Components.submit(t(.answersEnterButton))
                )
            ))
        }
    }

    /// The field an error on a question is shown at.
    public static func fieldName(_ question: Questions.Line) -> String {
        switch question.kind {
        case .singleChoice: "choice"
        case .multipleChoice: "choices"
        case .scale: "scale"
        case .openText, .story: "text"
        }
    }
}
