import Fluent
import Foundation
import KanssaCore
@preconcurrency import Plot

/// A set as its members and facilitator see it: who is in it, its meetings, the commitments
/// still waiting for a report — and, for the facilitator, a form to schedule another meeting.
public enum SetPage {
    public struct MeetingLine: Sendable, Equatable {
        public let id: UUID
        public let startsAt: Date
        public let place: String
        public let challenges: Int
        public let attendanceRecorded: Bool
    }

    public struct Waiting: Sendable, Equatable {
        public let presenter: String
        public let text: String
        public let madeOn: Date
    }

    public struct Model: Sendable, Equatable {
        public let setID: UUID
        public let name: String
        public let facilitator: String
        public let members: [String]
        public let meetings: [MeetingLine]
        public let waiting: [Waiting]
        public let isFacilitator: Bool
        public var draft: [String: String] = [:]
        public var errors: [FieldError] = []
        public var notice: Notice?
    }

    /// Five queries; nil if the set is gone.
    public static func load(access: SetAccess, viewer: UUID, on database: any Database) async throws -> Model? {
        guard let set = try await LearningSet.find(access.setID, on: database) else { return nil }
        let meetings = try await SetMeeting.query(on: database).filter(\.$setID == access.setID).sort(\.$startsAt).all()
        let challenges = try await SetChallenge.query(on: database).filter(\.$setID == access.setID).all()
        let waiting = try await SetCommitment.query(on: database).filter(\.$setID == access.setID).filter(\.$reportedAt == nil)
            .sort(\.$createdAt).all()
        let names = try await Account.displayNames(of: access.memberIDs.union([access.facilitatorID]), on: database)
        let meetingOf = challenges.reduce(into: [UUID: UUID]()) { $0[$1.id!] = $1.meetingID }
        let startOf = meetings.reduce(into: [UUID: Date]()) { $0[$1.id!] = $1.startsAt }
        return Model(
            setID: access.setID, name: set.name, facilitator: names[access.facilitatorID] ?? "",
            members: access.memberIDs.compactMap { names[$0] }.sorted(),
            meetings: meetings.compactMap { meeting in
                guard let id = meeting.id else { return nil }
                return MeetingLine(id: id, startsAt: meeting.startsAt, place: meeting.place,
                                   challenges: challenges.filter { $0.meetingID == id }.count,
                                   attendanceRecorded: meeting.attendanceRecordedAt != nil)
            },
            waiting: waiting.map { commitment in
                Waiting(presenter: names[commitment.presenterID] ?? "", text: commitment.text,
                        madeOn: meetingOf[commitment.challengeID].flatMap { startOf[$0] } ?? commitment.createdAt)
            },
            isFacilitator: viewer == access.facilitatorID)
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
                title: model.name, chrome: chrome, errors: model.errors, notices: model.notice.map { [$0] } ?? [],
                content: .div(
                    .p(.class("ground-rule"), .txt(t(.setGroundRule))),
                    .p(.txt(t(.setFacilitatedBy, ["name": model.facilitator]))),
                    .p(.txt(t(.setMembersList, ["names": model.members.joined(separator: ", ")]))),
                    .section(
                        .h2(.txt(t(.setMeetingsHeading))),
                        .if(model.meetings.isEmpty, .p(.txt(t(.setNoMeetings)))),
                        .ul(.class("cards"), .forEach(model.meetings) { meeting in
                            .li(
                                .class("card"),
                                .h3(.a(.link(LearningRoute.meeting(set: model.setID, meeting: meeting.id).url), .txt(t.dateTime(meeting.startsAt)))),
                                .p(.txt(meeting.place)),
                                .p(.txt(t(.setMeetingChallenges, ["count": t.number(meeting.challenges)]))),
                                .if(meeting.attendanceRecorded, .p(.span(.class("tag"), .txt(t(.setAttendanceRecorded)))))
                            )
                        })
                    ),
                    .section(
                        .h2(.txt(t(.setWaitingHeading))),
                        .if(model.waiting.isEmpty, .p(.txt(t(.setWaitingNone)))),
                        .ul(.forEach(model.waiting) { waiting in
                            .li(.txt(t(.setWaitingLine, ["name": waiting.presenter, "date": t.date(waiting.madeOn), "text": waiting.text])))
                        })
                    ),
                    .if(model.isFacilitator, scheduleForm)
                )
            )
        }

        private var scheduleForm: Node<HTML.BodyContext> {
            let t = chrome.t
            return .section(
                .h2(.txt(t(.setScheduleHeading))),
                .form(
                    .class("stack narrow"), .method(.post), .link(LearningRoute.meetings(set: model.setID).url, as: "action"),
                    .attribute(named: "novalidate"),
                    Components.csrfField(chrome.csrfToken),
                    Components.textField(name: "date", label: t(.setMeetingDate), value: model.draft["date"] ?? "", type: .date,
                                         error: model.errors.message(for: "date"), maxLength: 10),
                    Components.textField(name: "time", label: t(.setMeetingTime), value: model.draft["time"] ?? "", type: .time,
                                         hint: t(.setMeetingTimeHint), error: model.errors.message(for: "time"), maxLength: 5),
                    Components.textField(name: "place", label: t(.setPlace), value: model.draft["place"] ?? "", hint: t(.setPlaceHint),
                                         error: model.errors.message(for: "place")),
                    Components.submit(t(.setSchedule))
                )
            )
        }
    }
}
