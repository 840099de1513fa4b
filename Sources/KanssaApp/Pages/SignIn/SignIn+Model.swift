import KanssaCore

enum SignIn {
    /// What the sign-in page shows: the typed login (never the password), problems, a notice.
    struct Model: Equatable {
        var login = ""
        var next = ""
        var errors: [FieldError] = []
        var notice: Notice?
    }
}
