import Foundation
@testable import KanssaApp
import Testing

@Suite struct ConfigurationTests {
    @Test func defaultsUseTheSQLiteFileInTheDataFolder() throws {
        let config = try AppConfig.load(environment: [:], command: "demo")
        #expect(config.database == .sqliteFile(path: "./data/kanssa.sqlite"))
        #expect(config.port == 8080)
        #expect(config.hostname == "127.0.0.1")
        #expect(!config.isHTTPS)
        #expect(config.plansKept == 2_000)
    }

    @Test func howManyPlansAreKeptIsAWholeNumberAndZeroKeepsNone() throws {
        #expect(try AppConfig.load(environment: ["KANSSA_PLANS_KEPT": "0"], command: "demo").plansKept == 0)
        #expect {
            try AppConfig.load(environment: ["KANSSA_PLANS_KEPT": "-1"], command: "demo")
        } throws: { String(describing: $0).contains("KANSSA_PLANS_KEPT must be a whole number") }
    }

    @Test func trustedProxiesAreAddressesAndTheClientTimeoutHasADefault() throws {
        let config = try AppConfig.load(environment: ["KANSSA_TRUSTED_PROXIES": "10.0.0.5, ::1,unix"], command: "demo")
        #expect(config.trustedProxies == ["10.0.0.5", "::1", "unix"])
        #expect(config.clientTimeout == 10)
        #expect(try AppConfig.load(environment: [:], command: "demo").trustedProxies.isEmpty)
        #expect(try AppConfig.load(environment: ["KANSSA_CLIENT_TIMEOUT_SECONDS": "3"], command: "demo").clientTimeout == 3)
        #expect {
            try AppConfig.load(environment: ["KANSSA_TRUSTED_PROXIES": "10.0.0.5,proxy.example", "KANSSA_CLIENT_TIMEOUT_SECONDS": "0"], command: "demo")
        } throws: { error in
            String(describing: error).contains(#"KANSSA_TRUSTED_PROXIES must list IP addresses separated by commas ("proxy.example" is not one)"#)
                && String(describing: error).contains("KANSSA_CLIENT_TIMEOUT_SECONDS must be a whole number from 1 to 3600")
        }
    }

    @Test func aPostgresURLChoosesPostgres() throws {
        let config = try AppConfig.load(
            environment: ["DATABASE_URL": "postgres://k:k@127.0.0.1:5433/kanssa", "KANSSA_SECRET": String(repeating: "s", count: 40)],
            command: "serve")
        #expect(config.database == .postgres(url: "postgres://k:k@127.0.0.1:5433/kanssa", schema: nil))
    }

    @Test func everyProblemIsNamedAtOnceAndNoSecretIsPrinted() {
        let secret = "too-short-secret"
        let environment = [
            "DATABASE_URL": "mysql://nope", "KANSSA_PORT": "99999", "LOG_LEVEL": "loud", "KANSSA_SECRET": secret,
            "KANSSA_TIME_ZONE": "Mars/Olympus",
        ]
        #expect {
            try AppConfig.load(environment: environment, command: "serve")
        } throws: { error in
            let text = String(describing: error)
            return text.contains("DATABASE_URL is not a postgres:// address")
                && text.contains("KANSSA_PORT must be a whole number")
                && text.contains("LOG_LEVEL must be one of")
                && text.contains("KANSSA_SECRET must be at least 32 characters")
                && text.contains("KANSSA_TIME_ZONE is not a known time zone")
                && text.contains("KANSSA_SECRET: set")
                && text.contains("KANSSA_PUBLIC_URL: not set")
                && !text.contains(secret)
        }
    }

    @Test func serveRefusesToStartWithoutASecret() {
        #expect(throws: ConfigurationError.self) {
            try AppConfig.load(environment: [:], command: "serve")
        }
    }
}
