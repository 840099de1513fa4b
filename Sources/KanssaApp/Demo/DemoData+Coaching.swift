import Fluent
import Foundation
import KanssaCore
import Learning

extension DemoData {
    /// Helen Price coaches Ben Walsh (ben@hull.demo) through the months of the set: four GROW
    /// sessions, the latest two weeks ago. An earlier coaching of Chloe by Helen has ended, and
    /// Chloe let Helen keep reading it.
    static func loadCoaching(accountIDs: [String: UUID], organisationID: UUID, at now: Date, on database: any Database) async throws {
        guard let helen = accountIDs["trainer@hull.demo"], let ben = accountIDs["ben@hull.demo"], let chloe = accountIDs["chloe@hull.demo"]
        else { return }
        let day = 24.0 * 3600
        let going = CoachingRelationship(organisationID: organisationID, coachID: helen, coacheeID: ben, at: now.addingTimeInterval(-120 * day))
        try await going.create(on: database)
        let sessions: [(Double, CoachingNotes, UUID)] = [
            (-110, CoachingNotes(
                goal: "Plans that start from what people are good at, without the court thinking I have gone soft.",
                reality: "Every plan I wrote this year opens with the conditions. People switch off by the second paragraph.",
                options: "Ask about pride first; put strengths on page one; explain the change to my senior before the next review.",
                will: "Two supervisions this month open with 'what are you proud of?'. Tell Dawn by Friday."), ben),
            (-80, CoachingNotes(
                goal: "Keep going with strengths first.",
                reality: "The bike repair plan worked. One man laughed at the question and would not answer.",
                options: "Ask later in the meeting; ask what other people say he is good at.", will: "Try the second way with him next week."), helen),
            (-45, CoachingNotes(
                goal: "Less rushing.", reality: "Twelve new people since the reorganisation. I am writing notes at night.", options: "",
                will: "Bring the workload question to the action-learning set rather than carrying it alone."), ben),
            (-14, CoachingNotes(
                goal: "Decide what to stop doing.", reality: "The set helped; Emma has the same problem.",
                options: "Stop the double-entry of notes; shorter plans; walk and talk for two people.",
                will: "Ask Dawn whether the double entry can stop — by the end of the month."), helen),
        ]
        for (daysAgo, notes, writer) in sessions {
            try await CoachingSession(relationshipID: try going.requireID(), heldOn: now.addingTimeInterval(daysAgo * day), grow: notes,
                                      writtenByID: writer, at: now.addingTimeInterval(daysAgo * day + 3600)).create(on: database)
        }
        let ended = CoachingRelationship(organisationID: organisationID, coachID: helen, coacheeID: chloe, at: now.addingTimeInterval(-200 * day))
        ended.endedAt = now.addingTimeInterval(-100 * day)
        ended.coachMayReadAfterEnd = true
        try await ended.create(on: database)
        try await CoachingSession(
            relationshipID: try ended.requireID(), heldOn: now.addingTimeInterval(-190 * day),
            grow: CoachingNotes(goal: "Speak up in case conferences.", reality: "I stay quiet when the police are in the room.",
                                options: "Prepare one point; ask the chair to come to me.", will: "Next conference: one point, written down."),
            writtenByID: chloe, at: now.addingTimeInterval(-190 * day)).create(on: database)
    }
}
