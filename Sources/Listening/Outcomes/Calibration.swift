import Fluent
import Foundation
import KanssaCore

/// How sure staff were beforehand, set against what they then heard, over all consultations of
/// an organisation or a team: does "90 % sure" come true nine times in ten?
///
/// An assumption counts once it has a verdict other than "no evidence". It held (1) when
/// confirmed, half held (0.5) when challenged, did not hold (0) when overturned. The Brier score
/// is the mean of (confidence − held)²: 0 is perfect, 0.25 is what saying "50 %" every time gives.
public enum Calibration {
    public struct Band: Sendable, Equatable {
        public let lowest: Int
        public let highest: Int
        public var count = 0
        public var confirmed = 0
        public var challenged = 0
        public var overturned = 0
        /// The sum of confidences, for the band's mean.
        var confidenceSum = 0

        /// How sure they were on average, in per cent.
        public var meanConfidence: Double? { count == 0 ? nil : Double(confidenceSum) / Double(count) }
        /// How often it held, in per cent (challenged counting half).
        public var held: Double? { count == 0 ? nil : (Double(confirmed) + Double(challenged) / 2) / Double(count) * 100 }
    }

    public struct Figures: Sendable, Equatable {
        public var bands: [Band]
        /// Assumptions with a verdict but no evidence either way: not counted in the bands.
        public var withoutEvidence = 0
        /// Assumptions still waiting for a verdict.
        public var waiting = 0
        public var brier: Double?

        public var counted: Int { bands.reduce(0) { $0 + $1.count } }
    }

    public static let bandEdges = [(0, 20), (21, 40), (41, 60), (61, 80), (81, 100)]

    /// The figures for assumptions with their confidence and standing verdict (nil: none yet).
    public static func figures(_ assumptions: [(confidence: Int, verdict: VerdictKind?)]) -> Figures {
        var figures = Figures(bands: bandEdges.map { Band(lowest: $0.0, highest: $0.1) })
        var squares = 0.0
        for (confidence, verdict) in assumptions {
            guard let verdict else {
                figures.waiting += 1
                continue
            }
            let held: Double
            switch verdict {
            case .noEvidence:
                figures.withoutEvidence += 1
                continue
            case .confirmed: held = 1
            case .challenged: held = 0.5
            case .overturned: held = 0
            }
            let clamped = min(max(confidence, 0), 100)
            guard let index = figures.bands.firstIndex(where: { $0.lowest...$0.highest ~= clamped }) else { continue }
            figures.bands[index].count += 1
            figures.bands[index].confidenceSum += clamped
            switch verdict {
            case .confirmed: figures.bands[index].confirmed += 1
            case .challenged: figures.bands[index].challenged += 1
            case .overturned: figures.bands[index].overturned += 1
            case .noEvidence: break
            }
            squares += (Double(clamped) / 100 - held) * (Double(clamped) / 100 - held)
        }
        figures.brier = figures.counted == 0 ? nil : squares / Double(figures.counted)
        return figures
    }

    public struct Model: Sendable, Equatable {
        public let organisationID: UUID
        /// The organisation's teams that ran a consultation, to narrow the figures to one.
        public let teams: [TeamChoice]
        public let team: UUID?
        public let consultations: Int
        public let figures: Figures
    }

    public struct TeamChoice: Sendable, Equatable {
        public let id: UUID
        public let name: String
    }

    /// The figures over the organisation's consultations, or one team's. Four queries.
    public static func load(organisation organisationID: UUID, team: UUID?, on database: any Database) async throws -> Model {
        let all = try await Consultation.query(on: database).filter(\.$organisationID == organisationID).all()
        let teamIDs = Set(all.map(\.teamID))
        let teams = try await Team.query(on: database).filter(\.$id ~~ teamIDs).sort(\.$name).all()
            .map { TeamChoice(id: $0.id!, name: $0.name) }
        let team = team.flatMap { teamIDs.contains($0) ? $0 : nil }
        let consultations = all.filter { team == nil || $0.teamID == team }
        let assumptions = consultations.isEmpty ? [] : try await Assumption.query(on: database)
            .filter(\.$consultationID ~~ consultations.compactMap(\.id)).all()
        let standing = try await Verdicts.standing(on: assumptions.compactMap(\.id), on: database)
        return Model(organisationID: organisationID, teams: teams, team: team, consultations: consultations.count,
                     figures: figures(assumptions.map { ($0.confidence, standing[$0.id!]?.kind) }))
    }
}
