import Fluent
import Foundation
import KanssaCore

/// An organisation's retention rules: for each kind of record, how many months it is kept after a
/// person asks for erasure, and why.
enum Retention {
    struct Line: Equatable {
        let kind: RecordKind
        var months: String
        var reason: String
        var updatedAt: Date?
    }

    struct Model: Equatable {
        let organisationID: UUID
        let organisationName: String
        var lines: [Line]
        var errors: [FieldError] = []
        var notice: Notice?
    }

    static func load(organisation: Organisation, on database: any Database) async throws -> Model {
        let rules = try await RetentionRule.query(on: database).filter(\.$organisation.$id == organisation.requireID()).all()
        return Model(
            organisationID: try organisation.requireID(), organisationName: organisation.name,
            lines: RecordKind.allCases.map { kind in
                let rule = rules.first { $0.recordKind == kind }
                return Line(kind: kind, months: String(rule?.keepMonths ?? 0), reason: rule?.reason ?? "", updatedAt: rule?.updatedAt)
            })
    }

    /// A checked rule: months within bounds, and a reason whenever anything is kept.
    struct Checked: Equatable {
        let kind: RecordKind
        let months: Int
        let reason: String
    }

    enum Problem: Sendable, Equatable {
        case months(RecordKind), reason(RecordKind)
    }

    static func check(_ lines: [Line]) -> Result<[Checked], ProblemList<Problem>> {
        var checked: [Checked] = []
        var problems: [Problem] = []
        for line in lines {
            let months = Int(line.months.trimmingCharacters(in: .whitespaces))
            let reason = TypedText.clean(line.reason, maxLength: 300)
            guard let months, (0...RetentionRule.longestMonths).contains(months) else {
                problems.append(.months(line.kind))
                continue
            }
            if months > 0, reason == nil {
                problems.append(.reason(line.kind))
                continue
            }
            checked.append(Checked(kind: line.kind, months: months, reason: months > 0 ? reason ?? "" : ""))
        }
        return problems.isEmpty ? .success(checked) : .failure(ProblemList(problems))
    }

    /// Saves the rules: a rule of 0 months is no rule (erased at once).
    static func save(
        _ rules: [Checked], organisationID: UUID, by accountID: UUID, at now: Date, on database: any Database
    ) async throws {
        let existing = try await RetentionRule.query(on: database).filter(\.$organisation.$id == organisationID).all()
        for rule in rules {
            let current = existing.first { $0.recordKind == rule.kind }
            switch (current, rule.months) {
            case (let current?, 0):
                try await current.delete(on: database)
            case (let current?, _):
                guard current.keepMonths != rule.months || current.reason != rule.reason else { continue }
                current.keepMonths = rule.months
                current.reason = rule.reason
                current.updatedByID = accountID
                current.updatedAt = now
                try await current.update(on: database)
            case (nil, 0):
                continue
            case (nil, _):
                try await RetentionRule(organisationID: organisationID, recordKind: rule.kind, keepMonths: rule.months,
                                        reason: rule.reason, updatedByID: accountID, updatedAt: now).create(on: database)
            }
        }
    }
}
