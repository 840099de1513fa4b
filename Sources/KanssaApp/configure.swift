import Fluent
import FluentPostgresDriver
import Agenda
import Encountering
import Evaluation
import Listening
import Learning
import FluentSQLiteDriver
import KanssaCore
import Prometheus
import SQLKit
import Vapor

/// Configures an application: database, migrations, middleware, routes and commands.
/// Tests call this with their own configuration and dependencies.
public func configure(
    _ app: Application, config: AppConfig, dependencies: AppDependencies = .live
) async throws {
    app.logger.logLevel = config.logLevel
    let catalogs = try Catalogs.bundled()
    app.platform = Platform(
        config: config,
        dependencies: dependencies,
        catalogs: catalogs,
        localizers: Dictionary(uniqueKeysWithValues: catalogs.languages.map { ($0, catalogs.localizer(for: $0, timeZone: config.timeZone)) }),
        passwordRules: try PasswordRules.bundled(),
        secret: Secret(config.secret),
        metrics: HTTPMetrics(registry: PrometheusCollectorRegistry()),
        inFlight: InFlightRequests(),
        stylesheet: try Stylesheet.load(),
        instruments: try Instruments.bundled(),
        staffPulse: try Instruments.staffPulse(),
        roundFigures: RoundFiguresCache(),
        // Three pages each of the consultations most looked at; a server has few at a time.
        consultations: ConsultationCache(capacity: 300),
        // Per organisation, team, quarter and language: a few dozen at most on one server.
        dashboards: DashboardCache(capacity: 100),
        wholePictures: WholePictureCache(capacity: config.plansKept),
        shownActionPages: ShownPages(capacity: config.plansKept),
        keptSessions: KeptSessions(capacity: config.sessionsKept),
        decoyPasswordHash: try Bcrypt.hash(dependencies.token(), cost: config.passwordCost),
        answerThrottle: AnswerThrottle(),
        groupCommit: GroupCommit(),
        backgroundWork: BackgroundWork(),
        mailer: {
            switch config.mail {
            case .none: nil
            case .outbox: Outbox(now: dependencies.now)
            case .relay(let settings):
                SMTPMailer(settings: settings, group: app.eventLoopGroup, helloName: config.publicURL?.host ?? "localhost")
            }
        }()
    )

    try await useDatabase(app, config.database)
    app.migrations.add(CoreMigrations.all)
    app.migrations.add(AgendaMigrations.all)
    app.migrations.add(LearningMigrations.all)
    app.migrations.add(EncounteringMigrations.all)
    app.migrations.add(ListeningMigrations.all)
    app.migrations.add(EvaluationMigrations.all)
    app.passwords.use(.bcrypt(cost: config.passwordCost))

    app.http.server.configuration.hostname = config.hostname
    app.http.server.configuration.port = config.port
    app.http.server.configuration.serverName = nil
    app.routes.defaultMaxBodySize = "64kb"
    app.routes.caseInsensitive = false
    let server = ServerSettings(
        clientTimeout: .milliseconds(Int64(config.clientTimeout * 1000)),
        maximumBody: app.routes.defaultMaxBodySize.value,
        refused: { [metrics = app.platform.metrics] reason in metrics.refused(reason) })
    app.servers.use { $0.kanssaServer(settings: server) }

    app.middleware = Middlewares()
    app.middleware.use(MetricsMiddleware())
    app.middleware.use(GroupCommitMiddleware())
    app.middleware.use(SecurityHeadersMiddleware())
    app.middleware.use(ErrorPageMiddleware())
    app.middleware.use(SessionMiddleware())
    app.middleware.use(FormGuardMiddleware())

    try routes(app)
    // Stopped in the reverse order: the server first, then the work its requests started.
    app.lifecycle.use(app.platform.backgroundWork)
    app.lifecycle.use(GracefulStop())

    app.asyncCommands.use(DemoCommand(), as: "demo")
    app.asyncCommands.use(CreateAdminCommand(), as: "create-admin")
    app.asyncCommands.use(SeedScaleCommand(), as: "seed-scale")
    app.asyncCommands.use(RetentionCommand(), as: "retention")
    app.asyncCommands.use(CheckInstrumentCommand(), as: "check-instrument")
}

private func useDatabase(_ app: Application, _ location: AppConfig.DatabaseLocation) async throws {
    switch location {
    case .sqliteInMemory:
        // SQLiteKit keeps an "in-memory" database in a file of the temporary folder that it never
        // removes (a few hundred per test run); this one is ours, and is removed at shutdown.
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kanssa-throwaway-\(UUID().uuidString).sqlite").path
        app.databases.use(.sqlite(.file(path), sqlLogLevel: .trace), as: .sqlite)
        app.lifecycle.use(RemoveThrowawayDatabase(path: path))
        try await useWriteAheadLog(app)
    case .sqliteFile(let path):
        let folder = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        app.databases.use(.sqlite(.file(path), sqlLogLevel: .trace), as: .sqlite)
        try await useWriteAheadLog(app)
    case .postgres(let url, let schema):
        var configuration = try SQLPostgresConfiguration(url: url)
        if let schema { configuration.searchPath = [schema] }
        app.databases.use(.postgres(configuration: configuration, sqlLogLevel: .trace), as: .psql)
    }
}

/// WAL lets readers and a writer work at once; the setting lives in the file itself. Without it a
/// reader can wait on a committing writer in SQLite's busy loop, holding one of the few threads
/// every SQLite call runs on — the throwaway databases of the tests use it for the same reason.
///
/// A connection that finds another writing waits by sleeping (SQLite's busy timeout) rather than
/// in SQLiteNIO's busy handler, which retries at once, for ever, on one of the two threads every
/// SQLite call runs on: profiled under 64 writers, a quarter of the CPU went to retrying. The
/// setting is a connection's: each event loop keeps its one connection for the server's life.
private func useWriteAheadLog(_ app: Application) async throws {
    if let sql = app.db as? any SQLDatabase {
        try await sql.raw("PRAGMA journal_mode=WAL").run()
    }
    for eventLoop in app.eventLoopGroup.makeIterator() {
        if let sql = app.databases.database(logger: app.logger, on: eventLoop) as? any SQLDatabase {
            try await sql.raw("PRAGMA busy_timeout = 10000").run()
        }
    }
}

/// On PostgreSQL with sessions kept, listens for changes to who signed-in people are
/// (``PrincipalNotices``) while the application runs, so that their sessions can be kept in
/// memory. Elsewhere, or with `sessionsKept` 0, nothing: every request reads its session.
public func hearPrincipalChanges(_ app: Application, config: AppConfig) throws {
    guard case .postgres(let url, _) = config.database, config.sessionsKept > 0 else { return }
    let configuration = try SQLPostgresConfiguration(url: url).coreConfiguration
    app.lifecycle.use(PrincipalNotices(configuration: configuration, kept: app.platform.keptSessions))
}

/// Removes a throwaway SQLite file and its companions when the application stops.
private struct RemoveThrowawayDatabase: LifecycleHandler {
    let path: String

    func shutdownAsync(_ application: Application) async {
        for suffix in ["", "-journal", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}
