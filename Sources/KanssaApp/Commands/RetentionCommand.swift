import KanssaCore
import Vapor

/// `kanssa retention`: one run of the retention job now, for a scheduler outside Kanssa (cron, a
/// systemd timer) or an operator; prints what it did.
struct RetentionCommand: AsyncCommand {
    struct Signature: CommandSignature {
        init() {}
    }

    var help: String { "Carries out erasure requests as far as the organisations' retention rules allow, once." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let report = await RetentionJob.run(
            now: app.platform.dependencies.now(), timeZone: app.platform.config.timeZone, on: app.db, logger: app.logger)
        let erased = report.erased.filter { $0.value > 0 }.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
        if report.unused > 0 {
            context.console.print("Accounts unused for longer than their organisations' rule, asked to be erased: \(report.unused).")
        }
        context.console.print("Erasure requests in progress: \(report.requests); carried out to the end: \(report.completed).")
        context.console.print(erased.isEmpty ? "Nothing erased in this run." : "Erased — " + erased.joined(separator: ", ") + ".")
        if report.failed > 0 {
            context.console.print("\(report.failed) failed; see the log. The next run tries again.")
            throw RetentionFailed()
        }
    }

    struct RetentionFailed: Error, CustomStringConvertible {
        var description: String { "Some erasures failed." }
    }
}
