// The Learning module. See DESIGN.md §3; its issue builds it on KanssaCore.
/// Identifies this module in logs and in the composition of the app.
public enum LearningModule {
    public static let name = "learning"
}
