import Fluent
import Foundation
import KanssaCore
import Listening

/// Linking evidence to a barrier: what an organisation offers to link (its pulses' conditions,
/// its teams' staff figures, its consultations' themes and decisions), and the check that
/// whatever is linked is this organisation's.
public enum BarrierEvidenceLinks {
    public struct PulseCondition: Sendable, Equatable {
        /// "pulse-id/condition-id", as the form sends it.
        public let value: String
        public let label: String
        public let condition: String
    }

    public struct Choices: Sendable, Equatable {
        public let pulses: [PulseCondition]
        public let teams: [Barriers.Place]
        public let themes: [ListeningEvidence.Choice]
        public let decisions: [ListeningEvidence.Choice]
    }

    /// Everything the organisation offers to link. Five queries.
    public static func choices(of organisationID: UUID, instrument: Instrument, language: String, on database: any Database) async throws -> Choices {
        let schedules = try await PulseSchedule.query(on: database).filter(\.$organisationID == organisationID)
            .filter(\.$instrumentID == instrument.id).filter(\.$instrumentVersion == instrument.version)
            .sort(\.$startsAt, .descending).sort(\.$id).all()
        let pulses = schedules.flatMap { schedule in
            instrument.subscales.map { subscale in
                PulseCondition(value: "\(schedule.id!.uuidString)/\(subscale.id)", label: schedule.label,
                               condition: instrument.text(subscale.name, in: language))
            }
        }
        return Choices(pulses: pulses, teams: try await Barriers.teams(of: organisationID, on: database),
                       themes: try await ListeningEvidence.themes(of: organisationID, on: database),
                       decisions: try await ListeningEvidence.decisions(of: organisationID, on: database))
    }

    public struct Draft: Sendable, Equatable {
        public var kind = ""
        public var pulse = ""
        public var team = ""
        public var linked = ""
        public var note = ""

        public init(kind: String = "", pulse: String = "", team: String = "", linked: String = "", note: String = "") {
            self.kind = kind
            self.pulse = pulse
            self.team = team
            self.linked = linked
            self.note = note
        }
    }

    public enum Problem: String, Sendable, Equatable, CaseIterable {
        case kind, pulse, team, linked, note
    }

    /// Takes a piece of evidence off the barrier: false when it is not this barrier's (or is
    /// gone already — a double click removes it once).
    public static func remove(_ evidenceID: UUID, from barrier: Barrier, at now: Date, on database: any Database) async throws -> Bool {
        let barrierID = try barrier.requireID()
        return try await database.transaction { database in
            guard let evidence = try await BarrierEvidence.query(on: database).filter(\.$id == evidenceID).filter(\.$barrierID == barrierID).first()
            else { return false }
            try await evidence.delete(on: database)
            barrier.updatedAt = now
            try await barrier.update(on: database)
            return true
        }
    }

    /// Links evidence, once: the same link made again changes nothing. Every id must be the
    /// barrier's organisation's — a pulse's team one the pulse asks.
    public static func add(
        _ draft: Draft, to barrier: Barrier, instrument: Instrument, by accountID: UUID, at now: Date, on database: any Database
    ) async throws -> Result<Void, ProblemList<Problem>> {
        let organisationID = barrier.organisationID
        let barrierID = try barrier.requireID()
        guard let kind = EvidenceKind(rawValue: draft.kind) else { return .failure(ProblemList([.kind])) }
        let evidence: BarrierEvidence
        switch kind {
        case .pulse:
            let parts = draft.pulse.split(separator: "/", maxSplits: 1).map(String.init)
            guard parts.count == 2, let pulseID = UUID(uuidString: parts[0]), instrument.subscales.contains(where: { $0.id == parts[1] }),
                  try await PulseSchedule.query(on: database).filter(\.$id == pulseID).filter(\.$organisationID == organisationID)
                    .filter(\.$instrumentID == instrument.id).filter(\.$instrumentVersion == instrument.version).count() == 1
            else { return .failure(ProblemList([.pulse])) }
            var teamID: UUID?
            if !draft.team.isEmpty {
                guard let id = UUID(uuidString: draft.team), try await Pulses.teams(of: pulseID, on: database).contains(id) else {
                    return .failure(ProblemList([.team]))
                }
                teamID = id
            }
            evidence = BarrierEvidence(barrierID: barrierID, kind: .pulse, pulseID: pulseID, condition: parts[1], teamID: teamID,
                                       addedByID: accountID, at: now)
        case .staff:
            guard let teamID = UUID(uuidString: draft.team),
                  try await Team.query(on: database).filter(\.$id == teamID).filter(\.$organisation.$id == organisationID).count() == 1
            else { return .failure(ProblemList([.team])) }
            evidence = BarrierEvidence(barrierID: barrierID, kind: .staff, teamID: teamID, addedByID: accountID, at: now)
        case .theme, .decision:
            guard let linkedID = UUID(uuidString: draft.linked) else { return .failure(ProblemList([.linked])) }
            let found = kind == .theme
                ? try await ListeningEvidence.themes([linkedID], of: organisationID, on: database).isEmpty == false
                : try await ListeningEvidence.decisions([linkedID], of: organisationID, on: database).isEmpty == false
            guard found else { return .failure(ProblemList([.linked])) }
            evidence = BarrierEvidence(barrierID: barrierID, kind: kind, linkedID: linkedID, addedByID: accountID, at: now)
        case .note:
            guard let note = TypedText.clean(draft.note, maxLength: Barriers.longestText, multiline: true) else { return .failure(ProblemList([.note])) }
            evidence = BarrierEvidence(barrierID: barrierID, kind: .note, note: note, addedByID: accountID, at: now)
        }
        try await database.transaction { database in
            let same = try await BarrierEvidence.query(on: database).filter(\.$barrierID == barrierID).filter(\.$kind == kind).all().contains {
                $0.pulseID == evidence.pulseID && $0.condition == evidence.condition && $0.teamID == evidence.teamID
                    && $0.linkedID == evidence.linkedID && $0.note == evidence.note
            }
            guard !same else { return }
            try await evidence.create(on: database)
            barrier.updatedAt = now
            try await barrier.update(on: database)
        }
        return .success(())
    }
}
