import Foundation

/// Everything a request can ask to do that the policy decides. Each route names one.
public enum Action: Sendable, Hashable {
    /// See one's own home page, information and access trace; change one's own profile.
    case useOwnAccount
    /// Read and write one's own whole-person plan: for people services are for (citizens and
    /// co-trainers), in any organisation.
    case useOwnPlan
    /// Read a section of someone's plan (any section when nil): the owner, or those the owner
    /// authorised for it, until the authorisation ends.
    case readPlan(PlanAccess, section: PlanSection?)
    /// Suggest a goal to the owner of a plan: someone else whom the owner authorised to see its
    /// goals. A suggestion is not the owner's goal until the owner endorses it.
    case suggestGoal(PlanAccess)
    /// Write a note on someone's plan timeline: someone else whom the owner authorised to see
    /// the timeline. The owner writes on their own plan through `useOwnPlan`.
    case writeNote(PlanAccess)
    /// See the list of plans shared with one: professionals, in any organisation.
    case useCaseload
    /// See an organisation's teams, members and invitations; add teams.
    case administerOrganisation(UUID)
    /// Change a member's roles or teams, or disable an account, in an organisation.
    case manageMembers(UUID)
    /// Open the invitation form of an organisation (to invite someone in any role one may).
    case inviteAnyone(UUID)
    /// Create an invitation for one role.
    case invite(organisation: UUID, role: Role)
}
