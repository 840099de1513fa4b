import Fluent
import Foundation
import KanssaCore

/// Service-user panels: setting one up, and who is in it now.
public enum Panels {
    /// The panel as the policy sees it. Two queries.
    public static func access(panelID: UUID, on database: any Database) async throws -> PanelAccess? {
        guard let panel = try await Panel.find(panelID, on: database) else { return nil }
        return try await access(panel, on: database)
    }

    public static func access(_ panel: Panel, on database: any Database) async throws -> PanelAccess {
        let panelID = try panel.requireID()
        let members = try await PanelMember.query(on: database).filter(\.$panelID == panelID).filter(\.$leftAt == nil).all(\.$accountID)
        return PanelAccess(panelID: panelID, organisationID: panel.organisationID, memberIDs: Set(members), staffContactID: panel.staffContactID)
    }

    public struct Person: Sendable, Equatable {
        public let id: UUID
        public let name: String
    }

    /// An organisation's co-trainers and staff, who can be a panel's members and its contact. Two queries.
    public static func people(in organisationID: UUID, on database: any Database) async throws -> (coTrainers: [Person], staff: [Person]) {
        let staffRoles: Set<Role> = [.professional, .coordinator, .trainer]
        let people = try await Membership.people(holding: staffRoles.union([.coTrainer]), in: [organisationID], on: database)
        return (people.filter { $0.roles.contains(.coTrainer) }.map { Person(id: $0.id, name: $0.name) },
                people.filter { !$0.roles.isDisjoint(with: staffRoles) }.map { Person(id: $0.id, name: $0.name) })
    }

    /// The panel's co-trainers now, by the names they chose. One query.
    public static func coTrainers(of panel: PanelAccess, on database: any Database) async throws -> [Person] {
        try await EncounterSessions.creditNames(of: Array(panel.memberIDs), in: panel.panelID, on: database)
            .map { Person(id: $0.key, name: $0.value) }.sorted { ($0.name, $0.id) < ($1.name, $1.id) }
    }

    public struct Setup: Sendable, Equatable {
        public let name: String
        public let staffContactID: UUID
        public let members: [Person]
    }

    public enum SetupProblem: String, Sendable, Equatable, CaseIterable {
        case name, contact, members
    }

    /// A panel as a coordinator set it up: a name, a staff contact of the organisation, one or
    /// more of its co-trainers. Each is credited by their display name until they choose another.
    public static func check(
        name: String, contact: String, members: [String], coTrainers: [Person], staff: [Person]
    ) -> Result<Setup, ProblemList<SetupProblem>> {
        var problems: [SetupProblem] = []
        let cleanName = TypedText.clean(name, maxLength: 100)
        if cleanName == nil { problems.append(.name) }
        let contactID = UUID(uuidString: contact).flatMap { id in staff.first { $0.id == id }?.id }
        if contactID == nil { problems.append(.contact) }
        let chosen = members.compactMap { id in coTrainers.first { $0.id.uuidString == id } }
        if chosen.isEmpty || chosen.count != members.count || Set(chosen.map(\.id)).count != chosen.count { problems.append(.members) }
        guard let cleanName, let contactID, problems.isEmpty else { return .failure(ProblemList(problems)) }
        return .success(Setup(name: cleanName, staffContactID: contactID, members: chosen))
    }

    /// The name a co-trainer wishes to be credited by, in a panel they are in; a chosen name is
    /// fine. Credits already published keep the name they were published with.
    public static func setCreditName(_ name: String, for accountID: UUID, in panelID: UUID, on database: any Database) async throws -> Bool {
        guard let clean = TypedText.clean(name, maxLength: 60) else { return false }
        try await PanelMember.query(on: database).filter(\.$panelID == panelID).filter(\.$accountID == accountID)
            .set(\.$creditName, to: clean).update()
        return true
    }

    public static func create(_ setup: Setup, organisationID: UUID, at now: Date, on database: any Database) async throws -> UUID {
        try await database.transaction { database in
            let panel = Panel(organisationID: organisationID, name: setup.name, staffContactID: setup.staffContactID, at: now)
            try await panel.create(on: database)
            for member in setup.members {
                try await PanelMember(panelID: try panel.requireID(), accountID: member.id, creditName: member.name, at: now).create(on: database)
            }
            return try panel.requireID()
        }
    }
}
