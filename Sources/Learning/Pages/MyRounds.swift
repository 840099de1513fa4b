import Fluent
import Foundation
import KanssaCore
@preconcurrency import Plot

/// A professional's self-assessments: the rounds that ask them, answered or not, newest first.
public enum MyRounds {
    public enum State: Sendable, Equatable {
        case notStarted, draft, submitted
    }

    public struct Line: Sendable, Equatable {
        public let id: UUID
        public let label: String
        public let instrument: String
        public let closesAt: Date
        public let isOpen: Bool
        public let state: State
    }

    /// Two queries: the rounds of the person's organisations, then their own answers.
    public static func load(
        principal: Principal, instruments: [String: Instrument], language: String, now: Date, on database: any Database
    ) async throws -> [Line] {
        let organisations = principal.memberships.filter { $0.role == .professional }.map(\.organisationID)
        let rounds = try await AssessmentRound.query(on: database).filter(\.$organisationID ~~ organisations)
            .sort(\.$openedAt, .descending).all()
            .filter { Policy.decide(.answerRound(organisation: $0.organisationID, team: $0.teamID), for: principal).isAllowed }
        let mine = try await AssessmentAnswer.query(on: database).filter(\.$accountID == principal.accountID)
            .filter(\.$roundID ~~ rounds.compactMap(\.id)).all()
            .reduce(into: [UUID: AssessmentAnswer]()) { $0[$1.roundID] = $1 }
        return rounds.compactMap { round in
            guard let id = round.id else { return nil }
            let answer = mine[id]
            return Line(
                id: id, label: round.label, instrument: instruments[round.instrumentID].map { $0.text($0.title, in: language) } ?? round.instrumentID,
                closesAt: round.closesAt, isOpen: round.closesAt > now,
                state: answer == nil ? .notStarted : answer?.submittedAt == nil ? .draft : .submitted)
        }
    }

    static func state(_ state: State, _ t: Localizer) -> String {
        switch state {
        case .notStarted: t(.roundNotStarted)
        case .draft: t(.roundDraft)
        case .submitted: t(.roundSubmittedState)
        }
    }

    /// A set the person is in or facilitates.
    public struct SetLine: Sendable, Equatable {
        public let id: UUID
        public let name: String
        public let facilitates: Bool
        public let nextMeeting: Date?
    }

    /// Three queries: the sets the person is in now, those they facilitate, and their meetings.
    public static func sets(of accountID: UUID, now: Date, on database: any Database) async throws -> [SetLine] {
        let memberOf = try await SetMember.query(on: database).filter(\.$accountID == accountID).filter(\.$leftAt == nil).all(\.$setID)
        let sets = try await LearningSet.query(on: database)
            .group(.or) { $0.filter(\.$id ~~ memberOf).filter(\.$facilitatorID == accountID) }
            .sort(\.$name).all()
        let meetings = try await SetMeeting.query(on: database).filter(\.$setID ~~ sets.compactMap(\.id))
            .filter(\.$startsAt >= now).sort(\.$startsAt).all()
        return sets.compactMap { set in
            guard let id = set.id else { return nil }
            return SetLine(id: id, name: set.name, facilitates: set.facilitatorID == accountID,
                           nextMeeting: meetings.first { $0.setID == id }?.startsAt)
        }
    }

    public struct View {
        let lines: [Line]
        let sets: [SetLine]
        let showsRounds: Bool
        let chrome: Chrome

        /// `showsRounds`: whether self-assessments ask this person at all (professionals).
        public init(lines: [Line], sets: [SetLine] = [], showsRounds: Bool = true, chrome: Chrome) {
            self.lines = lines
            self.sets = sets
            self.showsRounds = showsRounds
            self.chrome = chrome
        }

        public func render() -> HTML {
            let t = chrome.t
            return Layout.page(
                title: t(.myLearningTitle), chrome: chrome,
                content: .div(
                    .if(showsRounds, .p(.a(.link(LearningRoute.myPractice().url), .txt(t(.myPracticeLink))))),
                    .p(.a(.link(LearningRoute.coachings.url), .txt(t(.myCoachingLink)))),
                    .if(showsRounds, rounds),
                    .section(
                        .h2(.txt(t(.mySetsHeading))),
                        .if(sets.isEmpty, .p(.txt(t(.mySetsNone)))),
                        .ul(.class("cards"), .forEach(sets) { set in
                            .li(
                                .class("card"),
                                .h3(.a(.link(LearningRoute.set(set.id).url), .txt(set.name))),
                                .if(set.facilitates, .p(.txt(t(.mySetsRole)))),
                                .unwrap(set.nextMeeting) { .p(.txt(t(.mySetsNext, ["time": t.dateTime($0)]))) }
                            )
                        })
                    )
                )
            )
        }

        private var rounds: Node<HTML.BodyContext> {
            let t = chrome.t
            return .section(
                    .h2(.txt(t(.myRoundsTitle))),
                    .p(.txt(t(.myRoundsIntro))),
                    .if(lines.isEmpty, .p(.txt(t(.myRoundsNone)))),
                    .ul(.class("cards"), .forEach(lines) { line in
                        .li(
                            .class("card"),
                            .h3(.a(.link(LearningRoute.round(line.id).url), .txt(line.label))),
                            .p(.txt(line.instrument)),
                            .p(.txt(line.isOpen ? t(.roundOpenUntil, ["date": t.date(line.closesAt)]) : t(.roundClosed))),
                            .p(.span(.class("tag"), .txt(MyRounds.state(line.state, t))))
                        )
                    })
            )
        }
    }
}
