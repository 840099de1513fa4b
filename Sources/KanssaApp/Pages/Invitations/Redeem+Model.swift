import KanssaCore

enum Redeem {
    /// The form to join with a code. A signed-in person only types the code; a new person also
    /// chooses a name, a login and a password.
    struct Model: Equatable {
        var code = ""
        var displayName = ""
        var login = ""
        let isSignedIn: Bool
        var errors: [FieldError] = []
        var notice: Notice?
    }
}
