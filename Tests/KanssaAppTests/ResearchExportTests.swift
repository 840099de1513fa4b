@testable import Evaluation
import Fluent
import Foundation
@testable import KanssaApp
import KanssaCore
import Testing
import VaporTesting

/// Research exports: an admin admits a researcher to a project; the researcher asks for
/// approved tables only; a second person releases it; the researcher downloads it for seven
/// days, as keyed pseudonyms with dates to the month and rare values held back.
@Suite struct ResearchExportTests {
    static let day = 86_400.0

    static func research(_ fixtures: Fixtures) -> String { "/organisations/\(fixtures.here)/research" }

    /// Five colleagues who joined the outreach team in May 2026 (all within the fixture project's
    /// period), and one who joined the employment team: a team only one person shares.
    static func staff(_ fixtures: Fixtures, on app: Application) async throws -> [UUID] {
        let people = try await SelfAssessmentTests.colleagues(6, on: app, fixtures: fixtures)
        let employment = try #require(try await Team.query(on: app.db).filter(\.$name == "Employment").first()?.requireID())
        for (index, person) in people.enumerated() {
            try await TeamStint(teamID: index < 5 ? fixtures.outreachTeam : employment, accountID: person,
                                joinedAt: Date(timeIntervalSince1970: 1_778_000_000 + Double(index) * day)).create(on: app.db)
        }
        return people
    }

    @Test func anAdminAdmitsAResearcherAndBadInputChangesNothing() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            var admin = Browser(app)
            try await admin.signIn(Fixtures.login(.admin))
            let page = try await admin.get(Self.research(fixtures)).body.string
            let offersResearcher = page.contains(fixtures.accounts[.researcher]!.uuidString)
            #expect(offersResearcher)
            let good: [(String, String)] = [
                ("name", "Continuity study"), ("purpose", "How turnover reaches citizens"), ("researcher", fixtures.accounts[.researcher]!.uuidString),
                ("fields[]", "staff-changes"), ("fields[]", "practice-log"), ("period-start", "2026-01-01"), ("period-end", "2026-04-30"),
                ("ends-on", "2026-12-31"),
            ]
            let before = try await ResearchProject.query(on: app.db).count()
            let bad: [([(String, String)], String)] = [
                (good.map { $0.0 == "period-end" ? ($0.0, "2025-12-31") : $0 }, "on or after the first"),
                (good.map { $0.0 == "ends-on" ? ($0.0, "2026-05-01") : $0 }, "today or later"),
                (good.filter { $0.0 != "fields[]" } + [("fields[]", "pulse-answers")], "Choose at least one table"),
                (good.map { $0.0 == "researcher" ? ($0.0, fixtures.accounts[.coordinator]!.uuidString) : $0 }, "Choose one of this organisation"),
                (good.map { $0.0 == "name" ? ($0.0, String(repeating: "x", count: 5_000)) : $0 }, "Give the project a name. It is too long: shorten it to 200 characters or fewer."),
                (good.map { $0.0 == "purpose" ? ($0.0, "") : $0 }, "Say what the research is for"),
            ]
            for (form, message) in bad {
                try await admin.get(Self.research(fixtures))
                let refused = try await admin.post(Self.research(fixtures), form)
                #expect(refused.status == .unprocessableEntity)
                let says = refused.body.string.contains(message)
                #expect(says, "missing: \(message)")
            }
            // A hundred thousand characters is over the size of any form: refused before it is read.
            try await admin.get(Self.research(fixtures))
            let huge = try await admin.post(Self.research(fixtures), good.map { $0.0 == "purpose" ? ($0.0, String(repeating: "x", count: 100_000)) : $0 })
            #expect(huge.status == .payloadTooLarge)
            #expect(try await ResearchProject.query(on: app.db).count() == before)

            try await admin.get(Self.research(fixtures))
            #expect(try await admin.post(Self.research(fixtures), good).status == .seeOther)
            let project = try #require(try await ResearchProject.query(on: app.db).filter(\.$name == "Continuity study").first())
            #expect(project.approved == [.staffChanges, .practiceLog] && !project.exactDates && project.salt.count >= 40)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$event == .researchProjectAdmitted).count() == 1)
            // The coordinator sees the project but is offered no form to admit anyone.
            var coordinator = Browser(app)
            try await coordinator.signIn(Fixtures.login(.coordinator))
            let seen = try await coordinator.get(Self.research(fixtures)).body.string
            let sees = seen.contains("Continuity study") && !seen.contains("Admit the researcher")
            #expect(sees)

            // A researcher whose account was disabled is no longer offered, nor admitted.
            let researcher = fixtures.accounts[.researcher]!
            try await Account.query(on: app.db).filter(\.$id == researcher).set(\.$disabledAt, to: world.now).update()
            #expect(!(try await admin.get(Self.research(fixtures)).body.string.contains(researcher.uuidString)))
            let disabled = try await admin.post(Self.research(fixtures), good.map { $0.0 == "name" ? ($0.0, "Second study") : $0 })
            #expect(disabled.status == .unprocessableEntity && disabled.body.string.contains("Choose one of this organisation"))
        }
    }

    /// An admin ends a project before its end date, after a confirmation: from then on nothing
    /// is asked for or downloaded in it, and a second click changes nothing.
    @Test func anAdminEndsAProjectEarlyAndNothingMoreIsAskedForOrDownloaded() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            var researcher = Browser(app)
            try await researcher.signIn(Fixtures.login(.researcher))
            let table = "/research/exports/\(fixtures.researchExport)/tables/staff-changes"
            #expect(try await researcher.get(table).status == .ok)

            var admin = Browser(app)
            try await admin.signIn(Fixtures.login(.admin))
            let list = Self.research(fixtures), end = "\(Self.research(fixtures))/projects/\(fixtures.researchProject)/end"
            #expect(try await admin.get(list).body.string.contains(end))
            let confirm = try await admin.get(end)
            let asks = confirm.body.string.contains("End the project now") && confirm.body.string.contains("cannot be undone")
            #expect(confirm.status == .ok && asks)
            #expect(try await admin.post(end, []).headers.first(name: .location) == list + "?notice=ended")
            try await admin.get(list)
            #expect(try await admin.post(end, []).headers.first(name: .location) == list)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$event == .researchProjectEnded).count() == 1)
            // The export still waiting for a second person is refused by whoever ended the project.
            let waiting = try #require(try await ResearchExport.find(fixtures.waitingExport, on: app.db))
            #expect(waiting.status == .refused && waiting.decidedByID == fixtures.accounts[.admin]!)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$event == .researchExportRefused).count() == 1)
            let page = try await admin.get(list).body.string
            #expect(page.contains("Ended early on") && !page.contains(end) && page.contains("No export is waiting."))
            #expect(try await admin.get(end).status == .seeOther)

            #expect(try await researcher.get(table).status == .forbidden)
            try await researcher.get("/research")
            let ask = try await researcher.post("/research/projects/\(fixtures.researchProject)/exports",
                                                [("fields-\(fixtures.researchProject)[]", "staff-changes")])
            #expect(ask.status == .forbidden)
        }
    }

    @Test func aSecondPersonReleasesAndTheResearcherDownloadsForSevenDays() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            let people = try await Self.staff(fixtures, on: app)
            var researcher = Browser(app)
            try await researcher.signIn(Fixtures.login(.researcher))
            let own = "/research", ask = "/research/projects/\(fixtures.researchProject)/exports"
            // A table the project was not approved for, or none, is refused; nothing is asked for.
            let count = try await ResearchExport.query(on: app.db).count()
            try await researcher.get(own)
            let notApproved = try await researcher.post(ask, [("fields-\(fixtures.researchProject)[]", "meeting-feedback")])
            #expect(notApproved.status == .unprocessableEntity)
            let saysApproved = notApproved.body.string.contains("Ask only for the tables approved for this project.")
            #expect(saysApproved)
            try await researcher.get(own)
            #expect(try await researcher.post(ask, []).status == .unprocessableEntity)
            #expect(try await ResearchExport.query(on: app.db).count() == count)

            try await researcher.get(own)
            #expect(try await researcher.post(ask, [("fields-\(fixtures.researchProject)[]", "staff-changes")]).status == .seeOther)
            let export = try #require(try await ResearchExport.query(on: app.db).filter(\.$status == .requested)
                .filter(\.$id != fixtures.waitingExport).first())
            let exportID = try export.requireID()
            let table = "/research/exports/\(exportID)/tables/staff-changes"
            // Not released yet: refused.
            #expect(try await researcher.get(table).status == .forbidden)

            // The coordinator sees what it would hand over — counts, never rows — and releases it.
            var coordinator = Browser(app)
            try await coordinator.signIn(Fixtures.login(.coordinator))
            let decision = "/organisations/\(fixtures.here)/research/exports/\(exportID)"
            let summary = try await coordinator.get(decision).body.string
            let pseudonym = Pseudonymiser(secret: app.platform.secret, salt: "fixture-salt").pseudonym(people[0])
            let countsOnly = summary.contains("person, team, joined, left, reason") && !summary.contains(pseudonym) && summary.contains("Release it")
            #expect(countsOnly)
            #expect(try await coordinator.post(decision, [("decision", "release")]).status == .seeOther)
            try await coordinator.get(decision)
            // Deciding again changes nothing.
            let again = try await coordinator.post(decision, [("decision", "refuse")])
            #expect(again.headers.first(name: .location)?.hasSuffix("notice=decided") == true)

            let csv = try await researcher.get(table)
            #expect(csv.status == .ok)
            let text = csv.body.string
            let lines = text.split(separator: "\r\n").map(String.init)
            #expect(lines.first == "\u{FEFF}\"person\",\"team\",\"joined\",\"left\",\"reason\"")
            // Five share the outreach team; the one in employment has their team held back; dates to the month.
            let mine = lines.filter { $0.contains(pseudonym) }
            #expect(mine == ["\"\(pseudonym)\",\"Outreach\",\"2026-05\",\"\",\"\""])
            let loner = Pseudonymiser(secret: app.platform.secret, salt: "fixture-salt").pseudonym(people[5])
            #expect(lines.contains("\"\(loner)\",\"<5\",\"2026-05\",\"\",\"\""))
            let noIdentities = !text.contains(people[0].uuidString) && !text.contains("Pro 0")
            #expect(noIdentities)
            // Stable within the project: downloaded again, the same.
            #expect(try await researcher.get(table).body.string == text)
            #expect(try await researcher.get("/research/exports/\(exportID)/tables/practice-log").status == .notFound)
            let audited = try await AuditEntry.query(on: app.db).all().map(\.event)
            #expect(audited.filter { $0 == .researchExportDownloaded }.count == 2)
            #expect(audited.contains(.researchExportRequested) && audited.contains(.researchExportReleased))

            // Eight days on, the window has closed.
            world.advance(by: 8 * Self.day)
            var later = Browser(app)
            try await later.signIn(Fixtures.login(.researcher))
            #expect(try await later.get(table).status == .forbidden)
            let expired = try await later.get(own).body.string.contains("The seven days to download it have passed")
            #expect(expired)
        }
    }

    @Test func whoAsksCannotRelease() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            // The coordinator asked for this one: they cannot release it; the admin can.
            try await ResearchExport.query(on: app.db).filter(\.$id == fixtures.waitingExport).set(\.$requestedByID, to: fixtures.accounts[.coordinator]!)
                .update()
            let decision = "/organisations/\(fixtures.here)/research/exports/\(fixtures.waitingExport)"
            var coordinator = Browser(app)
            try await coordinator.signIn(Fixtures.login(.coordinator))
            let page = try await coordinator.get(decision).body.string
            let told = page.contains("You asked for this export") && !page.contains("Release it")
            #expect(told)
            #expect(try await coordinator.post(decision, [("decision", "release")]).status == .forbidden)
            #expect(try await ResearchExport.find(fixtures.waitingExport, on: app.db)?.status == .requested)
            var admin = Browser(app)
            try await admin.signIn(Fixtures.login(.admin))
            try await admin.get(decision)
            #expect(try await admin.post(decision, [("decision", "refuse")]).status == .seeOther)
            #expect(try await ResearchExport.find(fixtures.waitingExport, on: app.db)?.status == .refused)
        }
    }

    @Test func researchPagesShowPayloadsEscaped() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            let payload = PayloadSweepTests.payload
            try await Account.query(on: app.db).filter(\.$id == fixtures.accounts[.researcher]!).set(\.$displayName, to: payload).update()
            var admin = Browser(app)
            try await admin.signIn(Fixtures.login(.admin))
            try await admin.get(Self.research(fixtures))
            #expect(try await admin.post(Self.research(fixtures), [
                ("name", payload), ("purpose", payload), ("researcher", fixtures.accounts[.researcher]!.uuidString), ("fields[]", "staff-changes"),
                ("period-start", "2026-01-01"), ("period-end", "2026-04-30"), ("ends-on", "2026-12-31"),
            ]).status == .seeOther)
            try await admin.get(Self.research(fixtures))
            let rejected = try await admin.post(Self.research(fixtures), [
                ("name", payload), ("purpose", payload), ("researcher", payload), ("fields[]", payload), ("period-start", payload),
                ("period-end", payload), ("ends-on", payload), ("exact-dates[]", payload),
            ])
            #expect(rejected.status == .unprocessableEntity)
            PayloadSweepTests.expectEscaped(rejected.body.string, "research form")
            PayloadSweepTests.expectEscaped(try await admin.get(Self.research(fixtures)).body.string, "research projects")
            var researcher = Browser(app)
            try await researcher.signIn(Fixtures.login(.researcher))
            PayloadSweepTests.expectEscaped(try await researcher.get("/research").body.string, "own research")
            let project = try #require(try await ResearchProject.query(on: app.db).filter(\.$name == payload).first()?.requireID())
            let refused = try await researcher.post("/research/projects/\(project)/exports", [("fields-\(project)[]", payload)])
            PayloadSweepTests.expectEscaped(refused.body.string, "export asked for badly")
            try await researcher.get("/research")
            #expect(try await researcher.post("/research/projects/\(project)/exports", [("fields-\(project)[]", "staff-changes")]).status == .seeOther)
            let export = try #require(try await ResearchExport.query(on: app.db).filter(\.$projectID == project).first()?.requireID())
            PayloadSweepTests.expectEscaped(try await admin.get("/organisations/\(fixtures.here)/research/exports/\(export)").body.string, "export")
        }
    }

    // MARK: Pseudonyms and release, without the app

    @Test func pseudonymsAreStableWithinAProjectAndUnlinkableAcross() {
        let secret = Secret(String(repeating: "s", count: 32)), person = UUID(), other = UUID()
        let project = Pseudonymiser(secret: secret, salt: "one"), again = Pseudonymiser(secret: secret, salt: "one")
        #expect(project.pseudonym(person) == again.pseudonym(person))
        #expect(project.pseudonym(person) != project.pseudonym(other))
        #expect(project.pseudonym(person) != Pseudonymiser(secret: secret, salt: "two").pseudonym(person))
        // Without the installation's secret the same salt gives other pseudonyms: the salt alone reveals nothing.
        #expect(project.pseudonym(person) != Pseudonymiser(secret: Secret(String(repeating: "t", count: 32)), salt: "one").pseudonym(person))
        let pseudonym = project.pseudonym(person)
        #expect(pseudonym.count == 24 && pseudonym.allSatisfy(\.isHexDigit))
        #expect(Pseudonymiser.salt() != Pseudonymiser.salt())
    }

    @Test func valuesFewerThanFiveShareAreHeldBackAndDatesGoToTheMonth() throws {
        let people = (0..<6).map { _ in UUID() }
        let may = Date(timeIntervalSince1970: 1_779_000_000)  // 17 May 2026, UTC
        let table = ResearchTable(columns: ["person", "day", "tool", "note"], rows: people.enumerated().map { index, person in
            [.person(person), .day(may), .text(index < 5 ? "Agenda" : "Rare"), index == 0 ? .text("Only one") : .none]
        })
        let pseudonyms = Pseudonymiser(secret: Secret(String(repeating: "s", count: 32)), salt: "x")
        let utc = try #require(TimeZone(identifier: "UTC"))
        let released = ResearchRelease.release(table, pseudonyms: pseudonyms, exactDates: false, timeZone: utc)
        #expect(released.people == 6 && released.heldBackCells == 2)
        #expect(released.rows[0] == [pseudonyms.pseudonym(people[0]), "2026-05", "Agenda", "<5"])
        #expect(released.rows[5] == [pseudonyms.pseudonym(people[5]), "2026-05", "<5", ""])
        #expect(ResearchRelease.release(table, pseudonyms: pseudonyms, exactDates: true, timeZone: utc).rows[1][1] == "2026-05-17")
        // Four people: nothing at all.
        let few = ResearchTable(columns: table.columns, rows: Array(table.rows.prefix(4)))
        #expect(ResearchRelease.release(few, pseudonyms: pseudonyms, exactDates: false, timeZone: utc).rows.isEmpty)
    }
}
