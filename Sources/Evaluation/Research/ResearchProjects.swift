import Fluent
import Foundation
import KanssaCore
import SQLKit

/// Research projects: an admin admits a researcher to one; the researcher asks for an export of
/// some of its tables; a coordinator or admin who did not ask releases or refuses it; the
/// researcher downloads its tables for seven days after.
public enum ResearchProjects {
    public static let longestName = 200
    public static let longestPurpose = 2000
    /// How long a released export may be downloaded.
    public static let downloadDays = 7

    // MARK: Admitting

    public struct Draft: Sendable, Equatable {
        public var name = ""
        public var purpose = ""
        public var researcher = ""
        public var fields: [String] = []
        public var periodStart = ""
        public var periodEnd = ""
        public var endsOn = ""
        public var exactDates = false

        public init() {}
    }

    public enum Problem: String, Sendable, Equatable, CaseIterable {
        case name, purpose, researcher, fields
        case periodStart = "period-start"
        case periodEnd = "period-end"
        case endsOn = "ends-on"
    }

    public struct Checked: Sendable, Equatable {
        public let name: String
        public let purpose: String
        public let researcherID: UUID
        public let fields: [ResearchField]
        public let periodStart: String
        public let periodEnd: String
        public let endsOn: String
        public let exactDates: Bool
    }

    /// Someone to choose, by name: as the barrier register offers its owners.
    public typealias Person = Barriers.Person

    /// The organisation's researchers whose accounts are not disabled, by name. Two queries.
    public static func researchers(of organisationID: UUID, on database: any Database) async throws -> [Person] {
        let ids = try await Membership.query(on: database).filter(\.$organisation.$id == organisationID).filter(\.$role == .researcher)
            .all(\.$account.$id)
        guard !ids.isEmpty else { return [] }
        // A disabled account can no longer sign in to use what it would be admitted to.
        return try await Account.query(on: database).filter(\.$id ~~ ids).filter(\.$disabledAt == nil).all()
            .compactMap { account in account.id.map { Person(id: $0, name: account.displayName) } }
            .sorted { ($0.name, $0.id.uuidString) < ($1.name, $1.id.uuidString) }
    }

    /// A name and purpose, one of the organisation's researchers, at least one table, a period
    /// that ends on or after it starts, and an end date not yet past.
    public static func check(_ draft: Draft, researchers: [Person], timeZone: TimeZone, now: Date) -> Result<Checked, ProblemList<Problem>> {
        var problems: [Problem] = []
        let name = TypedText.clean(draft.name, maxLength: longestName)
        if name == nil { problems.append(.name) }
        let purpose = TypedText.clean(draft.purpose, maxLength: longestPurpose, multiline: true)
        if purpose == nil { problems.append(.purpose) }
        let researcher = UUID(uuidString: draft.researcher).flatMap { id in researchers.contains { $0.id == id } ? id : nil }
        if researcher == nil { problems.append(.researcher) }
        let fields = draft.fields.compactMap(ResearchField.init(rawValue:))
        if fields.isEmpty || fields.count != draft.fields.count { problems.append(.fields) }
        let start = Days.startOfDay(draft.periodStart, in: timeZone)
        if start == nil { problems.append(.periodStart) }
        let end = Days.startOfDay(draft.periodEnd, in: timeZone)
        if end == nil || (start != nil && end! < start!) { problems.append(.periodEnd) }
        let endsOn = Days.endOfDay(draft.endsOn, in: timeZone)
        if endsOn == nil || endsOn! < now { problems.append(.endsOn) }
        guard problems.isEmpty, let name, let purpose, let researcher else { return .failure(ProblemList(problems)) }
        return .success(Checked(name: name, purpose: purpose, researcherID: researcher, fields: fields, periodStart: draft.periodStart,
                                periodEnd: draft.periodEnd, endsOn: draft.endsOn, exactDates: draft.exactDates))
    }

    /// Admits the researcher: the project gets a salt of its own. Its id.
    public static func admit(_ checked: Checked, in organisationID: UUID, by accountID: UUID, at now: Date, on database: any Database) async throws -> UUID {
        let project = ResearchProject()
        project.organisationID = organisationID
        project.researcherID = checked.researcherID
        project.name = checked.name
        project.purpose = checked.purpose
        project.fields = ResearchField.stored(checked.fields)
        project.periodStart = checked.periodStart
        project.periodEnd = checked.periodEnd
        project.endsOn = checked.endsOn
        project.exactDates = checked.exactDates
        project.salt = Pseudonymiser.salt()
        project.createdByID = accountID
        project.createdAt = now
        try await project.create(on: database)
        return try project.requireID()
    }

    /// An export refused because its project ended before anyone released it.
    public struct Withdrawn: Decodable, Sendable, Equatable {
        public let id: UUID
        public let requestedByID: UUID

        enum CodingKeys: String, CodingKey {
            case id, requestedByID = "requested_by_id"
        }
    }

    /// Ends a project now, before its end date: nothing more is asked for or downloaded in it,
    /// and the exports still waiting for a second person are refused by whoever ended it. What
    /// was downloaded before stays with the researcher. The exports refused; nil when it had
    /// ended already. Run it in a transaction.
    public static func end(_ project: ResearchProject, by accountID: UUID, timeZone: TimeZone, at now: Date, on database: any Database)
        async throws -> [Withdrawn]?
    {
        guard !hasEnded(project, timeZone: timeZone, now: now) else { return nil }
        guard let sql = database as? any SQLDatabase else { throw FrequentQueryError.unsupportedDatabase }
        let projectID = try project.requireID()
        // Only the one that finds it still running ends it: a second click changes nothing.
        let ended = try await sql.update(ResearchProject.schema).set("ended_at", to: now).set("ended_by_id", to: accountID)
            .where("id", .equal, projectID).where("ended_at", .is, SQLLiteral.null).returning("id").all()
        guard !ended.isEmpty else { return nil }
        return try await sql.update(ResearchExport.schema).set("status", to: ResearchExportStatus.refused.rawValue)
            .set("decided_by_id", to: accountID).set("decided_at", to: now)
            .where("project_id", .equal, projectID).where("status", .equal, ResearchExportStatus.requested.rawValue)
            .returning("id", "requested_by_id").all(decoding: Withdrawn.self)
    }

    /// Whether the project was ended early or its end date has passed.
    public static func hasEnded(_ project: ResearchProject, timeZone: TimeZone, now: Date) -> Bool {
        project.endedAt.map { $0 <= now } ?? false || (Days.endOfDay(project.endsOn, in: timeZone) ?? .distantPast) < now
    }

    // MARK: Finding

    public static func project(_ id: UUID, on database: any Database) async throws -> ResearchProject? {
        try await ResearchProject.find(id, on: database)
    }

    /// An export and its project, within the organisation when one is given; nil otherwise.
    public static func export(_ id: UUID, of organisationID: UUID? = nil, on database: any Database) async throws
        -> (export: ResearchExport, project: ResearchProject)?
    {
        var query = ResearchExport.query(on: database).filter(\.$id == id)
        if let organisationID { query = query.filter(\.$organisationID == organisationID) }
        guard let export = try await query.first(), let project = try await ResearchProject.find(export.projectID, on: database) else { return nil }
        return (export, project)
    }

    // MARK: Asking, deciding

    public enum RequestProblem: Error, Sendable, Equatable {
        case noneChosen
        /// A table the project was not approved for.
        case notApproved
    }

    /// Asks for an export of some of the project's approved tables. Its id.
    public static func request(
        _ fields: [String], in project: ResearchProject, by accountID: UUID, at now: Date, on database: any Database
    ) async throws -> Result<UUID, RequestProblem> {
        guard !fields.isEmpty else { return .failure(.noneChosen) }
        let chosen = fields.compactMap(ResearchField.init(rawValue:))
        guard chosen.count == fields.count, Set(chosen).isSubset(of: project.approved) else { return .failure(.notApproved) }
        let export = ResearchExport()
        export.projectID = try project.requireID()
        export.organisationID = project.organisationID
        export.fields = ResearchField.stored(chosen)
        export.requestedByID = accountID
        export.requestedAt = now
        export.status = .requested
        try await export.create(on: database)
        return .success(try export.requireID())
    }

    /// Releases or refuses an export still waiting. False when someone decided it already.
    public static func decide(_ export: ResearchExport, release: Bool, by accountID: UUID, at now: Date, on database: any Database) async throws -> Bool {
        let id = try export.requireID()
        let status: ResearchExportStatus = release ? .released : .refused
        guard export.status == .requested else { return false }
        // Decided in the database, so that of two people deciding at once only one does.
        try await ResearchExport.query(on: database).filter(\.$id == id).filter(\.$status == .requested)
            .set(\.$status, to: status).set(\.$decidedByID, to: accountID).set(\.$decidedAt, to: now).update()
        let stored = try await ResearchExport.find(id, on: database)
        return stored?.decidedByID == accountID && stored?.status == status
    }

    /// Whether the download window of a released export has closed.
    public static func hasExpired(_ export: ResearchExport, now: Date) -> Bool {
        guard let decided = export.decidedAt else { return true }
        return now >= decided.addingTimeInterval(Double(downloadDays) * 86_400)
    }

    // MARK: Tables

    /// One table of an export as a researcher receives it, made now from what the module holds.
    /// Names (of tools, say) are in the organisation's language, whoever downloads it.
    public static func release(
        _ field: ResearchField, of project: ResearchProject, secret: Secret, timeZone: TimeZone, on database: any Database
    ) async throws -> ResearchRelease {
        let language = try await Organisation.find(project.organisationID, on: database)?.defaultLanguage ?? "en"
        let from = Days.startOfDay(project.periodStart, in: timeZone) ?? .distantFuture
        // The end day is included: everything before its last second.
        let until = Days.endOfDay(project.periodEnd, in: timeZone)?.addingTimeInterval(1) ?? .distantPast
        let table = try await field.table(of: project.organisationID, from: from, until: until, language: language, on: database)
        return ResearchRelease.release(table, pseudonyms: Pseudonymiser(secret: secret, salt: project.salt), exactDates: project.exactDates,
                                       timeZone: timeZone)
    }
}

// MARK: Lists

extension ResearchProjects {
    public struct ExportLine: Sendable, Equatable {
        public let id: UUID
        public let organisationID: UUID
        public let tables: [ResearchField]
        public let status: ResearchExportStatus
        public let requestedByID: UUID
        public let requestedBy: String
        public let requestedAt: Date
        public let decidedBy: String?
        public let decidedAt: Date?
        /// The last moment a released export may be downloaded.
        public let downloadUntil: Date?
        public let expired: Bool
    }

    public struct Ending: Sendable, Equatable {
        public let at: Date
        public let by: String
    }

    public struct ProjectLine: Sendable, Equatable {
        public let id: UUID
        public let organisationID: UUID
        public let organisationName: String
        public let name: String
        public let purpose: String
        public let researcher: String
        public let tables: [ResearchField]
        public let periodStart: String
        public let periodEnd: String
        public let endsOn: String
        public let exactDates: Bool
        public let ended: Bool
        /// When an admin ended it before its end date, and who.
        public let endedEarly: Ending?
        /// Newest first.
        public let exports: [ExportLine]
    }

    /// An organisation's projects, newest first, each with its exports. Four queries.
    public static func projects(of organisationID: UUID, timeZone: TimeZone, now: Date, on database: any Database) async throws -> [ProjectLine] {
        let projects = try await ResearchProject.query(on: database).filter(\.$organisationID == organisationID)
            .sort(\.$createdAt, .descending).sort(\.$id).all()
        return try await lines(projects, timeZone: timeZone, now: now, on: database)
    }

    /// The projects a researcher was admitted to, in any organisation, newest first. Four queries.
    public static func projects(ofResearcher accountID: UUID, timeZone: TimeZone, now: Date, on database: any Database) async throws -> [ProjectLine] {
        let projects = try await ResearchProject.query(on: database).filter(\.$researcherID == accountID)
            .sort(\.$createdAt, .descending).sort(\.$id).all()
        return try await lines(projects, timeZone: timeZone, now: now, on: database)
    }

    /// One project with its exports. Three queries.
    public static func line(of project: ResearchProject, timeZone: TimeZone, now: Date, on database: any Database) async throws -> ProjectLine? {
        try await lines([project], timeZone: timeZone, now: now, on: database).first
    }

    static func lines(_ projects: [ResearchProject], timeZone: TimeZone, now: Date, on database: any Database) async throws -> [ProjectLine] {
        guard !projects.isEmpty else { return [] }
        let exports = try await ResearchExport.query(on: database).filter(\.$projectID ~~ projects.compactMap(\.id))
            .sort(\.$requestedAt, .descending).sort(\.$id).all()
        let names = try await Account.displayNames(
            of: projects.map(\.researcherID) + projects.compactMap(\.endedByID) + exports.map(\.requestedByID) + exports.compactMap(\.decidedByID),
            on: database)
        let organisations = try await Organisation.query(on: database).filter(\.$id ~~ Set(projects.map(\.organisationID))).all()
            .reduce(into: [UUID: String]()) { $0[$1.id!] = $1.name }
        return projects.map { project in
            ProjectLine(
                id: project.id!, organisationID: project.organisationID, organisationName: organisations[project.organisationID] ?? "",
                name: project.name, purpose: project.purpose, researcher: names[project.researcherID] ?? "", tables: project.approved,
                periodStart: project.periodStart, periodEnd: project.periodEnd, endsOn: project.endsOn, exactDates: project.exactDates,
                ended: hasEnded(project, timeZone: timeZone, now: now),
                endedEarly: project.endedAt.map { Ending(at: $0, by: project.endedByID.map { names[$0] ?? "" } ?? "") },
                exports: exports.filter { $0.projectID == project.id }.map { line($0, names: names, now: now) })
        }
    }

    static func line(_ export: ResearchExport, names: [UUID: String], now: Date) -> ExportLine {
        ExportLine(
            id: export.id!, organisationID: export.organisationID, tables: export.tables, status: export.status,
            requestedByID: export.requestedByID, requestedBy: names[export.requestedByID] ?? "", requestedAt: export.requestedAt,
            decidedBy: export.decidedByID.map { names[$0] ?? "" }, decidedAt: export.decidedAt,
            downloadUntil: export.status == .released ? export.decidedAt?.addingTimeInterval(Double(downloadDays) * 86_400) : nil,
            expired: export.status == .released && hasExpired(export, now: now))
    }

    /// What an export would hand over, table by table: its columns and how many rows, people and
    /// held-back cells — never a row.
    public struct TableSummary: Sendable, Equatable {
        public let field: ResearchField
        public let columns: [String]
        public let rows: Int
        public let people: Int
        public let heldBack: Int
    }

    public static func summary(
        of export: ResearchExport, in project: ResearchProject, secret: Secret, timeZone: TimeZone, on database: any Database
    ) async throws -> [TableSummary] {
        var summaries: [TableSummary] = []
        for field in export.tables {
            let release = try await release(field, of: project, secret: secret, timeZone: timeZone, on: database)
            summaries.append(TableSummary(field: field, columns: release.columns, rows: release.rows.count, people: release.people,
                                          heldBack: release.heldBackCells))
        }
        return summaries
    }
}
