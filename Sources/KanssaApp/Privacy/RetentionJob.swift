import Agenda
import Encountering
import Fluent
import KanssaCore
import Vapor

/// Carries out erasures as far and as soon as the organisations' retention rules allow: closes
/// the account at the first run, asks every module to erase what it may, and removes the account
/// once nothing is kept. Runs on a schedule in every server and as `kanssa retention`; a run
/// repeated, or run by two servers at once, erases nothing twice.
enum RetentionJob {
    /// Every module that holds personal data, the access trace last: erasing writes no trace.
    static let holders: [any PersonalDataHolder] = [AgendaErasure(), EncounteringErasure(), AccessTraceErasure()]

    struct Report: Sendable, Equatable {
        var requests = 0
        var completed = 0
        var erased: [String: Int] = [:]
        var failed = 0
    }

    static func run(now: Date, timeZone: TimeZone, on database: any Database, logger: Logger) async -> Report {
        var report = Report()
        let requests: [DataRequest]
        do {
            requests = try await DataRequest.query(on: database)
                .filter(\.$kind == .erasure).filter(\.$state == .active).sort(\.$requestedAt).all()
        } catch {
            logger.error("retention: could not read the erasure requests", metadata: ["error": "\(String(reflecting: error))"])
            report.failed += 1
            return report
        }
        for request in requests {
            report.requests += 1
            do {
                let result = try await database.transaction { database in
                    try await carryOut(request, now: now, timeZone: timeZone, on: database)
                }
                report.erased.merge(result.erased, uniquingKeysWith: +)
                if result.keptUntil == nil { report.completed += 1 }
            } catch {
                // The transaction rolled back; the next run tries again.
                report.failed += 1
                logger.error("retention: an erasure failed", metadata: [
                    "request": "\(request.id?.uuidString ?? "?")", "error": "\(String(reflecting: error))",
                ])
            }
        }
        return report
    }

    /// One erasure request, one step further.
    static func carryOut(_ request: DataRequest, now: Date, timeZone: TimeZone, on database: any Database) async throws -> ErasureResult {
        let scope = try await ErasureScope.load(request, now: now, timeZone: timeZone, on: database)
        if request.accountClosedAt == nil {
            try await AccountErasure.close(request, now: now, on: database)
        }
        var result = ErasureResult()
        for holder in holders {
            result = result.merging(try await holder.erase(scope, on: database))
        }
        if result.keptUntil == nil {
            try await AccountErasure.remove(request, sharedWorkRemains: result.sharedWorkRemains, now: now, on: database)
        }
        let counts = result.erased.filter { $0.value > 0 }.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
        if !counts.isEmpty || result.keptUntil == nil {
            // Counts only: the person is not named in the log any more.
            try await AuditLog.record(AuditRecord(
                actorID: nil, event: .personalDataErased,
                target: "erasure:\(try request.requireID()):" + (counts.isEmpty ? "nothing left" : counts.joined(separator: ", ")),
                purpose: Purpose.dataProtection.rawValue, requestID: "retention-job"
            ), at: now, on: database)
        }
        return result
    }
}
