import Fluent
import Foundation
import KanssaCore

/// What Encountering holds about one person, for the export they download: the panels they are
/// in and the name they chose, the sessions they delivered and what their time was recognised
/// with, their reflections, and — as a participant — their registrations, feedback and follow-ups.
public struct EncounteringExport: Codable, Sendable, Equatable {
    public struct PanelRecord: Codable, Sendable, Equatable {
        public let panel: String
        public let creditName: String
        public let joinedAt: Date
    }

    public struct DeliveredRecord: Codable, Sendable, Equatable {
        public let module: String
        public let startsAt: Date
        public let minutesRecognised: Int?
        public let feeCents: Int?
        public let currency: String?
        public let voucher: String?
        public let reflection: String?
    }

    public struct ParticipationRecord: Codable, Sendable, Equatable {
        public let module: String
        public let startsAt: Date
        public let attended: Bool?
        public let heard: String?
        public let willDo: String?
        public let followUp: String?
    }

    public let panels: [PanelRecord]
    public let delivered: [DeliveredRecord]
    public let participated: [ParticipationRecord]

    /// Nil when Encountering holds nothing about the person. Nine queries.
    public static func load(accountID: UUID, on database: any Database) async throws -> EncounteringExport? {
        let memberships = try await PanelMember.query(on: database).filter(\.$accountID == accountID).all()
        let panelNames = try await Panel.query(on: database).filter(\.$id ~~ memberships.map(\.panelID)).all()
            .reduce(into: [UUID: String]()) { $0[$1.id!] = $1.name }
        let delivered = try await SessionCoTrainer.query(on: database).filter(\.$accountID == accountID).all()
        let reflections = try await CoTrainerReflection.query(on: database).filter(\.$accountID == accountID).all()
        let registrations = try await EncounterRegistration.query(on: database).filter(\.$accountID == accountID).filter(\.$cancelledAt == nil).all()
        let feedback = try await SessionFeedbackAnswer.query(on: database).filter(\.$accountID == accountID).all()
        let followUps = try await SessionFollowUp.query(on: database).filter(\.$accountID == accountID).all()
        guard !memberships.isEmpty || !delivered.isEmpty || !registrations.isEmpty else { return nil }
        let sessions = try await EncounterSession.query(on: database).filter(\.$id ~~ (delivered.map(\.sessionID) + registrations.map(\.sessionID)))
            .all().reduce(into: [UUID: EncounterSession]()) { $0[$1.id!] = $1 }
        let titles = try await TrainingModule.query(on: database).filter(\.$id ~~ Set(sessions.values.map(\.moduleID))).all()
            .reduce(into: [UUID: String]()) { $0[$1.id!] = $1.title }
        func module(_ sessionID: UUID) -> String { sessions[sessionID].flatMap { titles[$0.moduleID] } ?? "" }
        func startsAt(_ sessionID: UUID) -> Date { sessions[sessionID]?.startsAt ?? .distantPast }
        return EncounteringExport(
            panels: memberships.map { PanelRecord(panel: panelNames[$0.panelID] ?? "", creditName: $0.creditName, joinedAt: $0.joinedAt) },
            delivered: delivered.map { row in
                DeliveredRecord(module: module(row.sessionID), startsAt: startsAt(row.sessionID), minutesRecognised: row.minutes,
                                feeCents: row.feeCents, currency: row.currency, voucher: row.voucher,
                                reflection: reflections.first { $0.sessionID == row.sessionID }?.text)
            }.sorted { $0.startsAt < $1.startsAt },
            participated: registrations.map { row in
                let given = feedback.first { $0.sessionID == row.sessionID }
                return ParticipationRecord(module: module(row.sessionID), startsAt: startsAt(row.sessionID), attended: row.attended,
                                           heard: given?.heard, willDo: given?.willDo,
                                           followUp: followUps.first { $0.sessionID == row.sessionID }.map { [$0.outcome, $0.note].filter { !$0.isEmpty }.joined(separator: ": ") })
            }.sorted { $0.startsAt < $1.startsAt })
    }
}
