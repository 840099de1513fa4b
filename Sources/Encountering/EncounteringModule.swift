// The Encountering module. See DESIGN.md §3; its issue builds it on KanssaCore.
/// Identifies this module in logs and in the composition of the app.
public enum EncounteringModule {
    public static let name = "encountering"
}
