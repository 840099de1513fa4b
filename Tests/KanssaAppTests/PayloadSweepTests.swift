import Agenda
import Evaluation
import Fluent
import Foundation
@testable import KanssaApp
import KanssaCore
import Listening
import Testing
import VaporTesting

/// Stores a script payload in every field a person can write, renders every page, and fails if
/// the payload comes out live anywhere. Later modules add their fields and pages here.
@Suite struct PayloadSweepTests {
    static let payload = #"Eve"><script>alert(1)</script><img src=x onerror=alert(2)>' javascript:alert(3) &lt;b&gt;"#

    @Test func noPageShowsAPayloadUnescaped() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            try await Organisation.query(on: app.db).filter(\.$id == fixtures.here).set(\.$name, to: "Org " + Self.payload).update()
            var admin = Browser(app)
            try await admin.signIn(Fixtures.login(.admin))
            try await admin.get("/me")
            #expect(try await admin.post("/me", [("displayName", Self.payload), ("language", "en")]).status == .seeOther)
            try await admin.get("/organisations/\(fixtures.here)/admin")
            #expect(try await admin.post("/organisations/\(fixtures.here)/teams", [("name", "Team " + Self.payload)]).status == .seeOther)
            // Rejected input is shown back in the form: that must be escaped too.
            try await admin.get("/organisations/\(fixtures.here)/admin")
            let rejected = try await admin.post("/organisations/\(fixtures.here)/teams", [("name", "Team " + Self.payload)])
            Self.expectEscaped(rejected.body.string, "team form")
            try await admin.get("/sign-in")

            // The citizen's plan: every field of the agenda and a goal.
            var citizen = Browser(app)
            try await citizen.signIn(Fixtures.login(.citizen))
            try await citizen.get("/plan")
            #expect(try await citizen.post("/plan/agenda", [
                ("whatMatters", Self.payload), ("appreciated", Self.payload), ("important", Self.payload),
                ("support", Self.payload), ("version", "0"),
            ]).status == .seeOther)
            try await citizen.get("/plan")
            #expect(try await citizen.post("/plan/goals", [("goal", Self.payload)]).status == .seeOther)
            try await citizen.get("/plan")
            #expect(try await citizen.post("/plan/strengths", [("kind", "place"), ("strength", Self.payload)]).status == .seeOther)
            Self.expectEscaped(try await citizen.get("/plan").body.string, "/plan")
            let conflict = try await citizen.post("/plan/agenda", [("whatMatters", Self.payload + " again"), ("version", "0")])
            #expect(conflict.status == .conflict)
            Self.expectEscaped(conflict.body.string, "/plan conflict")

            // A purpose written by the citizen shows on their receipt, the shared plan and the trace.
            try await citizen.get("/plan/sharing")
            #expect(try await citizen.post("/plan/authorisations", [
                ("team", fixtures.outreachTeam.uuidString), ("sections[]", "agenda"), ("sections[]", "goals"), ("sections[]", "strengths"), ("sections[]", "timeline"),
                ("purpose", Self.payload), ("legalBasis", "public-task"), ("until", "2026-12-31"),
            ]).status == .seeOther)
            Self.expectEscaped(try await citizen.get("/plan/sharing").body.string, "/plan/sharing")
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            Self.expectEscaped(try await professional.get("/caseload").body.string, "/caseload")
            try await professional.get("/plans/\(fixtures.citizenPlan)")
            #expect(try await professional.post("/plans/\(fixtures.citizenPlan)/notes", [("note", Self.payload)]).status == .seeOther)
            Self.expectEscaped(try await professional.get("/plans/\(fixtures.citizenPlan)").body.string, "/plans/:plan")
            try await citizen.get("/plan")
            #expect(try await citizen.post("/plan/notes", [("note", Self.payload)]).status == .seeOther)
            Self.expectEscaped(try await citizen.get("/plan").body.string, "/plan with notes")
            Self.expectEscaped(try await citizen.get("/me").body.string, "/me of the citizen")

            // Actions (text, supporter) and check-in notes, on every page that shows them.
            let goal = try #require(try await Goal.query(on: app.db).filter(\.$text == Self.payload).first())
            try await citizen.get("/plan/actions")
            #expect(try await citizen.post("/plan/actions", [
                ("actionText", Self.payload), ("actionGoal", goal.id!.uuidString), ("actionOwner", "supporter"),
                ("actionSupporter", Self.payload), ("actionDue", "2026-06-01"),
            ]).status == .seeOther)
            Self.expectEscaped(try await citizen.get("/plan/actions").body.string, "/plan/actions")
            let rejectedAction = try await citizen.post("/plan/actions", [("actionText", Self.payload), ("actionDue", Self.payload)])
            Self.expectEscaped(rejectedAction.body.string, "action form")
            let action = try #require(try await PlanAction.query(on: app.db).filter(\.$text == Self.payload).first())
            Self.expectEscaped(try await citizen.get("/plan/actions/\(action.id!)").body.string, "/plan/actions/:action")
            try await citizen.get("/plan/life")
            #expect(try await citizen.post("/plan/check-ins", [("rating-home", "4"), ("note-home", Self.payload)]).status == .seeOther)
            Self.expectEscaped(try await citizen.get("/plan/life").body.string, "/plan/life")
            let rejectedCheckIn = try await citizen.post("/plan/check-ins", [("rating-home", Self.payload), ("note-money", Self.payload)])
            Self.expectEscaped(rejectedCheckIn.body.string, "check-in form")
            try await citizen.get("/plan/sharing")
            #expect(try await citizen.post("/plan/authorisations", [
                ("team", fixtures.outreachTeam.uuidString), ("sections[]", "actions"), ("sections[]", "goals"), ("sections[]", "check-ins"),
                ("purpose", Self.payload), ("legalBasis", "public-task"), ("until", "2026-12-31"),
            ]).status == .seeOther)
            Self.expectEscaped(try await professional.get("/plans/\(fixtures.citizenPlan)").body.string, "/plans/:plan with actions")
            Self.expectEscaped(try await professional.get("/caseload?q=" + (Self.payload.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")).body.string, "/caseload search")
            Self.expectEscaped(try await professional.get("/caseload").body.string, "/caseload with actions")
            Self.expectEscaped(try await citizen.get("/me/export").body.string, "/me/export")

            let member = "/organisations/\(fixtures.here)/members/\(fixtures.accounts[.admin]!)"
            let pages = [
                "/", "/me", "/organisations/\(fixtures.here)/admin", member, "/organisations/\(fixtures.here)/invitations/new",
                "/join?code=" + (Self.payload.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""),
                "/no-such-page",
            ]
            for page in pages {
                let response = try await admin.get(page)
                Self.expectEscaped(response.body.string, page)
            }
            var anonymous = Browser(app)
            let signIn = try await anonymous.get("/sign-in?next=" + (Self.payload.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
            Self.expectEscaped(signIn.body.string, "/sign-in?next")
            try await anonymous.post("/sign-in", [("login", Self.payload), ("password", "x")])
            Self.expectEscaped(anonymous.lastPage, "sign-in form")
        }
    }

    /// Listening: every field of a consultation, its ledger, its questions and their choices, and
    /// what respondents write — on the team's pages and the public ones.
    @Test func listeningShowsPayloadsEscaped() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            let list = "/organisations/\(fixtures.here)/consultations"
            try await professional.get(list)
            let started = try await professional.post(list, [
                ("team", fixtures.outreachTeam.uuidString), ("title", Self.payload), ("purpose", Self.payload), ("audience", Self.payload),
                ("opensOn", "2026-06-01"), ("closesOn", "2026-06-30"), ("groups", Self.payload + "\nOthers"), ("language", "en"),
            ])
            let path = try #require(started.headers.first(name: .location)?.components(separatedBy: "?").first)
            try await professional.get(list)
            Self.expectEscaped(try await professional.post(list, [("title", Self.payload), ("groups", Self.payload)]).body.string, "consultation form")
            try await professional.get(path)
            #expect(try await professional.post(path + "/assumptions", [
                ("statement", Self.payload), ("heldBy", Self.payload), ("confidence", "50"), ("ifWrong", Self.payload),
            ]).status == .seeOther)
            try await professional.get(path)
            #expect(try await professional.post(path + "/questions", [
                ("kind", "single-choice"), ("text", Self.payload), ("choices", Self.payload + "\nNo"),
            ]).status == .seeOther)
            try await professional.get(path)
            #expect(try await professional.post(path + "/questions", [("kind", "story"), ("text", Self.payload)]).status == .seeOther)
            try await professional.get(path)
            Self.expectEscaped(try await professional.post(path + "/questions", [("kind", "scale"), ("text", Self.payload), ("choices", Self.payload)])
                .body.string, "question form")
            Self.expectEscaped(try await professional.get(path).body.string, "consultation page")
            try await professional.get(path + "/open")
            #expect(try await professional.post(path + "/open").status == .seeOther)
            let consultationID = try #require(UUID(uuidString: String(path.split(separator: "/").last ?? "")))
            let code = try #require(try await Consultation.find(consultationID, on: app.db)?.publicCode)

            var respondent = Browser(app)
            for page in ["/c/\(code)", "/c/\(code)/about", "/c/\(code)/q/1", "/c/\(code)/return"] {
                Self.expectEscaped(try await respondent.get(page).body.string, page)
            }
            try await respondent.get("/c/\(code)/about")
            #expect(try await respondent.post("/c/\(code)/about", [("groups[]", "0")]).status == .seeOther)
            try await respondent.get("/c/\(code)/q/1")
            #expect(try await respondent.post("/c/\(code)/q/1", [("choice", "0")]).status == .seeOther)
            try await respondent.get("/c/\(code)/q/2")
            #expect(try await respondent.post("/c/\(code)/q/2", [("text", Self.payload), ("consent[]", "quote")]).status == .seeOther)
            try await respondent.get("/c/\(code)/q/2")
            Self.expectEscaped(try await respondent.post("/c/\(code)/q/2", [("text", Self.payload + "\u{7}")]).body.string, "answer form")
            try await respondent.get("/c/\(code)/return")
            Self.expectEscaped(try await respondent.post("/c/\(code)/return", [("privateCode", Self.payload)]).body.string, "private code form")
            Self.expectEscaped(try await respondent.get("/c/\(code)/answers").body.string, "your answers")
            Self.expectEscaped(try await respondent.get("/c?code=" + (Self.payload.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
                .body.string, "/c?code")

            try await professional.get(path + "/answers/new")
            Self.expectEscaped(try await professional.post(path + "/answers/new", [("channel", "paper"), ("q[2][text]", Self.payload + "\u{7}")])
                .body.string, "entry form")
            try await professional.get(path + "/answers/new")
            #expect(try await professional.post(path + "/answers/new", [("channel", "paper"), ("q[2][text]", Self.payload)]).status == .seeOther)
            // Moderating what was written: the reason and the words to hide shown back, and in the log.
            let written = try #require(try await Answer.query(on: app.db).filter(\.$text == Self.payload).first())
            let moderation = path + "/answers/\(try written.requireID())/moderation"
            try await professional.get(moderation)
            Self.expectEscaped(try await professional.post(moderation, [("version", "0"), ("words", Self.payload + " not there")]).body.string,
                               "moderation form")
            try await professional.get(moderation)
            #expect(try await professional.post(moderation, [("version", "0"), ("words", "Eve"), ("reason", Self.payload)]).status == .seeOther)
            Self.expectEscaped(try await professional.get(moderation).body.string, "moderation page")
            // The codebook and a coding: a theme's name and description, and the words of a passage.
            try await professional.get(path + "/codebook")
            #expect(try await professional.post(path + "/codebook", [("name", Self.payload), ("description", Self.payload)]).status == .seeOther)
            try await professional.get(path + "/codebook")
            Self.expectEscaped(try await professional.post(path + "/codebook", [("name", Self.payload)]).body.string, "codebook form")
            let theme = try #require(try await Theme.query(on: app.db).filter(\.$name == Self.payload).first())
            let coding = path + "/answers/\(try written.requireID())/coding"
            try await professional.get(coding)
            #expect(try await professional.post(coding, [("themes[]", try theme.requireID().uuidString), ("words", "<script>alert")]).status == .seeOther)
            try await professional.get(coding)
            Self.expectEscaped(try await professional.post(coding, [("themes[]", Self.payload), ("words", Self.payload + "x")]).body.string, "coding form")
            // Suggested themes: the payload answer among the typical answers and its words, a name of one's own, a bad language.
            let suggestions = path + "/suggestions"
            try await professional.get(suggestions)
            Self.expectEscaped(try await professional.post(suggestions, [("language", Self.payload), ("wanted", Self.payload)]).body.string,
                               "suggestions form")
            let respondentOfWritten = try #require(try await Respondent.find(written.respondentID, on: app.db))
            guard case .success(let runID) = try await Suggestions.start(
                consultationID: respondentOfWritten.consultationID, language: respondentOfWritten.language, wanted: 2,
                by: try #require(try await Theme.query(on: app.db).first()).createdByID, at: world.now, on: app.db)
            else { Issue.record("no suggestion run"); return }
            await Suggestions.work(runID, clustering: { texts, wanted, progress in TextClusters.cluster(texts, count: wanted, progress: progress) },
                                   now: { world.now }, on: app.db)
            let suggestion = try #require(try await ThemeSuggestion.query(on: app.db).first())
            try await professional.get(suggestions)
            Self.expectEscaped(try await professional.post(suggestions + "/\(try suggestion.requireID())", [
                ("choice", "rename"), ("name-\(try suggestion.requireID().uuidString.lowercased())", Self.payload),
            ]).body.string, "suggestion renamed")
            for page in [coding, path + "/codebook", path + "/agreement", suggestions] {
                Self.expectEscaped(try await professional.get(page).body.string, page)
            }
            for page in [path + "/answers", path + "/poster", path + "/answers/new", path] {
                Self.expectEscaped(try await professional.get(page).body.string, page)
            }
            _ = world
        }
    }

    @Test func pulsesShowPayloadsEscaped() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            // A team named with the payload, asked by a pulse named with it.
            let team = Team(organisationID: fixtures.here, name: Self.payload, createdAt: world.now)
            try await team.create(on: app.db)
            var coordinator = Browser(app)
            try await coordinator.signIn(Fixtures.login(.coordinator))
            let pulses = "/organisations/\(fixtures.here)/pulses"
            try await coordinator.get(pulses)
            let today = PlanActions.day(world.now, in: app.platform.config.timeZone)
            #expect(try await coordinator.post(pulses, [("label", Self.payload), ("teams[]", try team.requireID().uuidString),
                                                        ("teams[]", fixtures.outreachTeam.uuidString), ("every", "4"), ("open", "7"),
                                                        ("starts", today)]).status == .seeOther)
            try await coordinator.get(pulses)
            Self.expectEscaped(try await coordinator.post(pulses, [("label", Self.payload), ("teams[]", Self.payload), ("every", Self.payload),
                                                                  ("open", Self.payload), ("starts", Self.payload)]).body.string, "pulse form")
            let pulse = try #require(try await PulseSchedule.query(on: app.db).filter(\.$label == Self.payload).first())
            Self.expectEscaped(try await coordinator.get(pulses).body.string, "pulses")
            Self.expectEscaped(try await coordinator.get("\(pulses)/\(try pulse.requireID())?team=\(try team.requireID())").body.string, "pulse figures")
            // The professional works in both teams: the payload team is among those to answer for.
            try await TeamMember(teamID: try team.requireID(), accountID: fixtures.accounts[.professional]!, createdAt: world.now).create(on: app.db)
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            Self.expectEscaped(try await professional.get("/").body.string, "home with a pulse")
            let answering = "/pulses/\(try pulse.requireID())"
            Self.expectEscaped(try await professional.get(answering).body.string, "pulse to answer")
            Self.expectEscaped(try await professional.post(answering, [("team", Self.payload), ("item-wl1", Self.payload)]).body.string,
                               "pulse answered badly")
        }
    }

    static func expectEscaped(_ html: String, _ where: String) {
        // What would run if escaping failed: a tag from the payload, or the payload breaking out
        // of an attribute (its quote followed by a real ">" or a space and another attribute).
        for live in ["<script>alert", "<img src=x", #"Eve">"#, #"Eve" "#, "Eve'>", "alert(2)>"] {
            #expect(!html.contains(live), "\(`where`) shows \(live) unescaped")
        }
        #expect(!html.contains(#"href="javascript:"#), "\(`where`) links to javascript:")
    }
}
