import Agenda
import Fluent
import Foundation
@testable import KanssaApp
import KanssaCore
import Learning
import Listening
import Testing
import VaporTesting

/// Migrations are history: each one prepares and reverts on both databases.
@Suite struct MigrationTests {
    @Test func everyMigrationRevertsAndPreparesAgain() async throws {
        try await withApp { app, _ in
            _ = try await Fixtures.make(on: app)
            try await app.autoRevert()
            await #expect(throws: (any Error).self) { _ = try await Organisation.query(on: app.db).count() }
            try await app.autoMigrate()
            #expect(try await Organisation.query(on: app.db).count() == 0)
            _ = try await Fixtures.make(on: app)
        }
    }

    @Test func migrationNamesAreUniqueAndFrozen() {
        let names = CoreMigrations.all.map(\.name)
        #expect(Set(names).count == names.count)
        #expect(names.first == "M001_CreateOrganisations")
        #expect(names.allSatisfy { $0.hasPrefix("M0") })
    }

    @Test func demoDataLoadsOnceAndTellsThePilotsStories() async throws {
        try await withApp { app, _ in
            #expect(try await DemoData.load(on: app.db, platform: app.platform))
            #expect(try await !DemoData.load(on: app.db, platform: app.platform))
            #expect(try await Organisation.query(on: app.db).count() == 5)
            let roles = Set(try await Membership.query(on: app.db).all().map(\.role))
            #expect(roles == Set(Role.allCases))
            var browser = Browser(app)
            try await browser.signIn("fatima@houten.demo", password: DemoData.password)
        }
    }
}

@Suite struct DemoLearningTests {
    @Test func hullsOfficersAnsweredBeforeAndAfterTheTrainingDays() async throws {
        try await withApp { app, _ in
            try await DemoData.load(on: app.db, platform: app.platform)
            var lead = Browser(app)
            try await lead.signIn("lead@hull.demo", password: DemoData.password)
            let home = try await lead.get("/").body.string
            let link = try #require(home.firstMatch(of: #/href="(/organisations/[^"]+/rounds)"/#)?.1)
            let rounds = try await lead.get(String(link)).body.string
            #expect(rounds.contains("After the training days") && rounds.contains("<td>6</td>"))
            let figuresLink = try #require(rounds.firstMatch(of: #/href="(/organisations/[^"]+/rounds/[^"]+/figures)">After/#)?.1)
            let before = try #require(try await AssessmentRound.query(on: app.db).filter(\.$label == "Before the training days").first()?.id)
            let figures = try await lead.get(String(figuresLink) + "?compare=\(before)").body.string
            #expect(figures.contains("6 people have sent their answers"))
            #expect(figures.contains("95 % interval"))
            #expect(!figures.contains("Too few answers"))
            var amy = Browser(app)
            try await amy.signIn("amy@hull.demo", password: DemoData.password)
            let mine = try await amy.get("/learning").body.string
            #expect(mine.contains("After the training days") && mine.contains("Sent"))
        }
    }

    @Test func hullsSetMetFiveTimesWithReportsBackAndOneCommitmentStillOpen() async throws {
        try await withApp { app, _ in
            try await DemoData.load(on: app.db, platform: app.platform)
            var amy = Browser(app)
            try await amy.signIn("amy@hull.demo", password: DemoData.password)
            let mine = try await amy.get("/learning").body.string
            let setLink = try #require(mine.firstMatch(of: #/href="(/learning/sets/[^"]+)">My Direction set/#)?.1)
            let set = try await amy.get(String(setLink)).body.string
            #expect(set.contains("Bring her, the hostel keyworker and the housing officer"))  // waiting for a report
            let meetings = set.matches(of: #/href="(/learning/sets/[^"]+/meetings/[^"]+)"/#).map { String($0.1) }
            #expect(meetings.count == 7)
            let second = try await amy.get(meetings[1]).body.string
            #expect(second.contains("Tuesday mornings at the library") && second.contains("It was the bus fare"))
            #expect(second.contains("Naive to whom"))
            // Dawn, the coordinator, sees counts and attendance only.
            var lead = Browser(app)
            try await lead.signIn("lead@hull.demo", password: DemoData.password)
            let home = try await lead.get("/").body.string
            let setsLink = try #require(home.firstMatch(of: #/href="(/organisations/[^"]+/sets)"/#)?.1)
            let counts = try await lead.get(String(setsLink)).body.string
            #expect(counts.contains("5 held of 7 planned"))
            #expect(counts.contains("6 made, 5 reported back"))
            #expect(!counts.contains("bus fare") && !counts.contains("hostel"))
            #expect(try await lead.get(String(setLink)).status == .forbidden)
        }
    }

    @Test func helenCoachesBenAndChloeLetHerKeepReading() async throws {
        try await withApp { app, _ in
            try await DemoData.load(on: app.db, platform: app.platform)
            var ben = Browser(app)
            try await ben.signIn("ben@hull.demo", password: DemoData.password)
            let list = try await ben.get("/learning/coaching").body.string
            let link = try #require(list.firstMatch(of: #/href="(/learning/coaching/[^"]+)">Helen Price coaches you/#)?.1)
            let record = try await ben.get(String(link)).body.string
            #expect(record.contains("Ask Dawn whether the double entry can stop"))
            #expect(record.matches(of: #/<article class="card">/#).count == 4)
            var helen = Browser(app)
            try await helen.signIn("trainer@hull.demo", password: DemoData.password)
            let hers = try await helen.get("/learning/coaching").body.string
            let chloe = try #require(hers.firstMatch(of: #/href="(/learning/coaching/[^"]+)">You coach Chloe Patel/#)?.1)
            #expect(try await helen.get(String(chloe)).body.string.contains("Speak up in case conferences."))
        }
    }

    @Test func helenSeesTheFirstTrainingDaysFeedbackAndAmyCanRegisterForTheSecond() async throws {
        try await withApp { app, _ in
            try await DemoData.load(on: app.db, platform: app.platform)
            var helen = Browser(app)
            try await helen.signIn("trainer@hull.demo", password: DemoData.password)
            let home = try await helen.get("/").body.string
            let link = try #require(home.firstMatch(of: #/href="(/organisations/[^"]+/sessions)"/#)?.1)
            let list = try await helen.get(String(link)).body.string
            let first = try #require(list.firstMatch(of: #/href="(/learning/sessions/[^"]+)">Person-centred practice: the first/#)?.1)
            let held = try await helen.get(String(first)).body.string
            #expect(held.contains("6 people have given feedback.") && held.contains("More time on what to do when the court"))
            var amy = Browser(app)
            try await amy.signIn("amy@hull.demo", password: DemoData.password)
            let second = try #require(list.firstMatch(of: #/href="(/learning/sessions/[^"]+)">Person-centred practice: the second/#)?.1)
            let page = try await amy.get(String(second)).body.string
            #expect(page.contains("3 of 12 places taken") && page.contains(">Register<"))
        }
    }

    @Test func hullsPracticeLogsGrowAndTheTeamsAdoptionShows() async throws {
        try await withApp { app, _ in
            try await DemoData.load(on: app.db, platform: app.platform)
            var amy = Browser(app)
            try await amy.signIn("amy@hull.demo", password: DemoData.password)
            let mine = try await amy.get("/learning/practice").body.string
            let months = mine.matches(of: #/<td>([A-Z][a-z]+ 20\d\d)</td><td>(\d+)</td><td>(\d+)</td>/#).map { (Int($0.2)!, Int($0.3)!) }
            #expect(months.count == 6)
            #expect(months.last!.1 > months.first!.1)  // more different tools at the end than at the start
            var lead = Browser(app)
            try await lead.signIn("lead@hull.demo", password: DemoData.password)
            let home = try await lead.get("/").body.string
            let link = try #require(home.firstMatch(of: #/href="(/organisations/[^"]+/practice)"/#)?.1)
            let overview = try await lead.get(String(link)).body.string
            #expect(overview.contains("My Direction (6 professionals)"))
            let agenda = try #require(overview.firstMatch(of: #/<td>The agenda conversation</td><td>(\d) of 6/#)?.1)
            #expect(Int(agenda)! >= 3)
            #expect(overview.contains("Walk and talk"))
            #expect(!overview.contains("marina"))
        }
    }
}

@Suite struct DemoEncounteringTests {
    @Test func turkusYouthPanelPublishedItsModuleAndHoutenReadsIt() async throws {
        try await withApp { app, _ in
            try await DemoData.load(on: app.db, platform: app.platform)
            var sanne = Browser(app)
            try await sanne.signIn("sanne@houten.demo", password: DemoData.password)
            let home = try await sanne.get("/encountering").body.string
            let link = try #require(home.firstMatch(of: #/href="(/encountering/modules/[^"]+)">Kohtaa minut/#)?.1)
            let module = try await sanne.get(String(link)).body.string
            #expect(module.contains("Written by Venla K., Aleksi") && module.contains("Lomake ensin"))
            #expect(!module.contains("Voisiko sen lukea"))  // the coordinator's comment stays with the panel
            var venla = Browser(app)
            try await venla.signIn("venla@turku.demo", password: DemoData.password)
            #expect(try await venla.get(String(link)).body.string.contains("Voisiko sen lukea ääneen"))
            // It travelled: Houten adapted it in Dutch, Valencia adapted Houten's in Spanish.
            #expect(module.contains("Zie mij — ontmoetingstraining") && module.contains("Mírame — formación sobre el encuentro"))
            #expect(module.contains("Organisations reached, with its adaptations: 3"))
            let spanish = try #require(home.firstMatch(of: #/href="(/encountering/modules/[^"]+)">Mírame/#)?.1)
            let valencia = try await sanne.get(String(spanish)).body.string
            #expect(valencia.contains("Written by Venla K., Aleksi — Nuorten paneeli") && valencia.contains("Adapted by Noor, Yusuf H. — Ervaringsdeskundigen Houten")
                    && valencia.contains("Adapted by Marta R. — Panel de personas usuarias"))
            #expect(valencia.contains("Tres horas esperando a un mentor") && valencia.contains("lang=\"es\""))
            // Each held two sessions; each of those trained five professionals.
            let turkuModule = try await venla.get(String(link)).body.string
            #expect(turkuModule.contains("Pidettyjä koulutuksia: 2 · koulutettuja ammattilaisia: 10")
                    && turkuModule.contains("Sovitukset mukaan lukien: pidettyjä koulutuksia 6 · koulutettuja ammattilaisia 30"))
            // What participants said flows back to the panel: ten answers, five follow-ups.
            #expect(turkuModule.contains("Mitä osallistujat sanoivat, kaikki koulutukset yhdessä")
                    && turkuModule.contains("Palautteita: 10 · seurantavastauksia: 5") && turkuModule.contains("Suljen näytön, kun nuori istuu alas."))
            #expect(!(try await sanne.get(String(link)).body.string.contains("Suljen näytön")))  // not to other organisations' staff
            #expect(try await sanne.get("/encountering").body.string.contains("Give your feedback on “Zie mij"))
            let statement = try await venla.get("/encountering/statement").body.string
            #expect(statement.contains("Leffalippu") && statement.contains("3,5 tuntia"))
        }
    }
}

@Suite struct DemoPlanTests {
    @Test func theDemoTellsHoutensAndValenciasStories() async throws {
        try await withApp { app, _ in
            try await DemoData.load(on: app.db, platform: app.platform)
            var fatima = Browser(app)
            try await fatima.signIn("fatima@houten.demo", password: DemoData.password)
            let plan = try await fatima.get("/plan").body.string
            #expect(plan.contains("Working again, in a job where my languages count"))
            #expect(plan.contains("suggested by Joost Visser – not your goal unless you agree"))
            // Two services plan on the same morning, one of them for a goal that is not hers.
            let whole = try await fatima.get("/plan/actions").body.string
            #expect(whole.contains("Days when more than one service expects something of you"))
            #expect(whole.contains("Home visit with an interpreter"))
            #expect(whole.contains("Not for a goal of yours"))
            #expect(whole.contains("Overdue"))
            #expect(whole.contains("Of your 5 things to do, 4 are for goals you chose."))
            // Her wish to be home after school pulls against the hospital's shifts, and two services are caught on the two sides.
            #expect(whole.contains("Services pull in opposite directions"))
            let life = try await fatima.get("/plan/life").body.string
            #expect(life.contains("The views differ by 2."))  // work: Fatima 7, Sanne 5
            var carlos = Browser(app)
            try await carlos.signIn("carlos@valencia.demo", password: DemoData.password)
            #expect(try await carlos.get("/plan").body.string.contains("you said no"))
            // Houten's coordinator sees the work-and-income team's figure (six plans), not the others'.
            var lead = Browser(app)
            try await lead.signIn("lead@houten.demo", password: DemoData.password)
            let home = try await lead.get("/").body.string
            let link = try #require(home.firstMatch(of: #/href="(/organisations/[^"]+/alignment)"/#)?.1)
            let figures = try await lead.get(String(link)).body.string
            #expect(figures.contains("Too few plans to show without identifying people"))  // Social support: one plan
            #expect(figures.contains("60 % (9 of 15 open actions)"))
            // Fatima's plan is shared by the work-and-income and social-support teams.
            for professional in ["sanne@houten.demo", "joost@houten.demo"] {
                var browser = Browser(app)
                try await browser.signIn(professional, password: DemoData.password)
                let caseload = try await browser.get("/caseload").body.string
                #expect(caseload.contains("Fatima"), "\(professional)")
            }
        }
    }
}

@Suite struct DemoListeningTests {
    @Test func valenciaStoppedItsCourseAndNieuwegeinTookTheLocksOff() async throws {
        try await withApp { app, _ in
            try await DemoData.load(on: app.db, platform: app.platform)
            var anyone = Browser(app)
            let valencia = try await anyone.get("/c/TRABAJ/we-did").body.string
            #expect(valencia.contains("What we heard: Overturned.") && valencia.contains("Una mentora me ayudó"))
            #expect(valencia.contains("The entrepreneurship course") && valencia.contains("A co-working space with mentors on demand"))
            #expect(!valencia.contains("I waited three weeks"))  // no consent to publish
            let trabaj = try #require(try await Answers.consultation(DemoData.valenciaCode, on: app.db))
            let statuses = try await Decision.query(on: app.db).filter(\.$consultationID == trabaj.requireID()).all().map(\.status)
            #expect(statuses.sorted { $0.rawValue < $1.rawValue } == [.done, .done, .underWay])
            let nieuwegein = try await anyone.get("/c/AFVAK7/we-did").body.string
            #expect(nieuwegein.contains("Locking the waste containers with a smart card") && nieuwegein.contains("Done"))
            #expect(nieuwegein.contains("6 people took part."))
            var javier = Browser(app)
            try await javier.signIn("mentor@valencia.demo", password: DemoData.password)
            let calibration = try await javier.get("/organisations/\(trabaj.organisationID)/consultations/calibration").body.string
            #expect(calibration.contains("Brier score: 0.27, over 3 assumptions."))
            // Themes suggested from the Spanish answers: one taken in under Ana's name for it, one turned down, one waiting.
            let suggestions = try await javier.get("/listening/consultations/\(try trabaj.requireID())/suggestions").body.string
            #expect(suggestions.contains("Taken into the codebook as “Somewhere near, with others” by Ana"))
            #expect(suggestions.contains("Turned down by Javier") && suggestions.contains("Machine-made"))
        }
    }
}
