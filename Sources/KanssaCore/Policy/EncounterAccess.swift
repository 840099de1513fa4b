import Foundation

/// A service-user panel as the policy sees it: its organisation, its co-trainers now, and the
/// staff contact who supports them without owning their work.
public struct PanelAccess: Sendable, Hashable {
    public let panelID: UUID
    public let organisationID: UUID
    public let memberIDs: Set<UUID>
    public let staffContactID: UUID

    public init(panelID: UUID, organisationID: UUID, memberIDs: Set<UUID>, staffContactID: UUID) {
        self.panelID = panelID
        self.organisationID = organisationID
        self.memberIDs = memberIDs
        self.staffContactID = staffContactID
    }
}

/// A training module as the policy sees it: the panel that writes it, and whether the panel has
/// published it.
public struct ModuleAccess: Sendable, Hashable {
    public let moduleID: UUID
    public let panel: PanelAccess
    public let isPublished: Bool

    public init(moduleID: UUID, panel: PanelAccess, isPublished: Bool) {
        self.moduleID = moduleID
        self.panel = panel
        self.isPublished = isPublished
    }
}

/// A session of a module as the policy sees it: the module's panel, the staff host, the
/// co-trainers delivering it, who registered and who the host recorded as having come.
public struct EncounterSessionAccess: Sendable, Hashable {
    public let sessionID: UUID
    public let organisationID: UUID
    public let panel: PanelAccess
    public let hostID: UUID
    public let coTrainerIDs: Set<UUID>
    public let registeredIDs: Set<UUID>
    public let attendedIDs: Set<UUID>
    /// Registered people the host recorded as not having come.
    public let absentIDs: Set<UUID>

    public init(sessionID: UUID, organisationID: UUID, panel: PanelAccess, hostID: UUID, coTrainerIDs: Set<UUID>, registeredIDs: Set<UUID>,
                attendedIDs: Set<UUID>, absentIDs: Set<UUID>) {
        self.sessionID = sessionID
        self.organisationID = organisationID
        self.panel = panel
        self.hostID = hostID
        self.coTrainerIDs = coTrainerIDs
        self.registeredIDs = registeredIDs
        self.attendedIDs = attendedIDs
        self.absentIDs = absentIDs
    }

    /// Those who give the session: its host, the co-trainers delivering it, their panel and its contact.
    public func isGivenBy(_ accountID: UUID) -> Bool {
        accountID == hostID || coTrainerIDs.contains(accountID) || panel.memberIDs.contains(accountID) || accountID == panel.staffContactID
    }
}
