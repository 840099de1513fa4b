import Foundation
import KanssaCore

/// What a citizen asked for in the sharing form, checked: a team or person they may choose, at
/// least one section, a purpose, a basis that organisation uses, and an end within two years.
public struct AuthorisationRequest: Sendable, Equatable {
    public static let longest: TimeInterval = 2 * 366 * 24 * 3600

    /// Who is authorised: a team, or one named person.
    public enum Grantee: Sendable, Equatable {
        case team(PlanSharing.TeamChoice)
        case person(PlanSharing.PersonChoice)

        var legalBases: [LegalBasis] {
            switch self {
            case .team(let team): team.legalBases
            case .person(let person): person.legalBases
            }
        }
    }

    public let grantee: Grantee
    public let sections: Set<PlanSection>
    public let purpose: String
    public let legalBasis: LegalBasis
    public let expiresAt: Date

    public init(grantee: Grantee, sections: Set<PlanSection>, purpose: String, legalBasis: LegalBasis, expiresAt: Date) {
        self.grantee = grantee
        self.sections = sections
        self.purpose = purpose
        self.legalBasis = legalBasis
        self.expiresAt = expiresAt
    }

    public enum Problem: String, Sendable, Equatable, CaseIterable {
        case team, sections, purpose, legalBasis, until
    }

    /// The checked request, or every problem with it.
    public static func check(
        _ draft: Sharing.Draft, choices: [PlanSharing.TeamChoice], people: [PlanSharing.PersonChoice] = [], timeZone: TimeZone,
        now: Date
    ) -> Result<AuthorisationRequest, ProblemList> {
        let grantee: Grantee? = draft.teamID.flatMap { id in choices.first { $0.teamID == id } }.map(Grantee.team)
            ?? draft.personID.flatMap { id in people.first { $0.accountID == id } }.map(Grantee.person)
        let purpose = draft.purpose.trimmingCharacters(in: .whitespacesAndNewlines)
        let expiresAt = Days.endOfDay(draft.until, in: timeZone)
        var problems: [Problem] = []
        if grantee == nil { problems.append(.team) }
        if draft.sections.isEmpty { problems.append(.sections) }
        if purpose.isEmpty || purpose.count > 300 || purpose.unicodeScalars.contains(where: CharacterSet.controlCharacters.contains) {
            problems.append(.purpose)
        }
        let allowedBases = grantee?.legalBases ?? Array(Set(choices.flatMap(\.legalBases) + people.flatMap(\.legalBases)))
        if draft.legalBasis.map({ !allowedBases.contains($0) }) ?? true { problems.append(.legalBasis) }
        if expiresAt.map({ $0 <= now || $0.timeIntervalSince(now) > longest }) ?? true { problems.append(.until) }
        guard let grantee, let basis = draft.legalBasis, let expiresAt, problems.isEmpty else {
            return .failure(ProblemList(problems: problems))
        }
        return .success(AuthorisationRequest(
            grantee: grantee, sections: draft.sections, purpose: purpose, legalBasis: basis, expiresAt: expiresAt))
    }

    public struct ProblemList: Error, Sendable, Equatable {
        public let problems: [Problem]

        public init(problems: [Problem]) {
            self.problems = problems
        }
    }
}
