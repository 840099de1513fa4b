import Foundation
import SQLKit
@testable import KanssaApp
import KanssaCore
import Testing
import VaporTesting

@Suite struct OperationsTests {
    @Test func healthAndReadinessAnswer() async throws {
        try await withApp { app, _ in
            var browser = Browser(app)
            #expect(try await browser.get("/healthz").status == .ok)
            let ready = try await browser.get("/readyz")
            #expect(ready.status == .ok)
            #expect(ready.body.string == "ready\n")
        }
    }

    @Test func metricsCountRequestsByRoutePatternNotByPath() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            var browser = Browser(app)
            try await browser.signIn(Fixtures.login(.admin))
            try await browser.get("/organisations/\(fixtures.here)/admin")
            var citizen = Browser(app)
            try await citizen.signIn(Fixtures.login(.citizen))
            for _ in 0..<2 { try await citizen.get("/plan/actions") }
            let metrics = try await browser.get("/metrics").body.string
            #expect(metrics.contains(#"kanssa_http_requests_total{method="GET",route="/organisations/:organisation/admin",status="200"} 1"#))
            #expect(metrics.contains("kanssa_http_request_duration_seconds_bucket"))
            #expect(metrics.contains("process_resident_memory_bytes"))
            #expect(metrics.contains("kanssa_plan_views_kept 1"))
            #expect(metrics.contains(#"kanssa_plan_views_served{outcome="built"} 1"#))
            #expect(metrics.contains(#"kanssa_plan_views_served{outcome="kept"} 1"#))
            #expect(metrics.contains(#"kanssa_dashboards_served{outcome="built"} 0"#))
            #expect(metrics.contains(#"kanssa_consultation_pages_served{outcome="kept"} 0"#))
            #expect(metrics.contains("kanssa_database_pool_max_connections"))
            // Not listening here (as on SQLite): every session read from the database.
            #expect(metrics.contains("kanssa_sessions_hearing 0") && metrics.contains("kanssa_sessions_kept 0"))
            #expect(metrics.contains(#"kanssa_sessions_served{outcome="kept"} 0"#))
            #expect(metrics.contains(#"kanssa_sessions_served{outcome="read"} 4"#))
            #expect(!metrics.contains(fixtures.here.uuidString))
        }
    }

    @Test func theStylesheetMayBeCachedButPagesMayNot() async throws {
        try await withApp { app, _ in
            var browser = Browser(app)
            let css = try await browser.get("/static/kanssa.css")
            #expect(css.headers.first(name: .cacheControl) == "public, max-age=3600")
            #expect(css.headers.contentType?.subType == "css")
            #expect(try await browser.get("/sign-in").headers.first(name: .cacheControl) == "no-store")
        }
    }

    @Test func healthChecksSetNoCookies() async throws {
        try await withApp { app, _ in
            var browser = Browser(app)
            let health = try await browser.get("/healthz")
            #expect(health.headers[.setCookie].isEmpty)
            let signIn = try await browser.get("/sign-in")
            #expect(!signIn.headers[.setCookie].isEmpty)
        }
    }
}

@Suite struct TestDatabaseTests {
    /// Guards against a silent fallback: with KANSSA_TEST_DATABASE_URL set, tests really run on PostgreSQL.
    @Test func testsRunOnTheDatabaseTheEnvironmentNames() async throws {
        try await withApp { app, _ in
            let sql = try #require(app.db as? any SQLDatabase)
            #expect(sql.dialect.name == (TestDatabase.postgresURL == nil ? "sqlite" : "postgresql"))
        }
    }
}
