import Foundation
import KanssaCore
import Plot

/// The codebook page, the page to code one answer, and the coders' agreement.
public enum CodingPages {
    // MARK: The codebook

    public struct CodebookModel: Sendable, Equatable {
        public let consultationID: UUID
        public let title: String
        public let themes: [Codebook.Line]
        /// Earlier consultations of the organisation whose codebook can be copied.
        public let earlier: [Earlier]
        public var draft = Codebook.Draft()
        public var errors: [FieldError] = []
        public var notice: Notice?

        public struct Earlier: Sendable, Equatable {
            public let id: UUID
            public let title: String

            public init(id: UUID, title: String) {
                self.id = id
                self.title = title
            }
        }

        public init(consultationID: UUID, title: String, themes: [Codebook.Line], earlier: [Earlier]) {
            self.consultationID = consultationID
            self.title = title
            self.themes = themes
            self.earlier = earlier
        }
    }

    public struct CodebookView {
        let model: CodebookModel
        let chrome: Chrome

        public init(model: CodebookModel, chrome: Chrome) {
            self.model = model
            self.chrome = chrome
        }

        public func render() -> HTML {
            let t = chrome.t
            let top = model.themes.filter { $0.parentID == nil }
            return Layout.page(title: t(.codebookTitle), chrome: chrome, errors: model.errors, notices: model.notice.map { [$0] } ?? [], content: .div(
                .p(.class("screen-only"), .a(.link(ListeningRoute.consultation(model.consultationID).url), .txt(t(.answersBackToConsultation)))),
                .p(.txt(model.title)),
                .p(.txt(t(.codebookIntro))),
                .p(.class("screen-only"), .a(.link(ListeningRoute.suggestions(consultation: model.consultationID).url), .txt(t(.codebookSuggestionsLink)))),
                .if(model.themes.isEmpty, .p(.txt(t(.codebookEmpty)))),
                .ul(.forEach(top) { theme in
                    .li(.strong(.txt(theme.name)),
                        .if(!theme.description.isEmpty, .p(.class("field__hint"), .txt(theme.description))),
                        .unwrap(model.themes.filter { $0.parentID == theme.id }.nilIfEmpty) { children in
                            .ul(.forEach(children) { child in
                                .li(.txt(child.name), .if(!child.description.isEmpty, .p(.class("field__hint"), .txt(child.description))))
                            })
                        })
                }),
                .h2(.txt(t(.codebookAddHeading))),
                .form(
                    .class("stack narrow screen-only"), .method(.post), .link(ListeningRoute.codebook(consultation: model.consultationID).url, as: "action"),
                    Components.csrfField(chrome.csrfToken),
                    Components.textField(name: "name", label: t(.codebookNameField), value: model.draft.name,
                                         error: model.errors.message(for: "name"), maxLength: Codebook.longestName),
                    Components.textArea(name: "description", label: t(.codebookDescriptionField), value: model.draft.description,
                                        hint: t(.codebookDescriptionHint), error: model.errors.message(for: "description"), required: false,
                                        maxLength: Codebook.longestDescription),
                    .if(!top.isEmpty, Components.select(name: "parent", label: t(.codebookParentField), options:
                        [Components.Option(value: "", label: t(.codebookNoParent), isSelected: model.draft.parent.isEmpty)] + top.map {
                            .init(value: $0.id.uuidString, label: $0.name, isSelected: model.draft.parent == $0.id.uuidString)
                        }, error: model.errors.message(for: "parent"))),
                    Components.submit(t(.codebookAddButton))
                ),
                .if(!model.earlier.isEmpty, .group(
                    .h2(.txt(t(.codebookCopyHeading))),
                    .form(
                        .class("stack narrow screen-only"), .method(.post),
                        .link(ListeningRoute.copyCodebook(consultation: model.consultationID).url, as: "action"),
                        Components.csrfField(chrome.csrfToken),
                        Components.select(name: "from", label: t(.codebookCopyField), options: model.earlier.map {
                            .init(value: $0.id.uuidString, label: $0.title, isSelected: false)
                        }),
                        Components.submit(t(.codebookCopyButton), style: .secondary)
                    )
                ))
            ))
        }
    }

    // MARK: Coding one answer

    public struct CodingView {
        let model: Codings.Model
        let chrome: Chrome
        let coderID: UUID
        let notice: Notice?

        public init(model: Codings.Model, coderID: UUID, notice: Notice? = nil, chrome: Chrome) {
            self.model = model
            self.coderID = coderID
            self.notice = notice
            self.chrome = chrome
        }

        public func render() -> HTML {
            let t = chrome.t
            return Layout.page(title: t(.codingTitle), chrome: chrome, errors: model.errors, notices: notice.map { [$0] } ?? [], content: .div(
                .p(.class("screen-only"), .a(.link(ListeningRoute.answers(consultation: model.consultationID).url), .txt(t(.answersBackToList)))),
                .p(.strong(.txt(model.question))),
                .p(.class("own-words"), .txt(model.text)),
                .h2(.txt(t(.codingSoFar))),
                .if(model.codings.isEmpty, .p(.txt(t(.codingNone)))),
                .ul(.forEach(model.codings) { coding in
                    .li(.txt(t(.codingLine, ["theme": coding.theme, "coder": coding.coder, "date": t.dateTime(coding.at)])),
                        .unwrap(coding.words) { .p(.class("own-words"), .txt("“" + $0 + "”")) },
                        .if(coding.coderID == coderID, .div(.class("screen-only"), Components.postButton(
                            action: ListeningRoute.removeCoding(consultation: model.consultationID, answer: model.answerID, coding: coding.id).url,
                            csrfToken: chrome.csrfToken, label: t(.codingRemove), style: .secondary))))
                }),
                .h2(.txt(t(.codingAddHeading))),
                .if(model.themes.isEmpty, .p(.a(.link(ListeningRoute.codebook(consultation: model.consultationID).url), .txt(t(.codingNoThemes))))),
                .if(!model.themes.isEmpty, .form(
                    .class("stack screen-only"), .method(.post),
                    .link(ListeningRoute.coding(consultation: model.consultationID, answer: model.answerID).url, as: "action"),
                    Components.csrfField(chrome.csrfToken),
                    Components.checkboxes(name: "themes", legend: t(.codingThemesLegend), options: model.themes.map {
                        .init(value: $0.id.uuidString, label: $0.path, isSelected: model.picked.contains($0.id.uuidString))
                    }, error: model.errors.message(for: "themes")),
                    Components.textArea(name: "words", label: t(.codingWordsField), value: model.words, hint: t(.codingWordsHint),
                                        error: model.errors.message(for: "words"), required: false, maxLength: Codings.longestWords),
                    Components.submit(t(.codingSave))
                ))
            ))
        }
    }

    // MARK: Agreement

    public struct AgreementView {
        let model: Agreement.Model
        let chrome: Chrome

        public init(model: Agreement.Model, chrome: Chrome) {
            self.model = model
            self.chrome = chrome
        }

        public func render() -> HTML {
            let t = chrome.t
            return Layout.page(title: t(.agreementTitle), chrome: chrome, content: .div(
                .p(.class("screen-only"), .a(.link(ListeningRoute.consultation(model.consultationID).url), .txt(t(.answersBackToConsultation)))),
                .p(.txt(model.title)),
                .p(.txt(t(.agreementIntro))),
                .if(model.pairs.isEmpty, .p(.txt(t(.agreementNone)))),
                .forEach(model.pairs) { pair in
                    let first = model.names[pair.first] ?? "–", second = model.names[pair.second] ?? "–"
                    return .section(
                        .h2(.txt(t(.agreementPair, ["first": first, "second": second, "count": t.number(pair.answers)]))),
                        Components.table(
                            caption: t(.agreementCaption, ["first": first, "second": second]),
                            headers: [t(.agreementTheme), t(.agreementPercent), t(.agreementKappa), t(.agreementDisagreements)],
                            rows: pair.themes.map { line in
                                [.txt(line.theme.path),
                                 .txt(line.table.percent.map { t.number(Int($0.rounded())) + " %" } ?? "–"),
                                 .txt(line.table.kappa.map { t.coefficient($0) } ?? "–"),
                                 .txt(t.number(line.disagreementCount))]
                            }),
                        .forEach(pair.themes.filter { !$0.disagreements.isEmpty }) { line in
                            .div(.h3(.txt(t(.agreementDisputed, ["theme": line.theme.path]))),
                                 .ul(.forEach(line.disagreements) { answer in
                                     .li(.span(.class("own-words"), .txt(model.excerpts[answer] ?? "–")), .txt(" "),
                                         .a(.link(ListeningRoute.coding(consultation: model.consultationID, answer: answer).url), .txt(t(.agreementOpen))))
                                 }),
                                 .if(line.disagreementCount > line.disagreements.count,
                                     .p(.txt(t(.agreementDisputedMore, counts: ["count": line.disagreementCount - line.disagreements.count])),
                                        .txt(" "), .a(.link(ListeningRoute.exportCodes(consultation: model.consultationID).url),
                                                      .txt(t(.agreementDisputedExport))))))
                        }
                    )
                }
            ))
        }
    }
}

extension Array {
    var nilIfEmpty: [Element]? { isEmpty ? nil : self }
}
