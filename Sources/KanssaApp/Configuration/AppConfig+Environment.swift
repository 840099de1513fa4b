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
        Setting(name: "KANSSA_SMTP_HOST", meaning: "the mail relay for the daily e-mail of notices; unset: no e-mail is sent (`demo` keeps mail on its /outbox page)", isSecret: false),
        Setting(name: "KANSSA_SMTP_PORT", meaning: "the relay's port (default 587)", isSecret: false),
        Setting(name: "KANSSA_SMTP_STARTTLS", meaning: "\"required\" (default): nothing is sent unless the relay offers STARTTLS; \"off\": plain, only for a relay that asks for no password", isSecret: false),
        Setting(name: "KANSSA_SMTP_USER", meaning: "user name at the relay, if it asks for one", isSecret: false),
        Setting(name: "KANSSA_SMTP_PASSWORD", meaning: "password at the relay", isSecret: true),
        Setting(name: "KANSSA_SMTP_FROM", meaning: "the sender's address, e.g. kanssa@city.example; required with KANSSA_SMTP_HOST", isSecret: false),
        Setting(name: "KANSSA_SMTP_CA_FILE", meaning: "a PEM file of certificates to trust for the relay instead of the system's", isSecret: false),
        Setting(name: "KANSSA_DIGEST_MINUTES", meaning: "look for people due their daily e-mail every this many minutes (default 15; `demo` 1; 0: never)", isSecret: false),
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
        config.mail = command == "demo" ? .outbox : mailDelivery(value, publicURL: publicURL, problems: &problems)
        let digestMinutes = integer("KANSSA_DIGEST_MINUTES", default: command == "demo" ? 1 : 15, range: 0...1440)
        config.digestInterval = digestMinutes == 0 ? nil : TimeInterval(digestMinutes * 60)
        config.clientTimeout = TimeInterval(integer("KANSSA_CLIENT_TIMEOUT_SECONDS", default: Int(AppConfig.defaultClientTimeout), range: 1...3600))
        guard problems.isEmpty else {
            throw ConfigurationError(problems: problems, environment: environment)
        }
        return config
    }
}

extension AppConfig {
    /// The relay, if one is set, with everything it needs; credentials only over STARTTLS.
    static func mailDelivery(_ value: (String) -> String?, publicURL: URL?, problems: inout [String]) -> MailDelivery {
        guard let host = value("KANSSA_SMTP_HOST") else {
            for name in ["KANSSA_SMTP_USER", "KANSSA_SMTP_PASSWORD", "KANSSA_SMTP_FROM"] where value(name) != nil {
                problems.append("\(name) is set but KANSSA_SMTP_HOST is not: set the relay too, or unset \(name).")
            }
            return .none
        }
        var port = 587
        if let raw = value("KANSSA_SMTP_PORT") {
            if let number = Int(raw), (1...65535).contains(number) { port = number }
            else { problems.append("KANSSA_SMTP_PORT must be a whole number from 1 to 65535.") }
        }
        var startTLS = true
        switch value("KANSSA_SMTP_STARTTLS")?.lowercased() {
        case nil, "required": break
        case "off": startTLS = false
        default: problems.append("KANSSA_SMTP_STARTTLS must be \"required\" or \"off\".")
        }
        let user = value("KANSSA_SMTP_USER")
        let password = value("KANSSA_SMTP_PASSWORD")
        if (user == nil) != (password == nil) {
            problems.append("KANSSA_SMTP_USER and KANSSA_SMTP_PASSWORD go together: set both, or neither.")
        }
        if user != nil, !startTLS {
            problems.append("A password is never sent to the relay in the clear: with KANSSA_SMTP_USER, KANSSA_SMTP_STARTTLS must be \"required\".")
        }
        let from = value("KANSSA_SMTP_FROM")
        if from.flatMap(NoticeSettings.address) == nil {
            problems.append("KANSSA_SMTP_FROM must be the sender's e-mail address, e.g. kanssa@city.example.")
        }
        if publicURL == nil {
            problems.append("KANSSA_PUBLIC_URL is needed with KANSSA_SMTP_HOST: the e-mails link to it.")
        }
        let certificates = value("KANSSA_SMTP_CA_FILE")
        if let certificates, !FileManager.default.isReadableFile(atPath: certificates) {
            problems.append("KANSSA_SMTP_CA_FILE names no file Kanssa can read.")
        }
        return .relay(MailSettings(host: host, port: port, startTLS: startTLS, user: user, password: password, from: from ?? "",
                                   trustedCertificates: certificates))
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
