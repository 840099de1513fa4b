import Fluent
import Foundation
import KanssaCore
@preconcurrency import Plot

/// The plan's timeline: notes by the citizen and by those they authorised, newest first.
public enum Timeline {
    public static let shown = 50

    public struct Line: Sendable, Equatable {
        public let author: String
        public let isViewer: Bool
        public let text: String
        public let writtenAt: Date

        public init(author: String, isViewer: Bool, text: String, writtenAt: Date) {
            self.author = author
            self.isViewer = isViewer
            self.text = text
            self.writtenAt = writtenAt
        }
    }

    /// The newest notes of a plan, with their authors' names: two queries.
    public static func load(planID: UUID, viewerID: UUID, on database: any Database) async throws -> [Line] {
        let notes = try await PlanNote.query(on: database)
            .filter(\.$plan.$id == planID)
            .sort(\.$createdAt, .descending)
            .sort(\.$id)
            .range(0..<shown)
            .all()
        let names = try await Account.displayNames(of: notes.map(\.authorID), on: database)
        return notes.map {
            Line(author: names[$0.authorID] ?? "–", isViewer: $0.authorID == viewerID, text: $0.text, writtenAt: $0.createdAt)
        }
    }

    public static func write(
        _ text: String, planID: UUID, by authorID: UUID, at now: Date, on database: any Database
    ) async throws {
        try await PlanNote(planID: planID, authorID: authorID, text: text, createdAt: now).create(on: database)
    }

    /// The timeline and a form to add to it, posting to `target`.
    static func render(
        _ lines: [Line], heading: String, target: SafeURL, note: String, error: String?, chrome: Chrome
    ) -> Node<HTML.BodyContext> {
        let t = chrome.t
        return .section(
            .h2(.txt(heading)),
            .p(.txt(t(.timelineIntro))),
            .form(
                .class("stack narrow"), .method(.post), .link(target, as: "action"),
                .attribute(named: "novalidate"),
                Components.csrfField(chrome.csrfToken),
                Components.textArea(name: "note", label: t(.timelineNewNote), value: note, error: error, maxLength: 2000),
                Components.submit(t(.timelineAdd), style: .secondary)
            ),
            .if(lines.isEmpty, .p(.txt(t(.timelineEmpty)))),
            .ol(.class("timeline"), .forEach(lines) { line in
                .li(
                    .p(.class("timeline__meta"), .txt(t(.timelineMeta, ["name": line.isViewer ? t(.traceYou) : line.author,
                                                                          "time": t.dateTime(line.writtenAt)]))),
                    .p(.class("own-words"), .txt(line.text))
                )
            })
        )
    }
}
