import Fluent
import Foundation
import KanssaCore

/// Sessions of a module: putting one on, registering, recording who came, and recognising the
/// co-trainers' time. Co-trainers are named by the names they chose, to everyone; their account
/// names and contact details are never part of a session.
public enum EncounterSessions {
    public static let defaultMinutes = 150
    public static let placeLength = 300
    public static let defaultFollowUpWeeks = 6
    public static let currencies = ["EUR", "GBP", "SEK", "PLN", "HUF"]

    /// The session as the policy sees it. Five queries.
    public static func access(sessionID: UUID, on database: any Database) async throws -> EncounterSessionAccess? {
        guard let session = try await EncounterSession.find(sessionID, on: database),
            let module = try await TrainingModule.find(session.moduleID, on: database),
            let panel = try await Panels.access(panelID: module.panelID, on: database)
        else { return nil }
        let coTrainers = try await SessionCoTrainer.query(on: database).filter(\.$sessionID == sessionID).all(\.$accountID)
        let registrations = try await Places.registered(EncounterRegistration.self, for: sessionID, on: database)
        return access(session, panel: panel, coTrainerIDs: coTrainers, registrations: registrations)
    }

    /// The session as the policy sees it, from what was read already: its module's panel, the
    /// co-trainers delivering it, and its registrations not cancelled.
    public static func access(
        _ session: EncounterSession, panel: PanelAccess, coTrainerIDs: [UUID], registrations: [EncounterRegistration]
    ) -> EncounterSessionAccess {
        EncounterSessionAccess(
            sessionID: session.id!, organisationID: session.organisationID, panel: panel, hostID: session.hostID,
            coTrainerIDs: Set(coTrainerIDs), registeredIDs: Set(registrations.map(\.accountID)),
            attendedIDs: Set(registrations.filter { $0.attended == true }.map(\.accountID)),
            absentIDs: Set(registrations.filter { $0.attended == false }.map(\.accountID)))
    }

    public enum PlanProblem: String, Sendable, Equatable, CaseIterable {
        case date, time, minutes, mode, place, host, coTrainers = "co-trainers", capacity, followUp = "follow-up"
    }

    /// What someone typed to put a session on, checked: a day from today within a year, a time,
    /// 15 minutes to 8 hours; in person in a place, or online at a web link; a host from the
    /// organisation's staff; one or more of the panel's co-trainers; 1–500 places; a follow-up
    /// 1–26 weeks later.
    public static func check(
        _ fields: [String: String], coTrainers chosen: [String], staff: [Panels.Person], panel: [Panels.Person], timeZone: TimeZone, now: Date
    ) -> Result<EncounterSessionPlan, ProblemList<PlanProblem>> {
        var problems: [PlanProblem] = []
        let day = Days.upcomingDay(fields["date"] ?? "", in: timeZone, now: now)
        if day == nil { problems.append(.date) }
        let time = Days.minutes(fields["time"] ?? "")
        if time == nil { problems.append(.time) }
        let minutes = Int(fields["minutes"] ?? "")
        if minutes.map({ !(15...480).contains($0) }) ?? true { problems.append(.minutes) }
        let mode = fields["mode"].flatMap(SessionMode.init(rawValue:))
        if mode == nil { problems.append(.mode) }
        var place = TypedText.clean(fields["place"], maxLength: placeLength)
        if mode == .online, let typed = place, !(typed.hasPrefix("https://") || typed.hasPrefix("http://")) || typed.contains(" ") {
            place = nil
        }
        if place == nil { problems.append(.place) }
        let host = fields["host"].flatMap(UUID.init(uuidString:)).flatMap { id in staff.first { $0.id == id } }
        if host == nil { problems.append(.host) }
        let coTrainers = chosen.compactMap { id in panel.first { $0.id.uuidString == id }?.id }
        if coTrainers.isEmpty || coTrainers.count != chosen.count || Set(coTrainers).count != coTrainers.count { problems.append(.coTrainers) }
        let capacity = Int(fields["capacity"] ?? "")
        if capacity.map({ !(1...500).contains($0) }) ?? true { problems.append(.capacity) }
        let followUp = Int(fields["follow-up"] ?? "")
        if followUp.map({ !(1...26).contains($0) }) ?? true { problems.append(.followUp) }
        guard let day, let time, let minutes, let mode, let place, let host, let capacity, let followUp, problems.isEmpty,
            let startsAt = Days.at(minutes: time, on: day, in: timeZone)
        else { return .failure(ProblemList(problems)) }
        return .success(EncounterSessionPlan(startsAt: startsAt, minutes: minutes, mode: mode, place: place, hostID: host.id,
                                             coTrainerIDs: coTrainers, capacity: capacity, followUpWeeks: followUp))
    }

    /// A session of a published module, held by the module's organisation.
    public static func schedule(
        _ plan: EncounterSessionPlan, of module: ModuleAccess, by accountID: UUID, at now: Date, on database: any Database
    ) async throws -> UUID {
        try await database.transaction { database in
            let session = EncounterSession(moduleID: module.moduleID, organisationID: module.panel.organisationID, plan: plan,
                                           createdByID: accountID, at: now)
            try await session.create(on: database)
            let sessionID = try session.requireID()
            for coTrainer in plan.coTrainerIDs {
                try await SessionCoTrainer(sessionID: sessionID, accountID: coTrainer).create(on: database)
            }
            return sessionID
        }
    }

    /// Calls the session off, before it begins; false if it has begun or was called off already.
    /// Registrations stay, so that everyone registered sees it was called off.
    public static func cancelSession(_ sessionID: UUID, by accountID: UUID, at now: Date, on database: any Database) async throws -> Bool {
        guard let session = try await EncounterSession.find(sessionID, on: database), session.cancelledAt == nil, session.startsAt > now
        else { return false }
        session.cancelledAt = now
        session.cancelledByID = accountID
        try await session.save(on: database)
        return true
    }

    /// Who may be added as having come without registering: the organisation's professionals and
    /// coordinators who neither give the session nor are registered for it. Two queries.
    public static func walkInCandidates(_ access: EncounterSessionAccess, on database: any Database) async throws -> [Panels.Person] {
        try await Membership.people(holding: [.professional, .coordinator], in: [access.organisationID], on: database)
            .filter { !access.isGivenBy($0.id) && !access.registeredIDs.contains($0.id) }
            .map { Panels.Person(id: $0.id, name: $0.name) }
    }

    /// Someone who came without registering, recorded as having come — places or not: they were
    /// in the room. False if they are not one of the candidates.
    public static func addWalkIn(
        _ accountID: UUID, to access: EncounterSessionAccess, at now: Date, on database: any Database
    ) async throws -> Bool {
        guard try await walkInCandidates(access, on: database).contains(where: { $0.id == accountID }) else { return false }
        let existing = try await EncounterRegistration.query(on: database).filter(\.$sessionID == access.sessionID)
            .filter(\.$accountID == accountID).first()
        let registration = existing ?? EncounterRegistration(sessionID: access.sessionID, accountID: accountID, at: now)
        registration.cancelledAt = nil
        registration.attended = true
        try await registration.save(on: database)
        return true
    }

    public static func recordAttendance(_ present: Set<UUID>, for sessionID: UUID, on database: any Database) async throws {
        try await Places.recordAttendance(EncounterRegistration.self, present: present, for: sessionID, on: database)
    }

    // MARK: Recognition

    /// What a co-trainer's time was recognised with.
    public struct Recognition: Sendable, Equatable {
        public let minutes: Int
        public let feeCents: Int?
        public let currency: String?
        public let voucher: String?

        public init(minutes: Int, feeCents: Int?, currency: String?, voucher: String?) {
            self.minutes = minutes
            self.feeCents = feeCents
            self.currency = currency
            self.voucher = voucher
        }
    }

    public enum RecognitionProblem: String, Sendable, Equatable, CaseIterable {
        case hours, fee, voucher
    }

    /// Hours as typed ("2.5", "2,5", "3"): up to 24, in quarter hours; a fee (optional) up to
    /// 100,000 with up to two decimals, in one of the currencies; a voucher or other thanks
    /// (optional, up to 200 characters).
    public static func checkRecognition(hours: String, fee: String, currency: String, voucher: String)
        -> Result<Recognition, ProblemList<RecognitionProblem>>
    {
        var problems: [RecognitionProblem] = []
        let minutes = Double(hours.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: "."))
            .flatMap { $0.isFinite && $0 > 0 && $0 <= 24 ? Int(($0 * 4).rounded()) * 15 : nil }
        if minutes == nil || minutes == 0 { problems.append(.hours) }
        let typedFee = fee.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")
        var feeCents: Int?
        if !typedFee.isEmpty {
            let parts = typedFee.split(separator: ".", omittingEmptySubsequences: false)
            if parts.count <= 2, let whole = Int(parts[0]), whole >= 0, whole <= 100_000, parts[0].allSatisfy(\.isNumber),
                parts.count == 1 || (1...2).contains(parts[1].count) && parts[1].allSatisfy(\.isNumber),
                currencies.contains(currency)
            {
                let fraction = parts.count == 2 ? Int(parts[1].padding(toLength: 2, withPad: "0", startingAt: 0)) ?? 0 : 0
                feeCents = whole * 100 + fraction
            } else {
                problems.append(.fee)
            }
        }
        let typedVoucher = voucher.trimmingCharacters(in: .whitespaces)
        let cleanVoucher = typedVoucher.isEmpty ? "" : TypedText.clean(typedVoucher, maxLength: 200)
        if cleanVoucher == nil { problems.append(.voucher) }
        guard let minutes, minutes > 0, let cleanVoucher, problems.isEmpty else { return .failure(ProblemList(problems)) }
        return .success(Recognition(minutes: minutes, feeCents: feeCents, currency: feeCents == nil ? nil : currency,
                                    voucher: cleanVoucher.isEmpty ? nil : cleanVoucher))
    }

    /// Records what each co-trainer's time was recognised with; a co-trainer not delivering the
    /// session is left out.
    public static func recordRecognition(_ recognitions: [UUID: Recognition], for sessionID: UUID, at now: Date, on database: any Database)
        async throws
    {
        try await database.transaction { database in
            for row in try await SessionCoTrainer.query(on: database).filter(\.$sessionID == sessionID).all() {
                guard let recognition = recognitions[row.accountID] else { continue }
                row.minutes = recognition.minutes
                row.feeCents = recognition.feeCents
                row.currency = recognition.currency
                row.voucher = recognition.voucher
                row.recordedAt = now
                try await row.save(on: database)
            }
        }
    }

    // MARK: Reach

    /// Sessions held and professionals trained (recorded as having come), per module.
    public struct Reach: Sendable, Equatable {
        public var sessions: Int
        public var trained: Int

        public init(sessions: Int, trained: Int) {
            self.sessions = sessions
            self.trained = trained
        }
    }

    /// Two queries, whatever the number of modules.
    public static func reach(of moduleIDs: [UUID], at now: Date, on database: any Database) async throws -> [UUID: Reach] {
        guard !moduleIDs.isEmpty else { return [:] }
        let sessions = try await EncounterSession.query(on: database).filter(\.$moduleID ~~ moduleIDs).filter(\.$startsAt <= now)
            .filter(\.$cancelledAt == nil).all()
        let trained = try await EncounterRegistration.query(on: database).filter(\.$sessionID ~~ sessions.compactMap(\.id))
            .filter(\.$cancelledAt == nil).filter(\.$attended == true).all()
        let trainedPerSession = trained.reduce(into: [UUID: Int]()) { $0[$1.sessionID, default: 0] += 1 }
        var reach: [UUID: Reach] = [:]
        for session in sessions {
            reach[session.moduleID, default: Reach(sessions: 0, trained: 0)].sessions += 1
            reach[session.moduleID]!.trained += session.id.flatMap { trainedPerSession[$0] } ?? 0
        }
        return reach
    }

    /// The names co-trainers chose, in the panel of the module: how they are named with a
    /// session, to everyone. One query.
    public static func creditNames(of accountIDs: [UUID], in panelID: UUID, on database: any Database) async throws -> [UUID: String] {
        try await PanelMember.query(on: database).filter(\.$panelID == panelID).filter(\.$accountID ~~ accountIDs).all()
            .reduce(into: [:]) { $0[$1.accountID] = $1.creditName }
    }
}
