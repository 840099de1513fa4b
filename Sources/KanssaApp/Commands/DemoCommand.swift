import Fluent
import KanssaCore
import Vapor

/// `kanssa demo`: the embedded database, migrated, with demo data loaded once, served locally.
struct DemoCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "hostname", short: "H", help: "Address to listen on (default 127.0.0.1).")
        var hostname: String?

        @Option(name: "port", short: "p", help: "Port to listen on (default 8080).")
        var port: Int?

        init() {}
    }

    var help: String { "Runs Kanssa with its embedded database and demo data." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        let created = try await DemoData.load(on: app.db, platform: app.platform)
        let hostname = signature.hostname ?? app.platform.config.hostname
        let port = signature.port ?? app.platform.config.port
        // The links in the mail the demo keeps point where it really serves.
        app.platform.config.hostname = hostname
        app.platform.config.port = port

        context.console.print(created ? "Demo data loaded." : "Demo data was already there; nothing added.")
        context.console.print("Kanssa is running at http://\(hostname):\(port)/")
        context.console.print("Sign in as any of these, with the password \(DemoData.password):")
        for person in DemoData.people {
            context.console.print("  \(person.login.padding(toLength: 34, withPad: " ", startingAt: 0)) \(person.summary)")
        }
        context.console.print("Stop with Ctrl-C.")

        var serve = CommandContext(
            console: context.console,
            input: CommandInput(arguments: ["kanssa serve", "--hostname", hostname, "--port", String(port)]))
        serve.application = app
        try await app.servers.asyncCommand.run(using: &serve)
    }
}
