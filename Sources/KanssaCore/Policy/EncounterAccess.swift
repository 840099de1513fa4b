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
