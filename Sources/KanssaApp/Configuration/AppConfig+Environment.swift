import Foundation
import Logging

/// A setting that Kanssa reads from the environment, for the README's table and for the
/// start-up report.
public struct Setting: Sendable {
    public let name: String
    public let meaning: String
    public let isSecret: Bool
}

extension AppConfig {
    public static let settings: [Setting] = [
        Setting(name: "DATABASE_URL", meaning: "postgres://user:password@host:port/database for PostgreSQL; unset for the embedded SQLite file", isSecret: true),
        Setting(name: "KANSSA_DATA_DIR", meaning: "folder of the SQLite file and the demo's secret (default ./data)", isSecret: false),
        Setting(name: "KANSSA_HOSTNAME", meaning: "address to listen on (default 127.0.0.1)", isSecret: false),
        Setting(name: "KANSSA_PORT", meaning: "port to listen on (default 8080)", isSecret: false),
        Setting(name: "LOG_LEVEL", meaning: "trace, debug, info, notice, warning, error or critical (default info)", isSecret: false),
        Setting(name: "KANSSA_SECRET", meaning: "at least 32 characters; keys pseudonyms, codes and tokens; required by serve", isSecret: true),
        Setting(name: "KANSSA_PUBLIC_URL", meaning: "the address people use, e.g. https://kanssa.example.org; https turns on Secure cookies and HSTS", isSecret: false),
        Setting(name: "KANSSA_TIME_ZONE", meaning: "time zone for dates on pages (default Europe/Helsinki)", isSecret: false),
        Setting(name: "KANSSA_SESSION_IDLE_MINUTES", meaning: "sign out after this many idle minutes (default 60)", isSecret: false),
        Setting(name: "KANSSA_SESSION_MAX_HOURS", meaning: "sign out this many hours after signing in, however active (default 12)", isSecret: false),
        Setting(name: "KANSSA_TRUSTED_PROXIES", meaning: "comma-separated IP addresses of the proxies in front of Kanssa whose X-Forwarded-For names the client (\"unix\" for a Unix socket); unset: the connection's peer is the client", isSecret: false),
        Setting(name: "KANSSA_CLIENT_TIMEOUT_SECONDS", meaning: "seconds the server waits on a client for a request's whole head, or for the next part of its body, before closing the connection (default 10)", isSecret: false),
        Setting(name: "KANSSA_RETENTION_MINUTES", meaning: "run the retention job (erasure requests, retention rules) every this many minutes (default 60; 0: never, when cron runs `kanssa retention`)", isSecret: false),
        Setting(name: "KANSSA_PLANS_KEPT", meaning: "how many plans' whole-person views a server keeps in memory (default 2000; 0: none)", isSecret: false),
        Setting(name: "KANSSA_SESSIONS_KEPT", meaning: "on PostgreSQL, how many sessions a server keeps in memory while it hears of their changes (default 10000; 0: none)", isSecret: false),
    ]

    /// Reads the configuration for a command. Collects every problem before failing, so that
    /// one start tells the operator everything that needs fixing.
    public static func load(environment: [String: String], command: String) throws -> AppConfig {
        var problems: [String] = []
        func value(_ name: String) -> String? {
            environment[name].flatMap { $0.isEmpty ? nil : $0 }
        }
        func integer(_ name: String, default fallback: Int, range: ClosedRange<Int>) -> Int {
            guard let raw = value(name) else { return fallback }
            guard let number = Int(raw), range.contains(number) else {
                problems.append("\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound).")
                return fallback
            }
            return number
        }

        let dataDirectory = value("KANSSA_DATA_DIR") ?? "./data"
        var database = DatabaseLocation.sqliteFile(path: dataDirectory + "/kanssa.sqlite")
        if let url = value("DATABASE_URL") {
            if let components = URLComponents(string: url),
                ["postgres", "postgresql"].contains(components.scheme?.lowercased() ?? ""),
                components.host?.isEmpty == false
            {
                database = .postgres(url: url, schema: nil)
            } else {
                problems.append("DATABASE_URL is not a postgres:// address (unset it to use the embedded SQLite file).")
            }
        }

        var logLevel = Logger.Level.info
        if let raw = value("LOG_LEVEL") {
            if let level = Logger.Level(rawValue: raw.lowercased()) { logLevel = level }
            else { problems.append("LOG_LEVEL must be one of trace, debug, info, notice, warning, error, critical.") }
        }

        var publicURL: URL?
        if let raw = value("KANSSA_PUBLIC_URL") {
            if let url = URL(string: raw), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil {
                publicURL = url
            } else {
                problems.append("KANSSA_PUBLIC_URL must be an http:// or https:// address.")
            }
        }

        var timeZone = TimeZone(identifier: "Europe/Helsinki")!
        if let raw = value("KANSSA_TIME_ZONE") {
            if let zone = TimeZone(identifier: raw) { timeZone = zone }
            else { problems.append("KANSSA_TIME_ZONE is not a known time zone (e.g. Europe/Amsterdam).") }
        }

        let secret = value("KANSSA_SECRET") ?? ""
        if !secret.isEmpty, secret.count < 32 {
            problems.append("KANSSA_SECRET must be at least 32 characters long.")
        } else if secret.isEmpty, command == "serve" {
            problems.append("KANSSA_SECRET is required to serve (at least 32 random characters, e.g. from `openssl rand -base64 48`).")
        }

        var trustedProxies: Set<String> = []
        for entry in (value("KANSSA_TRUSTED_PROXIES") ?? "").split(separator: ",") {
            let address = entry.trimmingCharacters(in: .whitespaces)
            if address == ClientAddress.unixSocket || ClientAddress.isAddress(address) {
                trustedProxies.insert(address)
            } else {
                problems.append("KANSSA_TRUSTED_PROXIES must list IP addresses separated by commas (\"\(address)\" is not one).")
            }
        }

        var config = AppConfig(
            database: database,
            dataDirectory: dataDirectory,
            hostname: value("KANSSA_HOSTNAME") ?? "127.0.0.1",
            port: integer("KANSSA_PORT", default: 8080, range: 1...65535),
            logLevel: logLevel,
            secret: secret,
            publicURL: publicURL,
            timeZone: timeZone,
            sessionIdleTimeout: TimeInterval(integer("KANSSA_SESSION_IDLE_MINUTES", default: 60, range: 5...1440) * 60),
            sessionMaximumAge: TimeInterval(integer("KANSSA_SESSION_MAX_HOURS", default: 12, range: 1...168) * 3600),
            passwordCost: 12,
            retentionInterval: { minutes in minutes == 0 ? nil : TimeInterval(minutes * 60) }(
                integer("KANSSA_RETENTION_MINUTES", default: 60, range: 0...10080)),
            plansKept: integer("KANSSA_PLANS_KEPT", default: AppConfig.defaultPlansKept, range: 0...1_000_000),
            sessionsKept: integer("KANSSA_SESSIONS_KEPT", default: AppConfig.defaultSessionsKept, range: 0...1_000_000)
        )
        config.trustedProxies = trustedProxies
        config.clientTimeout = TimeInterval(integer("KANSSA_CLIENT_TIMEOUT_SECONDS", default: Int(AppConfig.defaultClientTimeout), range: 1...3600))
        guard problems.isEmpty else {
            throw ConfigurationError(problems: problems, environment: environment)
        }
        return config
    }
}

/// What is wrong with the configuration, written for the operator who has to fix it.
public struct ConfigurationError: Error, CustomStringConvertible {
    public let problems: [String]
    let environment: [String: String]

    public var description: String {
        var lines = ["Kanssa cannot start. Fix these settings:"]
        lines += problems.map { "  - \($0)" }
        lines.append("Settings Kanssa reads (values of secrets are not shown):")
        for setting in AppConfig.settings {
            let isSet = environment[setting.name].map { !$0.isEmpty } ?? false
            lines.append("  \(setting.name): \(isSet ? "set" : "not set")")
        }
        return lines.joined(separator: "\n")
    }
}
