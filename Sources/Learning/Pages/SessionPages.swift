import Fluent
import Foundation
import KanssaCore
@preconcurrency import Plot

/// An organisation's learning sessions: those to come and those held, and — for coordinators
/// and trainers — the form to put one on.
public enum SessionList {
    public struct Line: Sendable, Equatable {
        public let id: UUID
        public let title: String
        public let trainer: String
        public let startsAt: Date
        public let place: String
        public let registered: Int
        public let capacity: Int?
        public let isMine: Bool
    }

    public struct Model: Sendable, Equatable {
        public let organisationID: UUID
        public let organisationName: String
        public let upcoming: [Line]
        public let held: [Line]
        public let trainers: [ActionLearningSets.Candidate]
        public let mayRun: Bool
        public var draft: [String: String] = [:]
        public var errors: [FieldError] = []
        public var notice: Notice?
    }

    /// Five queries: sessions (the 20 held most recently, all to come), registrations counted,
    /// the viewer's own, names, and who can train.
    public static func load(
        organisation: Organisation, viewer: UUID, trainers: [ActionLearningSets.Candidate], mayRun: Bool, now: Date,
        on database: any Database
    ) async throws -> Model {
        let organisationID = try organisation.requireID()
        let upcoming = try await LearningSession.query(on: database).filter(\.$organisationID == organisationID)
            .filter(\.$startsAt >= now).sort(\.$startsAt).all()
        let held = try await LearningSession.query(on: database).filter(\.$organisationID == organisationID)
            .filter(\.$startsAt < now).sort(\.$startsAt, .descending).limit(20).all()
        let ids = (upcoming + held).compactMap(\.id)
        let registrations = try await SessionRegistration.query(on: database).filter(\.$sessionID ~~ ids).filter(\.$cancelledAt == nil)
            .field(\.$id).field(\.$sessionID).field(\.$accountID).all()
        let names = try await Account.displayNames(of: (upcoming + held).map(\.trainerID), on: database)
        func line(_ session: LearningSession) -> Line? {
            guard let id = session.id else { return nil }
            let here = registrations.filter { $0.sessionID == id }
            return Line(id: id, title: session.title, trainer: names[session.trainerID] ?? "", startsAt: session.startsAt,
                        place: session.place, registered: here.count, capacity: session.capacity,
                        isMine: here.contains { $0.accountID == viewer })
        }
        return Model(organisationID: organisationID, organisationName: organisation.name, upcoming: upcoming.compactMap(line),
                     held: held.compactMap(line), trainers: trainers, mayRun: mayRun)
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
                title: t(.sessionsTitle, ["organisation": model.organisationName]), chrome: chrome, errors: model.errors,
                notices: model.notice.map { [$0] } ?? [],
                content: .div(
                    .section(.h2(.txt(t(.sessionsUpcoming))), .if(model.upcoming.isEmpty, .p(.txt(t(.sessionsNoneUpcoming)))), cards(model.upcoming)),
                    .section(.h2(.txt(t(.sessionsHeld))), .if(model.held.isEmpty, .p(.txt(t(.sessionsNoneHeld)))), cards(model.held)),
                    .if(model.mayRun, form)
                )
            )
        }

        private func cards(_ lines: [Line]) -> Node<HTML.BodyContext> {
            let t = chrome.t
            return .ul(.class("cards"), .forEach(lines) { line in
                .li(
                    .class("card"),
                    .h3(.a(.link(LearningRoute.session(line.id).url), .txt(line.title))),
                    .p(.txt(t(.sessionWhenWhere, ["time": t.dateTime(line.startsAt), "place": line.place]))),
                    .p(.txt(t(.sessionTrainer, ["name": line.trainer]))),
                    .p(.txt(line.capacity.map { t(.sessionRegisteredOf, ["count": t.number(line.registered), "capacity": t.number($0)]) }
                        ?? t(.sessionRegistered, ["count": t.number(line.registered)]))),
                    .if(line.isMine, .p(.span(.class("tag"), .txt(t(.sessionYouAreRegistered)))))
                )
            })
        }

        private var form: Node<HTML.BodyContext> {
            let t = chrome.t
            let draft = model.draft
            let errors = model.errors
            return .section(
                .h2(.txt(t(.sessionCreateHeading))),
                .form(
                    .class("stack narrow"), .method(.post), .link(LearningRoute.sessions(organisation: model.organisationID).url, as: "action"),
                    .attribute(named: "novalidate"),
                    Components.csrfField(chrome.csrfToken),
                    Components.textField(name: "title", label: t(.sessionTitleField), value: draft["title"] ?? "",
                                         error: errors.message(for: "title"), maxLength: 100),
                    Components.textArea(name: "description", label: t(.sessionDescription), value: draft["description"] ?? "",
                                        error: errors.message(for: "description"), maxLength: 2000),
                    Components.select(
                        name: "trainer", label: t(.sessionTrainerField),
                        options: [.init(value: "", label: t(.sessionChooseTrainer), isSelected: (draft["trainer"] ?? "").isEmpty)]
                            + model.trainers.map { .init(value: $0.id.uuidString, label: $0.name, isSelected: draft["trainer"] == $0.id.uuidString) },
                        error: errors.message(for: "trainer")),
                    Components.textField(name: "date", label: t(.sessionDate), value: draft["date"] ?? "", type: .date,
                                         error: errors.message(for: "date"), maxLength: 10),
                    Components.textField(name: "time", label: t(.setMeetingTime), value: draft["time"] ?? "", type: .time,
                                         hint: t(.setMeetingTimeHint), error: errors.message(for: "time"), maxLength: 5),
                    Components.textField(name: "minutes", label: t(.sessionMinutes), value: draft["minutes"] ?? "120", type: .number,
                                         hint: t(.sessionMinutesHint), error: errors.message(for: "minutes"), maxLength: 3),
                    Components.textField(name: "place", label: t(.setPlace), value: draft["place"] ?? "", hint: t(.setPlaceHint),
                                         error: errors.message(for: "place")),
                    Components.textArea(name: "materials", label: t(.sessionMaterials), value: draft["materials"] ?? "",
                                        hint: t(.sessionMaterialsHint), error: errors.message(for: "materials"), required: false, maxLength: 2000),
                    Components.textField(name: "capacity", label: t(.sessionCapacity), value: draft["capacity"] ?? "", type: .number,
                                         hint: t(.sessionCapacityHint), error: errors.message(for: "capacity"), required: false, maxLength: 3),
                    Components.submit(t(.sessionCreate))
                )
            )
        }
    }
}

/// One session: what, when, where, materials; registering; for its trainer and the
/// coordinators, who registered, who came and the feedback without names; for participants
/// after it started, a feedback form.
public enum SessionPage {
    public struct Person: Sendable, Equatable {
        public let id: UUID
        public let name: String
        public let attended: Bool?
    }

    public struct Model: Sendable, Equatable {
        public let id: UUID
        public let organisationID: UUID
        public let title: String
        public let description: String
        public let trainer: String
        public let startsAt: Date
        public let minutes: Int
        public let place: String
        public let materials: [String]
        public let capacity: Int?
        public let registeredCount: Int
        public let hasStarted: Bool
        public let isRegistered: Bool
        public let mayRegister: Bool
        /// For the trainer and coordinators only.
        public let people: [Person]?
        public let feedback: LearningSessions.FeedbackSummary?
        public let mayGiveFeedback: Bool
        public let gaveFeedback: Bool
        public var draft: [String: String] = [:]
        public var errors: [FieldError] = []
        public var notice: Notice?
    }

    public static func load(
        _ session: LearningSession, access: SessionAccess, viewer: Principal, now: Date, on database: any Database
    ) async throws -> Model {
        let id = try session.requireID()
        let manages = Policy.decide(.manageLearningSession(access), for: viewer).isAllowed
        var people: [Person]?
        var summary: LearningSessions.FeedbackSummary?
        if manages {
            let registrations = try await SessionRegistration.query(on: database).filter(\.$sessionID == id).filter(\.$cancelledAt == nil).all()
            let names = try await Account.displayNames(of: registrations.map(\.accountID), on: database)
            people = registrations.map { Person(id: $0.accountID, name: names[$0.accountID] ?? "", attended: $0.attended) }
                .sorted { $0.name.localizedStandardCompare($1.name) == .orderedAscending }
            summary = try await LearningSessions.feedback(on: id, on: database)
        }
        let trainer = try await Account.displayNames(of: [session.trainerID], on: database)[session.trainerID] ?? ""
        let gave = try await SessionFeedback.query(on: database).filter(\.$sessionID == id).filter(\.$accountID == viewer.accountID).count() > 0
        return Model(
            id: id, organisationID: session.organisationID, title: session.title, description: session.description, trainer: trainer,
            startsAt: session.startsAt, minutes: session.minutes, place: session.place,
            materials: session.materials.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty },
            capacity: session.capacity, registeredCount: access.registeredIDs.count, hasStarted: session.startsAt <= now,
            isRegistered: access.registeredIDs.contains(viewer.accountID),
            mayRegister: Policy.decide(.attendLearningSessions(session.organisationID), for: viewer).isAllowed,
            people: people, feedback: summary,
            mayGiveFeedback: session.startsAt <= now && Policy.decide(.giveSessionFeedback(access), for: viewer).isAllowed,
            gaveFeedback: gave)
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
                title: model.title, chrome: chrome, errors: model.errors, notices: model.notice.map { [$0] } ?? [],
                content: .div(
                    .p(.a(.link(LearningRoute.sessions(organisation: model.organisationID).url), .txt(t(.sessionBack)))),
                    .p(.txt(t(.sessionWhenWhere, ["time": t.dateTime(model.startsAt), "place": model.place]))),
                    .p(.txt(t(.sessionLength, ["minutes": t.number(model.minutes)]) + " · " + t(.sessionTrainer, ["name": model.trainer]))),
                    .p(.class("own-words"), .txt(model.description)),
                    .if(!model.materials.isEmpty, .section(
                        .h2(.txt(t(.sessionMaterials))),
                        .ul(.forEach(model.materials) { item in
                            .li(.unwrap(SafeURL(item), { url in .a(.link(url), .txt(item)) }, else: .txt(item)))
                        })
                    )),
                    registration,
                    .unwrap(model.people) { people in attendance(people) },
                    .unwrap(model.feedback) { summary in feedback(summary) },
                    .if(model.mayGiveFeedback && !model.gaveFeedback, feedbackForm),
                    .if(model.gaveFeedback, .p(.txt(t(.sessionFeedbackThanks))))
                )
            )
        }

        private var registration: Node<HTML.BodyContext> {
            let t = chrome.t
            let count = model.capacity.map { t(.sessionRegisteredOf, ["count": t.number(model.registeredCount), "capacity": t.number($0)]) }
                ?? t(.sessionRegistered, ["count": t.number(model.registeredCount)])
            let full = model.capacity.map { model.registeredCount >= $0 } ?? false
            return .section(
                .h2(.txt(t(.sessionRegistration))),
                .p(.txt(count)),
                .if(model.isRegistered, .p(.span(.class("tag"), .txt(t(.sessionYouAreRegistered))))),
                .if(model.mayRegister && !model.hasStarted && model.isRegistered,
                    Components.postButton(action: LearningRoute.sessionRegistration(model.id).url, csrfToken: chrome.csrfToken,
                                          label: t(.sessionCancel), hidden: [("action", "cancel")])),
                .if(model.mayRegister && !model.hasStarted && !model.isRegistered && !full,
                    Components.postButton(action: LearningRoute.sessionRegistration(model.id).url, csrfToken: chrome.csrfToken,
                                          label: t(.sessionRegister), style: .primary, hidden: [("action", "register")])),
                .if(!model.hasStarted && !model.isRegistered && full, .p(.txt(t(.sessionFull)))),
                .if(model.hasStarted, .p(.txt(t(.sessionRegistrationClosed))))
            )
        }

        private func attendance(_ people: [Person]) -> Node<HTML.BodyContext> {
            let t = chrome.t
            return .section(
                .h2(.txt(t(.sessionWhoRegistered))),
                .if(people.isEmpty, .p(.txt(t(.sessionNobodyRegistered)))),
                .if(!people.isEmpty && !model.hasStarted, .ul(.forEach(people) { .li(.txt($0.name)) })),
                .if(!people.isEmpty && model.hasStarted, .form(
                    .class("stack narrow"), .method(.post), .link(LearningRoute.sessionAttendance(model.id).url, as: "action"),
                    Components.csrfField(chrome.csrfToken),
                    Components.checkboxes(
                        name: "present", legend: t(.sessionWhoCame),
                        options: people.map { .init(value: $0.id.uuidString, label: $0.name, isSelected: $0.attended == true) }),
                    Components.submit(t(.meetingRecordAttendance), style: .secondary)
                ))
            )
        }

        private func feedback(_ summary: LearningSessions.FeedbackSummary) -> Node<HTML.BodyContext> {
            let t = chrome.t
            return .section(
                .h2(.txt(t(.sessionFeedbackHeading))),
                .p(.txt(t(.sessionFeedbackGiven, counts: ["count": summary.given]))),
                .unwrap(summary.ratings, { ratings in
                    .group(
                        Components.table(
                            caption: t(.sessionFeedbackCaption), headers: [t(.sessionUsefulness), t(.sessionPeople)],
                            rows: ratings.enumerated().reversed().map { index, count in
                                [.txt(SessionPage.usefulness(index + 1, t)), .txt(t.number(count))]
                            }),
                        .ul(.forEach(summary.comments ?? []) { .li(.class("own-words"), .txt($0)) })
                    )
                }, else: .p(.txt(t(.sessionFeedbackTooFew, ["smallest": t.number(LearningSessions.smallestGroup)]))))
            )
        }

        private var feedbackForm: Node<HTML.BodyContext> {
            let t = chrome.t
            return .section(
                .h2(.txt(t(.sessionFeedbackFormHeading))),
                .p(.txt(t(.sessionFeedbackIntro, ["smallest": t.number(LearningSessions.smallestGroup)]))),
                .form(
                    .class("stack narrow"), .method(.post), .link(LearningRoute.sessionFeedback(model.id).url, as: "action"),
                    .attribute(named: "novalidate"),
                    Components.csrfField(chrome.csrfToken),
                    Components.radios(
                        name: "usefulness", legend: t(.sessionUsefulnessQuestion),
                        options: (1...5).reversed().map { .init(value: String($0), label: SessionPage.usefulness($0, t),
                                                                 isSelected: model.draft["usefulness"] == String($0)) },
                        error: model.errors.message(for: "usefulness")),
                    Components.textArea(name: "comment", label: t(.sessionComment), value: model.draft["comment"] ?? "",
                                        hint: t(.sessionCommentHint), error: model.errors.message(for: "comment"), required: false,
                                        maxLength: LearningSessions.commentLength),
                    Components.submit(t(.sessionGiveFeedback))
                )
            )
        }
    }

    static func usefulness(_ value: Int, _ t: Localizer) -> String {
        switch value {
        case 5: t(.usefulness5)
        case 4: t(.usefulness4)
        case 3: t(.usefulness3)
        case 2: t(.usefulness2)
        default: t(.usefulness1)
        }
    }
}
