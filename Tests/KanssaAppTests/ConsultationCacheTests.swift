import Fluent
import Foundation
@testable import KanssaApp
import KanssaCore
import Listening
import SQLKit
import Testing
import VaporTesting

/// A consultation's kept pages are never older than its rows: the database raises the
/// consultation's revision on every change to anything they are built from, and a page is kept
/// only while the revision holds.
@Suite struct ConsultationCacheTests {
    /// One of the consultation's numbers as the database holds it: `revision` or `form_revision`.
    static func revision(_ column: String = "revision", of consultationID: UUID, on app: Application) async throws -> Int64 {
        let sql = try #require(app.db as? any SQLDatabase)
        let row = try #require(try await sql.select().column(column).from(Consultation.schema).where("id", .equal, consultationID).first())
        return try row.decode(column: column, as: Int64.self)
    }

    @Test func everyRowOfAConsultationRaisesItsRevisionAndNoOtherConsultations() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            let db = app.db
            let sql = try #require(db as? any SQLDatabase)
            let (open, draft) = (fixtures.openConsultation, fixtures.consultation)
            let staff = fixtures.accounts[.professional]!
            let now = world.now
            let verdict = try #require(try await Verdict.query(on: db).filter(\.$assumptionID == fixtures.openAssumption).first())

            // Each change, by whatever code: the revision of the consultation it belongs to moves,
            // the other's does not.
            let changes: [(String, UUID, () async throws -> Void)] = [
                ("its own title", open, { try await Consultation.query(on: db).filter(\.$id == open).set(\.$title, to: "Renamed").update() }),
                ("a translation", open, { try await Translation(consultationID: open, subjectID: open, field: .title, language: "fi",
                                                                 text: "Nimi", by: staff, at: now).create(on: db) }),
                ("a respondent", open, { try await Respondent(consultationID: open, channel: .paper, codeDigest: nil, language: "en",
                                                              groups: [], enteredByID: staff, at: now).create(on: db) }),
                ("an answer's moderation", open, { try await Answer.query(on: db).filter(\.$id == fixtures.writtenAnswer)
                    .set(\.$moderation, to: .moderated).update() }),
                ("a theme", open, { try await Theme(consultationID: open, parentID: nil, name: "Parking", description: "", createdByID: staff,
                                                    at: now).create(on: db) }),
                ("a coding", open, { try await Coding(answerID: fixtures.writtenAnswer, themeID: fixtures.theme, coderID: fixtures.accounts[.coordinator]!,
                                                      passage: nil, at: now).create(on: db) }),
                ("a coding removed", open, { try await Coding.query(on: db).filter(\.$coderID == fixtures.accounts[.coordinator]!).delete() }),
                ("a verdict", open, { try await Verdict.query(on: db).filter(\.$id == verdict.id!).set(\.$reasoning, to: "Heard").update() }),
                ("a verdict's evidence", open, { try await VerdictEvidence(verdictID: verdict.id!, codingID: fixtures.coding).create(on: db) }),
                ("a decision", open, { try await Decision.query(on: db).filter(\.$id == fixtures.decision).set(\.$subject, to: "Hours").update() }),
                ("a decision's ground", open, { try await DecisionGround.query(on: db).filter(\.$decisionID == fixtures.decision).delete() }),
                ("a decision's step", open, { try await DecisionUpdate(decisionID: fixtures.decision, status: .underWay, note: "Begun",
                                                                        byID: staff, at: now).create(on: db) }),
                // The open one's ledger and questions are frozen: the draft's are written to.
                ("a question", draft, { try await sql.update(Question.schema).set("position", to: SQLColumn("position"))
                    .where("id", .equal, fixtures.question).run() }),
                ("an assumption", draft, { try await Assumption.query(on: db).filter(\.$id == fixtures.assumption)
                    .set(\.$confidence, to: 55).update() }),
            ]
            for (what, owner, change) in changes {
                let other = owner == open ? draft : open
                let before = (try await Self.revision(of: owner, on: app), try await Self.revision(of: other, on: app))
                try await change()
                #expect(try await Self.revision(of: owner, on: app) > before.0, "\(what)")
                #expect(try await Self.revision(of: other, on: app) == before.1, "\(what)")
            }
            // Removing an answer with its codings raises it too.
            let before = try await Self.revision(of: open, on: app)
            try await VerdictEvidence.query(on: db).delete()
            try await Coding.query(on: db).filter(\.$answerID == fixtures.writtenAnswer).delete()
            try await Answer.query(on: db).filter(\.$id == fixtures.writtenAnswer).delete()
            #expect(try await Self.revision(of: open, on: app) > before)
        }
    }

    @Test func aKeptPageIsTheSameUntilSomethingOnItChanges() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            let cache = app.platform.consultations
            var anyone = Browser(app)
            let first = try await anyone.get("/c/VST234/we-did").body.string
            let built = cache.statistics.built
            #expect(try await anyone.get("/c/VST234/we-did").body.string.contains("How was your visit?"))
            #expect(cache.statistics.built == built, "nothing changed: nothing built")
            #expect(first.contains("Here") && first.contains("What we asked, and why"))
            // One kept model, its sections rendered in each reader's language.
            var finnish = Browser(app)
            try await finnish.get("/c/VST234/we-did")
            try await finnish.post("/language", [("language", "fi"), ("return", "/c/VST234/we-did")])
            let suomeksi = try await finnish.get("/c/VST234/we-did").body.string
            #expect(suomeksi.contains("Mitä kysyimme ja miksi") && !suomeksi.contains("What we asked, and why"))
            #expect(try await anyone.get("/c/VST234/we-did").body.string.contains("What we asked, and why"))
            #expect(cache.statistics.built == built)

            // The organisation's name is the directory's: the page follows it.
            try await Organisation.query(on: app.db).filter(\.$id == fixtures.here).set(\.$name, to: "Hereby").update()
            #expect(try await anyone.get("/c/VST234/we-did").body.string.contains("Hereby"))
            #expect(cache.statistics.built == built + 1)

            // A decision's progress, written by its owner.
            try await DecisionUpdate(decisionID: fixtures.decision, status: .done, note: "Open until eight", byID: fixtures.accounts[.professional]!,
                                     at: world.now).create(on: app.db)
            try await Decision.query(on: app.db).filter(\.$id == fixtures.decision).set(\.$status, to: .done).update()
            #expect(try await anyone.get("/c/VST234/we-did").body.string.contains("Open until eight"))

            // The team's pages too: a coding by a second coder shows on the agreement page.
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            let agreement = "/listening/consultations/\(fixtures.openConsultation)/agreement"
            let before = try await professional.get(agreement).body.string
            #expect(try await professional.get(agreement).body.string == before)
            try await Coding(answerID: fixtures.writtenAnswer, themeID: fixtures.theme, coderID: fixtures.accounts[.coordinator]!, passage: nil,
                             at: world.now).create(on: app.db)
            let after = try await professional.get(agreement).body.string
            #expect(after != before && after.contains("The coordinator"))
        }
    }

    /// The public pages keep a consultation's form — its texts, state, questions and their
    /// wording — by its form revision: what staff change moves it, answers coming in do not.
    @Test func theFormRespondentsMeetMovesWithWhatStaffChangeAndNotWithAnswers() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            let db = app.db
            let sql = try #require(db as? any SQLDatabase)
            let (open, draft) = (fixtures.openConsultation, fixtures.consultation)
            let staff = fixtures.accounts[.professional]!
            let now = world.now
            let moving: [(String, UUID, () async throws -> Void)] = [
                ("its own purpose", open, { try await Consultation.query(on: db).filter(\.$id == open).set(\.$purpose, to: "Better").update() }),
                ("a translation", open, { try await Translation(consultationID: open, subjectID: open, field: .title, language: "fi",
                                                                 text: "Nimi", by: staff, at: now).create(on: db) }),
                ("a question", draft, { try await sql.update(Question.schema).set("text", to: "Would mornings help?")
                    .where("id", .equal, fixtures.question).run() }),
            ]
            for (what, owner, change) in moving {
                let other = owner == open ? draft : open
                let before = (try await Self.revision("form_revision", of: owner, on: app), try await Self.revision("form_revision", of: other, on: app))
                try await change()
                #expect(try await Self.revision("form_revision", of: owner, on: app) > before.0, "\(what)")
                #expect(try await Self.revision("form_revision", of: other, on: app) == before.1, "\(what)")
            }
            let still: [(String, () async throws -> Void)] = [
                ("a respondent", { try await Respondent(consultationID: open, channel: .paper, codeDigest: nil, language: "en", groups: [],
                                                        enteredByID: staff, at: now).create(on: db) }),
                ("an answer's moderation", { try await Answer.query(on: db).filter(\.$id == fixtures.writtenAnswer)
                    .set(\.$moderation, to: .moderated).update() }),
                ("a coding", { try await Coding(answerID: fixtures.writtenAnswer, themeID: fixtures.theme, coderID: fixtures.accounts[.coordinator]!,
                                                passage: nil, at: now).create(on: db) }),
                ("a decision", { try await Decision.query(on: db).filter(\.$id == fixtures.decision).set(\.$subject, to: "Hours").update() }),
            ]
            for (what, change) in still {
                let (form, revision) = (try await Self.revision("form_revision", of: open, on: app), try await Self.revision(of: open, on: app))
                try await change()
                #expect(try await Self.revision("form_revision", of: open, on: app) == form, "\(what)")
                #expect(try await Self.revision(of: open, on: app) > revision, "\(what)")
            }

            // A respondent's pages follow the form as it stands: kept while nothing moved it, and
            // a consultation closed by anyone, through any code, takes no more answers at once.
            let cache = app.platform.consultations
            var person = Browser(app)
            #expect(try await person.get("/c/VST234/q/1").body.string.contains("What should we change?"))
            let read = cache.formStatistics.built
            #expect(try await person.post("/c/VST234/q/1", [("text", "Open on Saturdays")]).status == .seeOther)
            #expect(try await person.get("/c/VST234/answers").body.string.contains("Open on Saturdays"))
            #expect(cache.formStatistics.built == read, "answering reads the form once")
            try await Consultation.query(on: db).filter(\.$id == open).set(\.$state, to: .closed).update()
            #expect(try await person.post("/c/VST234/q/1", [("text", "And Sundays")]).status == .conflict)
            #expect(cache.formStatistics.built == read + 1)
            let kept = try await Answer.query(on: db).filter(\.$text == "And Sundays").count()
            #expect(kept == 0)
        }
    }

    @Test func aCrowdAskingAtOnceWaitsForOneBuild() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            let cache = ConsultationCache(capacity: 4)
            let builds = Counter()
            let db = app.db
            let consultation = fixtures.openConsultation
            let results = try await withThrowingTaskGroup(of: ConsultationCache.Kept<String>?.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        try await cache.model(.figures, of: .identified(consultation), on: db) { id -> String in
                            await builds.add()
                            try await Task.sleep(for: .milliseconds(200))
                            return id.uuidString
                        }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(results.map { $0?.model } == Array(repeating: consultation.uuidString, count: 8))
            #expect(await builds.value == 1)
            #expect(cache.statistics.built == 1)
            // Once built it is kept; an unknown consultation is nil and builds nothing.
            #expect(try await cache.model(.figures, of: .identified(consultation), on: db) { _ -> String in "again" }?.model == consultation.uuidString)
            #expect(try await cache.model(.figures, of: .identified(UUID()), on: db) { _ -> String in "none" } == nil)
            #expect(await builds.value == 1)
        }
    }

    actor Counter {
        var value = 0
        func add() { value += 1 }
    }
}
