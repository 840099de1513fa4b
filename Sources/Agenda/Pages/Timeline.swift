import Fluent
import Foundation
import KanssaCore
@preconcurrency import Plot

/// The plan's timeline: notes by the citizen and by those they authorised, newest first.
public enum Timeline {
    public static let shown = 50

    /// Something someone else did to the plan, shown to its owner among the notes.
    public enum Event: String, Sendable, Equatable {
        case suggestedGoal = "plan:suggestion"
        case plannedAction = "plan:action"
        case rated = "plan:check-in"

        /// The event a trace entry's target stands for, if it is one the timeline shows.
        static func from(target: String) -> (Event, Bool)? {
            let present = target.hasSuffix(OwnerPresence.traceSuffix)
            let base = present ? String(target.dropLast(OwnerPresence.traceSuffix.count)) : target
            return Event(rawValue: base).map { ($0, present) }
        }
    }

    public struct Line: Sendable, Equatable {
        /// Nil for a note; the event for a change someone else made.
        public var event: Event?
        public let author: String
        public let isViewer: Bool
        public let text: String
        public let writtenAt: Date
        /// Written by someone else with the owner present.
        public var withOwnerPresent = false

        public init(author: String, isViewer: Bool, text: String, writtenAt: Date, withOwnerPresent: Bool = false) {
            self.author = author
            self.isViewer = isViewer
            self.text = text
            self.writtenAt = writtenAt
            self.withOwnerPresent = withOwnerPresent
        }
    }

    /// The newest notes of a plan, with their authors' names: two queries. For the plan's owner
    /// (`eventsFor`), also what others changed in it — suggestions, actions, ratings — from the
    /// access trace: one more query. Newest first, at most ``shown`` in all.
    public static func load(
        planID: UUID, viewerID: UUID, eventsFor ownerID: UUID? = nil, on database: any Database
    ) async throws -> [Line] {
        let notes = try await PlanNote.query(on: database)
            .filter(\.$plan.$id == planID)
            .sort(\.$createdAt, .descending)
            .sort(\.$id)
            .range(0..<shown)
            .all()
        var changes: [AuditEntry] = []
        if let ownerID {
            changes = try await AuditEntry.query(on: database)
                .filter(\.$subjectID == ownerID)
                .filter(\.$event == .personalDataChanged)
                .filter(\.$actorID != ownerID)
                .filter(\.$target ~~ [Event.suggestedGoal, .plannedAction, .rated].flatMap { [$0.rawValue, OwnerPresence.traceTarget($0.rawValue, present: true)] })
                .sort(\.$occurredAt, .descending)
                .range(0..<shown)
                .all()
        }
        let names = try await Account.displayNames(of: notes.map(\.authorID) + changes.compactMap(\.actorID), on: database)
        let noteLines = notes.map {
            Line(author: names[$0.authorID] ?? "–", isViewer: $0.authorID == viewerID, text: $0.text, writtenAt: $0.createdAt,
                 withOwnerPresent: $0.withOwnerPresent)
        }
        let eventLines = changes.compactMap { entry -> Line? in
            guard let (event, present) = Event.from(target: entry.target) else { return nil }
            var line = Line(author: entry.actorID.flatMap { names[$0] } ?? "–", isViewer: false, text: "",
                            writtenAt: entry.occurredAt, withOwnerPresent: present)
            line.event = event
            return line
        }
        return Array((noteLines + eventLines).sorted { $0.writtenAt > $1.writtenAt }.prefix(shown))
    }

    public static func write(
        _ text: String, planID: UUID, by authorID: UUID, at now: Date, withOwnerPresent: Bool = false,
        on database: any Database
    ) async throws {
        let note = PlanNote(planID: planID, authorID: authorID, text: text, createdAt: now, withOwnerPresent: withOwnerPresent)
        try await note.create(on: database)
        guard let ownerID = try await Plan.find(planID, on: database)?.ownerID, ownerID != authorID else { return }
        try await Notices.raise([Notices.Draft(
            accountID: ownerID, kind: .note, about: try note.requireID().uuidString, actorID: authorID,
            link: AgendaRoute.myPlan.path + "#timeline")], at: now, on: database)
    }

    static func eventText(_ event: Event, _ t: Localizer) -> String {
        switch event {
        case .suggestedGoal: t(.timelineEventSuggested)
        case .plannedAction: t(.timelineEventAction)
        case .rated: t(.timelineEventRated)
        }
    }

    /// The timeline and a form to add to it, posting to `target`. `ownerName` names the plan's
    /// owner for someone else's form (who may tick that the owner is present); nil on the owner's own.
    /// How many notes show before "earlier notes" opens.
    static let first = 5

    static func render(
        _ lines: [Line], heading: String, target: SafeURL, note: String, error: String?, ownerName: String? = nil,
        viewerIsOwner: Bool = true, notice: Notice? = nil, chrome: Chrome
    ) -> Node<HTML.BodyContext> {
        let t = chrome.t
        func list(_ lines: ArraySlice<Line>) -> Node<HTML.BodyContext> {
            .ol(.class("timeline"), .forEach(Array(lines)) { line in
                .li(
                    .p(.class("timeline__meta"), .txt(t(line.withOwnerPresent ? .timelineMetaPresent : .timelineMeta, [
                        "name": line.isViewer ? t(.traceYou) : line.author, "time": t.dateTime(line.writtenAt),
                        "owner": viewerIsOwner ? t(.ownerPresentYou) : (ownerName ?? "–"),
                    ]))),
                    .unwrap(line.event, { event in
                        .p(.class("timeline__event"), .txt(eventText(event, t)))
                    }, else: .p(.class("own-words"), .txt(line.text)))
                )
            })
        }
        return .section(
            .id("timeline"), .attribute(named: "tabindex", value: "-1"),
            .h2(.txt(heading)),
            .unwrap(notice) { Components.notice($0, focus: true) },
            .p(.txt(t(.timelineIntro))),
            Components.disclosure(t(.timelineWriteHeading), open: error != nil, .form(
                .class("stack narrow"), .method(.post), .link(target, as: "action"),
                .attribute(named: "novalidate"),
                Components.csrfField(chrome.csrfToken),
                Components.textArea(name: "note", label: t(.timelineNewNote), value: note, error: error, maxLength: 2000),
                .unwrap(ownerName) { OwnerPresence.checkbox(id: "note-present", ownerName: $0, t: t) },
                Components.submit(t(.timelineAdd), style: .secondary)
            )),
            .if(lines.isEmpty, .p(.txt(t(.timelineEmpty)))),
            list(lines.prefix(first)),
            .if(lines.count > first, Components.disclosure(
                t(.timelineEarlier, counts: ["count": lines.count - first]), list(lines.dropFirst(first))))
        )
    }
}
