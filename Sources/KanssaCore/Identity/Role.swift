/// What a person may do in one organisation (DESIGN.md §2). Stored as its raw string.
public enum Role: String, Codable, CaseIterable, Sendable, Comparable {
    case citizen
    case coTrainer = "co-trainer"
    case professional
    case coordinator
    case trainer
    case researcher
    case admin

    public static func < (lhs: Role, rhs: Role) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// Staff roles, as opposed to the roles of the people services are for.
    public var isStaff: Bool {
        switch self {
        case .citizen, .coTrainer: false
        case .professional, .coordinator, .trainer, .researcher, .admin: true
        }
    }
}
