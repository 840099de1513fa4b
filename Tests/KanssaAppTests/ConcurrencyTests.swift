import Agenda
import Fluent
import Foundation
@testable import KanssaApp
import KanssaCore
import Testing
import VaporTesting

/// Many people saving at once: no request fails and no write is lost, on the embedded SQLite
/// file (WAL) as on PostgreSQL.
@Suite struct ConcurrencyTests {
    @Test func parallelWritersAllSucceed() async throws {
        try await withAppOnFile { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            var admin = Browser(app)
            try await admin.signIn(Fixtures.login(.admin))
            try await admin.get("/organisations/\(fixtures.here)/admin")
            let writers = 40
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for index in 0..<writers {
                    let browser = admin
                    group.addTask {
                        var mine = browser
                        return try await mine.post("/organisations/\(fixtures.here)/teams", [("name", "Team \(index)")]).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0 == .seeOther }, "\(statuses)")
            #expect(try await Team.query(on: app.db).filter(\.$organisation.$id == fixtures.here).count() == writers + 2)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$event == .teamCreated).count() == writers)
        }
    }
}

/// A plan written by many people at once: the citizen's check-ins and notes, professionals'
/// actions, and many saves of one action from the same version — none fails, none is lost, and
/// of the saves of one version exactly one wins while the rest are told.
@Suite struct PlanConcurrencyTests {
    @Test func parallelWritersOnOnePlanLoseNothing() async throws {
        try await withAppOnFile { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            _ = try await PlanStore.saveAgenda(AgendaText(whatMatters: "Work"), planID: fixtures.citizenPlan, expectedVersion: 0,
                                               by: fixtures.accounts[.citizen]!, at: Date(), on: app.db)
            var citizen = Browser(app)
            try await citizen.signIn(Fixtures.login(.citizen))
            try await citizen.get("/plan/life")
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            try await professional.get("/plans/\(fixtures.citizenPlan)")
            let writers = 20
            let editPath = "/plans/\(fixtures.citizenPlan)/actions/\(fixtures.citizenAction)"
            let statuses = try await withThrowingTaskGroup(of: (String, HTTPStatus).self) { group in
                for index in 0..<writers {
                    let (c, p) = (citizen, professional)
                    group.addTask {
                        var mine = c
                        return ("check-in", try await mine.post("/plan/check-ins", [("rating-money", String(1 + index % 10))]).status)
                    }
                    group.addTask {
                        var mine = c
                        return ("note", try await mine.post("/plan/notes", [("note", "Note \(index)")]).status)
                    }
                    group.addTask {
                        var mine = p
                        return ("action", try await mine.post("/plans/\(fixtures.citizenPlan)/actions", [
                            ("actionText", "Action \(index)"), ("actionGoal", fixtures.citizenGoal.uuidString), ("actionOwner", "citizen"),
                        ]).status)
                    }
                    group.addTask {
                        var mine = p
                        return ("edit", try await mine.post(editPath, [
                            ("actionText", "Edit \(index)"), ("actionGoal", fixtures.citizenGoal.uuidString), ("actionOwner", "citizen"),
                            ("actionStatus", "open"), ("version", "0"),
                        ]).status)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            for kind in ["check-in", "note", "action"] {
                let failed = statuses.filter { $0.0 == kind && $0.1 != .seeOther }
                #expect(failed.isEmpty, "\(kind): \(failed)")
            }
            let edits = statuses.filter { $0.0 == "edit" }.map(\.1)
            #expect(edits.filter { $0 == .seeOther }.count == 1, "\(edits)")
            #expect(edits.filter { $0 == .conflict }.count == writers - 1, "\(edits)")
            #expect(try await CheckIn.query(on: app.db).filter(\.$plan.$id == fixtures.citizenPlan).count() == writers)
            #expect(try await PlanNote.query(on: app.db).filter(\.$plan.$id == fixtures.citizenPlan).count() == writers)
            #expect(try await PlanAction.query(on: app.db).filter(\.$plan.$id == fixtures.citizenPlan).count() == writers + 1)
            let edited = try #require(try await PlanAction.find(fixtures.citizenAction, on: app.db))
            #expect(edited.version == 1 && edited.text.hasPrefix("Edit "))
        }
    }
}
