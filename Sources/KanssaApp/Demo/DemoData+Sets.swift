import Fluent
import Foundation
import KanssaCore
import Learning

extension DemoData {
    /// What Hull's officers brought to their set, meeting by meeting: presenter, challenge,
    /// questions (kind, asker, words), the action they set themselves, and — at the next meeting —
    /// what happened and what they learned. Written for the demo; nobody real.
    struct SetTurn {
        let presenter: String
        let challenge: String
        let questions: [(QuestionKind, String, String)]
        let commitment: String
        let happened: String
        let learned: String
    }

    static let hullTurns: [[SetTurn]] = [
        [SetTurn(
            presenter: "amy@hull.demo",
            challenge: "A man I supervise misses most appointments. I keep sending warning letters and he keeps not coming.",
            questions: [
                (.clarifying, "ben@hull.demo", "When did he last come, and what was different that time?"),
                (.reflective, "chloe@hull.demo", "What do you think the letters say to him?"),
                (.action, "dan@hull.demo", "What could you try that is not a letter?"),
            ],
            commitment: "Ring him and ask which day and place would work for him, before any warning.",
            happened: "He chose Tuesday mornings at the library near his flat and has come three times running.",
            learned: "I had read his absence as not caring. It was the bus fare and the office itself.")],
        [SetTurn(
            presenter: "ben@hull.demo",
            challenge: "My plans for people are full of what they must not do. I want to start from what they are good at but it feels naive.",
            questions: [
                (.clarifying, "emma@hull.demo", "Naive to whom — to you, to the court, to the person?"),
                (.reflective, "amy@hull.demo", "When has someone starting from your strengths made a difference to you?"),
            ],
            commitment: "Open my next two supervisions by asking what the person is proud of, and write it on the first page of the plan.",
            happened: "One man talked for ten minutes about fixing bikes for his nephew. We built his plan around a bike repair course.",
            learned: "The conditions are still there. Starting with strengths changed the conversation, not the rules.")],
        [
            SetTurn(
                presenter: "chloe@hull.demo",
                challenge: "The provider that ran our enabling fund has collapsed. People were halfway through things they had chosen.",
                questions: [
                    (.clarifying, "dan@hull.demo", "Who holds the money now?"),
                    (.action, "ben@hull.demo", "Who else could keep even one of these going this month?"),
                ],
                commitment: "List each person's half-finished plan and ask the council's community team which ones they can carry.",
                happened: "The community team took on four of the seven. Two people found the money elsewhere themselves.",
                learned: "Asking early, with a list, got a yes. I had expected a no and almost did not ask."),
            SetTurn(
                presenter: "dan@hull.demo",
                challenge: "I do not know how to write a plan in someone's own words when they do not want to talk to me.",
                questions: [
                    (.reflective, "emma@hull.demo", "Would you want to talk to you, if you were them?"),
                    (.action, "amy@hull.demo", "Who does he talk to?"),
                ],
                commitment: "Ask him if his sister can come to the next meeting.",
                happened: "His sister came. He talked to her while I listened, and she wrote the first page with him.",
                learned: "Listening to a conversation I was not leading gave me more than any question I had prepared."),
        ],
        [SetTurn(
            presenter: "emma@hull.demo",
            challenge: "Since the reorganisation half my caseload is new to me and I have no time to get to know anyone.",
            questions: [
                (.clarifying, "chloe@hull.demo", "How many people, and how much time do you have with each?"),
                (.reflective, "ben@hull.demo", "What do you do first with a new person now?"),
                (.action, "dan@hull.demo", "What one question could you ask everyone at the first meeting?"),
            ],
            commitment: "Ask each new person 'what matters to you right now?' before anything else, and note it in their words.",
            happened: "I asked eleven people. Three answers were about housing, two about children, one about a dog.",
            learned: "One question does not give me time back, but it tells me where to spend the little I have.")],
        [SetTurn(
            presenter: "amy@hull.demo",
            challenge: "A woman on licence wants to move nearer her children, but the hostel is the only address that has been approved.",
            questions: [
                (.clarifying, "emma@hull.demo", "Who approves an address, and on what?"),
                (.action, "chloe@hull.demo", "What would the person approving need to see?"),
            ],
            commitment: "Bring her, the hostel keyworker and the housing officer to one meeting to list what a move needs.",
            happened: "", learned: "")],
    ]

    /// Hull's action-learning set alongside the training days: Helen Price facilitates five
    /// officers, meeting every four weeks — five meetings held with challenges, questions,
    /// commitments and report-backs, two still to come. Amy (amy@hull.demo) is a member, Helen
    /// (trainer@hull.demo) facilitates, and the coordinator (lead@hull.demo) sees the counts.
    static func loadActionLearningSet(
        organisationID: UUID, accountIDs: [String: UUID], timeZone: TimeZone, at now: Date, on database: any Database
    ) async throws {
        guard let facilitator = accountIDs["trainer@hull.demo"], let lead = accountIDs["lead@hull.demo"] else { return }
        let members = hullOfficers.prefix(5).compactMap { accountIDs[$0.0] }
        let day = 24.0 * 3600
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        // At 14:00 every four weeks: five in the past, two to come.
        let today = calendar.startOfDay(for: now)
        let starts = [-140, -112, -84, -56, -28, 14, 42].map { days in today.addingTimeInterval(Double(days) * day + 14 * 3600) }
        let set = LearningSet(organisationID: organisationID, name: "My Direction set", facilitatorID: facilitator, createdByID: lead,
                              at: starts[0].addingTimeInterval(-14 * day))
        try await set.create(on: database)
        let setID = try set.requireID()
        for member in members { try await SetMember(setID: setID, accountID: member, at: set.createdAt).create(on: database) }
        var meetings: [SetMeeting] = []
        for start in starts {
            let meeting = SetMeeting(setID: setID, startsAt: start, place: "Room 3, Kingston House")
            try await meeting.create(on: database)
            meetings.append(meeting)
        }
        for (index, meeting) in meetings.prefix(5).enumerated() {
            // Most come; one or two miss a meeting now and then.
            let present = [facilitator] + members.enumerated().filter { ($0.offset + index) % 4 != 3 }.map(\.element)
            try await ActionLearningSets.recordAttendance(
                Set(present), at: meeting,
                access: SetAccess(setID: setID, organisationID: organisationID, facilitatorID: facilitator, memberIDs: Set(members)),
                now: meeting.startsAt.addingTimeInterval(2 * 3600), on: database)
            guard index < hullTurns.count else { continue }
            for turn in hullTurns[index] {
                guard let presenter = accountIDs[turn.presenter] else { continue }
                let at = meeting.startsAt.addingTimeInterval(1800)
                let challenge = SetChallenge(setID: setID, meetingID: try meeting.requireID(), presenterID: presenter,
                                             summary: turn.challenge, at: at)
                try await challenge.create(on: database)
                for (kind, asker, text) in turn.questions {
                    guard let asker = accountIDs[asker] else { continue }
                    try await SetQuestion(challengeID: try challenge.requireID(), kind: kind, text: text, notedByID: asker, at: at)
                        .create(on: database)
                }
                let commitment = SetCommitment(setID: setID, challengeID: try challenge.requireID(), presenterID: presenter,
                                               text: turn.commitment, at: at.addingTimeInterval(1800))
                try await commitment.create(on: database)
                // Reported at the next meeting — except at the last one held, whose reports are still to come.
                if index + 1 < 5 {
                    _ = try await ActionLearningSets.report(
                        commitment, happened: turn.happened, learned: turn.learned, at: meetings[index + 1],
                        now: meetings[index + 1].startsAt.addingTimeInterval(1200), on: database)
                }
            }
        }
    }
}
