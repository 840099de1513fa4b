import Fluent
import Foundation
import KanssaCore
@preconcurrency import Plot

/// "How life is going": the citizen rates each area of their life and sees their journey, with
/// any professional's ratings beside their own.
public enum LifeAreas {
    public struct Model: Sendable, Equatable {
        public let ownerName: String
        /// The areas asked about: the owner's organisations' own, or Kanssa's default set.
        public let areas: [LifeArea]
        public let journeys: [Journey]
        public var draft = CheckIns.Draft()
        public var errors: [FieldError] = []
        public var notice: Notice?

        public init(ownerName: String, areas: [LifeArea], journeys: [Journey]) {
            self.ownerName = ownerName
            self.areas = areas
            self.journeys = journeys
        }
    }

    public static func load(ownerID: UUID, ownerName: String, at now: Date, on database: any Database) async throws -> Model {
        let plan = try await PlanStore.plan(of: ownerID, at: now, on: database)
        let areas = try await LifeArea.asked(of: ownerID, on: database)
        return Model(
            ownerName: ownerName, areas: areas,
            journeys: try await CheckIns.journeys(planID: try plan.requireID(), areas: areas, viewerID: ownerID, on: database))
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
                title: t(.lifeTitle), chrome: chrome, errors: model.errors, notices: model.notice.map { [$0] } ?? [],
                content: .div(
                    .p(.class("screen-only"), .a(.link(AgendaRoute.myPlan.url), .txt(t(.backToPlan)))),
                    .section(
                        .h2(.txt(t(.checkInHeading))),
                        CheckInForm.render(
                            target: AgendaRoute.checkIns.url, areas: model.areas, draft: model.draft, errors: model.errors,
                            intro: t(.checkInIntro), submit: t(.checkInSave), chrome: chrome)
                    ),
                    .section(
                        .h2(.txt(t(.journeyHeading))),
                        .p(.txt(t(.journeyIntro))),
                        .forEach(model.journeys) { JourneyChart.render($0, ownerName: model.ownerName, t: t) }
                    )
                )
            )
        }
    }
}
