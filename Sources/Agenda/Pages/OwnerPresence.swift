import KanssaCore
@preconcurrency import Plot

/// "Fatima is here with me": on the forms of someone other than the plan's owner, so that what a
/// professional writes during a meeting is recorded as written with the owner present.
public enum OwnerPresence {
    /// The form field; ticked, it sends "yes".
    public static let field = "ownerPresent"
    /// Added to a change's target on the access trace when the owner was present.
    public static let traceSuffix = ":with-owner-present"

    /// A change's target on the access trace, marked when the owner was present.
    public static func traceTarget(_ target: String, present: Bool) -> String {
        present ? target + traceSuffix : target
    }

    static func checkbox(id: String, ownerName: String, t: Localizer) -> Node<HTML.FormContext> {
        .div(
            .class("checkbox"),
            .input(.type(.checkbox), .safe("id", id), .name("ownerPresent"), .value("yes")),
            .label(.safe("for", id), .txt(t(.ownerPresentField, ["name": ownerName])))
        )
    }
}
