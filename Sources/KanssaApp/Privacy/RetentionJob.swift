import Agenda
import Encountering
import Listening
import Evaluation
import Fluent
import KanssaCore
import Vapor

/// Carries out erasures as far and as soon as the organisations' retention rules allow: asks for
/// the erasure of citizens' accounts that nobody has used for longer than their organisations'
/// rule, closes the account at the first run, asks every module to erase what it may, and removes
/// the account once nothing is kept. Runs on a schedule in every server and as `kanssa
/// retention`; a run repeated, or run by two servers at once, erases nothing twice.
enum RetentionJob {
    /// Every module that holds personal data, the access trace last: erasing writes no trace.
    /// Evaluation first: a citizen's word after meetings hangs on their plan, which Agenda may remove.
    static let holders: [any PersonalDataHolder] = [EvaluationErasure(), AgendaErasure(), EncounteringErasure(), ListeningErasure(), AccessTraceErasure()]
    /// Every module whose data others change for a person: such an account is in use.
    static let activity: [any ActivityHolder] = [AgendaActivity()]

    struct Report: Sendable, Equatable {
        /// Erasures asked for by the rule on unused accounts in this run.
        var unused = 0
        var requests = 0
        var completed = 0
        var erased: [String: Int] = [:]
        var failed = 0
    }

    static func run(now: Date, timeZone: TimeZone, on database: any Database, logger: Logger) async -> Report {
        var report = Report()
        do {
            report.unused = try await requestErasureOfUnused(now: now, timeZone: timeZone, on: database)
        } catch {
            // The requests made before the failure stand; the next run looks again.
            logger.error("retention: could not look for unused accounts", metadata: ["error": "\(String(reflecting: error))"])
            report.failed += 1
        }
        do {
            try await Notices.forgetOld(now: now, on: database)
        } catch {
            logger.error("retention: could not let old notices go", metadata: ["error": "\(String(reflecting: error))"])
            report.failed += 1
        }
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

    /// Asks for the erasure of every citizen's account that nobody has used — no session of theirs
    /// and no change to their data — for longer than their organisations' rule: the request is
    /// then carried out like one the person made, under the same rules. Returns how many.
    static func requestErasureOfUnused(now: Date, timeZone: TimeZone, on database: any Database) async throws -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let candidates = try await UnusedAccounts.candidates(now: now, calendar: calendar, on: database)
        var requested = 0
        for (since, group) in Dictionary(grouping: candidates, by: \.unusedSince) {
            var inUse: Set<UUID> = []
            for holder in activity {
                inUse.formUnion(try await holder.changed(group.map(\.accountID), since: since, on: database))
            }
            for candidate in group where !inUse.contains(candidate.accountID) {
                let made = try await database.transaction { database -> Bool in
                    // Another server's run, or the person, may have asked since the candidates were read.
                    let active = try await DataRequests.active(of: candidate.accountID, on: database)
                    guard !active.contains(where: { $0.kind == .erasure }) else { return false }
                    let request = try await DataRequests.make(.erasure, for: candidate.accountID, at: now, on: database)
                    try await AuditLog.record(AuditRecord(
                        actorID: nil, subjectID: candidate.accountID, event: .dataRequestMade,
                        target: "erasure:\(try request.requireID()):unused-since:\(ISO8601DateFormatter().string(from: since))",
                        purpose: Purpose.dataProtection.rawValue, requestID: "retention-job"
                    ), at: now, on: database)
                    return true
                }
                if made { requested += 1 }
            }
        }
        return requested
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
