import Fluent
import Foundation
import KanssaCore

/// "Who can see my plan": the citizen's receipt of every authorisation, and the form to add one.
public enum Sharing {
    public struct Line: Sendable, Equatable {
        public enum State: Sendable, Equatable {
            case active
            /// Taken back on that day, by the owner (nil) or by the professional named.
            case revoked(on: Date, by: String?)
            case expired
        }

        public let id: UUID
        public let grantee: String
        public let sections: [PlanSection]
        public let purpose: String
        public let legalBasis: LegalBasis
        public let createdAt: Date
        public let expiresAt: Date
        public let state: State
        /// The professional who recorded it in a meeting with the owner present; nil when the
        /// owner gave it themselves.
        public let recordedBy: String?
        public var granteeTeamID: UUID?
        public var granteeAccountID: UUID?

        public init(
            id: UUID, grantee: String, sections: [PlanSection], purpose: String, legalBasis: LegalBasis,
            createdAt: Date, expiresAt: Date, state: State, recordedBy: String? = nil
        ) {
            self.id = id
            self.grantee = grantee
            self.sections = sections
            self.purpose = purpose
            self.legalBasis = legalBasis
            self.createdAt = createdAt
            self.expiresAt = expiresAt
            self.state = state
            self.recordedBy = recordedBy
        }
    }

    /// What the person typed, shown back with the problems when something was missing.
    public struct Draft: Sendable, Equatable {
        public var teamID: UUID?
        /// A named person instead of a team.
        public var personID: UUID?
        public var sections: Set<PlanSection>
        public var purpose: String
        public var legalBasis: LegalBasis?
        public var until: String

        /// Nothing is ticked at first: privacy by default; the citizen names each part they share.
        public init(teamID: UUID? = nil, personID: UUID? = nil, sections: Set<PlanSection> = [], purpose: String = "",
                    legalBasis: LegalBasis? = nil, until: String = "") {
            self.teamID = teamID
            self.personID = personID
            self.sections = sections
            self.purpose = purpose
            self.legalBasis = legalBasis
            self.until = until
        }
    }

    public struct Model: Sendable, Equatable {
        public let teams: [PlanSharing.TeamChoice]
        public var people: [PlanSharing.PersonChoice] = []
        public let lines: [Line]
        public var draft = Draft()
        public var errors: [FieldError] = []
        public var notice: Notice?
        /// A share just taken back by its owner, which they may still undo.
        public var undoable: Line?
        /// The one-step form, as sent, and its problems.
        public var quickDraft = Draft()
        public var quickErrors: [FieldError] = []
        /// The privacy notice of each organisation the person belongs to, with its name.
        public var privacyNotices: [Chrome.NavigationLink] = []

        public init(teams: [PlanSharing.TeamChoice], lines: [Line]) {
            self.teams = teams
            self.lines = lines
        }

        /// Every basis any of the teams' organisations has configured, in a stable order.
        public var legalBases: [LegalBasis] {
            PlanSharing.legalBases(of: teams, people)
        }
    }

    /// How long after taking a share back its owner may undo it.
    public static let undoWindow: TimeInterval = 10 * 60

    /// The form filled in as an earlier share was: whom, what, why, on what basis; the day is
    /// the person's to choose again.
    public static func draft(from line: Line) -> Draft {
        Draft(teamID: line.granteeTeamID, personID: line.granteeAccountID, sections: Set(line.sections), purpose: line.purpose,
              legalBasis: line.legalBasis)
    }

    /// Seven queries: the plan's authorisations, then the names of the teams and people in them.
    public static func load(ownerID: UUID, at now: Date, on database: any Database) async throws -> Model {
        let plan = try await PlanStore.plan(of: ownerID, at: now, on: database)
        let authorisations = try await PlanAuthorisation.query(on: database)
            .filter(\.$plan.$id == plan.requireID())
            .sort(\.$createdAt, .descending)
            .all()
        let teamNames = try await Team.granteeNames(of: Set(authorisations.compactMap(\.granteeTeamID)), on: database)
        let recorded = authorisations.filter(\.withOwnerPresent)
        let people = try await Account.displayNames(
            of: authorisations.compactMap(\.granteeAccountID) + recorded.map(\.createdByID) + authorisations.compactMap(\.revokedByID),
            on: database)
        let lines = authorisations.map { authorisation in
            var line = Line(
                id: authorisation.id!,
                grantee: authorisation.granteeTeamID.flatMap { teamNames[$0] }
                    ?? authorisation.granteeAccountID.flatMap { people[$0] } ?? "–",
                sections: PlanSection.allCases.filter(PlanSection.set(authorisation.sections).contains),
                purpose: authorisation.purpose, legalBasis: authorisation.legalBasis,
                createdAt: authorisation.createdAt, expiresAt: authorisation.expiresAt,
                state: authorisation.revokedAt.map { day in
                    let byOwner = authorisation.revokedByID == nil || authorisation.revokedByID == ownerID
                    return .revoked(on: day, by: byOwner ? nil : authorisation.revokedByID.flatMap { people[$0] } ?? "–")
                } ?? (authorisation.expiresAt <= now ? .expired : .active),
                recordedBy: authorisation.withOwnerPresent ? people[authorisation.createdByID] ?? "–" : nil)
            line.granteeTeamID = authorisation.granteeTeamID
            line.granteeAccountID = authorisation.granteeAccountID
            return line
        }
        var model = Model(teams: try await PlanSharing.teamChoices(for: ownerID, on: database), lines: lines)
        model.people = try await PlanSharing.personChoices(for: ownerID, on: database)
        return model
    }
}
