import Fluent
import Foundation
import KanssaCore
@preconcurrency import Plot

/// One meeting of a set, for its members and facilitator only: who came, the reports on
/// commitments made at earlier meetings, and each challenge presented with the questions the set
/// asked and what the presenter committed to.
public enum MeetingPage {
    public struct Person: Sendable, Equatable {
        public let id: UUID
        public let name: String
    }

    public struct Question: Sendable, Equatable {
        public let kind: QuestionKind
        public let text: String
        public let notedBy: String
    }

    public struct Challenge: Sendable, Equatable {
        public let id: UUID
        public let presenter: String
        public let isMine: Bool
        public let summary: String
        public let questions: [Question]
        public let commitments: [String]
    }

    public struct Commitment: Sendable, Equatable {
        public let id: UUID
        public let presenter: String
        public let isMine: Bool
        public let text: String
        public let madeOn: Date
        /// What happened and what was learned, once reported (at this meeting).
        public let report: Report?
    }

    public struct Report: Sendable, Equatable {
        public let happened: String
        public let learned: String
    }

    public struct Model: Sendable, Equatable {
        public let setID: UUID
        public let setName: String
        public let meetingID: UUID
        public let startsAt: Date
        public let place: String
        public let hasBegun: Bool
        public let people: [Person]
        public let present: Set<UUID>
        public let attendanceRecorded: Bool
        /// Commitments made at earlier meetings: waiting for a report, or reported at this one.
        public let reports: [Commitment]
        public let challenges: [Challenge]
        public let isFacilitator: Bool
        public let isMember: Bool
        public var draft: [String: String] = [:]
        public var errors: [FieldError] = []
        public var notice: Notice?
    }

    /// Seven queries, however long the set has met.
    public static func load(
        meeting: SetMeeting, access: SetAccess, viewer: UUID, timeZone: TimeZone, now: Date, on database: any Database
    ) async throws -> Model? {
        guard let set = try await LearningSet.find(access.setID, on: database), let meetingID = meeting.id else { return nil }
        let present = Set(try await SetAttendance.query(on: database).filter(\.$meetingID == meetingID).all(\.$accountID))
        let meetings = try await SetMeeting.query(on: database).filter(\.$setID == access.setID).all()
        let startOf = meetings.reduce(into: [UUID: Date]()) { $0[$1.id!] = $1.startsAt }
        let challenges = try await SetChallenge.query(on: database).filter(\.$setID == access.setID).sort(\.$createdAt).all()
        let meetingOf = challenges.reduce(into: [UUID: UUID]()) { $0[$1.id!] = $1.meetingID }
        let here = challenges.filter { $0.meetingID == meetingID }
        let questions = try await SetQuestion.query(on: database).filter(\.$challengeID ~~ here.compactMap(\.id)).sort(\.$createdAt).all()
        let commitments = try await SetCommitment.query(on: database).filter(\.$setID == access.setID).sort(\.$createdAt).all()
        let names = try await Account.displayNames(
            of: access.memberIDs.union([access.facilitatorID]).union(challenges.map(\.presenterID)).union(questions.map(\.notedByID)),
            on: database)
        let reports = commitments.filter { commitment in
            guard let madeAt = meetingOf[commitment.challengeID].flatMap({ startOf[$0] }) else { return false }
            return madeAt < meeting.startsAt && (commitment.reportedAt == nil || commitment.reportedMeetingID == meetingID)
        }
        return Model(
            setID: access.setID, setName: set.name, meetingID: meetingID, startsAt: meeting.startsAt, place: meeting.place,
            hasBegun: ActionLearningSets.hasBegun(meeting, timeZone: timeZone, now: now),
            people: ([access.facilitatorID] + access.memberIDs.sorted { (names[$0] ?? "") < (names[$1] ?? "") })
                .map { Person(id: $0, name: names[$0] ?? "") },
            present: present, attendanceRecorded: meeting.attendanceRecordedAt != nil,
            reports: reports.compactMap { commitment in
                guard let id = commitment.id else { return nil }
                return Commitment(
                    id: id, presenter: names[commitment.presenterID] ?? "", isMine: commitment.presenterID == viewer,
                    text: commitment.text,
                    madeOn: meetingOf[commitment.challengeID].flatMap { startOf[$0] } ?? commitment.createdAt,
                    report: commitment.reportedAt == nil
                        ? nil : Report(happened: commitment.whatHappened ?? "", learned: commitment.whatLearned ?? ""))
            },
            challenges: here.compactMap { challenge in
                guard let id = challenge.id else { return nil }
                return Challenge(
                    id: id, presenter: names[challenge.presenterID] ?? "", isMine: challenge.presenterID == viewer,
                    summary: challenge.summary,
                    questions: questions.filter { $0.challengeID == id }.map {
                        Question(kind: QuestionKind(rawValue: $0.kind) ?? .clarifying, text: $0.text, notedBy: names[$0.notedByID] ?? "")
                    },
                    commitments: commitments.filter { $0.challengeID == id }.map(\.text))
            },
            isFacilitator: viewer == access.facilitatorID, isMember: access.memberIDs.contains(viewer))
    }

    static func kindName(_ kind: QuestionKind, _ t: Localizer) -> String {
        switch kind {
        case .clarifying: t(.questionClarifying)
        case .reflective: t(.questionReflective)
        case .action: t(.questionAction)
        }
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
                title: t(.meetingTitle, ["set": model.setName, "date": t.date(model.startsAt)]), chrome: chrome, errors: model.errors,
                notices: model.notice.map { [$0] } ?? [],
                content: .div(
                    .p(.a(.link(LearningRoute.set(model.setID).url), .txt(t(.meetingBackToSet, ["set": model.setName])))),
                    .p(.txt(t(.meetingWhenWhere, ["time": t.dateTime(model.startsAt), "place": model.place]))),
                    .p(.class("ground-rule"), .txt(t(.setGroundRule))),
                    .if(!model.hasBegun, .p(.txt(t(.meetingNotYet)))),
                    attendance,
                    reports,
                    challenges,
                    .if(model.hasBegun && model.isMember, presentForm)
                )
            )
        }

        private var attendance: Node<HTML.BodyContext> {
            let t = chrome.t
            let present = model.people.filter { model.present.contains($0.id) }.map(\.name)
            return .section(
                .h2(.txt(t(.meetingAttendanceHeading))),
                .p(.txt(model.attendanceRecorded
                    ? t(.meetingPresent, ["names": present.isEmpty ? "–" : present.joined(separator: ", ")])
                    : t(.meetingAttendanceNotRecorded))),
                .if(model.isFacilitator && model.hasBegun, .form(
                    .class("stack narrow"), .method(.post),
                    .link(LearningRoute.attendance(set: model.setID, meeting: model.meetingID).url, as: "action"),
                    Components.csrfField(chrome.csrfToken),
                    Components.checkboxes(
                        name: "present", legend: t(.meetingWhoCame),
                        options: model.people.map { .init(value: $0.id.uuidString, label: $0.name, isSelected: model.present.contains($0.id)) }),
                    Components.submit(t(.meetingRecordAttendance), style: .secondary)
                ))
            )
        }

        private var reports: Node<HTML.BodyContext> {
            let t = chrome.t
            return .section(
                .h2(.txt(t(.meetingReportsHeading))),
                .if(model.reports.isEmpty, .p(.txt(t(.meetingReportsNone)))),
                .ul(.class("cards"), .forEach(model.reports) { commitment in
                    .li(
                        .class("card"),
                        .p(.strong(.txt(commitment.presenter)), .txt(" · " + t(.meetingCommittedOn, ["date": t.date(commitment.madeOn)]))),
                        .p(.txt(commitment.text)),
                        .unwrap(commitment.report) { report in
                            .element(named: "dl", nodes: [
                                .element(named: "dt", nodes: [.txt(t(.reportHappened))]), .element(named: "dd", nodes: [.txt(report.happened)]),
                                .element(named: "dt", nodes: [.txt(t(.reportLearned))]), .element(named: "dd", nodes: [.txt(report.learned)]),
                            ])
                        },
                        .if(commitment.report == nil && commitment.isMine && model.hasBegun, reportForm(commitment))
                    )
                })
            )
        }

        private func reportForm(_ commitment: Commitment) -> Node<HTML.BodyContext> {
            let t = chrome.t
            let happened = "happened-\(commitment.id)"
            let learned = "learned-\(commitment.id)"
            return .form(
                .class("stack"), .method(.post),
                .link(LearningRoute.report(set: model.setID, meeting: model.meetingID, commitment: commitment.id).url, as: "action"),
                .attribute(named: "novalidate"),
                Components.csrfField(chrome.csrfToken),
                Components.textArea(name: happened, label: t(.reportHappened), value: model.draft[happened] ?? "",
                                    error: model.errors.message(for: happened), maxLength: ActionLearningSets.summaryLength),
                Components.textArea(name: learned, label: t(.reportLearned), value: model.draft[learned] ?? "",
                                    error: model.errors.message(for: learned), maxLength: ActionLearningSets.summaryLength),
                Components.submit(t(.reportGive))
            )
        }

        private var challenges: Node<HTML.BodyContext> {
            let t = chrome.t
            return .section(
                .h2(.txt(t(.meetingChallengesHeading))),
                .if(model.challenges.isEmpty, .p(.txt(t(.meetingChallengesNone)))),
                .forEach(model.challenges) { challenge in
                    .article(
                        .class("card"), .safe("id", "challenge-\(challenge.id)"),
                        .h3(.txt(t(.challengeBy, ["name": challenge.presenter]))),
                        .p(.class("own-words"), .txt(challenge.summary)),
                        .h4(.txt(t(.challengeQuestions))),
                        .if(challenge.questions.isEmpty, .p(.txt(t(.challengeNoQuestions)))),
                        .ul(.forEach(challenge.questions) { question in
                            .li(.span(.class("tag"), .txt(MeetingPage.kindName(question.kind, t))), .txt(" " + question.text + " — " + question.notedBy))
                        }),
                        .h4(.txt(t(.challengeCommitments))),
                        .if(challenge.commitments.isEmpty, .p(.txt(t(.challengeNoCommitments)))),
                        .ul(.forEach(challenge.commitments) { .li(.txt($0)) }),
                        .if(model.hasBegun, questionForm(challenge)),
                        .if(model.hasBegun && challenge.isMine, commitForm(challenge))
                    )
                }
            )
        }

        private func questionForm(_ challenge: Challenge) -> Node<HTML.BodyContext> {
            let t = chrome.t
            let text = "question-\(challenge.id)"
            let kind = "kind-\(challenge.id)"
            return .form(
                .class("stack"), .method(.post), .link(LearningRoute.questions(set: model.setID, challenge: challenge.id).url, as: "action"),
                .attribute(named: "novalidate"),
                Components.csrfField(chrome.csrfToken),
                Components.radios(
                    name: kind, legend: t(.questionKind),
                    options: QuestionKind.allCases.map {
                        .init(value: $0.rawValue, label: MeetingPage.kindName($0, t), isSelected: (model.draft[kind] ?? "clarifying") == $0.rawValue)
                    },
                    error: model.errors.message(for: kind)),
                Components.textField(name: text, label: t(.questionText), value: model.draft[text] ?? "", hint: t(.questionHint),
                                     error: model.errors.message(for: text), maxLength: ActionLearningSets.questionLength),
                Components.submit(t(.questionNote), style: .secondary)
            )
        }

        private func commitForm(_ challenge: Challenge) -> Node<HTML.BodyContext> {
            let t = chrome.t
            let text = "commitment-\(challenge.id)"
            return .form(
                .class("stack"), .method(.post), .link(LearningRoute.commitments(set: model.setID, challenge: challenge.id).url, as: "action"),
                .attribute(named: "novalidate"),
                Components.csrfField(chrome.csrfToken),
                Components.textField(name: text, label: t(.commitmentText), value: model.draft[text] ?? "", hint: t(.commitmentHint),
                                     error: model.errors.message(for: text), maxLength: ActionLearningSets.commitmentLength),
                Components.submit(t(.commitmentMake))
            )
        }

        private var presentForm: Node<HTML.BodyContext> {
            let t = chrome.t
            return .section(
                .h2(.txt(t(.challengePresentHeading))),
                .form(
                    .class("stack narrow"), .method(.post), .link(LearningRoute.challenges(set: model.setID, meeting: model.meetingID).url, as: "action"),
                    .attribute(named: "novalidate"),
                    Components.csrfField(chrome.csrfToken),
                    Components.textArea(name: "summary", label: t(.challengeSummary), value: model.draft["summary"] ?? "",
                                        hint: t(.challengeSummaryHint), error: model.errors.message(for: "summary"),
                                        maxLength: ActionLearningSets.summaryLength),
                    Components.submit(t(.challengePresent))
                )
            )
        }
    }
}
