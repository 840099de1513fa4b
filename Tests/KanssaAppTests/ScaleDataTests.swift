import Agenda
import Fluent
import Foundation
@testable import KanssaApp
import KanssaCore
import Learning
import Listening
import SQLKit
import Testing
import VaporTesting

/// The benchmark's data generator makes the volumes it promises, and the pages work on them.
@Suite struct ScaleDataTests {
    @Test func aRoundAtScaleIsAnsweredTwiceByEveryoneAndItsFiguresShow() async throws {
        try await withApp { app, world in
            let instrument = try #require(app.platform.instruments["co-creation-mindset"])
            let rounds = try await RoundScaleData(answers: 12).load(
                instrument: instrument, on: app.db, at: world.now, passwordHash: try Bcrypt.hash(ScaleData.password, cost: 4))
            #expect(try await AssessmentAnswer.query(on: app.db).filter(\.$submittedAt != nil).count() == 24)
            var coordinator = Browser(app)
            try await coordinator.signIn(RoundScaleData.coordinatorLogin, password: ScaleData.password)
            let organisation = try #require(try await Organisation.query(on: app.db).first()?.id)
            let page = try await coordinator.get("/organisations/\(organisation)/rounds/\(rounds.after)/figures?compare=\(rounds.before)")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("12 people have sent their answers"))
            #expect(page.body.string.contains("95 % interval"))
        }
    }

    @Test func volumesPerCitizenAreAsPromisedAndThePagesWork() async throws {
        try await withApp { app, world in
            let hash = try Bcrypt.hash(ScaleData.password, cost: 4)
            let data = ScaleData(citizens: 30, organisations: 2, professionals: 10)
            try await data.load(on: app.db, at: world.now, passwordHash: hash) { _ in }
            #expect(try await Organisation.query(on: app.db).count() == 2)
            #expect(try await Team.query(on: app.db).count() == 10)
            #expect(try await Plan.query(on: app.db).count() == 30)
            #expect(try await PlanAuthorisation.query(on: app.db).count() == 60)
            #expect(try await Goal.query(on: app.db).count() == 30 * 5)
            #expect(try await PlanAction.query(on: app.db).count() == 30 * 15)
            #expect(try await CheckIn.query(on: app.db).count() == 30 * 20)
            #expect(try await PlanNote.query(on: app.db).count() == 30 * 10)
            try await ScaleData.gatherPlannerStatistics(on: app.db)
            if let sql = app.db as? any SQLDatabase, sql.dialect.name == "postgresql" {
                // Until a table is first analysed, PostgreSQL counts its rows as -1.
                let rows = try await sql.raw("SELECT reltuples::int AS count FROM pg_class WHERE oid = 'plans'::regclass").first(decoding: Counted.self)
                #expect(rows?.count == 30)
            }
            // Each plan is shared with two different teams of the citizen's own organisation.
            for authorisations in Dictionary(grouping: try await PlanAuthorisation.query(on: app.db).all(), by: \.$plan.id).values {
                #expect(Set(authorisations.compactMap(\.granteeTeamID)).count == 2)
            }

            var citizen = Browser(app)
            try await citizen.signIn(ScaleData.citizenLogin(7), password: ScaleData.password)
            let whole = try await citizen.get("/plan/actions")
            #expect(whole.status == .ok)
            #expect(whole.body.string.contains("Step 2 towards goal 1"))
            var professional = Browser(app)
            try await professional.signIn(ScaleData.professionalLogin(0), password: ScaleData.password)
            let caseload = try await professional.get("/caseload").body.string
            #expect(caseload.contains("Citizen "))
        }
    }

    @Test func aConsultationAtScaleHasItsAnswersAndCodingsAndItsPagesWork() async throws {
        try await withApp { app, world in
            let loaded = try await ConsultationScaleData(respondents: 40).load(
                on: app.db, at: world.now, passwordHash: try Bcrypt.hash(ScaleData.password, cost: 4))
            #expect(loaded.answers == 160)
            #expect(try await Answer.query(on: app.db).count() == 160)
            // Half of the answers written, each of those coded by two people with one or two themes.
            let written = try await Answer.query(on: app.db).filter(\.$text != "").count()
            #expect(written == 80)
            #expect((2 * written...4 * written).contains(loaded.codings))
            #expect(try await Coding.query(on: app.db).count() == loaded.codings)
            #expect(Set(try await Respondent.query(on: app.db).all().map(\.language)) == Set(ScaleTexts.languages))

            // The figures, counted in the database, agree with the codings counted one by one.
            let figures = try await ConsultationFigures.load(loaded.consultationID, on: app.db)
            let codings = try await Coding.query(on: app.db).all()
            let themes = try await Codebook.themes(of: loaded.consultationID, on: app.db)
            #expect(figures.themes.map(\.path) == themes.map(\.path))
            for (theme, row) in zip(themes, figures.themes) {
                let answers = Set(codings.filter { $0.themeID == theme.id }.map(\.answerID)).count
                if let total = row.total { #expect(total == answers, "\(theme.path)") }
            }
            #expect(figures.themes.filter { $0.total != nil }.count >= 6)
            #expect(figures.questions.first?.answered == 40)

            var listener = Browser(app)
            try await listener.signIn(ConsultationScaleData.listenerLogin, password: ScaleData.password)
            let consultation = "/listening/consultations/\(loaded.consultationID)"
            for page in ["/figures", "/answers", "/agreement"] {
                #expect(try await listener.get(consultation + page).status == .ok, "\(page)")
            }
            let list = try await listener.get("/").body.string
            #expect(list.contains("/consultations\""))
            var anyone = Browser(app)
            let report = try await anyone.get(ConsultationScaleData.code.path + "/we-did")
            #expect(report.status == .ok)
            #expect(report.body.string.contains("A co-working space with mentors on demand"))
            // The respondent's page takes an answer, as the benchmark sends it.
            var respondent = Browser(app)
            try await respondent.get(ConsultationScaleData.code.path + "/q/2")
            #expect(try await respondent.post(ConsultationScaleData.code.path + "/q/2", [("text", "A desk near home.")]).status == .seeOther)
        }
    }

    struct Counted: Decodable {
        let count: Int
    }
}
