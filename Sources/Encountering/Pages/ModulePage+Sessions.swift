import Fluent
import Foundation
import KanssaCore
@preconcurrency import Plot

/// The sessions part of a module's page: its reach (sessions held and professionals trained,
/// with and without its adaptations), the sessions the viewer may see, and for the panel's staff
/// contact and the organisation's coordinators, the form to put one on.
extension ModulePage {
    public struct SessionLine: Sendable, Equatable {
        public let id: UUID
        public let startsAt: Date
        public let mode: SessionMode
        public let taken: Int
        public let capacity: Int
        public var isCancelled = false

        public init(id: UUID, startsAt: Date, mode: SessionMode, taken: Int, capacity: Int, isCancelled: Bool = false) {
            self.id = id
            self.startsAt = startsAt
            self.mode = mode
            self.taken = taken
            self.capacity = capacity
            self.isCancelled = isCancelled
        }
    }

    /// Whom a session can name: the organisation's staff as host, the panel's co-trainers by the
    /// names they chose.
    public struct ScheduleChoices: Sendable, Equatable {
        public let staff: [Panels.Person]
        public let coTrainers: [Panels.Person]

        public init(staff: [Panels.Person], coTrainers: [Panels.Person]) {
            self.staff = staff
            self.coTrainers = coTrainers
        }
    }

    public struct Sessions: Sendable, Equatable {
        /// This module's own.
        public let reach: EncounterSessions.Reach
        /// With every published adaptation made from it.
        public let lineageReach: EncounterSessions.Reach
        public let upcoming: [SessionLine]
        public let held: [SessionLine]
        public let schedule: ScheduleChoices?
        /// Feedback of all its sessions together, for its panel and those who support it.
        public let feedback: EncounterFeedbacks.Summary?

        public init(reach: EncounterSessions.Reach, lineageReach: EncounterSessions.Reach, upcoming: [SessionLine], held: [SessionLine],
                    schedule: ScheduleChoices?, feedback: EncounterFeedbacks.Summary?) {
            self.reach = reach
            self.lineageReach = lineageReach
            self.upcoming = upcoming
            self.held = held
            self.schedule = schedule
            self.feedback = feedback
        }
    }

    /// At most 20 sessions each way, those the viewer may see. Six queries and two for the reach.
    static func loadSessions(
        _ access: ModuleAccess, lineage: ModuleLineage, viewer: Principal, instruments: [String: Instrument], now: Date, on database: any Database
    ) async throws -> Sessions {
        let reach = try await EncounterSessions.reach(of: [access.moduleID] + lineage.descendants.map(\.id), at: now, on: database)
        let own = reach[access.moduleID] ?? EncounterSessions.Reach(sessions: 0, trained: 0)
        let total = reach.values.reduce(EncounterSessions.Reach(sessions: 0, trained: 0)) {
            EncounterSessions.Reach(sessions: $0.sessions + $1.sessions, trained: $0.trained + $1.trained)
        }
        let upcoming = try await EncounterSession.query(on: database).filter(\.$moduleID == access.moduleID).filter(\.$startsAt > now)
            .sort(\.$startsAt).limit(20).all()
        let held = try await EncounterSession.query(on: database).filter(\.$moduleID == access.moduleID).filter(\.$startsAt <= now)
            .sort(\.$startsAt, .descending).limit(20).all()
        let ids = (upcoming + held).compactMap(\.id)
        let coTrainers = try await SessionCoTrainer.query(on: database).filter(\.$sessionID ~~ ids).all()
            .reduce(into: [UUID: [UUID]]()) { $0[$1.sessionID, default: []].append($1.accountID) }
        let registrations = try await EncounterRegistration.query(on: database).filter(\.$sessionID ~~ ids).filter(\.$cancelledAt == nil).all()
            .reduce(into: [UUID: [EncounterRegistration]]()) { $0[$1.sessionID, default: []].append($1) }
        func visible(_ sessions: [EncounterSession]) -> [SessionLine] {
            sessions.compactMap { session in
                guard let id = session.id else { return nil }
                let registered = registrations[id] ?? []
                let sessionAccess = EncounterSessions.access(session, panel: access.panel, coTrainerIDs: coTrainers[id] ?? [],
                                                             registrations: registered)
                guard Policy.decide(.readEncounterSession(sessionAccess), for: viewer).isAllowed else { return nil }
                return SessionLine(id: id, startsAt: session.startsAt, mode: SessionMode(rawValue: session.mode) ?? .inPerson,
                                   taken: registered.count, capacity: session.capacity, isCancelled: session.cancelledAt != nil)
            }
        }
        var schedule: ScheduleChoices?
        if Policy.decide(.scheduleEncounterSession(access), for: viewer).isAllowed {
            let people = try await Panels.people(in: access.panel.organisationID, on: database)
            schedule = ScheduleChoices(staff: people.staff, coTrainers: try await Panels.coTrainers(of: access.panel, on: database))
        }
        var feedback: EncounterFeedbacks.Summary?
        if Policy.decide(.readModuleFeedback(access), for: viewer).isAllowed {
            let all = try await EncounterSession.query(on: database).filter(\.$moduleID == access.moduleID).filter(\.$startsAt <= now)
                .filter(\.$cancelledAt == nil).all(\.$id)
            let reflection = try await EncounterFeedbacks.reflection(of: access.moduleID, instruments: instruments, on: database)
            feedback = try await EncounterFeedbacks.summary(of: all, reflection: reflection?.instrument, language: viewer.language, on: database)
        }
        return Sessions(reach: own, lineageReach: total, upcoming: visible(upcoming), held: visible(held), schedule: schedule, feedback: feedback)
    }
}

extension ModulePage.View {
    var sessions: Node<HTML.BodyContext> {
        let t = chrome.t
        let sessions = model.sessions
        func list(_ lines: [ModulePage.SessionLine]) -> Node<HTML.BodyContext> {
            .ul(.forEach(lines) { line in
                .li(.a(.link(EncounteringRoute.session(line.id).url),
                       .txt(t.dateTime(line.startsAt) + " · " + t(line.mode == .online ? .encounterSessionOnline : .encounterSessionInPerson))),
                    .txt(" · " + t(.sessionRegisteredOf, ["count": t.number(line.taken), "capacity": t.number(line.capacity)])),
                    .if(line.isCancelled, .span(.class("tag tag--warning"), .txt(t(.encounterSessionCancelledTag)))))
            })
        }
        return .section(
            .h2(.txt(t(.encounterSessionsHeading))),
            .p(.txt(t(.encounterReach, ["sessions": t.number(sessions.reach.sessions), "trained": t.number(sessions.reach.trained)]))),
            .if(!model.lineage.descendants.isEmpty, .p(.txt(t(.encounterLineageReach, [
                "sessions": t.number(sessions.lineageReach.sessions), "trained": t.number(sessions.lineageReach.trained),
            ])))),
            .if(!sessions.upcoming.isEmpty, .group(.h3(.txt(t(.sessionsUpcoming))), list(sessions.upcoming))),
            .if(!sessions.held.isEmpty, .group(.h3(.txt(t(.sessionsHeld))), list(sessions.held))),
            .unwrap(sessions.feedback) { summary in
                .group(.h3(.txt(t(.encounterModuleFeedback))), EncounterSessionPage.summary(summary, t))
            },
            .unwrap(sessions.schedule) { scheduleForm($0) }
        )
    }

    private func scheduleForm(_ choices: ModulePage.ScheduleChoices) -> Node<HTML.BodyContext> {
        let t = chrome.t
        let draft = model.draft
        let errors = model.errors
        let chosen = Set((draft["co-trainers"] ?? "").split(separator: ",").map(String.init))
        return .group(
            .h3(.txt(t(.encounterScheduleHeading))),
            .form(
                .class("stack narrow"), .method(.post), .link(EncounteringRoute.sessions(module: model.id).url, as: "action"),
                .attribute(named: "novalidate"),
                Components.csrfField(chrome.csrfToken),
                Components.textField(name: "date", label: t(.sessionDate), value: draft["date"] ?? "", type: .date,
                                     error: errors.message(for: "date"), maxLength: 10),
                Components.textField(name: "time", label: t(.setMeetingTime), value: draft["time"] ?? "", type: .time,
                                     hint: t(.setMeetingTimeHint), error: errors.message(for: "time"), maxLength: 5),
                Components.textField(name: "minutes", label: t(.sessionMinutes), value: draft["minutes"] ?? String(EncounterSessions.defaultMinutes),
                                     type: .number, hint: t(.sessionMinutesHint), error: errors.message(for: "minutes"), maxLength: 3),
                Components.radios(
                    name: "mode", legend: t(.encounterSessionMode),
                    options: SessionMode.allCases.map { mode in
                        .init(value: mode.rawValue, label: t(mode == .online ? .encounterSessionOnline : .encounterSessionInPerson),
                              isSelected: (draft["mode"] ?? SessionMode.inPerson.rawValue) == mode.rawValue)
                    },
                    error: errors.message(for: "mode")),
                Components.textField(name: "place", label: t(.encounterSessionPlace), value: draft["place"] ?? "", hint: t(.encounterSessionPlaceHint),
                                     error: errors.message(for: "place"), maxLength: 300),
                Components.select(
                    name: "host", label: t(.encounterSessionHost),
                    options: [.init(value: "", label: t(.encounterChooseHost), isSelected: (draft["host"] ?? "").isEmpty)]
                        + choices.staff.map { .init(value: $0.id.uuidString, label: $0.name, isSelected: draft["host"] == $0.id.uuidString) },
                    error: errors.message(for: "host")),
                Components.checkboxes(
                    name: "co-trainers", legend: t(.encounterSessionCoTrainers),
                    options: choices.coTrainers.map { .init(value: $0.id.uuidString, label: $0.name, isSelected: chosen.contains($0.id.uuidString)) },
                    error: errors.message(for: "co-trainers")),
                Components.textField(name: "capacity", label: t(.sessionCapacity), value: draft["capacity"] ?? "20", type: .number,
                                     hint: t(.encounterCapacityHint), error: errors.message(for: "capacity"), maxLength: 3),
                Components.textField(name: "follow-up", label: t(.encounterFollowUpWeeks),
                                     value: draft["follow-up"] ?? String(EncounterSessions.defaultFollowUpWeeks), type: .number,
                                     hint: t(.encounterFollowUpWeeksHint), error: errors.message(for: "follow-up"), maxLength: 2),
                Components.submit(t(.encounterSchedule))
            )
        )
    }
}
