import Fluent
import Foundation
import KanssaCore

/// What a coordinator sees of a set: who is in it, when it met and who came, and how many
/// challenges, commitments and report-backs there were — counted, never read.
public struct SetCounts: Sendable, Equatable {
    public var members = 0
    public var meetings = 0
    public var meetingsHeld = 0
    /// Meetings whose attendance the facilitator recorded, and the places and presences at them.
    public var meetingsRecorded = 0
    public var places = 0
    public var present = 0
    public var challenges = 0
    public var commitments = 0
    public var reportedBack = 0

    public init() {}

    /// The counts of some sets. Only ids are read — never a word anyone wrote. Five queries,
    /// however many sets.
    public static func of(_ setIDs: [UUID], now: Date, on database: any Database) async throws -> [UUID: SetCounts] {
        guard !setIDs.isEmpty else { return [:] }
        var counts = setIDs.reduce(into: [UUID: SetCounts]()) { $0[$1] = SetCounts() }
        let members = try await SetMember.query(on: database).filter(\.$setID ~~ setIDs).filter(\.$leftAt == nil).all(\.$setID)
        for set in members { counts[set]?.members += 1 }
        let meetings = try await SetMeeting.query(on: database).filter(\.$setID ~~ setIDs)
            .field(\.$id).field(\.$setID).field(\.$startsAt).field(\.$attendanceRecordedAt).all()
        let recorded = meetings.filter { $0.attendanceRecordedAt != nil }
        let present = try await SetAttendance.query(on: database).filter(\.$meetingID ~~ recorded.compactMap(\.id)).all(\.$meetingID)
        let presentAt = present.reduce(into: [UUID: Int]()) { $0[$1, default: 0] += 1 }
        for meeting in meetings {
            counts[meeting.setID]?.meetings += 1
            if meeting.startsAt <= now { counts[meeting.setID]?.meetingsHeld += 1 }
            guard meeting.attendanceRecordedAt != nil, let id = meeting.id, let set = counts[meeting.setID] else { continue }
            counts[meeting.setID]?.meetingsRecorded += 1
            // Everyone inside the set had a place: its members and its facilitator.
            counts[meeting.setID]?.places += set.members + 1
            counts[meeting.setID]?.present += presentAt[id] ?? 0
        }
        for set in try await SetChallenge.query(on: database).filter(\.$setID ~~ setIDs).all(\.$setID) { counts[set]?.challenges += 1 }
        let commitments = try await SetCommitment.query(on: database).filter(\.$setID ~~ setIDs)
            .field(\.$id).field(\.$setID).field(\.$reportedAt).all()
        for commitment in commitments {
            counts[commitment.setID]?.commitments += 1
            if commitment.reportedAt != nil { counts[commitment.setID]?.reportedBack += 1 }
        }
        return counts
    }
}
