import Encountering
import Fluent
import Vapor
import Foundation
import KanssaCore

/// Demo data that tells the seed's stories: Turku's youth services with their youth panel, the
/// Houten work-and-income service, and Valencia's employment service. Loaded once; loading it
/// again adds nothing.
enum DemoData {
    /// Every demo account shares this password. The demo runs on a person's own machine only.
    static let password = "kanssa-demo-2026"

    struct Place {
        let name: String
        let language: String
        let teams: [String]
    }

    struct Person {
        let login: String
        let name: String
        let place: String
        let role: Role
        let team: String?

        var summary: String { "\(role.rawValue) – \(place)" }
    }

    static let turku = "City of Turku – Youth Services"
    static let houten = "Municipality of Houten – Work and Income"
    static let valencia = "Valencia Activa – Employment and Entrepreneurship"
    static let hull = "Hull – My Direction probation service"
    static let nieuwegein = "Municipality of Nieuwegein – Neighbourhoods"

    static let places = [
        Place(name: turku, language: "fi", teams: ["Youth outreach", "Youth panel", "Youth employment"]),
        Place(name: houten, language: "en", teams: ["Work and income", "Social support", "Information desk"]),
        Place(name: valencia, language: "en", teams: ["Co-working space", "Mentors"]),
        Place(name: hull, language: "en", teams: ["My Direction"]),
        Place(name: nieuwegein, language: "en", teams: ["Neighbourhood team"]),
    ]

    /// Who asked for the daily e-mail: the demo's outbox page shows what went to them.
    static let mailed: Set<String> = ["sanne@houten.demo"]

    static let people = [
        Person(login: "admin@turku.demo", name: "Tuula Virtanen", place: turku, role: .admin, team: nil),
        Person(login: "aino@turku.demo", name: "Aino Laine", place: turku, role: .professional, team: "Youth outreach"),
        Person(login: "mikko@turku.demo", name: "Mikko Salo", place: turku, role: .coordinator, team: "Youth employment"),
        Person(login: "venla@turku.demo", name: "Venla K.", place: turku, role: .coTrainer, team: "Youth panel"),
        Person(login: "aleksi@turku.demo", name: "Aleksi", place: turku, role: .coTrainer, team: "Youth panel"),
        Person(login: "eemeli@turku.demo", name: "Eemeli", place: turku, role: .citizen, team: nil),
        Person(login: "coach@turku.demo", name: "Helena Coach", place: turku, role: .trainer, team: nil),
        Person(login: "researcher@kanssa.demo", name: "Riikka Researcher", place: turku, role: .researcher, team: nil),
        Person(login: "admin@houten.demo", name: "Pieter de Vries", place: houten, role: .admin, team: nil),
        Person(login: "sanne@houten.demo", name: "Sanne Bakker", place: houten, role: .professional, team: "Work and income"),
        Person(login: "joost@houten.demo", name: "Joost Visser", place: houten, role: .professional, team: "Social support"),
        Person(login: "lead@houten.demo", name: "Marloes Jansen", place: houten, role: .coordinator, team: nil),
        Person(login: "fatima@houten.demo", name: "Fatima", place: houten, role: .citizen, team: nil),
        Person(login: "ahmed@houten.demo", name: "Ahmed", place: houten, role: .citizen, team: nil),
        Person(login: "bram@houten.demo", name: "Bram", place: houten, role: .citizen, team: nil),
        Person(login: "chantal@houten.demo", name: "Chantal", place: houten, role: .citizen, team: nil),
        Person(login: "dewi@houten.demo", name: "Dewi", place: houten, role: .citizen, team: nil),
        Person(login: "eva@houten.demo", name: "Eva", place: houten, role: .citizen, team: nil),
        Person(login: "researcher@kanssa.demo", name: "Riikka Researcher", place: houten, role: .researcher, team: nil),
        Person(login: "noor@houten.demo", name: "Noor El Amrani", place: houten, role: .coTrainer, team: nil),
        Person(login: "yusuf@houten.demo", name: "Yusuf Haddad", place: houten, role: .coTrainer, team: nil),
        Person(login: "admin@valencia.demo", name: "Lucía Martínez", place: valencia, role: .admin, team: nil),
        Person(login: "mentor@valencia.demo", name: "Javier García", place: valencia, role: .professional, team: "Mentors"),
        Person(login: "ana@valencia.demo", name: "Ana Torres", place: valencia, role: .professional, team: "Mentors"),
        Person(login: "carlos@valencia.demo", name: "Carlos", place: valencia, role: .citizen, team: nil),
        Person(login: "marta@valencia.demo", name: "Marta Ruiz Soler", place: valencia, role: .coTrainer, team: nil),
        Person(login: "lead@hull.demo", name: "Dawn Richards", place: hull, role: .coordinator, team: nil),
        Person(login: "trainer@hull.demo", name: "Helen Price", place: hull, role: .trainer, team: nil),
        Person(login: "admin@hull.demo", name: "Gary Holt", place: hull, role: .admin, team: nil),
        Person(login: "researcher@kanssa.demo", name: "Riikka Researcher", place: hull, role: .researcher, team: nil),
        Person(login: "ruud@nieuwegein.demo", name: "Ruud Smit", place: nieuwegein, role: .professional, team: "Neighbourhood team"),
    ] + hullOfficers.map { login, name in Person(login: login, name: name, place: hull, role: .professional, team: "My Direction") }
        + encounterParticipants.flatMap { place, people in
            people.map { login, name in Person(login: login, name: name, place: place, role: .professional, team: nil) }
        }

    /// Loads the demo data unless it is there already; returns whether it added anything.
    @discardableResult
    static func load(on database: any Database, platform: Platform) async throws -> Bool {
        if try await Organisation.query(on: database).filter(\.$name == turku).count() > 0 { return false }
        let now = platform.dependencies.now()
        let hash = try Bcrypt.hash(password, cost: platform.config.passwordCost)
        try await database.transaction { database in
            var organisationIDs: [String: UUID] = [:]
            var teamIDs: [String: UUID] = [:]
            for place in places {
                let organisation = Organisation(name: place.name, defaultLanguage: place.language, createdAt: now)
                try await organisation.create(on: database)
                organisationIDs[place.name] = try organisation.requireID()
                for name in place.teams {
                    let team = Team(organisationID: try organisation.requireID(), name: name, createdAt: now)
                    try await team.create(on: database)
                    teamIDs[place.name + "/" + name] = try team.requireID()
                }
            }
            var accountIDs: [String: UUID] = [:]
            for person in people {
                if accountIDs[person.login] == nil {
                    let language = places.first { $0.name == person.place }?.language ?? "en"
                    let account = Account(
                        login: person.login, displayName: person.name, preferredLanguage: language,
                        passwordHash: hash, createdAt: now)
                    if mailed.contains(person.login) {
                        account.email = person.login
                        account.noticesByEmail = true
                    }
                    try await account.create(on: database)
                    accountIDs[person.login] = try account.requireID()
                }
                try await Enrolment.grant(
                    accountID: accountIDs[person.login]!, organisationID: organisationIDs[person.place]!,
                    role: person.role, teamID: person.team.flatMap { teamIDs[person.place + "/" + $0] },
                    at: now, on: database)
            }
            try await loadPlans(accountIDs: accountIDs, teamIDs: teamIDs, at: now, on: database)
            try await loadSelfAssessments(
                organisationID: organisationIDs[hull]!, accountIDs: accountIDs, instruments: platform.instruments, at: now, on: database)
            try await loadEncountering(accountIDs: accountIDs, organisationIDs: organisationIDs, instruments: platform.instruments, at: now,
                                       on: database)
            try await loadLearningSessions(organisationID: organisationIDs[hull]!, accountIDs: accountIDs, at: now, on: database)
            try await loadCoaching(accountIDs: accountIDs, organisationID: organisationIDs[hull]!, at: now, on: database)
            try await loadConsultations(
                accountIDs: accountIDs, organisationIDs: organisationIDs, teamIDs: teamIDs, timeZone: platform.config.timeZone, at: now,
                on: database)
            try await loadPracticeLogs(organisationID: organisationIDs[hull]!, accountIDs: accountIDs, at: now, on: database)
            try await loadPulses(organisationIDs: organisationIDs, teamIDs: teamIDs, accountIDs: accountIDs, instrument: platform.staffPulse,
                                 at: now, on: database)
            try await loadStaffChanges(organisationIDs: organisationIDs, teamIDs: teamIDs, accountIDs: accountIDs, at: now, on: database)
            try await loadCitizensVoice(accountIDs: accountIDs, organisationIDs: organisationIDs, teamIDs: teamIDs,
                                        timeZone: platform.config.timeZone, at: now, on: database)
            try await loadResearch(accountIDs: accountIDs, organisationIDs: organisationIDs, timeZone: platform.config.timeZone, at: now,
                                   on: database)
            try await loadBarriers(accountIDs: accountIDs, organisationIDs: organisationIDs, teamIDs: teamIDs, instrument: platform.staffPulse,
                                   timeZone: platform.config.timeZone, at: now, on: database)
            try await loadActionLearningSet(
                organisationID: organisationIDs[hull]!, accountIDs: accountIDs, timeZone: platform.config.timeZone, at: now, on: database)
            // Houten keeps its staff's case records and the access trace for a while after an
            // erasure request, and erases citizens' accounts nobody has used for three years, so
            // that the demo's "Restrict or erase my data" page has rules to show.
            for (kind, months, reason) in [
                (RecordKind.caseRecords, 24, "Our records schedule for client files of the work-and-income service"),
                (RecordKind.accessTrace, 12, "To show, if asked, that your information was used lawfully"),
                (RecordKind.unusedAccounts, 36, "We keep no information about people who no longer use Kanssa"),
            ] {
                try await RetentionRule(
                    organisationID: organisationIDs[houten]!, recordKind: kind, keepMonths: months, reason: reason,
                    updatedByID: accountIDs["admin@houten.demo"]!, updatedAt: now
                ).create(on: database)
            }
            // Houten says in its own words what sharing on its two bases means for the people it serves.
            for (basis, text) in [
                (LegalBasis.publicTask, "Work and Income needs to see it to pay your benefit and help you find work: the law asks this of us. "
                    + "You can always ask us what we look at, and why."),
                (LegalBasis.consent, "Only if you want it. You can stop it here, or at our desk, whenever you like, and nothing else changes."),
            ] {
                try await LegalBasisExplanation(organisationID: organisationIDs[houten]!, basis: basis, text: text,
                                                updatedByID: accountIDs["admin@houten.demo"]!, at: now).create(on: database)
            }
        }
        return true
    }
}
