import Fluent
import Foundation
import KanssaCore

/// The codes on certificates of attendance, and checking one.
public enum Certificates {
    /// The code for this person's certificate of this session: the one issued before, or a new one.
    public static func code(
        session sessionID: UUID, account accountID: UUID, now: Date, randomBytes: (Int) -> [UInt8], on database: any Database
    ) async throws -> InvitationCode {
        if let issued = try await AttendanceCertificate.query(on: database)
            .filter(\.$sessionID == sessionID).filter(\.$accountID == accountID).first(),
            let code = InvitationCode(typed: issued.code)
        {
            return code
        }
        let code = InvitationCode.random(using: randomBytes)
        do {
            try await AttendanceCertificate(code: code.value, sessionID: sessionID, accountID: accountID, issuedAt: now).create(on: database)
            return code
        } catch {
            // Printed twice at once: the other print's code stands (one per person and session).
            guard let issued = try await AttendanceCertificate.query(on: database)
                .filter(\.$sessionID == sessionID).filter(\.$accountID == accountID).first(),
                let kept = InvitationCode(typed: issued.code)
            else { throw error }
            return kept
        }
    }

    /// What a check shows: who, in which training, when, how long and where. Nothing more.
    public struct Checked: Sendable, Equatable {
        public let accountID: UUID
        public let participant: String
        public let moduleTitle: String
        public let organisation: String
        public let startsAt: Date
        public let minutes: Int

        public init(accountID: UUID, participant: String, moduleTitle: String, organisation: String, startsAt: Date, minutes: Int) {
            self.accountID = accountID
            self.participant = participant
            self.moduleTitle = moduleTitle
            self.organisation = organisation
            self.startsAt = startsAt
            self.minutes = minutes
        }
    }

    /// The certificate with this code, if there is one and its holder's account is still there.
    /// Five queries at most.
    public static func check(_ code: InvitationCode, on database: any Database) async throws -> Checked? {
        guard let certificate = try await AttendanceCertificate.query(on: database).filter(\.$code == code.value).first(),
            let session = try await EncounterSession.find(certificate.sessionID, on: database),
            let module = try await TrainingModule.find(session.moduleID, on: database),
            let organisation = try await Organisation.find(session.organisationID, on: database),
            let participant = try await Account.displayNames(of: [certificate.accountID], on: database)[certificate.accountID]
        else { return nil }
        return Checked(
            accountID: certificate.accountID, participant: participant, moduleTitle: module.title, organisation: organisation.name,
            startsAt: session.startsAt, minutes: session.minutes)
    }
}
