import Agenda
import Foundation
import KanssaCore
import Testing

@Suite struct AuthorisationRequestTests {
    let team = PlanSharing.TeamChoice(teamID: UUID(), teamName: "Work and income", organisationName: "Houten", legalBases: [.publicTask])
    let zone = TimeZone(identifier: "Europe/Amsterdam")!
    let now = Date(timeIntervalSince1970: 1_780_000_000) // 2026-05-28

    @Test func aCompleteRequestEndsAtTheEndOfTheChosenDay() throws {
        let draft = Sharing.Draft(teamID: team.teamID, sections: [.goals], purpose: "  Finding work  ", legalBasis: .publicTask, until: "2026-12-31")
        let checked = try AuthorisationRequest.check(draft, choices: [team], timeZone: zone, now: now).get()
        #expect(checked.purpose == "Finding work")
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        #expect(calendar.dateComponents([.year, .month, .day, .hour, .minute], from: checked.expiresAt)
            == DateComponents(year: 2026, month: 12, day: 31, hour: 23, minute: 59))
    }

    @Test func everyProblemIsReportedAtOnce() {
        let draft = Sharing.Draft(teamID: UUID(), sections: [], purpose: " ", legalBasis: .consent, until: "2026-02-30")
        let result = AuthorisationRequest.check(draft, choices: [team], timeZone: zone, now: now)
        #expect(result == .failure(.init(problems: [.team, .sections, .purpose, .legalBasis, .until])))
    }

    @Test(arguments: ["2026-05-27", "2028-06-30", "tomorrow", "2026-13-01", ""])
    func datesInThePastTooFarOrUnreadableAreRefused(until: String) {
        let draft = Sharing.Draft(teamID: team.teamID, sections: [.agenda], purpose: "x", legalBasis: .publicTask, until: until)
        #expect(AuthorisationRequest.check(draft, choices: [team], timeZone: zone, now: now) == .failure(.init(problems: [.until])))
    }

    @Test func theBasisMustBeOneTheTeamsOrganisationUses() {
        let draft = Sharing.Draft(teamID: team.teamID, sections: [.agenda], purpose: "x", legalBasis: .consent, until: "2026-12-31")
        #expect(AuthorisationRequest.check(draft, choices: [team], timeZone: zone, now: now) == .failure(.init(problems: [.legalBasis])))
    }
}

extension AuthorisationRequestTests {
    @Test func aNamedPersonCanBeChosenInsteadOfATeam() throws {
        let sanne = PlanSharing.PersonChoice(accountID: UUID(), name: "Sanne Bakker", organisationName: "Houten", legalBases: [.publicTask])
        let draft = Sharing.Draft(personID: sanne.accountID, sections: [.goals], purpose: "Work", legalBasis: .publicTask, until: "2026-12-31")
        let checked = try AuthorisationRequest.check(draft, choices: [team], people: [sanne], timeZone: zone, now: now).get()
        #expect(checked.grantee == .person(sanne))
        // Someone who is not among the choices — another organisation's staff — is refused.
        let stranger = Sharing.Draft(personID: UUID(), sections: [.goals], purpose: "Work", legalBasis: .publicTask, until: "2026-12-31")
        #expect(AuthorisationRequest.check(stranger, choices: [team], people: [sanne], timeZone: zone, now: now)
            == .failure(.init(problems: [.team])))
    }
}
