import Vapor

/// The table of contents of the site. Every route is registered with its access rule
/// (see `AccessRule`); `SiteRoute` builds every link to them.
func routes(_ app: Application) throws {
    try app.register(collection: OperationsController())
    try app.register(collection: SignInController())
    try app.register(collection: LanguageController())
    try app.register(collection: HomeController())
    try app.register(collection: MyInformationController())
    try app.register(collection: ExportController())
    try app.register(collection: InvitationController())
    try app.register(collection: AdminController())
    try app.register(collection: RetentionController())
    try app.register(collection: LifeAreaSettingsController())
    try app.register(collection: PlanController())
    try app.register(collection: SharingController())
    try app.register(collection: MeetingPermissionController())
    try app.register(collection: MyDataController())
    try app.register(collection: SharedPlanController())
    try app.register(collection: ActionController())
    try app.register(collection: LifeController())
    try app.register(collection: TeamAlignmentController())
    try app.register(collection: RoundsController())
    try app.register(collection: LearningController())
    try app.register(collection: SetsController())
    try app.register(collection: SetController())
    try app.register(collection: PracticeController())
    try app.register(collection: CoachingController())
    try app.register(collection: SessionsController())
    try app.register(collection: InstrumentsController())
    try app.register(collection: EncounteringController())
    try app.register(collection: EncounterSessionsController())
}
