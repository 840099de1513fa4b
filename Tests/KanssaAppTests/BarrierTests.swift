@testable import Evaluation
import Fluent
import Foundation
@testable import KanssaApp
import KanssaCore
import Listening
import Testing
import VaporTesting

/// The barrier register: coordinators record barriers; the owner follows theirs; evidence is read
/// again as it stands on each view; nothing of another organisation can be linked.
@Suite struct BarrierTests {
    static let day = 86_400.0

    static func register(_ fixtures: Fixtures) -> String { "/organisations/\(fixtures.here)/barriers" }

    static func details(_ fixtures: Fixtures, title: String = "Forty plans each and no time to talk",
                        owner: UUID? = nil) -> [(String, String)] {
        [("title", title), ("description", "Professionals have forty plans each and no hour for a real talk."), ("kind", "workload"),
         ("team", fixtures.outreachTeam.uuidString), ("service", "Youth guidance"),
         ("owner", (owner ?? fixtures.accounts[.professional]!).uuidString)]
    }

    @Test func aCoordinatorRecordsABarrierAndItsOwnerFollowsItToResolved() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            let register = Self.register(fixtures)
            var coordinator = Browser(app)
            try await coordinator.signIn(Fixtures.login(.coordinator))
            #expect(try await coordinator.get("/").body.string.contains(register))
            #expect(try await coordinator.get(register).body.string.contains("Record a barrier"))
            let recorded = try await coordinator.post(register, Self.details(fixtures))
            #expect(recorded.status == .seeOther)
            let barrier = try #require(try await Barrier.query(on: app.db).filter(\.$title == "Forty plans each and no time to talk").first())
            let page = "\(register)/\(try barrier.requireID())"
            #expect(recorded.headers.first(name: .location) == page + "?notice=recorded")
            #expect(barrier.status == .open && barrier.kind == .workload && barrier.teamID == fixtures.outreachTeam && barrier.service == "Youth guidance")
            #expect(try await AuditEntry.query(on: app.db).filter(\.$event == .barrierRecorded).count() == 1)
            let shown = try await coordinator.get(page + "?notice=recorded").body.string
            #expect(shown.contains("The barrier is recorded.") && shown.contains("Structural: workload") && shown.contains("Outreach · Youth guidance"))

            // The owner finds it on their home page and works on it.
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            let home = try await professional.get("/").body.string
            #expect(home.contains("Barrier you own: Forty plans each and no time to talk") && home.contains(page))
            // The owner follows their barrier; no link to the register they may not open.
            #expect(!(try await professional.get(page).body.string.contains("href=\"\(register)\"")))
            #expect(try await coordinator.get(page).body.string.contains("href=\"\(register)\""))
            #expect(try await professional.post(page + "/actions", [("action-text", "Cap new cases at 30"), ("action-due", "2027-02-15")]).status == .seeOther)
            #expect(try await professional.get("/").body.string.contains("next action due"))
            let action = try #require(try await BarrierAction.query(on: app.db).filter(\.$text == "Cap new cases at 30").first())
            try await professional.get(page)
            #expect(try await professional.post(page + "/actions/\(try action.requireID())/done").status == .seeOther)
            // Done twice (a double click): the first stands.
            let doneAt = try await BarrierAction.find(action.id, on: app.db)?.doneAt
            #expect(doneAt != nil)
            try await professional.get(page)
            #expect(try await professional.post(page + "/actions/\(try action.requireID())/done").status == .seeOther)
            #expect(try await BarrierAction.find(action.id, on: app.db)?.doneAt == doneAt)
            // Another barrier's action is not found through this one.
            try await professional.get(page)
            #expect(try await professional.post(page + "/actions/\(fixtures.barrierAction)/done").status == .notFound)
            #expect(try await BarrierAction.find(fixtures.barrierAction, on: app.db)?.doneAt == nil)
            try await professional.get(page)
            #expect(try await professional.post(page + "/reviews", [("review-status", "beingAddressed"), ("review-note", "Cap agreed with the manager.")])
                .status == .seeOther)
            #expect(try await Barrier.find(barrier.id, on: app.db)?.status == .beingAddressed)
            // The owner may not change what the barrier is: that is the register's keepers'.
            try await professional.get(page)
            #expect(try await professional.post(page, Self.details(fixtures, title: "Renamed")).status == .forbidden)

            // Resolved, it leaves the current list for the settled one, with its reviews kept.
            try await coordinator.get(page)
            #expect(try await coordinator.post(page + "/reviews", [("review-status", "resolved"), ("review-note", "Caseloads are at 28.")])
                .status == .seeOther)
            #expect(!(try await coordinator.get(register).body.string.contains("Forty plans each and no time to talk")))
            #expect(try await coordinator.get(register + "?showing=settled").body.string.contains("Forty plans each and no time to talk"))
            let reviewed = try await coordinator.get(page).body.string
            #expect(reviewed.contains("Caseloads are at 28.") && reviewed.contains("Cap agreed with the manager.") && reviewed.contains("Done on "))
            #expect(!(try await professional.get("/").body.string.contains("Barrier you own: Forty plans each")))
            #expect(try await AuditEntry.query(on: app.db).filter(\.$event == .barrierChanged).count() == 4)

            // The coordinator hands it to someone else: the professional no longer follows it.
            try await coordinator.get(page)
            #expect(try await coordinator.post(page, Self.details(fixtures, owner: fixtures.accounts[.coordinator]!)).status == .seeOther)
            #expect(try await professional.get(page).status == .forbidden)
        }
    }

    @Test func evidenceShowsItsFiguresAsTheyStandToday() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            // Two closed periods of the outreach team's pulse: five answers of 2, then six of 4.
            for _ in 0..<5 { try await PulseTests.answer(2, fixtures, app, period: 0) }
            world.advance(by: 28 * Self.day)
            for _ in 0..<6 { try await PulseTests.answer(4, fixtures, app, period: 1) }
            world.advance(by: 8 * Self.day)
            let page = "\(Self.register(fixtures))/\(fixtures.barrier)"
            var coordinator = Browser(app)
            try await coordinator.signIn(Fixtures.login(.coordinator))
            try await coordinator.get(page)
            for form in [
                [("kind", "pulse"), ("pulse", "\(fixtures.pulse)/workload"), ("pulse-team", fixtures.outreachTeam.uuidString)],
                [("kind", "staff"), ("staff-team", fixtures.outreachTeam.uuidString)],
                [("kind", "theme"), ("theme", fixtures.theme.uuidString)],
                [("kind", "decision"), ("decision", fixtures.decision.uuidString)],
                [("kind", "note"), ("note", "Three of five said so at the team day.")],
            ] {
                try await coordinator.get(page)
                #expect(try await coordinator.post(page + "/evidence", form).status == .seeOther, "\(form)")
            }
            // The same link again changes nothing.
            try await coordinator.get(page)
            #expect(try await coordinator.post(page + "/evidence", [("kind", "theme"), ("theme", fixtures.theme.uuidString)]).status == .seeOther)
            #expect(try await BarrierEvidence.query(on: app.db).count() == 5)
            let shown = try await coordinator.get(page).body.string
            #expect(shown.contains("Staff pulse “Monthly pulse”: Workload, Outreach"))
            #expect(shown.contains("Latest: 4.0") && shown.contains("6 people"))
            #expect(shown.contains("Workload rose from 2.0"))
            #expect(shown.contains("Staff changes in Outreach") && shown.contains("turnover"))
            #expect(shown.contains("Fewer than five answers coded to it."))
            #expect(shown.contains("Decision in") && shown.contains("Opening hours") && shown.contains("Planned"))
            #expect(shown.contains("Three of five said so at the team day."))

            // The decision moves on: the barrier's page says so on the next view.
            try await Decision.query(on: app.db).filter(\.$id == fixtures.decision).set(\.$status, to: .done).update()
            #expect(try await coordinator.get(page).body.string.contains("Done, due"))
        }
    }

    @Test func evidenceOfAnotherOrganisationOrAPulsesOtherTeamIsRefused() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            let foreign = try await IDORSweepTests.foreign(fixtures, on: app, now: world.now)
            let page = "\(Self.register(fixtures))/\(fixtures.barrier)"
            var coordinator = Browser(app)
            try await coordinator.signIn(Fixtures.login(.coordinator))
            try await coordinator.get(page)
            let refused: [([(String, String)], String)] = [
                ([("kind", "pulse"), ("pulse", "\(foreign.pulse)/workload")], "Choose a pulse and condition of your organisation"),
                ([("kind", "pulse"), ("pulse", "\(fixtures.pulse)/not-a-condition")], "Choose a pulse and condition of your organisation"),
                // The pulse asks the outreach team only.
                ([("kind", "pulse"), ("pulse", "\(fixtures.pulse)/workload"), ("pulse-team", fixtures.otherTeam.uuidString)], "Choose a team"),
                ([("kind", "staff"), ("staff-team", fixtures.otherTeam.uuidString)], "Choose a team"),
                ([("kind", "theme"), ("theme", foreign.theme.uuidString)], "Choose one of your organisation's themes"),
                ([("kind", "decision"), ("decision", foreign.decision.uuidString)], "Choose one of your organisation's themes"),
                ([("kind", "decision"), ("decision", fixtures.theme.uuidString)], "Choose one of your organisation's themes"),
                ([("kind", "note"), ("note", "   ")], "Write the note."),
                ([("kind", "gossip")], "Choose a pulse"),
            ]
            for (form, message) in refused {
                try await coordinator.get(page)
                let response = try await coordinator.post(page + "/evidence", form)
                #expect(response.status == .unprocessableEntity, "\(form)")
                #expect(response.body.string.replacingOccurrences(of: "&#39;", with: "'").contains(message), "\(form)")
            }
            #expect(try await BarrierEvidence.query(on: app.db).filter(\.$barrierID == fixtures.barrier).count() == 0)
        }
    }

    @Test func evidenceLinkedByMistakeComesOffOnce() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            let page = "\(Self.register(fixtures))/\(fixtures.barrier)"
            var coordinator = Browser(app)
            try await coordinator.signIn(Fixtures.login(.coordinator))
            try await coordinator.get(page)
            #expect(try await coordinator.post(page + "/evidence", [("kind", "note"), ("note", "Wrong barrier")]).status == .seeOther)
            let linked = try #require(try await BarrierEvidence.query(on: app.db).first()?.requireID())
            let shown = try await coordinator.get(page).body.string
            #expect(shown.contains("Wrong barrier") && shown.contains("\(page)/evidence/\(linked)/remove"))
            #expect(try await coordinator.post(page + "/evidence/\(linked)/remove").status == .seeOther)
            #expect(try await BarrierEvidence.query(on: app.db).count() == 0)
            #expect(!(try await coordinator.get(page).body.string.contains("Wrong barrier")))
            // A double click: the second finds nothing to take off.
            try await coordinator.get(page)
            #expect(try await coordinator.post(page + "/evidence/\(linked)/remove").status == .notFound)
            let changes = try await AuditEntry.query(on: app.db).filter(\.$event == .barrierChanged).count()
            #expect(changes == 2)
        }
    }

    @Test func badDetailsAreRefusedWithAMessageAndChangeNothing() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            let register = Self.register(fixtures)
            var coordinator = Browser(app)
            try await coordinator.signIn(Fixtures.login(.coordinator))
            try await coordinator.get(register)
            let before = try await Barrier.query(on: app.db).count()
            let cases: [(String, String, String)] = [
                ("title", "", "Name the barrier in a few words."),
                ("title", "   ", "Name the barrier in a few words."),
                ("title", String(repeating: "x", count: 201), "200"),
                ("description", "", "Say what happens because of it."),
                ("kind", "laziness", "Choose the kind of barrier from the list."),
                ("team", UUID().uuidString, "Choose one of your organisation"),
                ("team", fixtures.otherTeam.uuidString, "Choose one of your organisation"),
                // A citizen cannot own a barrier, nor can someone of another organisation.
                ("owner", fixtures.accounts[.citizen]!.uuidString, "Choose who sees to it from the list."),
                ("owner", fixtures.adminElsewhere.uuidString, "Choose who sees to it from the list."),
            ]
            for (field, value, message) in cases {
                try await coordinator.get(register)
                let form = Self.details(fixtures).map { $0.0 == field ? (field, value) : $0 }
                let response = try await coordinator.post(register, form)
                #expect(response.status == .unprocessableEntity, "\(field)=\(value.prefix(20))")
                #expect(response.body.string.replacingOccurrences(of: "&#39;", with: "'").contains(message), "\(field)=\(value.prefix(20))")
            }
            try await coordinator.get(register)
            let tooMuch = try await coordinator.post(register, Self.details(fixtures, title: String(repeating: "x", count: 100_000)))
            #expect(tooMuch.status == .payloadTooLarge)
            #expect(try await Barrier.query(on: app.db).count() == before)

            let page = "\(register)/\(fixtures.barrier)"
            try await coordinator.get(page)
            #expect(try await coordinator.post(page + "/actions", [("action-text", ""), ("action-due", "2027-02-30")]).body.string
                .contains("Give the day it is due, as a date."))
            try await coordinator.get(page)
            #expect(try await coordinator.post(page + "/reviews", [("review-status", "forgotten"), ("review-note", "")]).body.string
                .contains("Choose how the barrier stands now."))
            #expect(try await BarrierAction.query(on: app.db).count() == 1)
            #expect(try await BarrierReview.query(on: app.db).count() == 0)
            #expect(try await Barrier.find(fixtures.barrier, on: app.db)?.status == .open)
        }
    }

    @Test func barrierPagesShowPayloadsEscaped() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            let payload = PayloadSweepTests.payload
            let register = Self.register(fixtures)
            var coordinator = Browser(app)
            try await coordinator.signIn(Fixtures.login(.coordinator))
            try await coordinator.get(register)
            var form = Self.details(fixtures, title: payload)
            form = form.map { $0.0 == "description" || $0.0 == "service" ? ($0.0, payload) : $0 }
            #expect(try await coordinator.post(register, form).status == .seeOther)
            let barrier = try #require(try await Barrier.query(on: app.db).filter(\.$title == payload).first())
            let page = "\(register)/\(try barrier.requireID())"
            try await coordinator.get(page)
            try await coordinator.get(page)
            #expect(try await coordinator.post(page + "/evidence", [("kind", "note"), ("note", payload)]).status == .seeOther)
            try await coordinator.get(page)
            #expect(try await coordinator.post(page + "/actions", [("action-text", payload), ("action-due", "2027-01-10")]).status == .seeOther)
            try await coordinator.get(page)
            #expect(try await coordinator.post(page + "/reviews", [("review-status", "open"), ("review-note", payload)]).status == .seeOther)
            PayloadSweepTests.expectEscaped(try await coordinator.get(register).body.string, "barriers")
            PayloadSweepTests.expectEscaped(try await coordinator.get(page).body.string, "barrier")
            try await coordinator.get(page)
            PayloadSweepTests.expectEscaped(try await coordinator.post(page, [("title", payload), ("kind", payload)]).body.string, "barrier refused")
            try await coordinator.get(page)
            PayloadSweepTests.expectEscaped(try await coordinator.post(page + "/evidence", [("kind", "pulse"), ("pulse", payload)]).body.string,
                                            "evidence refused")
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            PayloadSweepTests.expectEscaped(try await professional.get("/").body.string, "home with a barrier")
        }
    }
}
