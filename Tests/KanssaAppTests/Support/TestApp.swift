import Fluent
import Foundation
@testable import KanssaApp
import KanssaCore
import SQLKit
import Testing
import VaporTesting

/// The database tests run against: in-memory SQLite, or PostgreSQL when
/// `KANSSA_TEST_DATABASE_URL` is set (each test then gets a schema of its own).
enum TestDatabase {
    static var postgresURL: String? {
        ProcessInfo.processInfo.environment["KANSSA_TEST_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }
}

/// Builds an app of its own for one test — configured, migrated, on its own database — runs the
/// test, and always shuts the app down.
func withApp(
    world: TestWorld = TestWorld(), configure adjust: (inout AppConfig) -> Void = { _ in },
    _ body: (Application, TestWorld) async throws -> Void
) async throws {
    var config = AppConfig.testing()
    var schema: String?
    if let url = TestDatabase.postgresURL {
        schema = "test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        config.database = .postgres(url: url, schema: schema)
    }
    adjust(&config)
    let app = try await Application.make(.testing)
    do {
        try await configure(app, config: config, dependencies: world.dependencies)
        if let schema, let sql = app.db as? any SQLDatabase {
            try await sql.raw("CREATE SCHEMA \(ident: schema)").run()
        }
        try await app.autoMigrate()
        try await body(app, world)
    } catch {
        await dropSchema(schema, app)
        try? await app.asyncShutdown()
        // Database errors describe themselves only when reflected; a failing test should say why.
        Issue.record("\(String(reflecting: error))")
        throw error
    }
    await dropSchema(schema, app)
    try await app.asyncShutdown()
}

/// `withApp` on a SQLite file in WAL mode, as a server uses it (many connections, writers
/// waiting on a busy database), rather than the in-memory database; on PostgreSQL as `withApp`.
func withAppOnFile(world: TestWorld = TestWorld(), _ body: (Application, TestWorld) async throws -> Void) async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kanssa-\(UUID())").path
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try await withApp(world: world, configure: { config in
        if case .sqliteInMemory = config.database { config.database = .sqliteFile(path: folder + "/kanssa.sqlite") }
    }, body)
}

private func dropSchema(_ schema: String?, _ app: Application) async {
    guard let schema, let sql = app.db as? any SQLDatabase else { return }
    try? await sql.raw("DROP SCHEMA \(ident: schema) CASCADE").run()
}
