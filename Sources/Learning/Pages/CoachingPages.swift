import Fluent
import Foundation
import KanssaCore
@preconcurrency import Plot

/// A person's coaching: the relationships where they coach or are coached, and the form to ask
/// a colleague to coach them.
public enum CoachingList {
    public struct Line: Sendable, Equatable {
        public let id: UUID
        public let otherName: String
        public let isCoach: Bool
        public let startedAt: Date
        public let endedAt: Date?
        /// For the coach of an ended relationship: whether they may still read it.
        public let mayRead: Bool
    }

    public struct Model: Sendable, Equatable {
        public let lines: [Line]
        public let coaches: [Coachings.Candidate]
        public let mayStart: Bool
        public var draftCoach = ""
        public var errors: [FieldError] = []
        public var notice: Notice?
    }

    /// Three queries: the relationships, the names, and the possible coaches.
    public static func load(principal: Principal, mayStart: Bool, on database: any Database) async throws -> Model {
        let me = principal.accountID
        let relationships = try await CoachingRelationship.query(on: database)
            .group(.or) { $0.filter(\.$coachID == me).filter(\.$coacheeID == me) }
            .sort(\.$startedAt, .descending).all()
        let names = try await Account.displayNames(of: relationships.flatMap { [$0.coachID, $0.coacheeID] }, on: database)
        return Model(
            lines: relationships.compactMap { relationship in
                guard let id = relationship.id else { return nil }
                let isCoach = relationship.coachID == me
                return Line(
                    id: id, otherName: names[isCoach ? relationship.coacheeID : relationship.coachID] ?? "", isCoach: isCoach,
                    startedAt: relationship.startedAt, endedAt: relationship.endedAt,
                    mayRead: !isCoach || relationship.endedAt == nil || relationship.coachMayReadAfterEnd)
            },
            coaches: mayStart ? try await Coachings.coaches(for: principal, on: database) : [], mayStart: mayStart)
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
                title: t(.coachingTitle), chrome: chrome, errors: model.errors, notices: model.notice.map { [$0] } ?? [],
                content: .div(
                    .p(.txt(t(.coachingIntro))),
                    .if(model.lines.isEmpty, .p(.txt(t(.coachingNone)))),
                    .ul(.class("cards"), .forEach(model.lines) { line in
                        .li(
                            .class("card"),
                            .h2(line.mayRead
                                ? .a(.link(LearningRoute.coaching(line.id).url), .txt(t(line.isCoach ? .coachingYouCoach : .coachingCoachedBy, ["name": line.otherName])))
                                : .txt(t(line.isCoach ? .coachingYouCoach : .coachingCoachedBy, ["name": line.otherName]))),
                            .p(.txt(line.endedAt.map { t(.coachingEnded, ["start": t.date(line.startedAt), "end": t.date($0)]) }
                                ?? t(.coachingSince, ["date": t.date(line.startedAt)]))),
                            .if(!line.mayRead, .p(.txt(t(.coachingClosedToCoach))))
                        )
                    }),
                    .if(model.mayStart, .section(
                        .h2(.txt(t(.coachingStartHeading))),
                        .form(
                            .class("stack narrow"), .method(.post), .link(LearningRoute.coachings.url, as: "action"),
                            .attribute(named: "novalidate"),
                            Components.csrfField(chrome.csrfToken),
                            Components.select(
                                name: "coach", label: t(.coachingCoach),
                                options: [.init(value: "", label: t(.coachingChooseCoach), isSelected: model.draftCoach.isEmpty)]
                                    + model.coaches.map { .init(value: $0.id.uuidString, label: $0.name, isSelected: model.draftCoach == $0.id.uuidString) },
                                error: model.errors.message(for: "coach")),
                            Components.submit(t(.coachingStart))
                        )
                    ))
                )
            )
        }
    }
}

/// One coaching record: its GROW-shaped sessions, newest first; while it goes on, a form for
/// the next session and a way to end it; for the coachee, whether the coach reads it afterwards.
public enum CoachingRecord {
    public struct Session: Sendable, Equatable {
        public let heldOn: Date
        public let notes: CoachingNotes
        public let writtenBy: String
    }

    public struct Model: Sendable, Equatable {
        public let id: UUID
        public let coach: String
        public let coachee: String
        public let isCoachee: Bool
        public let isActive: Bool
        public let coachMayReadAfterEnd: Bool
        public let sessions: [Session]
        public var draft: [String: String] = [:]
        public var errors: [FieldError] = []
        public var notice: Notice?
    }

    /// Three queries.
    public static func load(_ access: CoachingAccess, viewer: UUID, on database: any Database) async throws -> Model {
        let sessions = try await CoachingSession.query(on: database).filter(\.$relationshipID == access.coachingID)
            .sort(\.$heldOn, .descending).sort(\.$createdAt, .descending).all()
        let names = try await Account.displayNames(of: [access.coachID, access.coacheeID] + sessions.map(\.writtenByID), on: database)
        return Model(
            id: access.coachingID, coach: names[access.coachID] ?? "", coachee: names[access.coacheeID] ?? "",
            isCoachee: viewer == access.coacheeID, isActive: access.isActive, coachMayReadAfterEnd: access.coachMayReadAfterEnd,
            sessions: sessions.map {
                Session(heldOn: $0.heldOn, notes: CoachingNotes(goal: $0.goal, reality: $0.reality, options: $0.options, will: $0.will),
                        writtenBy: names[$0.writtenByID] ?? "")
            })
    }

    static let parts: [(field: String, label: MessageKey, hint: MessageKey, value: @Sendable (CoachingNotes) -> String)] = [
        ("goal", .growGoal, .growGoalHint, { $0.goal }),
        ("reality", .growReality, .growRealityHint, { $0.reality }),
        ("options", .growOptions, .growOptionsHint, { $0.options }),
        ("will", .growWill, .growWillHint, { $0.will }),
    ]

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
                title: t(.coachingRecordTitle, ["coach": model.coach, "coachee": model.coachee]), chrome: chrome, errors: model.errors,
                notices: model.notice.map { [$0] } ?? [],
                content: .div(
                    .p(.a(.link(LearningRoute.coachings.url), .txt(t(.coachingBack)))),
                    .p(.class("ground-rule"), .txt(t(model.isCoachee ? .coachingOwnerRule : .coachingCoachRule, ["name": model.coachee]))),
                    .if(model.isActive, sessionForm),
                    .section(
                        .h2(.txt(t(.coachingSessionsHeading))),
                        .if(model.sessions.isEmpty, .p(.txt(t(.coachingNoSessions)))),
                        .forEach(model.sessions) { session in
                            .article(
                                .class("card"),
                                .h3(.txt(t(.coachingSessionOn, ["date": t.date(session.heldOn)]))),
                                .element(named: "dl", nodes: [.class("grow")] + CoachingRecord.parts.flatMap { part -> [Node<HTML.BodyContext>] in
                                    let text = part.value(session.notes)
                                    return text.isEmpty ? [] : [
                                        .element(named: "dt", nodes: [.txt(t(part.label))]),
                                        .element(named: "dd", nodes: [.class("own-words"), .txt(text)]),
                                    ]
                                }),
                                .p(.class("field__hint"), .txt(t(.coachingWrittenBy, ["name": session.writtenBy])))
                            )
                        }
                    ),
                    .if(model.isActive, endForm),
                    .if(model.isCoachee && !model.isActive, readingForm)
                )
            )
        }

        private var sessionForm: Node<HTML.BodyContext> {
            let t = chrome.t
            return .section(
                .h2(.txt(t(.coachingNewSession))),
                .p(.txt(t(.coachingCompass))),
                .form(
                    .class("stack narrow"), .method(.post), .link(LearningRoute.coachingSessions(model.id).url, as: "action"),
                    .attribute(named: "novalidate"),
                    Components.csrfField(chrome.csrfToken),
                    Components.textField(name: "held-on", label: t(.coachingHeldOn), value: model.draft["held-on"] ?? "", type: .date,
                                         error: model.errors.message(for: "held-on"), maxLength: 10),
                    .forEach(CoachingRecord.parts) { part in
                        Components.textArea(name: part.field, label: t(part.label), value: model.draft[part.field] ?? "", hint: t(part.hint),
                                            error: model.errors.message(for: part.field), required: false, maxLength: Coachings.partLength)
                    },
                    Components.submit(t(.coachingSaveSession))
                )
            )
        }

        private var endForm: Node<HTML.BodyContext> {
            let t = chrome.t
            return .section(
                .h2(.txt(t(.coachingEndHeading))),
                .p(.txt(t(model.isCoachee ? .coachingEndIntroCoachee : .coachingEndIntroCoach, ["name": model.coachee]))),
                Components.postButton(action: LearningRoute.coachingEnd(model.id).url, csrfToken: chrome.csrfToken, label: t(.coachingEnd))
            )
        }

        private var readingForm: Node<HTML.BodyContext> {
            let t = chrome.t
            return .section(
                .h2(.txt(t(.coachingReadingHeading))),
                .p(.txt(t(model.coachMayReadAfterEnd ? .coachingCoachReads : .coachingCoachDoesNotRead, ["name": model.coach]))),
                Components.postButton(
                    action: LearningRoute.coachingReading(model.id).url, csrfToken: chrome.csrfToken,
                    label: t(model.coachMayReadAfterEnd ? .coachingCloseToCoach : .coachingOpenToCoach, ["name": model.coach]),
                    hidden: [("allow", model.coachMayReadAfterEnd ? "no" : "yes")])
            )
        }
    }
}
