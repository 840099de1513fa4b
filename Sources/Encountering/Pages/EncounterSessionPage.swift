import Fluent
import Foundation
import KanssaCore
@preconcurrency import Plot

/// One session of a module: when and where, the co-trainers by the names they chose, the host to
/// turn to; registering; for the host, who came and what the co-trainers' time was recognised
/// with; for those who came, their certificate.
public enum EncounterSessionPage {
    public struct CoTrainer: Sendable, Equatable {
        public let id: UUID
        public let name: String
        /// Shown to the host, the coordinators and the co-trainer themselves.
        public let recognition: EncounterSessions.Recognition?
    }

    public struct Participant: Sendable, Equatable {
        public let id: UUID
        public let name: String
        public let attended: Bool?
    }

    public struct Model: Sendable, Equatable {
        public let id: UUID
        public let moduleID: UUID
        public let moduleTitle: String
        public let organisation: String
        public let panel: String
        public let startsAt: Date
        public let minutes: Int
        public let mode: SessionMode
        /// Nil when the viewer may not see it yet: an online session's link, before they register.
        public let place: String?
        public let host: String
        public let capacity: Int
        public let taken: Int
        public let coTrainers: [CoTrainer]
        public let hasStarted: Bool
        public let isRegistered: Bool
        public let mayRegister: Bool
        /// The host's view: who registered and whether they came; nil for everyone else.
        public let participants: [Participant]?
        /// For the host once it has begun: who can be added as having come without registering.
        public var walkIns: [Panels.Person] = []
        public let mayRecordRecognition: Bool
        public let mayPrintCertificate: Bool
        /// The viewer gives the session: its host, a co-trainer, their panel or its contact.
        public let viewerGives: Bool
        /// When it was called off; nil while it stands.
        public var cancelledAt: Date?
        /// The host (or a coordinator) asked to call it off and is asked to confirm.
        public var confirmCancel = false
        public let viewerID: UUID
        public let now: Date
        public let participation: Participation?
        public let flowingBack: FlowingBack
        public var draft: [String: String] = [:]
        public var errors: [FieldError] = []
        public var notice: Notice?
    }

    /// About a dozen queries.
    public static func load(
        _ access: EncounterSessionAccess, viewer: Principal, instruments: [String: Instrument], now: Date, on database: any Database
    ) async throws -> Model? {
        guard let session = try await EncounterSession.find(access.sessionID, on: database),
            let module = try await TrainingModule.find(session.moduleID, on: database),
            let panel = try await Panel.find(module.panelID, on: database),
            let organisation = try await Organisation.find(session.organisationID, on: database)
        else { return nil }
        let me = viewer.accountID
        let mayHost = Policy.decide(.hostEncounterSession(access), for: viewer).isAllowed
        let rows = try await SessionCoTrainer.query(on: database).filter(\.$sessionID == access.sessionID).all()
        let names = try await EncounterSessions.creditNames(of: rows.map(\.accountID), in: module.panelID, on: database)
        let coTrainers = rows.map { row in
            let recognition = row.minutes.map {
                EncounterSessions.Recognition(minutes: $0, feeCents: row.feeCents, currency: row.currency, voucher: row.voucher)
            }
            return CoTrainer(id: row.accountID, name: names[row.accountID] ?? "", recognition: mayHost || row.accountID == me ? recognition : nil)
        }.sorted { $0.name < $1.name }
        var participants: [Participant]?
        var walkIns: [Panels.Person] = []
        if mayHost {
            let registrations = try await Places.registered(EncounterRegistration.self, for: access.sessionID, on: database)
            let people = try await Account.displayNames(of: registrations.map(\.accountID), on: database)
            participants = registrations.map { Participant(id: $0.accountID, name: people[$0.accountID] ?? "", attended: $0.attended) }
                .sorted { $0.name < $1.name }
            if session.startsAt <= now, session.cancelledAt == nil {
                walkIns = try await EncounterSessions.walkInCandidates(access, on: database)
            }
        }
        let host = try await Account.displayNames(of: [session.hostID], on: database)[session.hostID] ?? ""
        let mode = SessionMode(rawValue: session.mode) ?? .inPerson
        let isRegistered = access.registeredIDs.contains(me)
        let seesPlace = mode == .inPerson || isRegistered || access.isGivenBy(me) || mayHost
        let reflection = try await EncounterFeedbacks.reflection(of: module.requireID(), instruments: instruments, on: database)
        let (participation, flowingBack) = try await loadFeedback(access, session: session, module: module, viewer: viewer,
                                                                  reflection: reflection, on: database)
        var model = Model(
            id: access.sessionID, moduleID: session.moduleID, moduleTitle: module.title, organisation: organisation.name, panel: panel.name,
            startsAt: session.startsAt, minutes: session.minutes, mode: mode, place: seesPlace ? session.place : nil, host: host,
            capacity: session.capacity, taken: access.registeredIDs.count, coTrainers: coTrainers, hasStarted: session.startsAt <= now,
            isRegistered: isRegistered, mayRegister: Policy.decide(.registerForEncounterSession(access), for: viewer).isAllowed,
            participants: participants, mayRecordRecognition: mayHost, 
            mayPrintCertificate: Policy.decide(.printAttendanceCertificate(access), for: viewer).isAllowed, viewerGives: access.isGivenBy(me),
            cancelledAt: session.cancelledAt, viewerID: me, now: now, participation: participation, flowingBack: flowingBack)
        model.walkIns = walkIns
        return model
    }

    /// As typed into a form: "2.5", "40.50" — never with separators a reader would not take back.
    static func typedHours(_ minutes: Int) -> String {
        minutes % 60 == 0 ? String(minutes / 60) : String(format: "%.2f", Double(minutes) / 60)
    }

    static func typedAmount(_ cents: Int) -> String {
        String(format: "%d.%02d", cents / 100, cents % 100)
    }

    static func fee(_ recognition: EncounterSessions.Recognition, _ t: Localizer) -> String? {
        guard let cents = recognition.feeCents, let currency = recognition.currency else { return nil }
        return "\(t.amount(cents: cents)) \(currency)"
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
                title: t(.encounterSessionTitle, ["title": model.moduleTitle]), chrome: chrome, errors: model.errors, notices: model.notice.map { [$0] } ?? [],
                content: .div(
                    .unwrap(model.cancelledAt) { when in
                        .div(.class("notice notice--error"), .attribute(named: "role", value: "status"),
                             .p(.txt(t(.encounterSessionCancelled, ["date": t.date(when), "name": model.host]))))
                    },
                    .if(model.confirmCancel && model.cancelledAt == nil, .div(
                        .class("notice notice--error"), .attribute(named: "role", value: "alert"),
                        .p(.txt(t(.encounterCancelConfirm, counts: ["count": model.taken]))),
                        Components.postButton(
                            action: EncounteringRoute.cancelSession(session: model.id).url, csrfToken: chrome.csrfToken,
                            label: t(.encounterCancelForGood), style: .danger, hidden: [("confirm", "yes")]),
                        .p(.a(.link(EncounteringRoute.session(model.id).url), .txt(t(.encounterCancelKeep))))
                    )),
                    .p(.a(.link(EncounteringRoute.module(model.moduleID).url), .txt(t(.encounterSessionModuleLink, ["title": model.moduleTitle])))),
                    .p(.txt(t(.sessionWhenWhere, [
                        "time": t.dateTime(model.startsAt),
                        "place": t(model.mode == .online ? .encounterSessionOnline : .encounterSessionInPerson),
                    ]))),
                    .p(.txt(t(.sessionLength, ["minutes": t.number(model.minutes)]))),
                    model.place.map { place in
                        model.mode == .online
                            ? SafeURL(place).map { .p(.a(.link($0), .txt(place))) } ?? .p(.txt(place))
                            : .p(.txt(place))
                    } ?? .p(.txt(t(.encounterLinkAfterRegistering))),
                    .p(.txt(t(.encounterDeliveredBy, ["names": model.coTrainers.map(\.name).joined(separator: ", "), "panel": model.panel]))),
                    .p(.txt(t(.encounterHostLine, ["name": model.host, "organisation": model.organisation]))),
                    .if(!model.viewerGives, .p(.class("hint"), .txt(t(.encounterAskTheHost, ["name": model.host])))),
                    .p(.txt(t(.sessionRegisteredOf, ["count": t.number(model.taken), "capacity": t.number(model.capacity)]))),
                    .if(model.cancelledAt == nil, .group(registration, participating)),
                    .if(model.mayPrintCertificate, .p(.a(.link(EncounteringRoute.certificate(session: model.id).url), .txt(t(.encounterCertificateLink))))),
                    .if(model.cancelledAt == nil, .unwrap(model.participants) { attendance($0) }),
                    .if(model.mayRecordRecognition && model.hasStarted && model.cancelledAt == nil, recognition),
                    .if(model.mayRecordRecognition && !model.hasStarted && model.cancelledAt == nil, Components.postButton(
                        action: EncounteringRoute.cancelSession(session: model.id).url, csrfToken: chrome.csrfToken,
                        label: t(.encounterCancelSession), style: .link)),
                    flowingBack,
                    .if(!model.mayRecordRecognition, ownRecognition)
                )
            )
        }

        private var registration: Node<HTML.BodyContext> {
            let t = chrome.t
            guard model.mayRegister else { return .empty }
            guard !model.hasStarted else {
                let state: MessageKey = model.mayPrintCertificate ? .encounterYouTookPart
                    : model.isRegistered ? .sessionYouAreRegistered : .sessionRegistrationClosed
                return .p(.txt(t(state)))
            }
            let full = !model.isRegistered && model.taken >= model.capacity
            return .section(
                .h2(.txt(t(.sessionRegistration))),
                .if(model.isRegistered, .p(.txt(t(.sessionYouAreRegistered)))),
                .if(full, .p(.txt(t(.sessionFull)))),
                .if(!full, Components.postButton(
                    action: EncounteringRoute.registration(session: model.id).url, csrfToken: chrome.csrfToken,
                    label: t(model.isRegistered ? .sessionCancel : .sessionRegister), style: model.isRegistered ? .secondary : .primary,
                    hidden: [("action", model.isRegistered ? "cancel" : "register")]))
            )
        }

        private func attendance(_ participants: [Participant]) -> Node<HTML.BodyContext> {
            let t = chrome.t
            return .section(
                .h2(.txt(t(model.hasStarted ? .sessionWhoCame : .sessionWhoRegistered))),
                .if(participants.isEmpty, .p(.txt(t(.sessionNobodyRegistered)))),
                .if(!model.hasStarted, .ul(.forEach(participants) { .li(.txt($0.name)) })),
                .if(model.hasStarted && !participants.isEmpty, .form(
                    .class("stack narrow"), .method(.post), .link(EncounteringRoute.attendance(session: model.id).url, as: "action"),
                    Components.csrfField(chrome.csrfToken),
                    Components.checkboxes(
                        name: "present", legend: t(.encounterTickWhoCame),
                        options: participants.map { .init(value: $0.id.uuidString, label: $0.name, isSelected: $0.attended == true) }),
                    Components.submit(t(.encounterRecordAttendance), style: .secondary)
                )),
                .if(model.hasStarted && !model.walkIns.isEmpty, .form(
                    .class("stack narrow"), .method(.post), .link(EncounteringRoute.walkIn(session: model.id).url, as: "action"),
                    .attribute(named: "novalidate"),
                    Components.csrfField(chrome.csrfToken),
                    Components.select(
                        name: "person", label: t(.encounterWalkIn),
                        options: [.init(value: "", label: t(.encounterChooseWalkIn), isSelected: true)]
                            + model.walkIns.map { .init(value: $0.id.uuidString, label: $0.name, isSelected: false) },
                        error: model.errors.message(for: "person")),
                    Components.submit(t(.encounterAddWalkIn), style: .secondary)
                ))
            )
        }

        /// The host records, per co-trainer, hours (preparation may count), a fee and a voucher.
        private var recognition: Node<HTML.BodyContext> {
            let t = chrome.t
            let draft = model.draft
            return .section(
                .h2(.txt(t(.encounterRecognitionHeading))),
                .p(.txt(t(.encounterRecognitionIntro))),
                .form(
                    .class("stack narrow"), .method(.post), .link(EncounteringRoute.recognition(session: model.id).url, as: "action"),
                    .attribute(named: "novalidate"),
                    Components.csrfField(chrome.csrfToken),
                    .forEach(model.coTrainers) { coTrainer in
                        let id = coTrainer.id.uuidString
                        let recorded = coTrainer.recognition
                        return .fieldset(
                            .element(named: "legend", nodes: [Node<HTML.BodyContext>.txt(coTrainer.name)]),
                            Components.textField(
                                name: "hours-\(id)", label: t(.encounterHours),
                                value: draft["hours-\(id)"] ?? EncounterSessionPage.typedHours(recorded?.minutes ?? model.minutes),
                                hint: t(.encounterHoursHint), error: model.errors.message(for: "hours-\(id)"), maxLength: 5),
                            Components.textField(
                                name: "fee-\(id)", label: t(.encounterFee),
                                value: draft["fee-\(id)"] ?? recorded?.feeCents.map(EncounterSessionPage.typedAmount) ?? "",
                                hint: t(.encounterFeeHint), error: model.errors.message(for: "fee-\(id)"), required: false, maxLength: 10),
                            Components.select(
                                name: "currency-\(id)", label: t(.encounterCurrency),
                                options: EncounterSessions.currencies.map {
                                    .init(value: $0, label: $0, isSelected: (draft["currency-\(id)"] ?? recorded?.currency ?? "EUR") == $0)
                                }),
                            Components.textField(
                                name: "voucher-\(id)", label: t(.encounterVoucher), value: draft["voucher-\(id)"] ?? recorded?.voucher ?? "",
                                hint: t(.encounterVoucherHint), error: model.errors.message(for: "voucher-\(id)"), required: false, maxLength: 200)
                        )
                    },
                    Components.submit(t(.encounterRecordRecognition), style: .secondary)
                )
            )
        }

        /// A co-trainer sees what their own time was recognised with.
        private var ownRecognition: Node<HTML.BodyContext> {
            let t = chrome.t
            let own = model.coTrainers.compactMap { coTrainer in coTrainer.recognition.map { (coTrainer.name, $0) } }
            guard !own.isEmpty else { return .empty }
            return .section(
                .h2(.txt(t(.encounterRecognitionHeading))),
                .ul(.forEach(own) { name, recognition in
                    .li(.txt(EncounterSessionPage.describe(recognition, t)))
                }),
                .p(.a(.link(EncounteringRoute.statement.url), .txt(t(.encounterStatementLink))))
            )
        }
    }

    /// "2.5 hours · fee 40 EUR · Cinema voucher".
    static func describe(_ recognition: EncounterSessions.Recognition, _ t: Localizer) -> String {
        var parts = [t(.encounterHoursValue, ["hours": t.hours(minutes: recognition.minutes)])]
        if let fee = fee(recognition, t) { parts.append(t(.encounterFeeValue, ["fee": fee])) }
        if let voucher = recognition.voucher { parts.append(voucher) }
        return parts.joined(separator: " · ")
    }
}
