import Fluent
import Foundation
import KanssaCore
@preconcurrency import Plot

/// A professional's own practice log: what they used, with whom, what happened and what they
/// learned; which tools they have used and how that grew. Nobody else reads it.
public enum MyPractice {
    public struct Entry: Sendable, Equatable {
        public let tool: String
        public let usedOn: Date
        public let withWhom: String
        public let whatHappened: String
        public let whatLearned: String
    }

    public struct Model: Sendable, Equatable {
        public let tools: [PracticeTool]
        public let uses: [PracticeLog.ToolUse]
        public let months: [PracticeLog.Month]
        public let entries: Paged<Entry>
        public var draft: [String: String] = [:]
        public var errors: [FieldError] = []
        public var notice: Notice?

        func name(_ tool: String) -> String { tools.first { $0.id == tool }?.name ?? tool }
    }

    /// Five queries: the catalogue of the person's organisations, their growth, a page of entries.
    public static func load(
        accountID: UUID, organisationIDs: [UUID], language: String, page: ListPage, timeZone: TimeZone, on database: any Database
    ) async throws -> Model {
        let tools = try await PracticeLog.tools(of: organisationIDs, language: language, on: database)
        let growth = try await PracticeLog.growth(of: accountID, timeZone: timeZone, on: database)
        let entries = try await PracticeLog.entries(of: accountID, page: page, on: database)
        return Model(tools: tools, uses: growth.uses, months: growth.months, entries: entries.map {
            Entry(tool: $0.tool, usedOn: $0.usedOn, withWhom: $0.withWhom, whatHappened: $0.whatHappened, whatLearned: $0.whatLearned)
        })
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
                title: t(.practiceTitle), chrome: chrome, errors: model.errors, notices: model.notice.map { [$0] } ?? [],
                content: .div(
                    .p(.txt(t(.practiceIntro))),
                    form,
                    .section(
                        .h2(.txt(t(.practiceUsedHeading))),
                        .if(model.uses.isEmpty, .p(.txt(t(.practiceNothingYet)))),
                        .if(!model.uses.isEmpty, Components.table(
                            caption: t(.practiceUsedCaption),
                            headers: [t(.practiceTool), t(.practiceTimes), t(.practiceFirst), t(.practiceLast)],
                            rows: model.uses.map { use in
                                [.txt(model.name(use.tool)), .txt(t.number(use.times)), .txt(t.date(use.first)), .txt(t.date(use.last))]
                            })),
                        .if(!model.months.isEmpty, Components.table(
                            caption: t(.practiceGrowthCaption),
                            headers: [t(.practiceMonth), t(.practiceEntries), t(.practiceToolsSoFar)],
                            rows: model.months.map { month in
                                [.txt(t.month(month.month)), .txt(t.number(month.entries)), .txt(t.number(month.toolsSoFar))]
                            }))
                    ),
                    .section(
                        .h2(.txt(t(.practiceEntriesHeading))),
                        .ul(.class("cards"), .forEach(model.entries.items) { entry in
                            .li(
                                .class("card"),
                                .h3(.txt(model.name(entry.tool))),
                                .p(.txt(t(.practiceEntryWhen, ["date": t.date(entry.usedOn), "who": entry.withWhom]))),
                                .p(.class("own-words"), .txt(entry.whatHappened)),
                                .if(!entry.whatLearned.isEmpty, .p(.class("own-words"), .strong(.txt(t(.practiceLearnedLabel) + " ")),
                                                                   .txt(entry.whatLearned)))
                            )
                        }),
                        Components.pagination(model.entries, t: t) { LearningRoute.myPractice(page: $0).url }
                    ),
                    .section(
                        .h2(.txt(t(.practiceCatalogueHeading))),
                        PracticeOverview.catalogue(model.tools)
                    )
                )
            )
        }

        private var form: Node<HTML.BodyContext> {
            let t = chrome.t
            let draft = model.draft
            return .section(
                .h2(.txt(t(.practiceLogHeading))),
                .form(
                    .class("stack narrow"), .method(.post), .link(LearningRoute.myPractice().url, as: "action"),
                    .attribute(named: "novalidate"),
                    Components.csrfField(chrome.csrfToken),
                    Components.select(
                        name: "tool", label: t(.practiceTool),
                        options: [.init(value: "", label: t(.practiceChooseTool), isSelected: (draft["tool"] ?? "").isEmpty)]
                            + model.tools.map { .init(value: $0.id, label: $0.name, isSelected: draft["tool"] == $0.id) },
                        error: model.errors.message(for: "tool")),
                    Components.textField(name: "used-on", label: t(.practiceUsedOn), value: draft["used-on"] ?? "", type: .date,
                                         error: model.errors.message(for: "used-on"), maxLength: 10),
                    Components.textField(name: "with-whom", label: t(.practiceWithWhom), value: draft["with-whom"] ?? "",
                                         hint: t(.practiceWithWhomHint), error: model.errors.message(for: "with-whom"),
                                         maxLength: PracticeLog.withWhomLength),
                    Components.textArea(name: "what-happened", label: t(.practiceWhatHappened), value: draft["what-happened"] ?? "",
                                        error: model.errors.message(for: "what-happened"), maxLength: PracticeLog.textLength),
                    Components.textArea(name: "what-learned", label: t(.practiceWhatLearned), value: draft["what-learned"] ?? "",
                                        hint: t(.practiceWhatLearnedHint), error: model.errors.message(for: "what-learned"),
                                        required: false, maxLength: PracticeLog.textLength),
                    Components.submit(t(.practiceLog))
                )
            )
        }
    }
}
