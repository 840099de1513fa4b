import Fluent
import Foundation
import KanssaCore
@preconcurrency import Plot

/// A professional's list of the people who authorised them or one of their teams.
public enum Caseload {
    public struct Line: Sendable, Equatable {
        public let planID: UUID
        public let ownerName: String
        public let until: Date

        public init(planID: UUID, ownerName: String, until: Date) {
            self.planID = planID
            self.ownerName = ownerName
            self.until = until
        }
    }

    /// Plans with an authorisation in force for this person or their teams, by name. Three
    /// queries per page.
    public static func load(
        principal: Principal, page: ListPage, at now: Date, on database: any Database
    ) async throws -> Paged<Line> {
        let authorisations = try await PlanAuthorisation.query(on: database)
            .filter(\.$revokedAt == nil)
            .filter(\.$expiresAt > now)
            .group(.or) { group in
                group.filter(\.$granteeAccountID == principal.accountID)
                if !principal.teamIDs.isEmpty { group.filter(\.$granteeTeamID ~~ Array(principal.teamIDs)) }
            }
            .all()
        let until = authorisations.reduce(into: [UUID: Date]()) { result, authorisation in
            result[authorisation.$plan.id] = max(result[authorisation.$plan.id] ?? .distantPast, authorisation.expiresAt)
        }
        let plans = try await Plan.query(on: database).filter(\.$id ~~ Array(until.keys)).all()
        let owners = try await Account.displayNames(of: plans.map(\.ownerID), on: database)
        let lines = plans.map { Line(planID: $0.id!, ownerName: owners[$0.ownerID] ?? "–", until: until[$0.id!] ?? now) }
            .sorted { ($0.ownerName, $0.planID.uuidString) < ($1.ownerName, $1.planID.uuidString) }
        let slice = Array(lines.dropFirst(page.offset).prefix(page.size))
        return Paged(items: slice, page: page, total: lines.count)
    }

    public struct View {
        let model: Paged<Line>
        let chrome: Chrome

        public init(model: Paged<Line>, chrome: Chrome) {
            self.model = model
            self.chrome = chrome
        }

        public func render() -> HTML {
            let t = chrome.t
            return Layout.page(
                title: t(.caseloadTitle), chrome: chrome,
                content: .div(
                    .p(.txt(t(.caseloadIntro))),
                    .if(model.items.isEmpty, .p(.txt(t(.caseloadEmpty)))),
                    .if(!model.items.isEmpty, Components.table(
                        caption: t(.caseloadCaption, ["count": t.number(model.total)]),
                        headers: [t(.memberName), t(.expires)],
                        rows: model.items.map { line in
                            [.a(.link(AgendaRoute.sharedPlan(line.planID).url), .txt(line.ownerName)), .txt(t.date(line.until))]
                        })),
                    Components.pagination(model, t: t) { AgendaRoute.caseload(page: $0).url }
                )
            )
        }
    }
}
