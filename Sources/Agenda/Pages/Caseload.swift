import Fluent
import Foundation
import KanssaCore
@preconcurrency import Plot
import SQLKit

/// A professional's list of the people who authorised them or one of their teams: searched,
/// paginated and counted in the database; for each person the next action, the overdue ones and
/// the last check-in — each only where the person shared that section.
public enum Caseload {
    /// The next open action due today or later.
    public struct NextAction: Sendable, Equatable {
        public let text: String
        public let dueOn: String

        public init(text: String, dueOn: String) {
            self.text = text
            self.dueOn = dueOn
        }
    }

    public struct Line: Sendable, Equatable {
        public let planID: UUID
        public let ownerID: UUID
        public let ownerName: String
        public let until: Date
        /// Nil when there is none, or the actions are not shared.
        public var nextAction: NextAction?
        /// Open actions past their day; nil when the actions are not shared.
        public var overdue: Int?
        /// When the person last rated their life areas; nil when never, or not shared.
        public var lastCheckIn: Date?
        public var sharesActions = false
        public var sharesCheckIns = false

        public init(planID: UUID, ownerID: UUID, ownerName: String, until: Date) {
            self.planID = planID
            self.ownerID = ownerID
            self.ownerName = ownerName
            self.until = until
        }
    }

    /// How the list is sorted: by name, or those with the most overdue things to do first (only
    /// actions shared with the professional count, so the order tells nothing that is not shared).
    public enum Order: String, Sendable, CaseIterable {
        case name
        case overdue
    }

    public struct Model: Sendable, Equatable {
        public let lines: Paged<Line>
        public let search: String
        public let order: Order

        public init(lines: Paged<Line>, search: String, order: Order = .name) {
            self.lines = lines
            self.search = search
            self.order = order
        }
    }

    /// The authorisations `pa` in force for this person: to them, or to one of their teams, of
    /// plans whose owners have not restricted processing.
    static func inForce(_ principal: Principal, now: Date) -> SQLQueryString {
        "\(granted(principal, now: now)) AND \(PlanSharing.unrestricted)"
    }

    /// The authorisations `pa` to this person or one of their teams, not revoked, not run out —
    /// whether or not the plan's owner restricted processing.
    static func granted(_ principal: Principal, now: Date) -> SQLQueryString {
        var teams: SQLQueryString = "pa.grantee_account_id = \(bind: principal.accountID)"
        if !principal.teamIDs.isEmpty {
            teams = "(\(teams) OR pa.grantee_team_id IN (\(binds: Array(principal.teamIDs))))"
        }
        return "pa.revoked_at IS NULL AND pa.expires_at > \(bind: now) AND \(teams)"
    }

    /// Every plan in this person's caseload, once, with its owner, the owner's name and search
    /// key, and when the last of its authorisations to them runs out. The owner and the names are
    /// looked up per plan, by key, in subqueries no planner turns into joins: as joins,
    /// PostgreSQL read all plans and hashed them to find a team's 800 (41 ms, against 9-17 ms at
    /// 100,000 citizens), so the page grew with the whole database instead of with the caseload.
    static func caseload(_ principal: Principal, now: Date) -> SQLQueryString {
        """
        SELECT x.plan_id, x.owner_id, x.until, x.since,
            (SELECT a.display_name FROM accounts a WHERE a.id = x.owner_id) AS display_name,
            (SELECT a.search_name FROM accounts a WHERE a.id = x.owner_id) AS search_name
        FROM (
            SELECT pa.plan_id, (SELECT p.owner_id FROM plans p WHERE p.id = pa.plan_id) AS owner_id, MAX(pa.expires_at) AS until,
                MIN(pa.created_at) AS since
            FROM plan_authorisations pa WHERE \(granted(principal, now: now))
            GROUP BY pa.plan_id
        ) x
        WHERE \(unsafeRaw: DataRequests.unrestricted("x.owner_id"))
        """
    }

    /// One page of the caseload, a fixed number of queries whatever its size: the page, the
    /// count, the authorisations of the page's plans, their next actions, overdue counts and last
    /// check-ins. `search` matches any part of a name, ignoring case and accents in every language.
    public static func load(
        principal: Principal, search: String, order: Order = .name, page: ListPage, now: Date, timeZone: TimeZone,
        on database: any Database
    ) async throws -> Model {
        guard let sql = database as? any SQLDatabase else { throw PlanStoreError.unsupportedDatabase }
        let pattern = likeContaining(Account.searchKey(search))
        let matching: SQLQueryString = search.isEmpty ? "" : " WHERE c.search_name LIKE \(bind: pattern) ESCAPE '\\'"
        // The page and, on each of its rows, how many there are in all: one pass, not two.
        struct Row: Decodable { let plan_id: UUID; let owner_id: UUID; let display_name: String; let until: Date; let total: Int }
        let sorting: SQLQueryString = switch order {
        case .name: "c.display_name, c.plan_id"
        case .overdue: "\(overdueCount("c.plan_id", principal, now: now, timeZone: timeZone)) DESC, c.display_name, c.plan_id"
        }
        let rows = try await sql.raw("""
            SELECT c.plan_id, c.owner_id, c.display_name, c.until, COUNT(*) OVER () AS total
            FROM (\(caseload(principal, now: now))) c\(matching)
            ORDER BY \(sorting)
            LIMIT \(literal: page.size) OFFSET \(literal: page.offset)
            """).all(decoding: Row.self)
        var counted = rows.first?.total
        if counted == nil, page.offset > 0 {
            // Past the last page: count without rows to carry the figure.
            struct Count: Decodable { let total: Int }
            counted = try await sql.raw("""
                SELECT COUNT(*) AS total FROM (\(caseload(principal, now: now))) c\(matching)
                """).first(decoding: Count.self)?.total
        }
        let total = counted ?? 0
        var lines = rows.map { Line(planID: $0.plan_id, ownerID: $0.owner_id, ownerName: $0.display_name, until: $0.until) }
        try await addDetails(to: &lines, principal: principal, now: now, timeZone: timeZone, on: database, sql: sql)
        return Model(lines: Paged(items: lines, page: page, total: total), search: search, order: order)
    }

    /// SQL: how many open actions of the plan in column `planColumn` are past their day — zero
    /// unless an authorisation in force to this person names the actions section.
    private static func overdueCount(
        _ planColumn: String, _ principal: Principal, now: Date, timeZone: TimeZone
    ) -> SQLQueryString {
        """
        CASE WHEN EXISTS (
            SELECT 1 FROM plan_authorisations pa
            WHERE pa.plan_id = \(unsafeRaw: planColumn) AND \(granted(principal, now: now)) AND \(PlanSharing.names(.actions))
        ) THEN (
            SELECT COUNT(*) FROM plan_actions oa WHERE oa.plan_id = \(unsafeRaw: planColumn)
            AND oa.status = \(bind: ActionStatus.open.rawValue) AND oa.due_on < \(bind: PlanActions.day(now, in: timeZone))
        ) ELSE 0 END
        """
    }

    /// Next and overdue actions and the last check-in, for the plans that share them.
    private static func addDetails(
        to lines: inout [Line], principal: Principal, now: Date, timeZone: TimeZone, on database: any Database,
        sql: any SQLDatabase
    ) async throws {
        guard !lines.isEmpty else { return }
        let planIDs = lines.map(\.planID)
        let byPlan = try await PlanSharing.grants(of: planIDs, on: sql)
        for index in lines.indices {
            // The list holds no restricted plan (see `inForce`).
            let access = PlanAccess(planID: lines[index].planID, ownerID: lines[index].ownerID,
                                    grants: byPlan[lines[index].planID] ?? [], isRestricted: false, now: now)
            lines[index].sharesActions = Policy.decide(.readPlan(access, section: .actions), for: principal).isAllowed
            lines[index].sharesCheckIns = Policy.decide(.readPlan(access, section: .checkIns), for: principal).isAllowed
        }
        let today = PlanActions.day(now, in: timeZone)
        let withActions = lines.filter(\.sharesActions).map(\.planID)
        if !withActions.isEmpty {
            struct Next: Decodable { let plan_id: UUID; let text: String; let due_on: String }
            let next = try await sql.raw("""
                SELECT plan_id, text, due_on FROM (
                    SELECT plan_id, text, due_on, ROW_NUMBER() OVER (PARTITION BY plan_id ORDER BY due_on, id) AS n
                    FROM plan_actions
                    WHERE status = \(bind: ActionStatus.open.rawValue) AND due_on >= \(bind: today) AND plan_id IN (\(binds: withActions))
                ) ranked WHERE n = 1
                """).all(decoding: Next.self)
            struct Overdue: Decodable { let plan_id: UUID; let overdue: Int }
            let overdue = try await sql.raw("""
                SELECT plan_id, COUNT(*) AS overdue FROM plan_actions
                WHERE status = \(bind: ActionStatus.open.rawValue) AND due_on < \(bind: today) AND plan_id IN (\(binds: withActions))
                GROUP BY plan_id
                """).all(decoding: Overdue.self)
            let nextByPlan = Dictionary(next.map { ($0.plan_id, $0) }, uniquingKeysWith: { a, _ in a })
            let overdueByPlan = Dictionary(overdue.map { ($0.plan_id, $0.overdue) }, uniquingKeysWith: { a, _ in a })
            for index in lines.indices where lines[index].sharesActions {
                lines[index].nextAction = nextByPlan[lines[index].planID].map { NextAction(text: $0.text, dueOn: $0.due_on) }
                lines[index].overdue = overdueByPlan[lines[index].planID] ?? 0
            }
        }
        let withCheckIns = lines.filter(\.sharesCheckIns).map(\.planID)
        if !withCheckIns.isEmpty {
            struct Last: Decodable { let plan_id: UUID; let last: Date }
            let last = try await sql.raw("""
                SELECT plan_id, MAX(created_at) AS last FROM check_ins
                WHERE perspective = \(bind: CheckInPerspective.citizen.rawValue) AND plan_id IN (\(binds: withCheckIns))
                GROUP BY plan_id
                """).all(decoding: Last.self)
            let lastByPlan = Dictionary(last.map { ($0.plan_id, $0.last) }, uniquingKeysWith: { a, _ in a })
            for index in lines.indices where lines[index].sharesCheckIns {
                lines[index].lastCheckIn = lastByPlan[lines[index].planID]
            }
        }
    }

    /// Agenda alignment over every plan whose actions are shared with this professional (in
    /// person or through a team): one query, over the whole caseload — so it has a page of its
    /// own rather than slowing down the list.
    public static func alignment(of principal: Principal, now: Date, on database: any Database) async throws -> Alignment {
        guard let sql = database as? any SQLDatabase else { throw PlanStoreError.unsupportedDatabase }
        return try await Alignment.over(
            plans: """
                SELECT pa.plan_id FROM plan_authorisations pa
                WHERE \(inForce(principal, now: now)) AND \(PlanSharing.names(.actions))
                """,
            on: sql)
    }

    public struct View {
        let model: Model
        let chrome: Chrome

        public init(model: Model, chrome: Chrome) {
            self.model = model
            self.chrome = chrome
        }

        public func render() -> HTML {
            let t = chrome.t
            let lines = model.lines
            return Layout.page(
                title: t(.caseloadTitle), chrome: chrome,
                content: .div(
                    .p(.txt(t(.caseloadIntro))),
                    .form(
                        .class("search"), .method(.get), .link(AgendaRoute.caseload().url, as: "action"),
                        .attribute(named: "role", value: "search"),
                        Components.textField(
                            name: "q", label: t(.caseloadSearch), value: model.search, type: .search, required: false, maxLength: 100),
                        Components.select(name: "order", label: t(.caseloadOrder), options: Order.allCases.map { order in
                            Components.Option(
                                value: order.rawValue, label: order == .name ? t(.caseloadOrderName) : t(.caseloadOrderOverdue),
                                isSelected: order == model.order)
                        }),
                        Components.submit(t(.caseloadSearchButton), style: .secondary)
                    ),
                    .if(lines.items.isEmpty, .p(.txt(model.search.isEmpty ? t(.caseloadEmpty) : t(.caseloadNoMatch)))),
                    .if(!lines.items.isEmpty, Components.table(
                        caption: t(.caseloadCaption, ["count": t.number(lines.total)]),
                        headers: [t(.memberName), t(.caseloadNext), t(.caseloadOverdue), t(.caseloadLastCheckIn), t(.expires)],
                        rows: lines.items.map { line in
                            [
                                .a(.link(AgendaRoute.sharedPlan(line.planID).url), .txt(line.ownerName)),
                                !line.sharesActions ? .txt(t(.caseloadNotShared))
                                    : line.nextAction.map { .txt("\($0.text) (\(t.day($0.dueOn)))") } ?? .txt("–"),
                                line.overdue.map { $0 > 0 ? .strong(.txt(t.number($0))) : .txt("0") } ?? .txt(t(.caseloadNotShared)),
                                !line.sharesCheckIns ? .txt(t(.caseloadNotShared)) : .txt(line.lastCheckIn.map { t.date($0) } ?? "–"),
                                .txt(t.date(line.until)),
                            ]
                        })),
                    Components.pagination(lines, t: t) { AgendaRoute.caseload(page: $0, search: model.search, order: model.order).url },
                    .p(.a(.link(AgendaRoute.caseloadAlignment.url), .txt(t(.alignmentMine)))),
                    .p(.a(.link(AgendaRoute.meetingPermissions.url), .txt(t(.caseloadRecordPermission))))
                )
            )
        }
    }

    /// The professional's own agenda-alignment figure, over their whole caseload.
    public struct AlignmentView {
        let alignment: Alignment
        let chrome: Chrome

        public init(alignment: Alignment, chrome: Chrome) {
            self.alignment = alignment
            self.chrome = chrome
        }

        public func render() -> HTML {
            let t = chrome.t
            return Layout.page(
                title: t(.alignmentMine), chrome: chrome,
                content: .div(
                    .p(.a(.link(AgendaRoute.caseload().url), .txt(t(.caseloadTitle)))),
                    ActionBoard.alignment(alignment, heading: t(.alignmentCaseloadHeading), definition: t(.alignmentCaseloadDefinition), t: t)
                )
            )
        }
    }
}
