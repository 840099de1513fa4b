import Fluent
import Foundation
import KanssaCore
import NIOCore
import NIOPosix
import Vapor

/// Starts Kanssa from the command line: reads the configuration (refusing to start with a clear
/// message if it is wrong), configures the app and runs the command asked for.
public enum Kanssa {
    public static func main() async {
        runTasksOnEventLoops()
        do {
            var environment = try Vapor.Environment.detect()
            let command = environment.arguments.dropFirst().first { !$0.hasPrefix("-") } ?? "serve"
            var config = try AppConfig.load(environment: ProcessInfo.processInfo.environment, command: command)
            if config.secret.isEmpty {
                // Only commands that are not `serve` get here (load() refuses serve without one).
                config.secret = try DemoSecret.loadOrCreate(in: config.dataDirectory, dependencies: .live)
            }
            try LoggingSystem.bootstrap(from: &environment)
            let app = try await Application.make(environment)
            do {
                try await configure(app, config: config)
                if command == "serve" { try await refusePendingMigrations(app) }
                if ["serve", "demo"].contains(command) {
                    if let interval = config.retentionInterval { app.lifecycle.use(Schedule.retention(every: .seconds(interval))) }
                    if let interval = config.digestInterval, let mailer = app.platform.mailer {
                        app.lifecycle.use(Schedule.digests(every: .seconds(interval), mailer: mailer))
                    }
                    try hearPrincipalChanges(app, config: config)
                }
                try await app.execute()
            } catch {
                if !(error is StartError) { app.logger.report(error: error) }
                try? await app.asyncShutdown()
                throw error
            }
            try await app.asyncShutdown()
        } catch let error as ConfigurationError {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            exit(1)
        } catch {
            FileHandle.standardError.write(Data("Kanssa stopped: \(error)\n".utf8))
            exit(1)
        }
    }

    /// Runs Swift's tasks on the event loops instead of a pool of their own, so that a request's
    /// handler does not change threads on every await (figures in `benchmarks/RESULTS.md`). Must
    /// come before any other task starts; `KANSSA_TASKS_ON_EVENT_LOOPS=0` turns it off.
    static func runTasksOnEventLoops() {
        guard ProcessInfo.processInfo.environment["KANSSA_TASKS_ON_EVENT_LOOPS"] != "0" else { return }
        _ = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
    }

    /// Production never migrates by itself: a database behind the code is an operator's
    /// decision, so `serve` refuses to start and says what to run.
    static func refusePendingMigrations(_ app: Application) async throws {
        let pending = try await pendingMigrations(app)
        guard pending == 0 else {
            throw StartError(message: "The database needs \(pending) migration(s). Run `kanssa migrate` first, then start again.")
        }
    }

    /// How many migrations have not run; a database without any history has not run any.
    static func pendingMigrations(_ app: Application) async throws -> Int {
        do {
            return try await app.migrator.previewPrepareBatch().get().count
        } catch {
            app.logger.debug("no migration history", metadata: ["error": "\(String(reflecting: error))"])
            throw StartError(message: "Kanssa could not read the database's migration history. If this is a new database, run `kanssa migrate` first, then start again.")
        }
    }

    struct StartError: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }
}
