import KanssaCore
@preconcurrency import Plot

/// "Fatima is here with me": on the forms of someone other than the plan's owner, so that what a
/// professional writes during a meeting is recorded as written with the owner present.
public enum OwnerPresence {
    /// The form field; ticked, it sends "yes".
    public static let field = "ownerPresent"

    static func checkbox(id: String, ownerName: String, t: Localizer) -> Node<HTML.FormContext> {
        .div(
            .class("checkbox"),
            .input(.type(.checkbox), .safe("id", id), .name("ownerPresent"), .value("yes")),
            .label(.safe("for", id), .txt(t(.ownerPresentField, ["name": ownerName])))
        )
    }
}
