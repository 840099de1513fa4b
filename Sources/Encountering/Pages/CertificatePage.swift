import Fluent
import Foundation
import KanssaCore
@preconcurrency import Plot

/// A certificate of attendance, to print: who took part, in which training, when and for how
/// long, delivered by which co-trainers — by the names they chose — and hosted by whom.
public enum CertificatePage {
    public struct Model: Sendable, Equatable {
        public let participant: String
        public let moduleTitle: String
        public let organisation: String
        public let panel: String
        public let coTrainers: [String]
        public let host: String
        public let startsAt: Date
        public let minutes: Int
        public let issuedAt: Date
        /// The code anyone can check at ``checkAddress``.
        public var code: String = ""
        public var checkAddress: String = ""
    }

    /// Six queries; the code is added by ``Certificates/code(session:account:now:randomBytes:on:)``.
    public static func load(_ access: EncounterSessionAccess, participant: Principal, now: Date, on database: any Database) async throws -> Model? {
        guard let session = try await EncounterSession.find(access.sessionID, on: database),
            let module = try await TrainingModule.find(session.moduleID, on: database),
            let panel = try await Panel.find(module.panelID, on: database),
            let organisation = try await Organisation.find(session.organisationID, on: database)
        else { return nil }
        let names = try await EncounterSessions.creditNames(of: Array(access.coTrainerIDs), in: module.panelID, on: database)
        let host = try await Account.displayNames(of: [session.hostID], on: database)[session.hostID] ?? ""
        return Model(participant: participant.displayName, moduleTitle: module.title, organisation: organisation.name, panel: panel.name,
                     coTrainers: names.values.sorted(), host: host, startsAt: session.startsAt, minutes: session.minutes, issuedAt: now)
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
                title: t(.certificateTitle), chrome: chrome,
                content: .div(
                    .class("certificate"),
                    .p(.class("certificate__name"), .txt(model.participant)),
                    .p(.txt(t(.certificateTookPart, ["title": model.moduleTitle]))),
                    .p(.txt(t(.certificateWhen, ["date": t.date(model.startsAt), "hours": t.hours(minutes: model.minutes),
                                                 "organisation": model.organisation]))),
                    .p(.txt(t(.certificateDeliveredBy, ["names": model.coTrainers.joined(separator: ", "), "panel": model.panel]))),
                    .p(.txt(t(.certificateHost, ["name": model.host]))),
                    .p(.class("hint"), .txt(t(.certificateIssued, ["organisation": model.organisation, "date": t.date(model.issuedAt)]))),
                    .p(.class("certificate__check"), .txt(t(.certificateCheck, ["address": model.checkAddress, "code": model.code]))),
                    .p(.class("hint screen-only"), .txt(t(.certificatePrint)))
                )
            )
        }
    }
}
