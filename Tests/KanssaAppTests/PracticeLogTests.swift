import Fluent
import Foundation
@testable import KanssaApp
import KanssaCore
import Learning
import Testing
import VaporTesting

/// The practice log: private entries, growth over time, a catalogue organisations extend, and
/// adoption per team counted only for teams of five or more.
@Suite struct PracticeLogTests {
    @Test func aProfessionalLogsToolsAndSeesTheirOwnGrowthOnly() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            #expect(try await professional.get("/learning/practice").body.string.contains("Nothing logged yet."))
            // A day still to come, no tool, a name of nobody: each named, nothing logged.
            let bad = try await professional.post("/learning/practice", [
                ("tool", "no-such-tool"), ("used-on", "2026-06-30"), ("with-whom", ""), ("what-happened", "Something"),
            ])
            #expect(bad.status == .unprocessableEntity)
            for message in ["Choose a tool from the list", "today or earlier", "Say with whom"] {
                #expect(bad.body.string.contains(message), "\(message)")
            }
            #expect(try await PracticeEntry.query(on: app.db).count() == 0)

            // Three entries over two months (the test's clock stands on 28 May 2026, Helsinki).
            for (tool, day) in [("agenda-conversation", "2026-04-10"), ("agenda-conversation", "2026-05-02"), ("strengths-mapping", "2026-05-20")] {
                try await professional.get("/learning/practice")
                let logged = try await professional.post("/learning/practice", [
                    ("tool", tool), ("used-on", day), ("with-whom", "a young man and his mother"),
                    ("what-happened", "He talked about fixing bikes"), ("what-learned", ""),
                ])
                #expect(logged.status == .seeOther)
            }
            let page = try await professional.get("/learning/practice?notice=logged").body.string
            #expect(page.contains("Your entry is in your log."))
            #expect(page.contains("<td>The agenda conversation</td><td>2</td>"))
            #expect(page.contains("<td>April 2026</td><td>1</td><td>1</td>"))
            #expect(page.contains("<td>May 2026</td><td>2</td><td>2</td>"))
            let stored = try #require(try await PracticeEntry.query(on: app.db).sort(\.$usedOn).first())
            #expect(stored.accountID == fixtures.accounts[.professional]! && stored.whatLearned.isEmpty)

            // Nobody else reads it: other roles have no page for it, and the organisation's view counts people only.
            var other = Browser(app)
            try await other.signIn(Fixtures.memberOfBothLogin)
            #expect(!(try await other.get("/learning/practice").body.string.contains("fixing bikes")))
            var coordinator = Browser(app)
            try await coordinator.signIn(Fixtures.login(.coordinator))
            #expect(try await coordinator.get("/learning/practice").status == .forbidden)
            let overview = try await coordinator.get("/organisations/\(fixtures.here)/practice").body.string
            #expect(!overview.contains("fixing bikes") && !overview.contains("young man"))
            _ = world
        }
    }

    @Test func adoptionIsCountedPerTeamOfFiveOrMore() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            let day = 24.0 * 3600
            // The outreach team has the professional; four colleagues join it: five people.
            let colleagues = try await SelfAssessmentTests.colleagues(4, on: app, fixtures: fixtures)
            for colleague in colleagues {
                try await TeamMember(teamID: fixtures.outreachTeam, accountID: colleague, createdAt: world.now).create(on: app.db)
            }
            let people = [fixtures.accounts[.professional]!] + colleagues
            func log(_ person: UUID, _ tool: String, daysAgo: Double) async throws {
                try await PracticeEntry(accountID: person, tool: tool, usedOn: world.now.addingTimeInterval(-daysAgo * day), withWhom: "x",
                                        whatHappened: "x", whatLearned: "", at: world.now).create(on: app.db)
            }
            try await log(people[0], "agenda-conversation", daysAgo: 200)
            try await log(people[1], "agenda-conversation", daysAgo: 10)
            try await log(people[1], "agenda-conversation", daysAgo: 5)
            try await log(people[2], "strengths-mapping", daysAgo: 3)
            var coordinator = Browser(app)
            try await coordinator.signIn(Fixtures.login(.coordinator))
            var page = try await coordinator.get("/organisations/\(fixtures.here)/practice").body.string
            // Two of five have used the agenda conversation (one twice: still one person); one the strengths mapping.
            #expect(page.contains("Outreach (5 professionals)"))
            #expect(page.contains("<td>The agenda conversation</td><td>2 of 5 (40 %)</td>"))
            #expect(page.contains("<td>Strengths mapping</td><td>1 of 5 (20 %)</td>"))
            #expect(page.contains("2 of 5 logged a tool in the last 90 days."))

            // With four in the team, nothing is shown for it.
            try await TeamMember.query(on: app.db).filter(\.$account.$id == colleagues[3]).delete()
            page = try await coordinator.get("/organisations/\(fixtures.here)/practice").body.string
            #expect(page.contains("Outreach (4 professionals)"))
            #expect(page.contains("Too few people to show without identifying anyone"))
            #expect(!page.contains("2 of 4"))
        }
    }

    @Test func aCoordinatorExtendsTheCatalogueAndItsProfessionalsLogTheNewTool() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            var coordinator = Browser(app)
            try await coordinator.signIn(Fixtures.login(.coordinator))
            try await coordinator.get("/organisations/\(fixtures.here)/practice")
            // A name Kanssa's catalogue has already (in any language) is refused.
            let taken = try await coordinator.post("/organisations/\(fixtures.here)/practice/tools",
                                                   [("name", "vahvuuksien kartoitus"), ("description", "Ours")])
            #expect(taken.status == .unprocessableEntity)
            try await coordinator.get("/organisations/\(fixtures.here)/practice")
            #expect(try await coordinator.post("/organisations/\(fixtures.here)/practice/tools",
                                               [("name", "Walk and talk"), ("description", "A supervision walking in the park.")]).status == .seeOther)
            let tool = try #require(try await OrganisationTool.query(on: app.db).first())
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            #expect(try await professional.get("/learning/practice").body.string.contains("Walk and talk"))
            #expect(try await professional.post("/learning/practice", [
                ("tool", try tool.requireID().uuidString), ("used-on", "2026-05-27"), ("with-whom", "a woman on licence"),
                ("what-happened", "She talked more outside"),
            ]).status == .seeOther)
            // Another organisation's professional does not see it.
            var elsewhere = Browser(app)
            try await elsewhere.signIn(Fixtures.adminElsewhereLogin)
            #expect(try await elsewhere.get("/organisations/\(fixtures.elsewhere)/practice").status == .forbidden)
        }
    }
}
