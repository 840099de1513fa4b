import Fluent
import Foundation
import KanssaCore
@preconcurrency import Plot
import SQLKit

/// A coordinator's view of whose agenda their teams' work serves: per team, the agenda alignment
/// over the plans shared with it — shown only for five plans or more, so that no one citizen's
/// plan can be made out.
public enum TeamAlignment {
    public static let smallestGroup = 5

    public struct Line: Sendable, Equatable {
        public let team: String
        public let plans: Int
        /// Nil when there are too few plans to show it.
        public let alignment: Alignment?

        public init(team: String, plans: Int, alignment: Alignment?) {
            self.team = team
            self.plans = plans
            self.alignment = alignment
        }
    }

    public struct Model: Sendable, Equatable {
        public let organisationName: String
        public let lines: [Line]

        public init(organisationName: String, lines: [Line]) {
            self.organisationName = organisationName
            self.lines = lines
        }
    }

    /// Every team of the organisation: two queries (the teams, then one grouped count).
    public static func load(organisation: Organisation, now: Date, on database: any Database) async throws -> Model {
        let teams = try await Team.query(on: database).filter(\.$organisation.$id == organisation.requireID()).sort(\.$name).all()
        return Model(organisationName: organisation.name,
                     lines: try await lines(of: teams.compactMap { team in team.id.map { ($0, team.name) } }, now: now, on: database))
    }

    /// A line for each of these teams, in their order, for who already has them: one query.
    public static func lines(of teams: [(id: UUID, name: String)], now: Date, on database: any Database) async throws -> [Line] {
        guard let sql = database as? any SQLDatabase else { throw PlanStoreError.unsupportedDatabase }
        guard !teams.isEmpty else { return [] }
        struct Row: Decodable { let team_id: UUID; let plans: Int; let open_count: Int?; let serving_count: Int? }
        // Each plan's row keeps its two counts (``TallyOpenActions``): two numbers a plan, not its actions.
        let rows = try await sql.raw("""
            SELECT shared.team_id AS team_id, COUNT(*) AS plans, SUM(p.open_actions) AS open_count,
                SUM(p.serving_actions) AS serving_count
            FROM (
                SELECT DISTINCT pa.grantee_team_id AS team_id, pa.plan_id AS plan_id FROM plan_authorisations pa
                WHERE pa.grantee_team_id IN (\(binds: teams.map(\.id))) AND pa.revoked_at IS NULL
                    AND pa.expires_at > \(bind: now) AND \(PlanSharing.names(.actions)) AND \(PlanSharing.unrestricted)
            ) shared
            JOIN plans p ON p.id = shared.plan_id
            GROUP BY shared.team_id
            """).all(decoding: Row.self)
        let byTeam = Dictionary(rows.map { ($0.team_id, $0) }, uniquingKeysWith: { a, _ in a })
        return teams.map { team in
            let row = byTeam[team.id]
            let plans = row?.plans ?? 0
            return Line(
                team: team.name, plans: plans,
                alignment: plans >= smallestGroup ? Alignment(serving: row?.serving_count ?? 0, open: row?.open_count ?? 0) : nil)
        }
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
            return Layout.page(
                title: t(.teamAlignmentTitle, ["organisation": model.organisationName]), chrome: chrome,
                content: .div(
                    .p(.txt(t(.teamAlignmentIntro))),
                    .p(.class("field__hint"), .txt(t(.teamAlignmentDefinition))),
                    .if(model.lines.isEmpty, .p(.txt(t(.adminNoTeams)))),
                    .if(!model.lines.isEmpty, Components.table(
                        caption: t(.teamAlignmentCaption),
                        headers: [t(.teamAlignmentTeam), t(.teamAlignmentPlans), t(.teamAlignmentFigure)],
                        rows: model.lines.map { line in
                            [
                                .txt(line.team),
                                .txt(line.plans < TeamAlignment.smallestGroup ? t(.teamAlignmentFewerThan) : t.number(line.plans)),
                                .txt(line.alignment.map { alignment in
                                    alignment.percent.map {
                                        t(.teamAlignmentValue, ["percent": t.number($0), "serving": t.number(alignment.serving),
                                                                "open": t.number(alignment.open)])
                                    } ?? t(.alignmentNoActions)
                                } ?? t(.teamAlignmentTooFew)),
                            ]
                        }))
                )
            )
        }
    }
}
